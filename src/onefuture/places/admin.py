"""Admin for places, areas and comparator groups, and the place scoping every app's admin uses.

Where an installation holds several places, an officer picks a *current place* (Places →
select one → action "Work on this place only"); every changelist of a place-scoped model then
shows that place's rows only, foreign-key menus offer only that place's items, and new items
default to it. Without a current place, each changelist has a "place" filter.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.db.models import BooleanField, Case, QuerySet, Value, When
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html
from simple_history.admin import SimpleHistoryAdmin

from onefuture.places.models import Area, BoundarySet, ComparatorGroup, Place

CURRENT_PLACE_SESSION_KEY = "onefuture_admin_place"

# Officers see the product's name, not "Django administration".
admin.site.site_header = "onefuture administration"
admin.site.site_title = "onefuture administration"


def admin_current_place(request: HttpRequest) -> Place | None:
    """The place this admin session works on, or None for every place."""
    pk = request.session.get(CURRENT_PLACE_SESSION_KEY)
    return Place.objects.filter(pk=pk).first() if pk else None


class PlaceConsistentForm(forms.ModelForm):
    """Refuses a row that joins items of two places (an outcome of another place's big thing).

    Menus are limited to the current place when one is chosen; without one, this check keeps
    every tenant's data its own.
    """

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        place = cleaned.get("place")
        expected = place.pk if isinstance(place, Place) else None
        for name, value in list(cleaned.items()):
            related = list(value) if isinstance(value, QuerySet) else [value]
            for item in related:
                place_id = getattr(item, "place_id", None)
                if place_id is None or isinstance(item, Place):
                    continue
                if expected is None:
                    expected = place_id
                elif place_id != expected:
                    self.add_error(
                        name,
                        f"'{item}' belongs to {item.place}, not to "
                        f"{Place.objects.get(pk=expected)}; choose items of one place.",
                    )
                    break
        return cleaned


class PlaceScopedAdmin(SimpleHistoryAdmin):
    """Admin for a model that belongs to a place (directly, or through ``place_field``)."""

    form = PlaceConsistentForm
    #: Path from the model to its place, e.g. "ambition__place" for an ambition application.
    place_field = "place"

    def get_list_filter(self, request: HttpRequest) -> Any:
        filters = list(super().get_list_filter(request))
        if admin_current_place(request) is None and Place.objects.count() > 1:
            filters.insert(0, self.place_field)
        return filters

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        queryset = super().get_queryset(request)
        place = admin_current_place(request)
        return queryset.filter(**{self.place_field: place}) if place else queryset

    def formfield_for_foreignkey(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        place = admin_current_place(request)
        related = db_field.related_model
        if (
            place is not None
            and related is not Place
            and any(f.name == "place" for f in related._meta.get_fields())
        ):
            kwargs["queryset"] = related._default_manager.filter(place=place)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        place = admin_current_place(request)
        related = db_field.related_model
        if place is not None and any(f.name == "place" for f in related._meta.get_fields()):
            kwargs["queryset"] = related._default_manager.filter(place=place)
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def get_changeform_initial_data(self, request: HttpRequest) -> dict[str, Any]:
        initial = super().get_changeform_initial_data(request)
        place = admin_current_place(request)
        if place is not None and self.place_field == "place":
            initial.setdefault("place", place.pk)
        return initial

    def changelist_view(self, request: HttpRequest, extra_context: Any = None) -> Any:
        if request.method == "GET":
            places_url = reverse("admin:places_place_changelist")
            place = admin_current_place(request)
            if place is not None:
                self.message_user(
                    request,
                    format_html(
                        "Showing {} only. To see every place, choose 'Show every place' on the "
                        '<a href="{}">Places page</a>.',
                        place.name,
                        places_url,
                    ),
                    messages.INFO,
                )
            elif Place.objects.count() > 1:
                # The selector is an action on the Places page: say where it is.
                self.message_user(
                    request,
                    format_html(
                        "Showing every place. To work on one place only, tick it on the "
                        '<a href="{}">Places page</a> and choose the action '
                        "'Work on this place only'.",
                        places_url,
                    ),
                    messages.INFO,
                )
        return super().changelist_view(request, extra_context)


@admin.register(Place)
class PlaceAdmin(SimpleHistoryAdmin):
    list_display = ["name", "slug", "is_current"]
    search_fields = ["name", "slug"]
    actions = ["work_on_this_place", "show_every_place"]

    @admin.display(description="current place", boolean=True)
    def is_current(self, obj: Place) -> bool:
        return bool(getattr(obj, "current", False))

    def get_queryset(self, request: HttpRequest) -> QuerySet[Place]:
        # Annotated per request: the admin object is shared between requests and threads.
        current = request.session.get(CURRENT_PLACE_SESSION_KEY)
        return (
            super()
            .get_queryset(request)
            .annotate(
                current=Case(
                    When(pk=current, then=Value(True)),
                    default=Value(False),
                    output_field=BooleanField(),
                )
            )
        )

    @admin.action(description="Work on this place only (choose one)")
    def work_on_this_place(self, request: HttpRequest, queryset: QuerySet[Place]) -> None:
        if queryset.count() != 1:
            self.message_user(request, "Choose exactly one place.", messages.WARNING)
            return
        place = queryset.get()
        request.session[CURRENT_PLACE_SESSION_KEY] = place.pk
        self.message_user(request, f"Now working on {place.name}: lists show its items only.")

    @admin.action(description="Show every place")
    def show_every_place(self, request: HttpRequest, queryset: QuerySet[Place]) -> None:
        request.session.pop(CURRENT_PLACE_SESSION_KEY, None)
        self.message_user(request, "Lists now show every place.")


@admin.register(Area)
class AreaAdmin(PlaceScopedAdmin):
    list_display = ["code", "name", "type", "parent", "deprivation_decile"]
    list_filter = ["type", "deprivation_decile"]
    search_fields = ["code", "name"]
    raw_id_fields = ["parent"]


@admin.register(ComparatorGroup)
class ComparatorGroupAdmin(PlaceScopedAdmin):
    list_display = ["name", "slug", "subject"]
    search_fields = ["name", "slug"]
    filter_horizontal = ["areas"]
    raw_id_fields = ["subject"]


@admin.register(BoundarySet)
class BoundarySetAdmin(PlaceScopedAdmin):
    """Shown, not edited: boundaries are loaded from their file (framework file or
    ``onefuture data boundaries``), so the shapes and the words their licence requires always
    come from one source, through one service."""

    list_display = ["place", "area_type", "name", "licence", "shape_count"]
    list_filter = ["area_type"]
    fields = [
        "place",
        "area_type",
        "name",
        "source",
        "licence",
        "attribution",
        "file",
        "code_property",
        "shape_count",
    ]
    readonly_fields = fields

    @admin.display(description="shapes")
    def shape_count(self, obj: BoundarySet) -> int:
        return obj.boundaries.count()

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
