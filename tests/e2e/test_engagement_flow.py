"""Engagement end to end in Chromium, once with JavaScript on and once with it off, axe-core on
every page visited (issue 10).

An engagement officer records an event and pastes what was said there (one comment carrying a
name, an e-mail address and a phone number); a resident has their say on a big thing's page,
agreeing to publication; the officer checks the redactions (accepts one, marks a name the rules
missed on another, withholds a third); the analyst finds themes in the event's comments, renames
and confirms the one holding the planted comment; a strategy officer (the role that may respond,
``engagement.respond``) writes and publishes its response, linked to a milestone and a measure.
Then, signed out: the public theme page shows the redacted quote, the response, the milestone and
the measure; the milestone's and the measure's pages link back to the theme; the API shows the
same, and nothing shows the original words.

Built on :func:`tests.engagement.public_sample.public_world` (a small plan with a milestone
"bus-lanes" and a measure). One shortcut, said here: the ten filler comments that give discovery
enough to work on (a run reads only comments whose redaction a person checked, ADR 0032) are
checked through ``redaction_confirm`` rather than clicked through one by one; they are pasted
without consent, so they never show in public and the theme's public quotes are exactly the
planted ones.
"""

from __future__ import annotations

import pytest
from django.conf import settings
from django.core.cache import cache
from django.test import Client

from onefuture.core.models import Role
from onefuture.core.services import membership_set
from onefuture.engagement.models import Comment, EngagementSettings, Event, Theme
from onefuture.engagement.services.redaction import redaction_confirm
from onefuture.framework.models import BigThing
from tests.browser import assert_no_axe_violations
from tests.engagement.public_sample import public_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SITE = "/places/riverton"
WORK = SITE + "/workspace/engagement"

PLANTED = "Ask Sarah Jenkins at sarah.j@example.org or 07700 900461 about the library hours"
PLANTED_REDACTED = "Ask [NAME] at [EMAIL] or [PHONE] about the library hours"
MISSED = "Thanks to Quorra Vantablack for running the library reading group"
MISSED_NAME = "Quorra Vantablack"
MISSED_REDACTED = "Thanks to [REDACTED] for running the library reading group"
WITHHELD = "The library staff are WITHHELD-MARKER useless and rude"
FORM = "The library in Brinnington needs more computers for homework"
FILLER = [
    "The library should open later in the evening",
    "Longer library opening hours at weekends please",
    "Open the library on Sunday afternoons",
    "More books for children in the library",
    "The library closes far too early on weekdays",
    "We need safer cycle lanes on the A6",
    "Cycle lanes that stop suddenly are dangerous",
    "Please build a protected cycle lane to the station",
    "More bike parking and cycle lanes in town",
    "The cycle lane on Market Street is always blocked",
]
#: What must never be in any public page or API response.
ORIGINALS = ("Sarah", "Jenkins", "sarah.j@", "07700", "900461", "Quorra", "Vantablack")
NEVER_PUBLIC = (*ORIGINALS, "WITHHELD-MARKER", FILLER[0])


def _as(page, live_server, user) -> None:
    """Sign ``page`` in as ``user`` (or out, for None)."""
    page.context.clear_cookies()
    if user is None:
        return
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])


def _visit(page, url: str) -> None:
    response = page.goto(url)
    assert response is not None and response.ok, url
    _checked(page)


def _checked(page) -> None:
    """The page as it is now: one h1, passes axe (for the JavaScript-off run, on a
    JavaScript-on copy of its DOM: tests.browser.axe_violations)."""
    page.wait_for_load_state("load")  # after a click or a form post the URL changes first
    page.locator("main h1").first.wait_for()
    assert page.locator("main h1").count() == 1, page.url
    assert_no_axe_violations(page)


def _public_clean(text: str, where: str) -> None:
    for secret in NEVER_PUBLIC:
        assert secret not in text, (where, secret)


@pytest.fixture
def world():
    world = public_world()
    cache.clear()  # the form's flood limit
    EngagementSettings.objects.filter(place=world.place).update(
        have_your_say_open=True, have_your_say_question="What would make Riverton better?"
    )
    world.engagement_officer = get_user("flow-engagement", world.place)
    world.big_thing = BigThing.objects.filter(place=world.place).order_by("order", "key").first()
    yield world
    cache.clear()


def get_user(username: str, place):
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.create_user(username=username, password="pw-12345678")
    membership_set(user=user, place=place, role=Role.ENGAGEMENT_OFFICER)
    return user


@pytest.mark.parametrize("javascript", [True, False], ids=["javascript", "no-javascript"])
def test_from_an_event_to_a_published_response(live_server, request, world, javascript) -> None:
    page = request.getfixturevalue("page" if javascript else "page_no_js")
    base = live_server.url
    officer = world.engagement_officer

    # 1. The engagement officer records an event …
    _as(page, live_server, officer)
    _visit(page, f"{base}{WORK}/events/new/")
    page.get_by_label("Title").fill("Library open day")
    page.get_by_label("Kind of event").select_option(index=0)
    page.get_by_label("Date", exact=True).fill("2026-05-02")
    page.get_by_role("button", name="Save the event").click()
    event = Event.objects.get(place=world.place, title="Library open day")
    page.wait_for_url(f"**{WORK}/events/{event.pk}/**")
    _checked(page)

    # … and pastes what was said: ten without consent, then three with it.
    page.get_by_label("Comments").fill("\n".join(FILLER))
    page.get_by_role("button", name="Add the comments").click()
    assert page.get_by_text("10 comments added").is_visible()
    _checked(page)
    page.get_by_label("Comments").fill("\n".join((PLANTED, MISSED, WITHHELD)))
    page.get_by_label("The people agreed that their words may be published once redacted").check()
    page.get_by_role("button", name="Add the comments").click()
    assert page.get_by_text("3 comments added").is_visible()
    _checked(page)
    made = {c.text: c for c in Comment.objects.filter(event=event)}
    assert len(made) == 13 and made[PLANTED].redacted_text == PLANTED_REDACTED

    # 2. A resident has their say on a big thing's page, agreeing to publication.
    _as(page, live_server, None)
    _visit(page, f"{base}{SITE}/big-things/{world.big_thing.key}/")
    page.get_by_role("link", name="Tell us what you think").click()
    _checked(page)
    page.get_by_label("Your comment").fill(FORM)
    page.get_by_label("I agree that my comment may be published").check()
    page.get_by_role("button", name="Send your comment").click()
    assert page.get_by_role("heading", name="Thank you for your comment").is_visible()
    _checked(page)
    form = Comment.objects.get(place=world.place, text=FORM)
    assert form.consent_publish and form.redaction_state == "pending"

    # 3. The officer checks the redactions: accepts one, marks a missed name, withholds one.
    _as(page, live_server, officer)
    _visit(page, f"{base}{WORK}/redaction/")
    _visit(page, f"{base}{WORK}/redaction/{made[PLANTED].pk}/")
    page.get_by_role("button", name="Accept", exact=True).click()
    _checked(page)
    _visit(page, f"{base}{WORK}/redaction/{made[MISSED].pk}/")
    page.get_by_label("More text to hide (optional)").fill(MISSED_NAME)
    page.get_by_role("button", name="Accept", exact=True).click()
    _checked(page)
    _visit(page, f"{base}{WORK}/redaction/{made[WITHHELD].pk}/")
    page.get_by_label("Why keep it off the public site").fill("Abusive about named staff")
    page.get_by_role("button", name="Withhold the comment").click()
    _checked(page)
    _visit(page, f"{base}{WORK}/redaction/{form.pk}/")
    page.get_by_role("button", name="Accept", exact=True).click()
    _checked(page)
    for comment in Comment.objects.filter(event=event, text__in=FILLER):  # the shortcut
        redaction_confirm(user=officer, place=world.place, comment=comment)
    done = {c.text: c for c in Comment.objects.filter(place=world.place, text__in=made)}
    assert done[PLANTED].redaction_state == "confirmed"
    assert done[MISSED].redacted_text == MISSED_REDACTED
    assert done[WITHHELD].withheld

    # 4. The analyst finds themes in the event's comments, renames and confirms one.
    themes = f"{base}{WORK}/themes/"
    _visit(page, f"{themes}?event={event.pk}")
    page.get_by_label("Number of themes (optional)").fill("2")
    page.get_by_role("button", name="Find themes").click()
    assert "/runs/" in page.url and page.get_by_text("100%").is_visible()
    _checked(page)
    theme = Theme.objects.get(place=world.place, event=event, comment_links__comment=done[PLANTED])
    assert not Theme.objects.filter(event=event, comment_links__comment=done[WITHHELD]).exists()
    _visit(page, f"{themes}{theme.key}/")
    page.get_by_label("Name", exact=True).fill("Library opening hours")
    page.get_by_role("button", name="Save the name").click()
    _checked(page)
    page.get_by_role("button", name="Confirm this theme").click()
    _checked(page)
    theme.refresh_from_db()
    assert (theme.name, theme.status) == ("Library opening hours", "confirmed")
    for word in ORIGINALS:
        assert word.lower() not in " ".join([theme.key, *theme.keywords]).lower()

    # 5. A strategy officer writes and publishes its response, linked to a milestone and a measure.
    _as(page, live_server, world.officer)
    _visit(page, f"{base}{WORK}/responses/")
    _visit(page, f"{base}{WORK}/responses/{theme.key}/")
    decided = "The library will open on Saturday afternoons from June."
    page.get_by_label("What was decided").fill(decided)
    page.locator("input[name=status]").first.check()
    milestone = world.plan.milestones["bus-lanes"]
    measure = world.plan.measure
    page.locator(f"input[name=milestones][value='{milestone.key}']").check()
    page.locator(f"input[name=measures][value='{measure.key}']").check()
    page.get_by_role("button", name="Save the response").click()
    _checked(page)
    page.get_by_role("button", name="Publish the response").click()
    _checked(page)
    response = Theme.objects.get(pk=theme.pk).response
    assert response.published and response.summary == decided
    assert list(response.milestones.all()) == [milestone]
    assert list(response.measures.all()) == [measure]

    # 6. In public: the theme page, and the milestone's and measure's pages linking back.
    _as(page, live_server, None)
    theme_path = f"/engagement/themes/{theme.key}/"
    _visit(page, f"{base}{SITE}{theme_path}")
    html = page.content()
    _public_clean(html, theme_path)
    quotes = page.locator("[data-quote]").all_inner_texts()
    assert any(PLANTED_REDACTED in q for q in quotes), quotes
    assert any(MISSED_REDACTED in q for q in quotes), quotes
    assert decided in html
    assert f"/milestones/{milestone.key}/" in html and f"/measures/{measure.key}/" in html
    for path in (f"/milestones/{milestone.key}/", f"/measures/{measure.key}/"):
        _visit(page, f"{base}{SITE}{path}")
        _public_clean(page.content(), path)
        link = page.locator(f"a[href$='{theme_path}']")
        assert link.count() >= 1, path
    link.first.click()
    page.wait_for_url(f"**{theme_path}")
    page.wait_for_load_state("load")  # the URL changes before the page has loaded
    _checked(page)

    # 7. The API shows the same, and never the original.
    got = page.request.get(f"{base}/api/v1/engagement/themes/{theme.key}/")
    assert got.ok
    _public_clean(got.text(), "API theme")
    data = got.json()
    assert data["name"] == "Library opening hours"
    assert {q["text"] for q in data["quotes"]} >= {PLANTED_REDACTED, MISSED_REDACTED}
    assert data["response"]["summary"] == decided
    assert [m["key"] for m in data["response"]["milestones"]] == [milestone.key]
    assert [m["key"] for m in data["response"]["measures"]] == [measure.key]
    listing = page.request.get(f"{base}/api/v1/engagement/themes/")
    assert listing.ok and theme.key in listing.text()
    _public_clean(listing.text(), "API themes")
