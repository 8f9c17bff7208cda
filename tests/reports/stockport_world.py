"""The Stockport example (framework file and its example measure data) loaded for the report
tests, the same as ``make run`` shows."""

from __future__ import annotations

from pathlib import Path

from onefuture.framework.services import framework_load
from onefuture.measures.demo import example_data_load
from onefuture.places.selectors import place_resolve

EXAMPLE_DIR = Path(__file__).resolve().parents[2] / "examples" / "stockport"


def stockport_load():
    framework_load(path=EXAMPLE_DIR / "framework.yaml")
    example_data_load(EXAMPLE_DIR)
    return place_resolve(slug="stockport")
