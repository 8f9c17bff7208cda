"""One-off builder of the Stockport example data (not run by onefuture, make or the tests).

Reads the team's shared copy of public data (``/work/shared/data/uk-open-data``, see README.md
beside this file) and writes, in the tidy format of docs/data-format.md:

* ``fingertips.csv`` — real OHID Fingertips values with limits, counts and denominators for
  England, Stockport and the North West's local authorities (incl. Stockport's CIPFA neighbours
  in the region), mapped by the same code as ``onefuture data fingertips``;
* ``illustrative.csv`` — invented series, every row flagged ``illustrative``: the measures with
  no real data, and ward and deprivation-decile breakdowns that have no real values.

It also prints the North West local authorities for the framework file's ``areas:``. Run from
the repository root: ``.venv/bin/python examples/stockport/data/build.py``. It stops with a
message if the shared folder is absent. The output is deterministic (numpy seed 2040).
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(ROOT / "src"))
SHARED = Path("/work/shared/data/uk-open-data")
OUT = Path(__file__).resolve().parent

#: Fingertips indicator → (measure key, period labelling of the extract's start year).
INDICATORS = {
    93015: ("physically-inactive-adults", "financial"),  # Active Lives, Nov-Nov: "2018/19"
    93763: ("alcohol-related-mortality", "calendar"),
    22401: ("falls-admissions-65-plus", "financial"),
    93085: ("smoking-at-delivery", "financial"),
    93701: ("children-in-absolute-low-income", "financial"),
    92033: ("year-6-obesity", "pooled-academic-5"),
    20401: ("under-18-conceptions", "calendar"),
    93861: ("air-pollution-mortality", "calendar"),
}
LIVE = {
    "IndicatorId": "Indicator ID",
    "AreaCode": "Area Code",
    "Sex": "Sex",
    "Age": "Age",
    "CategoryType": "Category Type",
    "Category": "Category",
    "Value": "Value",
    "LowerCI": "Lower CI 95.0 limit",
    "UpperCI": "Upper CI 95.0 limit",
    "Count": "Count",
    "Denominator": "Denominator",
}
SOURCE = "OHID Fingertips, indicator {id} (via DHSC FingertipsNext seed data)"
NOTE = "Illustrative: invented for the demo, not real data."


def time_period(year: int, labelling: str) -> str:
    """The Fingertips ``Time period`` label for the extract's start year."""
    if labelling == "calendar":
        return str(year)
    if labelling == "financial":
        return f"{year}/{(year + 1) % 100:02d}"
    if labelling == "pooled-academic-5":  # five academic years from the start year
        return f"{year}/{(year + 1) % 100:02d} - {(year + 4) % 100:02d}/{(year + 5) % 100:02d}"
    raise ValueError(labelling)


def north_west_areas() -> pd.DataFrame:
    areas = pd.read_csv(SHARED / "fingertips-nw-extract" / "areas.csv")
    las = areas[areas["AreaCode"].str.match(r"E0[6-9]|E10")]
    return las[["AreaCode", "AreaName", "Parents"]].reset_index(drop=True)


def fingertips_rows(area_codes: set[str]) -> pd.DataFrame:
    from onefuture.measures.connectors.fingertips import fingertips_to_tidy

    data = pd.read_csv(SHARED / "fingertips-nw-extract" / "healthdata_la_icb_england.csv", low_memory=False)
    frames = []
    for indicator, (key, labelling) in INDICATORS.items():
        part = data[data["IndicatorId"] == indicator].rename(columns=LIVE)
        part["Category Type"] = part["Category Type"].astype(object).str.strip('"')
        part["Time period"] = [time_period(int(y), labelling) for y in part["Year"]]
        part["Value note"] = ""
        tidy, report = fingertips_to_tidy(
            part, measure_key=key, area_codes=area_codes, source=SOURCE.format(id=indicator)
        )
        # Keep the file modest: breakdowns (sex, ethnicity, deprivation) for Stockport and
        # England only; headline values for every area.
        keep = (tidy["breakdown"] == "none") | tidy["area"].isin(["E08000007", "E92000001"])
        print(f"{indicator} {key}: {report.summary()} Kept {int(keep.sum())}.", file=sys.stderr)
        frames.append(tidy[keep])
    return pd.concat(frames, ignore_index=True)


def ward_deprivation() -> pd.Series:
    """Mean national IMD 2025 decile of each 2023 ward's LSOAs (lower = more deprived)."""
    lsoa = pd.read_csv(SHARED / "imd" / "stockport_imd2025_lsoa21_ward2023.csv")
    ward = next(c for c in lsoa.columns if c.lower().startswith("wd23cd"))
    return lsoa.groupby(ward)["IMD_decile"].mean().sort_index()


def illustrative_rows(real: pd.DataFrame) -> pd.DataFrame:
    rng = np.random.default_rng(2040)
    rows: list[dict] = []

    def add(measure, area, period, value, half_width, breakdown="", category=""):
        rows.append(
            {
                "measure": measure,
                "area": area,
                "period": period,
                "breakdown": breakdown,
                "category": category,
                "value": round(value, 2),
                "lower": round(value - half_width, 2),
                "upper": round(value + half_width, 2),
                "notes": NOTE,
                "illustrative": "yes",
            }
        )

    # Measures with no real data in the shared extracts: a plausible, gently moving series for
    # Stockport and England.
    invented = {
        "employment-rate": ("2019/20", 76.0, 75.4, +0.2, 1.4),
        "neighbourhood-belonging": ("2019/20", 61.0, 63.0, +0.6, 2.5),
        "active-and-sustainable-travel": ("2019", 37.0, 41.0, +0.5, 1.5),
    }
    for measure, (first, stockport, england, drift, half) in invented.items():
        start = int(first[:4])
        for i in range(6):
            period = f"{start + i}/{(start + i + 1) % 100:02d}" if "/" in first else str(start + i)
            add(measure, "E08000007", period, stockport + drift * i + rng.normal(0, 0.4), half)
            add(measure, "E92000001", period, england + drift * i * 0.5 + rng.normal(0, 0.1), 0.2)

    # Ward breakdowns (no real ward values): Stockport's latest real value, tilted by each
    # ward's deprivation so that more deprived wards fare worse.
    deprivation = ward_deprivation()
    for measure, low_is_good in (("physically-inactive-adults", True), ("alcohol-related-mortality", True)):
        headline = real[(real["measure"] == measure) & (real["area"] == "E08000007") & (real["breakdown"] == "none")]
        latest = headline.sort_values("period").iloc[-1]
        base = float(latest["value"])
        for ward, decile in deprivation.items():
            tilt = (5.5 - decile) / 4.5 * (0.35 if low_is_good else -0.35)
            value = base * (1 + tilt) * (1 + rng.normal(0, 0.05))
            add(measure, ward, latest["period"], value, base * 0.12)

    # Deprivation-decile breakdown for Stockport (no real local deciles in the extract).
    headline = real[(real["measure"] == "alcohol-related-mortality") & (real["area"] == "E08000007") & (real["breakdown"] == "none")]
    latest = headline.sort_values("period").iloc[-1]
    base = float(latest["value"])
    for decile in range(1, 11):
        value = base * (1.9 - 0.17 * decile) * (1 + rng.normal(0, 0.04))
        add("alcohol-related-mortality", "E08000007", latest["period"], value, base * 0.15, "deprivation_decile", str(decile))
    return pd.DataFrame(rows)


def main() -> int:
    if not SHARED.is_dir():
        print(f"{SHARED} is not here: nothing to build.", file=sys.stderr)
        return 1
    nw = north_west_areas()
    print("North West local authorities (for framework.yaml's areas):")
    for code, name, _parent in nw.itertuples(index=False):
        # Lancashire's districts sit inside Lancashire county, but areas of one type cannot
        # nest, so every local authority's parent is the region.
        print(f"  - {{code: {code}, name: {name}, type: local_authority, parent: E12000002}}")
    framework = (ROOT / "examples" / "stockport" / "framework.yaml").read_text(encoding="utf-8")
    codes = {line.split("code: ")[1].split(",")[0] for line in framework.splitlines() if "{code: " in line}
    codes |= set(nw["AreaCode"])
    real = fingertips_rows(codes)
    real.to_csv(OUT / "fingertips.csv", index=False)
    illustrative_rows(real).to_csv(OUT / "illustrative.csv", index=False)
    print(f"Wrote {len(real)} real rows and the illustrative rows to {OUT}.", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
