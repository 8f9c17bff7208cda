"""Editing the framework in the admin asks the same per-place check as the services."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.urls import reverse

from onefuture.core.models import Role
from onefuture.core.permissions import permission_has
from onefuture.core.services import membership_set
from onefuture.framework.models import BigThing
from tests.factories import BigThingFactory, PartnerFactory, PlaceFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_places():
    a, b = PlaceFactory(slug="a", name="Aton"), PlaceFactory(slug="b", name="Beeton")
    return a, b, BigThingFactory(place=a, key="jobs"), BigThingFactory(place=b, key="homes")


def _staff(name: str):
    """Staff with every framework model permission in Django's terms (like the demo officer)."""
    user = get_user_model().objects.create_user(name, password="not-a-real-password-6")
    user.is_staff = True
    user.save()
    user.user_permissions.set(Permission.objects.filter(content_type__app_label="framework"))
    return user


def _change(big_thing: BigThing) -> str:
    return reverse("admin:framework_bigthing_change", args=[big_thing.pk])


def test_an_officer_edits_only_their_own_places_framework(client, two_places):
    a, b, ours, theirs = two_places
    officer = _staff("officer")
    membership_set(user=officer, place=a, role=Role.STRATEGY_OFFICER)
    client.force_login(officer)
    form = {"place": a.pk, "key": "jobs", "title": "Good jobs", "order": 0, "summary": ""}
    assert "Save" in client.get(_change(ours)).content.decode()
    page = client.get(_change(theirs)).content.decode()  # Beeton: viewable, not editable
    assert 'name="_save"' not in page
    assert client.post(_change(theirs), {**form, "place": b.pk, "key": "homes"}).status_code == 403
    assert BigThing.objects.get(pk=theirs.pk).title == theirs.title
    # Moving one's own item into another place is refused too, with the check's message.
    response = client.post(_change(ours), {**form, "place": b.pk})
    assert response.status_code == 403
    assert BigThing.objects.get(pk=ours.pk).place == a


def test_who_may_edit_the_framework(two_places):
    a, _, _, _ = two_places
    partner = PartnerFactory(place=a)
    for role, expected in [
        (Role.ADMINISTRATOR, True),
        (Role.STRATEGY_OFFICER, True),
        (Role.PARTNER_EDITOR, False),
        (Role.SCRUTINY_MEMBER, False),
    ]:
        user = _staff(f"u-{role}")
        membership_set(
            user=user, place=a, role=role, partner=partner if role == Role.PARTNER_EDITOR else None
        )
        assert permission_has(user=user, action="framework.edit", place=a) is expected, role
    assert not permission_has(user=_staff("no-membership"), action="framework.edit", place=a)
