"""The ``open_data:`` section of the framework file: a place keeps its open data licence with
the rest of its configuration; it loads, dumps back the same, is checked like any section, and
a file without it returns the place to the Open Government Licence v3.0 (ADR 0040)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from onefuture.framework.fileformat.yamltext import yaml_render
from onefuture.framework.services import FrameworkFileError, framework_dump, framework_load
from onefuture.opendata.selectors import place_licence

pytestmark = pytest.mark.django_db

SMALL = Path(__file__).resolve().parents[1] / "framework" / "files" / "small.yaml"
SECTION = {
    "licence": "Creative Commons Attribution 4.0",
    "licence_id": "CC-BY-4.0",
    "licence_url": "https://creativecommons.org/licenses/by/4.0/",
    "publisher": "Riverton Borough Council",
    "attribution": "© Riverton Borough Council and partners, CC BY 4.0",
}


def _load(section: dict | None):
    data = yaml.safe_load(SMALL.read_text())
    if section is not None:
        data["open_data"] = section
    return framework_load(text=yaml_render(data)).place


def test_the_section_sets_the_licence_and_dumps_back_the_same():
    place = _load(SECTION)
    own = place_licence(place=place)
    assert own.publisher == "Riverton Borough Council"
    assert (own.licence.name, own.licence.title, own.licence.attribution) == (
        "CC-BY-4.0",
        "Creative Commons Attribution 4.0",
        SECTION["attribution"],
    )
    dumped = yaml.safe_load(framework_dump(place=place))
    assert dumped["open_data"] == SECTION
    # Only the publisher: the Open Government Licence with the publisher's name.
    place = _load({"publisher": "Riverton Borough Council"})
    own = place_licence(place=place)
    assert own.licence.name == "OGL-UK-3.0"
    assert own.licence.attribution == (
        "Contains information from Riverton Borough Council licensed under the "
        "Open Government Licence v3.0."
    )
    assert yaml.safe_load(framework_dump(place=place))["open_data"] == {
        "publisher": "Riverton Borough Council"
    }
    # Left out: the place's licence record goes, and the default applies.
    place = _load(None)
    assert place_licence(place=place).publisher == place.name
    assert "open_data" not in yaml.safe_load(framework_dump(place=place))


def test_a_bad_section_is_refused_naming_the_key():
    with pytest.raises(FrameworkFileError) as caught:
        _load({"licence_url": "not an address", "licens": "typo"})
    text = "\n".join(str(e) for e in caught.value.errors)
    assert "open_data.licence_url" in text
    assert "licens" in text
