"""The staff workspace's update pages: my items, submit an update (or confirm no change), the
approval queue, one update (approve, return, comment), all updates, reporting periods, and the
bulk upload of updates from a spreadsheet.

Views translate HTTP: they read through :mod:`onefuture.routemaps.selectors.updates`, act through
the action objects of :mod:`onefuture.routemaps.actions.updates` (which check the person's right
object by object and the state) and show an :class:`~onefuture.core.errors.ApplicationError`'s
details beside the field they name. Every page works without JavaScript.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from onefuture.core.errors import ApplicationError
from onefuture.core.permissions import permission_check, permission_has
from onefuture.routemaps import permissions
from onefuture.routemaps.actions.updates import (
    ApproveUpdate,
    CommentOnUpdate,
    ConfirmNoChange,
    LockPeriod,
    ReturnUpdate,
    SubmitUpdate,
    UnlockPeriod,
)
from onefuture.routemaps.models import MilestoneStatus, UpdateState
from onefuture.routemaps.selectors import updates as selectors
from onefuture.routemaps.vocabulary import milestone_status_words, update_state_words
from onefuture.web.place_urls import Page, PlaceSite
from onefuture.web.shortcuts import render
from onefuture.web.workspace import workspace_page

_TEMPLATES = "routemaps/workspace/"


def _render(
    request: HttpRequest, site: PlaceSite, template: str, context: dict[str, Any], status=200
) -> HttpResponse:
    context.setdefault("status_words", milestone_status_words)
    return render(request, site, _TEMPLATES + template, context, status=status)


def _errors_onto(form: forms.Form | None, error: ApplicationError) -> list[str]:
    """Put each detail on the field it names; return the rest (and the message) as text."""
    rest = []
    for detail in error.errors:
        if form is not None and form.is_bound and detail.field in form.fields:
            form.add_error(detail.field, detail.message)
        else:
            rest.append(detail.message)
    if rest or not error.errors:
        rest.insert(0, error.message)
    return rest


def _status_tag(status: str | None) -> dict[str, str] | None:
    if not status:
        return None
    words = milestone_status_words(status)
    return {"label": words.label, "tag_class": words.tag_class, "words": words.words}


def _state_tag(state: str) -> dict[str, str]:
    words = update_state_words(state)
    return {"label": words.label, "tag_class": words.tag_class, "words": words.words}


def _update_row(update: Any) -> dict[str, Any]:
    return {
        "update": update,
        "about": update.milestone or update.commitment,
        "status": _status_tag(update.status),
        "state": _state_tag(update.state),
    }


# --- my items -----------------------------------------------------------------------------


@workspace_page(permissions.SUBMIT)
def my_items(request: HttpRequest, site: PlaceSite) -> HttpResponse:
    """The items the person reports on, with what is due for the current period."""
    period = selectors.period_current(place=site.place)
    items = selectors.items_for(place=site.place, user=request.user, period=period)
    rows = [
        {
            "item": item,
            "status": _status_tag(item.current_status),
            "state": _state_tag(item.latest.state) if item.latest else None,
            "href": site.url("workspace-update-submit", item.kind, item.ref),
        }
        for item in items
    ]
    return _render(
        request,
        site,
        "my_items.html",
        {"rows": rows, "period": period, "due": sum(1 for item in items if item.due)},
    )


# --- submit an update ---------------------------------------------------------------------


class UpdateForm(forms.Form):
    """An owner's update: status, narrative, evidence, period."""

    status = forms.ChoiceField(
        label="Status",
        choices=MilestoneStatus.choices,
        widget=forms.RadioSelect(attrs={"label_size": "m"}),
    )
    narrative = forms.CharField(
        label="What has happened since the last update",
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="Needed for at risk, off track and dropped: say why, and what is being done.",
    )
    evidence_url = forms.URLField(
        label="Evidence link (optional)",
        required=False,
        assume_scheme="https",
        help_text="A web address of a report, minutes or a news item that shows the progress.",
    )
    evidence_file = forms.FileField(
        label="Or an evidence file (optional)",
        required=False,
        help_text="A PDF, document or spreadsheet, up to 10 MB.",
    )
    period = forms.ChoiceField(label="Reporting period", required=False)

    def __init__(self, *args: Any, periods: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["period"].choices = [(p.key, p.title) for p in periods]


_MAX_EVIDENCE = 10 * 1024 * 1024


def _period(site: PlaceSite, key: str) -> Any:
    return selectors.period_get(place=site.place, key=key) if key else None


@workspace_page(permissions.SUBMIT)
def submit(request: HttpRequest, site: PlaceSite, kind: str, ref: str) -> HttpResponse:
    """Submit an update on one milestone or commitment, or confirm no change in one step."""
    subject = selectors.update_subject(place=site.place, kind=kind, ref=ref)
    # The page's own check was for the place; this one is for this item (403 before any form).
    permission_check(user=request.user, action=permissions.SUBMIT, place=site.place, obj=subject)
    about = {kind: subject}
    periods = selectors.period_choices(place=site.place)
    current = selectors.period_current(place=site.place)
    initial = {"period": current.key if current else ""}
    form = UpdateForm(periods=periods, initial=initial)
    errors: list[str] = []
    status = 200
    if request.method == "POST":
        try:
            if request.POST.get("no_change"):
                update = ConfirmNoChange(
                    user=request.user,
                    place=site.place,
                    period=_period(site, request.POST.get("period", "")),
                    **about,
                ).execute()
                return redirect(site.url("workspace-update", update.pk) + "?done=confirmed")
            form = UpdateForm(request.POST, request.FILES, periods=periods)
            if form.is_valid():
                upload = form.cleaned_data["evidence_file"]
                if upload is not None and upload.size > _MAX_EVIDENCE:
                    form.add_error("evidence_file", "The evidence file must be 10 MB or smaller.")
                else:
                    update = SubmitUpdate(
                        user=request.user,
                        place=site.place,
                        status=form.cleaned_data["status"],
                        narrative=form.cleaned_data["narrative"],
                        evidence_url=form.cleaned_data["evidence_url"],
                        evidence_file=upload,
                        period=_period(site, form.cleaned_data["period"]),
                        **about,
                    ).execute()
                    return redirect(site.url("workspace-update", update.pk) + "?done=submitted")
        except ApplicationError as error:
            if error.status_code != 400:
                raise
            errors = _errors_onto(form, error)
        status = 400
    # What the person may see of the item's history (unpublished updates: if allowed).
    history = [
        _update_row(u)
        for u in selectors.update_history(subject=subject, user=request.user, place=site.place)
    ]
    last = selectors.update_latest_published(**about)
    previous = last.status if last else getattr(subject, "status", None)
    return _render(
        request,
        site,
        "update_submit.html",
        {
            "kind": kind,
            "subject": subject,
            "form": form,
            "extra_errors": errors,
            "history": history[:5],
            "returned": next(
                (row["update"] for row in history if row["update"].state == UpdateState.RETURNED),
                None,
            ),
            "last_published": last,
            "previous": _status_tag(previous),
            "current_period": current,
        },
        status=status,
    )


# --- the approval queue, one update, all updates -------------------------------------------


class ReviewForm(forms.Form):
    """An officer's decision: approve, or return with a comment."""

    decision = forms.ChoiceField(choices=[("approve", "Approve"), ("return", "Return")])
    comment = forms.CharField(
        label="Comment for the owner",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Needed to return an update: say what the owner should change.",
    )


class CommentForm(forms.Form):
    """A scrutiny member's or officer's comment."""

    text = forms.CharField(label="Your comment", widget=forms.Textarea(attrs={"rows": 3}))


def _review(request: HttpRequest, site: PlaceSite, update: Any) -> ApplicationError | None:
    """Run the officer's decision posted for ``update``; the refusal, if any."""
    comment = request.POST.get("comment", "")
    try:
        if request.POST.get("decision") == "return":
            ReturnUpdate(
                user=request.user, place=site.place, update=update, comment=comment
            ).execute()
        else:
            ApproveUpdate(
                user=request.user, place=site.place, update=update, comment=comment
            ).execute()
    except ApplicationError as error:
        if error.status_code != 400:
            raise
        return error
    return None


@workspace_page(permissions.APPROVE)
def review_queue(request: HttpRequest, site: PlaceSite) -> HttpResponse:
    """The updates waiting for approval, oldest first, each with its previous status."""
    errors: list[str] = []
    failed_id = None
    if request.method == "POST":
        update_id = request.POST.get("update", "")
        update = selectors.update_detail(
            place=site.place,
            user=request.user,
            update_id=int(update_id) if update_id.isdigit() else 0,
        )
        refusal = _review(request, site, update)
        if refusal is None:
            done = "returned" if request.POST.get("decision") == "return" else "approved"
            return redirect(site.url("workspace-updates-review") + f"?done={done}")
        errors, failed_id = _errors_onto(None, refusal), update.pk
    waiting = selectors.updates_waiting(place=site.place)
    rows = []
    for update in waiting:
        row = _update_row(update)
        last = selectors.update_latest_published(
            milestone=update.milestone, commitment=update.commitment
        )
        previous = last.status if last else getattr(update.milestone, "status", None)
        row["previous"] = _status_tag(previous)
        row["failed"] = update.pk == failed_id
        rows.append(row)
    return _render(
        request,
        site,
        "update_review.html",
        {"rows": rows, "extra_errors": errors, "done": request.GET.get("done", "")},
        status=400 if errors else 200,
    )


@workspace_page()
def update_page(request: HttpRequest, site: PlaceSite, update_id: int) -> HttpResponse:
    """One update: what it says, its review and comments; approve, return and comment here."""
    update = selectors.update_detail(place=site.place, user=request.user, update_id=update_id)
    comment_form = CommentForm()
    errors: list[str] = []
    status = 200
    if request.method == "POST":
        if request.POST.get("decision"):
            refusal = _review(request, site, update)
            if refusal is None:
                return redirect(site.url("workspace-update", update.pk) + "?done=reviewed")
            errors = _errors_onto(None, refusal)
        else:
            comment_form = CommentForm(request.POST)
            try:
                CommentOnUpdate(
                    user=request.user,
                    place=site.place,
                    update=update,
                    text=request.POST.get("text", ""),
                ).execute()
                return redirect(site.url("workspace-update", update.pk) + "?done=commented")
            except ApplicationError as error:
                if error.status_code != 400:
                    raise
                errors = _errors_onto(comment_form, error)
        status = 400
    user, place = request.user, site.place
    last = selectors.update_latest_published(
        milestone=update.milestone, commitment=update.commitment
    )
    return _render(
        request,
        site,
        "update_detail.html",
        {
            **_update_row(update),
            "comments": selectors.update_comments(update=update),
            "comment_form": comment_form,
            "review_form": ReviewForm(),
            "may_comment": permission_has(
                user=user, action=permissions.COMMENT, place=place, obj=update
            ),
            "may_review": update.state == UpdateState.SUBMITTED
            and permission_has(user=user, action=permissions.APPROVE, place=place, obj=update),
            "last_published": last if last and last.pk != update.pk else None,
            "last_status": _status_tag(last.status) if last else None,
            "extra_errors": errors,
            "done": request.GET.get("done", ""),
        },
        status=status,
    )


@workspace_page(permissions.READ_UNPUBLISHED)
def update_list(request: HttpRequest, site: PlaceSite) -> HttpResponse:
    """The newest updates the person may read, published or not (scrutiny reads them all)."""
    rows = [
        _update_row(u) for u in selectors.update_list_readable(place=site.place, user=request.user)
    ]
    return _render(request, site, "update_list.html", {"rows": rows})


# --- reporting periods ----------------------------------------------------------------------


@workspace_page(permissions.PERIOD_LOCK)
def periods(request: HttpRequest, site: PlaceSite) -> HttpResponse:
    """The reporting periods, with a button to lock (or unlock) each."""
    errors: list[str] = []
    if request.method == "POST":
        period = selectors.period_get(place=site.place, key=request.POST.get("period", ""))
        action = UnlockPeriod if request.POST.get("unlock") else LockPeriod
        try:
            action(user=request.user, place=site.place, period=period).execute()
            return redirect(site.url("workspace-periods"))
        except ApplicationError as error:
            if error.status_code != 400:
                raise
            errors = _errors_onto(None, error)
    current = selectors.period_current(place=site.place)
    return _render(
        request,
        site,
        "periods.html",
        {
            "periods": list(reversed(selectors.period_list(place=site.place))),
            "current": current,
            "extra_errors": errors,
        },
        status=400 if errors else 200,
    )


# --- bulk updates from a spreadsheet --------------------------------------------------------


class UpdatesUploadForm(forms.Form):
    """A CSV or XLSX file of updates, and whether to publish them at once."""

    file = forms.FileField(
        label="Spreadsheet of updates",
        help_text="A CSV or Excel (.xlsx) file with the columns milestone, status, narrative, "
        "evidence_url and period, one row per update.",
    )
    publish = forms.BooleanField(
        label="Approve and publish them at once (you have read and agree with every row)",
        required=False,
    )
    dry_run = forms.BooleanField(label="Only check the file; write nothing", required=False)


@workspace_page(permissions.APPROVE)
def upload(request: HttpRequest, site: PlaceSite) -> HttpResponse:
    """Upload updates collected by e-mail: every row checked, all written or none."""
    from onefuture.routemaps.importers import updates_import

    form = UpdatesUploadForm()
    errors: list[Any] = []
    result = None
    message = ""
    if request.method == "POST":
        form = UpdatesUploadForm(request.POST, request.FILES)
        if form.is_valid():
            upload_file = form.cleaned_data["file"]
            try:
                result = updates_import(
                    place=site.place,
                    source=upload_file.read(),
                    filename=upload_file.name,
                    user=request.user,
                    publish=form.cleaned_data["publish"],
                    dry_run=form.cleaned_data["dry_run"],
                )
            except ApplicationError as error:
                if error.status_code != 400:
                    raise
                errors, message = error.errors, error.message
    return _render(
        request,
        site,
        "update_upload.html",
        {
            "form": form,
            "problems": errors,
            "problem_message": message,
            "result": result,
            "extra_errors": [message] if message else [],
        },
        status=400 if (form.errors or errors) else 200,
    )


@workspace_page(permissions.APPROVE)
def upload_template(request: HttpRequest, site: PlaceSite, fmt: str) -> HttpResponse:
    """The spreadsheet to fill in: every milestone's key and title, the current period."""
    from onefuture.core.errors import NotFound
    from onefuture.routemaps.importers import updates_template

    types = {
        "csv": "text/csv; charset=utf-8",
        "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    }
    if fmt not in types:
        raise NotFound("The template is a .csv or an .xlsx file.")
    response = HttpResponse(updates_template(place=site.place, fmt=fmt), content_type=types[fmt])
    response["Content-Disposition"] = f'attachment; filename="{site.place.slug}-updates.{fmt}"'
    return response


PAGES: list[Page] = [
    Page("workspace/updates/upload/", upload, "workspace-updates-upload"),
    Page("workspace/updates/template.<slug:fmt>", upload_template, "workspace-updates-template"),
    Page("workspace/my-items/", my_items, "workspace-my-items"),
    Page("workspace/updates/", update_list, "workspace-updates"),
    Page("workspace/updates/review/", review_queue, "workspace-updates-review"),
    Page("workspace/updates/<int:update_id>/", update_page, "workspace-update"),
    Page("workspace/updates/new/<slug:kind>/<slug:ref>/", submit, "workspace-update-submit"),
    Page("workspace/periods/", periods, "workspace-periods"),
]
