"""The workspace's reports page: reports made by the background worker, and their files
(issue 11 item 6; docs/adr/0037; GOV.UK forms, no JavaScript needed).

- ``workspace/reports/``: choose a report (one question, GOV.UK style) and the latest runs;
- ``workspace/reports/new/<kind>/``: its date, the date to report changes since (optional) and
  the formats that kind makes; "Generate" queues it and goes to the run's page;
- ``workspace/reports/runs/<pk>/``: the run's status and progress, a "Refresh" link while it
  runs (no automatic refresh), and its files when done;
- ``workspace/reports/runs/<pk>/<format>/``: a file, as an attachment.

Scrutiny members read the page and download finished runs (``reports.read``); administrators
and strategy officers generate (``reports.generate``; the service checks again).
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.http import content_disposition_header

from onefuture.core.errors import ApplicationError
from onefuture.core.jobs import jobs_reap
from onefuture.core.permissions import permission_has
from onefuture.reports import selectors, services
from onefuture.reports.document import ReportKind, report_kind, report_kinds
from onefuture.reports.generate import FORMAT_NAMES
from onefuture.reports.permissions import REPORTS_GENERATE, REPORTS_READ
from onefuture.web.place_urls import Page, PlaceSite
from onefuture.web.shortcuts import render
from onefuture.web.workspace import workspace_page

_TEMPLATES = "reports/runs/"


def _kind_hint(kind: ReportKind) -> str:
    made = " and ".join(FORMAT_NAMES[f] for f in kind.formats)
    return f"{kind.description} ({made})" if kind.description else made


class KindForm(forms.Form):
    kind = forms.ChoiceField(
        label="Which report?",
        widget=forms.RadioSelect,
        error_messages={"required": "Choose a report", "invalid_choice": "Choose a report"},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [(k.key, k.title) for k in report_kinds()]


class RunForm(forms.Form):
    date = forms.DateField(
        label="Date of the report",
        help_text="For example, 2024-02-27: the committee's meeting, or the day it is published.",
        widget=forms.DateInput(attrs={"class": "govuk-input--width-10"}),
        error_messages={
            "required": "Enter the report's date",
            "invalid": "Enter the report's date as year-month-day, like 2024-02-27",
        },
    )
    since = forms.DateField(
        label="Report changes since (optional)",
        required=False,
        help_text="For example, 2023-11-28. Leave empty for the committee's previous meeting.",
        widget=forms.DateInput(attrs={"class": "govuk-input--width-10"}),
        error_messages={
            "invalid": "Enter the date to report changes since as year-month-day, like 2023-11-28"
        },
    )
    formats = forms.MultipleChoiceField(
        label="Formats",
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": "Choose at least one format",
            "invalid_choice": "Choose the formats this report is made in: %(value)s is not one",
        },
    )

    def __init__(self, *args: Any, kind: ReportKind, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["formats"].choices = [(f, FORMAT_NAMES[f]) for f in kind.formats]


def _show(form: forms.Form, error: ApplicationError) -> list[str]:
    """Put the service's errors beside their fields; the rest, listed above the form."""
    if error.status_code != 400:
        raise error
    on_fields = [d for d in error.errors if d.field in form.fields]
    for detail in on_fields:
        form.add_error(detail.field, detail.message)
    rest = [d.message for d in error.errors if d.field not in form.fields]
    return rest if on_fields or rest else [error.message]


def _may_generate(request: HttpRequest, site: PlaceSite) -> bool:
    return permission_has(user=request.user, action=REPORTS_GENERATE, place=site.place)


@workspace_page(REPORTS_READ)
def reports(request: HttpRequest, site: PlaceSite) -> HttpResponse:
    """Choose a report (a GET form: it only leads to the next page) and the latest runs."""
    may_generate = _may_generate(request, site)
    chosen = may_generate and "choose" in request.GET
    form = KindForm(request.GET if chosen else None)
    status = 200
    if chosen:
        if form.is_valid():
            return redirect(site.url("workspace-reports-new", form.cleaned_data["kind"]))
        status = 400
    return render(
        request,
        site,
        _TEMPLATES + "index.html",
        {
            "form": form,
            "kinds": [(k, _kind_hint(k)) for k in report_kinds()],
            "may_generate": may_generate,
            "runs": selectors.report_runs_recent(place=site.place),
        },
        status=status,
    )


def _kind(key: str) -> ReportKind:
    try:
        return report_kind(key)
    except ApplicationError:
        raise Http404("No such report") from None


@workspace_page(REPORTS_GENERATE)
def report_new(request: HttpRequest, site: PlaceSite, kind: str) -> HttpResponse:
    found = _kind(kind)
    posted = request.method == "POST"
    form = RunForm(
        request.POST if posted else None,
        kind=found,
        initial={"date": timezone.localdate(), "formats": list(found.formats)},
    )
    errors: list[str] = []
    status = 200
    if posted:
        if form.is_valid():
            data = form.cleaned_data
            try:
                run = services.report_run_start(
                    user=request.user,
                    place=site.place,
                    kind=found.key,
                    date=data["date"],
                    since=data["since"],
                    formats=data["formats"],
                )
                return redirect(site.url("workspace-reports-run", run.pk))
            except ApplicationError as error:
                errors = _show(form, error)
        status = 400
    return render(
        request,
        site,
        _TEMPLATES + "new.html",
        {"form": form, "errors": errors, "kind": found, "hint": _kind_hint(found)},
        status=status,
    )


def _run(site: PlaceSite, pk: int) -> Any:
    run = selectors.report_run_get(place=site.place, pk=pk)
    if run is None:
        raise Http404("No such report run")
    return run


@workspace_page(REPORTS_READ)
def report_run(request: HttpRequest, site: PlaceSite, pk: int) -> HttpResponse:
    """A run's status, progress and (when done) files; a "Refresh" link while it runs."""
    run = _run(site, pk)
    row = selectors.report_run_row(run=run)
    if row.unfinished and jobs_reap(record=run):  # its worker died: failed now
        row = selectors.report_run_row(run=_run(site, pk))
    return render(
        request,
        site,
        _TEMPLATES + "run.html",
        {"row": row, "run": row.run, "may_generate": _may_generate(request, site)},
    )


@workspace_page(REPORTS_READ)
def report_download(request: HttpRequest, site: PlaceSite, pk: int, fmt: str) -> HttpResponse:
    """A finished run's file, as an attachment with its name and content type."""
    found = selectors.report_file_get(run=_run(site, pk), fmt=fmt)
    if found is None:
        raise Http404("No such file: the run has not made it")
    response = HttpResponse(bytes(found.data), content_type=found.content_type)
    response["Content-Disposition"] = content_disposition_header(True, found.name)
    response["Content-Length"] = str(found.size)
    response["Cache-Control"] = "private, no-store"
    return response


PAGES: list[Page] = [
    Page("workspace/reports/", reports, "workspace-reports"),
    Page("workspace/reports/new/<str:kind>/", report_new, "workspace-reports-new"),
    Page("workspace/reports/runs/<int:pk>/", report_run, "workspace-reports-run"),
    Page("workspace/reports/runs/<int:pk>/<str:fmt>/", report_download, "workspace-reports-file"),
]
