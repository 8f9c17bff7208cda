"""Periods: the four written forms, the year each counts as, and properties that must hold."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from onefuture.measures.periods import PeriodError, period_parse

years = st.integers(min_value=1900, max_value=2098)


@pytest.mark.parametrize(
    ("text", "label", "kind", "year", "span"),
    [
        ("2023", "2023", "calendar", 2023.0, 1.0),
        ("2023/24", "2023/24", "financial", 2023.0, 1.0),
        ("2023/2024", "2023/24", "financial", 2023.0, 1.0),
        ("1999/00", "1999/00", "financial", 1999.0, 1.0),
        ("2021-23", "2021-23", "range", 2022.0, 3.0),
        ("2021 - 2023", "2021-23", "range", 2022.0, 3.0),
        ("2023-24", "2023-24", "range", 2023.5, 2.0),
        ("2024-Q1", "2024-Q1", "quarter", 2024.0, 0.25),
        ("2024-q3", "2024-Q3", "quarter", 2024.5, 0.25),
    ],
)
def test_written_forms(text, label, kind, year, span):
    period = period_parse(text)
    assert (period.label, period.kind, period.year, period.span) == (label, kind, year, span)


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("", "2023/24"),
        ("23", "2023/24"),
        ("2024-Q5", "2023/24"),
        ("Q1 2024", "2023/24"),
        ("FY23", "2023/24"),
        ("2023/25", "write 2023/24"),
        ("2023-21", "ends before it starts"),
    ],
)
def test_other_text_is_refused_saying_what_to_write(text, says):
    with pytest.raises(PeriodError, match=says):
        period_parse(text)


@given(years, st.sampled_from(["calendar", "financial", "range", "quarter"]), st.data())
def test_labels_are_canonical(year, kind, data):
    """Parsing a period's label gives the same period back."""
    if kind == "calendar":
        text = str(year)
    elif kind == "financial":
        text = f"{year}/{year + 1}"
    elif kind == "range":
        text = f"{year}-{year + data.draw(st.integers(1, 5))}"
    else:
        text = f"{year}-Q{data.draw(st.integers(1, 4))}"
    period = period_parse(text)
    assert period_parse(period.label) == period


@given(years)
def test_a_years_quarters_fall_in_order_within_it(year):
    quarters = [period_parse(f"{year}-Q{q}").year for q in range(1, 5)]
    assert quarters == sorted(quarters)
    assert (
        period_parse(str(year)).year
        <= quarters[0]
        < quarters[-1]
        < period_parse(str(year + 1)).year
    )
