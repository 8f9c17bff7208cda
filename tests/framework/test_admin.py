"""The admin: login required, every model listed, history with the user, place scoping, links."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from onefuture.framework.models import BigThing, Link
from onefuture.partners.models import Partner
from onefuture.places.admin import CURRENT_PLACE_SESSION_KEY
from tests.factories import (
    AmbitionApplicationFactory,
    AreaFactory,
    BigThingFactory,
    ComparatorGroupFactory,
    LinkFactory,
    OutcomeFactory,
    PartnerFactory,
    PlaceFactory,
    PriorityFactory,
    VisionFactory,
)

pytestmark = pytest.mark.django_db

ADMIN_MODELS = [
    "places.place",
    "places.area",
    "places.comparatorgroup",
    "framework.vision",
    "framework.bigthing",
    "framework.outcome",
    "framework.crosscuttingambition",
    "framework.ambitionapplication",
    "framework.predecessorplan",
    "framework.pillar",
    "framework.priority",
    "framework.link",
    "partners.partner",
]


@pytest.fixture
def staff(client):
    user = get_user_model().objects.create_superuser("boss", "boss@example.org", "pw-123-long")
    client.force_login(user)
    return user


@pytest.fixture
def filled():
    place = PlaceFactory(slug="here", name="Here")
    VisionFactory(place=place)
    first = BigThingFactory(place=place, key="jobs", title="Jobs here")
    OutcomeFactory(big_thing=first)
    AmbitionApplicationFactory(ambition__place=place, big_thing=first)
    PriorityFactory(pillar__plan__place=place)
    PartnerFactory(place=place)
    ComparatorGroupFactory(place=place).areas.add(AreaFactory(place=place))
    LinkFactory(source=first, target=BigThingFactory(place=place, key="homes"))
    return place


def _url(model: str, view: str, *args) -> str:
    app, name = model.split(".")
    return reverse(f"admin:{app}_{name}_{view}", args=args)


def test_the_admin_needs_a_login(client):
    response = client.get(_url("framework.bigthing", "changelist"))
    assert response.status_code == 302
    assert reverse("admin:login") in response["Location"]


@pytest.mark.parametrize("model", ADMIN_MODELS)
def test_every_model_has_a_list_an_add_form_and_a_history(client, staff, filled, model):
    assert client.get(_url(model, "changelist")).status_code == 200
    assert client.get(_url(model, "add")).status_code == 200
    app, name = model.split(".")
    obj = ContentType.objects.get(app_label=app, model=name).model_class().objects.first()
    assert client.get(_url(model, "history", obj.pk)).status_code == 200


def test_a_change_in_the_admin_is_recorded_in_history_with_the_user(client, staff, filled):
    big_thing = BigThing.objects.get(key="jobs")
    response = client.post(
        _url("framework.bigthing", "change", big_thing.pk),
        {
            "place": filled.pk,
            "key": "jobs",
            "order": 1,
            "title": "Good jobs",
            "summary": "Changed in the admin.",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    latest = big_thing.history.first()
    assert (latest.title, latest.history_type, latest.history_user) == ("Good jobs", "~", staff)
    assert latest.prev_record.title == "Jobs here"


def test_an_id_used_by_another_kind_of_item_is_refused(client, staff, filled):
    response = client.post(
        _url("partners.partner", "add"),
        {"place": filled.pk, "key": "jobs", "order": 1, "name": "Jobs Ltd", "type": "business"},
    )
    assert response.status_code == 200
    assert "is already the id of big thing" in response.content.decode()
    assert not Partner.objects.filter(name="Jobs Ltd").exists()


def test_choosing_a_current_place_scopes_every_list(client, staff, filled):
    other = PlaceFactory(slug="there", name="There")
    BigThingFactory(place=other, key="elsewhere", title="Only there")
    url = _url("framework.bigthing", "changelist")
    assert "Only there" in client.get(url).content.decode()
    assert "?place__id__exact=" in client.get(url).content.decode()  # the place filter

    response = client.post(
        _url("places.place", "changelist"),
        {"action": "work_on_this_place", "_selected_action": [filled.pk]},
    )
    assert response.status_code == 302
    assert client.session[CURRENT_PLACE_SESSION_KEY] == filled.pk
    page = client.get(url).content.decode()
    assert "Jobs here" in page and "Only there" not in page
    assert "Showing Here only" in page

    client.post(
        _url("places.place", "changelist"),
        {"action": "show_every_place", "_selected_action": [filled.pk]},
    )
    assert "Only there" in client.get(url).content.decode()


def test_a_link_is_made_from_two_menu_choices(client, staff, filled):
    jobs = BigThing.objects.get(key="jobs")
    partner = Partner.objects.get(place=filled)
    response = client.post(
        _url("framework.link", "add"),
        {
            "place": filled.pk,
            "source": f"partners.partner:{partner.pk}",
            "target": f"framework.bigthing:{jobs.pk}",
            "type": "supports",
            "strength": -2,
            "rationale": "Made in the admin.",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    link = Link.objects.get(rationale="Made in the admin.")
    assert (link.from_item, link.to_item, link.strength) == (partner, jobs, -2)


def test_a_link_to_another_places_item_or_out_of_range_is_refused(client, staff, filled):
    jobs = BigThing.objects.get(key="jobs")
    elsewhere = BigThingFactory(place=PlaceFactory(slug="there"), key="x")
    response = client.post(
        _url("framework.link", "add"),
        {
            "place": filled.pk,
            "source": f"framework.bigthing:{jobs.pk}",
            "target": f"framework.bigthing:{elsewhere.pk}",
            "type": "supports",
            "strength": 4,
        },
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "That item belongs to" in page
    assert "Ensure this value is less than or equal to 3" in page
    assert Link.objects.count() == 1


def test_an_item_cannot_join_another_places_item(client, staff, filled):
    elsewhere = BigThingFactory(place=PlaceFactory(slug="there"), key="far")
    response = client.post(
        _url("framework.outcome", "add"),
        {"place": filled.pk, "big_thing": elsewhere.pk, "key": "o", "order": 1, "statement": "S"},
    )
    assert response.status_code == 200
    assert "belongs to" in response.content.decode()
    assert not elsewhere.outcomes.exists()


def test_the_admin_names_the_product_and_says_where_the_place_selector_is(client, staff, filled):
    url = _url("framework.bigthing", "changelist")
    page = client.get(url).content.decode()
    assert "onefuture administration" in page and "Django administration" not in page
    assert "Showing every place" not in page  # one place: nothing to choose

    PlaceFactory(slug="there", name="There")
    page = client.get(url).content.decode()
    places = _url("places.place", "changelist")
    assert f'<a href="{places}">Places page</a> and choose the action' in page
    assert "choose the action 'Work on this place only'." in page


def _link_form(place, source, target, **extra):
    return {
        "place": place.pk,
        "source": f"framework.bigthing:{source.pk}",
        "target": f"framework.bigthing:{target.pk}",
        "type": "supports",
        "strength": 1,
        **extra,
    }


def _file_errors(text: str) -> list[str]:
    from onefuture.framework.services import FrameworkFileError, framework_parse

    with pytest.raises(FrameworkFileError) as caught:
        framework_parse(text=text)
    return [e.message for e in caught.value.errors if e.field.startswith("links")]


def test_the_admin_refuses_a_link_to_itself_in_the_file_loaders_words(client, staff, filled):
    """One rule, one message: the admin's link form and the file loader use link_validate."""
    import html

    jobs = BigThing.objects.get(key="jobs")
    (message,) = _file_errors(
        "place: {slug: s, name: S}\nbig_things: [{id: jobs, title: Jobs}]\n"
        "links: [{from: jobs, to: jobs, type: supports, strength: 1}]\n"
    )
    assert message == "a link cannot join 'jobs' to itself"
    response = client.post(_url("framework.link", "add"), _link_form(filled, jobs, jobs))
    assert response.status_code == 200
    assert message in html.unescape(response.content.decode())
    assert Link.objects.count() == 1


def test_the_admin_refuses_a_second_link_of_the_same_type_between_two_items(client, staff, filled):
    import html

    jobs, homes = BigThing.objects.get(key="jobs"), BigThing.objects.get(key="homes")
    (message,) = _file_errors(
        "place: {slug: s, name: S}\n"
        "big_things: [{id: jobs, title: Jobs}, {id: homes, title: Homes}]\n"
        "links:\n  - {from: jobs, to: homes, type: supports, strength: 1}\n"
        "  - {from: jobs, to: homes, type: supports, strength: 2}\n"
    )
    assert message.startswith("repeats links[0] (jobs supports homes); give each pair")
    response = client.post(_url("framework.link", "add"), _link_form(filled, jobs, homes))
    page = html.unescape(response.content.decode())
    assert response.status_code == 200
    assert message.replace("links[0]", "an existing link") in page
    assert Link.objects.count() == 1
    other_type = _link_form(filled, jobs, homes, type="depends_on", rationale="Via the service.")
    response = client.post(_url("framework.link", "add"), other_type)
    assert response.status_code == 302
    made = Link.objects.get(rationale="Via the service.")
    assert (made.from_item, made.to_item, made.type) == (jobs, homes, "depends_on")


def test_the_link_service_refuses_a_link_the_form_did_not_see(filled):
    """Saving through link_save re-checks the rules: a second writer cannot bypass them."""
    from onefuture.framework.services import LinkError, link_save

    jobs, homes = BigThing.objects.get(key="jobs"), BigThing.objects.get(key="homes")
    with pytest.raises(LinkError) as caught:
        link_save(link=Link(place=filled, type="supports", strength=1), source=jobs, target=homes)
    assert [str(e) for e in caught.value.errors] == [
        "repeats an existing link (jobs supports homes); give each pair of items one link of"
        " each type"
    ]
    assert Link.objects.count() == 1
