"""Reading the peers' expected values in ``tests/data/indicator-vectors/`` (see its README)."""

from __future__ import annotations

import csv
import math
from pathlib import Path

VECTORS = Path(__file__).resolve().parent.parent / "data" / "indicator-vectors"


def rows(name: str) -> list[dict[str, str]]:
    """The rows of one vector file, as dicts of strings."""
    with (VECTORS / name).open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def num(text: str) -> float:
    """A CSV cell as a float; empty (the peer's NA) becomes NaN."""
    return float(text) if text.strip() not in {"", "NA"} else math.nan
