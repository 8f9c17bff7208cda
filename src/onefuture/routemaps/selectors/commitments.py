"""Reads of partner commitments, scoped by place, and the rule of which are public.

``commitment_list(place=, user=, status=)``
    The workspace's list: every commitment for officers, administrators and scrutiny members;
    a partner editor's own organisation's only.
``commitment_counts(place=, user=)``
    How many of those are in each status, every status listed (a zero too).
``commitment_get(place=, user=, commitment_id=)``
    One commitment, object by object: ``NotFound``, or ``PermissionDenied`` for another
    partner's commitment.
``commitment_list_public(place=, partner=, big_thing=)``
    What the public sees: commitments the council has agreed (agreed, delivering, delivered).
    An invitation or a commitment waiting for agreement is not public: a partner is named only
    for what the council has agreed (ADR 0025).
``partner_contribution(place=, partner=)``
    A partner's page: the milestones it is *named* to lead, the delivery plans it leads, and
    its public commitments, delivered ones with their recognition.
``commitment_form_choices(place=, user=)``
    The partners, big things and milestones a commitment form offers this person.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, QuerySet

from onefuture.core.errors import NotFound
from onefuture.core.models import Role
from onefuture.core.permissions import permission_check
from onefuture.core.selectors import membership_get
from onefuture.framework.models import BigThing
from onefuture.partners.models import Partner
from onefuture.routemaps.actions.commitments import READ
from onefuture.routemaps.models import (
    AGREED_STATUSES,
    Commitment,
    CommitmentStatus,
    DeliveryPlan,
    Milestone,
)
from onefuture.routemaps.vocabulary import COMMITMENT_STATUS, StatusWords


def _commitments(place: Any) -> QuerySet[Commitment]:
    return Commitment.objects.filter(place=place).select_related(
        "partner", "big_thing", "milestone", "milestone__routemap"
    )


def _partner_of_editor(*, user: Any, place: Any) -> int | None:
    """The partner a partner editor speaks for (None for every other role)."""
    if getattr(user, "is_superuser", False):
        return None
    membership = membership_get(user=user, place=place)
    if membership is not None and membership.role == Role.PARTNER_EDITOR:
        return membership.partner_id
    return None


def commitment_list(*, place: Any, user: Any, status: str | None = None) -> QuerySet[Commitment]:
    """The commitments ``user`` may read in ``place``, newest first; raises PermissionDenied."""
    permission_check(user=user, action=READ, place=place)
    rows = _commitments(place)
    partner_id = _partner_of_editor(user=user, place=place)
    if partner_id is not None:
        rows = rows.filter(partner_id=partner_id)
    if status:
        rows = rows.filter(status=status)
    return rows.order_by("-id")


@dataclass(frozen=True)
class StatusCount:
    """How many commitments are in one status, with its words and colour."""

    status: str
    words: StatusWords
    count: int


def commitment_counts(*, place: Any, user: Any) -> list[StatusCount]:
    """For each status in lifecycle order, how many commitments ``user`` may read are in it."""
    counted = dict(
        commitment_list(place=place, user=user)
        .order_by()
        .values_list("status")
        .annotate(n=Count("id"))
    )
    return [
        StatusCount(status=s.value, words=COMMITMENT_STATUS[s.value], count=counted.get(s.value, 0))
        for s in CommitmentStatus
    ]


def commitments_waiting(*, place: Any, user: Any) -> int:
    """What waits for ``user``: invitations to answer (a partner editor), commitments to agree
    (officers and administrators), nothing for anyone else (the workspace's count)."""
    from onefuture.core.permissions import permission_has
    from onefuture.routemaps.actions.commitments import AGREE

    partner_id = _partner_of_editor(user=user, place=place)
    if partner_id is not None:
        rows = _commitments(place).filter(partner_id=partner_id, status=CommitmentStatus.INVITED)
        return rows.count()
    if permission_has(user=user, action=AGREE, place=place):
        return _commitments(place).filter(status=CommitmentStatus.COMMITTED).count()
    return 0


def commitment_get(*, place: Any, user: Any, commitment_id: int) -> Commitment:
    """One commitment of ``place`` that ``user`` may read; NotFound or PermissionDenied."""
    commitment = _commitments(place).filter(pk=commitment_id).first()
    if commitment is None:
        raise NotFound(f"There is no commitment {commitment_id} in {place.name}.")
    permission_check(user=user, action=READ, place=place, obj=commitment)
    return commitment


def commitment_list_public(
    *, place: Any, partner: Partner | None = None, big_thing: BigThing | None = None
) -> QuerySet[Commitment]:
    """The commitments the council has agreed (agreed, delivering, delivered), by partner."""
    rows = _commitments(place).filter(status__in=AGREED_STATUSES)
    if partner is not None:
        rows = rows.filter(partner=partner)
    if big_thing is not None:
        rows = rows.filter(big_thing=big_thing)
    return rows.order_by("partner__order", "partner__name", "big_thing__order", "due_date", "id")


def commitment_get_public(*, place: Any, commitment_id: int) -> Commitment:
    """One public commitment; NotFound for one that does not exist or is not yet agreed."""
    commitment = commitment_list_public(place=place).filter(pk=commitment_id).first()
    if commitment is None:
        raise NotFound(f"There is no agreed commitment {commitment_id} in {place.name}.")
    return commitment


def partner_find(*, place: Any, key: str) -> Partner:
    """The place's partner with ``key``; ``NotFound`` naming the key."""
    partner = Partner.objects.filter(place=place, key=key).first()
    if partner is None:
        raise NotFound(f"There is no partner '{key}' in {place.name}.")
    return partner


def milestones_named_lead(*, place: Any, partner: Partner) -> list[Milestone]:
    """The milestones ``partner`` is named to lead: listed by the plan AND agreed by the council."""
    return list(
        Milestone.objects.filter(
            place=place,
            lead_partners=partner,
            commitments__partner=partner,
            commitments__status__in=AGREED_STATUSES,
        )
        .select_related("routemap", "routemap__big_thing")
        .distinct()
        .order_by("due_date", "order", "key")
    )


@dataclass(frozen=True)
class PartnerContribution:
    """Everything a partner leads or has committed to across the vision (public only)."""

    partner: Partner
    milestones: list[Milestone]
    delivery_plans: list[DeliveryPlan]
    current: list[Commitment]
    delivered: list[Commitment]

    @property
    def empty(self) -> bool:
        return not (self.milestones or self.delivery_plans or self.current or self.delivered)


def partner_contribution(*, place: Any, partner: Partner) -> PartnerContribution:
    """What ``partner``'s page shows: named leads, plans it leads, agreed and delivered work."""
    commitments = list(commitment_list_public(place=place, partner=partner))
    return PartnerContribution(
        partner=partner,
        milestones=milestones_named_lead(place=place, partner=partner),
        delivery_plans=list(
            DeliveryPlan.objects.filter(place=place, lead_partner=partner).order_by(
                "order", "start_year", "title"
            )
        ),
        current=[c for c in commitments if c.status != CommitmentStatus.DELIVERED],
        delivered=[c for c in commitments if c.status == CommitmentStatus.DELIVERED],
    )


@dataclass(frozen=True)
class FormChoices:
    """What a commitment form may offer: partners (one, for a partner editor), big things and
    milestones (each with its routemap's big thing)."""

    partners: list[Partner]
    big_things: list[BigThing]
    milestones: list[Milestone]


def commitment_form_choices(*, place: Any, user: Any) -> FormChoices:
    """The choices of the record and invite forms for ``user`` in ``place``."""
    partners = Partner.objects.filter(place=place).order_by("order", "name")
    partner_id = _partner_of_editor(user=user, place=place)
    if partner_id is not None:
        partners = partners.filter(pk=partner_id)
    return FormChoices(
        partners=list(partners),
        big_things=list(BigThing.objects.filter(place=place).order_by("order", "key")),
        milestones=list(
            Milestone.objects.filter(place=place)
            .select_related("routemap__big_thing")
            .prefetch_related("lead_partners")
            .order_by("routemap__big_thing__order", "due_date", "order")
        ),
    )
