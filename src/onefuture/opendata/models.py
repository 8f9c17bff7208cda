"""A place's open data licence: the licence and attribution its own tables are published under.

One row per place, optional: without one a place publishes under the Open Government Licence
v3.0 with an attribution naming the place (:func:`onefuture.opendata.selectors.place_licence`).
Measures keep their source's licence and attribution (their own fields), not this one.
"""

from __future__ import annotations

from django.db import models
from simple_history.models import HistoricalRecords

from onefuture.places.models import Place

OGL_TITLE = "Open Government Licence v3.0"
OGL_NAME = "OGL-UK-3.0"
OGL_PATH = "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"


class OpenDataLicence(models.Model):
    """The licence a place's own open data (framework, routemaps, engagement) is under."""

    place = models.OneToOneField(Place, on_delete=models.CASCADE, related_name="open_data_licence")
    title = models.CharField(max_length=200, default=OGL_TITLE, help_text="The licence's name.")
    name = models.CharField(
        max_length=60,
        blank=True,
        default=OGL_NAME,
        help_text="Its SPDX or Open Definition id, e.g. 'OGL-UK-3.0' or 'CC-BY-4.0'.",
    )
    path = models.URLField(max_length=300, blank=True, default=OGL_PATH)
    attribution = models.TextField(
        blank=True,
        help_text="The words a reuser must show, e.g. 'Contains public sector information "
        "licensed under the Open Government Licence v3.0. © Stockport Council'. Empty: the "
        "licence's usual words with the place's name.",
    )
    publisher = models.CharField(
        max_length=200,
        blank=True,
        help_text="Who publishes the data, e.g. 'Stockport Council'; empty: the place's name.",
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = "open data licence"

    def __str__(self) -> str:
        return f"{self.place}: {self.title}"
