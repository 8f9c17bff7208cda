"""The routemaps' panel on a partner's page (``/partners/<key>/``, the website app's page).

Everything the partner leads or has committed to across the whole vision: the milestones it is
*named* to lead (the plan lists it and the council has agreed its commitment), the delivery
plans it leads, its agreed commitments and those delivered, with their public recognition.
Reads: ``selectors.commitments.partner_contribution``; no query here.
"""

from __future__ import annotations

from typing import Any

from onefuture.routemaps.selectors.commitments import partner_contribution
from onefuture.routemaps.vocabulary import COMMITMENT_STATUS


def partner_panel(site: Any, partner: Any) -> dict[str, Any]:
    """The panel's context for ``partner`` (always shown: "nothing agreed yet" says something)."""
    contribution = partner_contribution(place=site.place, partner=partner)
    return {
        "partner": partner,
        "contribution": contribution,
        "current": [
            {"commitment": c, "words": COMMITMENT_STATUS[c.status]} for c in contribution.current
        ],
    }
