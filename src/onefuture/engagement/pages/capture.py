"""Page builders of capture: the public "have your say" form's page and the big thing panel."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from onefuture.engagement.selectors import capture as selectors


@dataclass(frozen=True)
class HaveYourSay:
    """What the form page needs: the big thing, the question, and the optional choices."""

    place: Any
    big_thing: Any
    open: bool
    question: str
    wards: list[tuple[str, str]] = field(default_factory=list)
    age_bands: list[tuple[str, str]] = field(default_factory=list)
    #: [(key, question, [(answer key, answer name)])]
    questions: list[tuple[str, str, list[tuple[str, str]]]] = field(default_factory=list)

    def ward(self, code: str) -> Any:
        return selectors.areas_by_code(place=self.place).get(code) if code else None


def have_your_say_page(*, place: Any, big_thing_key: str) -> HaveYourSay:
    big_thing = selectors.big_thing_get(place=place, key=big_thing_key)
    settings = selectors.settings_of(place=place)
    return HaveYourSay(
        place=place,
        big_thing=big_thing,
        open=settings.have_your_say_open,
        question=settings.have_your_say_question or f"What would make {place.name} better by 2040?",
        wards=[(w.code, w.name) for w in selectors.wards_of(place=place)],
        age_bands=[(b["key"], b["name"]) for b in settings.age_bands or []],
        questions=[
            (q["key"], q["question"], [(a["key"], a["name"]) for a in q["answers"]])
            for q in settings.demographic_questions or []
        ],
    )


def have_your_say_panel(*, place: Any) -> dict[str, Any] | None:
    """The big thing panel's context, or None when the form is closed."""
    settings = selectors.settings_of(place=place)
    if not settings.have_your_say_open:
        return None
    return {
        "question": settings.have_your_say_question
        or f"What would make {place.name} better by 2040?"
    }
