"""The Stockport example's illustrative engagement data files (copied, attributed)."""

import csv
from pathlib import Path

ENGAGEMENT_DIR = Path(__file__).resolve().parents[2] / "examples" / "stockport" / "engagement"

ATTRIBUTION = "sub-licensed under CC BY 4.0 with Attribution to The Computational Democracy Project"


def test_comments_are_the_accepted_polis_rows_with_text():
    with (ENGAGEMENT_DIR / "comments.csv").open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 607
    assert set(rows[0]) == {"source_id", "received_on", "text"}
    assert all(row["text"].strip() for row in rows)
    assert len({row["source_id"] for row in rows}) == len(rows)


def test_readme_names_source_licence_and_attribution():
    readme = (ENGAGEMENT_DIR / "README.md").read_text(encoding="utf-8")
    assert "CC BY 4.0" in readme
    assert ATTRIBUTION in readme
    assert "Bowling Green, Kentucky (2018), used as illustrative text" in readme


def _population_rows() -> list[dict[str, str]]:
    with (ENGAGEMENT_DIR / "ward-population.csv").open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_population_has_every_current_ward_once_with_plausible_totals():
    rows = _population_rows()
    wards = [row for row in rows if row["area_code"].startswith("E05") and not row["age_band"]]
    codes = [row["area_code"] for row in wards]
    assert sorted(codes) == [f"E050150{n}" for n in range(14, 35)]
    bands = [row for row in rows if row["area_code"] == "E08000007" and row["age_band"]]
    borough = sum(int(row["population"]) for row in bands)
    wards_total = sum(int(row["population"]) for row in wards)
    # Stockport had about 295,000 residents at Census 2021; the 2016 ward figures are close.
    assert 280_000 < borough < 310_000
    assert abs(wards_total - borough) / borough < 0.05
    assert all("approximate" in row["note"] for row in wards)


def test_readme_says_how_the_wards_were_mapped():
    readme = (ENGAGEMENT_DIR / "README.md").read_text(encoding="utf-8")
    assert "Open Government Licence v3.0" in readme
    assert "approximate" in readme
    assert "Stepping Hill" in readme
