"""Status words and tag colours for the pages: they live in :mod:`onefuture.measures.vocabulary`
(one table keyed by kind and label, ADR 0017) and are re-exported here for the page builders."""

from __future__ import annotations

from onefuture.measures.vocabulary import (
    NOT_ASSESSED,
    Status,
    assessment_status,
    polarity_words,
    status_for,
)

__all__ = ["NOT_ASSESSED", "Status", "assessment_status", "polarity_words", "status_for"]
