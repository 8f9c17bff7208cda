"""The words a place uses for the framework's concepts.

Stockport says "big thing"; another council may say "mission" or "priority". Pages, reports and
the admin take their words from here, never from literals, so a place can rename a concept
without touching code. A place stores only its overrides (``Place.terminology``).
"""

from __future__ import annotations

from typing import Any

DEFAULT_TERMS: dict[str, dict[str, str]] = {
    "vision": {"singular": "vision", "plural": "visions"},
    "big_thing": {"singular": "big thing", "plural": "big things"},
    "cross_cutting_ambition": {
        "singular": "cross-cutting ambition",
        "plural": "cross-cutting ambitions",
    },
    "outcome": {"singular": "outcome", "plural": "outcomes"},
    "partner": {"singular": "partner", "plural": "partners"},
    "predecessor_plan": {"singular": "previous plan", "plural": "previous plans"},
    "pillar": {"singular": "pillar", "plural": "pillars"},
    "priority": {"singular": "priority", "plural": "priorities"},
    "link": {"singular": "link", "plural": "links"},
}

TERM_KEYS: tuple[str, ...] = tuple(DEFAULT_TERMS)
TERM_FORMS: tuple[str, ...] = ("singular", "plural")


def terminology_for(overrides: dict[str, Any] | None) -> dict[str, dict[str, str]]:
    """The default terms with ``overrides`` applied (unknown keys are ignored)."""
    merged = {key: dict(forms) for key, forms in DEFAULT_TERMS.items()}
    for key, forms in (overrides or {}).items():
        if key in merged and isinstance(forms, dict):
            merged[key].update({f: str(v) for f, v in forms.items() if f in TERM_FORMS and v})
    return merged
