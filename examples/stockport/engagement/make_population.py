"""Make ward-population.csv from the ONS figures in ../shared/data/uk-open-data/population-gm/.

Run from the project root when ../shared is beside it (a fresh clone has the CSV already):

    .venv/bin/python examples/stockport/engagement/make_population.py

Ward totals: ONS mid-2016 estimates on the wards in use until May 2023, each mapped to the May
2023 ward that replaced it (one to one; the boundaries moved, so the figures are approximate).
Age bands: Census 2021 usual residents of the borough by single year of age, summed into the
example's bands, on the borough's row (E08000007). OGL v3: "Source: Office for National
Statistics licensed under the Open Government Licence v3.0".
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

HERE = Path(__file__).parent
SHARED = HERE.parents[2].parent / "shared" / "data" / "uk-open-data" / "population-gm"
WARDS = SHARED / "gm_wards_mid-2016_population_single_year_of_age_persons.csv"
AGES = SHARED / "gm_la_census2021_population_by_sex_and_single_year_of_age.csv"

# May 2023 ward (code, name) ← the pre-2023 ward it mostly replaced (code).
MAPPING = [
    ("E05015014", "Bramhall North", "E05000779"),
    ("E05015015", "Bramhall South & Woodford", "E05000780"),
    ("E05015016", "Bredbury & Woodley", "E05000781"),
    ("E05015017", "Bredbury Green & Romiley", "E05000782"),
    ("E05015018", "Brinnington & Stockport Central", "E05000783"),
    ("E05015019", "Cheadle East & Cheadle Hulme North", "E05000785"),
    ("E05015020", "Cheadle Hulme South", "E05000786"),
    ("E05015021", "Cheadle West & Gatley", "E05000784"),
    ("E05015022", "Davenport & Cale Green", "E05000787"),
    ("E05015023", "Edgeley", "E05000788"),
    ("E05015024", "Hazel Grove", "E05000789"),
    ("E05015025", "Heald Green", "E05000790"),
    ("E05015026", "Heatons North", "E05000791"),
    ("E05015027", "Heatons South", "E05000792"),
    ("E05015028", "Manor", "E05000793"),
    ("E05015029", "Marple North", "E05000794"),
    ("E05015030", "Marple South & High Lane", "E05000795"),
    ("E05015031", "Norbury & Woodsmoor", "E05000799"),
    ("E05015032", "Offerton", "E05000796"),
    ("E05015033", "Reddish North", "E05000797"),
    ("E05015034", "Reddish South", "E05000798"),
]
# The example's age bands (framework.yaml engagement.age_bands): key, lowest and highest age.
BANDS = [
    ("under-16", 0, 15),
    ("16-24", 16, 24),
    ("25-44", 25, 44),
    ("45-64", 45, 64),
    ("65-74", 65, 74),
    ("75-plus", 75, 200),
]
WARD_SOURCE = "ONS mid-2016 ward population estimates (OGL v3)"
AGE_SOURCE = "ONS Census 2021, usual residents by single year of age (OGL v3)"


def _age(label: str) -> int:
    if "under 1" in label:
        return 0
    return int(re.search(r"\d+", label).group())


def main() -> None:
    with WARDS.open(encoding="utf-8") as f:
        old = {r["area_code"]: r for r in csv.DictReader(f)}
    rows = []
    for code, name, was in MAPPING:
        r = old[was]
        rows.append(
            [
                code,
                "",
                r["all_ages"],
                2016,
                WARD_SOURCE,
                f"{name}: figure for the pre-2023 ward {r['area_name']} ({was}); approximate",
            ]
        )
    totals = dict.fromkeys((b[0] for b in BANDS), 0)
    with AGES.open(encoding="utf-8") as f:
        for r in csv.DictReader(f):
            if r["area_code"] != "E08000007" or r["sex"] != "All persons":
                continue
            age = _age(r["age"])
            for key, low, high in BANDS:
                if low <= age <= high:
                    totals[key] += int(r["value"])
    for key, _low, _high in BANDS:
        rows.append(["E08000007", key, totals[key], 2021, AGE_SOURCE, "Stockport, all wards"])
    with (HERE / "ward-population.csv").open("w", encoding="utf-8", newline="") as f:
        out = csv.writer(f, lineterminator="\n")
        out.writerow(["area_code", "age_band", "population", "year", "source", "note"])
        out.writerows(rows)
    print(f"wrote {len(rows)} rows; band total {sum(totals.values())}")


if __name__ == "__main__":
    main()
