"""Admin for the framework: every model, with history, scoped to the current place.

Two rules the framework file enforces are enforced here too: an item's id (``key``) is unique
across every kind of item in its place, and a link joins two items of the link's own place.
A link's ends are chosen from one menu of the place's items ("Big thing: Good jobs and homes")
rather than as a content type and a number.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.http import HttpRequest

from onefuture.core.permissions import permission_check, permission_has
from onefuture.framework.fileformat.registry import kind_words
from onefuture.framework.items import linkable_models
from onefuture.framework.models import (
    AmbitionApplication,
    BigThing,
    CrossCuttingAmbition,
    Link,
    Outcome,
    Pillar,
    PredecessorPlan,
    Priority,
    Vision,
)
from onefuture.framework.selectors import item_key_owner
from onefuture.framework.services import link_problems, link_save
from onefuture.places.admin import PlaceConsistentForm, PlaceScopedAdmin, admin_current_place
from onefuture.places.models import Place


class LinkableItemForm(PlaceConsistentForm):
    """Refuses an id that another item of the place (of any kind) already has."""

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        place, key = cleaned.get("place"), cleaned.get("key")
        if place is not None and key:
            owner = item_key_owner(place=place, key=key, exclude=self.instance)
            if owner is not None:
                self.add_error(
                    "key",
                    f"'{key}' is already the id of {kind_words(owner.kind)} "
                    f"'{owner.title}' in {place}; ids must be unique across the place.",
                )
        return cleaned


class FrameworkAdmin(PlaceScopedAdmin):
    """Admin for a framework model: Django's model permission *and* ``framework.edit`` in the
    row's place (administrators and strategy officers of that place; superusers anywhere).

    The check is :func:`onefuture.core.permissions.permission_has`, the one the services use;
    saving a row for a place the person may not edit is refused with its message (403).
    """

    def _place_of(self, obj: Any) -> Place | None:
        for name in self.place_field.split("__"):
            obj = getattr(obj, name, None)
        return obj

    def _may_edit(self, request: HttpRequest, obj: Any = None) -> bool:
        place = self._place_of(obj) if obj is not None else admin_current_place(request)
        if place is not None:
            return permission_has(user=request.user, action="framework.edit", place=place)
        # No place chosen yet: the lists and the add form, for someone who edits some place.
        return request.user.is_superuser or any(
            permission_has(user=request.user, action="framework.edit", place=m.place)
            for m in request.user.memberships.select_related("place")
        )

    def has_add_permission(self, request: HttpRequest, *args: Any) -> bool:
        return super().has_add_permission(request, *args) and self._may_edit(request)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return super().has_change_permission(request, obj) and self._may_edit(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return super().has_delete_permission(request, obj) and self._may_edit(request, obj)

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        permission_check(user=request.user, action="framework.edit", place=self._place_of(obj))
        super().save_model(request, obj, form, change)


class LinkableItemAdmin(FrameworkAdmin):
    form = LinkableItemForm
    search_fields = ["key", "title"]


class OutcomeInline(admin.TabularInline):
    model = Outcome
    fields = ["order", "key", "statement", "illustrative", "place"]
    extra = 0


@admin.register(Vision)
class VisionAdmin(FrameworkAdmin):
    list_display = ["title", "place", "start_year", "horizon_year", "illustrative"]


@admin.register(BigThing)
class BigThingAdmin(LinkableItemAdmin):
    list_display = ["order", "title", "key", "place", "summary_illustrative", "illustrative"]
    list_display_links = ["title"]
    list_filter = ["illustrative"]


@admin.register(Outcome)
class OutcomeAdmin(LinkableItemAdmin):
    list_display = ["statement", "key", "big_thing", "illustrative"]
    list_filter = ["illustrative"]
    search_fields = ["key", "statement"]


class AmbitionApplicationInline(admin.TabularInline):
    model = AmbitionApplication
    fields = ["big_thing", "how", "illustrative"]
    extra = 0


@admin.register(CrossCuttingAmbition)
class CrossCuttingAmbitionAdmin(LinkableItemAdmin):
    list_display = ["order", "title", "key", "place", "illustrative"]
    list_display_links = ["title"]
    inlines = [AmbitionApplicationInline]


@admin.register(AmbitionApplication)
class AmbitionApplicationAdmin(FrameworkAdmin):
    place_field = "ambition__place"
    list_display = ["ambition", "big_thing", "illustrative"]
    list_filter = ["illustrative"]


@admin.register(PredecessorPlan)
class PredecessorPlanAdmin(FrameworkAdmin):
    list_display = ["title", "place", "start_year", "horizon_year"]


@admin.register(Pillar)
class PillarAdmin(LinkableItemAdmin):
    list_display = ["order", "title", "key", "plan"]
    list_display_links = ["title"]


@admin.register(Priority)
class PriorityAdmin(LinkableItemAdmin):
    list_display = ["title", "key", "pillar"]
    list_filter = ["pillar"]
    filter_horizontal = ["big_things"]


def _item_choices(place: Place | None) -> list[tuple[str, list[tuple[str, str]]]]:
    """Menu of linkable items, grouped by kind: value 'app.model:pk', label the item's title."""
    groups = []
    for kind, model in linkable_models().items():
        items = model._default_manager.all()
        if place is not None:
            items = items.filter(place=place)
        label = model._meta.app_label + "." + model._meta.model_name
        options = [
            (f"{label}:{item.pk}", f"{item.title_text[:80]} ({item.key})")
            for item in items.select_related("place")
        ]
        if options:
            groups.append((kind_words(kind).capitalize(), options))
    return groups


class LinkForm(PlaceConsistentForm):
    source = forms.ChoiceField(label="From")
    target = forms.ChoiceField(label="To")
    strength = forms.IntegerField(
        min_value=-3, max_value=3, help_text=Link.strength.field.help_text
    )

    class Meta:
        model = Link
        fields = ["place", "source", "type", "target", "strength", "rationale", "illustrative"]

    def __init__(self, *args: Any, current_place: Place | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        place = self.instance.place if self.instance.pk else current_place
        choices = [("", "---------"), *_item_choices(place)]
        self.fields["source"].choices = choices
        self.fields["target"].choices = choices
        if self.instance.pk:
            self.initial["source"] = self._value(self.instance.from_type, self.instance.from_id)
            self.initial["target"] = self._value(self.instance.to_type, self.instance.to_id)

    @staticmethod
    def _value(content_type: ContentType, pk: int) -> str:
        return f"{content_type.app_label}.{content_type.model}:{pk}"

    def _item(self, value: str) -> Any:
        label, pk = value.split(":")
        app_label, model_name = label.split(".")
        model = ContentType.objects.get_by_natural_key(app_label, model_name).model_class()
        return model._default_manager.filter(pk=pk).first() if model else None

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        place = cleaned.get("place")
        for name in ("source", "target"):
            value = cleaned.get(name)
            if not value:
                continue
            item = self._item(value)
            if item is None:
                self.add_error(name, "That item no longer exists.")
            elif place is not None and item.place_id != place.pk:
                self.add_error(name, f"That item belongs to {item.place}, not to {place}.")
            else:
                cleaned[f"{name}_item"] = item
        source, target = cleaned.get("source_item"), cleaned.get("target_item")
        if source is not None and target is not None and place is not None:
            self.instance.place = place
            self.instance.type = cleaned.get("type") or ""
            # The file loader's rules, in its words (framework.services.link_validate).
            for problem in link_problems(link=self.instance, source=source, target=target):
                field = {"from": "source", "to": "target"}.get(problem.field)
                self.add_error(field, problem.message)
        return cleaned

    def save(self, commit: bool = True) -> Link:
        """Save through :func:`~onefuture.framework.services.link_save`, the one link writer."""
        link = super().save(commit=False)
        if commit:
            link_save(
                link=link,
                source=self.cleaned_data["source_item"],
                target=self.cleaned_data["target_item"],
            )
        return link


@admin.register(Link)
class LinkAdmin(FrameworkAdmin):
    form = LinkForm
    list_display = ["__str__", "type", "strength", "illustrative", "place"]
    list_filter = ["type", "strength", "illustrative"]
    search_fields = ["rationale"]

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        """Through the link service, which checks the link rules again inside its transaction."""
        permission_check(user=request.user, action="framework.edit", place=obj.place)
        link_save(
            link=obj,
            source=form.cleaned_data["source_item"],
            target=form.cleaned_data["target_item"],
        )

    def get_queryset(self, request: HttpRequest) -> Any:
        # Each row names both ends: fetch them one query per kind, not two per row.
        return super().get_queryset(request).prefetch_related("from_item", "to_item")

    def get_form(self, request: HttpRequest, obj: Any = None, change: bool = False, **kwargs: Any):
        form_class = super().get_form(request, obj, change=change, **kwargs)
        current_place = admin_current_place(request)

        class ScopedLinkForm(form_class):  # type: ignore[misc,valid-type]
            def __init__(self, *args: Any, **kw: Any) -> None:
                super().__init__(*args, current_place=current_place, **kw)

        return ScopedLinkForm
