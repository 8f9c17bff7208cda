"""One permission check, per place: memberships, roles, partner editors, superusers."""

from __future__ import annotations

import pytest
import rules
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from onefuture.core.errors import ApplicationError, PermissionDenied
from onefuture.core.models import Membership, Role
from onefuture.core.permissions import (
    action_register,
    has_role,
    permission_check,
    permission_has,
)
from onefuture.core.services import membership_set
from onefuture.measures.models import ImportBatch
from onefuture.measures.services import import_batch_create, import_permission_check
from onefuture.partners.models import Partner
from tests.factories import PlaceFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def places():
    return PlaceFactory(slug="riverton", name="Riverton"), PlaceFactory(slug="hill", name="Hill")


def _user(name: str, **fields):
    return get_user_model().objects.create_user(name, password="not-a-real-password-7", **fields)


def _partner(place, key: str) -> Partner:
    return Partner.objects.create(place=place, key=key, name=key.title(), type="council")


def test_an_officer_of_place_a_cannot_import_into_place_b(places):
    a, b = places
    officer = _user("officer")
    membership_set(user=officer, place=a, role=Role.STRATEGY_OFFICER)
    import_permission_check(user=officer, place=a)
    assert import_batch_create(place=a, filename="a.csv", user=officer).place == a
    with pytest.raises(PermissionDenied) as refused:
        import_batch_create(place=b, filename="b.csv", user=officer)
    assert str(refused.value) == (
        "Only administrators and strategy officers of Hill may import data. "
        "Ask an administrator of Hill to give you that role."
    )
    assert refused.value.status_code == 403
    assert not ImportBatch.objects.filter(place=b).exists()


def test_who_may_import(places):
    a, _ = places
    partner = _partner(a, "council")
    may = {
        Role.ADMINISTRATOR: True,
        Role.STRATEGY_OFFICER: True,
        Role.PARTNER_EDITOR: False,
        Role.SCRUTINY_MEMBER: False,
    }
    for role, expected in may.items():
        user = _user(f"u-{role}")
        membership_set(
            user=user, place=a, role=role, partner=partner if role == Role.PARTNER_EDITOR else None
        )
        assert permission_has(user=user, action="data.import", place=a) is expected, role
    editor = get_user_model().objects.get(username=f"u-{Role.PARTNER_EDITOR}")
    with pytest.raises(PermissionDenied, match="strategy officers of Riverton may import data"):
        import_permission_check(user=editor, place=a)


def test_a_superuser_may_do_everything_and_nobody_else_without_a_membership(places):
    a, b = places
    root = _user("root", is_superuser=True, is_staff=True)
    assert permission_has(user=root, action="data.import", place=b)
    import_permission_check(user=root, place=b)
    staff = _user("staff", is_staff=True)  # staff status alone grants nothing in a place
    assert not permission_has(user=staff, action="data.import", place=a)
    assert not permission_has(user=None, action="data.import", place=a)
    from django.contrib.auth.models import AnonymousUser

    assert not permission_has(user=AnonymousUser(), action="data.import", place=a)
    gone = _user("gone", is_active=False)
    membership_set(user=gone, place=a, role=Role.ADMINISTRATOR)
    assert not permission_has(user=gone, action="data.import", place=a)


def test_an_unknown_action_is_a_programming_error(places):
    with pytest.raises(LookupError, match=r"No permission action 'data\.export'"):
        permission_has(user=_user("x"), action="data.export", place=places[0])


def test_a_partner_editor_membership_needs_exactly_one_partner_of_its_place(places):
    a, b = places
    user = _user("editor")
    with pytest.raises(ApplicationError) as refused:
        membership_set(user=user, place=a, role=Role.PARTNER_EDITOR)
    assert [(e.field, e.message) for e in refused.value.errors] == [
        ("partner", "A partner editor edits for one partner organisation: choose it.")
    ]
    with pytest.raises(ApplicationError, match="partner of another place"):
        membership_set(user=user, place=a, role=Role.PARTNER_EDITOR, partner=_partner(b, "hill"))
    with pytest.raises(ApplicationError, match="Only a partner editor is tied to a partner"):
        membership_set(user=user, place=a, role=Role.SCRUTINY_MEMBER, partner=_partner(a, "c"))
    assert not Membership.objects.exists()

    # The admin form runs the same rule (Model.clean), and the database refuses it too.
    with pytest.raises(ValidationError) as invalid:
        Membership(user=user, place=a, role=Role.PARTNER_EDITOR).full_clean()
    assert "partner" in invalid.value.message_dict
    with pytest.raises(IntegrityError), transaction.atomic():
        Membership.objects.create(user=user, place=a, role=Role.PARTNER_EDITOR)


def test_one_membership_per_person_and_place_with_history(places):
    a, b = places
    user = _user("officer")
    first = membership_set(user=user, place=a, role=Role.SCRUTINY_MEMBER)
    again = membership_set(user=user, place=a, role=Role.STRATEGY_OFFICER)
    assert first.pk == again.pk and Membership.objects.get(pk=first.pk).role == "strategy_officer"
    assert [h.role for h in again.history.order_by("history_date")] == [
        "scrutiny_member",
        "strategy_officer",
    ]
    membership_set(user=user, place=b, role=Role.ADMINISTRATOR)  # another place: a second one
    with pytest.raises(IntegrityError), transaction.atomic():
        Membership.objects.create(user=user, place=a, role=Role.ADMINISTRATOR)


def test_an_app_adds_an_object_level_action_without_changing_core(places):
    """The routemaps case: a partner editor edits only its own organisation's items."""
    a, _ = places
    ours, theirs = _partner(a, "ours"), _partner(a, "theirs")

    class Item:
        def __init__(self, *leads):
            self.lead_partner_ids = {p.id for p in leads}

    @rules.predicate
    def leads_the_item(user, target):
        return target.membership.partner_id in target.obj.lead_partner_ids

    action_register(
        name="test.item_update",
        predicate=has_role(Role.ADMINISTRATOR) | (has_role(Role.PARTNER_EDITOR) & leads_the_item),
        who="administrators, and partner editors of the item's lead partners",
        doing="update this item",
    )
    editor = _user("editor")
    membership_set(user=editor, place=a, role=Role.PARTNER_EDITOR, partner=ours)
    assert permission_has(user=editor, action="test.item_update", place=a, obj=Item(ours))
    assert not permission_has(user=editor, action="test.item_update", place=a, obj=Item(theirs))
    with pytest.raises(PermissionDenied, match="partner editors of the item's lead partners"):
        permission_check(user=editor, action="test.item_update", place=a, obj=Item(theirs))
    scrutiny = _user("scrutiny")
    membership_set(user=scrutiny, place=a, role=Role.SCRUTINY_MEMBER)
    assert not permission_has(user=scrutiny, action="test.item_update", place=a, obj=Item(ours))


def test_the_core_permission_denied_is_djangos_too():
    from django.core.exceptions import PermissionDenied as DjangoPermissionDenied

    assert issubclass(PermissionDenied, DjangoPermissionDenied)
