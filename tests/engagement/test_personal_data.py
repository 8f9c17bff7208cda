"""Planted personal data never leaves the engagement team (issue 10's "Done when", ADR 0031).

Comments carrying names, e-mail addresses, phone numbers, postcodes and street addresses are
taken through capture (the service, the public form, an import), the redaction review (one name
the rules miss, marked by hand), consent, themes (a run, its themes confirmed) and published
responses (:mod:`tests.engagement.redaction_sample`). Then, as a visitor:

- every registered public page (``web.registry.page_list()``; public as the permission walk's
  ``AUDIENCE`` says, or any page outside the workspace it does not know yet), with its URL
  arguments from the pages that link to it or from the world's keys;
- every same-site link and source those pages hold (CSV, JSON and SVG downloads, charts,
  documents: a PDF's text and a Word or Excel file's XML are read too), followed as a crawl;
- the site search for each planted word;
- every GET route in the API's OpenAPI schema, path parameters from the world;

and none of the planted strings (nor a phone number's digits alone) may appear in any of them.
The redacted words of the published comments must appear (else the test proves nothing).
It iterates the registries, so a page or route added later is searched without editing this.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections import deque
from itertools import product
from urllib.parse import parse_qs, urljoin, urlsplit

import pytest
from django.test import Client
from django.urls import NoReverseMatch, Resolver404, resolve, reverse

from onefuture.engagement.models import Comment, Consultation, Theme
from onefuture.framework.models import BigThing
from onefuture.measures.models import Measure
from onefuture.partners.models import Partner
from onefuture.routemaps.models import DeliveryPlan, Milestone
from onefuture.web.registry import page_list
from tests.engagement.redaction_sample import (
    PHONE_DIGITS,
    PLANTED,
    PUBLISHED_REDACTED,
    planted_world,
)

pytestmark = pytest.mark.django_db

#: At most this many URLs are crawled (the small world has far fewer; a loop cannot hang).
MAX_URLS = 1500
LINK = re.compile(r"""(?:href|src|data|action)\s*=\s*["']([^"'#]+)""", re.IGNORECASE)
PARAM = re.compile(r"<(?:(\w+):)?(\w+)>")
#: Public pages this small world cannot fill, and why no comment could be on them.
NOT_IN_THIS_WORLD = {
    "big-thing-spine-csv": "a spine needs measures with comparator groups; it draws only numbers",
    "big-thing-spine-svg": "a spine needs measures with comparator groups; it draws only numbers",
}
SKIP = ("/static/", "/media/", "/admin/", "/workspace/", "/sign-in/", "/sign-out/", "/__")


def _public_names() -> set[str]:
    """The registered pages a visitor may see: the walk's EVERYONE, and any page outside the
    workspace the walk does not list yet (the walk itself fails until it is listed)."""
    from tests.test_permission_walk import AUDIENCE, EVERYONE

    names = set()
    for page in page_list():
        known = AUDIENCE.get(page.name)
        if known is not None:
            if known[1] == EVERYONE:
                names.add(page.name)
        elif not page.route.startswith("workspace") and "sign-" not in page.name:
            names.add(page.name)
    return names


def _text_of(response) -> str:
    """What a visitor could read in a response: text as is, a PDF's text, an Office file's XML."""
    body = b"".join(response.streaming_content) if response.streaming else response.content
    kind = response.get("Content-Type", "")
    if "pdf" in kind or body[:5] == b"%PDF-":
        from pypdf import PdfReader

        reader = PdfReader(io.BytesIO(body))
        return "\n".join(page.extract_text() or "" for page in reader.pages)
    if body[:2] == b"PK":  # docx, xlsx, pptx, odt: XML in a zip
        with zipfile.ZipFile(io.BytesIO(body)) as archive:
            return "\n".join(
                archive.read(n).decode("utf-8", "replace")
                for n in archive.namelist()
                if n.endswith((".xml", ".rels", ".txt", ".csv", ".json"))
            )
    if kind.startswith("image/") and "svg" not in kind:
        return ""
    return body.decode("utf-8", "replace")


def _unechoed(path: str, text: str) -> str:
    """The text without the visitor's own search words echoed back (title, box, count)."""
    query = parse_qs(urlsplit(path).query).get("q", [""])[0]
    if not query:
        return text
    for echo in (f"‘{query}’", f'value="{query}"', f"<strong>{query}</strong>"):
        text = text.replace(echo, "")
    return text


def _leaks(text: str) -> list[str]:
    folded = text.casefold()
    found = [s for s in PLANTED if s.casefold() in folded]
    digits = re.sub(r"[\s\-.()/+]", "", text)
    found += [d for d in PHONE_DIGITS if d in digits]
    return found


def _links(base: str, html: str) -> list[str]:
    urls = []
    for raw in LINK.findall(html):
        url = urljoin(base, raw.replace("&amp;", "&"))
        parts = urlsplit(url)
        if parts.netloc not in ("", "testserver") or not parts.path.startswith("/"):
            continue
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        if not any(s in path for s in SKIP):
            urls.append(path)
    return urls


def _url_name(path: str) -> str | None:
    try:
        name = resolve(urlsplit(path).path).url_name or ""
    except Resolver404:
        return None
    return name.removeprefix("place-")


def _candidates(place) -> dict[str, list[str]]:
    """Values for URL and path parameters, by parameter name, from the world."""
    keys = [
        *BigThing.objects.filter(place=place).values_list("key", flat=True),
        *Milestone.objects.filter(place=place).values_list("key", flat=True),
        *Measure.objects.filter(place=place).values_list("key", flat=True),
        *Partner.objects.filter(place=place).values_list("key", flat=True),
        *DeliveryPlan.objects.filter(place=place).values_list("key", flat=True),
        *Theme.objects.filter(place=place).values_list("key", flat=True),
        *Consultation.objects.filter(place=place).values_list("key", flat=True),
    ]
    ids = [str(i) for i in Comment.objects.filter(place=place).values_list("id", flat=True)]
    charts = ["trend", "wards", "groups", "age-bands", "ages", "spine"]
    return {
        "key": keys,
        "slug": keys,
        "chart": charts,
        "fmt": ["csv", "json", "svg", "xlsx", "docx", "pdf"],
        "place": [place.slug],
        "id": ids,
    }


def _fill(names: list[str], candidates: dict[str, list[str]]) -> list[tuple[str, ...]]:
    pools = [
        candidates.get(n) or candidates.get(n.removesuffix("_key")) or candidates["id"]
        for n in names
    ]
    return list(product(*pools))[:400]


def test_planted_personal_data_never_reaches_a_public_page_a_download_or_the_api():
    world = planted_world()
    place = world.place
    made = world.comments
    # The world is what it says: checked but unconsented, withheld, pending; themes run.
    assert (
        made["unconsented"].redaction_state == "confirmed"
        and not made["unconsented"].consent_publish
    )
    assert made["withheld"].withheld and made["pending"].redaction_state == "pending"
    assert made["import"].redacted_text.startswith("[REDACTED] says")
    assert world.themes_confirmed, "the theme run proposed nothing to confirm"
    visitor = Client()
    prefix = f"/places/{place.slug}/"
    public = _public_names()
    pages = {p.name: p for p in page_list()}
    fetched: dict[str, int] = {}
    problems: list[str] = []
    public_text: list[str] = []
    queue: deque[str] = deque()

    def visit(path: str) -> int:
        if path in fetched or len(fetched) >= MAX_URLS:
            return fetched.get(path, 0)
        response = visitor.get(path)
        fetched[path] = response.status_code
        if response.status_code in (301, 302) and response.get("Location"):
            queue.extend(_links(path, f'href="{response["Location"]}"'))
            return response.status_code
        if response.status_code != 200:
            return response.status_code
        text = _unechoed(path, _text_of(response))
        for leak in _leaks(text):
            problems.append(f"{path}: shows {leak!r}")
        public_text.append(text)
        if "html" in response.get("Content-Type", "") or "svg" in response.get("Content-Type", ""):
            queue.extend(_links(path, text))
        return 200

    def crawl() -> None:
        while queue and len(fetched) < MAX_URLS:
            visit(queue.popleft())

    # Every public page without URL arguments, at the root and under the place's prefix …
    for name in sorted(public):
        if "<" not in pages[name].route:
            queue.append(prefix + pages[name].route)
    queue.append("/")
    # … the site search for every planted word …
    search = reverse("web:search").lstrip("/") if "search" in pages else None
    if search:
        for word in ("Thompson", "Acacia", "bloggs", "Featherstonehaugh", "Oduya", "buses"):
            queue.append(f"{prefix}{search}?q={word}")
    crawl()
    # … and each public page with arguments no page linked to, its arguments from the world.
    reached = {_url_name(p) for p, status in fetched.items() if status == 200}
    candidates = _candidates(place)
    for name in sorted(public - reached):
        params = [m[1] for m in PARAM.findall(pages[name].route)]
        for args in _fill(params, candidates):
            try:
                path = prefix + reverse(f"web:{name}", args=list(args)).lstrip("/")
            except NoReverseMatch:  # a value the converter refuses
                continue
            if visit(path) == 200:
                break
        crawl()
    reached = {_url_name(p) for p, status in fetched.items() if status == 200}
    unreached = sorted(public - reached - set(NOT_IN_THIS_WORLD))
    assert not unreached, (
        f"public pages no link reached and the world's keys could not fill: {unreached}; "
        "give tests/engagement/test_personal_data.py::_candidates their arguments"
    )

    # The API: every GET route in the OpenAPI schema.
    schema = visitor.get("/api/v1/openapi.json")
    assert schema.status_code == 200
    api_ok = []
    for route, operations in schema.json()["paths"].items():
        if "get" not in operations:
            continue
        params = re.findall(r"{(\w+)}", route)
        for args in _fill(params, candidates) if params else [()]:
            path = route
            for name, value in zip(params, args, strict=True):
                path = path.replace(f"{{{name}}}", value)
            response = visitor.get(path, {"place": place.slug})
            if response.status_code == 200:
                text = _text_of(response)
                for leak in _leaks(text):
                    problems.append(f"API {path}: shows {leak!r}")
                public_text.append(text)
                api_ok.append(route)
                if params:
                    break
    assert not problems, "\n".join(["planted personal data found:", *problems])

    everything = "\n".join(public_text)
    for words in PUBLISHED_REDACTED:
        assert words in everything, f"the published comment {words!r} is on no public page"
    engagement_routes = [r for r in schema.json()["paths"] if "engagement" in r]
    assert engagement_routes and set(engagement_routes) <= set(api_ok)
    assert len(fetched) > 30 and len(fetched) < MAX_URLS, len(fetched)
