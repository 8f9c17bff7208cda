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
