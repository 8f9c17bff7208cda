"""The framework: vision, big things, outcomes, cross-cutting ambitions, the previous plan, links.

Every item belongs to a place and has a ``key``: the stable ``id`` it carries in the framework
YAML file, unique within its place across all kinds of item (see docs/adr/0002), so a link can
name either end by key alone and a page URL can use it (``/big-things/good-jobs-and-homes/``).

``illustrative`` marks content that is demo material rather than the place's own words (the
Stockport example invents outcome statements where the source has none); pages label it
"illustrative example".
"""

from __future__ import annotations

from django.contrib.contenttypes.fields import GenericForeignKey, GenericRelation
from django.contrib.contenttypes.models import ContentType
from django.db import models
from simple_history.models import HistoricalRecords

from onefuture.places.models import Place

KEY_HELP = "Stable id used in the framework file and in URLs: lowercase letters, digits, hyphens."


class LinkableItem(models.Model):
    """Fields every framework item shares; links can point at any concrete subclass."""

    #: Name of the item's kind in YAML, URLs and the link registry (set by each subclass).
    kind: str = ""

    place = models.ForeignKey(Place, on_delete=models.CASCADE, related_name="+")
    key = models.SlugField(max_length=100, help_text=KEY_HELP)
    illustrative = models.BooleanField(
        default=False, help_text="Demo content, shown to readers as 'illustrative example'."
    )
    links_out = GenericRelation(
        "framework.Link", content_type_field="from_type", object_id_field="from_id"
    )
    links_in = GenericRelation(
        "framework.Link", content_type_field="to_type", object_id_field="to_id"
    )

    class Meta:
        abstract = True

    @property
    def title_text(self) -> str:
        """What to call this item in a list of links (subclasses name their own field)."""
        return getattr(self, "title", "") or self.key


class Vision(models.Model):
    """The long-term statement and its horizon; one per place."""

    place = models.OneToOneField(Place, on_delete=models.CASCADE, related_name="vision")
    title = models.CharField(max_length=200)
    statement = models.TextField()
    start_year = models.PositiveSmallIntegerField()
    horizon_year = models.PositiveSmallIntegerField()
    illustrative = models.BooleanField(default=False)
    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(horizon_year__gte=models.F("start_year")),
                name="vision_horizon_not_before_start",
            )
        ]

    def __str__(self) -> str:
        return self.title


class BigThing(LinkableItem):
    """One of the few long-term priorities (five in Stockport): the spine of everything."""

    kind = "big_thing"

    order = models.PositiveSmallIntegerField(default=0)
    title = models.CharField(max_length=200)
    summary = models.TextField(blank=True)
    summary_illustrative = models.BooleanField(
        default=False,
        help_text="The title is the place's own but the summary is demo wording.",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["place", "order", "key"]
        constraints = [
            models.UniqueConstraint(fields=["place", "key"], name="bigthing_unique_key_per_place")
        ]

    def __str__(self) -> str:
        return self.title


class Outcome(LinkableItem):
    """What a big thing should achieve by the horizon, in plain words."""

    kind = "outcome"

    big_thing = models.ForeignKey(BigThing, on_delete=models.CASCADE, related_name="outcomes")
    order = models.PositiveSmallIntegerField(default=0)
    statement = models.TextField()
    history = HistoricalRecords()

    class Meta:
        ordering = ["big_thing__order", "order", "key"]
        constraints = [
            models.UniqueConstraint(fields=["place", "key"], name="outcome_unique_key_per_place")
        ]

    def __str__(self) -> str:
        return self.statement[:80]

    @property
    def title_text(self) -> str:
        return self.statement


class CrossCuttingAmbition(LinkableItem):
    """A lens that runs through every big thing (fairness and inclusion, net zero, ...)."""

    kind = "cross_cutting_ambition"

    order = models.PositiveSmallIntegerField(default=0)
    title = models.CharField(max_length=200)
    summary = models.TextField(blank=True)
    big_things = models.ManyToManyField(
        BigThing, through="AmbitionApplication", related_name="ambitions", blank=True
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["place", "order", "key"]
        verbose_name = "cross-cutting ambition"
        constraints = [
            models.UniqueConstraint(
                fields=["place", "key"], name="crosscuttingambition_unique_key_per_place"
            )
        ]

    def __str__(self) -> str:
        return self.title


class AmbitionApplication(models.Model):
    """How one cross-cutting ambition applies to one big thing (a cell of the matrix)."""

    ambition = models.ForeignKey(
        CrossCuttingAmbition, on_delete=models.CASCADE, related_name="applications"
    )
    big_thing = models.ForeignKey(
        BigThing, on_delete=models.CASCADE, related_name="ambition_applications"
    )
    how = models.TextField(help_text="How the ambition shapes this big thing.")
    illustrative = models.BooleanField(default=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["ambition__order", "big_thing__order"]
        constraints = [
            models.UniqueConstraint(
                fields=["ambition", "big_thing"], name="ambitionapplication_unique_pair"
            )
        ]

    def __str__(self) -> str:
        return f"{self.ambition} → {self.big_thing}"


class PredecessorPlan(models.Model):
    """The plan the vision succeeds (Stockport's 2021 Borough Plan), one per place."""

    place = models.OneToOneField(Place, on_delete=models.CASCADE, related_name="predecessor_plan")
    title = models.CharField(max_length=200)
    start_year = models.PositiveSmallIntegerField(null=True, blank=True)
    horizon_year = models.PositiveSmallIntegerField(null=True, blank=True)
    summary = models.TextField(blank=True)
    history = HistoricalRecords()

    def __str__(self) -> str:
        return self.title


class Pillar(LinkableItem):
    """A heading of the previous plan (e.g. 'One Heart'), grouping its priorities."""

    kind = "pillar"

    plan = models.ForeignKey(PredecessorPlan, on_delete=models.CASCADE, related_name="pillars")
    order = models.PositiveSmallIntegerField(default=0)
    title = models.CharField(max_length=200)
    focus = models.TextField(blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["place", "order", "key"]
        constraints = [
            models.UniqueConstraint(fields=["place", "key"], name="pillar_unique_key_per_place")
        ]

    def __str__(self) -> str:
        return self.title


class Priority(LinkableItem):
    """A priority of the previous plan, mapped to the big things that carry it forward."""

    kind = "priority"

    pillar = models.ForeignKey(Pillar, on_delete=models.CASCADE, related_name="priorities")
    order = models.PositiveSmallIntegerField(default=0)
    title = models.CharField(max_length=200)
    focus = models.TextField(blank=True)
    big_things = models.ManyToManyField(
        BigThing,
        related_name="predecessor_priorities",
        blank=True,
        help_text="The new big things that carry this priority forward.",
    )
    history = HistoricalRecords(m2m_fields=[big_things])

    class Meta:
        ordering = ["pillar__order", "order", "key"]
        verbose_name_plural = "priorities"
        constraints = [
            models.UniqueConstraint(fields=["place", "key"], name="priority_unique_key_per_place")
        ]

    def __str__(self) -> str:
        return self.title


class LinkType(models.TextChoices):
    SUPPORTS = "supports", "supports"
    DEPENDS_ON = "depends_on", "depends on"
    CONFLICTS_WITH = "conflicts_with", "conflicts with"


class Link(models.Model):
    """A typed relation between any two framework items: "everything is linked together".

    Either end is any model registered as linkable (``onefuture.framework.sections``): big
    things, outcomes, ambitions, pillars, priorities, partners, and whatever later apps register
    (a measure, say). Deleting an item deletes its links (``LinkableItem.links_out/links_in``).
    """

    place = models.ForeignKey(Place, on_delete=models.CASCADE, related_name="links")
    from_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    from_id = models.PositiveBigIntegerField()
    from_item = GenericForeignKey("from_type", "from_id")
    to_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    to_id = models.PositiveBigIntegerField()
    to_item = GenericForeignKey("to_type", "to_id")
    type = models.CharField(max_length=20, choices=LinkType.choices)
    strength = models.SmallIntegerField(
        help_text="−3 (strongly works against) to +3 (strongly reinforces)."
    )
    rationale = models.TextField(blank=True)
    illustrative = models.BooleanField(default=False)
    order = models.PositiveIntegerField(default=0, help_text="Position in the file's links list.")
    history = HistoricalRecords()

    class Meta:
        ordering = ["place", "order", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["place", "from_type", "from_id", "to_type", "to_id", "type"],
                name="link_unique_per_ends_and_type",
            ),
            models.CheckConstraint(
                condition=models.Q(strength__gte=-3, strength__lte=3),
                name="link_strength_between_minus_3_and_3",
            ),
        ]
        indexes = [
            models.Index(fields=["from_type", "from_id"]),
            models.Index(fields=["to_type", "to_id"]),
        ]

    def __str__(self) -> str:
        return f"{self.from_item} {self.get_type_display()} {self.to_item}"
