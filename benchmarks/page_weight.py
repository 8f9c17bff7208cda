"""Benchmark: how much a reader downloads for the measure pages, the progress page and the big
thing pages of the Stockport example: HTML and JavaScript, raw, gzip and brotli.

Usage (from the repository root, after ``make install``)::

    ONEFUTURE_VAR_DIR=/tmp/weight .venv/bin/onefuture demo     # the example, in a spare folder
    ONEFUTURE_VAR_DIR=/tmp/weight .venv/bin/python benchmarks/page_weight.py

Each page is fetched with Django's test client from the database the settings name (the demo's),
its HTML measured, and every ``<script src>`` and JSON ``data-*-src`` file it loads from
``/static/`` found on disk (the built files in ``web/static/onefuture/build``) and measured too.
gzip is level 9 (what WhiteNoise writes); brotli is quality 11 when the ``brotli`` package is
installed (WhiteNoise writes ``.br`` files with it), else that column is empty. Reads nothing from
``/work/shared``; writes nothing.
"""

from __future__ import annotations

import gzip
import os
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

_ASSET = re.compile(r'(?:<script[^>]+src|data-[a-z-]+-src)="(/static/[^"?#]+)"')


def _brotli(data: bytes) -> int | None:
    try:
        import brotli
    except ImportError:
        return None
    return len(brotli.compress(data, quality=11))


def _sizes(data: bytes) -> tuple[int, int, int | None]:
    return len(data), len(gzip.compress(data, compresslevel=9)), _brotli(data)


def _kb(n: int | None) -> str:
    return "" if n is None else f"{n / 1024:,.1f}"


def _static_file(url: str) -> Path | None:
    from django.conf import settings
    from django.contrib.staticfiles import finders

    name = url.removeprefix(settings.STATIC_URL)
    found = finders.find(name)
    if found:
        return Path(found)
    # A hashed name from the manifest storage: the original is the one without the hash.
    unhashed = re.sub(r"\.[0-9a-f]{12}(\.[a-z]+)$", r"\1", name)
    found = finders.find(unhashed)
    return Path(found) if found else None


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "onefuture.config.settings")
    import django

    django.setup()
    from django.test import Client

    from onefuture.framework.selectors import big_thing_list
    from onefuture.measures import selectors
    from onefuture.places.selectors import place_resolve

    place = place_resolve()
    client = Client()
    paths = ["/progress/"]
    paths += [f"/big-things/{bt.key}/" for bt in big_thing_list(place=place)]
    paths += [f"/measures/{m.key}/" for m in selectors.measure_list(place=place)]
    print(f"{'page':<58} {'HTML KB':>8} {'gzip':>6} {'br':>6} {'JS KB':>8} {'gzip':>6} {'br':>6}")
    totals = {"html": [0, 0, 0], "js": [0, 0, 0]}
    worst: tuple[int, str] = (0, "")
    for path in paths:
        response = client.get(path)
        assert response.status_code == 200, (path, response.status_code)
        html = response.content
        h = _sizes(html)
        js = [0, 0, 0]
        for url in sorted(set(_ASSET.findall(html.decode()))):
            file = _static_file(url)
            if file is None:
                print(f"  (not found on disk: {url})")
                continue
            for i, n in enumerate(_sizes(file.read_bytes())):
                js[i] += n or 0
        for i in range(3):
            totals["html"][i] += h[i] or 0
            totals["js"][i] += js[i]
        worst = max(worst, (h[0], path))
        print(
            f"{path:<58} {_kb(h[0]):>8} {_kb(h[1]):>6} {_kb(h[2]):>6}"
            f" {_kb(js[0]):>8} {_kb(js[1]):>6} {_kb(js[2] if h[2] is not None else None):>6}"
        )
    n = len(paths)
    print(
        f"{'mean of ' + str(n) + ' pages':<58}"
        + "".join(f" {_kb(v // n):>{w}}" for v, w in zip(totals["html"], (8, 6, 6), strict=True))
        + "".join(f" {_kb(v // n):>{w}}" for v, w in zip(totals["js"], (8, 6, 6), strict=True))
    )
    print(f"largest HTML: {worst[1]} ({_kb(worst[0])} KB)")


if __name__ == "__main__":
    main()
