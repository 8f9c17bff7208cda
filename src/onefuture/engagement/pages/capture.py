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


@dataclass(frozen=True)
class CommentRow:
    id: int
    redacted_text: str
    #: The original, only for a viewer with ``engagement.read_original`` (else "").
    original: str
    state: str
    state_words: str
    group: str
    ward: str
    consent: bool
    source: str


@dataclass(frozen=True)
class EventPage:
    event: Any
    comments: list[CommentRow]
    shows_original: bool
    can_capture: bool


@dataclass(frozen=True)
class CaptureChoices:
    """The choices of the event and comment forms, from the place's own lists."""

    groups: list[Any]
    wards: list[Any]
    partners: list[Any]
    big_things: list[Any]
    consultations: list[Any]


def capture_choices(*, place: Any) -> CaptureChoices:
    return CaptureChoices(
        groups=selectors.groups_of(place=place),
        wards=selectors.wards_of(place=place),
        partners=selectors.partners_of(place=place),
        big_things=selectors.big_things_of(place=place),
        consultations=selectors.consultations_of(place=place),
    )


def event_page(*, place: Any, pk: Any, user: Any) -> EventPage:
    from onefuture.core.permissions import permission_has
    from onefuture.engagement.permissions import CAPTURE, READ_ORIGINAL

    event = selectors.event_get(place=place, pk=pk)
    original = permission_has(user=user, action=READ_ORIGINAL, place=place)
    rows = [
        CommentRow(
            id=c.pk,
            redacted_text=c.redacted_text,
            original=c.text if original else "",
            state=c.redaction_state,
            state_words=c.get_redaction_state_display(),
            group=c.group.name if c.group else "",
            ward=c.ward.name if c.ward else "",
            consent=c.consent_publish,
            source=c.get_source_display(),
        )
        for c in selectors.event_comments(place=place, event=event)
    ]
    return EventPage(
        event=event,
        comments=rows,
        shows_original=original,
        can_capture=permission_has(user=user, action=CAPTURE, place=place),
    )
