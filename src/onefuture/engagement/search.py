"""The site search's sources for engagement: confirmed themes and published responses.

Registered from ``registration.register_public``. A document holds only what the public pages
show: a theme's name and description (never its keywords, which come from comments' words, nor
any comment), and a published response's summary; both link to the theme's public page.
"""

from __future__ import annotations

from typing import Any

from onefuture.engagement.models import Response, Theme, ThemeStatus
from onefuture.search.registry import SearchDocument, SearchSource


def theme_document(theme: Theme) -> SearchDocument | None:
    if theme.status != ThemeStatus.CONFIRMED:
        return None
    return SearchDocument(
        place_id=theme.place_id,
        kind="engagement_theme",
        key=str(theme.pk),
        title=theme.name,
        body=theme.description,
        summary=theme.description or f"What people said about {theme.name.lower()}.",
        url_name="engagement-theme",
        url_args=(theme.key,),
        illustrative=theme.illustrative,
    )


def response_document(response: Response) -> SearchDocument | None:
    theme = response.theme
    if not response.published or theme.status != ThemeStatus.CONFIRMED:
        return None
    return SearchDocument(
        place_id=response.place_id,
        kind="engagement_response",
        key=str(response.pk),
        title=f"You said, we did: {theme.name}",
        body=response.summary,
        summary=response.summary,
        url_name="engagement-theme",
        url_args=(theme.key,),
        illustrative=response.illustrative,
    )


def _themes(place: Any) -> list[SearchDocument]:
    from onefuture.engagement.selectors.report import public_theme_models

    return [d for t in public_theme_models(place=place) if (d := theme_document(t))]


def _responses(place: Any) -> list[SearchDocument]:
    from onefuture.engagement.selectors.report import public_response_models

    return [d for r in public_response_models(place=place) if (d := response_document(r))]


SOURCES = [
    SearchSource(
        kind="engagement_theme",
        label=lambda place: ("Theme of what people said", "Themes of what people said"),
        model=Theme,
        documents=_themes,
        document=theme_document,
        order=70,
    ),
    SearchSource(
        kind="engagement_response",
        label=lambda place: ("You said, we did", "You said, we did"),
        model=Response,
        documents=_responses,
        document=response_document,
        order=71,
    ),
]
