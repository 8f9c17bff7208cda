"""The public pages through Django's test client: content, URLs, 404s and tenant scoping."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from django.test import Client

from onefuture.places.models import Place
from tests.factories import BigThingFactory, LinkFactory, PlaceFactory
from tests.website.sample import SamplePlace, page_paths, sample_place

pytestmark = pytest.mark.django_db

ILLUSTRATIVE = "Illustrative example"


def main_html(html: str) -> str:
    match = re.search(r"<main\b.*?</main>", html, re.S)
    assert match, "the page has no <main> element"
    return match.group(0)


def text_of(html: str) -> str:
    """Visible text, whitespace collapsed (tags removed)."""
    without_tags = re.sub(r"<[^>]+>", " ", html)
    return re.sub(r"\s+", " ", without_tags).strip()


class Headings(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.levels: list[int] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if re.fullmatch(r"h[1-6]", tag):
            self.levels.append(int(tag[1]))


def get(client: Client, url: str, status: int = 200) -> str:
    response = client.get(url)
    assert response.status_code == status, f"{url}: {response.status_code}"
    return response.content.decode()


@pytest.fixture
def riverton() -> SamplePlace:
    return sample_place()


def test_home_shows_the_vision_the_big_things_and_the_ambitions(
    client: Client, riverton: SamplePlace
) -> None:
    html = get(client, "/")
    main = main_html(html)
    assert "One Riverton, One Future" in main
    assert "a happy, healthy life" in main
    assert "from 2024 to 2040" in main
    titles = [b.title for b in riverton.big_things]
    positions = [main.index(t) for t in titles]
    assert positions == sorted(positions), "big things are not in their order"
    for big_thing in riverton.big_things:
        assert f'href="/big-things/{big_thing.key}/"' in main
    assert "Every child in Riverton gets a strong start." in main
    for ambition in riverton.ambitions:
        assert f'href="/cross-cutting-ambitions/{ambition.key}/"' in main
    # The illustrative big thing and the illustrative summary each carry the tag.
    assert main.count(ILLUSTRATIVE) == 2
    assert "<title>One Riverton, One Future – Riverton</title>" in html


def test_every_page_has_the_layout(client: Client, riverton: SamplePlace) -> None:
    for path in page_paths(riverton):
        html = get(client, "/" + path)
        assert '<html lang="en-GB"' in html, path
        body = html.split("<body", 1)[1]
        # The skip link is the first link of the page and points at <main id="main-content">.
        first_link = re.search(r"<a\b[^>]*>", body).group(0)
        assert 'href="#main-content"' in first_link and "govuk-skip-link" in first_link, path
        assert '<main class="govuk-main-wrapper" id="main-content">' in html, path
        # The place's own name in the header; no GOV.UK crown or logotype.
        header = re.search(r"<header\b.*?</header>", html, re.S).group(0)
        assert "Riverton" in header and "GOV.UK" not in header and "<svg" not in header, path
        assert "Open Government Licence v3.0" in html, path
        # No inline script: every <script> loads a file (a strict CSP works).
        for tag in re.findall(r"<script\b[^>]*>", html):
            assert "src=" in tag, f"{path}: inline script {tag}"
        assert "https://cdn" not in html and "unpkg" not in html, path
        # Headings start at h1 and never skip a level going down.
        parser = Headings()
        parser.feed(main_html(html))
        assert parser.levels and parser.levels[0] == 1, path
        assert parser.levels.count(1) == 1, path
        for previous, current in zip(parser.levels, parser.levels[1:], strict=False):
            assert current <= previous + 1, f"{path}: h{previous} followed by h{current}"


def test_default_place_and_prefixed_urls_show_the_same_pages(
    client: Client, riverton: SamplePlace
) -> None:
    for path in page_paths(riverton):
        short = get(client, "/" + path)
        prefixed = get(client, "/places/riverton/" + path)
        # Links keep the style the visitor came in with; otherwise the pages are identical.
        assert 'href="/places/riverton/' not in short, path
        assert (
            re.search(r'href="/(?!places/riverton/|static/|#)[a-z]', main_html(prefixed)) is None
        ), f"{path}: a link under /places/riverton/ leaves the prefix"
        assert main_html(prefixed).replace('"/places/riverton/', '"/') == main_html(short), path


def test_big_thing_page(client: Client, riverton: SamplePlace) -> None:
    jobs = riverton.big_things[0]
    main = main_html(get(client, f"/big-things/{jobs.key}/"))
    text = text_of(main)
    assert "Big thing 1 of 3" in text
    assert "<h1" in main and jobs.title in main
    # Outcomes, the illustrative one tagged.
    assert "More Riverton jobs." in text
    assert "A Riverton town centre full of homes. Illustrative example" in text
    assert 'id="outcome-more-local-jobs"' in main
    # How the ambitions apply.
    assert "Riverton fairness and inclusion Jobs open to everyone in Riverton." in text
    # Links in and out, with type, strength in words and rationale.
    assert (
        "Riverton good jobs and homes Big thing supports Riverton best place to grow up Big thing"
        " +2: moderately reinforcing Parents in Riverton with good jobs can support their children."
    ) in text
    assert "Riverton clean green transport Illustrative example Big thing depends on" in text
    assert (
        "conflicts with Riverton net zero Cross-cutting ambition −1: slightly working against"
        in (text)
    )
    # A link from one of its outcomes is not a link of the big thing itself.
    assert "Riverton Council" not in text
    # The page's own item is not a link to itself; the others are.
    assert f'href="/big-things/{jobs.key}/"' not in main
    assert 'href="/big-things/growing-up/"' in main
    # The previous plan's priority, mapped here.
    assert "Carried forward from Riverton Borough Plan (2021)" in text
    assert "Riverton One Future pillar A skilled and confident Riverton apprenticeships" in text
    # Neighbours.
    assert 'rel="next"' in main and 'rel="prev"' not in main


def test_big_thing_page_without_links_or_priorities(client: Client, riverton: SamplePlace) -> None:
    lonely = BigThingFactory(place=riverton.place, key="lonely", order=9, title="Lonely")
    text = text_of(main_html(get(client, f"/big-things/{lonely.key}/")))
    assert "No outcomes have been published for this big thing yet." in text
    assert "No links recorded yet." in text
    assert "Carried forward" not in text


def test_ambition_page(client: Client, riverton: SamplePlace) -> None:
    main = main_html(get(client, "/cross-cutting-ambitions/net-zero/"))
    text = text_of(main)
    assert (
        "Riverton clean green transport Fewer car trips in Riverton. Illustrative example" in text
    )
    assert "Riverton good jobs and homes Big thing conflicts with Riverton net zero" in text
    assert 'href="/big-things/green-transport/"' in main


def test_partners_are_grouped_by_type(client: Client, riverton: SamplePlace) -> None:
    main = main_html(get(client, "/partners/"))
    groups = re.findall(r"<h2[^>]*>(.*?)</h2>", main)
    assert groups == [
        "Council",
        "NHS and health",
        "Voluntary, community, faith and social enterprise",
    ]
    text = text_of(main)
    assert "NHS and health Riverton NHS Foundation Trust" in text
    assert "Riverton VCFSE Forum Illustrative example" in text
    # Each partner links to its own page, which links to the partner's website.
    assert 'href="/partners/nhs-trust/"' in main
    assert 'id="partner-council"' in main
    assert 'href="https://example.org/nhs"' in main_html(get(client, "/partners/nhs-trust/"))


def test_how_it_all_links_has_a_matrix_and_a_network_each_with_a_table(
    client: Client, riverton: SamplePlace
) -> None:
    main = main_html(get(client, "/how-it-all-links/"))
    # The matrix: a row per big thing, a column per ambition, each cell in words.
    matrix = re.search(
        r'<table class="govuk-table onefuture-matrix">.*?</table>', main, re.S
    ).group(0)
    assert len(re.findall(r'<th scope="row"', matrix)) == 3
    assert len(re.findall(r'<th scope="col"', matrix)) == 2
    cells = [
        text_of(c) for c in re.findall(r"<td class=\"govuk-table__cell\">(.*?)</td>", matrix, re.S)
    ]
    assert cells == [
        "Applies Jobs open to everyone in Riverton.",
        "Not stated",
        "Not stated",
        "Not stated",
        "Not stated",
        "Applies Fewer car trips in Riverton. Illustrative example",
    ]
    # The network: an SVG with an accessible name and description, one path per link.
    svg = re.search(r"<svg class=\"onefuture-network\".*?</svg>", main, re.S).group(0)
    assert 'role="img"' in svg and 'aria-labelledby="network-title network-desc"' in svg
    assert '<title id="network-title">Network of 4 links between 6 items' in svg
    assert len(re.findall(r"<path class=\"onefuture-network__edge ", svg)) == 4
    for label in ("Riverton good jobs", "Riverton Council", "More Riverton jobs."):
        assert label in svg
    # Illustrative items say so in the picture, the matrix and the caption.
    assert svg.count(">Illustrative example</tspan>") == 1  # the transport big thing
    transport_row = re.search(r'<th scope="row".*?green-transport.*?</th>', matrix, re.S).group(0)
    assert ILLUSTRATIVE in transport_row
    assert "1 of the 4 links are illustrative examples" in text_of(main)
    # ...and the same links as a table.
    table = main.split("Every link, in words", 1)[1]
    assert len(re.findall(r"<tr class=\"govuk-table__row\">", table)) == 1 + 4
    assert "Riverton Council" in text_of(table) and 'href="/partners/#partner-council"' in table
    assert 'href="/big-things/good-jobs/#outcome-more-local-jobs"' in table


def test_navigation_marks_the_current_section(client: Client, riverton: SamplePlace) -> None:
    html = get(client, "/big-things/good-jobs/")
    nav = re.search(r"<nav aria-label=\"Menu\".*?</nav>", html, re.S).group(0)
    labels = [
        text_of(x)
        for x in re.findall(r"<a class=\"govuk-service-navigation__link\".*?</a>", nav, re.S)
    ]
    ours = ["Home", "Big things", "Cross-cutting ambitions", "How it all links", "Partners"]
    assert [label for label in labels if label in ours] == ours  # other apps may add items
    assert re.search(r'href="/big-things/" aria-current="true"', nav)
    html = get(client, "/partners/")
    assert re.search(r'href="/partners/" aria-current="page"', html)
    # The vision's title names the service.
    assert "govuk-service-navigation__service-name" in html and "One Riverton, One Future" in html


def test_terminology_comes_from_the_place(client: Client, riverton: SamplePlace) -> None:
    riverton.place.terminology = {
        "big_thing": {"singular": "mission", "plural": "missions"},
        "cross_cutting_ambition": {"singular": "golden thread", "plural": "golden threads"},
    }
    riverton.place.save()
    for path in page_paths(riverton):
        html = get(client, "/" + path)
        visible = text_of(re.sub(r"<title>.*?</title>", "", html, flags=re.S))
        assert "big thing" not in visible.lower(), path
        assert "cross-cutting ambition" not in visible.lower(), path
    home = text_of(main_html(get(client, "/")))
    assert "The 3 missions" in home and "Golden threads" in home
    assert "Mission 2 of 3" in text_of(main_html(get(client, "/big-things/growing-up/")))


def test_an_item_of_one_place_never_appears_on_another_places_pages(client: Client) -> None:
    riverton = sample_place(slug="riverton", name="Riverton")
    hillford = sample_place(slug="hillford", name="Hillford")
    # A malformed link whose ends sit in two places is shown on neither.
    LinkFactory(
        source=riverton.big_things[1],
        target=hillford.big_things[2],
        place=riverton.place,
        rationale="Crosses places",
    )
    for own, other in (("riverton", "Hillford"), ("hillford", "Riverton")):
        for path in page_paths(riverton):  # the two places use the same keys
            html = get(client, f"/places/{own}/{path}")
            assert other not in html, f"{other} content on /places/{own}/{path}"
            assert "Crosses places" not in html
    # A key that exists only in another place is a 404 here.
    BigThingFactory(place=hillford.place, key="hillford-only", title="Only in Hillford")
    get(client, "/places/riverton/big-things/hillford-only/", status=404)
    get(client, "/places/hillford/big-things/hillford-only/", status=200)


def test_missing_pages_are_404s_in_the_same_layout(client: Client, riverton: SamplePlace) -> None:
    for url in (
        "/big-things/no-such-thing/",
        "/cross-cutting-ambitions/no-such-ambition/",
        "/places/riverton/big-things/no-such-thing/",
        "/no-such-page/",
    ):
        html = get(client, url, status=404)
        assert "Page not found" in main_html(html), url
        assert "Riverton" in re.search(r"<header\b.*?</header>", html, re.S).group(0), url
        assert 'class="govuk-skip-link"' in html
    html = get(client, "/places/atlantis/", status=404)
    assert "Page not found" in html and "every place this site serves" in html


def test_root_with_several_places(client: Client, settings) -> None:
    sample_place(slug="riverton", name="Riverton")
    PlaceFactory(slug="hillford", name="Hillford")
    settings.ONEFUTURE_DEFAULT_PLACE = ""
    html = get(client, "/")
    assert "Choose a place" in html
    assert 'href="/places/hillford/"' in html and 'href="/places/riverton/"' in html
    settings.ONEFUTURE_DEFAULT_PLACE = "riverton"
    assert "One Riverton, One Future" in get(client, "/")
    # Answered directly, never by a redirect.
    assert client.get("/").status_code == 200


def test_root_without_any_place_is_a_404_that_says_so(client: Client) -> None:
    assert not Place.objects.exists()
    get(client, "/", status=404)
    assert "There are no places yet" in get(client, "/places/")
