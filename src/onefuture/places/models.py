"""Places (tenants), areas and comparator groups.

A place is a tenant: every other record (framework items, partners, measures, ...) carries a
foreign key to one, and every selector filters by it.
"""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from simple_history.models import HistoricalRecords

from onefuture.places.terminology import TERM_KEYS, terminology_for


class Place(models.Model):
    """The area a vision covers; every other record is scoped by its place (a tenant)."""

    slug = models.SlugField(unique=True, help_text="Used in URLs, e.g. 'stockport'.")
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True, help_text="One or two sentences for the home page.")
    logo = models.CharField(
        max_length=300,
        blank=True,
        help_text="Path of the place's logo under the static files, e.g. 'places/stockport.svg'.",
    )
    terminology = models.JSONField(
        default=dict,
        blank=True,
        help_text=(
            "Words this place uses instead of the defaults, e.g. "
            '{"big_thing": {"singular": "mission", "plural": "missions"}}. '
            f"Keys: {', '.join(TERM_KEYS)}."
        ),
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def terms(self) -> dict[str, dict[str, str]]:
        """Every term with this place's overrides: ``place.terms['big_thing']['plural']``."""
        return terminology_for(self.terminology)


class AreaType(models.TextChoices):
    COUNTRY = "country", "Country"
    REGION = "region", "Region"
    LOCAL_AUTHORITY = "local_authority", "Local authority"
    WARD = "ward", "Ward"
    SMALL_AREA = "small_area", "Small area"


#: Broadest first: used to order areas and to check that a parent is broader than its child.
AREA_TYPE_RANK = {t.value: rank for rank, t in enumerate(AreaType)}


class Area(models.Model):
    """A geography with an official code (ONS GSS code in England), within a place's data.

    The same real area (England, say) appears once per place that uses it, so each place's
    data stay independent and a place can be deleted or reloaded without touching another.
    """

    place = models.ForeignKey(Place, on_delete=models.CASCADE, related_name="areas")
    code = models.CharField(max_length=20, help_text="Official code, e.g. 'E08000007'.")
    name = models.CharField(max_length=200)
    type = models.CharField(max_length=20, choices=AreaType.choices)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="children"
    )
    deprivation_decile = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(10)],
        help_text="1 = most deprived tenth nationally, 10 = least deprived.",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["place", "code"]
        constraints = [
            models.UniqueConstraint(fields=["place", "code"], name="area_unique_code_per_place"),
            models.CheckConstraint(
                condition=models.Q(deprivation_decile__isnull=True)
                | models.Q(deprivation_decile__gte=1, deprivation_decile__lte=10),
                name="area_deprivation_decile_1_to_10",
            ),
        ]
        indexes = [models.Index(fields=["place", "type"])]

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"


class ComparatorGroup(models.Model):
    """A named set of areas to compare with, e.g. Stockport's CIPFA nearest neighbours."""

    place = models.ForeignKey(Place, on_delete=models.CASCADE, related_name="comparator_groups")
    slug = models.SlugField()
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    subject = models.ForeignKey(
        Area,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="comparator_groups_as_subject",
        help_text="The area the group is compared with (usually the place's local authority).",
    )
    areas = models.ManyToManyField(Area, related_name="comparator_groups", blank=True)
    history = HistoricalRecords(m2m_fields=[areas])

    class Meta:
        ordering = ["place", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["place", "slug"], name="comparatorgroup_unique_slug_per_place"
            )
        ]

    def __str__(self) -> str:
        return self.name


class BoundarySet(models.Model):
    """A place's boundaries for one type of area (its wards, say): where they came from.

    The shapes themselves are :class:`Boundary` rows, one per area. The set holds what the
    licence asks a map to carry (``attribution``, printed under every map drawn from it) and
    what the framework file's dump writes back (``file``, ``code_property``). Its ``digest``
    changes whenever any shape changes, so the set's history records each replacement of the
    shapes without keeping a copy of every coordinate.
    """

    place = models.ForeignKey(Place, on_delete=models.CASCADE, related_name="boundary_sets")
    area_type = models.CharField(max_length=20, choices=AreaType.choices)
    name = models.CharField(
        max_length=300,
        blank=True,
        help_text="The boundaries and their vintage, e.g. 'Wards (May 2023), generalised to 20 m'.",
    )
    source = models.CharField(
        max_length=500,
        blank=True,
        help_text="Who published them, e.g. 'Office for National Statistics'.",
    )
    licence = models.CharField(
        max_length=200, blank=True, help_text="e.g. 'Open Government Licence v3.0'."
    )
    attribution = models.TextField(
        help_text="The words the licence requires on every map, e.g. 'Contains National "
        "Statistics and OS data © Crown copyright and database right 2023'."
    )
    file = models.CharField(
        max_length=500,
        blank=True,
        help_text="The GeoJSON file they were loaded from (relative to the framework file).",
    )
    code_property = models.CharField(
        max_length=100, help_text="The feature property that held each area's code, e.g. WD23CD."
    )
    digest = models.CharField(
        max_length=64, help_text="SHA-256 of the shapes: changes whenever any shape changes."
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["place", "area_type"]
        constraints = [
            models.UniqueConstraint(
                fields=["place", "area_type"], name="boundaryset_one_per_area_type_per_place"
            )
        ]

    def __str__(self) -> str:
        return (
            f"{self.get_area_type_display()} boundaries of {self.place}: {self.name or self.file}"
        )


class Boundary(models.Model):
    """One area's shape: a GeoJSON geometry (Polygon or MultiPolygon, WGS84 longitude/latitude).

    Stored as JSON rather than a spatial column so SQLite keeps working and nothing spatial
    needs installing (docs/adr/0018). There is no per-row history: it would copy every
    coordinate on every reload; the set's ``digest`` and history say when the shapes changed.
    """

    boundary_set = models.ForeignKey(
        BoundarySet, on_delete=models.CASCADE, related_name="boundaries"
    )
    area = models.OneToOneField(Area, on_delete=models.CASCADE, related_name="boundary")
    geometry = models.JSONField()

    class Meta:
        ordering = ["boundary_set", "area"]
        verbose_name_plural = "boundaries"

    def __str__(self) -> str:
        return f"Boundary of {self.area}"
