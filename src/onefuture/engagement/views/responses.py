"""The workspace's "you said, we did" pages (``engagement.respond``): every theme with its
response's state and the coverage, and one theme's response form (summary, status, decision
date, milestones and measures as checkboxes), with publish and unpublish.

Views translate HTTP: reads through :mod:`onefuture.engagement.pages.responses`, writes through
:mod:`onefuture.engagement.services.responses`; an ``ApplicationError`` is shown beside the form.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from onefuture.core.errors import ApplicationError
from onefuture.engagement.models import ResponseStatus
from onefuture.engagement.pages import responses as pages
from onefuture.engagement.permissions import RESPOND
from onefuture.engagement.services import responses as services
from onefuture.engagement.vocabulary import RESPONSE_STATUS
from onefuture.web.place_urls import Page, PlaceSite
from onefuture.web.shortcuts import render
from onefuture.web.workspace import workspace_page

_TEMPLATES = "engagement/responses/"


class ResponseForm(forms.Form):
    summary = forms.CharField(
        label="What was decided",
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="In plain words, for the public: what you are doing about this theme, "
        "or why not.",
    )
    status = forms.ChoiceField(
        label="Status",
        choices=[(s, RESPONSE_STATUS[s].label) for s in ResponseStatus.values],
        widget=forms.RadioSelect,
    )
    decided_on = forms.DateField(
        label="Decided on (optional)",
        required=False,
        help_text="For example, 2026-03-31.",
        widget=forms.DateInput(attrs={"class": "govuk-input--width-10"}),
    )
    milestones = forms.MultipleChoiceField(
        label="Milestones that deliver it",
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    measures = forms.MultipleChoiceField(
        label="Measures that track it",
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, page: pages.ResponsePage, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["milestones"].choices = [(m.key, m.title) for m in page.milestones]
        self.fields["measures"].choices = [(m.key, m.title) for m in page.measures]


def _initial(page: pages.ResponsePage) -> dict[str, Any]:
    response = page.item.response
    if response is None:
        return {"status": ResponseStatus.CONSIDERING}
    return {
        "summary": response.summary,
        "status": response.status,
        "decided_on": response.decided_on,
        "milestones": [m.key for m in response.milestones.all()],
        "measures": [m.key for m in response.measures.all()],
    }


def _messages(error: ApplicationError) -> list[str]:
    return [error.message, *(d.message for d in error.errors)]


@workspace_page(RESPOND)
def responses(request: HttpRequest, site: PlaceSite) -> HttpResponse:
    """Every theme with its response's state; the coverage beside it."""
    return render(
        request, site, _TEMPLATES + "index.html", {"page": pages.responses_page(place=site.place)}
    )


@workspace_page(RESPOND)
def response(request: HttpRequest, site: PlaceSite, key: str) -> HttpResponse:
    """One theme's response: write it, publish it, take it off the public pages."""
    page = pages.response_page(place=site.place, key=key)
    form = ResponseForm(
        request.POST if request.method == "POST" and request.POST.get("step") == "save" else None,
        initial=_initial(page),
        page=page,
    )
    errors: list[str] = []
    status = 200
    if request.method == "POST":
        step = request.POST.get("step")
        try:
            if step == "save":
                if form.is_valid():
                    data = form.cleaned_data
                    services.response_save(
                        user=request.user,
                        place=site.place,
                        theme=page.item.theme,
                        summary=data["summary"],
                        status=data["status"],
                        decided_on=data["decided_on"],
                        milestones=[m for m in page.milestones if m.key in data["milestones"]],
                        measures=[m for m in page.measures if m.key in data["measures"]],
                    )
                    return redirect(site.url("workspace-response", key) + "?done=saved")
            elif step in {"publish", "unpublish"} and page.item.response is not None:
                act = (
                    services.response_publish if step == "publish" else services.response_unpublish
                )
                act(user=request.user, place=site.place, response=page.item.response)
                return redirect(site.url("workspace-response", key) + f"?done={step}ed")
            else:
                errors = ["Write the response and save it first."]
        except ApplicationError as error:
            if error.status_code != 400:
                raise
            errors = _messages(error)
            for detail in error.errors:
                if detail.field in form.fields and form.is_bound:
                    form.add_error(detail.field, detail.message)
        status = 400
    done = {"saved": "saved", "published": "published", "unpublished": "taken off the public pages"}
    return render(
        request,
        site,
        _TEMPLATES + "response.html",
        {
            "page": page,
            "form": form,
            "errors": errors,
            "done": done.get(request.GET.get("done", "")),
            "status_words": RESPONSE_STATUS,
        },
        status=status,
    )


PAGES: list[Page] = [
    Page("workspace/engagement/responses/", responses, "workspace-responses"),
    Page("workspace/engagement/responses/<slug:key>/", response, "workspace-response"),
]
