"""The workspace's redaction review: the queue of comments to check, and one comment's check
(accept, mark more text, withhold with a reason, release). Views only translate HTTP to
:mod:`onefuture.engagement.services.redaction` and the page builders."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django import forms
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect

from onefuture.core.errors import ApplicationError
from onefuture.core.permissions import permission_check
from onefuture.engagement.pages.redaction import (
    redaction_queue_page,
    redaction_review_page,
    redaction_scope,
)
from onefuture.engagement.permissions import READ, REDACT
from onefuture.engagement.selectors.redaction import redaction_next
from onefuture.engagement.services import redaction as services
from onefuture.web.place_urls import Page, PlaceSite
from onefuture.web.shortcuts import render
from onefuture.web.workspace import workspace_page


def _render(request, site, template, context, status=200) -> HttpResponse:
    return render(request, site, f"engagement/redaction/{template}", context, status=status)


class ConfirmForm(forms.Form):
    marked = forms.CharField(
        label="More text to hide (optional)",
        widget=forms.Textarea(attrs={"rows": 3, "spellcheck": "false"}),
        required=False,
        help_text="Words the rules missed, one phrase per line, exactly as they are in the "
        "original. Each is hidden as [REDACTED] wherever it occurs.",
    )


class WithholdForm(forms.Form):
    reason = forms.CharField(
        label="Why keep it off the public site",
        max_length=services.MAX_REASON,
        help_text="For example: it names a member of staff, or it is abusive. The team sees it.",
        error_messages={"required": "Say why the comment is withheld"},
    )


def _errors_into(form: forms.Form, problem: ApplicationError) -> None:
    if not problem.errors:
        form.add_error(None, problem.message)
    for detail in problem.errors:
        form.add_error(detail.field if detail.field in form.fields else None, detail.message)


def _filter(request: HttpRequest) -> dict[str, str]:
    source = request.POST if request.method == "POST" else request.GET
    return {k: source.get(k, "") for k in ("event", "consultation") if source.get(k, "")}


def _query(params: dict[str, str], **extra: Any) -> str:
    return urlencode({**{k: v for k, v in params.items() if v.isdigit()}, **extra})


def _to(url: str, params: dict[str, str], **extra: Any) -> HttpResponseRedirect:
    query = _query(params, **extra)
    return HttpResponseRedirect(f"{url}?{query}" if query else url)


@workspace_page(READ)
def queue(request: HttpRequest, site: PlaceSite) -> HttpResponse:
    """The comments whose redaction waits for a person, oldest first (filter by event or
    consultation; or see those withheld, or checked)."""
    page = redaction_queue_page(
        place=site.place,
        user=request.user,
        event=request.GET.get("event", ""),
        consultation=request.GET.get("consultation", ""),
        show=request.GET.get("show", "pending"),
    )
    return _render(request, site, "queue.html", {"page": page, "done": request.GET.get("done")})


@workspace_page(READ)
def review(request: HttpRequest, site: PlaceSite, pk: int) -> HttpResponse:
    """One comment: the original with what was found highlighted beside the redacted text, and
    (for engagement officers) accept / mark more text / withhold."""
    page = redaction_review_page(place=site.place, pk=pk, user=request.user)
    params = _filter(request)
    confirm = ConfirmForm(request.POST if request.POST.get("action") == "confirm" else None)
    withhold = WithholdForm(request.POST if request.POST.get("action") == "withhold" else None)
    if request.method == "POST":
        permission_check(user=request.user, action=REDACT, place=site.place, obj=page.comment)
        action = request.POST.get("action", "")
        try:
            if action == "confirm" and confirm.is_valid():
                done = services.redaction_confirm(
                    user=request.user,
                    place=site.place,
                    comment=page.comment,
                    marked=confirm.cleaned_data["marked"],
                )
                if request.POST.get("next"):
                    event, consultation = redaction_scope(place=site.place, **params)
                    following = redaction_next(
                        place=site.place, after=done, event=event, consultation=consultation
                    )
                    if following is not None:
                        url = site.url("workspace-redaction-comment", following.pk)
                        return _to(url, params, checked=done.pk)
                    return _to(site.url("workspace-redaction"), params, done="all")
                url = site.url("workspace-redaction-comment", done.pk)
                return _to(url, params, checked=done.pk)
            if action == "withhold" and withhold.is_valid():
                services.comment_withhold(
                    user=request.user,
                    place=site.place,
                    comment=page.comment,
                    reason=withhold.cleaned_data["reason"],
                )
                url = site.url("workspace-redaction-comment", page.comment.pk)
                return _to(url, params, withheld=1)
            if action == "release":
                services.comment_release(user=request.user, place=site.place, comment=page.comment)
                url = site.url("workspace-redaction-comment", page.comment.pk)
                return _to(url, params, released=1)
        except ApplicationError as problem:
            _errors_into(withhold if action == "withhold" else confirm, problem)
    errors = confirm.errors or withhold.errors
    notice = ""
    if request.GET.get("checked", "").isdigit():
        notice = f"Comment {request.GET['checked']}: redaction checked."
    elif request.GET.get("withheld"):
        notice = "The comment is withheld: it will not appear on the public site."
    elif request.GET.get("released"):
        notice = "The comment is no longer withheld."
    context: dict[str, Any] = {
        "page": page,
        "confirm": confirm,
        "withhold": withhold,
        "query": _query(params),
        "params": params,
        "notice": notice,
    }
    return _render(request, site, "comment.html", context, status=400 if errors else 200)


PAGES: list[Page] = [
    Page("workspace/engagement/redaction/", queue, "workspace-redaction"),
    Page("workspace/engagement/redaction/<int:pk>/", review, "workspace-redaction-comment"),
]
