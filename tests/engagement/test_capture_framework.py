"""The framework file's ``engagement:`` section: load, round trip, errors by path, populations."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
import yaml

from onefuture.engagement.models import (
    Comment,
    CommentSource,
    Consultation,
    EngagementSettings,
    PopulationFigure,
    StakeholderGroup,
)
from onefuture.framework.fileformat.yamltext import yaml_render
from onefuture.framework.services import FrameworkFileError, framework_dump, framework_load

ROOT = Path(__file__).resolve().parents[2]
SMALL = ROOT / "tests" / "framework" / "files" / "small.yaml"

pytestmark = pytest.mark.django_db

ENGAGEMENT = {
    "suppress_below": 3,
    "stakeholder_groups": [
        {"key": "young-people", "name": "Young people"},
        {"key": "businesses", "name": "Businesses", "description": "Firms of every size."},
    ],
    "age_bands": [{"key": "under-16", "name": "Under 16"}, {"key": "16-24", "name": "16 to 24"}],
    "demographic_questions": [
        {
            "key": "disability",
            "question": "Are you disabled?",
            "answers": [{"key": "yes", "name": "Yes"}, {"key": "no", "name": "No"}],
        }
    ],
    "have_your_say": {"open": True, "question": "What would make Testville better?"},
    "consultations": [
        {
            "key": "town-2040",
            "title": "Testville in 2040",
            "question": "What matters?",
            "opens_on": "2025-01-01",
            "closes_on": "2025-03-31",
            "source_url": "https://testville.example/2040",
            "illustrative": True,
        }
    ],
}


def data(**changes) -> dict:
    out = yaml.safe_load(SMALL.read_text())
    out["engagement"] = copy.deepcopy(ENGAGEMENT) | changes
    return out


def errors_of(value: dict, **kwargs) -> list[str]:
    with pytest.raises(FrameworkFileError) as caught:
        framework_load(text=yaml_render(value), **kwargs)
    return [str(e) for e in caught.value.errors]


def test_the_section_loads_and_round_trips():
    place = framework_load(text=yaml_render(data())).place
    settings = EngagementSettings.objects.get(place=place)
    assert settings.suppress_below == 3 and settings.have_your_say_open
    assert [b["key"] for b in settings.age_bands] == ["under-16", "16-24"]
    assert list(StakeholderGroup.objects.filter(place=place).values_list("key", flat=True)) == [
        "young-people",
        "businesses",
    ]
    assert Consultation.objects.get(place=place).illustrative
    first = framework_dump(place=place)
    assert yaml.safe_load(first)["engagement"] == ENGAGEMENT
    framework_load(text=first)
    assert framework_dump(place=place) == first


def test_what_the_file_drops_is_deleted_but_a_consultation_with_comments_is_kept():
    place = framework_load(text=yaml_render(data())).place
    consultation = Consultation.objects.get(place=place)
    Comment.objects.create(
        place=place,
        consultation=consultation,
        text="x",
        source=CommentSource.ENTERED,
        received_at="2025-01-02T12:00:00Z",
    )
    framework_load(text=yaml_render(data(stakeholder_groups=[], consultations=[])))
    assert not StakeholderGroup.objects.filter(place=place).exists()
    assert Consultation.objects.filter(place=place).count() == 1


def test_errors_are_named_by_path():
    messages = errors_of(
        data(
            stakeholder_groups=[{"key": "a", "name": "A"}, {"key": "a", "name": "Again"}],
            consultations=[
                {"key": "c", "title": "C", "opens_on": "2025-05-01", "closes_on": "2025-01-01"}
            ],
            suppress_below="five",
        )
    )
    text = "\n".join(messages)
    assert "engagement.stakeholder_groups[1].key" in text
    assert "engagement.consultations[0].closes_on" in text
    assert "engagement.suppress_below" in text


def test_the_populations_file_loads_and_its_errors_name_row_and_column(tmp_path):
    (tmp_path / "engagement").mkdir()
    csv_file = tmp_path / "engagement" / "pop.csv"
    csv_file.write_text(
        "area_code,age_band,population,year,source,note\n"
        "E05000001,,12000,2021,ONS Census 2021,\n"
        "E05000001,16-24,1500,2021,ONS Census 2021,mapped from old wards\n"
    )
    value = data(populations={"file": "engagement/pop.csv"})
    framework = tmp_path / "framework.yaml"
    framework.write_text(yaml_render(value))
    place = framework_load(path=framework).place
    assert PopulationFigure.objects.filter(place=place).count() == 2
    assert yaml.safe_load(framework_dump(place=place))["engagement"]["populations"] == {
        "file": "engagement/pop.csv"
    }
    csv_file.write_text(
        "area_code,age_band,population,year,source,note\n"
        "E05999999,,12000,2021,ONS,\n"
        "E05000001,65-plus,many,21,,\n"
    )
    with pytest.raises(FrameworkFileError) as caught:
        framework_load(path=framework)
    text = "\n".join(str(e) for e in caught.value.errors)
    assert "row 2, column 'area_code': no area 'E05999999'" in text
    assert "row 3, column 'age_band'" in text
    assert "row 3, column 'population'" in text
    assert "row 3, column 'year'" in text
    assert "row 3, column 'source'" in text
    assert PopulationFigure.objects.filter(place=place).count() == 2
