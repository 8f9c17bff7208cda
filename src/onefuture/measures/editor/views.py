"""The measure editor and the commentary pages of the staff workspace.

Views translate HTTP to the editor's forms, the selectors and the services; they never query
a model (``tests/test_layers.py``). Saving calls :func:`~onefuture.measures.services.measure_edit`
(rights, target validation, re-assessment by the worker); "Preview" shows what the public page
will say without saving (:func:`~onefuture.measures.editor.services.measure_preview`); the
commentary page calls :func:`~onefuture.measures.services.commentary_add`.
"""

from __future__ import annotations

import re
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_http_methods

from onefuture.core.errors import ApplicationError
from onefuture.framework.selectors import ambition_list, big_thing_list
from onefuture.measures import pages, selectors
from onefuture.measures.editor import selectors as editor_selectors
from onefuture.measures.editor.forms import CommentaryForm, MeasureForm, TargetFormSet
from onefuture.measures.editor.services import measure_preview
from onefuture.measures.models import Measure
from onefuture.measures.services import (
    COMMENT_ACTION,
    commentary_add,
    measure_definition_of,
    measure_edit,
)
from onefuture.web.place_urls import PlaceSite
from onefuture.web.shortcuts import render
from onefuture.web.workspace import workspace_page

_TARGET_FIELD = re.compile(r"^targets\[(?P<index>\d+)\]\.(?P<field>\w+)$")


def _render(
    request: HttpRequest, site: PlaceSite, template: str, context: dict, *, status: int = 200
) -> HttpResponse:
    return render(request, site, f"measures/editor/{template}", context, status=status)


def _measure(site: PlaceSite, key: str) -> Measure:
    try:
        return selectors.measure_detail(place=site.place, key=key)
    except Measure.DoesNotExist:
        raise Http404(f"No success measure '{key}'.") from None


@workspace_page(action="framework.edit")
def measure_list(request: HttpRequest, site: PlaceSite) -> HttpResponse:
    """Every measure of the place, with links to edit it, comment on it and see it."""
    return _render(
        request, site, "list.html", {"measures": list(selectors.measure_list(place=site.place))}
    )


def _forms(site: PlaceSite, measure: Measure, data: Any = None):
    definition = measure_definition_of(measure)
    initial = {
        "title": definition.title,
        "definition": definition.definition,
        "value_type": definition.value_type,
        "polarity": definition.polarity,
        "unit": definition.unit,
        "multiplier": definition.multiplier,
        "decimal_places": definition.decimal_places,
        "frequency": definition.frequency,
        "source": definition.source,
        "source_url": definition.source_url,
        "licence": definition.licence,
        "attribution": definition.attribution,
        "illustrative": definition.illustrative,
        "baseline_period": definition.baseline_period,
        "baseline_value": definition.baseline_value,
        "baseline_illustrative": definition.baseline_illustrative,
        "target_path": definition.target_path,
        "home_area": definition.home_area or "",
        "comparator_group": definition.comparator_group or "",
        "benchmark_areas": list(definition.benchmark_areas),
        "big_things": list(definition.big_things),
        "ambitions": list(definition.ambitions),
        "assessments": list(definition.assessments or []),
    }
    form = MeasureForm(
        data,
        initial=initial,
        home_areas=[
            (a.code, a.name)
            for a in editor_selectors.editor_home_area_choices(place=site.place, measure=measure)
        ],
        groups=[
            (g.slug, g.name) for g in editor_selectors.editor_comparator_groups(place=site.place)
        ],
        benchmarks=[
            (a.code, f"{a.name} ({a.get_type_display().lower()})")
            for a in editor_selectors.editor_benchmark_choices(place=site.place, measure=measure)
        ],
        big_things=[(b.key, b.title) for b in big_thing_list(place=site.place)],
        ambitions=[(a.key, a.title) for a in ambition_list(place=site.place)],
        big_thing_label=site.place.terms["big_thing"]["plural"].capitalize(),
    )
    targets = TargetFormSet(
        data,
        prefix="targets",
        initial=[
            {
                "period": t["period"],
                "value": t["value"],
                "horizon": t.get("horizon", False),
                "illustrative": bool(t.get("illustrative")),
                "notes": t.get("notes", ""),
            }
            for t in definition.targets
        ],
    )
    return form, targets


def _changes(form: MeasureForm, targets) -> dict[str, Any]:
    data = form.cleaned_data
    changes = {
        name: data[name]
        for name in (
            "title",
            "definition",
            "value_type",
            "polarity",
            "unit",
            "multiplier",
            "decimal_places",
            "frequency",
            "source",
            "source_url",
            "licence",
            "attribution",
            "illustrative",
            "baseline_period",
            "baseline_illustrative",
            "target_path",
            "benchmark_areas",
            "big_things",
            "ambitions",
            "assessments",
        )
    }
    changes["baseline_value"] = data["baseline_value"]
    changes["home_area"] = data["home_area"] or None
    changes["comparator_group"] = data["comparator_group"] or None
    changes["targets"] = [
        {
            "period": t.cleaned_data["period"],
            "value": t.cleaned_data["value"],
            "horizon": t.cleaned_data["horizon"],
            "illustrative": t.cleaned_data["illustrative"],
            "notes": t.cleaned_data["notes"],
        }
        for t in _kept(targets)
    ]
    return changes


def _kept(targets) -> list:
    return [t for t in targets if t.is_kept()]


def _sentence(message: str) -> str:
    message = message.strip()
    return message[:1].upper() + message[1:] if message else message


def _put_back(error: ApplicationError, form: MeasureForm, targets) -> list[str]:
    """Put the service's errors on the fields they name; return the rest for the summary."""
    kept = _kept(targets)
    rest: list[str] = []
    for detail in error.errors:
        match = _TARGET_FIELD.match(detail.field or "")
        if match and int(match["index"]) < len(kept):
            row = kept[int(match["index"])]
            name = match["field"] if match["field"] in ("period", "value") else "period"
            if match["field"] == "is_horizon":
                name = "horizon"
            row.add_error(name, _sentence(detail.message))
        elif detail.field and detail.field in form.fields:
            form.add_error(detail.field, _sentence(detail.message))
        else:
            rest.append(_sentence(detail.message))
    if not error.errors:
        rest.append(_sentence(error.message))
    return rest


def _check_unticked(form: MeasureForm, targets) -> None:
    """Unticking "illustrative" is an explicit act: it needs the confirmation box."""
    unticked = list(form.unticked()) + [
        t.cleaned_data["period"]
        for t in _kept(targets)
        if t.initial.get("illustrative") and not t.cleaned_data.get("illustrative")
    ]
    if unticked and not form.cleaned_data.get("confirm_real"):
        form.add_error(
            "confirm_real",
            "You unticked 'illustrative'; tick this box to confirm the numbers are real, or "
            "tick 'illustrative' again",
        )


def _error_links(form: MeasureForm, targets) -> list[tuple[str, str]]:
    links: list[tuple[str, str]] = []
    for bound in [*form, *(f for t in targets for f in t)]:
        for error in bound.errors:
            multiple = bound.widget_type in ("radioselect", "checkboxselectmultiple")
            links.append((f"#{bound.auto_id}{'_0' if multiple else ''}", error))
    return links


@require_http_methods(["GET", "POST"])
@workspace_page(action="framework.edit")
def measure_edit_page(request: HttpRequest, site: PlaceSite, key: str) -> HttpResponse:
    """Edit a measure: "Preview" shows what its page will say, "Save" saves it."""
    measure = _measure(site, key)
    data = request.POST if request.method == "POST" else None
    form, targets = _forms(site, measure, data)
    preview = None
    other_errors: list[str] = []
    if data is not None:
        valid = form.is_valid() & targets.is_valid()
        if valid:
            _check_unticked(form, targets)
            valid = not form.errors
        if valid:
            changes = _changes(form, targets)
            try:
                if "preview" in request.POST:
                    preview = measure_preview(
                        user=request.user,
                        place=site.place,
                        key=key,
                        build=lambda: pages.measure_page(place=site.place, key=key),
                        **changes,
                    )
                else:
                    measure_edit(user=request.user, place=site.place, key=key, **changes)
                    return redirect(site.url("workspace-measure-edit", key) + "?saved=1")
            except ApplicationError as error:
                if error.status_code in (403, 404):
                    raise
                other_errors = _put_back(error, form, targets)
    errors = _error_links(form, targets) if data is not None else []
    return _render(
        request,
        site,
        "edit.html",
        {
            "measure": measure,
            "form": form,
            "targets": targets,
            "preview": preview,
            "preview_polarity": pages.polarity_words(preview.measure) if preview else "",
            "error_links": errors,
            "other_errors": [*other_errors, *(str(e) for e in form.non_field_errors())],
            "saved": request.method == "GET" and request.GET.get("saved") == "1",
        },
        status=400 if (errors or other_errors) else 200,
    )


@require_http_methods(["GET", "POST"])
@workspace_page(action=COMMENT_ACTION)
def commentary_page(request: HttpRequest, site: PlaceSite, key: str) -> HttpResponse:
    """Write the commentary for a measure's latest period, and read what was written before."""
    measure = _measure(site, key)
    latest = selectors.datapoint_latest(measures=[measure]).get(measure.id)
    form = CommentaryForm(
        request.POST if request.method == "POST" else None,
        initial={"period": latest.period if latest else ""},
    )
    if request.method == "POST" and form.is_valid():
        try:
            commentary_add(
                user=request.user,
                place=site.place,
                measure=measure,
                period=form.cleaned_data["period"],
                text=form.cleaned_data["text"],
            )
        except ApplicationError as error:
            if error.status_code in (403, 404):
                raise
            for detail in error.errors:
                name = detail.field if detail.field in form.fields else None
                form.add_error(name, _sentence(detail.message))
            if not error.errors:
                form.add_error(None, _sentence(error.message))
        else:
            return redirect(site.url("workspace-measure-commentary", key) + "?saved=1")
    return _render(
        request,
        site,
        "commentary.html",
        {
            "measure": measure,
            "form": form,
            "latest": latest,
            "history": editor_selectors.commentary_history(measure=measure),
            "saved": request.method == "GET" and request.GET.get("saved") == "1",
        },
        status=400 if form.errors else 200,
    )
