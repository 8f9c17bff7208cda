"""Benchmark: import 10⁶ data points from a tidy CSV and re-assess them, on SQLite or PostgreSQL.

Usage (from the repository root)::

    .venv/bin/python benchmarks/import.py                         # SQLite, a fresh temp file
    .venv/bin/python benchmarks/import.py --database postgres://postgres@127.0.0.1:5432/onefuture_bench
    .venv/bin/python benchmarks/import.py --rows 100000           # a quicker run

The data are synthetic and deterministic (numpy seed 2040): ``measures`` measures × areas × 10
annual periods, half proportions with numerator, denominator and Wilson limits, half rates with
Byar's limits, every area compared with England. The database is created from scratch (SQLite:
a temporary file; PostgreSQL: the named database is dropped and recreated, so never point it at
real data). Reads nothing from ``/work/shared``.

Printed: seconds for generating the file (not part of the target), the first import (read,
check, write, assess), re-importing the same file (nothing changes), and re-assessing every
measure; targets are import < 60 s and re-assessment < 10 s.
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

PERIODS = [str(y) for y in range(2015, 2025)]


def _prepare_database(url: str | None) -> str:
    if url and url.startswith("postgres"):
        import psycopg

        base, name = url.rsplit("/", 1)
        with psycopg.connect(f"{base}/postgres", autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
            admin.execute(f'CREATE DATABASE "{name}"')
        return url
    path = Path(tempfile.mkdtemp(prefix="onefuture-bench-")) / "bench.sqlite3"
    return f"sqlite:///{path}"


def _generate(path: Path, *, measures: int, areas: int) -> int:
    """Write the synthetic tidy CSV; return its number of rows."""
    from onefuture import stats

    rng = np.random.default_rng(2040)
    area_codes = ["E92000001"] + [f"E0{6000000 + i:07d}" for i in range(areas - 1)]
    m = np.repeat(np.arange(measures), areas * len(PERIODS))
    a = np.tile(np.repeat(np.arange(areas), len(PERIODS)), measures)
    p = np.tile(np.arange(len(PERIODS)), measures * areas)
    denominator = rng.integers(2_000, 200_000, size=len(m)).astype(float)
    denominator[a == 0] = 50_000_000  # England
    base = rng.uniform(0.05, 0.4, size=measures)[m] * (1 + 0.1 * rng.standard_normal(areas))[a]
    drift = rng.normal(0, 0.004, size=measures * areas)[m * areas + a]
    share = np.clip(base + drift * p, 0.01, 0.9)
    numerator = rng.binomial(denominator.astype(np.int64), share).astype(float)
    is_rate = m % 2 == 1
    value = np.empty(len(m))
    lower = np.empty(len(m))
    upper = np.empty(len(m))
    prop = stats.proportion(numerator[~is_rate], denominator[~is_rate], multiplier=100)
    rate = stats.rate(numerator[is_rate] / 10, denominator[is_rate], multiplier=100_000)
    value[~is_rate], lower[~is_rate], upper[~is_rate] = prop.value, prop.lower, prop.upper
    value[is_rate], lower[is_rate], upper[is_rate] = rate.value, rate.lower, rate.upper
    numerator[is_rate] = np.round(numerator[is_rate] / 10)
    frame = pd.DataFrame(
        {
            "measure": pd.Categorical.from_codes(m, [f"m{i:03d}" for i in range(measures)]),
            "area": pd.Categorical.from_codes(a, area_codes),
            "period": pd.Categorical.from_codes(p, PERIODS),
            "value": np.round(value, 6),
            "lower": np.round(np.minimum(lower, value), 6),
            "upper": np.round(np.maximum(upper, value), 6),
            "numerator": numerator,
            "denominator": denominator,
        }
    )
    frame.to_csv(path, index=False, float_format="%.6f")
    return len(frame)


def _set_up_place(*, measures: int, areas: int):
    from onefuture.measures.services import measure_upsert
    from onefuture.places.models import Area, Place

    place = Place.objects.create(slug="bench", name="Benchmark")
    Area.objects.bulk_create(
        [Area(place=place, code="E92000001", name="England", type="country")]
        + [
            Area(place=place, code=f"E0{6000000 + i:07d}", name=f"Area {i}", type="local_authority")
            for i in range(areas - 1)
        ]
    )
    for i in range(measures):
        is_rate = i % 2 == 1
        measure_upsert(
            place=place,
            key=f"m{i:03d}",
            title=f"Synthetic measure {i}",
            definition="Synthetic benchmark data.",
            value_type="rate" if is_rate else "proportion",
            polarity=["high_is_good", "low_is_good", "no_judgement"][i % 3],
            multiplier=100_000 if is_rate else 100,
            home_area="E06000000",
            benchmark_areas=["E92000001"],
            baseline_period="2015",
            # Interim targets no stricter than the horizon's, by polarity (targets_validate).
            targets=[
                {"period": "2030", "value": 15.0 if i % 3 == 0 else 20.0},
                {"period": "2040", "value": 20.0 if i % 3 == 0 else 15.0},
            ],
        )
    return place


@contextmanager
def _timed(timings: list, name: str, target: str):
    """Record wall-clock and CPU seconds: on a shared machine the two differ."""
    wall, cpu = time.perf_counter(), time.process_time()
    yield
    timings.append((name, time.perf_counter() - wall, time.process_time() - cpu, target))


def _profiled(function, profile: bool, **kwargs):
    """Call ``function``; with ``profile``, print where its time went (cProfile, by own time)."""
    if not profile:
        return function(**kwargs)
    import cProfile
    import pstats

    profiler = cProfile.Profile()
    result = profiler.runcall(function, **kwargs)
    pstats.Stats(profiler).sort_stats("tottime").print_stats(25)
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", default=os.environ.get("DATABASE_URL"))
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--measures", type=int, default=50)
    parser.add_argument(
        "--profile",
        choices=["import", "assess"],
        help="Print a cProfile of the first import or of the re-assessment.",
    )
    args = parser.parse_args()
    areas = max(2, args.rows // (args.measures * len(PERIODS)))

    os.environ["DATABASE_URL"] = _prepare_database(args.database)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "onefuture.config.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from onefuture.measures.models import Assessment, DataPoint
    from onefuture.measures.services import assessments_recompute, import_file

    call_command("migrate", interactive=False, verbosity=0)
    place = _set_up_place(measures=args.measures, areas=areas)
    # Load scipy's lazily imported modules now: a one-off cost per process, not per import.
    from onefuture import stats

    stats.trend([1, 2, 3, 4, 5], [1, 2, 3, 4, 5], [0, 1, 2, 3, 4], [2, 3, 4, 5, 6])
    stats.compare([1.0], [0.5], [1.5], [1.2], polarity="high_is_good")
    timings: list[tuple[str, float, str]] = []
    with tempfile.TemporaryDirectory() as folder:
        csv = Path(folder) / "bench.csv"
        with _timed(timings, "generate CSV (not timed against target)", ""):
            rows = _generate(csv, measures=args.measures, areas=areas)
        with _timed(timings, "first import (read, check, write, assess)", "< 60 s"):
            batch = _profiled(import_file, args.profile == "import", place=place, source=csv)
        assert batch.rows_created == rows, batch.message
        with _timed(timings, "re-import, nothing changed", ""):
            again = import_file(place=place, source=csv)
        assert again.rows_unchanged == rows

    with _timed(timings, "re-assess every measure", "< 10 s"):
        assessed = _profiled(assessments_recompute, args.profile == "assess", place=place)

    vendor = connection.vendor
    print(
        f"\nImport and assessment — {vendor}, {rows:,} data points "
        f"({args.measures} measures × {areas:,} areas × {len(PERIODS)} periods), "
        f"{DataPoint.objects.count():,} stored, {assessed:,} assessments "
        f"({Assessment.objects.count():,} stored)"
    )
    print(
        f"Machine: {platform.processor() or platform.machine()}, {os.cpu_count()} CPUs, "
        f"Python {platform.python_version()}"
    )
    print(f"{'step':<45} {'wall s':>8} {'CPU s':>8}  target")
    for name, wall, cpu, target in timings:
        print(f"{name:<45} {wall:>8.2f} {cpu:>8.2f}  {target}")
    print(f"Load average during the run: {os.getloadavg()[0]:.1f} (CPU s = this process's time)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
