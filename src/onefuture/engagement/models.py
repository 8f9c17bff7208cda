"""The engagement records: who we heard from, what they said, and what was done about it.

- :class:`StakeholderGroup` — the groups a place hears from (VCFSE, young people, businesses,
  public services, residents, elected members …), configured per place.
- :class:`Consultation` — a question put to people over a time (a survey, the "have your say"
  form, an imported conversation); events and comments may belong to one.
- :class:`Event` — a meeting, forum, summit, workshop, survey or online session: when, where
  (venue, ward), who organised it, which groups and partner organisations came, how many people,
  which big things were discussed.
- :class:`Comment` — one thing one person said, with its source, group, ward, age band and
  consent to publish. ``text`` is the ORIGINAL: personal data may be in it, and only engagement
  officers ever see it (``engagement.read_original``). Everyone else, and every public page, the
  open data and the API, sees ``redacted_text``, and only once a person has confirmed the
  redaction (:attr:`Comment.redaction_state` ``confirmed``); a comment is public only when it is
  also consented and not withheld (:data:`PUBLIC`).
- :class:`CommentImport` — one file of comments imported (all or nothing), with every error.
- :class:`ThemeRun` — a background discovery/assignment run over a scope's comments, with
  progress (a ``core.jobs`` record).
- :class:`Theme` and :class:`CommentTheme` — themes an analyst curates (proposed → confirmed)
  and which comments are in each, with the model's confidence; confirmed themes and confirmed
  assignments are never changed by a re-run.
- :class:`Response` — "you said, we did": what was decided about a theme, linked to the
  milestones and measures that deliver it; public once published.
- :class:`PopulationFigure` — how many people live in an area (and age band), to compare voices
  with; from open data, with its source.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from onefuture.framework.models import BigThing
from onefuture.measures.models import Measure
from onefuture.partners.models import Partner
from onefuture.places.models import Area, Place
from onefuture.routemaps.models import Milestone


class StakeholderGroup(models.Model):
    """A group a place hears from (its words are the place's own)."""

    place = models.ForeignKey(Place, on_delete=models.CASCADE, related_name="stakeholder_groups")
    key = models.SlugField(max_length=100)
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["place", "order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["place", "key"], name="stakeholder_group_unique_key")
        ]

    def __str__(self) -> str:
        return self.name


class Consultation(models.Model):
    """A question put to people over a time; its comments can be themed together."""

    place = models.ForeignKey(Place, on_delete=models.CASCADE, related_name="consultations")
    key = models.SlugField(max_length=100)
    title = models.CharField(max_length=300)
    question = models.TextField(blank=True, help_text="The question people were asked.")
    description = models.TextField(blank=True)
    opens_on = models.DateField(null=True, blank=True)
    closes_on = models.DateField(null=True, blank=True)
    #: Where the comments came from when they are not the place's own (an open data set).
    source_name = models.CharField(max_length=300, blank=True)
    source_url = models.URLField(max_length=500, blank=True)
    licence = models.CharField(max_length=200, blank=True)
    attribution = models.TextField(blank=True)
    illustrative = models.BooleanField(
        default=False, help_text="Example content, labelled Illustrative wherever it is shown."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["place", "-opens_on", "title"]
        constraints = [
            models.UniqueConstraint(fields=["place", "key"], name="consultation_unique_key")
        ]

    def __str__(self) -> str:
        return self.title


class EventKind(models.TextChoices):
    MEETING = "meeting", "Meeting"
    FORUM = "forum", "Forum"
    SUMMIT = "summit", "Summit"
    WORKSHOP = "workshop", "Workshop"
    SURVEY = "survey", "Survey"
    ONLINE = "online", "Online"


class Event(models.Model):
    """One occasion on which the place heard from people."""

    place = models.ForeignKey(Place, on_delete=models.CASCADE, related_name="engagement_events")
    consultation = models.ForeignKey(
        Consultation, null=True, blank=True, on_delete=models.SET_NULL, related_name="events"
    )
    title = models.CharField(max_length=300)
    kind = models.CharField(max_length=20, choices=EventKind.choices)
    date = models.DateField()
    venue = models.CharField(max_length=300, blank=True)
    ward = models.ForeignKey(
        Area, null=True, blank=True, on_delete=models.SET_NULL, related_name="engagement_events"
    )
    organiser = models.CharField(max_length=300, blank=True)
    groups = models.ManyToManyField(StakeholderGroup, blank=True, related_name="events")
    organisations = models.ManyToManyField(
        Partner, blank=True, related_name="engagement_events", help_text="Partners who attended."
    )
    people_count = models.PositiveIntegerField(
        null=True, blank=True, help_text="How many people took part (None: not counted)."
    )
    notes = models.TextField(blank=True)
    big_things = models.ManyToManyField(BigThing, blank=True, related_name="engagement_events")
    illustrative = models.BooleanField(default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords(m2m_fields=[groups, organisations, big_things])

    class Meta:
        ordering = ["place", "-date", "title"]

    def __str__(self) -> str:
        return f"{self.title} ({self.date:%-d %B %Y})"


class CommentSource(models.TextChoices):
    ENTERED = "entered", "Entered by an officer"
    IMPORTED = "imported", "Imported from a file"
    FORM = "form", "Have your say form"


class RedactionState(models.TextChoices):
    #: Redacted by the rules, not yet checked by a person: never shown outside the team.
    PENDING = "pending", "Redaction to check"
    #: A person accepted the redaction (possibly after marking more text).
    CONFIRMED = "confirmed", "Redaction checked"


class Comment(models.Model):
    """One thing one person said; ``text`` is the original and never leaves the engagement team."""

    place = models.ForeignKey(Place, on_delete=models.CASCADE, related_name="engagement_comments")
    event = models.ForeignKey(
        Event, null=True, blank=True, on_delete=models.CASCADE, related_name="comments"
    )
    consultation = models.ForeignKey(
        Consultation, null=True, blank=True, on_delete=models.CASCADE, related_name="comments"
    )
    source = models.CharField(max_length=20, choices=CommentSource.choices)
    #: The comment as it was said or written: personal data may be in it.
    text = models.TextField()
    #: The text with personal data replaced by tags ([NAME], [EMAIL] …); what others see.
    redacted_text = models.TextField(blank=True)
    #: What was hidden: [{"start", "end", "kind"}] offsets into ``text`` (kind "MARKED" for text a
    #: reviewer marked by hand). Never the hidden text itself.
    redaction_spans = models.JSONField(default=list, blank=True)
    redaction_state = models.CharField(
        max_length=20, choices=RedactionState.choices, default=RedactionState.PENDING
    )
    redaction_reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    redaction_reviewed_at = models.DateTimeField(null=True, blank=True)
    consent_publish = models.BooleanField(
        default=False, help_text="The person agreed that their words may be published."
    )
    withheld = models.BooleanField(
        default=False, help_text="Kept off the public site by a reviewer (the reason says why)."
    )
    withheld_reason = models.CharField(max_length=300, blank=True)
    group = models.ForeignKey(
        StakeholderGroup, null=True, blank=True, on_delete=models.SET_NULL, related_name="comments"
    )
    ward = models.ForeignKey(
        Area, null=True, blank=True, on_delete=models.SET_NULL, related_name="engagement_comments"
    )
    #: An age band key from the place's engagement settings ("16-24"), or "" if not asked.
    age_band = models.CharField(max_length=20, blank=True)
    #: Other demographic answers ({question key: answer key}); only ever shown as counts.
    demographics = models.JSONField(default=dict, blank=True)
    #: Who said it, as the source identifies them (a survey's respondent id), to count people;
    #: "" when each comment is its own person.
    respondent = models.CharField(max_length=100, blank=True)
    big_things = models.ManyToManyField(BigThing, blank=True, related_name="engagement_comments")
    received_at = models.DateTimeField()
    illustrative = models.BooleanField(default=False)
    import_batch = models.ForeignKey(
        "CommentImport", null=True, blank=True, on_delete=models.CASCADE, related_name="comments"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    #: The analyst confirmed this comment's themes (possibly none): a re-run leaves them alone.
    themes_confirmed_at = models.DateTimeField(null=True, blank=True)
    themes_confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    history = HistoricalRecords(excluded_fields=["text"])

    class Meta:
        ordering = ["place", "received_at", "id"]
        indexes = [
            models.Index(fields=["place", "redaction_state"], name="comment_place_redaction"),
        ]

    def __str__(self) -> str:
        return f"Comment {self.pk}"


#: The condition for a comment to be shown outside the engagement team, in public, in the open
#: data or the API: its redaction confirmed by a person, consented, and not withheld.
PUBLIC = models.Q(redaction_state=RedactionState.CONFIRMED, consent_publish=True, withheld=False)


class RunStatus(models.TextChoices):
    QUEUED = "queued", "Waiting to start"
    RUNNING = "running", "Running"
    SUCCEEDED = "succeeded", "Finished"
    FAILED = "failed", "Failed"


class CommentImport(models.Model):
    """One file of comments: all its rows written, or none, with every error by row and column."""

    place = models.ForeignKey(Place, on_delete=models.CASCADE, related_name="comment_imports")
    event = models.ForeignKey(
        Event, null=True, blank=True, on_delete=models.SET_NULL, related_name="imports"
    )
    consultation = models.ForeignKey(
        Consultation, null=True, blank=True, on_delete=models.SET_NULL, related_name="imports"
    )
    filename = models.CharField(max_length=300)
    status = models.CharField(max_length=20, choices=RunStatus.choices, default=RunStatus.QUEUED)
    rows_total = models.PositiveIntegerField(default=0)
    rows_created = models.PositiveIntegerField(default=0)
    errors = models.JSONField(
        default=list, blank=True, help_text="Every problem: [{row, column, message}, ...]."
    )
    message = models.TextField(blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["place", "-created_at"]

    def __str__(self) -> str:
        return f"{self.filename} ({self.get_status_display()})"


class ThemeRun(models.Model):
    """A background run of theme discovery and assignment over one scope's comments.

    The scope is a consultation, an event, or (neither) every comment of the place.
    """

    place = models.ForeignKey(Place, on_delete=models.CASCADE, related_name="theme_runs")
    consultation = models.ForeignKey(
        Consultation, null=True, blank=True, on_delete=models.CASCADE, related_name="theme_runs"
    )
    event = models.ForeignKey(
        Event, null=True, blank=True, on_delete=models.CASCADE, related_name="theme_runs"
    )
    status = models.CharField(max_length=20, choices=RunStatus.choices, default=RunStatus.QUEUED)
    #: 0–100, and what the run is doing now ("Embedding 320 comments").
    progress = models.PositiveSmallIntegerField(default=0)
    stage = models.CharField(max_length=200, blank=True)
    message = models.TextField(blank=True)
    n_themes = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Themes asked for (None: chosen by the method)."
    )
    comments_count = models.PositiveIntegerField(default=0)
    themes_proposed = models.PositiveIntegerField(default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["place", "-created_at"]

    def __str__(self) -> str:
        return f"Theme run {self.pk} ({self.get_status_display()})"


class ThemeStatus(models.TextChoices):
    PROPOSED = "proposed", "Proposed"
    CONFIRMED = "confirmed", "Confirmed"


class Theme(models.Model):
    """A theme of what people said, in one scope (a consultation, an event, or the whole place)."""

    place = models.ForeignKey(Place, on_delete=models.CASCADE, related_name="themes")
    consultation = models.ForeignKey(
        Consultation, null=True, blank=True, on_delete=models.CASCADE, related_name="themes"
    )
    event = models.ForeignKey(
        Event, null=True, blank=True, on_delete=models.CASCADE, related_name="themes"
    )
    key = models.SlugField(max_length=120)
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    keywords = models.JSONField(default=list, blank=True)
    status = models.CharField(
        max_length=20, choices=ThemeStatus.choices, default=ThemeStatus.PROPOSED
    )
    run = models.ForeignKey(
        ThemeRun, null=True, blank=True, on_delete=models.SET_NULL, related_name="themes"
    )
    big_things = models.ManyToManyField(BigThing, blank=True, related_name="themes")
    order = models.PositiveSmallIntegerField(default=0)
    illustrative = models.BooleanField(default=False)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    confirmed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords(m2m_fields=[big_things])

    class Meta:
        ordering = ["place", "order", "name"]
        constraints = [models.UniqueConstraint(fields=["place", "key"], name="theme_unique_key")]

    def __str__(self) -> str:
        return self.name


class AssignmentSource(models.TextChoices):
    DISCOVERED = "discovered", "Found by discovery"
    ASSIGNED = "assigned", "Assigned by the model"
    ANALYST = "analyst", "Given by an analyst"


class CommentTheme(models.Model):
    """A comment in a theme, with the model's confidence; ``confirmed`` ones a re-run keeps."""

    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="theme_links")
    theme = models.ForeignKey(Theme, on_delete=models.CASCADE, related_name="comment_links")
    confidence = models.FloatField(null=True, blank=True)
    source = models.CharField(max_length=20, choices=AssignmentSource.choices)
    confirmed = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["theme", "-confidence", "comment"]
        constraints = [
            models.UniqueConstraint(fields=["comment", "theme"], name="comment_theme_unique")
        ]

    def __str__(self) -> str:
        return f"{self.comment_id} in {self.theme_id}"


class ResponseStatus(models.TextChoices):
    CONSIDERING = "considering", "Being considered"
    DECIDED = "decided", "Decided"
    DELIVERING = "delivering", "Being delivered"
    DELIVERED = "delivered", "Delivered"
    NOT_TAKEN = "not_taken", "Not taken forward"


class Response(models.Model):
    """ "You said, we did": what was decided about a theme, and what delivers it."""

    place = models.ForeignKey(Place, on_delete=models.CASCADE, related_name="engagement_responses")
    theme = models.OneToOneField(Theme, on_delete=models.CASCADE, related_name="response")
    summary = models.TextField(help_text="What was decided, in plain words.")
    status = models.CharField(
        max_length=20, choices=ResponseStatus.choices, default=ResponseStatus.CONSIDERING
    )
    decided_on = models.DateField(null=True, blank=True)
    milestones = models.ManyToManyField(Milestone, blank=True, related_name="engagement_responses")
    measures = models.ManyToManyField(Measure, blank=True, related_name="engagement_responses")
    published = models.BooleanField(default=False)
    published_at = models.DateTimeField(null=True, blank=True)
    illustrative = models.BooleanField(default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords(m2m_fields=[milestones, measures])

    class Meta:
        ordering = ["place", "theme__order"]

    def __str__(self) -> str:
        return f"Response to {self.theme}"


class PopulationFigure(models.Model):
    """How many people live in an area (all ages, or one age band): a denominator for voices."""

    place = models.ForeignKey(Place, on_delete=models.CASCADE, related_name="population_figures")
    area = models.ForeignKey(Area, on_delete=models.CASCADE, related_name="population_figures")
    #: An age band key from the place's engagement settings, or "" for all ages.
    age_band = models.CharField(max_length=20, blank=True)
    population = models.PositiveIntegerField()
    year = models.PositiveSmallIntegerField()
    source = models.CharField(max_length=500)
    #: How the figure was made when it is not the source's own (e.g. mapped from old wards).
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["place", "area__code", "age_band"]
        constraints = [
            models.UniqueConstraint(
                fields=["place", "area", "age_band"], name="population_unique_area_band"
            )
        ]

    def __str__(self) -> str:
        return f"{self.area} {self.age_band or 'all ages'}: {self.population}"


class EngagementSettings(models.Model):
    """A place's engagement settings, from the framework file's ``engagement:`` section.

    ``age_bands`` are ``[{"key", "name"}]`` in order; ``demographic_questions`` the optional
    questions of the "have your say" form (``[{"key", "question", "answers": [{"key",
    "name"}]}]``); counts below ``suppress_below`` are shown as "fewer than N".
    """

    place = models.OneToOneField(
        Place, on_delete=models.CASCADE, related_name="engagement_settings"
    )
    suppress_below = models.PositiveSmallIntegerField(default=5)
    age_bands = models.JSONField(default=list, blank=True)
    demographic_questions = models.JSONField(default=list, blank=True)
    have_your_say_open = models.BooleanField(default=False)
    have_your_say_question = models.TextField(blank=True)
    #: The population figures file as the framework file names it (dumped back as written).
    populations_file = models.CharField(max_length=300, blank=True)

    def __str__(self) -> str:
        return f"Engagement settings of {self.place}"
