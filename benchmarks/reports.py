"""Benchmark: how long each report kind takes in each format, and all of them together, on the
Stockport example, through the one entry point every front end uses (``report_generate``).

Usage (from the repository root, after ``make install``)::

    ONEFUTURE_VAR_DIR=/tmp/reports .venv/bin/onefuture demo     # the example, in a spare folder
    ONEFUTURE_VAR_DIR=/tmp/reports .venv/bin/python benchmarks/reports.py [--date 2026-06-01]
        [--out DIR]                                              # also write the files there

Targets (issue 11): the scrutiny report in Word and PDF under 10 s; every kind in every format
under 30 s. Each row is one ``report_generate`` call (so the tree is built in every row; "all
formats" builds it once); the last row is the reports page's job body (``report_run_execute``:
the same call, then the files written to the database, ADR 0037). Prints a table; reads nothing
from ``/work/shared``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

TARGETS = {("scrutiny", "docx,pdf"): 10.0, ("everything", ""): 30.0}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--date", default=dt.date.today().isoformat())
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "onefuture.config.settings")
    import django

    django.setup()
    from onefuture.places.selectors import place_resolve
    from onefuture.reports.document import report_kinds
    from onefuture.reports.generate import report_generate

    place = place_resolve()
    date = dt.date.fromisoformat(args.date)
    print(f"{'kind':<14} {'formats':<16} {'seconds':>8} {'bytes':>11} {'target':>8}")
    ok = True
    start_all = time.perf_counter()
    for kind in report_kinds():
        rows = [*kind.formats]
        if len(kind.formats) > 1:
            rows.append(",".join(kind.formats))
        for formats in rows:
            start = time.perf_counter()
            files = report_generate(place=place, kind=kind.key, date=date, formats=formats)
            seconds = time.perf_counter() - start
            target = TARGETS.get((kind.key, formats))
            ok = ok and (target is None or seconds < target)
            size = sum(len(f.data) for f in files)
            shown = f"< {target:.0f}" if target else ""
            print(f"{kind.key:<14} {formats:<16} {seconds:>8.2f} {size:>11,} {shown:>8}")
            if args.out is not None and formats == ",".join(kind.formats):
                args.out.mkdir(parents=True, exist_ok=True)
                for file in files:
                    (args.out / file.name).write_bytes(file.data)
    # everything once: every kind in all its formats, one call each
    start = time.perf_counter()
    for kind in report_kinds():
        report_generate(place=place, kind=kind.key, date=date, formats=kind.formats)
    seconds = time.perf_counter() - start
    ok = ok and seconds < TARGETS[("everything", "")]
    print(f"{'everything':<14} {'all formats':<16} {seconds:>8.2f} {'':>11} {'< 30':>8}")
    # the reports page's job body: the same call, then its files written to the database
    from onefuture.reports.models import ReportRun
    from onefuture.reports.services import report_run_execute

    run = ReportRun.objects.create(place=place, kind="scrutiny", date=date, formats="docx,pdf")
    start = time.perf_counter()
    run = report_run_execute(run=run)
    seconds = time.perf_counter() - start
    size = sum(f.size for f in run.files.all().defer("data"))
    print(
        f"{'scrutiny job':<14} {'docx,pdf, stored':<16} {seconds:>8.2f} {size:>11,} {run.status:>8}"
    )
    run.delete()
    print(f"(whole benchmark {time.perf_counter() - start_all:.1f} s; targets met: {ok})")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
