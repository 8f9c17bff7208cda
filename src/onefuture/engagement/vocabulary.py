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
