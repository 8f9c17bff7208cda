"""The words and tag colour of a response's status ("you said, we did"): one table.

Uses the routemaps' :class:`~onefuture.routemaps.vocabulary.StatusWords` (label, GOV.UK tag
colour, a sentence). Being considered grey, decided blue, being delivered green, delivered
turquoise, not taken forward purple (a decision, explained in the response's words).
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from onefuture.engagement.models import ResponseStatus
from onefuture.routemaps.vocabulary import StatusWords

RESPONSE_STATUS: Mapping[str, StatusWords] = MappingProxyType(
    {
        ResponseStatus.CONSIDERING: StatusWords(
            "Being considered", "grey", "What to do about this is still being considered."
        ),
        ResponseStatus.DECIDED: StatusWords(
            "Decided", "blue", "A decision has been made; the work has not started yet."
        ),
        ResponseStatus.DELIVERING: StatusWords(
            "Being delivered", "green", "The work that answers this is under way."
        ),
        ResponseStatus.DELIVERED: StatusWords(
            "Delivered", "turquoise", "The work that answers this is done."
        ),
        ResponseStatus.NOT_TAKEN: StatusWords(
            "Not taken forward", "purple", "It was decided not to do this; the response says why."
        ),
    }
)


def response_status_words(status: str) -> StatusWords:
    return RESPONSE_STATUS[status]


#: A comment's review state, as the redaction pages show it (helper B): to check yellow,
#: checked green, withheld red (kept off the public site whatever its consent).
REDACTION_STATE: Mapping[str, StatusWords] = MappingProxyType(
    {
        "pending": StatusWords(
            "Redaction to check", "yellow", "Redacted by the rules; a person has not checked it."
        ),
        "confirmed": StatusWords("Redaction checked", "green", "A person checked what was hidden."),
        "withheld": StatusWords(
            "Withheld", "red", "Kept off the public site by a reviewer; the reason says why."
        ),
    }
)

#: What a redaction span hid, in words (singular, plural), for counts and the highlighted text.
REDACTION_KIND: Mapping[str, tuple[str, str]] = MappingProxyType(
    {
        "NAME": ("name", "names"),
        "EMAIL": ("e-mail address", "e-mail addresses"),
        "PHONE": ("phone number", "phone numbers"),
        "POSTCODE": ("postcode", "postcodes"),
        "ADDRESS": ("address", "addresses"),
        "MARKED": ("marked by hand", "marked by hand"),
    }
)


def redaction_state_words(state: str, *, withheld: bool = False) -> StatusWords:
    return REDACTION_STATE["withheld" if withheld else state]


def redaction_kind_words(kind: str, count: int = 1) -> str:
    one, many = REDACTION_KIND.get(kind, (kind.lower(), kind.lower()))
    return one if count == 1 else many
