"""The scrutiny recommendations tracker (issue 11, item 2; docs/adr/0035).

A :class:`CommitteeMeeting` is one meeting of a scrutiny committee that received the framework
report: its header-block words (report of, title), the recommendations *to* the committee that
the report makes (editable text, one per line) and the council's published contact officer (a
role's public contact, not a resident's personal data). A :class:`ScrutinyRecommendation` is
what the committee asked for at that meeting: linked to the framework items it is about (big
things, measures, milestones), with an owner, a due date, a status and the council's response.
The next report to the committee includes every recommendation made before its date.

A :class:`ReportRun` is one report asked for on the workspace's reports page and made by the
background worker (``reports.tasks``; docs/adr/0037); its files are :class:`ReportFile` rows,
bytes in the database, so any web process can serve them.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from onefuture.framework.models import BigThing
from onefuture.measures.models import Measure
from onefuture.partners.models import Partner
from onefuture.places.models import Place
from onefuture.routemaps.models import Milestone


class CommitteeMeeting(models.Model):
    place = models.ForeignKey(Place, on_delete=models.CASCADE, related_name="+")
    committee = models.CharField(max_length=300)
    date = models.DateField()
    report_of = models.CharField(max_length=300, blank=True)
    report_title = models.CharField(max_length=300, blank=True)
    recommendations_text = models.TextField(
        blank=True, help_text="The report's recommendations to the committee, one per line."
    )
    contact_name = models.CharField(max_length=200, blank=True)
    contact_role = models.CharField(max_length=200, blank=True)
    contact_email = models.EmailField(blank=True)
    contact_phone = models.CharField(max_length=50, blank=True)
    illustrative = models.BooleanField(
        default=False, help_text="Demo content, shown to readers as 'illustrative example'."
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["place", "-date", "committee"]
        constraints = [
            models.UniqueConstraint(
                fields=["place", "committee", "date"], name="meeting_unique_per_committee_date"
            )
        ]

    def __str__(self) -> str:
        return f"{self.committee}, {self.date:%d %B %Y}"


class RecommendationStatus(models.TextChoices):
    """A recommendation's status (its words and tag colour: ``reports.vocabulary``)."""

    OPEN = "open", "Open"
    IN_PROGRESS = "in_progress", "In progress"
    DONE = "done", "Done"
    NOT_ACCEPTED = "not_accepted", "Not accepted"


class ScrutinyRecommendation(models.Model):
    meeting = models.ForeignKey(
        CommitteeMeeting, on_delete=models.CASCADE, related_name="recommendations"
    )
    number = models.PositiveSmallIntegerField()
    text = models.TextField()
    big_things = models.ManyToManyField(BigThing, related_name="+", blank=True)
    measures = models.ManyToManyField(Measure, related_name="+", blank=True)
    milestones = models.ManyToManyField(Milestone, related_name="+", blank=True)
    owner_text = models.CharField(
        max_length=200, blank=True, help_text="A role or team, as the council publishes it."
    )
    owner_partner = models.ForeignKey(
        Partner, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    due_date = models.DateField(null=True, blank=True)
    status = models.CharField(
        max_length=20, choices=RecommendationStatus.choices, default=RecommendationStatus.OPEN
    )
    response = models.TextField(blank=True)
    illustrative = models.BooleanField(default=False)
    history = HistoricalRecords(m2m_fields=[big_things, measures, milestones])

    class Meta:
        ordering = ["meeting__date", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "number"], name="recommendation_unique_number_per_meeting"
            )
        ]

    def __str__(self) -> str:
        return f"{self.meeting}: {self.number}"

    @property
    def owner(self) -> str:
        if self.owner_partner_id:
            return self.owner_partner.name
        return self.owner_text


class RunStatus(models.TextChoices):
    """A report run's status (its words and tag colour: ``reports.vocabulary``)."""

    QUEUED = "queued", "Waiting to start"
    RUNNING = "running", "Running"
    DONE = "done", "Done"
    FAILED = "failed", "Failed"


class ReportRun(models.Model):
    """One report of a place, asked for by a person and made by the background worker."""

    place = models.ForeignKey(Place, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=50, help_text="A registered report kind's key.")
    date = models.DateField(help_text="The report's date.")
    since = models.DateField(
        null=True, blank=True, help_text="Report changes since (None: the kind's own default)."
    )
    formats = models.CharField(max_length=50, help_text="The formats asked for: docx,pdf.")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(max_length=20, choices=RunStatus.choices, default=RunStatus.QUEUED)
    #: 0-100, and what the run is doing now ("Drawing the PDF file").
    progress = models.PositiveSmallIntegerField(default=0)
    stage = models.CharField(max_length=200, blank=True)
    message = models.TextField(blank=True, help_text="Why the run failed, in plain words.")
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["place", "-created_at", "-id"]

    def __str__(self) -> str:
        return f"Report run {self.pk}: {self.kind} for {self.date} ({self.get_status_display()})"

    @property
    def format_list(self) -> list[str]:
        return [f for f in self.formats.split(",") if f]


class ReportFile(models.Model):
    """One file a run made: its name, content type and bytes (ADR 0037)."""

    run = models.ForeignKey(ReportRun, on_delete=models.CASCADE, related_name="files")
    format = models.CharField(max_length=10)
    name = models.CharField(max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    data = models.BinaryField()

    class Meta:
        ordering = ["run", "id"]
        constraints = [
            models.UniqueConstraint(fields=["run", "format"], name="report_file_one_per_format")
        ]

    def __str__(self) -> str:
        return self.name
