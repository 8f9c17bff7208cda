"""The audit trail in the staff workspace: every change, newest first, filterable, and one item's.

Officers, administrators and scrutiny members read the list; a partner editor reads only the
history of its own organisation's items; it is never public. Reads: ``selectors.audit``.
"""

from __future__ import annotations

from django import forms
from django.http import HttpRequest, HttpResponse

from onefuture.routemaps.actions.commitments import AUDIT_READ
from onefuture.routemaps.selectors import audit as selectors
from onefuture.web.place_urls import Page, PlaceSite
from onefuture.web.shortcuts import render
from onefuture.web.workspace import workspace_page

ANY = ""


class AuditFilter(forms.Form):
    """Which changes to list: a kind of item, a person, changes since a day."""

    kind = forms.ChoiceField(label="Kind of item", required=False)
    who = forms.ChoiceField(label="Changed by", required=False)
    since = forms.DateField(
        label="Changed on or after",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text="For example, 2026-10-01.",
    )

    def __init__(self, *args: object, people: list[str], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [(ANY, "Every kind")] + [
            (t.kind, t.label) for t in selectors.TRACKED.values()
        ]
        self.fields["who"].choices = [(ANY, "Anyone")] + [(p, p) for p in people]


@workspace_page(action=AUDIT_READ)
def audit_list(request: HttpRequest, site: PlaceSite) -> HttpResponse:
    """Every change in the place, newest first, filtered by kind, person and day."""
    people = selectors.audit_people(place=site.place, user=request.user)
    form = AuditFilter(request.GET or None, people=people)
    kind = who = since = None
    if form.is_valid():
        kind = form.cleaned_data["kind"] or None
        who = form.cleaned_data["who"] or None
        since = form.cleaned_data["since"]
    entries = selectors.audit_list(
        place=site.place, user=request.user, kind=kind, who=who, since=since
    )
    return render(
        request,
        site,
        "routemaps/audit.html",
        {"form": form, "entries": entries, "limit": 100},
        status=400 if form.errors else 200,
    )


@workspace_page()
def audit_item(request: HttpRequest, site: PlaceSite, kind: str, object_id: int) -> HttpResponse:
    """One item's history (a partner editor's own organisation's items too)."""
    entries = selectors.audit_list(
        place=site.place, user=request.user, kind=kind, object_id=object_id, limit=500
    )
    label = entries[0].object_label if entries else f"{kind} {object_id}"
    return render(
        request,
        site,
        "routemaps/audit_item.html",
        {"entries": entries, "label": label, "kind_label": selectors.TRACKED[kind].label},
    )


PAGES: list[Page] = [
    Page("workspace/audit/", audit_list, "workspace-audit"),
    Page("workspace/audit/<slug:kind>/<int:object_id>/", audit_item, "workspace-audit-item"),
]
