"""Success measures, their targets, data points, import batches and assessments.

A :class:`Measure` belongs to a place (it is a framework item, linkable like a big thing, with
a stable ``key`` used in data files and URLs). Its :class:`DataPoint` rows hold one value per
area × period × breakdown; :class:`ImportBatch` records every import (M2's status page reads
it); :class:`Assessment` rows hold what :mod:`onefuture.stats` says about each series, with the
method and the rule in words. Writes go through ``services.py``; reads through ``selectors.py``.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from onefuture.framework.models import BigThing, CrossCuttingAmbition, LinkableItem
from onefuture.places.models import Area, ComparatorGroup, Place


class ValueType(models.TextChoices):
    PROPORTION = "proportion", "Proportion"
    RATE = "rate", "Crude rate"
    COUNT = "count", "Count"
    MEAN = "mean", "Mean"
    DSR = "dsr", "Directly standardised rate"
    RATIO = "ratio", "Ratio"
    LIFE_EXPECTANCY = "life_expectancy", "Life expectancy"
    INDEX = "index", "Index or score"
    CURRENCY = "currency", "Money"


class Polarity(models.TextChoices):
    HIGH_IS_GOOD = "high_is_good", "Higher is better"
    LOW_IS_GOOD = "low_is_good", "Lower is better"
    NO_JUDGEMENT = "no_judgement", "Neither higher nor lower is better"


class TargetPath(models.TextChoices):
    LINEAR = "linear", "Straight line from baseline to target"
    CONSTANT_GROWTH = "constant_growth", "Constant annual rate of change"


class AssessmentKind(models.TextChoices):
    COMPARISON = "comparison", "Compared with a benchmark"
    TREND = "trend", "Recent trend"
    PROGRESS = "progress", "Progress to target"
    TRAJECTORY = "trajectory", "On course for the target"
    INEQUALITY = "inequality", "Inequality"


ALL_ASSESSMENTS = [kind.value for kind in AssessmentKind]


def _all_assessments() -> list[str]:
    return list(ALL_ASSESSMENTS)


class Measure(LinkableItem):
    """A success measure: an indicator with a definition, polarity, source, baseline and targets."""

    kind = "measure"

    order = models.PositiveSmallIntegerField(default=0)
    title = models.CharField(max_length=300)
    definition = models.TextField(help_text="What is counted, in plain English.")
    big_things = models.ManyToManyField(BigThing, related_name="measures", blank=True)
    ambitions = models.ManyToManyField(CrossCuttingAmbition, related_name="measures", blank=True)
    value_type = models.CharField(max_length=20, choices=ValueType.choices)
    unit = models.CharField(
        max_length=60,
        blank=True,
        help_text="Shown after the value, e.g. '%', 'per 100,000', 'years'.",
    )
    multiplier = models.FloatField(
        default=1, help_text="100 for a percentage, 100000 for a rate per 100,000, else 1."
    )
    decimal_places = models.PositiveSmallIntegerField(default=1)
    polarity = models.CharField(max_length=20, choices=Polarity.choices)
    source = models.CharField(max_length=300, blank=True)
    source_url = models.URLField(blank=True)
    licence = models.CharField(max_length=200, blank=True)
    attribution = models.TextField(blank=True, help_text="Shown wherever the data are shown.")
    frequency = models.CharField(max_length=40, blank=True, help_text="e.g. 'annual', 'quarterly'.")
    baseline_period = models.CharField(max_length=12, blank=True)
    baseline_value = models.FloatField(null=True, blank=True)
    baseline_illustrative = models.BooleanField(
        default=False,
        help_text="The baseline is an illustrative example, not a real figure.",
    )
    target_path = models.CharField(
        max_length=20, choices=TargetPath.choices, default=TargetPath.LINEAR
    )
    home_area = models.ForeignKey(
        Area,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The area the targets are for (the place's own local authority).",
    )
    benchmark_areas = models.ManyToManyField(
        Area, related_name="benchmark_for_measures", blank=True, help_text="e.g. England."
    )
    comparator_group = models.ForeignKey(
        ComparatorGroup, null=True, blank=True, on_delete=models.SET_NULL, related_name="measures"
    )
    assessments_applied = models.JSONField(
        default=_all_assessments,
        blank=True,
        help_text=f"Which assessments apply: any of {', '.join(ALL_ASSESSMENTS)}.",
    )
    fingertips_indicator = models.PositiveIntegerField(
        null=True, blank=True, help_text="Fingertips indicator id, for the connector."
    )
    assessed_at = models.DateTimeField(
        null=True,
        blank=True,
        editable=False,
        help_text="When the measure's assessments were last computed.",
    )
    history = HistoricalRecords(excluded_fields=["assessed_at"])

    class Meta:
        ordering = ["place", "order", "key"]
        constraints = [
            models.UniqueConstraint(fields=["place", "key"], name="measure_unique_key_per_place")
        ]

    def __str__(self) -> str:
        return self.title


class Target(models.Model):
    """An interim or horizon target of a measure (the path between them is the measure's)."""

    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="targets")
    period = models.CharField(max_length=12, help_text="Written like a data period, e.g. '2030'.")
    year = models.FloatField(help_text="The year the period counts as (see periods.py).")
    value = models.FloatField()
    is_horizon = models.BooleanField(default=False, help_text="The vision's end target (2040).")
    notes = models.TextField(blank=True)
    illustrative = models.BooleanField(
        default=False,
        help_text="An illustrative example, not an agreed target. Untick only when it is agreed.",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["measure", "year"]
        constraints = [
            models.UniqueConstraint(fields=["measure", "period"], name="target_unique_period")
        ]

    def __str__(self) -> str:
        return f"{self.measure}: {self.value:g} by {self.period}"


class ImportStatus(models.TextChoices):
    QUEUED = "queued", "Waiting to start"
    RUNNING = "running", "Running"
    SUCCEEDED = "succeeded", "Imported"
    VALIDATED = "validated", "Checked, nothing written (dry run)"
    FAILED = "failed", "Failed: nothing written"


class ImportBatch(models.Model):
    """One import of a file (or a Fingertips download): who, when, what happened, every error."""

    place = models.ForeignKey(Place, on_delete=models.CASCADE, related_name="import_batches")
    filename = models.CharField(max_length=300)
    checksum = models.CharField(
        max_length=64, blank=True, help_text="SHA-256 of the file, to recognise a re-import."
    )
    origin = models.CharField(
        max_length=40, default="file", help_text="file, upload, fingertips, demo"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    status = models.CharField(
        max_length=20, choices=ImportStatus.choices, default=ImportStatus.QUEUED
    )
    dry_run = models.BooleanField(default=False)
    rows_total = models.PositiveIntegerField(default=0)
    rows_created = models.PositiveIntegerField(default=0)
    rows_updated = models.PositiveIntegerField(default=0)
    rows_unchanged = models.PositiveIntegerField(default=0)
    rows_computed = models.PositiveIntegerField(
        default=0, help_text="Rows whose value was computed from numerator and denominator."
    )
    errors = models.JSONField(
        default=list, blank=True, help_text="Every problem: [{row, column, message}, ...]."
    )
    message = models.TextField(blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.filename} ({self.get_status_display()})"


class DataPoint(models.Model):
    """One value of a measure for an area, period and breakdown, with its limits and counts."""

    # Only the unique key is indexed (it starts with measure and area): every extra index costs
    # a B-tree insert per row, and a million-row import is mostly index maintenance. Nor does the
    # database check the foreign keys row by row (tripled PostgreSQL's insert time): the import
    # resolves every measure and area within the place before writing, and Django carries out
    # on_delete itself. See docs/adr/0012.
    measure = models.ForeignKey(
        Measure,
        on_delete=models.CASCADE,
        related_name="data_points",
        db_index=False,
        db_constraint=False,
    )
    area = models.ForeignKey(
        Area,
        on_delete=models.CASCADE,
        related_name="data_points",
        db_index=False,
        db_constraint=False,
    )
    period = models.CharField(
        max_length=12, help_text="Canonical label: 2023, 2023/24, 2021-23, 2024-Q1."
    )
    period_kind = models.CharField(max_length=12)
    year = models.FloatField(help_text="The year the period counts as for trends and targets.")
    span = models.FloatField(default=1, help_text="Years the period covers.")
    breakdown = models.CharField(max_length=24, default="none")
    category = models.CharField(max_length=100, blank=True, default="")
    value = models.FloatField(null=True)
    lower = models.FloatField(null=True, blank=True)
    upper = models.FloatField(null=True, blank=True)
    numerator = models.FloatField(null=True, blank=True)
    denominator = models.FloatField(null=True, blank=True)
    notes = models.TextField(blank=True, default="")
    source = models.CharField(max_length=300, blank=True, default="")
    batch = models.ForeignKey(
        ImportBatch,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="data_points",
        db_index=False,
        db_constraint=False,
    )
    illustrative = models.BooleanField(default=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["measure", "area", "breakdown", "category", "year"]
        constraints = [
            models.UniqueConstraint(
                fields=["measure", "area", "period", "breakdown", "category"],
                name="datapoint_unique_key",
            )
        ]

    def __str__(self) -> str:
        return f"{self.measure_id} {self.area_id} {self.period} {self.breakdown}={self.category}"


class Assessment(models.Model):
    """What the statistics say about one series (measure × area × breakdown × category)."""

    # Written only by the assessment service, from ids it has just read (see DataPoint).
    measure = models.ForeignKey(
        Measure,
        on_delete=models.CASCADE,
        related_name="assessments",
        db_index=False,
        db_constraint=False,
    )
    area = models.ForeignKey(
        Area,
        on_delete=models.CASCADE,
        related_name="assessments",
        db_index=False,
        db_constraint=False,
    )
    breakdown = models.CharField(max_length=24, default="none")
    category = models.CharField(max_length=100, blank=True, default="")
    kind = models.CharField(max_length=20, choices=AssessmentKind.choices)
    benchmark = models.ForeignKey(
        Area,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        db_index=False,
        db_constraint=False,
    )
    period = models.CharField(max_length=12, blank=True, help_text="The latest period assessed.")
    label = models.CharField(
        max_length=60, help_text="Machine label from the library, e.g. 'better'."
    )
    # Text, not a bounded column: the words, method and rule explain the result to the reader,
    # so they are stored whole, never cut to fit a column.
    text = models.TextField(help_text="The result in words, e.g. 'Better than England'.")
    numbers = models.JSONField(default=dict, blank=True)
    method = models.TextField()
    rule = models.TextField()
    computed_at = models.DateTimeField()

    class Meta:
        ordering = ["measure", "area", "kind", "breakdown", "category"]
        indexes = [models.Index(fields=["measure", "area", "kind"], name="assessment_series")]

    def __str__(self) -> str:
        return f"{self.measure_id} {self.area_id} {self.kind}: {self.text}"


class AssessmentRecord(models.Model):
    """One assessment result as it was computed, kept when it changed (ADR 0022).

    :class:`Assessment` holds the current results and is replaced on every re-assessment; a
    record is appended here for every series whose result is new or differs from the one it
    replaces (its label, period or words), with the numbers it was computed from, when, and
    why it was re-assessed. Records are never updated or deleted (but go with their measure).
    """

    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="+")
    area = models.ForeignKey(
        Area, on_delete=models.CASCADE, related_name="+", db_index=False, db_constraint=False
    )
    breakdown = models.CharField(max_length=24, default="none")
    category = models.CharField(max_length=100, blank=True, default="")
    kind = models.CharField(max_length=20, choices=AssessmentKind.choices)
    benchmark = models.ForeignKey(
        Area,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        db_index=False,
        db_constraint=False,
    )
    period = models.CharField(max_length=12, blank=True)
    label = models.CharField(max_length=60)
    text = models.TextField()
    numbers = models.JSONField(default=dict, blank=True)
    #: The label this result replaced ("" for a series assessed for the first time).
    previous_label = models.CharField(max_length=60, blank=True, default="")
    previous_text = models.TextField(blank=True, default="")
    previous_period = models.CharField(max_length=12, blank=True, default="")
    computed_at = models.DateTimeField()
    #: Why the measure was re-assessed: "import of smoking.csv", "targets changed by ...".
    cause = models.TextField(blank=True, default="")
    batch = models.ForeignKey(
        ImportBatch,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_index=False,
        db_constraint=False,
        help_text="The import whose data were being assessed, when an import caused it.",
    )

    class Meta:
        ordering = ["measure", "computed_at", "id"]
        indexes = [
            models.Index(fields=["measure", "computed_at"], name="assessment_record_when"),
        ]

    def __str__(self) -> str:
        return (
            f"{self.measure_id} {self.area_id} {self.kind} {self.computed_at:%Y-%m-%d}: {self.text}"
        )


class ReassessmentStatus(models.TextChoices):
    QUEUED = "queued", "Waiting to start"
    RUNNING = "running", "Running"
    DONE = "done", "Done"
    FAILED = "failed", "Failed"


class Reassessment(models.Model):
    """A queued re-assessment of some measures, run by the background worker (``core.jobs``).

    Made by every change that affects an assessment other than a data import (which assesses
    within its own transaction): targets, baseline, benchmarks, the definition.
    """

    place = models.ForeignKey(Place, on_delete=models.CASCADE, related_name="+")
    measure_ids = models.JSONField(default=list)
    cause = models.TextField(blank=True, default="")
    status = models.CharField(
        max_length=20, choices=ReassessmentStatus.choices, default=ReassessmentStatus.QUEUED
    )
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    message = models.TextField(blank=True, default="")

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"Re-assess {self.measure_ids} ({self.get_status_display()})"


class Commentary(models.Model):
    """An officer's narrative for one period of a measure: what the data say, what we are doing.

    Each save adds a row (the history of what was written); the page shows the newest row of
    the latest period. Written through ``services.commentary_add``.
    """

    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="commentary")
    period = models.CharField(
        max_length=12, help_text="The data period it comments on, e.g. '2024/25'."
    )
    text = models.TextField()
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["measure", "-created_at", "-id"]
        verbose_name_plural = "commentary"

    def __str__(self) -> str:
        return f"{self.measure}: {self.period}"
