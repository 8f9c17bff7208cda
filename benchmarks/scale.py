"""Benchmark: national scale — every English local authority and its wards as comparators.

Usage (from the repository root)::

    .venv/bin/python benchmarks/scale.py --database postgres://postgres@127.0.0.1:5432/onefuture_scale
    .venv/bin/python benchmarks/scale.py --scale 0.01          # 10⁵ points, SQLite, a quick look

At ``--scale 1``: the Stockport example's framework (``examples/stockport/framework.yaml``:
its big things, measures and areas), plus every English local authority (the 314 named codes
of the CIPFA nearest-neighbour file in ``../shared/data/uk-open-data/cipfa-nearest-neighbours``;
synthetic E06/E07/E08/E09 codes, said so, when that folder is absent), 15 wards each
(synthetic E05 codes with a deprivation decile; Stockport keeps its real wards), England, 200
synthetic measures linked to the example's big things, 10 annual periods: 200 × 10 ×
(1 + 314 × 16) ≈ 10⁷ data points. ``--scale s`` shrinks the measures and the local authorities
each by √s (so the points by about s). Numbers are deterministic (numpy seed 2040).

Phases, each timed (wall and CPU seconds):

* generate the tidy CSV files (``docs/data-format.md``), 10 measures a file (not a target);
* import every file through ``services.import_file`` (read, check every row, write, assess the
  touched measures: each file all or nothing, with its import batch) — target < 5 min at 10⁷;
* re-assess every measure of the place (``services.assessments_recompute``) — target < 2 min;
* the measure page, a big-thing page and the progress page, through Django's test client with
  the page cache off (``ONEFUTURE_PAGE_CACHE_SECONDS=0`` and a dummy cache), median of
  ``--repeat`` requests after one warm-up — target < 300 ms each.

The database is created from scratch (SQLite: a temporary file; PostgreSQL: the named database
is dropped and recreated, so never point it at real data). Prints a table: phase, rows,
seconds, target, met?
"""

from __future__ import annotations

import argparse
import csv
import math
import os
import platform
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT))

PERIODS = [str(y) for y in range(2015, 2025)]
EXAMPLE = ROOT / "examples" / "stockport" / "framework.yaml"
SHARED = ROOT.parent / "shared"
LAS_FILE = "data/uk-open-data/cipfa-nearest-neighbours/oflog_nearest_neighbours_all_las_long.csv"
HOME = "E08000007"  # Stockport
ENGLAND = "E92000001"
WARDS_PER_LA = 15
FULL_MEASURES = 200
FULL_LAS = 314
MEASURES_PER_FILE = 10
SEED = 2040


@dataclass
class Layout:
    """What the data set holds: its measures' keys and the areas each row of data is for."""

    measure_keys: list[str]
    #: Every area with data: code, kind (country, local_authority, ward), denominator scale.
    area_codes: list[str]
    area_kinds: list[str]
    la_source: str
    files: list[Path] = field(default_factory=list)

    @property
    def points(self) -> int:
        return len(self.measure_keys) * len(self.area_codes) * len(PERIODS)


def local_authorities(count: int, shared: Path = SHARED) -> tuple[list[tuple[str, str]], str]:
    """``count`` English local authorities (code, name), Stockport first; and where from."""
    path = shared / LAS_FILE
    if path.exists():
        names: dict[str, str] = {}
        with path.open(encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                for code, name in (
                    (row["subject_code"], row["subject_name"]),
                    (row["neighbour_code"], row["neighbour_name"]),
                ):
                    if name and code[:3] in ("E06", "E07", "E08", "E09", "E10"):
                        names[code] = name
        source = f"{len(names)} named codes from {path}"
        las = sorted(names.items())
    else:
        print(f"note: {path} is absent: using synthetic local authority codes")
        prefixes = ["E06"] * 60 + ["E07"] * 170 + ["E08"] * 36 + ["E09"] * 33
        las = [(f"{p}{900000 + i:06d}", f"Synthetic authority {i}") for i, p in enumerate(prefixes)]
        source = "synthetic codes (the shared list was absent)"
    stockport = [la for la in las if la[0] == HOME] or [(HOME, "Stockport")]
    others = [la for la in las if la[0] != HOME]
    return stockport + others[: max(0, count - 1)], source


def areas_add(place, las: list[tuple[str, str]], rng: np.random.Generator) -> Layout:
    """Add the local authorities and their wards the example lacks; return the data's areas."""
    from onefuture.places.models import Area

    existing = {a.code: a for a in Area.objects.filter(place=place)}
    england = existing[ENGLAND]
    new = [
        Area(place=place, code=code, name=name, type="local_authority", parent=england)
        for code, name in las
        if code not in existing
    ]
    Area.objects.bulk_create(new)
    by_code = {a.code: a for a in Area.objects.filter(place=place)}
    home_wards = [
        a.code for a in by_code.values() if a.type == "ward" and a.parent_id == by_code[HOME].id
    ]
    wards = []
    number = 0
    for code, _name in las:
        if code == HOME:
            continue
        for w in range(WARDS_PER_LA):
            wards.append(
                Area(
                    place=place,
                    code=f"E05{900000 + number:06d}",
                    name=f"Ward {w + 1} of {by_code[code].name}",
                    type="ward",
                    parent=by_code[code],
                    deprivation_decile=int(rng.integers(1, 11)),
                )
            )
            number += 1
    Area.objects.bulk_create(wards, batch_size=5000)
    codes = [ENGLAND] + [code for code, _ in las] + home_wards + [w.code for w in wards]
    kinds = ["country"] + ["local_authority"] * len(las) + ["ward"] * (len(home_wards) + len(wards))
    return Layout(measure_keys=[], area_codes=codes, area_kinds=kinds, la_source="")


def measures_add(place, count: int) -> list[str]:
    """``count`` synthetic measures, linked in turn to the example's big things."""
    from onefuture.framework.models import BigThing
    from onefuture.measures.services import MeasureDefinition, measures_upsert

    big_things = list(
        BigThing.objects.filter(place=place).order_by("order").values_list("key", flat=True)
    )
    definitions = []
    for i in range(count):
        is_rate = i % 2 == 1
        low_is_good = i % 3 == 1
        definitions.append(
            MeasureDefinition(
                key=f"national-{i:03d}",
                title=f"Synthetic national measure {i}",
                definition="Synthetic data for the national-scale benchmark.",
                value_type="rate" if is_rate else "proportion",
                polarity=["high_is_good", "low_is_good", "no_judgement"][i % 3],
                unit="per 100,000" if is_rate else "%",
                multiplier=100_000 if is_rate else 100,
                home_area=HOME,
                benchmark_areas=[ENGLAND],
                comparator_group="cipfa-nearest-neighbours",
                baseline_period="2015",
                big_things=[big_things[i % len(big_things)]] if big_things else [],
                # Interim targets no stricter than the horizon's, by polarity (targets_validate).
                targets=[
                    {"period": "2030", "value": 15.0 if low_is_good else 20.0},
                    {"period": "2040", "value": 10.0 if low_is_good else 25.0, "horizon": True},
                ],
                order=100 + i,
            )
        )
    measures_upsert(place=place, definitions=definitions, reason="scale benchmark")
    return [d.key for d in definitions]


def generate(layout: Layout, folder: Path) -> None:
    """Write the tidy CSV files, ``MEASURES_PER_FILE`` measures each (deterministic)."""
    from onefuture import stats

    rng = np.random.default_rng(SEED)
    kinds = np.array(layout.area_kinds)
    n_areas, n_periods = len(layout.area_codes), len(PERIODS)
    low = np.where(kinds == "ward", 2_000, np.where(kinds == "country", 5e7, 50_000))
    high = np.where(kinds == "ward", 20_000, np.where(kinds == "country", 5e7 + 1, 500_000))
    for start in range(0, len(layout.measure_keys), MEASURES_PER_FILE):
        keys = layout.measure_keys[start : start + MEASURES_PER_FILE]
        n = len(keys) * n_areas * n_periods
        m = np.repeat(np.arange(len(keys)), n_areas * n_periods)
        a = np.tile(np.repeat(np.arange(n_areas), n_periods), len(keys))
        p = np.tile(np.arange(n_periods), len(keys) * n_areas)
        denominator = np.floor(rng.uniform(low, high)[a]).astype(float)
        base = (
            rng.uniform(0.05, 0.4, size=len(keys))[m] * (1 + 0.1 * rng.standard_normal(n_areas))[a]
        )
        drift = rng.normal(0, 0.004, size=len(keys) * n_areas)[m * n_areas + a]
        share = np.clip(base + drift * p, 0.01, 0.9)
        numerator = rng.binomial(denominator.astype(np.int64), share).astype(float)
        is_rate = (start + m) % 2 == 1
        value, lower, upper = np.empty(n), np.empty(n), np.empty(n)
        prop = stats.proportion(numerator[~is_rate], denominator[~is_rate], multiplier=100)
        numerator[is_rate] = np.round(numerator[is_rate] / 10)
        rate = stats.rate(numerator[is_rate], denominator[is_rate], multiplier=100_000)
        value[~is_rate], lower[~is_rate], upper[~is_rate] = prop.value, prop.lower, prop.upper
        value[is_rate], lower[is_rate], upper[is_rate] = rate.value, rate.lower, rate.upper
        frame = pd.DataFrame(
            {
                "measure": pd.Categorical.from_codes(m, keys),
                "area": pd.Categorical.from_codes(a, layout.area_codes),
                "period": pd.Categorical.from_codes(p, PERIODS),
                "value": np.round(value, 6),
                "lower": np.round(np.minimum(lower, value), 6),
                "upper": np.round(np.maximum(upper, value), 6),
                "numerator": numerator,
                "denominator": denominator,
            }
        )
        path = folder / f"national-{start // MEASURES_PER_FILE:03d}.csv"
        frame.to_csv(path, index=False, float_format="%.6f")
        layout.files.append(path)


def build(place, scale: float, shared: Path = SHARED) -> Layout:
    """The areas and measures of the data set at ``scale``, added to the example's place."""
    factor = math.sqrt(scale)
    rng = np.random.default_rng(SEED)
    las, source = local_authorities(max(2, round(FULL_LAS * factor)), shared)
    layout = areas_add(place, las, rng)
    layout.la_source = source
    layout.measure_keys = measures_add(place, max(2, round(FULL_MEASURES * factor)))
    return layout


def _prepare_database(url: str | None) -> str:
    if url and url.startswith("postgres"):
        import psycopg

        base, name = url.rsplit("/", 1)
        with psycopg.connect(f"{base}/postgres", autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
            admin.execute(f'CREATE DATABASE "{name}"')
        return url
    path = Path(tempfile.mkdtemp(prefix="onefuture-scale-")) / "scale.sqlite3"
    return f"sqlite:///{path}"


class Timer:
    """Wall-clock and CPU seconds of each phase (on a shared machine the two differ)."""

    def __init__(self, *, verbose: bool = True) -> None:
        self.rows: list[tuple[str, int, float, float, float | None]] = []
        self.verbose = verbose

    def time(self, name: str, rows: int, target: float | None, function, *args, **kwargs):
        wall, cpu = time.perf_counter(), time.process_time()
        result = function(*args, **kwargs)
        self.rows.append(
            (name, rows, time.perf_counter() - wall, time.process_time() - cpu, target)
        )
        if self.verbose:
            print(f"{name}: {self.rows[-1][2]:.1f} s (load {os.getloadavg()[0]:.1f})", flush=True)
        return result


def profiled(function, profile: bool, **kwargs):
    """Call ``function``; with ``profile``, print where its time went (cProfile, by own time)."""
    if not profile:
        return function(**kwargs)
    import cProfile
    import pstats

    profiler = cProfile.Profile()
    result = profiler.runcall(function, **kwargs)
    pstats.Stats(profiler).sort_stats("tottime").print_stats(30)
    return result


def imports_run(place, layout: Layout, profile: bool = False) -> int:
    """Import every file through the import service; return the rows created."""
    from onefuture.measures.services import import_file

    created = 0
    for number, path in enumerate(layout.files):
        batch = profiled(import_file, profile and number == 0, place=place, source=path)
        assert batch.status == "succeeded", batch.message
        created += batch.rows_created
    return created


def page_times(
    place, layout: Layout, repeat: int
) -> list[tuple[str, str, list[float], list[float]]]:
    """Each page's request times in wall and CPU seconds (uncached), after one warm-up.

    The client runs in this process, so the CPU seconds are the page's own work (the database
    server's share is not in them): on a shared machine they say what the wall time would be on
    a quiet one, less the queries' time."""
    from django.test import Client, override_settings

    from onefuture.framework.models import BigThing

    big_thing = BigThing.objects.filter(place=place).order_by("order").first()
    base = f"/places/{place.slug}"
    pages = [
        ("measure page (a proportion)", f"{base}/measures/{layout.measure_keys[0]}/"),
        ("measure page (a rate)", f"{base}/measures/{layout.measure_keys[1]}/"),
        ("big-thing page", f"{base}/big-things/{big_thing.key}/"),
        ("progress page", f"{base}/progress/"),
    ]
    dummy = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    results = []
    # No page cache (ADR 0044): its time-to-live 0 and a cache that keeps nothing.
    with override_settings(CACHES=dummy, ONEFUTURE_PAGE_CACHE_SECONDS=0):
        client = Client()
        for name, url in pages:
            response = client.get(url)
            assert response.status_code == 200, (url, response.status_code)
            times, cpus = [], []
            for _ in range(repeat):
                start, cpu = time.perf_counter(), time.process_time()
                response = client.get(url)
                times.append(time.perf_counter() - start)
                cpus.append(time.process_time() - cpu)
                assert response.status_code == 200, (url, response.status_code)
            results.append((name, url, times, cpus))
    return results


def run(
    *,
    scale: float,
    repeat: int,
    folder: Path,
    shared: Path = SHARED,
    profile: str = "",
    quiet: bool = False,
) -> dict:
    """Build, generate, import, re-assess and time the pages; return what was measured.

    Django must be set up on the database to use (``main`` does it; the smoke test has its
    own test database).
    """
    from django.db import connection

    from onefuture.framework.services import framework_load
    from onefuture.measures.models import Assessment, DataPoint
    from onefuture.measures.services import assessments_recompute

    timer = Timer(verbose=not quiet)
    report = timer.time(
        "load the Stockport example's framework", 0, None, framework_load, path=EXAMPLE
    )
    place = report.place
    layout = timer.time("add the areas and measures", 0, None, build, place, scale, shared)
    timer.time(
        "generate the CSV files (not a target)", layout.points, None, generate, layout, folder
    )
    # Load scipy's lazily imported modules now: a one-off cost per process, not per import.
    from onefuture import stats

    stats.trend([1, 2, 3, 4, 5], [1, 2, 3, 4, 5], [0, 1, 2, 3, 4], [2, 3, 4, 5, 6])
    created = timer.time(
        f"import {len(layout.files)} files (read, check, write, assess)",
        layout.points,
        300.0,
        imports_run,
        place,
        layout,
        profile == "import",
    )
    assert created == layout.points, (created, layout.points)
    assessed = timer.time(
        "re-assess every measure",
        layout.points,
        120.0,
        profiled,
        assessments_recompute,
        profile == "assess",
        place=place,
    )
    pages = page_times(place, layout, repeat)
    result = {
        "vendor": connection.vendor,
        "points": layout.points,
        "stored": DataPoint.objects.count(),
        "assessments": assessed,
        "stored_assessments": Assessment.objects.count(),
        "measures": len(layout.measure_keys),
        "areas": len(layout.area_codes),
        "la_source": layout.la_source,
        "layout": layout,
        "timer": timer.rows,
        "pages": pages,
    }
    if not quiet:
        print_table(result)
    return result


def print_table(result: dict) -> None:
    print(
        f"\nNational scale — {result['vendor']}, {result['points']:,} data points "
        f"({result['measures']} measures × {result['areas']:,} areas × {len(PERIODS)} periods; "
        f"{result['stored']:,} stored), {result['assessments']:,} assessments"
    )
    print(f"Local authorities: {result['la_source']}")
    print(
        f"Machine: {platform.processor() or platform.machine()}, {os.cpu_count()} CPUs, "
        f"Python {platform.python_version()}; load average {os.getloadavg()[0]:.1f} at the end"
    )
    print(
        f"| {'phase':<52} | {'rows':>11} | {'seconds':>8} | {'CPU s':>7} | {'target':>8} | met? |"
    )
    print(f"| {'-' * 52} | {'-' * 10}: | {'-' * 7}: | {'-' * 6}: | {'-' * 8} | ---- |")
    for name, rows, wall, cpu, target in result["timer"]:
        met = "" if target is None else ("yes" if wall < target else "NO")
        limit = "" if target is None else f"< {target:g} s"
        print(f"| {name:<52} | {rows:>11,} | {wall:>8.2f} | {cpu:>7.2f} | {limit:>8} | {met:<4} |")
    pages_print(result["pages"])


def pages_print(pages) -> None:
    for name, _url, times, cpus in pages:
        median = statistics.median(times)
        label = f"{name}, median of {len(times)} (max {max(times) * 1000:.0f} ms)"
        print(
            f"| {label:<52} | {'':>11} | {median:>8.3f} | {statistics.median(cpus):>7.3f} |"
            f" {'< 0.3 s':>8} | {'yes' if median < 0.3 else 'NO':<4} |"
        )


def pages_only(repeat: int) -> None:
    """Time the pages again on a database a full run left (``--pages-only``)."""
    from onefuture.measures.models import DataPoint, Measure
    from onefuture.places.models import Place

    place = Place.objects.get(slug="stockport")
    keys = list(
        Measure.objects.filter(place=place, key__startswith="national-")
        .order_by("key")
        .values_list("key", flat=True)
    )
    layout = Layout(measure_keys=keys, area_codes=[], area_kinds=[], la_source="")
    pages = page_times(place, layout, repeat)
    print(
        f"\nPages at {DataPoint.objects.count():,} stored data points, {len(keys)} measures;"
        f" load average {os.getloadavg()[0]:.1f} at the end"
    )
    print(f"| {'page':<52} | {'':>11} | {'seconds':>8} | {'CPU s':>7} | {'target':>8} | met? |")
    pages_print(pages)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", default=os.environ.get("DATABASE_URL"))
    parser.add_argument("--scale", type=float, default=1.0, help="1 = 10⁷ data points")
    parser.add_argument("--repeat", type=int, default=7, help="requests per page timed")
    parser.add_argument(
        "--shared", type=Path, default=SHARED, help="the shared folder (its list of LA codes)"
    )
    parser.add_argument(
        "--profile",
        choices=["import", "assess"],
        help="Print a cProfile of the first file's import or of the re-assessment.",
    )
    parser.add_argument(
        "--pages-only",
        action="store_true",
        help="Only time the pages, on the database a full run left (nothing is dropped).",
    )
    args = parser.parse_args()
    if args.pages_only:
        os.environ["DATABASE_URL"] = args.database
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "onefuture.config.settings")
        import django

        django.setup()
        pages_only(args.repeat)
        return 0
    os.environ["DATABASE_URL"] = _prepare_database(args.database)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "onefuture.config.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)
    with tempfile.TemporaryDirectory(prefix="onefuture-scale-") as folder:
        run(
            scale=args.scale,
            repeat=args.repeat,
            folder=Path(folder),
            shared=args.shared,
            profile=args.profile or "",
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
