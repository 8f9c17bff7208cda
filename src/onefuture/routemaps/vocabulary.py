"""The words and tag colour of every routemap status: one table each, words and colour together.

Three tables, one per status set the routemaps app stores:

- :data:`MILESTONE_STATUS` (a milestone's planned or reported status and an update's status),
- :data:`COMMITMENT_STATUS` (a partner's commitment, invited → … → delivered), and
- :data:`UPDATE_STATE` (where an update is in its review).

Each value is a :class:`StatusWords`: the ``label`` a tag shows, the GOV.UK tag modifier
(``colour``; ``tag_class`` is the modifier ``govuk-tag--green``, used as
``class="govuk-tag {{ words.tag_class }}"``) and ``words``, a sentence saying what the status means
to a reader. Pages take the colour from here and never from the label; a status's colour is never
its only signal, as every tag carries its label.

Milestone colours: not started grey, on track green, at risk yellow (the amber of a RAG rating),
off track red, complete blue (done: neither good news about pace nor a warning), dropped purple
(a decision, not a failure to deliver; the words say so).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from onefuture.routemaps.models import CommitmentStatus, MilestoneStatus, UpdateState

#: The govuk-tag modifiers a routemap status may use.
COLOURS = ("grey", "green", "turquoise", "blue", "light-blue", "purple", "pink", "red", "orange",
           "yellow")  # fmt: skip


@dataclass(frozen=True)
class StatusWords:
    """What one status means: the tag's label, its GOV.UK tag class and a sentence."""

    label: str
    colour: str
    words: str

    def __post_init__(self) -> None:
        if self.colour not in COLOURS:
            raise ValueError(f"colour {self.colour!r} is not one of {COLOURS}")

    @property
    def tag_class(self) -> str:
        """The GOV.UK tag modifier: ``<strong class="govuk-tag {{ s.tag_class }}">``."""
        return f"govuk-tag--{self.colour}"


MILESTONE_STATUS: Mapping[str, StatusWords] = MappingProxyType(
    {
        MilestoneStatus.NOT_STARTED: StatusWords(
            "Not started", "grey", "Work on this milestone has not started yet."
        ),
        MilestoneStatus.ON_TRACK: StatusWords(
            "On track", "green", "On course to be done by its due date."
        ),
        MilestoneStatus.AT_RISK: StatusWords(
            "At risk", "yellow", "Could miss its due date unless something changes."
        ),
        MilestoneStatus.OFF_TRACK: StatusWords(
            "Off track", "red", "Will miss its due date, or has missed it, without a new plan."
        ),
        MilestoneStatus.COMPLETE: StatusWords("Complete", "blue", "Done."),
        MilestoneStatus.DROPPED: StatusWords(
            "Dropped", "purple", "No longer being pursued, by decision; the update says why."
        ),
    }
)

COMMITMENT_STATUS: Mapping[str, StatusWords] = MappingProxyType(
    {
        CommitmentStatus.INVITED: StatusWords(
            "Invited", "grey", "The partner has been invited to commit to this."
        ),
        CommitmentStatus.COMMITTED: StatusWords(
            "Committed", "light-blue", "The partner has said what it will do and by when."
        ),
        CommitmentStatus.AGREED: StatusWords(
            "Agreed by the council",
            "turquoise",
            "The council has agreed the commitment; the partner is named as its lead.",
        ),
        CommitmentStatus.DELIVERING: StatusWords(
            "Delivering", "green", "The partner is doing what it committed to."
        ),
        CommitmentStatus.DELIVERED: StatusWords(
            "Delivered", "blue", "The partner has done what it committed to."
        ),
        CommitmentStatus.WITHDRAWN: StatusWords(
            "Withdrawn", "purple", "The commitment was withdrawn."
        ),
    }
)

UPDATE_STATE: Mapping[str, StatusWords] = MappingProxyType(
    {
        UpdateState.DRAFT: StatusWords("Draft", "grey", "Not yet sent for approval."),
        UpdateState.SUBMITTED: StatusWords(
            "Waiting for approval", "yellow", "Sent to an officer, who will approve or return it."
        ),
        UpdateState.RETURNED: StatusWords(
            "Returned for changes", "orange", "An officer asked for changes; see the comment."
        ),
        UpdateState.APPROVED: StatusWords(
            "Approved", "turquoise", "Approved by an officer; public once published."
        ),
        UpdateState.PUBLISHED: StatusWords("Published", "green", "Approved and public."),
    }
)


def milestone_status_words(status: str) -> StatusWords:
    """The words and colour of a milestone status (``KeyError`` for an unknown one)."""
    return MILESTONE_STATUS[status]


def commitment_status_words(status: str) -> StatusWords:
    """The words and colour of a commitment status."""
    return COMMITMENT_STATUS[status]


def update_state_words(state: str) -> StatusWords:
    """The words and colour of an update's review state."""
    return UPDATE_STATE[state]
