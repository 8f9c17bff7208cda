"""The plain dataclasses the pages show, and how a number is put into one (no reads here)."""

from __future__ import annotations

from dataclasses import dataclass, field

from onefuture.charts import Chart
from onefuture.framework.models import BigThing
from onefuture.measures import honesty
from onefuture.measures.models import DataPoint, Measure
from onefuture.measures.pages.status import Status
from onefuture.measures.periods import PeriodError, period_parse
from onefuture.places.models import Area


@dataclass(frozen=True)
class Value:
    """A number with its unit, limits and period, formatted the measure's way."""

    period: str
    value: float | None
    lower: float | None = None
    upper: float | None = None
    unit: str = ""
    decimals: int = 1
    illustrative: bool = False

    def fmt(self, number: float | None) -> str:
        if number is None:
            return "no value"
        text = f"{number:,.{self.decimals}f}"
        if not self.unit:
            return text
        return f"{text}{self.unit}" if self.unit == "%" else f"{text} {self.unit}"

    @property
    def text(self) -> str:
        return self.fmt(self.value)

    @property
    def limits_text(self) -> str:
        if self.lower is None or self.upper is None:
            return ""
        return f"95% confidence interval {self.fmt(self.lower)} to {self.fmt(self.upper)}"


@dataclass(frozen=True)
class AssessmentView:
    kind: str
    heading: str
    status: Status
    rule: str
    method: str
    period: str
    benchmark: str = ""
    #: Why it could not be calculated, in plain words ("" when it was).
    why_not: str = ""


@dataclass(frozen=True)
class MeasurePage:
    measure: Measure
    home_area: Area | None
    latest: Value | None
    baseline: Value | None
    targets: list[Value]
    charts: list[Chart]
    assessments: list[AssessmentView]
    big_things: list[BigThing]
    #: The measure itself, or its headline value, is illustrative.
    illustrative: bool
    #: Some numbers on the page (say an illustrative ward breakdown) are illustrative.
    some_illustrative: bool
    #: Issue 13 (measures/pages/measure.py fills them): the plain-English summary, the
    #: officer's commentary on the latest period, the status history (newest first), when it
    #: was last assessed, and how fresh the data are (``plain.Freshness``).
    summary: str = ""
    commentary: object = None
    history: list = field(default_factory=list)
    assessed_at: object = None
    freshness: object = None


@dataclass(frozen=True)
class SummaryRow:
    """One measure in a big thing's summary or in the progress overview."""

    measure: Measure
    latest: Value | None
    baseline: Value | None
    target: Value | None
    comparison: Status
    trend: Status
    progress: Status
    trajectory: Status
    benchmark: str
    illustrative: bool


@dataclass(frozen=True)
class ProgressSection:
    big_thing: BigThing
    rows: list[SummaryRow] = field(default_factory=list)


def _year(period: str) -> float | None:
    try:
        return period_parse(period).year
    except PeriodError:
        return None


def _value(measure: Measure, point: DataPoint) -> Value:
    return Value(
        period=point.period,
        value=point.value,
        lower=point.lower,
        upper=point.upper,
        unit=measure.unit,
        decimals=measure.decimal_places,
        illustrative=honesty.datapoint_illustrative(point, measure),
    )


def _baseline(measure: Measure) -> Value | None:
    if measure.baseline_value is None:
        return None
    return Value(
        period=measure.baseline_period,
        value=measure.baseline_value,
        unit=measure.unit,
        decimals=measure.decimal_places,
        illustrative=honesty.baseline_illustrative(measure),
    )


def _targets(measure: Measure) -> list[Value]:
    return [
        Value(
            period=t.period,
            value=t.value,
            unit=measure.unit,
            decimals=measure.decimal_places,
            illustrative=honesty.target_illustrative(t, measure),
        )
        for t in sorted(measure.targets.all(), key=lambda t: t.year)
    ]
