"""Feedback analysis, pure Python (no Django): redaction, embedding, discovery, assignment.

``from onefuture import themes; themes.redact(text)``.
"""

from onefuture.themes.redaction import Redaction, redact, redact_many

__all__ = ["Redaction", "redact", "redact_many"]
