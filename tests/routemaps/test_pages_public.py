"""The public routemap pages through Django's test client.

What the public sees: only published updates (a draft, submitted, returned or approved update
never appears, by page or in the SVG), only agreed leads named, the roll-up with its rule in
words, and a timeline whose picture and table come from the same rows.
"""

from __future__ import annotations

import datetime as dt
import re
from html.parser import HTMLParser

import pytest
from django.test import Client
from django.utils import timezone

from onefuture.routemaps.models import Commitment, CommitmentStatus, Update, UpdateState
from onefuture.routemaps.rollup import RULE
from tests.routemaps.sample import SamplePlan, sample_plan

pytestmark = pytest.mark.django_db

SECRETS = {
    UpdateState.DRAFT: "DRAFT-NARRATIVE-NOT-PUBLIC",
    UpdateState.SUBMITTED: "SUBMITTED-NARRATIVE-NOT-PUBLIC",
    UpdateState.RETURNED: "RETURNED-NARRATIVE-NOT-PUBLIC",
    UpdateState.APPROVED: "APPROVED-NARRATIVE-NOT-PUBLIC",
}


def text_of(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).strip()


def main_html(html: str) -> str:
    match = re.search(r"<main\b.*?</main>", html, re.S)
    assert match, "no <main>"
    return match.group(0)


class Timeline(HTMLParser):
    """The SVG's milestone groups and the table's rows, in document order."""

    def __init__(self) -> None:
        super().__init__()
        self.svg: list[tuple[str, str, str]] = []
        self.table: list[tuple[str, str]] = []
        self.svg_labels: list[str] = []
        self.svg_attrs: dict[str, str] = {}
        self.svg_title = ""
        self.svg_desc = ""
        self._in_svg = 0
        self._capture: str | None = None
        self._buffer = ""

    def handle_starttag(self, tag: str, attrs: list) -> None:
        a = dict(attrs)
        if tag == "svg" and a.get("data-timeline"):
            self._in_svg = 1
            self.svg_attrs = a
        elif self._in_svg and tag == "g" and "data-milestone" in a:
            self.svg.append((a["data-number"], a["data-milestone"], a["data-status"]))
        elif self._in_svg and tag in ("title", "desc", "text"):
            self._capture, self._buffer = tag, ""
        elif tag == "tr" and "data-milestone" in a:
            self.table.append((a["data-milestone"], a["data-status"]))

    def handle_data(self, data: str) -> None:
        if self._capture:
            self._buffer += data

    def handle_endtag(self, tag: str) -> None:
        if self._capture == tag:
            if tag == "title" and not self.svg_title:
                self.svg_title = self._buffer.strip()
            elif tag == "desc":
                self.svg_desc = self._buffer.strip()
            elif tag == "text":
                self.svg_labels.append(self._buffer.strip())
            self._capture = None
        if tag == "svg":
            self._in_svg = 0


def parse(html: str) -> Timeline:
    parser = Timeline()
    parser.feed(html)
    return parser


@pytest.fixture
def plan() -> SamplePlan:
    return sample_plan()


def publish(plan: SamplePlan, key: str, status: str, narrative: str, when: dt.datetime) -> Update:
    return Update.objects.create(
        place=plan.place,
        milestone=plan.milestones[key],
        status=status,
        narrative=narrative,
        state=UpdateState.PUBLISHED,
        published_at=when,
        evidence_url="https://example.org/evidence",
    )


def unpublished_everywhere(plan: SamplePlan) -> None:
    """One update in every state but published on bus-lanes, each with a telltale narrative."""
    for state, narrative in SECRETS.items():
        Update.objects.create(
            place=plan.place,
            milestone=plan.milestones["bus-lanes"],
            status="dropped",
            narrative=narrative,
            state=state,
        )


def get(client: Client, url: str, status: int = 200) -> str:
    response = client.get(url)
    assert response.status_code == status, (url, response.status_code)
    return response.content.decode()


def test_routemap_page_shows_timeline_table_rollup_and_rule(plan, client) -> None:
    html = get(client, "/big-things/green-transport/routemap/")
    main = main_html(html)
    text = text_of(main)
    assert "Riverton transport routemap" in text
    assert RULE in text
    # Planned statuses: depot complete, bus lanes at risk, buses not started.
    assert "1 of 3 milestones needs attention: 1 at risk." in text
    assert "Riverton Transport Plan 2024 to 2029" in text  # the delivery plan that serves it
    timeline = parse(main)
    assert timeline.svg_attrs["role"] == "img"
    assert timeline.svg_attrs["aria-labelledby"] == "timeline-title timeline-desc"
    assert timeline.svg_title.startswith("Timeline: Riverton transport routemap")
    assert "3 milestones from 2024 to 2040" in timeline.svg_desc
    assert "table after the picture lists every milestone" in timeline.svg_desc


def test_the_table_lists_exactly_what_the_picture_draws(plan, client) -> None:
    publish(plan, "buses", "on_track", "Buses ordered.", timezone.now())
    for key in ("green-transport", "good-jobs"):
        timeline = parse(main_html(get(client, f"/big-things/{key}/routemap/")))
        assert timeline.svg, key
        assert [(k, s) for _n, k, s in timeline.svg] == timeline.table
        numbers = [n for n, _k, _s in timeline.svg]
        assert numbers == [str(i) for i in range(1, len(numbers) + 1)]
        keys = [k for _n, k, _s in timeline.svg]
        dues = [plan.milestones[k].due_date for k in keys]
        assert dues == sorted(dues)
    timeline = parse(main_html(get(client, "/big-things/green-transport/routemap/")))
    assert ("buses", "on_track") in timeline.table  # the published update's status
    # Each marker's label writes the status in words: never colour alone.
    labels = [label for label in timeline.svg_labels if label[:1].isdigit() and ". " in label]
    assert labels[0] == "1. Riverton electric bus depot opens (Complete)"
    assert any(label.endswith("(On track)") for label in labels)


def test_the_svg_download_is_the_same_drawing(plan, client) -> None:
    response = client.get("/big-things/green-transport/routemap.svg")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/svg+xml"
    svg = response.content.decode()
    assert svg.startswith("<?xml")
    page = parse(main_html(get(client, "/big-things/green-transport/routemap/")))
    download = parse(svg)
    assert download.svg == page.svg and download.svg_title == page.svg_title


def test_only_published_updates_are_public(plan, client) -> None:
    unpublished_everywhere(plan)
    publish(plan, "bus-lanes", "off_track", "PUBLISHED-NARRATIVE", timezone.now())
    urls = [
        "/routemaps/",
        "/big-things/green-transport/routemap/",
        "/big-things/green-transport/routemap.svg",
        "/milestones/bus-lanes/",
        "/milestones/buses/",
        "/delivery-plans/",
        "/delivery-plans/transport-plan/",
        "/routemaps/changes/?since=2000-01-01",
        "/big-things/green-transport/",
    ]
    for url in urls:
        html = get(client, url)
        for secret in SECRETS.values():
            assert secret not in html, (url, secret)
    milestone = text_of(main_html(get(client, "/milestones/bus-lanes/")))
    assert "PUBLISHED-NARRATIVE" in milestone
    assert "Changed from at risk to off track." in milestone
    assert "Dropped" not in milestone.split("Updates", 1)[1].split("Depends on", 1)[0]
    timeline = parse(get(client, "/big-things/green-transport/routemap.svg"))
    assert ("2", "bus-lanes", "off_track") in timeline.svg  # not the unpublished "dropped"
    changes = text_of(main_html(get(client, "/routemaps/changes/?since=2000-01-01")))
    assert "Riverton bus lanes on the A6 moved from at risk to off track." in changes
    assert "1 update published since 1 January 2000, 1 of it a change of status." in changes


def test_only_agreed_leads_are_named(plan, client) -> None:
    def led_by(key: str) -> str:
        html = main_html(get(client, f"/milestones/{key}/"))
        return text_of(html).split("Led by", 1)[1].split("Lead officer", 1)[0]

    assert "Riverton Council" not in led_by("bus-lanes")
    assert "To be agreed" in led_by("bus-lanes")
    Commitment.objects.create(
        place=plan.place,
        partner=plan.sample.partners[0],
        big_thing=plan.routemaps["green-transport"].big_thing,
        milestone=plan.milestones["bus-lanes"],
        title="Build the bus lanes",
        status=CommitmentStatus.COMMITTED,
    )
    assert "Riverton Council" not in led_by("bus-lanes")  # committed, not yet agreed
    Commitment.objects.filter(milestone=plan.milestones["bus-lanes"]).update(
        status=CommitmentStatus.AGREED
    )
    assert "Riverton Council" in led_by("bus-lanes")
    # The forum is proposed for "buses" but never agreed: never named, on any page.
    for url in ("/milestones/buses/", "/big-things/green-transport/routemap/"):
        assert "VCFSE Forum" not in main_html(get(client, url)), url


def test_milestone_page_dependencies_measures_ambitions(plan, client) -> None:
    text = text_of(main_html(get(client, "/milestones/bus-lanes/")))
    depends, rest = text.split("Depends on", 1)[1].split("Needed by", 1)
    needed = rest.split("Success measures", 1)[0]
    assert "Riverton electric bus depot opens" in depends
    assert "Riverton all buses zero emission" in needed and "Riverton jobs hub opens" in needed
    assert "Riverton bus trips" in text  # the linked measure
    assert "Riverton net zero" in text  # the ambition
    assert "Director of Place" in text
    assert "No update has been published yet." in text
    assert "This is the planned status" in text


def test_overview_one_row_per_big_thing_by_horizon(plan, client) -> None:
    html = main_html(get(client, "/routemaps/"))
    rows = re.findall(r'<tr class="govuk-table__row" data-big-thing="([^"]+)"', html)
    assert rows == ["good-jobs", "growing-up", "green-transport"]
    text = text_of(html)
    for horizon in ("2024 to 2027", "2028 to 2032", "2033 to 2040"):
        assert horizon in text
    assert "No routemap has been published yet." in text
    assert RULE in text
    assert "3 of 6 milestones need attention: 1 off track, 2 at risk." not in text  # 1 at risk
    assert "2 of 6 milestones need attention: 1 off track, 1 at risk." in text


def test_delivery_plan_pages(plan, client) -> None:
    text = text_of(main_html(get(client, "/delivery-plans/")))
    assert "Riverton Transport Plan 2024 to 2029" in text and "2024 to 2029" in text
    detail = main_html(get(client, "/delivery-plans/transport-plan/"))
    timeline = parse(detail)
    assert [k for _n, k, _s in timeline.svg] == ["depot", "bus-lanes"]
    assert "Riverton Council" in text_of(detail)  # the plan's lead partner, from the framework
    assert RULE in text_of(detail)


def test_changes_since_a_date(plan, client) -> None:
    now = timezone.now()
    publish(plan, "skills", "at_risk", "Funding late.", now - dt.timedelta(days=200))
    publish(plan, "skills", "at_risk", "", now - dt.timedelta(days=10))
    publish(plan, "depot", "complete", "Opened.", now - dt.timedelta(days=5))
    text = text_of(main_html(get(client, "/routemaps/changes/")))  # default: 3 months back
    assert "2 updates published since" in text
    assert "Riverton skills centre reported again as at risk." in text
    assert "Funding late." not in text
    assert "Riverton electric bus depot opens reported again as complete." in text
    text = text_of(main_html(get(client, "/routemaps/changes/?since=2000-01-01")))
    assert "3 updates published since 1 January 2000, 1 of them a change of status." in text
    assert "Riverton skills centre moved from on track to at risk." in text
    for bad, message in (
        ("31-01-2026", "Enter the date as year-month-day"),
        ("2999-01-01", "The date must be today or in the past"),
    ):
        html = get(client, f"/routemaps/changes/?since={bad}")
        assert "govuk-error-summary" in html and message in html
        assert f'value="{bad}"' in html


def test_unknown_items_are_404(plan, client) -> None:
    get(client, "/milestones/no-such-thing/", 404)
    get(client, "/big-things/growing-up/routemap/", 404)  # a big thing with no routemap
    get(client, "/delivery-plans/no-such-plan/", 404)
    other = sample_plan(slug="elsewhere", name="Elsewhere")
    assert other.place.slug == "elsewhere"
    get(client, "/places/elsewhere/milestones/bus-lanes/")
    assert "Riverton" not in main_html(get(client, "/places/elsewhere/milestones/bus-lanes/"))


def test_big_thing_page_shows_its_routemap_status(plan, client) -> None:
    text = text_of(main_html(get(client, "/big-things/good-jobs/")))
    assert "Routemap" in text
    assert "1 of 3 milestones needs attention: 1 off track." in text
    assert "See the whole routemap: 3 milestones" in text
    assert RULE in text
    growing = main_html(get(client, "/big-things/growing-up/"))
    assert "data-routemap-panel" not in growing


def test_navigation_has_routemaps_between_progress_and_ambitions(plan, client) -> None:
    html = get(client, "/routemaps/")
    labels = [
        text_of(label)
        for label in re.findall(
            r'<a class="govuk-service-navigation__link"[^>]*>(.*?)</a>', html, re.S
        )
    ]
    assert "Routemaps" in labels
    i = labels.index("Routemaps")
    assert labels[i - 1] == "Progress" and labels[i + 1] == "Cross-cutting ambitions"
    assert 'aria-current="page"' in html
    milestone = get(client, "/milestones/depot/")
    assert re.search(r'aria-current="true"[^>]*>\s*<strong[^>]*>Routemaps', milestone)


def add_milestone(plan: SamplePlan, i: int) -> None:
    """Another transport milestone, led by the council (agreed), with a published update."""
    from onefuture.routemaps.models import Milestone

    routemap = plan.routemaps["green-transport"]
    council = plan.sample.partners[0]
    m = Milestone.objects.create(
        place=plan.place,
        routemap=routemap,
        delivery_plan=plan.delivery_plan,
        key=f"extra-{i}",
        title=f"Extra milestone {i}",
        due_date=dt.date(2030, 1, 1) + dt.timedelta(days=40 * i),
        status="on_track",
    )
    m.lead_partners.add(council)
    m.depends_on.add(plan.milestones["depot"])
    m.ambitions.add(plan.sample.ambitions[1])
    Commitment.objects.create(
        place=plan.place,
        partner=council,
        big_thing=routemap.big_thing,
        milestone=m,
        title=f"Lead {i}",
        status=CommitmentStatus.AGREED,
    )
    plan.milestones[m.key] = m
    publish(plan, m.key, "at_risk", "Late.", timezone.now())


#: Each page, and what it shows once the transport routemap has 8 more milestones.
GROWN = {
    "/routemaps/": "of 14 milestones",
    "/big-things/green-transport/routemap/": "Extra milestone 7",
    "/milestones/depot/": "Extra milestone 7",  # needed by it
    "/delivery-plans/transport-plan/": "Extra milestone 7",
    "/routemaps/changes/?since=2000-01-01": "Extra milestone 7",
    "/big-things/green-transport/": "See the whole routemap: 11 milestones",
    "/cross-cutting-ambitions/net-zero/": "Extra milestone 7",
}


@pytest.mark.parametrize("url", list(GROWN))
def test_queries_do_not_grow_with_the_milestones(plan, client, url) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for i in range(2):
        add_milestone(plan, i)
    get(client, url)  # warm caches (content types)
    with CaptureQueriesContext(connection) as few:
        get(client, url)
    for i in range(2, 8):
        add_milestone(plan, i)
    with CaptureQueriesContext(connection) as many:
        html = get(client, url)
    assert GROWN[url] in text_of(html), url
    assert len(many) == len(few), (url, len(few), len(many))


def test_ambition_page_lists_its_milestones(plan, client) -> None:
    html = main_html(get(client, "/cross-cutting-ambitions/net-zero/"))
    assert "data-ambition-milestones" in html
    rows = re.findall(r'<tr class="govuk-table__row" data-milestone="([^"]+)"', html)
    assert rows == ["bus-lanes", "buses"]  # due-date order
    assert "Riverton clean green transport" in text_of(html)
    fairness = main_html(get(client, "/cross-cutting-ambitions/fairness/"))
    assert re.findall(r'data-milestone="([^"]+)"', fairness) == ["skills", "jobs-hub"]
