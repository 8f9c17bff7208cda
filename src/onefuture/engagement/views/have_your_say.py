"""The public "have your say" form on each big thing (ADR 0030). Views only translate HTTP.

Spam and flood protection: a honeypot field (visually hidden, labelled for screen-reader users
to leave empty; a filled one looks accepted but writes nothing, and is logged), and a limit of
:data:`LIMIT` comments per :data:`WINDOW` seconds per client (a salted hash of its address, never
the address itself) and place, kept in Django's cache; over it the answer is a 429 page saying
when to try again. CSRF protection is on, as on every form.
"""

from __future__ import annotations

import hashlib
import logging
import math
import time
from typing import Any

from django import forms
from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect

from onefuture.core.errors import ApplicationError
from onefuture.engagement.pages.capture import HaveYourSay, have_your_say_page
from onefuture.engagement.services.capture import MAX_COMMENT, comment_submit_public
from onefuture.web.place_urls import Page, PlaceSite, place_page
from onefuture.web.shortcuts import render

logger = logging.getLogger(__name__)

#: Comments one client may send to one place in WINDOW seconds.
LIMIT = 5
WINDOW = 600
HONEYPOT = "website"
NOT_SAID = ""


class HaveYourSayForm(forms.Form):
    text = forms.CharField(
        label="Your comment",
        max_length=MAX_COMMENT,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="Do not include your name, address or other personal details.",
        error_messages={"required": "Enter your comment"},
    )
    consent_publish = forms.BooleanField(
        label="I agree that my comment may be published, with any personal details removed",
        required=False,
        help_text="Optional. If you leave this unticked we will read your comment but never "
        "publish it.",
    )
    ward = forms.ChoiceField(label="Which ward do you live in? (optional)", required=False)
    age_band = forms.ChoiceField(label="Your age (optional)", required=False)

    def __init__(self, *args: Any, page: HaveYourSay, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["ward"].choices = [(NOT_SAID, "Prefer not to say"), *page.wards]
        self.fields["age_band"].choices = [(NOT_SAID, "Prefer not to say"), *page.age_bands]
        if not page.wards:
            del self.fields["ward"]
        if not page.age_bands:
            del self.fields["age_band"]
        for key, question, answers in page.questions:
            self.fields[f"q_{key}"] = forms.ChoiceField(
                label=f"{question} (optional)",
                required=False,
                choices=[(NOT_SAID, "Prefer not to say"), *answers],
            )

    def demographics(self) -> dict[str, str]:
        return {
            name[2:]: value
            for name, value in self.cleaned_data.items()
            if name.startswith("q_") and value
        }


def _client(request: HttpRequest, site: PlaceSite) -> str:
    address = request.META.get("REMOTE_ADDR", "") or "unknown"
    digest = hashlib.sha256(f"{settings.SECRET_KEY}:{address}".encode()).hexdigest()[:32]
    return f"engagement:have-your-say:{site.place.pk}:{digest}"


def _wait_seconds(key: str) -> int:
    """0 if the client may send now, otherwise the seconds until it may."""
    now = time.time()
    recent = [t for t in cache.get(key, []) if t > now - WINDOW]
    if len(recent) < LIMIT:
        return 0
    return max(1, math.ceil(recent[0] + WINDOW - now))


def _count(key: str) -> None:
    now = time.time()
    recent = [t for t in cache.get(key, []) if t > now - WINDOW]
    cache.set(key, [*recent, now], WINDOW)


@place_page
def have_your_say(request: HttpRequest, site: PlaceSite, key: str) -> HttpResponse:
    page = have_your_say_page(place=site.place, big_thing_key=key)
    context: dict[str, Any] = {"page": page, "honeypot": HONEYPOT}
    if not page.open:
        return render(request, site, "engagement/have_your_say/form.html", context)
    form = HaveYourSayForm(request.POST or None, page=page)
    if request.method == "POST":
        client = _client(request, site)
        wait = _wait_seconds(client)
        if wait:
            minutes = math.ceil(wait / 60)
            return render(
                request,
                site,
                "engagement/have_your_say/too_many.html",
                {"page": page, "minutes": minutes},
                status=429,
            )
        thanks = site.url("have-your-say-thanks", key)
        if request.POST.get(HONEYPOT, "").strip():
            _count(client)
            logger.warning("have your say: honeypot filled on %s; nothing written", key)
            return HttpResponseRedirect(thanks)
        if form.is_valid():
            data = form.cleaned_data
            try:
                comment_submit_public(
                    place=site.place,
                    text=data["text"],
                    big_thing=page.big_thing,
                    consent_publish=data["consent_publish"],
                    ward=page.ward(data.get("ward", "")),
                    age_band=data.get("age_band", ""),
                    demographics=form.demographics(),
                )
            except ApplicationError as problem:
                form.add_error("text", problem.message)
            else:
                _count(client)
                return HttpResponseRedirect(thanks)
    context["form"] = form
    return render(request, site, "engagement/have_your_say/form.html", context)


@place_page
def have_your_say_thanks(request: HttpRequest, site: PlaceSite, key: str) -> HttpResponse:
    page = have_your_say_page(place=site.place, big_thing_key=key)
    return render(request, site, "engagement/have_your_say/thanks.html", {"page": page})


PAGES = [
    Page("big-things/<slug:key>/have-your-say/", have_your_say, "have-your-say"),
    Page(
        "big-things/<slug:key>/have-your-say/thanks/", have_your_say_thanks, "have-your-say-thanks"
    ),
]
