"""Measure pages, chart downloads, the officer upload page and the import status page.

Views only translate between HTTP and :mod:`onefuture.measures.pages` (what a page shows),
:mod:`onefuture.measures.selectors` (reads) or :mod:`onefuture.measures.services` (writes); they
never query a model (``tests/test_layers.py``). Every view is scoped by the place in the URL.
"""

from __future__ import annotations

import datetime
import io
import logging
from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_http_methods

from onefuture.charts import chart_svg
from onefuture.core.jobs import jobs_reap
from onefuture.framework.models import BigThing
from onefuture.framework.selectors import big_thing_get, vision_get
from onefuture.measures import pages, selectors
from onefuture.measures.forms import UploadForm
from onefuture.measures.models import ImportBatch, ImportStatus, Measure
from onefuture.measures.services import import_batch_create, import_permission_check
from onefuture.measures.tasks import import_enqueue, import_wait, import_waiting_for_worker
from onefuture.web.place_urls import PlaceSite, place_page
from onefuture.web.shortcuts import render

log = logging.getLogger(__name__)


def _render(
    request: HttpRequest, site: PlaceSite, template: str, context: dict, *, status: int = 200
) -> HttpResponse:
    return render(request, site, f"measures/{template}", context, status=status)


def _measure(site: PlaceSite, key: str) -> Measure:
    try:
        return selectors.measure_detail(place=site.place, key=key)
    except Measure.DoesNotExist:
        raise Http404(f"No success measure '{key}'.") from None


def _horizon(site: PlaceSite) -> int | None:
    vision = vision_get(place=site.place)
    return vision.horizon_year if vision else None


@place_page
def measure_detail(request: HttpRequest, site: PlaceSite, key: str) -> HttpResponse:
    try:
        page = pages.measure_page(place=site.place, key=key)
    except Measure.DoesNotExist:
        raise Http404(f"No success measure '{key}'.") from None
    since_text = (request.GET.get("since") or "").strip()
    since, since_error, changes = None, "", None
    if since_text:
        try:
            since = datetime.date.fromisoformat(since_text)
        except ValueError:
            since_error = f"‘{since_text}’ is not a date: write it as 2025-04-01."
        else:
            changes = selectors.assessment_changes(
                place=site.place, since=since, measures=[page.measure]
            )
    return _render(
        request,
        site,
        "measure.html",
        {
            "page": page,
            "measure": page.measure,
            "polarity": pages.polarity_words(page.measure),
            "horizon_year": _horizon(site),
            "since_text": since_text,
            "since_error": since_error,
            "changes": changes,
        },
        status=400 if since_error else 200,
    )


@place_page
def chart_csv(request: HttpRequest, site: PlaceSite, key: str, chart: str) -> HttpResponse:
    """The numbers of one chart, exactly as its table shows them."""
    found = pages.measure_chart(measure=_measure(site, key), slug=chart)
    if found is None:
        raise Http404(f"The measure '{key}' has no '{chart}' chart.")
    response = HttpResponse(found.csv_text(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{key}-{chart}.csv"'
    return response


@place_page
def chart_spec(request: HttpRequest, site: PlaceSite, key: str, chart: str) -> HttpResponse:
    """The chart's Vega-Lite spec as JSON: what charts.js draws when the page does not inline a
    large spec (a ward map's boundaries), cached by the browser like the static image."""
    found = pages.measure_chart(measure=_measure(site, key), slug=chart)
    if found is None:
        raise Http404(f"The measure '{key}' has no '{chart}' chart.")
    response = HttpResponse(found.spec_json(), content_type="application/json")
    response["Cache-Control"] = "public, max-age=300"
    return response


@place_page
def chart_image(request: HttpRequest, site: PlaceSite, key: str, chart: str) -> HttpResponse:
    """The chart as a static SVG: the image shown without JavaScript, and a download."""
    found = pages.measure_chart(measure=_measure(site, key), slug=chart)
    if found is None:
        raise Http404(f"The measure '{key}' has no '{chart}' chart.")
    response = HttpResponse(chart_svg(found.spec), content_type="image/svg+xml")
    response["Cache-Control"] = "public, max-age=300"
    return response


def _big_thing_spine(site: PlaceSite, key: str):
    try:
        big_thing = big_thing_get(place=site.place, key=key)
    except BigThing.DoesNotExist:
        raise Http404(f"No {site.place.terms['big_thing']['singular']} '{key}'.") from None
    spine = pages.big_thing_spine(place=site.place, big_thing=big_thing)
    if spine is None:
        raise Http404(f"'{key}' has no measures with comparators to chart.")
    return spine


@place_page
def spine_csv(request: HttpRequest, site: PlaceSite, key: str) -> HttpResponse:
    """The numbers of a big thing's spine chart, as its table shows them."""
    response = HttpResponse(
        _big_thing_spine(site, key).csv_text(), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{key}-measures-spine.csv"'
    return response


@place_page
def spine_image(request: HttpRequest, site: PlaceSite, key: str) -> HttpResponse:
    """A big thing's spine chart as a static SVG (the image shown without JavaScript)."""
    response = HttpResponse(
        chart_svg(_big_thing_spine(site, key).spec), content_type="image/svg+xml"
    )
    response["Cache-Control"] = "public, max-age=300"
    return response


@place_page
def measure_template(request: HttpRequest, site: PlaceSite, key: str, fmt: str) -> HttpResponse:
    """A file in the import format holding the measure's current data, ready to extend."""
    if fmt == "csv":
        try:
            text = selectors.measure_template_csv(place=site.place, key=key, current_data=True)
        except Measure.DoesNotExist:
            raise Http404(f"No success measure '{key}'.") from None
        response = HttpResponse(text, content_type="text/csv; charset=utf-8")
    elif fmt == "xlsx":
        buffer = io.BytesIO()
        selectors.measure_template_frame(measure=_measure(site, key)).to_excel(
            buffer, index=False, sheet_name="data", engine="openpyxl"
        )
        response = HttpResponse(
            buffer.getvalue(),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    else:
        raise Http404("Templates come as .csv or .xlsx.")
    response["Content-Disposition"] = f'attachment; filename="{key}-template.{fmt}"'
    return response


def _progress_page(request: HttpRequest, site: PlaceSite) -> pages.ProgressPage:
    filters, errors = pages.progress_filters(request.GET, place=site.place)
    return pages.progress_page(place=site.place, filters=filters, errors=errors)


@place_page
def progress(request: HttpRequest, site: PlaceSite) -> HttpResponse:
    """Every measure once, with counts by status, filters (a GET form), sort and changes."""
    page = _progress_page(request, site)
    query = urlencode(page.filters.query())
    return _render(
        request,
        site,
        "progress.html",
        {
            "page": page,
            "horizon_year": _horizon(site),
            "query": query,
            "sorts": pages.PROGRESS_SORTS,
        },
    )


@place_page
def progress_csv(request: HttpRequest, site: PlaceSite) -> HttpResponse:
    """The rows /progress/ shows for the same filters and sort, as CSV."""
    response = HttpResponse(
        pages.progress_csv(_progress_page(request, site)), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = 'attachment; filename="progress.csv"'
    return response


# --------------------------------------------------------------------------- upload


#: How long an upload waits for its import before showing the status page: small files finish
#: within it, so the officer sees the result at once and only long imports need the status
#: page to check again.
UPLOAD_WAIT_SECONDS = 2.0

#: How often the status page's script checks again while an import runs (the reader can turn
#: it off; without JavaScript there is a "Check again now" link).
STATUS_CHECK_SECONDS = 5

_UNFINISHED = (ImportStatus.QUEUED, ImportStatus.RUNNING)


@login_required
@require_http_methods(["GET", "POST"])
@place_page
def upload(request: HttpRequest, site: PlaceSite) -> HttpResponse:
    import_permission_check(user=request.user, place=site.place)  # PermissionDenied: 403
    form = UploadForm(request.POST, request.FILES) if request.method == "POST" else UploadForm()
    if request.method == "POST" and form.is_valid():
        upload_file = form.cleaned_data["file"]
        batch = import_batch_create(
            place=site.place, filename=upload_file.name, user=request.user, origin="upload"
        )
        import_enqueue(
            batch=batch,
            data=form.cleaned_data["data"],
            filename=upload_file.name,
            dry_run=form.cleaned_data["dry_run"],
        )
        import_wait(batch=batch, seconds=UPLOAD_WAIT_SECONDS)
        return redirect(site.url("import-status", batch.id))
    measures = list(selectors.measure_list(place=site.place))
    recent = list(selectors.import_batch_list(place=site.place)[:10])
    return _render(
        request,
        site,
        "upload.html",
        {"form": form, "measures": measures, "recent": recent},
        status=400 if form.errors else 200,
    )


@login_required
@place_page
def import_status(request: HttpRequest, site: PlaceSite, batch_id: int) -> HttpResponse:
    import_permission_check(user=request.user, place=site.place)  # PermissionDenied: 403
    try:
        batch = selectors.import_batch_detail(place=site.place, batch_id=batch_id)
    except ImportBatch.DoesNotExist:
        raise Http404(f"No import {batch_id} for {site.place.name}.") from None
    if batch.status in _UNFINISHED and jobs_reap(record=batch):  # its worker died
        batch = selectors.import_batch_detail(place=site.place, batch_id=batch_id)
    running = batch.status in _UNFINISHED
    errors = list(batch.errors or [])
    return _render(
        request,
        site,
        "import_status.html",
        {
            "batch": batch,
            "running": running,
            "waiting_for_worker": import_waiting_for_worker(batch=batch),
            "errors": errors[: pages.ERRORS_SHOWN],
            "errors_hidden": max(0, len(errors) - pages.ERRORS_SHOWN),
            "refresh_seconds": STATUS_CHECK_SECONDS,
        },
    )
