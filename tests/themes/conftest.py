"""Fixtures for the feedback-analysis tests: the small labelled comments in tests/data/themes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parents[1] / "data" / "themes" / "comments.jsonl"


@pytest.fixture(scope="session")
def comments() -> list[dict]:
    """48 comments written for the tests, each with its themes (see tests/data/themes/README.md)."""
    return [json.loads(line) for line in DATA.read_text(encoding="utf-8").splitlines() if line]


@pytest.fixture(scope="session")
def texts(comments: list[dict]) -> list[str]:
    return [c["text"] for c in comments]
