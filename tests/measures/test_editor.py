"""The staff workspace's measure editor and commentary page (GOV.UK forms, not the admin).

An officer edits a target through the editor page and the verdict on the public page changes
without any command (the re-assessment is queued on commit and run by the immediate task
backend); errors are shown by field with an error summary; the preview shows the verdicts the
edit would give and saves nothing; unticking "illustrative" needs its own confirmation;
benchmarks are chosen by name from broad areas, not wards.
"""

from __future__ import annotations

import re

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from onefuture.core.models import Role
from onefuture.core.services import membership_set
from onefuture.measures.models import Assessment, Commentary, Measure, Reassessment, Target
from onefuture.measures.services import assessments_recompute
from tests.measures.pages_sample import measures_sample

pytestmark = pytest.mark.django_db

EDIT = "/places/riverton/workspace/measures/employment/"
PUBLIC = "/places/riverton/measures/employment/"


def _user(name: str, place, role: str):
    user = get_user_model().objects.create_user(username=name, password="pw-12345-long")
    membership_set(user=user, place=place, role=role)
    return user


@pytest.fixture
def sample():
    sample = measures_sample()
    Assessment.objects.filter(measure=sample.measure).delete()
    assessments_recompute(place=sample.place, measure_ids=[sample.measure.id])
    return sample


@pytest.fixture
def officer(client: Client, sample) -> Client:
    client.force_login(_user("olive", sample.place, Role.STRATEGY_OFFICER))
    return client


def _form_data(client: Client, url: str = EDIT) -> dict:
    """The editor form as the browser would post it unchanged (inputs, ticked boxes, options)."""
    html = client.get(url).content.decode()
    form = re.search(r'<form method="post" novalidate>.*?</form>', html, re.S).group(0)
    data: dict[str, list[str]] = {}
    for tag in re.findall(r"<input\b[^>]*>", form):
        name = re.search(r'name="([^"]+)"', tag)
        if not name:
            continue
        kind = re.search(r'type="([^"]+)"', tag)
        kind = kind.group(1) if kind else "text"
        value = re.search(r'value="([^"]*)"', tag)
        value = value.group(1) if value else ""
        if kind in ("checkbox", "radio") and " checked" not in tag:
            continue
        data.setdefault(name.group(1), []).append(value)
    for name, body in re.findall(r'<textarea[^>]*name="([^"]+)"[^>]*>(.*?)</textarea>', form, re.S):
        data[name] = [body]
    for name, body in re.findall(r'<select[^>]*name="([^"]+)"[^>]*>(.*?)</select>', form, re.S):
        chosen = re.search(r'<option value="([^"]*)" selected>', body)
        data[name] = [chosen.group(1) if chosen else ""]
    return data


def _target_row(data: dict, period: str) -> str:
    for key, values in data.items():
        if key.endswith("-period") and values == [period]:
            return key.removesuffix("-period")
    raise AssertionError(f"no target row for {period}")


def _main(response) -> str:
    return re.search(r"<main\b.*?</main>", response.content.decode(), re.S).group(0)


def test_an_officer_edits_a_target_and_the_public_verdict_changes_without_any_command(
    officer: Client, sample, django_capture_on_commit_callbacks
) -> None:
    before = {a.kind: a.label for a in Assessment.objects.filter(measure=sample.measure)}
    data = _form_data(officer)
    row = _target_row(data, "2030")
    data[f"{row}-value"] = ["90"]  # far out of reach: the progress verdict must fall
    data[_target_row(data, "2040") + "-value"] = ["95"]
    data["save"] = ["1"]
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = officer.post(EDIT, data)
    assert response.status_code == 302, _main(response)
    assert response["Location"] == EDIT + "?saved=1"
    assert callbacks, "the re-assessment is queued when the edit commits"
    assert Target.objects.get(measure=sample.measure, period="2030").value == 90
    record = Reassessment.objects.get()
    assert record.status == "done" and record.measure_ids == [sample.measure.id]
    after = {a.kind: a.label for a in Assessment.objects.filter(measure=sample.measure)}
    assert after["progress"] != before["progress"], (before, after)
    public = _main(officer.get(PUBLIC))
    assert "90.0% by 2030" in public
    words = Assessment.objects.get(measure=sample.measure, kind="progress").text
    assert words in public
    banner = _main(officer.get(EDIT + "?saved=1"))
    assert "were saved" in banner


def test_a_stricter_interim_target_is_refused_by_field_with_an_error_summary(
    officer: Client, sample
) -> None:
    data = _form_data(officer)
    row = _target_row(data, "2030")
    data[f"{row}-value"] = ["85"]  # higher is better: 85 by 2030 asks more than 80 by 2040
    data["save"] = ["1"]
    response = officer.post(EDIT, data)
    assert response.status_code == 400
    html = _main(response)
    summary = re.search(r'<div class="govuk-error-summary".*?</ul>', html, re.S).group(0)
    assert f'href="#id_{row}-value"' in summary
    assert "The 2030 target (85) is stricter than the 2040 target (80)" in summary
    assert f'id="id_{row}-value-error"' in html
    assert "Nothing was saved" in html
    assert Target.objects.get(measure=sample.measure, period="2030").value == 75


def test_field_errors_are_named_and_nothing_is_saved(officer: Client, sample) -> None:
    data = _form_data(officer)
    data["title"] = [""]
    data["multiplier"] = ["lots"]
    data["baseline_period"] = ["twenty-eighteen"]
    data[_target_row(data, "2030") + "-value"] = [""]
    data["save"] = ["1"]
    response = officer.post(EDIT, data)
    assert response.status_code == 400
    html = _main(response)
    for field in ("title", "multiplier", "baseline_period"):
        assert f'href="#id_{field}"' in html, field
    assert "Enter the target value" in html
    assert "Error: Edit" in response.content.decode()
    assert Measure.objects.get(pk=sample.measure.pk).title == "Adults in employment"


def test_preview_shows_the_new_verdicts_and_saves_nothing(officer: Client, sample) -> None:
    before = sorted(Assessment.objects.filter(measure=sample.measure).values_list("kind", "label"))
    data = _form_data(officer)
    data["title"] = ["Adults in paid work"]
    data[_target_row(data, "2030") + "-value"] = ["90"]
    data[_target_row(data, "2040") + "-value"] = ["95"]
    data["preview"] = ["1"]
    response = officer.post(EDIT, data)
    assert response.status_code == 200
    html = _main(response)
    preview = re.search(r"<section[^>]*data-preview.*?</section>", html, re.S).group(0)
    assert "Adults in paid work" in preview and "90.0% by 2030" in preview
    assert "Progress to target" in preview
    assert Measure.objects.get(pk=sample.measure.pk).title == "Adults in employment"
    assert Target.objects.get(measure=sample.measure, period="2030").value == 75
    after = sorted(Assessment.objects.filter(measure=sample.measure).values_list("kind", "label"))
    assert after == before
    assert not Reassessment.objects.exists()
    assert 'value="Adults in paid work"' in html  # the form keeps what was typed


def test_unticking_illustrative_needs_the_confirmation(officer: Client, sample) -> None:
    Target.objects.filter(measure=sample.measure).update(illustrative=True)
    data = _form_data(officer)
    row = _target_row(data, "2030")
    assert data[f"{row}-illustrative"] == ["on"]
    del data[f"{row}-illustrative"]
    data["save"] = ["1"]
    response = officer.post(EDIT, data)
    assert response.status_code == 400
    assert 'href="#id_confirm_real"' in _main(response)
    assert Target.objects.get(measure=sample.measure, period="2030").illustrative
    data["confirm_real"] = ["on"]
    assert officer.post(EDIT, data).status_code == 302
    assert not Target.objects.get(measure=sample.measure, period="2030").illustrative
    assert Target.objects.get(measure=sample.measure, period="2040").illustrative


def test_an_edit_of_an_illustrative_target_keeps_it_illustrative(officer: Client, sample) -> None:
    Target.objects.filter(measure=sample.measure).update(illustrative=True)
    data = _form_data(officer)
    data[_target_row(data, "2030") + "-value"] = ["76"]
    data["save"] = ["1"]
    assert officer.post(EDIT, data).status_code == 302
    target = Target.objects.get(measure=sample.measure, period="2030")
    assert target.value == 76 and target.illustrative


def test_targets_are_added_and_removed_as_value_by_year_rows(officer: Client, sample) -> None:
    data = _form_data(officer)
    data["targets-2-period"] = ["2035"]
    data["targets-2-value"] = ["77.5"]
    data[_target_row(data, "2030") + "-remove"] = ["on"]
    data["save"] = ["1"]
    assert officer.post(EDIT, data).status_code == 302
    stored = list(Target.objects.filter(measure=sample.measure).values_list("period", "value"))
    assert stored == [("2035", 77.5), ("2040", 80.0)]


def test_benchmarks_are_chosen_by_name_from_broad_areas_not_wards(officer: Client, sample) -> None:
    html = _main(officer.get(EDIT))
    benchmarks = re.search(r"<legend[^>]*>Benchmarks</legend>.*?</fieldset>", html, re.S).group(0)
    assert "England (country)" in benchmarks
    assert "Abbey" not in benchmarks and "E05099001" not in benchmarks
    groups = re.search(r'<select[^>]*name="comparator_group".*?</select>', html, re.S).group(0)
    assert "Riverton&#x27;s nearest neighbours" in groups or "Riverton's nearest" in groups
    checkboxes = re.search(
        r"<legend[^>]*>Which assessments apply</legend>.*?</fieldset>", html, re.S
    )
    assert "Recent trend" in checkboxes.group(0)


def test_which_assessments_apply_are_checkboxes_that_save(officer: Client, sample) -> None:
    data = _form_data(officer)
    data["assessments"] = ["comparison", "trend"]
    data["save"] = ["1"]
    assert officer.post(EDIT, data).status_code == 302
    assert Measure.objects.get(pk=sample.measure.pk).assessments_applied == ["comparison", "trend"]


def test_the_editor_links_to_the_site_the_upload_and_the_commentary(officer, sample) -> None:
    html = _main(officer.get(EDIT))
    assert f'href="{PUBLIC}"' in html
    assert 'href="/places/riverton/data/upload/"' in html
    assert 'href="/places/riverton/workspace/measures/employment/commentary/"' in html
    listing = _main(officer.get("/places/riverton/workspace/measures/"))
    assert "Adults in employment" in listing and "Long-term empty homes" in listing
    home = _main(officer.get("/places/riverton/workspace/"))
    assert "Edit success measures" in home


def test_a_scrutiny_member_cannot_open_the_editor(client: Client, sample) -> None:
    client.force_login(_user("sam", sample.place, Role.SCRUTINY_MEMBER))
    assert client.get(EDIT).status_code == 403
    assert client.get(EDIT + "commentary/").status_code == 403
    assert "Edit success measures" not in _main(client.get("/places/riverton/workspace/"))


def test_another_places_measure_is_not_found(officer: Client, sample) -> None:
    assert officer.get("/places/riverton/workspace/measures/nope/").status_code == 404
    assert officer.get("/places/elsewhere/workspace/measures/employment/").status_code == 403


def test_commentary_is_written_for_the_latest_period_and_kept_as_history(
    officer: Client, sample
) -> None:
    url = EDIT + "commentary/"
    html = _main(officer.get(url))
    assert 'value="2023"' in html  # the latest period, filled in
    assert "Nothing has been written yet" in html
    first = officer.post(url, {"period": "2023", "text": "Employment rose again."})
    assert first.status_code == 302
    officer.post(url, {"period": "2023", "text": "Employment rose for the fifth year."})
    html = _main(officer.get(url + "?saved=1"))
    assert "Your commentary was saved" in html
    assert html.index("fifth year") < html.index("rose again")  # newest first
    assert Commentary.objects.filter(measure=sample.measure).count() == 2


def test_commentary_errors_are_shown_by_field(officer: Client, sample) -> None:
    response = officer.post(EDIT + "commentary/", {"period": "soon", "text": ""})
    assert response.status_code == 400
    html = _main(response)
    assert 'href="#id_text"' in html and "Enter the commentary" in html
    assert not Commentary.objects.exists()
    response = officer.post(EDIT + "commentary/", {"period": "soon", "text": "Words."})
    assert response.status_code == 400
    assert 'href="#id_period"' in _main(response)
    assert not Commentary.objects.exists()
