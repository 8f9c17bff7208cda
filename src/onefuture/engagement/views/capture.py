"""The workspace's capture pages: events, comments entered and pasted, imports. Views only
translate HTTP to :mod:`onefuture.engagement.services.capture` and the page builders."""

from __future__ import annotations

from typing import Any

from django import forms
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect

from onefuture.core.errors import ApplicationError, NotFound
from onefuture.engagement.importers import comments_template
from onefuture.engagement.models import EventKind
from onefuture.engagement.pages.capture import CaptureChoices, capture_choices, event_page
from onefuture.engagement.permissions import CAPTURE, READ
from onefuture.engagement.selectors import capture as selectors
from onefuture.engagement.services import capture as services
from onefuture.web.place_urls import Page, PlaceSite
from onefuture.web.shortcuts import render
from onefuture.web.workspace import workspace_page

NONE = ""


def _render(request, site, template, context, status=200) -> HttpResponse:
    return render(request, site, f"engagement/capture/{template}", context, status=status)


def _by(rows, attr="pk"):
    return {str(getattr(r, attr)): r for r in rows}


class EventForm(forms.Form):
    title = forms.CharField(label="Title", max_length=300)
    kind = forms.ChoiceField(label="Kind of event", choices=EventKind.choices)
    date = forms.DateField(
        label="Date",
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text="For example, 2025-03-31.",
    )
    venue = forms.CharField(label="Venue (optional)", max_length=300, required=False)
    ward = forms.ChoiceField(label="Ward (optional)", required=False)
    organiser = forms.CharField(label="Organised by (optional)", max_length=300, required=False)
    consultation = forms.ChoiceField(label="Consultation (optional)", required=False)
    people_count = forms.IntegerField(
        label="How many people took part (optional)", min_value=0, required=False
    )
    groups = forms.MultipleChoiceField(
        label="Groups who took part", widget=forms.CheckboxSelectMultiple, required=False
    )
    organisations = forms.MultipleChoiceField(
        label="Partner organisations who attended",
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    big_things = forms.MultipleChoiceField(
        label="Big things discussed", widget=forms.CheckboxSelectMultiple, required=False
    )
    notes = forms.CharField(
        label="Notes (optional)", widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    illustrative = forms.BooleanField(
        label="Illustrative example (labelled as such wherever it is shown)", required=False
    )

    def __init__(self, *args: Any, choices: CaptureChoices, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.choices = choices
        self.fields["ward"].choices = [(NONE, "None")] + [
            (str(w.pk), w.name) for w in choices.wards
        ]
        self.fields["consultation"].choices = [(NONE, "None")] + [
            (str(c.pk), c.title) for c in choices.consultations
        ]
        self.fields["groups"].choices = [(str(g.pk), g.name) for g in choices.groups]
        self.fields["organisations"].choices = [(str(p.pk), p.name) for p in choices.partners]
        self.fields["big_things"].choices = [(str(b.pk), b.title) for b in choices.big_things]

    def values(self) -> dict[str, Any]:
        d, c = self.cleaned_data, self.choices
        return {
            "title": d["title"],
            "kind": d["kind"],
            "date": d["date"],
            "venue": d.get("venue", ""),
            "ward": _by(c.wards).get(d.get("ward") or ""),
            "organiser": d.get("organiser", ""),
            "consultation": _by(c.consultations).get(d.get("consultation") or ""),
            "people_count": d.get("people_count"),
            "notes": d.get("notes", ""),
            "illustrative": d.get("illustrative", False),
            "groups": [_by(c.groups)[k] for k in d.get("groups", [])],
            "organisations": [_by(c.partners)[k] for k in d.get("organisations", [])],
            "big_things": [_by(c.big_things)[k] for k in d.get("big_things", [])],
        }

    @staticmethod
    def initial_of(event) -> dict[str, Any]:
        return {
            "title": event.title,
            "kind": event.kind,
            "date": event.date,
            "venue": event.venue,
            "ward": str(event.ward_id or ""),
            "organiser": event.organiser,
            "consultation": str(event.consultation_id or ""),
            "people_count": event.people_count,
            "notes": event.notes,
            "illustrative": event.illustrative,
            "groups": [str(g.pk) for g in event.groups.all()],
            "organisations": [str(p.pk) for p in event.organisations.all()],
            "big_things": [str(b.pk) for b in event.big_things.all()],
        }


class CommentsForm(forms.Form):
    """One comment, or many pasted (one per line, or separated by blank lines)."""

    pasted = forms.CharField(
        label="Comments",
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text="One comment, or many: one per line, or separated by a blank line. Each is "
        "redacted by the rules and waits for a person to check it.",
        error_messages={"required": "Enter at least one comment"},
    )
    group = forms.ChoiceField(label="Group (optional)", required=False)
    ward = forms.ChoiceField(label="Ward (optional)", required=False)
    consent_publish = forms.BooleanField(
        label="The people agreed that their words may be published once redacted",
        required=False,
    )

    def __init__(self, *args: Any, choices: CaptureChoices, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.choices = choices
        self.fields["group"].choices = [(NONE, "None")] + [
            (str(g.pk), g.name) for g in choices.groups
        ]
        self.fields["ward"].choices = [(NONE, "None")] + [
            (str(w.pk), w.name) for w in choices.wards
        ]


def _errors_into(form: forms.Form, problem: ApplicationError) -> None:
    if not problem.errors:
        form.add_error(None, problem.message)
    for detail in problem.errors:
        form.add_error(detail.field if detail.field in form.fields else None, detail.message)


@workspace_page(READ)
def events(request: HttpRequest, site: PlaceSite) -> HttpResponse:
    """Every event, newest first, with its groups, people and comments."""
    return _render(
        request, site, "events.html", {"events": selectors.events_list(place=site.place)}
    )


def _event_form(request: HttpRequest, site: PlaceSite, event=None) -> HttpResponse:
    choices = capture_choices(place=site.place)
    initial = EventForm.initial_of(event) if event else None
    form = EventForm(request.POST or None, choices=choices, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.event_save(
                user=request.user, place=site.place, event=event, **form.values()
            )
        except ApplicationError as problem:
            _errors_into(form, problem)
        else:
            return HttpResponseRedirect(site.url("workspace-engagement-event", saved.pk))
    return _render(
        request,
        site,
        "event_form.html",
        {"form": form, "event": event, "heading": "Edit the event" if event else "Record an event"},
        status=400 if form.errors else 200,
    )


@workspace_page(CAPTURE)
def event_record(request: HttpRequest, site: PlaceSite) -> HttpResponse:
    return _event_form(request, site)


@workspace_page(CAPTURE)
def event_edit(request: HttpRequest, site: PlaceSite, pk: int) -> HttpResponse:
    return _event_form(request, site, selectors.event_get(place=site.place, pk=pk))


@workspace_page(READ)
def event(request: HttpRequest, site: PlaceSite, pk: int) -> HttpResponse:
    """An event with its comments; enter one or paste many (with the capture right)."""
    page = event_page(place=site.place, pk=pk, user=request.user)
    choices = capture_choices(place=site.place)
    form = CommentsForm(request.POST or None, choices=choices)
    if request.method == "POST":
        from onefuture.core.permissions import permission_check

        permission_check(user=request.user, action=CAPTURE, place=site.place)
        if form.is_valid():
            d = form.cleaned_data
            try:
                made = services.comments_paste(
                    user=request.user,
                    place=site.place,
                    pasted=d["pasted"],
                    event=page.event,
                    group=_by(choices.groups).get(d.get("group") or ""),
                    ward=_by(choices.wards).get(d.get("ward") or ""),
                    consent_publish=d["consent_publish"],
                )
            except ApplicationError as problem:
                _errors_into(form, problem)
            else:
                url = site.url("workspace-engagement-event", page.event.pk)
                return HttpResponseRedirect(f"{url}?added={len(made)}")
    added = request.GET.get("added", "")
    return _render(
        request,
        site,
        "event.html",
        {"page": page, "form": form, "added": added if added.isdigit() else ""},
        status=400 if form.errors else 200,
    )


class ImportForm(forms.Form):
    file = forms.FileField(
        label="Spreadsheet of comments",
        help_text="A CSV (UTF-8) or Excel (.xlsx) file, one comment per row: text (required), "
        "group, ward, age_band, consent, respondent, received, big_things.",
    )
    event = forms.ChoiceField(label="Event (optional)", required=False)
    consultation = forms.ChoiceField(label="Consultation (optional)", required=False)

    def __init__(self, *args: Any, events: list, consultations: list, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["event"].choices = [(NONE, "None")] + [(str(e.pk), str(e)) for e in events]
        self.fields["consultation"].choices = [(NONE, "None")] + [
            (str(c.pk), c.title) for c in consultations
        ]


@workspace_page(CAPTURE)
def import_comments(request: HttpRequest, site: PlaceSite) -> HttpResponse:
    """Import a spreadsheet of comments: every row checked, all written or none."""
    events_ = selectors.events_list(place=site.place)
    consultations = selectors.consultations_of(place=site.place)
    form = ImportForm(
        request.POST or None,
        request.FILES or None,
        events=events_,
        consultations=consultations,
        initial={"event": request.GET.get("event", "")},
    )
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            record = services.comments_import(
                user=request.user,
                place=site.place,
                source=upload.read(),
                filename=upload.name,
                event=_by(events_).get(form.cleaned_data.get("event") or ""),
                consultation=_by(consultations).get(form.cleaned_data.get("consultation") or ""),
            )
        except services.CommentImportError as problem:
            record = problem.record
        if record is not None:
            return HttpResponseRedirect(site.url("workspace-engagement-import", record.pk))
    return _render(
        request,
        site,
        "import.html",
        {"form": form, "imports": selectors.imports_list(place=site.place)},
        status=400 if form.errors else 200,
    )


@workspace_page(READ)
def import_status(request: HttpRequest, site: PlaceSite, pk: int) -> HttpResponse:
    record = selectors.import_get(place=site.place, pk=pk)
    return _render(request, site, "import_status.html", {"record": record})


@workspace_page(READ)
def import_template(request: HttpRequest, site: PlaceSite, fmt: str) -> HttpResponse:
    types = {
        "csv": "text/csv; charset=utf-8",
        "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    }
    if fmt not in types:
        raise NotFound("The template is a .csv or an .xlsx file.")
    response = HttpResponse(comments_template(place=site.place, fmt=fmt), content_type=types[fmt])
    response["Content-Disposition"] = f'attachment; filename="{site.place.slug}-comments.{fmt}"'
    return response


PAGES: list[Page] = [
    Page("workspace/engagement/events/", events, "workspace-engagement-events"),
    Page("workspace/engagement/events/new/", event_record, "workspace-engagement-event-record"),
    Page("workspace/engagement/events/<int:pk>/", event, "workspace-engagement-event"),
    Page(
        "workspace/engagement/events/<int:pk>/edit/", event_edit, "workspace-engagement-event-edit"
    ),
    Page("workspace/engagement/import/", import_comments, "workspace-engagement-import-comments"),
    Page("workspace/engagement/imports/<int:pk>/", import_status, "workspace-engagement-import"),
    Page(
        "workspace/engagement/import/template.<slug:fmt>",
        import_template,
        "workspace-engagement-import-template",
    ),
]
