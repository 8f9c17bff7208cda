"""Benchmark: the statistics library against a per-row Python loop and the R peer.

Usage (from the repository root)::

    .venv/bin/python benchmarks/stats.py            # every method and size (a few minutes)
    .venv/bin/python benchmarks/stats.py --quick    # sizes up to 10^5 rows only

Reads the shared benchmark generator ``<repo>/../shared/bench/gen_data.py`` (this script alone
may read ``../shared``; it says so and exits cleanly when that folder is absent), writes its
deterministic CSVs into a temporary directory, and prints one row per method and size: seconds
(median of 3), rows per second, a straightforward per-row (or per-area) Python loop timed on a
subset and scaled to the full size, the speed-up over that loop, and the R peer's time
(PHEindicatormethods 2.1.0, from ``../shared/bench/README.md``) where it measured the same work.
"""

from __future__ import annotations

import argparse
import math
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd
from scipy import stats as sps

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from onefuture import stats  # noqa: E402

SHARED = ROOT.parent / "shared"
GENERATOR = SHARED / "bench" / "gen_data.py"
Z95 = statistics.NormalDist().inv_cdf(0.975)

# The R peer's times from ../shared/bench/README.md (seconds, median of 3, same 2-core class).
R_PEER = {
    ("proportion", 1_000_000): 0.13,
    ("rate", 1_000_000): 1.53,
    ("proportion grouped", 1_000_000): 8.7,
    ("DSR", 20_000): 4.0,
    ("SII 1,000 sims", 5_000): 34.0,
    ("SII 100,000 sims", 100): 27.0,
}
TARGETS = {
    ("proportion", 1_000_000): 0.05,
    ("rate", 1_000_000): 0.1,
    ("proportion grouped", 1_000_000): 0.1,
    ("DSR", 20_000): 0.05,
    ("SII 1,000 sims", 5_000): 0.6,
    ("SII 100,000 sims", 100): 1.0,
}


def median_seconds(call: Callable[[], object], repeats: int = 3) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        call()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def generate(outdir: Path, **sizes: int) -> None:
    flags = []
    for name, value in sizes.items():
        if name == "only":
            flags += ["--only", str(value)]
        else:
            flags += [f"--{name.replace('_', '-')}", str(value)]
    subprocess.run(
        [sys.executable, str(GENERATOR), "--outdir", str(outdir), *flags],
        check=True,
        capture_output=True,
    )


# --- Straightforward per-row Python loops (the baseline a spreadsheet-minded script would be) ---


def loop_proportion(x: np.ndarray, n: np.ndarray) -> list[tuple[float, float, float]]:
    out = []
    for xi, ni in zip(x.tolist(), n.tolist(), strict=True):
        p = xi / ni
        centre = 2 * xi + Z95**2
        spread = Z95 * math.sqrt(Z95**2 + 4 * xi * (1 - p))
        out.append(
            (
                p * 100,
                (centre - spread) / (2 * (ni + Z95**2)) * 100,
                (centre + spread) / (2 * (ni + Z95**2)) * 100,
            )
        )
    return out


def loop_rate(x: np.ndarray, n: np.ndarray) -> list[tuple[float, float, float]]:
    out = []
    for xi, ni in zip(x.tolist(), n.tolist(), strict=True):
        if xi < 10:
            lo = sps.chi2.ppf(0.025, 2 * xi) / 2 if xi > 0 else 0.0
            hi = sps.chi2.ppf(0.975, 2 * xi + 2) / 2
        else:
            lo = xi * (1 - 1 / (9 * xi) - Z95 / (3 * math.sqrt(xi))) ** 3
            o = xi + 1
            hi = o * (1 - 1 / (9 * o) + Z95 / (3 * math.sqrt(o))) ** 3
        out.append((xi / ni * 1e5, lo / ni * 1e5, hi / ni * 1e5))
    return out


def loop_grouped(area: np.ndarray, x: np.ndarray, n: np.ndarray) -> dict[str, tuple[float, ...]]:
    sums: dict[str, list[float]] = {}
    for a, xi, ni in zip(area.tolist(), x.tolist(), n.tolist(), strict=True):
        s = sums.setdefault(a, [0.0, 0.0])
        s[0] += xi
        s[1] += ni
    return {a: loop_proportion(np.array([s[0]]), np.array([s[1]]))[0] for a, s in sums.items()}


def loop_dsr(frame: pd.DataFrame) -> dict[str, tuple[float, float, float]]:
    out = {}
    for area, sub in frame.groupby("area", sort=False):
        total = var = events = 0.0
        weight_sum = float(sub["esp2013"].sum())
        for c, p, w in zip(sub["count"], sub["pop"], sub["esp2013"], strict=True):
            total += w * c / p
            var += w * w * c / (p * p)
            events += c
        value = total / weight_sum
        lo = events * (1 - 1 / (9 * events) - Z95 / (3 * math.sqrt(events))) ** 3 if events else 0.0
        o = events + 1
        hi = o * (1 - 1 / (9 * o) + Z95 / (3 * math.sqrt(o))) ** 3
        scale = math.sqrt(var) / weight_sum / math.sqrt(events) if events else 0.0
        out[area] = (
            value * 1e5,
            (value + scale * (lo - events)) * 1e5,
            (value + scale * (hi - events)) * 1e5,
        )
    return out


def loop_sii(frame: pd.DataFrame, sims: int) -> dict[str, tuple[float, float, float]]:
    """One area at a time, as the peer does it (numpy within an area, a loop over areas)."""
    rng = np.random.default_rng(1)
    out = {}
    for area, sub in frame.groupby("area", sort=False):
        pop = sub["population"].to_numpy(float)
        a = pop / pop.sum()
        b = np.cumsum(a) - a / 2
        design = np.column_stack([np.sqrt(a), b * np.sqrt(a)])
        draws = rng.normal(sub["value"].to_numpy(float), sub["se"].to_numpy(float), (sims, len(a)))
        coef = np.linalg.lstsq(design, (draws * np.sqrt(a)).T, rcond=None)[0]
        slopes = np.sort(coef[1])
        point = np.linalg.lstsq(design, sub["value"].to_numpy(float) * np.sqrt(a), rcond=None)[0]
        out[area] = (point[1], slopes[round(sims * 0.025) - 1], slopes[round(sims * 0.975) - 1])
    return out


def loop_trend(area: np.ndarray, value: np.ndarray, lo: np.ndarray, hi: np.ndarray) -> dict:
    series: dict[str, list[tuple[float, float, float]]] = {}
    for a, v, low, high in zip(
        area.tolist(), value.tolist(), lo.tolist(), hi.tolist(), strict=True
    ):
        series.setdefault(a, []).append((v, low, high))
    out = {}
    for a, points in series.items():
        last = points[-5:]
        sw = swt = swy = swtt = swty = 0.0
        for t, (v, low, high) in enumerate(last, start=1):
            w = 1 / ((high - low) / 3.92) ** 2
            sw, swt, swy, swtt, swty = (
                sw + w,
                swt + w * t,
                swy + w * v,
                swtt + w * t * t,
                swty + w * t * v,
            )
        d = sw * swtt - swt * swt
        slope = (sw * swty - swt * swy) / d
        out[a] = (slope, slope * slope * d / sw)
    return out


def loop_trend_counts(area: np.ndarray, x: np.ndarray, n: np.ndarray) -> dict:
    series: dict[str, list[tuple[float, float]]] = {}
    for a, xi, ni in zip(area.tolist(), x.tolist(), n.tolist(), strict=True):
        series.setdefault(a, []).append((xi, ni))
    out = {}
    for a, points in series.items():
        last = points[-5:]
        big_n = sum(ni for _, ni in last)
        big_x = sum(xi for xi, _ in last)
        sxt = sum(xi * t for t, (xi, _) in enumerate(last, start=1))
        snt = sum(ni * t for t, (_, ni) in enumerate(last, start=1))
        sntt = sum(ni * t * t for t, (_, ni) in enumerate(last, start=1))
        bottom = big_x * (big_n - big_x) * (big_n * sntt - snt * snt)
        out[a] = big_n * (big_n * sxt - big_x * snt) ** 2 / bottom if bottom else math.nan
    return out


def loop_compare_spc(value: np.ndarray, n: np.ndarray, bench: float) -> list[str]:
    out = []
    p0 = bench / 100
    for v, ni in zip(value.tolist(), n.tolist(), strict=True):
        e = ni * p0
        root = Z95 * math.sqrt(Z95**2 + 4 * e * (1 - p0))
        low = (2 * e + Z95**2 - root) / (2 * (ni + Z95**2)) * 100
        high = (2 * e + Z95**2 + root) / (2 * (ni + Z95**2)) * 100
        out.append("worse" if v > high else "better" if v < low else "similar")
    return out


def loop_compare(value: np.ndarray, lo: np.ndarray, hi: np.ndarray, bench: float) -> list[str]:
    out = []
    for v, low, high in zip(value.tolist(), lo.tolist(), hi.tolist(), strict=True):
        if math.isnan(v) or math.isnan(low) or math.isnan(high):
            out.append("not_compared")
        elif low <= bench <= high:
            out.append("similar")
        else:
            out.append("better" if v > bench else "worse")
    return out


# --- The table -------------------------------------------------------------------------------


class Table:
    def __init__(self) -> None:
        self.rows: list[tuple[str, ...]] = []

    def add(
        self,
        method: str,
        size: int,
        unit: str,
        rows: int,
        seconds: float,
        loop_seconds: float | None,
        loop_subset: int | None,
    ) -> None:
        peer = R_PEER.get((method, size))
        target = TARGETS.get((method, size))
        self.rows.append(
            (
                method,
                f"{size:,} {unit}",
                f"{seconds:.4f}",
                f"{rows / seconds:,.0f}",
                "" if target is None else f"< {target:g}" + (" ✓" if seconds < target else " ✗"),
                "" if loop_seconds is None else f"{loop_seconds:.2f} (from {loop_subset:,})",
                "" if loop_seconds is None else f"{loop_seconds / seconds:,.0f}×",
                "" if peer is None else f"{peer:g} ({peer / seconds:,.0f}×)",
            )
        )
        print(" | ".join(self.rows[-1]), flush=True)

    def markdown(self) -> str:
        head = (
            "| method | input | seconds (median of 3) | rows/s | target | Python loop, s "
            "(scaled from subset) | speed-up vs loop | R peer, s (speed-up) |"
        )
        lines = [head, "| --- | --- | ---: | ---: | --- | ---: | ---: | ---: |"]
        lines += ["| " + " | ".join(r) + " |" for r in self.rows]
        return "\n".join(lines)


def scaled_loop(call: Callable[[int], object], total: int, subset: int) -> tuple[float, int]:
    """Time the loop on ``subset`` items (once) and scale linearly to ``total``."""
    subset = min(subset, total)
    start = time.perf_counter()
    call(subset)
    return (time.perf_counter() - start) * total / subset, subset


def machine() -> str:
    model = platform.processor() or "unknown CPU"
    try:
        for line in subprocess.run(["lscpu"], capture_output=True, text=True).stdout.splitlines():
            if line.startswith("Model name:"):
                model = line.split(":", 1)[1].strip()
    except OSError:
        pass
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    return (
        f"{model}, {os.cpu_count()} cores, Python {platform.python_version()}, numpy "
        f"{np.__version__}; {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}; "
        f"load average {load}"
    )


def bench_rows(table: Table, tmpdir: Path, size: int) -> None:
    """Proportion, rate, grouped proportion, trend and comparison on ``size`` rows."""
    out = tmpdir / f"p{size}"
    generate(out, prop_rows=size, only="proportions")
    frame = pd.read_csv(out / "proportions.csv")
    x = frame["numerator"].to_numpy(float)
    n = frame["denominator"].to_numpy(float)
    area = frame["area"].to_numpy()
    sec = median_seconds(lambda: stats.proportion(x, n))
    loop = scaled_loop(lambda k: loop_proportion(x[:k], n[:k]), size, 100_000)
    table.add("proportion", size, "rows", size, sec, *loop)
    sec = median_seconds(lambda: stats.rate(x, n))
    loop = scaled_loop(lambda k: loop_rate(x[:k], n[:k]), size, 5_000)
    table.add("rate", size, "rows", size, sec, *loop)
    sec = median_seconds(lambda: stats.proportion(x, n, groups=area))
    loop = scaled_loop(lambda k: loop_grouped(area[:k], x[:k], n[:k]), size, 100_000)
    table.add("proportion grouped", size, "rows", size, sec, *loop)
    # Trend and comparison of every area's ten annual proportions (limits computed beforehand).
    est = stats.proportion(x, n)
    years = frame["year"].to_numpy(float)
    sec = median_seconds(lambda: stats.trend(years, est.value, est.lower, est.upper, groups=area))
    loop = scaled_loop(
        lambda k: loop_trend(area[:k], est.value[:k], est.lower[:k], est.upper[:k]), size, 100_000
    )
    table.add("trend (weighted)", size, "rows", size, sec, *loop)
    sec = median_seconds(lambda: stats.trend(years, numerator=x, denominator=n, groups=area))
    loop = scaled_loop(lambda k: loop_trend_counts(area[:k], x[:k], n[:k]), size, 100_000)
    table.add("trend (chi-squared)", size, "rows", size, sec, *loop)
    bench = float(x.sum() / n.sum() * 100)
    sec = median_seconds(
        lambda: stats.compare(est.value, est.lower, est.upper, bench, polarity="low_is_good")
    )
    loop = scaled_loop(
        lambda k: loop_compare(est.value[:k], est.lower[:k], est.upper[:k], bench), size, 100_000
    )
    table.add("compare", size, "rows", size, sec, *loop)
    sec = median_seconds(
        lambda: stats.compare_spc(
            est.value, n, bench, kind="proportion", polarity="low_is_good", multiplier=100
        )
    )
    loop = scaled_loop(lambda k: loop_compare_spc(est.value[:k], n[:k], bench), size, 100_000)
    table.add("compare_spc (proportion)", size, "rows", size, sec, *loop)


def bench_dsr(table: Table, tmpdir: Path, areas: int) -> None:
    out = tmpdir / f"d{areas}"
    generate(out, dsr_areas=areas, only="dsr")
    frame = pd.read_csv(out / "dsr.csv")
    cols = [frame[c].to_numpy(float) for c in ("count", "pop", "esp2013")]
    groups = frame["area"].to_numpy()
    sec = median_seconds(lambda: stats.dsr(*cols, groups=groups))
    loop = scaled_loop(lambda k: loop_dsr(frame.iloc[: k * 19]), areas, 2_000)
    table.add("DSR", areas, "areas × 19", len(frame), sec, *loop)


def bench_sii(table: Table, tmpdir: Path, areas: int, sims: int, label: str) -> None:
    out = tmpdir / f"s{areas}"
    generate(out, sii_areas=areas, only="sii")
    frame = pd.read_csv(out / "sii.csv")
    quantile = frame["decile"].to_numpy(float)
    population = frame["population"].to_numpy(float)
    value = frame["value"].to_numpy(float)
    lo, hi = frame["lowercl"].to_numpy(float), frame["uppercl"].to_numpy(float)
    groups = frame["area"].to_numpy()
    sec = median_seconds(
        lambda: stats.sii(
            quantile, population, value, lower=lo, upper=hi, groups=groups, simulations=sims, seed=1
        )
    )
    subset = 500 if sims <= 1_000 else 10
    loop = scaled_loop(lambda k: loop_sii(frame.iloc[: k * 10], sims), areas, subset)
    table.add(label, areas, "areas × 10", len(frame), sec, *loop)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="sizes up to 10^5 rows only")
    args = parser.parse_args(argv)
    if not GENERATOR.exists():
        print(
            f"benchmarks/stats.py needs the shared generator at {GENERATOR} (../shared beside "
            "the repository), which is absent here: nothing to measure."
        )
        return 0
    row_sizes = [10_000, 100_000] if args.quick else [10_000, 100_000, 1_000_000]
    print(f"Machine: {machine()}")
    print("Data: ../shared/bench/gen_data.py (seed 20240601) into a temporary directory.\n")
    table = Table()
    with tempfile.TemporaryDirectory(prefix="onefuture-stats-bench-") as tmp:
        tmpdir = Path(tmp)
        for size in row_sizes:
            bench_rows(table, tmpdir, size)
        for areas in [1_000, 20_000] if args.quick else [1_000, 20_000, 50_000]:
            bench_dsr(table, tmpdir, areas)
        bench_sii(table, tmpdir, 5_000, 1_000, "SII 1,000 sims")
        bench_sii(table, tmpdir, 100, 100_000, "SII 100,000 sims")
    print()
    print(table.markdown())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
