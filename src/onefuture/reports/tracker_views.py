"""The workspace pages of the scrutiny recommendations tracker (ADR 0035; GOV.UK forms, no
JavaScript needed).

- ``workspace/scrutiny/``: the meetings, newest first, with how many recommendations each has;
- ``workspace/scrutiny/meetings/new/`` and ``…/<pk>/edit/``: record or edit a meeting (its header
  words, its recommendations to the committee, the contact officer);
- ``workspace/scrutiny/meetings/<pk>/``: a meeting's recommendations (status tags with words) and
  the form to add one;
- ``…/<pk>/recommendations/<rec>/``: edit a recommendation and record its response and status.

Scrutiny members read every page (``reports.tracker.read``) and see no forms; the services check
``reports.tracker.edit`` again.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect

from onefuture.core.errors import ApplicationError
from onefuture.core.permissions import permission_has
from onefuture.reports import selectors, services
from onefuture.reports.models import RecommendationStatus
from onefuture.reports.permissions import TRACKER_EDIT, TRACKER_READ
from onefuture.reports.vocabulary import RECOMMENDATION_STATUS
from onefuture.web.place_urls import Page, PlaceSite
from onefuture.web.shortcuts import render
from onefuture.web.workspace import workspace_page

_TEMPLATES = "reports/tracker/"
_DATE_HELP = "For example, 2024-02-27."
_DONE = {
    "saved": "Saved.",
    "added": "The recommendation was added.",
    "responded": "The response was saved.",
}


class MeetingForm(forms.Form):
    committee = forms.CharField(label="Committee", max_length=300)
    date = forms.DateField(
        label="Date of the meeting",
        help_text=_DATE_HELP,
        widget=forms.DateInput(attrs={"class": "govuk-input--width-10"}),
    )
    report_of = forms.CharField(
        label="Report of (optional)",
        required=False,
        max_length=300,
        help_text="For example, Cabinet Member for Finance and Resources.",
    )
    report_title = forms.CharField(label="Report title (optional)", required=False, max_length=300)
    recommendations_text = forms.CharField(
        label="Recommendations to the committee (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="What the report asks the committee to do, one per line.",
    )
    contact_name = forms.CharField(label="Contact officer's name (optional)", required=False)
    contact_role = forms.CharField(label="Contact officer's role (optional)", required=False)
    contact_email = forms.CharField(
        label="Contact officer's work e-mail address (optional)",
        required=False,
        help_text="The council's published contact for the report.",
    )
    contact_phone = forms.CharField(label="Contact officer's phone (optional)", required=False)


class RecommendationForm(forms.Form):
    text = forms.CharField(
        label="Recommendation",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="What the committee asked for, in its words.",
    )
    big_things = forms.MultipleChoiceField(
        label="Big things it is about", required=False, widget=forms.CheckboxSelectMultiple
    )
    measures = forms.MultipleChoiceField(
        label="Measures it is about", required=False, widget=forms.CheckboxSelectMultiple
    )
    milestones = forms.MultipleChoiceField(
        label="Milestones it is about", required=False, widget=forms.CheckboxSelectMultiple
    )
    owner_partner = forms.ChoiceField(label="Owner: a partner (optional)", required=False)
    owner_text = forms.CharField(
        label="Owner: a role or team (optional)",
        required=False,
        help_text="For example, Director of Strategy. Used when no partner is chosen.",
    )
    due_date = forms.DateField(
        label="Due date (optional)",
        required=False,
        help_text="For example, 2024-09-30.",
        widget=forms.DateInput(attrs={"class": "govuk-input--width-10"}),
    )

    def __init__(self, *args: Any, choices: selectors.LinkChoices, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["big_things"].choices = list(choices.big_things)
        self.fields["measures"].choices = list(choices.measures)
        self.fields["milestones"].choices = list(choices.milestones)
        self.fields["owner_partner"].choices = [("", "No partner"), *choices.partners]


class ResponseForm(forms.Form):
    status = forms.ChoiceField(
        label="Status",
        choices=[(s, RECOMMENDATION_STATUS[s].label) for s in RecommendationStatus.values],
        widget=forms.RadioSelect,
    )
    response = forms.CharField(
        label="Response",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="What was done, or why it was not accepted (needed for done and not accepted).",
    )


def _messages(error: ApplicationError) -> list[str]:
    return [error.message, *(d.message for d in error.errors if d.message != error.message)]


def _show(form: forms.Form, error: ApplicationError) -> list[str]:
    if error.status_code != 400:
        raise error
    for detail in error.errors:
        if detail.field in form.fields:
            form.add_error(detail.field, detail.message)
    shown = {d.message for d in error.errors if d.field in form.fields}
    return [m for m in _messages(error) if m not in shown]


def _may_edit(request: HttpRequest, site: PlaceSite) -> bool:
    return permission_has(user=request.user, action=TRACKER_EDIT, place=site.place)


def _meeting(site: PlaceSite, pk: int) -> Any:
    meeting = selectors.meeting_get(place=site.place, pk=pk)
    if meeting is None:
        raise Http404("No such meeting")
    return meeting


@workspace_page(TRACKER_READ)
def meetings(request: HttpRequest, site: PlaceSite) -> HttpResponse:
    return render(
        request,
        site,
        _TEMPLATES + "meetings.html",
        {
            "meetings": selectors.meeting_list(place=site.place),
            "may_edit": _may_edit(request, site),
        },
    )


def _meeting_initial(meeting: Any) -> dict[str, Any]:
    if meeting is None:
        return {}
    return {name: getattr(meeting, name) for name in MeetingForm.base_fields}


def _meeting_form(request: HttpRequest, site: PlaceSite, meeting: Any) -> HttpResponse:
    form = MeetingForm(
        request.POST if request.method == "POST" else None, initial=_meeting_initial(meeting)
    )
    errors: list[str] = []
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                if meeting is None:
                    meeting = services.meeting_create(user=request.user, place=site.place, **data)
                else:
                    date = data.pop("date")
                    services.meeting_update(user=request.user, meeting=meeting, date=date, **data)
                return redirect(site.url("workspace-scrutiny-meeting", meeting.pk) + "?done=saved")
            except ApplicationError as error:
                errors = _show(form, error)
        status = 400
    return render(
        request,
        site,
        _TEMPLATES + "meeting_form.html",
        {"form": form, "errors": errors, "meeting": meeting},
        status=status,
    )


@workspace_page(TRACKER_EDIT)
def meeting_new(request: HttpRequest, site: PlaceSite) -> HttpResponse:
    return _meeting_form(request, site, None)


@workspace_page(TRACKER_EDIT)
def meeting_edit(request: HttpRequest, site: PlaceSite, pk: int) -> HttpResponse:
    return _meeting_form(request, site, _meeting(site, pk))


@workspace_page(TRACKER_READ)
def meeting(request: HttpRequest, site: PlaceSite, pk: int) -> HttpResponse:
    item = _meeting(site, pk)
    may_edit = _may_edit(request, site)
    choices = selectors.link_choices(place=site.place)
    posted = request.method == "POST" and may_edit
    form = RecommendationForm(request.POST if posted else None, choices=choices)
    errors: list[str] = []
    status = 200
    if request.method == "POST":
        if not may_edit:
            services.recommendation_add(user=request.user, meeting=item, text="")  # raises 403
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.recommendation_add(user=request.user, meeting=item, **data)
                return redirect(site.url("workspace-scrutiny-meeting", item.pk) + "?done=added")
            except ApplicationError as error:
                errors = _show(form, error)
        status = 400
    return render(
        request,
        site,
        _TEMPLATES + "meeting.html",
        {
            "meeting": item,
            "rows": selectors.meeting_recommendations(meeting=item),
            "form": form,
            "errors": errors,
            "may_edit": may_edit,
            "recommendations": selectors.report_meeting(
                place=site.place, date=item.date
            ).recommendations,
            "done": {
                "saved": "The meeting was saved.",
                "added": "The recommendation was added.",
            }.get(request.GET.get("done", "")),
        },
        status=status,
    )


@workspace_page(TRACKER_READ)
def recommendation(request: HttpRequest, site: PlaceSite, pk: int, rec: int) -> HttpResponse:
    item = _meeting(site, pk)
    found = selectors.recommendation_get(meeting=item, pk=rec)
    if found is None:
        raise Http404("No such recommendation")
    may_edit = _may_edit(request, site)
    choices = selectors.link_choices(place=site.place)
    step = request.POST.get("step") if request.method == "POST" else None
    initial = {
        "text": found.text,
        "big_things": [b.key for b in found.big_things.all()],
        "measures": [m.key for m in found.measures.all()],
        "milestones": [m.key for m in found.milestones.all()],
        "owner_partner": found.owner_partner.key if found.owner_partner else "",
        "owner_text": found.owner_text,
        "due_date": found.due_date,
    }
    edit_form = RecommendationForm(
        request.POST if step == "edit" else None, initial=initial, choices=choices
    )
    response_form = ResponseForm(
        request.POST if step == "respond" else None,
        initial={"status": found.status, "response": found.response},
    )
    errors: list[str] = []
    status = 200
    if request.method == "POST":
        try:
            if step == "respond" and response_form.is_valid():
                services.recommendation_respond(
                    user=request.user, recommendation=found, **response_form.cleaned_data
                )
                return redirect(request.path + "?done=responded")
            if step == "edit" and edit_form.is_valid():
                data = edit_form.cleaned_data
                services.recommendation_update(
                    user=request.user,
                    recommendation=found,
                    clear_due_date=data["due_date"] is None,
                    **data,
                )
                return redirect(request.path + "?done=saved")
            if step not in {"edit", "respond"}:
                services.recommendation_respond(  # a scrutiny member's post: 403 with who may
                    user=request.user, recommendation=found, status="", response=""
                )
                errors = ["Choose what to save."]
        except ApplicationError as error:
            errors = _show(response_form if step == "respond" else edit_form, error)
        status = 400
    return render(
        request,
        site,
        _TEMPLATES + "recommendation.html",
        {
            "meeting": item,
            "recommendation": found,
            "row": selectors.recommendation_row(recommendation=found),
            "edit_form": edit_form,
            "response_form": response_form,
            "form": response_form if step == "respond" else edit_form,
            "errors": errors,
            "may_edit": may_edit,
            "done": {
                "saved": "The recommendation was saved.",
                "responded": "The response was saved.",
            }.get(request.GET.get("done", "")),
        },
        status=status,
    )


_EDIT = "workspace-scrutiny-meeting-edit"
PAGES: list[Page] = [
    Page("workspace/scrutiny/", meetings, "workspace-scrutiny"),
    Page("workspace/scrutiny/meetings/new/", meeting_new, "workspace-scrutiny-meeting-new"),
    Page("workspace/scrutiny/meetings/<int:pk>/", meeting, "workspace-scrutiny-meeting"),
    Page(
        "workspace/scrutiny/meetings/<int:pk>/edit/",
        meeting_edit,
        "workspace-scrutiny-meeting-edit",
    ),
    Page(
        "workspace/scrutiny/meetings/<int:pk>/recommendations/<int:rec>/",
        recommendation,
        "workspace-scrutiny-recommendation",
    ),
]
