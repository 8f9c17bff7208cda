"""Benchmark: export a place to a backup file, restore it into a new database, export it again.

Usage (from the repository root, after ``make install``)::

    ONEFUTURE_VAR_DIR=/tmp/backup .venv/bin/onefuture demo      # the example, in a spare folder
    ONEFUTURE_VAR_DIR=/tmp/backup .venv/bin/python benchmarks/backup.py [--place stockport]
        [--target postgres://postgres@127.0.0.1:5432/onefuture_restore]   # an empty database

The export runs three times in this process (the database ``DATABASE_URL`` or ``ONEFUTURE_VAR_DIR``
names); the restore runs in a child process against ``--target`` (default: a new SQLite file in a
temporary folder), migrated first (not timed), then ``backup_import`` and a second export, whose
bytes must equal the first's (ADR 0041). Prints a table; no target (backups are measured, not
asserted in timed tests).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

RESTORE = """
import sys, time, django
django.setup()
from onefuture.backup.services import backup_export, backup_import
started = time.perf_counter()
restored = backup_import(path=sys.argv[1])
middle = time.perf_counter()
backup_export(place_slug=restored.place, path=sys.argv[2])
print(f"{middle - started:.3f} {time.perf_counter() - middle:.3f}")
"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--place", default=None, help="Place slug (default: the only place).")
    parser.add_argument("--target", default=None, help="DATABASE_URL of an empty database.")
    parser.add_argument("--keep", type=Path, default=None, help="Copy both files to this folder.")
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "onefuture.config.settings")
    import django

    django.setup()
    from django.db import connection

    from onefuture.backup.services import backup_export
    from onefuture.places.selectors import place_resolve

    place = place_resolve(slug=args.place)
    with tempfile.TemporaryDirectory(prefix="onefuture-backup-") as folder:
        first = Path(folder) / "first.zip"
        times = []
        for _ in range(3):
            started = time.perf_counter()
            summary = backup_export(place_slug=place.slug, path=first)
            times.append(time.perf_counter() - started)
        env = {**os.environ, "ONEFUTURE_VAR_DIR": folder}
        if args.target:
            env["DATABASE_URL"] = args.target
        else:
            env.pop("DATABASE_URL", None)
        onefuture = Path(sys.executable).with_name("onefuture")
        subprocess.run([str(onefuture), "migrate"], env=env, check=True, capture_output=True)
        second = Path(folder) / "second.zip"
        result = subprocess.run(
            [sys.executable, "-c", RESTORE, str(first), str(second)],
            env=env,
            capture_output=True,
            text=True,
        )
        if result.returncode != 0:
            print(result.stdout + result.stderr, file=sys.stderr)
            return 1
        restore_seconds, export_again = (float(x) for x in result.stdout.split()[-2:])
        identical = first.read_bytes() == second.read_bytes()
        if args.keep:
            args.keep.mkdir(parents=True, exist_ok=True)
            (args.keep / "first.zip").write_bytes(first.read_bytes())
            (args.keep / "second.zip").write_bytes(second.read_bytes())
        size = first.stat().st_size
    target = "PostgreSQL" if args.target else "SQLite (new file)"
    print(f"place {place.slug}: {summary.rows:,} rows, {summary.files} files, {size / 1e6:.2f} MB")
    print(f"{'step':<44} {'seconds':>8}")
    print(f"{f'export ({connection.vendor}, median of 3)':<44} {statistics.median(times):>8.2f}")
    print(f"{f'import into {target}':<44} {restore_seconds:>8.2f}")
    print(f"{'export of the restored database':<44} {export_again:>8.2f}")
    print(f"{'second export identical to the first':<44} {'yes' if identical else 'NO':>8}")
    return 0 if identical else 1


if __name__ == "__main__":
    sys.exit(main())
