"""Fingertips connector: fetch an indicator with ``fingertips-py`` and map it to the tidy format.

``fingertips_py.get_data_by_indicator_ids`` returns the Fingertips API's "all data" CSV as a
pandas frame (columns ``Indicator ID``, ``Area Code``, ``Sex``, ``Age``, ``Category Type``,
``Category``, ``Time period``, ``Value``, ``Lower CI 95.0 limit``, ``Upper CI 95.0 limit``,
``Count``, ``Denominator``, ``Value note``, ...). :func:`fingertips_to_tidy` maps those columns
onto tidy rows, which then go through the one import pipeline (:func:`import_file`), so a
Fingertips download is checked exactly like a spreadsheet.

Mapping rules:

* the headline series is the indicator's main sex (``Persons`` where present, else the only sex)
  and main age (the most common age of the headline sex); other sexes become the ``sex``
  breakdown, other ages the ``age`` breakdown;
* ``Category Type`` naming deprivation deciles or quintiles becomes ``deprivation_decile`` /
  ``deprivation_quintile`` with category 1 = most deprived (within-area deprivation is preferred
  where Fingertips gives both kinds); ethnic groups become ``ethnicity``; other category types
  are left out and counted;
* ``Time period`` labels become tidy periods: ``2018`` → ``2018``, ``2018/19`` → ``2018/19``,
  ``2016 - 18`` → ``2016-18``, ``2014/15 - 18/19`` → ``2014-18`` (pooled years by start year),
  ``2018/19 Q1`` → ``2018-Q2`` (financial quarters as calendar quarters); others are counted;
* only areas the place already has are kept (Fingertips returns every area of the type);
* rows without a value are left out (Fingertips suppresses small numbers).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

import pandas as pd

from onefuture.core.errors import ApplicationError
from onefuture.measures.importers.tidy import COLUMNS

LIVE_COLUMNS = {
    "Area Code": "area",
    "Sex": "sex",
    "Age": "age",
    "Category Type": "category_type",
    "Category": "category_name",
    "Time period": "time_period",
    "Value": "value",
    "Lower CI 95.0 limit": "lower",
    "Upper CI 95.0 limit": "upper",
    "Count": "numerator",
    "Denominator": "denominator",
    "Value note": "notes",
}

_DECILES = [
    ("second most", 2),
    ("third more", 3),
    ("fourth more", 4),
    ("fifth more", 5),
    ("fifth less", 6),
    ("fourth less", 7),
    ("third less", 8),
    ("second least", 9),
    ("most", 1),
    ("least", 10),
]
_QUINTILES = [
    ("second most", 2),
    ("second least", 4),
    ("average", 3),
    ("middle", 3),
    ("third", 3),
    ("most", 1),
    ("least", 5),
]


class FingertipsError(ApplicationError):
    """The Fingertips response cannot be used; the message says why."""


@dataclass
class FingertipsReport:
    """What the mapping kept and left out, for the CLI to print."""

    rows_in: int = 0
    rows_out: int = 0
    left_out: Counter = field(default_factory=Counter)

    def summary(self) -> str:
        parts = [f"{self.rows_out} of {self.rows_in} Fingertips rows mapped"]
        parts += [
            f"{count} {why}" if why.startswith("kept") else f"{count} left out: {why}"
            for why, count in self.left_out.most_common()
        ]
        return "; ".join(parts) + "."


def fingertips_fetch(
    *, indicator_id: int, area_type_id: int, parent_area_type_id: int = 15
) -> pd.DataFrame:
    """Download one indicator for one area type from the live Fingertips API (fingertips-py)."""
    from fingertips_py import retrieve_data

    try:
        return retrieve_data.get_data_by_indicator_ids(
            indicator_id, area_type_id, parent_area_type_id=parent_area_type_id
        )
    except Exception as error:  # network and HTTP errors surface as many types
        raise FingertipsError(
            f"could not download indicator {indicator_id} for area type {area_type_id}"
            f" from Fingertips: {error}"
        ) from None


def fingertips_period(label: object) -> str | None:
    """The tidy period for a Fingertips ``Time period`` label, or None if it has no equivalent.

    >>> [fingertips_period(x) for x in ["2018", "2018/19", "2016 - 18", "2014/15 - 18/19"]]
    ['2018', '2018/19', '2016-18', '2014-18']
    >>> fingertips_period("2018/19 Q1")
    '2018-Q2'
    """
    text = re.sub(r"\s+", " ", str(label).strip())
    if re.fullmatch(r"\d{4}", text):
        return text
    if match := re.fullmatch(r"(\d{4})/(\d{2})", text):
        return f"{match[1]}/{match[2]}"
    if match := re.fullmatch(r"(\d{4}) - (\d{2})", text):
        return f"{match[1]}-{match[2]}"
    if match := re.fullmatch(r"(\d{4})/\d{2} - (\d{2})/\d{2}", text):
        return f"{match[1]}-{match[2]}"
    if match := re.fullmatch(r"(\d{4})/\d{2} Q([1-4])", text):
        year, quarter = int(match[1]), int(match[2])
        # Financial Q1 is April-June: calendar Q2 of the start year.
        return f"{year}-Q{quarter + 1}" if quarter < 4 else f"{year + 1}-Q1"
    if match := re.fullmatch(r"(\d{4}) Q([1-4])", text):
        return f"{match[1]}-Q{match[2]}"
    return None


def _quantile(name: str, table: list[tuple[str, int]]) -> int | None:
    text = re.sub(r"\(.*?\)", "", name).strip().lower()
    if text.isdigit():
        return int(text)
    for phrase, number in table:
        if text.startswith(phrase):
            return number
    return None


def fingertips_to_tidy(
    frame: pd.DataFrame,
    *,
    measure_key: str,
    area_codes: set[str],
    source: str = "",
) -> tuple[pd.DataFrame, FingertipsReport]:
    """Map a Fingertips "all data" frame onto tidy rows for ``measure_key``."""
    missing = [c for c in LIVE_COLUMNS if c not in frame.columns]
    if missing:
        raise FingertipsError(
            "the Fingertips data lack the column(s) " + ", ".join(f"'{c}'" for c in missing) + "."
        )
    report = FingertipsReport(rows_in=len(frame))
    data = frame[list(LIVE_COLUMNS)].rename(columns=LIVE_COLUMNS).copy()
    for column in ("sex", "age", "category_type", "category_name", "notes"):
        text = data[column].astype(object)
        data[column] = text.where(text.notna(), "").astype(str).str.strip()

    def drop(mask, why: str) -> None:
        nonlocal data
        count = int(mask.sum())
        if count:
            report.left_out[why] += count
            data = data[~mask]

    drop(~data["area"].isin(area_codes), "area not loaded in this place")
    drop(pd.to_numeric(data["value"], errors="coerce").isna(), "no value (suppressed or missing)")
    data["period"] = data["time_period"].map(fingertips_period)
    drop(data["period"].isna(), "time period with no tidy equivalent")
    if data.empty:
        return _tidy_columns(data), report

    headline_rows = data[data["category_type"] == ""]
    sexes = set(headline_rows["sex"])
    main_sex = "Persons" if "Persons" in sexes else (sexes.pop() if len(sexes) == 1 else "")
    ages = headline_rows.loc[headline_rows["sex"] == main_sex, "age"]
    main_age = ages.mode().iloc[0] if len(ages) else ""

    breakdown = pd.Series("", index=data.index)
    category = pd.Series("", index=data.index)
    no_category = data["category_type"] == ""
    is_main = (data["sex"] == main_sex) & (data["age"] == main_age)
    breakdown[no_category & is_main] = "none"
    by_sex = no_category & (data["age"] == main_age) & (data["sex"] != main_sex)
    breakdown[by_sex] = "sex"
    category[by_sex] = data.loc[by_sex, "sex"]
    by_age = no_category & (data["sex"] == main_sex) & (data["age"] != main_age)
    breakdown[by_age] = "age"
    category[by_age] = data.loc[by_age, "age"]

    kind = data["category_type"].str.lower()
    with_category = ~no_category & is_main
    for word, name, table in (
        ("decile", "deprivation_decile", _DECILES),
        ("quintile", "deprivation_quintile", _QUINTILES),
    ):
        rows = with_category & kind.str.contains("deprivation") & kind.str.contains(word)
        numbers = data.loc[rows, "category_name"].map(lambda n, t=table: _quantile(n, t))
        ok = numbers.notna()
        breakdown[rows[rows].index[ok.to_numpy()]] = name
        category[rows[rows].index[ok.to_numpy()]] = numbers[ok].astype(int).astype(str)
    ethnic = with_category & kind.str.contains("ethnic")
    breakdown[ethnic] = "ethnicity"
    category[ethnic] = data.loc[ethnic, "category_name"]
    data["breakdown"] = breakdown
    data["category"] = category
    drop(data["breakdown"] == "", "sex, age or category type not mapped")

    # Where Fingertips gives the same cut twice (within-area and national deprivation deciles,
    # ethnic groups with and without "unknown"), keep the within-area / first one.
    data["_within"] = ~data["category_type"].str.lower().str.contains("within area")
    data = data.sort_values(["_within", "category_type"], kind="stable")
    key = ["area", "period", "breakdown", "category"]
    duplicated = data.duplicated(key, keep="first")
    drop(duplicated, "same area, period and breakdown given twice")
    data = data.drop(columns="_within")
    _clamp_rounded_limits(data, report)
    data["measure"] = measure_key
    data["source"] = source
    report.rows_out = len(data)
    return _tidy_columns(data), report


def _clamp_rounded_limits(data: pd.DataFrame, report: FingertipsReport) -> None:
    """Set a limit that misses the value only by the source's rounding (under 1 %) to the value.

    Fingertips rounds values and limits separately, so a published upper limit can read 15.59
    for a value of 15.6. A wider miss is left alone for the import to reject.
    """
    value = pd.to_numeric(data["value"], errors="coerce")
    for column, misses in (("lower", lambda lim: lim > value), ("upper", lambda lim: lim < value)):
        limit = pd.to_numeric(data[column], errors="coerce")
        rounding = misses(limit) & ((limit - value).abs() <= 0.01 * value.abs())
        if rounding.any():
            data.loc[rounding, column] = value[rounding]
            note = f"{column} limit set to the value (rounded past it in the source)"
            data.loc[rounding, "notes"] = (data.loc[rounding, "notes"] + "; " + note).str.lstrip(
                "; "
            )
            report.left_out[f"kept, with the {note}"] += int(rounding.sum())


def _tidy_columns(data: pd.DataFrame) -> pd.DataFrame:
    # The tidy import format's columns; Fingertips data are never illustrative.
    columns = [c for c in COLUMNS if c != "illustrative"]
    for column in columns:
        if column not in data.columns:
            data[column] = ""
    return data[columns].sort_values(["area", "breakdown", "category", "period"])
