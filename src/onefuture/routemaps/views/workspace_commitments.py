"""The staff workspace's commitment pages: the list by status, one commitment and its next steps,
and the invite and record forms (GOV.UK, no JavaScript).

Views only translate: the forms' choices come from ``selectors.commitments``, every write is a
``services.commitments`` call (the action objects check the person's right object by object
and the commitment's state), and an :class:`ApplicationError` is put back on the form, each
detail on the field it names.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from onefuture.core.errors import ApplicationError, ErrorDetail
from onefuture.core.permissions import permission_has
from onefuture.routemaps.actions.commitments import (
    AGREE,
    DELIVER,
    INVITE,
    READ,
    RECORD,
    START,
    AgreeCommitment,
    MarkDelivered,
    RecordCommitment,
    StartDelivering,
    WithdrawCommitment,
)
from onefuture.routemaps.models import CommitmentStatus
from onefuture.routemaps.selectors import commitments as selectors
from onefuture.routemaps.services import commitments as services
from onefuture.routemaps.vocabulary import COMMITMENT_STATUS
from onefuture.web.place_urls import Page, PlaceSite
from onefuture.web.shortcuts import render
from onefuture.web.workspace import workspace_page

NO_MILESTONE = ""


class CommitmentForm(forms.Form):
    """What a commitment says: who, to which big thing (and milestone), what, by when."""

    partner = forms.ChoiceField(label="Partner")
    big_thing = forms.ChoiceField(label="Big thing")
    milestone = forms.ChoiceField(
        label="Milestone to lead (optional)",
        required=False,
        help_text="Only if the partner commits to lead a milestone of the routemap; once the "
        "council agrees, the partner is named as its lead. The plan must list the partner "
        "among the milestone's lead partners.",
    )
    title = forms.CharField(
        label="What the partner commits to do",
        max_length=300,
        help_text="One sentence, as it will appear on the partner's page once agreed.",
    )
    description = forms.CharField(
        label="More detail (optional)", widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    due_date = forms.DateField(
        label="By when",
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text="For example, 2027-03-31.",
    )

    def __init__(self, *args: Any, choices: selectors.FormChoices, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.choices = choices
        self.fields["partner"].choices = [(p.key, p.name) for p in choices.partners]
        self.fields["big_thing"].choices = [(b.key, b.title) for b in choices.big_things]
        self.fields["milestone"].choices = [(NO_MILESTONE, "No milestone")] + [
            (m.key, f"{m.routemap.big_thing.title}: {m.title} (due {m.due_date:%B %Y})")
            for m in choices.milestones
        ]

    def chosen(self) -> dict[str, Any]:
        """The cleaned data with keys turned into the chosen rows."""
        data = self.cleaned_data
        partners = {p.key: p for p in self.choices.partners}
        big_things = {b.key: b for b in self.choices.big_things}
        milestones = {m.key: m for m in self.choices.milestones}
        return {
            "partner": partners[data["partner"]],
            "big_thing": big_things[data["big_thing"]],
            "milestone": milestones.get(data.get("milestone") or ""),
            "title": data["title"],
            "description": data.get("description", ""),
            "due_date": data.get("due_date"),
        }


class InviteForm(CommitmentForm):
    """An invitation: the same fields, the date optional (the partner says by when)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["title"].label = "What the partner is invited to commit to"
        self.fields["due_date"].required = False
        self.fields["due_date"].label = "By when (optional)"


class DeliverForm(forms.Form):
    recognition = forms.CharField(
        label="Recognition",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Public words of thanks shown on the partner's page, for example “Thank you "
        "to Stockport Homes for 120 new affordable homes.”",
    )


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label="Why it is withdrawn (optional)",
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        help_text="Kept in the commitment's history; not shown in public.",
    )


def put_errors_on(form: forms.Form, error: ApplicationError) -> list[str]:
    """Add each detail of ``error`` to the field it names; return the rest as sentences."""
    rest = [] if error.errors else [error.message]
    for detail in error.errors:
        if detail.field in form.fields:
            form.add_error(detail.field, detail.message)
        else:
            rest.append(str(detail) if detail.field else detail.message)
    return rest


def _render(
    request: HttpRequest,
    site: PlaceSite,
    template: str,
    context: dict[str, Any],
    status: int = 200,
) -> HttpResponse:
    return render(request, site, f"routemaps/workspace/{template}", context, status=status)


@workspace_page(action=READ)
def commitment_list(request: HttpRequest, site: PlaceSite) -> HttpResponse:
    """Every commitment the person may read, by status, with how many are in each."""
    status = request.GET.get("status") or ""
    if status not in COMMITMENT_STATUS:
        status = ""
    user = request.user
    return _render(
        request,
        site,
        "commitments.html",
        {
            "status": status,
            "counts": selectors.commitment_counts(place=site.place, user=user),
            "rows": [
                {"commitment": c, "words": COMMITMENT_STATUS[c.status]}
                for c in selectors.commitment_list(
                    place=site.place, user=user, status=status or None
                )
            ],
            "status_words": COMMITMENT_STATUS.get(status),
            "may_invite": permission_has(user=user, action=INVITE, place=site.place),
            "may_record": permission_has(user=user, action=RECORD, place=site.place),
        },
    )


def _steps(request: HttpRequest, site: PlaceSite, commitment: Any) -> dict[str, bool]:
    """Which next steps this person may take on this commitment now."""
    user, place = request.user, site.place
    return {
        "record": permission_has(user=user, action=RECORD, place=place, obj=commitment)
        and commitment.status in RecordCommitment.allowed_from,
        "agree": AgreeCommitment(user=user, place=place, commitment=commitment).allowed(),
        "start": StartDelivering(user=user, place=place, commitment=commitment).allowed(),
        "deliver": permission_has(user=user, action=DELIVER, place=place, obj=commitment)
        and commitment.status in MarkDelivered.allowed_from,
        "withdraw": WithdrawCommitment(user=user, place=place, commitment=commitment).allowed(),
    }


def _detail(
    request: HttpRequest,
    site: PlaceSite,
    commitment: Any,
    *,
    deliver_form: DeliverForm | None = None,
    withdraw_form: WithdrawForm | None = None,
    errors: list[str] | None = None,
    status: int = 200,
) -> HttpResponse:
    from onefuture.routemaps.actions.commitments import lead_problems

    return _render(
        request,
        site,
        "commitment.html",
        {
            "commitment": commitment,
            "words": COMMITMENT_STATUS[commitment.status],
            "steps": _steps(request, site, commitment),
            "deliver_form": deliver_form or DeliverForm(),
            "withdraw_form": withdraw_form or WithdrawForm(),
            "errors": errors or [],
            "lead_problems": lead_problems(
                partner=commitment.partner,
                milestone=commitment.milestone,
                big_thing=commitment.big_thing,
            ),
            "may_audit": permission_has(
                user=request.user, action="audit.read", place=site.place, obj=commitment
            ),
        },
        status=status,
    )


@workspace_page(action=READ)
def commitment_detail(request: HttpRequest, site: PlaceSite, commitment_id: int) -> HttpResponse:
    """One commitment, its details and the steps this person may take next."""
    commitment = selectors.commitment_get(
        place=site.place, user=request.user, commitment_id=commitment_id
    )
    return _detail(request, site, commitment)


_STEP_SERVICES = {
    "agree": (AGREE, services.commitment_agree, "Agreed: {partner} is now named for it."),
    "start": (START, services.commitment_start, "Marked as being delivered."),
}


@require_POST
@workspace_page(action=READ)
def commitment_step(
    request: HttpRequest, site: PlaceSite, commitment_id: int, step: str
) -> HttpResponse:
    """Take one step (agree, start, deliver, withdraw) on a commitment, then show it again."""
    commitment = selectors.commitment_get(
        place=site.place, user=request.user, commitment_id=commitment_id
    )
    user, place = request.user, site.place
    deliver_form = withdraw_form = None
    try:
        if step in _STEP_SERVICES:
            _, service, _ = _STEP_SERVICES[step]
            service(user=user, place=place, commitment=commitment)
        elif step == "deliver":
            deliver_form = DeliverForm(request.POST)
            if not deliver_form.is_valid():
                return _detail(request, site, commitment, deliver_form=deliver_form, status=400)
            services.commitment_deliver(
                user=user,
                place=place,
                commitment=commitment,
                recognition=deliver_form.cleaned_data["recognition"],
            )
        elif step == "withdraw":
            withdraw_form = WithdrawForm(request.POST)
            withdraw_form.is_valid()
            services.commitment_withdraw(
                user=user,
                place=place,
                commitment=commitment,
                reason=withdraw_form.cleaned_data.get("reason", ""),
            )
        else:
            raise ApplicationError(
                f"'{step}' is not a step of a commitment.",
                errors=[
                    ErrorDetail(field="step", message="Use agree, start, deliver or withdraw.")
                ],
            )
    except ApplicationError as error:
        if error.status_code != 400:
            raise
        rest = put_errors_on(deliver_form, error) if deliver_form is not None else []
        if deliver_form is None:
            rest = [error.message, *(str(d) for d in error.errors)]
        fresh = selectors.commitment_get(place=place, user=user, commitment_id=commitment_id)
        return _detail(
            request, site, fresh, deliver_form=deliver_form, withdraw_form=withdraw_form,
            errors=rest, status=400,
        )  # fmt: skip
    return redirect(site.url("workspace-commitment", commitment_id))


def _form_page(
    request: HttpRequest,
    site: PlaceSite,
    *,
    form: CommitmentForm,
    heading: str,
    action_url: str,
    commitment: Any = None,
    errors: list[str] | None = None,
    status: int = 200,
) -> HttpResponse:
    return _render(
        request,
        site,
        "commitment_form.html",
        {
            "form": form,
            "heading": heading,
            "action_url": action_url,
            "commitment": commitment,
            "errors": errors or [],
            "button": "Send the invitation"
            if isinstance(form, InviteForm)
            else ("Save the commitment" if commitment is not None else "Record the commitment"),
        },
        status=status,
    )


@workspace_page(action=INVITE)
def commitment_invite(request: HttpRequest, site: PlaceSite) -> HttpResponse:
    """An officer invites a partner to commit (optionally, to lead a milestone)."""
    choices = selectors.commitment_form_choices(place=site.place, user=request.user)
    form = InviteForm(request.POST or None, choices=choices)
    heading = "Invite a partner to commit"
    url = site.url("workspace-commitment-invite")
    if request.method == "POST" and form.is_valid():
        try:
            made = services.commitment_invite(user=request.user, place=site.place, **form.chosen())
        except ApplicationError as error:
            rest = put_errors_on(form, error)
            return _form_page(
                request, site, form=form, heading=heading, action_url=url, errors=rest, status=400
            )
        return redirect(site.url("workspace-commitment", made.pk))
    status = 400 if form.errors else 200
    return _form_page(request, site, form=form, heading=heading, action_url=url, status=status)


@workspace_page(action=RECORD)
def commitment_record(
    request: HttpRequest, site: PlaceSite, commitment_id: int | None = None
) -> HttpResponse:
    """Record a commitment: a new one, or the answer to an invitation (``commitment_id``)."""
    user = request.user
    choices = selectors.commitment_form_choices(place=site.place, user=user)
    commitment = None
    initial: dict[str, Any] = {}
    if commitment_id is not None:
        commitment = selectors.commitment_get(
            place=site.place, user=user, commitment_id=commitment_id
        )
        initial = {
            "partner": commitment.partner.key,
            "big_thing": commitment.big_thing.key,
            "milestone": commitment.milestone.key if commitment.milestone_id else NO_MILESTONE,
            "title": commitment.title,
            "description": commitment.description,
            "due_date": commitment.due_date,
        }
        url = site.url("workspace-commitment-answer", commitment_id)
        choices = selectors.FormChoices(
            partners=[commitment.partner],
            big_things=choices.big_things,
            milestones=choices.milestones,
        )
    else:
        url = site.url("workspace-commitment-record")
    form = CommitmentForm(request.POST or None, initial=initial, choices=choices)
    heading = "Record a commitment" if commitment is None else f"Commit: {commitment.title}"
    if request.method == "POST" and form.is_valid():
        values = form.chosen()
        if commitment is not None:
            values.pop("partner")
        try:
            made = services.commitment_record(
                user=user, place=site.place, commitment=commitment, **values
            )
        except ApplicationError as error:
            if error.status_code != 400:
                raise
            rest = put_errors_on(form, error)
            return _form_page(
                request, site, form=form, heading=heading, action_url=url,
                commitment=commitment, errors=rest, status=400,
            )  # fmt: skip
        return redirect(site.url("workspace-commitment", made.pk))
    return _form_page(
        request, site, form=form, heading=heading, action_url=url, commitment=commitment,
        status=400 if form.errors else 200,
    )  # fmt: skip


PAGES: list[Page] = [
    Page("workspace/commitments/", commitment_list, "workspace-commitments"),
    Page("workspace/commitments/invite/", commitment_invite, "workspace-commitment-invite"),
    Page("workspace/commitments/record/", commitment_record, "workspace-commitment-record"),
    Page("workspace/commitments/<int:commitment_id>/", commitment_detail, "workspace-commitment"),
    Page(
        "workspace/commitments/<int:commitment_id>/record/",
        commitment_record,
        "workspace-commitment-answer",
    ),
    Page(
        "workspace/commitments/<int:commitment_id>/<slug:step>/",
        commitment_step,
        "workspace-commitment-step",
    ),
]

#: Statuses an officer acts on next (the list's count: "2 to agree").
TO_AGREE = CommitmentStatus.COMMITTED
