"""Feedback analysis, pure Python (no Django): redaction, embedding, discovery, assignment.

``from onefuture import themes; themes.redact(text)``; ``themes.discover(texts)``;
``themes.assign(texts, examples)``.
"""

from onefuture.themes.assignment import Assignment, assign, assign_themes
from onefuture.themes.discovery import OTHER, Theme, ThemeInputError, discover, discover_themes
from onefuture.themes.embedding import EmbeddingError, embed
from onefuture.themes.redaction import Redaction, redact, redact_many

__all__ = [
    "OTHER",
    "Assignment",
    "EmbeddingError",
    "Redaction",
    "Theme",
    "ThemeInputError",
    "assign",
    "assign_themes",
    "discover",
    "discover_themes",
    "embed",
    "redact",
    "redact_many",
]
