"""The routemaps' data: the plan (from the framework file) and what happens to it (records).

The plan — :class:`Horizon`, :class:`Routemap`, :class:`DeliveryPlan`, :class:`Milestone` — is a
section of the place's framework file, loaded all or nothing and dumped losslessly; a
milestone's ``status`` there is its *planned* status, the one it has until an approved update
says otherwise (its current status is the newest published update's, see the selectors).

What happens to the plan are records with history, never framework: :class:`Update` (an
owner's status and narrative, reviewed by an officer, public once published),
:class:`ReportingPeriod` (the quarters updates are due for; a locked period takes no more
updates), :class:`Commitment` (a partner's commitment, invited → committed → agreed →
delivering → delivered) and :class:`Comment` (a scrutiny member's or an officer's note on an
update). Every model keeps its history (``simple_history``: who, when, before and after), which
the audit pages read.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from onefuture.framework.models import BigThing, CrossCuttingAmbition, LinkableItem
from onefuture.measures.models import Measure
from onefuture.partners.models import Partner
from onefuture.places.models import Place


class MilestoneStatus(models.TextChoices):
    """A milestone's delivery status (its words and tag colour: ``routemaps.vocabulary``)."""

    NOT_STARTED = "not_started", "Not started"
    ON_TRACK = "on_track", "On track"
    AT_RISK = "at_risk", "At risk"
    OFF_TRACK = "off_track", "Off track"
    COMPLETE = "complete", "Complete"
    DROPPED = "dropped", "Dropped"


#: Statuses an update may only report with a narrative saying why (amber, red and dropped).
NEEDS_NARRATIVE = frozenset(
    {MilestoneStatus.AT_RISK, MilestoneStatus.OFF_TRACK, MilestoneStatus.DROPPED}
)


class Horizon(models.Model):
    """A stretch of the vision's timeline (Stockport: 2024–2027, 2028–2032, 2033–2040)."""

    place = models.ForeignKey(Place, on_delete=models.CASCADE, related_name="horizons")
    key = models.SlugField(max_length=100)
    title = models.CharField(max_length=200)
    start_year = models.PositiveSmallIntegerField()
    end_year = models.PositiveSmallIntegerField()
    description = models.TextField(blank=True)
    order = models.PositiveSmallIntegerField(default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["place", "start_year", "order"]
        constraints = [
            models.UniqueConstraint(fields=["place", "key"], name="horizon_unique_key_per_place"),
            models.CheckConstraint(
                condition=models.Q(end_year__gte=models.F("start_year")),
                name="horizon_ends_after_it_starts",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class Routemap(LinkableItem):
    """A big thing's dated path to the vision's horizon: one per big thing."""

    kind = "routemap"

    big_thing = models.OneToOneField(BigThing, on_delete=models.CASCADE, related_name="routemap")
    title = models.CharField(max_length=300, blank=True)
    summary = models.TextField(blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["place", "big_thing__order"]
        constraints = [
            models.UniqueConstraint(fields=["place", "key"], name="routemap_unique_key_per_place")
        ]

    def __str__(self) -> str:
        return self.title or f"Routemap: {self.big_thing}"


class DeliveryPlan(LinkableItem):
    """A shorter collaborative strategy through which the vision is delivered (e.g. a health
    and wellbeing strategy 2024–2029), with milestones that also sit on the routemaps it serves."""

    kind = "delivery-plan"

    order = models.PositiveSmallIntegerField(default=0)
    title = models.CharField(max_length=300)
    summary = models.TextField(blank=True)
    start_year = models.PositiveSmallIntegerField()
    end_year = models.PositiveSmallIntegerField()
    lead_partner = models.ForeignKey(
        Partner, on_delete=models.PROTECT, null=True, blank=True, related_name="delivery_plans"
    )
    big_things = models.ManyToManyField(BigThing, related_name="delivery_plans", blank=True)
    url = models.URLField(blank=True, max_length=500)
    source = models.CharField(max_length=300, blank=True)
    history = HistoricalRecords(m2m_fields=[big_things])

    class Meta:
        ordering = ["place", "order", "start_year", "title"]
        constraints = [
            models.UniqueConstraint(
                fields=["place", "key"], name="delivery_plan_unique_key_per_place"
            ),
            models.CheckConstraint(
                condition=models.Q(end_year__gte=models.F("start_year")),
                name="delivery_plan_ends_after_it_starts",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class Milestone(LinkableItem):
    """A dated step on a routemap (and, optionally, of a delivery plan), with who leads it.

    ``lead_partners`` are the partners the plan asks to lead it; a partner is *named* as lead
    (on every page and in the API) only once it has agreed, i.e. has a commitment to this
    milestone that the council agreed (``routemaps.selectors.milestone_leads``).
    ``lead_officer`` is a role or a name as the council publishes it ("Director of Place").
    """

    kind = "milestone"

    routemap = models.ForeignKey(Routemap, on_delete=models.CASCADE, related_name="milestones")
    delivery_plan = models.ForeignKey(
        DeliveryPlan, on_delete=models.SET_NULL, null=True, blank=True, related_name="milestones"
    )
    order = models.PositiveSmallIntegerField(default=0)
    title = models.CharField(max_length=300)
    description = models.TextField(blank=True)
    lead_partners = models.ManyToManyField(Partner, related_name="milestones_to_lead", blank=True)
    lead_officer = models.CharField(max_length=200, blank=True)
    start_date = models.DateField(null=True, blank=True)
    due_date = models.DateField()
    depends_on = models.ManyToManyField(
        "self", symmetrical=False, related_name="needed_by", blank=True
    )
    measures = models.ManyToManyField(Measure, related_name="milestones", blank=True)
    ambitions = models.ManyToManyField(CrossCuttingAmbition, related_name="milestones", blank=True)
    status = models.CharField(
        max_length=20,
        choices=MilestoneStatus.choices,
        default=MilestoneStatus.NOT_STARTED,
        help_text="The planned status, until an approved update reports another.",
    )
    weight = models.DecimalField(
        max_digits=6,
        decimal_places=2,
        default=1,
        help_text="How much the milestone counts in its routemap's roll-up (1 unless set).",
    )
    source = models.CharField(
        max_length=500, blank=True, help_text="Where the dates come from (a council report)."
    )
    source_url = models.URLField(blank=True, max_length=500)
    history = HistoricalRecords(m2m_fields=[lead_partners, depends_on, measures, ambitions])

    class Meta:
        ordering = ["place", "routemap", "due_date", "order"]
        constraints = [
            models.UniqueConstraint(fields=["place", "key"], name="milestone_unique_key_per_place"),
            models.CheckConstraint(
                condition=models.Q(start_date__isnull=True)
                | models.Q(start_date__lte=models.F("due_date")),
                name="milestone_starts_before_due",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class ReportingPeriod(models.Model):
    """A period updates are due for (a quarter, say); locked once reported, it takes no more."""

    place = models.ForeignKey(Place, on_delete=models.CASCADE, related_name="reporting_periods")
    key = models.SlugField(max_length=40, help_text="e.g. 2026-q3")
    title = models.CharField(max_length=100, help_text="e.g. July to September 2026")
    start = models.DateField()
    end = models.DateField()
    due = models.DateField(help_text="When updates for the period are due.")
    locked_at = models.DateTimeField(null=True, blank=True)
    locked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["place", "start"]
        constraints = [
            models.UniqueConstraint(fields=["place", "key"], name="period_unique_key_per_place"),
            models.CheckConstraint(
                condition=models.Q(end__gte=models.F("start")), name="period_ends_after_start"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def locked(self) -> bool:
        return self.locked_at is not None


class CommitmentStatus(models.TextChoices):
    INVITED = "invited", "Invited"
    COMMITTED = "committed", "Committed"
    AGREED = "agreed", "Agreed by the council"
    DELIVERING = "delivering", "Delivering"
    DELIVERED = "delivered", "Delivered"
    WITHDRAWN = "withdrawn", "Withdrawn"


#: The statuses in which a commitment counts as the partner's agreement to lead.
AGREED_STATUSES = frozenset(
    {CommitmentStatus.AGREED, CommitmentStatus.DELIVERING, CommitmentStatus.DELIVERED}
)


class Commitment(models.Model):
    """A partner's commitment to the vision: what, to which big thing, by when.

    invited → committed (the partner says what and by when) → agreed by the council →
    delivering (updates as for milestones) → delivered (recognised on the partner's page).
    A commitment may be to lead a milestone: once agreed, the partner is named as its lead.
    """

    place = models.ForeignKey(Place, on_delete=models.CASCADE, related_name="commitments")
    partner = models.ForeignKey(Partner, on_delete=models.CASCADE, related_name="commitments")
    big_thing = models.ForeignKey(BigThing, on_delete=models.CASCADE, related_name="commitments")
    milestone = models.ForeignKey(
        Milestone,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="commitments",
        help_text="The milestone the partner commits to lead, if any.",
    )
    title = models.CharField(max_length=300, help_text="What the partner commits to do.")
    description = models.TextField(blank=True)
    due_date = models.DateField(null=True, blank=True, help_text="By when.")
    status = models.CharField(
        max_length=20, choices=CommitmentStatus.choices, default=CommitmentStatus.INVITED
    )
    recognition = models.TextField(
        blank=True, help_text="Public words of thanks once delivered, shown on the partner's page."
    )
    illustrative = models.BooleanField(default=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    invited_at = models.DateTimeField(null=True, blank=True)
    committed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    committed_at = models.DateTimeField(null=True, blank=True)
    agreed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    agreed_at = models.DateTimeField(null=True, blank=True)
    delivered_at = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["place", "partner", "big_thing", "id"]

    def __str__(self) -> str:
        return f"{self.partner}: {self.title}"


class UpdateState(models.TextChoices):
    """Where an update is in its review (see ``routemaps.actions``)."""

    DRAFT = "draft", "Draft"
    SUBMITTED = "submitted", "Waiting for approval"
    RETURNED = "returned", "Returned for changes"
    APPROVED = "approved", "Approved"
    PUBLISHED = "published", "Published"


class Update(models.Model):
    """An owner's report on a milestone or a commitment: status, narrative, evidence.

    Only a published update is public; its status becomes the milestone's current status. A
    "no change since last time" update (``no_change``) repeats the previous status and still
    records who confirmed it and when.
    """

    place = models.ForeignKey(Place, on_delete=models.CASCADE, related_name="updates")
    milestone = models.ForeignKey(
        Milestone, on_delete=models.CASCADE, null=True, blank=True, related_name="updates"
    )
    commitment = models.ForeignKey(
        Commitment, on_delete=models.CASCADE, null=True, blank=True, related_name="updates"
    )
    period = models.ForeignKey(
        ReportingPeriod, on_delete=models.PROTECT, null=True, blank=True, related_name="updates"
    )
    status = models.CharField(max_length=20, choices=MilestoneStatus.choices)
    narrative = models.TextField(blank=True)
    evidence_url = models.URLField(blank=True, max_length=500)
    evidence_file = models.FileField(upload_to="routemaps/evidence/%Y/%m/", blank=True)
    no_change = models.BooleanField(default=False)
    state = models.CharField(max_length=20, choices=UpdateState.choices, default=UpdateState.DRAFT)
    #: Where it came from: "workspace", "bulk" (a spreadsheet an officer uploaded), "cli".
    origin = models.CharField(max_length=20, default="workspace")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    review_comment = models.TextField(blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["place", "-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(milestone__isnull=False, commitment__isnull=True)
                    | models.Q(milestone__isnull=True, commitment__isnull=False)
                ),
                name="update_is_about_one_thing",
            )
        ]

    def __str__(self) -> str:
        about = self.milestone or self.commitment
        return f"{about}: {self.get_status_display()} ({self.get_state_display()})"


class Comment(models.Model):
    """A note on an update by a scrutiny member or an officer (not public)."""

    update = models.ForeignKey(Update, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    text = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["update", "created_at", "id"]

    def __str__(self) -> str:
        return f"Comment by {self.author} on {self.update_id}"
