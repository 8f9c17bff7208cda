"""Benchmark: how long each open data table takes as CSV and as JSON, and the whole data
package, on the Stockport example, through the same functions the /data/ views call
(:mod:`onefuture.opendata.files`).

Usage (from the repository root, after ``make install``)::

    ONEFUTURE_VAR_DIR=/tmp/opendata .venv/bin/onefuture demo    # the example, in a spare folder
    ONEFUTURE_VAR_DIR=/tmp/opendata .venv/bin/python benchmarks/opendata.py [--place SLUG]

Prints a table: rows, CSV bytes and seconds, JSON seconds per table, then the zip. No target
is set by the issue; the files are built per request (ADR 0040), so a table's time is what a
first, uncached download costs. Reads nothing from ``/work/shared``.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--place", default=None)
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "onefuture.config.settings")
    import django

    django.setup()
    from onefuture.opendata import files
    from onefuture.opendata.registry import open_table_list
    from onefuture.places.selectors import place_resolve

    place = place_resolve(slug=args.place)
    print(f"{'table':<22} {'rows':>7} {'CSV bytes':>11} {'CSV s':>7} {'JSON s':>7}")
    for table in open_table_list():
        start = time.perf_counter()
        text = files.table_csv(table, place)
        csv_seconds = time.perf_counter() - start
        start = time.perf_counter()
        body = files.table_json(table, place)
        json_seconds = time.perf_counter() - start
        print(
            f"{table.name:<22} {len(body['rows']):>7,} {len(text.encode()):>11,} "
            f"{csv_seconds:>7.3f} {json_seconds:>7.3f}"
        )
    start = time.perf_counter()
    zipped = files.package_zip(place)
    print(
        f"{'data package (zip)':<22} {'':>7} {len(zipped):>11,} {time.perf_counter() - start:>7.3f}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
