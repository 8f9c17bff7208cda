"""The words and tag colour of a scrutiny recommendation's status, and of a report run's, kept
together.

Open grey (nothing done yet), in progress light blue, done green, not accepted purple (a decision
the response explains, not a failure). Every tag carries its label, so colour is never the only
signal. A report run waiting for the worker is grey, running light blue, done green, failed red
(its message says why).
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from onefuture.reports.models import RecommendationStatus, RunStatus
from onefuture.routemaps.vocabulary import StatusWords

RECOMMENDATION_STATUS: Mapping[str, StatusWords] = MappingProxyType(
    {
        RecommendationStatus.OPEN: StatusWords(
            "Open", "grey", "Recorded; no work on it has been reported yet."
        ),
        RecommendationStatus.IN_PROGRESS: StatusWords(
            "In progress", "light-blue", "The owner is working on it."
        ),
        RecommendationStatus.DONE: StatusWords(
            "Done", "green", "Done; the response says what was done."
        ),
        RecommendationStatus.NOT_ACCEPTED: StatusWords(
            "Not accepted",
            "purple",
            "The council decided not to take it forward; the response says why.",
        ),
    }
)


def status_words(status: str) -> StatusWords:
    return RECOMMENDATION_STATUS[status]


RUN_STATUS: Mapping[str, StatusWords] = MappingProxyType(
    {
        RunStatus.QUEUED: StatusWords(
            "Waiting to start", "grey", "Waiting for the background worker to start it."
        ),
        RunStatus.RUNNING: StatusWords("Running", "light-blue", "The report is being made."),
        RunStatus.DONE: StatusWords("Done", "green", "Made; its files can be downloaded."),
        RunStatus.FAILED: StatusWords(
            "Failed", "red", "The report could not be made; the message says why."
        ),
    }
)


def run_status_words(status: str) -> StatusWords:
    return RUN_STATUS[status]
