"""Issue 13: target validation, the measure editor's service re-assessing through the job queue,
illustrative flags kept by edits, assessment history and commentary."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model

from onefuture.core.errors import ApplicationError, PermissionDenied
from onefuture.core.models import Role
from onefuture.core.services import membership_set
from onefuture.measures import honesty
from onefuture.measures.models import (
    Assessment,
    AssessmentRecord,
    Commentary,
    Measure,
    Reassessment,
    ReassessmentStatus,
    Target,
)
from onefuture.measures.services import (
    MeasureDefinitionError,
    commentary_add,
    import_file,
    measure_edit,
    measure_upsert,
    targets_validate,
)

HEADER = "measure,area,period,value,lower,upper"
# Falling from 15 % towards the 2030 target of 10 %, fast: on course.
ROWS = [
    "smoking,E08000007,2018,15.0,14.0,16.0",
    "smoking,E08000007,2019,14.0,13.0,15.0",
    "smoking,E08000007,2020,13.0,12.0,14.0",
    "smoking,E08000007,2021,12.0,11.0,13.0",
    "smoking,E08000007,2022,11.5,10.5,12.5",
]


@pytest.fixture
def officer(place):
    user = get_user_model().objects.create_user("officer", password="not-a-real-password-5")
    membership_set(user=user, place=place, role=Role.STRATEGY_OFFICER)
    return user


@pytest.fixture
def imported(place, write_csv):
    import_file(place=place, source=write_csv("\n".join([HEADER, *ROWS]) + "\n"), filename="a.csv")
    return place


def _trajectory(place) -> Assessment:
    return Assessment.objects.get(
        measure__place=place, measure__key="smoking", kind="trajectory", area__code="E08000007"
    )


# ---- target validation ---------------------------------------------------------------------


def test_an_interim_target_stricter_than_the_horizon_is_refused_naming_both():
    problems = targets_validate(
        polarity="low_is_good",
        targets=[("2030", 2030.0, 1.5, False), ("2040", 2040.0, 3.0, True)],
    )
    assert [p.field for p in problems] == ["targets[0].value"]
    assert "2030 target (1.5) is stricter than the 2040 target (3)" in problems[0].message
    # Higher is better: the other way round.
    problems = targets_validate(
        polarity="high_is_good",
        targets=[("2030", 2030.0, 80, False), ("2040", 2040.0, 78, True)],
    )
    assert "2030 target (80) is stricter than the 2040 target (78)" in problems[0].message
    # Consistent targets, and no judgement, pass.
    assert not targets_validate(
        polarity="low_is_good", targets=[("2030", 2030.0, 4, False), ("2040", 2040.0, 3, True)]
    )
    assert not targets_validate(
        polarity="no_judgement", targets=[("2030", 2030.0, 1, False), ("2040", 2040.0, 3, True)]
    )


def test_horizon_must_be_last_and_single():
    problems = targets_validate(
        polarity="low_is_good", targets=[("2040", 2040.0, 3, True), ("2045", 2045.0, 2, False)]
    )
    assert problems[0].field == "targets[0].is_horizon"
    assert "must be the last one" in problems[0].message
    problems = targets_validate(
        polarity="low_is_good", targets=[("2030", 2030.0, 4, True), ("2040", 2040.0, 3, True)]
    )
    assert "only one target" in problems[0].message


def test_the_service_refuses_inconsistent_targets_and_writes_nothing(place, officer):
    with pytest.raises(MeasureDefinitionError) as caught:
        measure_edit(
            user=officer,
            place=place,
            key="smoking",
            targets=[
                {"period": "2030", "value": 1.5},
                {"period": "2040", "value": 5, "horizon": True},
            ],
        )
    assert isinstance(caught.value, ApplicationError)
    assert caught.value.errors[0].field == "targets[0].value"
    assert "2030" in str(caught.value) and "2040" in str(caught.value)
    assert Target.objects.get(measure__key="smoking", period="2030").value == 10.0


def test_measure_edit_needs_permission(place):
    reader = get_user_model().objects.create_user("reader", password="not-a-real-password-5")
    with pytest.raises(PermissionDenied):
        measure_edit(user=reader, place=place, key="smoking", title="x")


# ---- verdicts never stale ------------------------------------------------------------------


def _queued(callbacks):
    """The on-commit callbacks but the page cache's (each write renews its generation)."""
    return [c for c in callbacks if not c.__qualname__.startswith("public_changed")]


def test_editing_a_target_through_services_changes_the_verdict_without_a_command(
    imported, officer, django_capture_on_commit_callbacks
):
    assert _trajectory(imported).label == "on_or_ahead"
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        measure_edit(
            user=officer,
            place=imported,
            key="smoking",
            targets=[
                {"period": "2030", "value": 2.0},
                {"period": "2040", "value": 1.0, "horizon": True},
            ],
        )
    # exactly one re-assessment queued, when the edit committed
    assert len(_queued(callbacks)) == 1
    assert _trajectory(imported).label == "behind"
    record = Reassessment.objects.get()
    assert record.status == ReassessmentStatus.DONE
    assert record.measure_ids == [Measure.objects.get(key="smoking").id]
    assert Measure.objects.get(key="smoking").assessed_at is not None


def test_an_edit_that_changes_nothing_assessed_queues_nothing(
    imported, officer, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        measure_edit(user=officer, place=imported, key="smoking", title="Adults who smoke now")
    assert _queued(callbacks) == []


# ---- honest labels kept by edits ----------------------------------------------------------


def test_editing_an_illustrative_targets_value_keeps_it_illustrative(place, officer):
    measure_upsert(
        place=place,
        key="smoking",
        title="Adults who smoke",
        definition="Percentage of adults who smoke.",
        value_type="proportion",
        polarity="low_is_good",
        home_area="E08000007",
        targets=[
            {"period": "2030", "value": 10.0, "illustrative": True},
            {"period": "2040", "value": 5, "horizon": True, "illustrative": True},
        ],
    )
    measure_edit(
        user=officer,
        place=place,
        key="smoking",
        targets=[{"period": "2030", "value": 9.0}, {"period": "2040", "value": 5, "horizon": True}],
    )
    target = Target.objects.get(measure__key="smoking", period="2030")
    assert (target.value, target.illustrative) == (9.0, True)
    # Unticking is explicit.
    measure_edit(
        user=officer,
        place=place,
        key="smoking",
        targets=[
            {"period": "2030", "value": 9.0, "illustrative": False},
            {"period": "2040", "value": 5, "horizon": True},
        ],
    )
    assert not Target.objects.get(measure__key="smoking", period="2030").illustrative
    assert Target.objects.get(measure__key="smoking", period="2040").illustrative


def test_a_verdict_against_an_illustrative_target_is_illustrative(imported):
    assessment = _trajectory(imported)
    measure = Measure.objects.prefetch_related("targets").get(key="smoking")
    assert not honesty.assessment_illustrative(assessment, measure)
    Target.objects.filter(measure=measure, period="2030").update(illustrative=True)
    measure = Measure.objects.prefetch_related("targets").get(key="smoking")
    assert honesty.assessment_illustrative(assessment, measure)
    comparison = Assessment.objects.filter(measure=measure, kind="trend").first()
    assert not honesty.assessment_illustrative(comparison, measure)


# ---- history -------------------------------------------------------------------------------


def test_every_changed_result_is_kept_with_its_cause(imported, write_csv, officer):
    first = AssessmentRecord.objects.filter(measure__key="smoking", kind="trajectory")
    assert [(r.label, r.previous_label, r.cause) for r in first] == [
        ("on_or_ahead", "", "import of a.csv")
    ]
    # Re-importing the same file changes nothing, so no record is added.
    import_file(place=imported, source=write_csv("\n".join([HEADER, *ROWS]) + "\n"))
    assert AssessmentRecord.objects.filter(measure__key="smoking", kind="trajectory").count() == 1
    # A provisional upload that flips the verdict is kept, with the batch it came from.
    provisional = "smoking,E08000007,2023,13.5,12.5,14.5"
    batch = import_file(
        place=imported,
        source=write_csv(f"{HEADER},notes\n{provisional},provisional\n", name="p.csv"),
        filename="provisional.csv",
    )
    latest = AssessmentRecord.objects.filter(measure__key="smoking", kind="trajectory").last()
    assert (latest.previous_label, latest.label, latest.period) == ("on_or_ahead", "behind", "2023")
    assert latest.batch_id == batch.id and latest.cause == "import of provisional.csv"


# ---- commentary ----------------------------------------------------------------------------


def test_commentary_is_added_with_history_and_permission(place, officer):
    reader = get_user_model().objects.create_user("reader", password="not-a-real-password-5")
    with pytest.raises(PermissionDenied):
        commentary_add(user=reader, place=place, measure="smoking", period="2023", text="x")
    commentary_add(user=officer, place=place, measure="smoking", period="2023", text="First.")
    commentary_add(user=officer, place=place, measure="smoking", period="2023", text="Second.")
    assert [c.text for c in Commentary.objects.all()] == ["Second.", "First."]
    with pytest.raises(ApplicationError) as caught:
        commentary_add(user=officer, place=place, measure="smoking", period="", text="")
    assert {e.field for e in caught.value.errors} == {"period", "text"}


# ---- changed since, in words ---------------------------------------------------------------


def test_changed_since_says_what_moved_and_why(imported, write_csv):
    import datetime as dt

    from django.utils import timezone

    from onefuture.measures.selectors import assessment_changes

    mark = timezone.now()
    import_file(
        place=imported,
        source=write_csv(f"{HEADER},notes\nsmoking,E08000007,2023,13.5,12.5,14.5,provisional\n"),
        filename="provisional.csv",
    )
    changes = [c for c in assessment_changes(place=imported, since=mark) if c.kind == "trajectory"]
    assert [c.words for c in changes] == [
        "Adults who smoke: moved from on course for the 2030 target to behind the path to the"
        " 2030 target, because the 2023 value is 13.5% (provisional)."
    ]
    assert changes[0].batch_filename == "provisional.csv" and not changes[0].first
    # Since a date before everything: the first assessment is there too, in words.
    everything = assessment_changes(place=imported, since=dt.date(2000, 1, 1))
    assert any(c.first and c.kind == "trajectory" for c in everything)
    assert assessment_changes(place=imported, since=timezone.now()) == []


# ---- plain words ---------------------------------------------------------------------------


def test_why_a_trend_cannot_be_calculated_in_words(place, write_csv, client):
    rows = ROWS[:4]  # four years: the trend needs five
    import_file(place=place, source=write_csv("\n".join([HEADER, *rows]) + "\n"))
    response = client.get("/places/stockport/measures/smoking/")
    html = response.content.decode()
    assert "needs at least five years of data; there are four" in html
    assert "Chi" not in html.split("data-summary>")[1].split("</p>")[0]  # no test names


def test_the_summary_opens_the_page_then_the_commentary(imported, officer, client):
    commentary_add(
        user=officer, place=imported, measure="smoking", period="2022", text="Older words."
    )
    commentary_add(
        user=officer, place=imported, measure="smoking", period="2022", text="We fund clinics."
    )
    html = client.get("/places/stockport/measures/smoking/").content.decode()
    summary = html.split("data-summary>")[1].split("</p>")[0]
    assert summary.startswith(
        "The latest figure for adults who smoke in Stockport is 11.5% (2022)."
    )
    assert "on course for the 2030 target" in summary
    assert html.index("data-summary") < html.index("data-commentary") < html.index("data-rule")
    assert "We fund clinics." in html and "Older words." not in html
    assert "data-assessed-at" in html and "data-history" in html


def test_old_data_carry_a_warning_with_dates():
    import datetime as dt

    from onefuture.measures.plain import freshness

    fresh = freshness(
        frequency="annual",
        last_updated=dt.date(2026, 6, 1),
        latest_period="2025",
        today=dt.date(2026, 12, 2),
    )
    assert (fresh.old, fresh.next_update) == (False, dt.date(2027, 6, 1))
    old = freshness(
        frequency="annual",
        last_updated=dt.date(2025, 1, 10),
        latest_period="2023",
        today=dt.date(2026, 12, 2),
    )
    assert old.old and old.next_update == dt.date(2026, 1, 10)
    assert "last updated on 10 January 2025" in old.warning
    assert "latest figure is for 2023" in old.warning
    assert not freshness(frequency="", last_updated=None, latest_period="2001").old


def test_the_page_warns_when_the_data_are_old(imported, client):
    Measure.objects.filter(key="smoking").update(frequency="annual")
    html = client.get("/places/stockport/measures/smoking/").content.decode()
    assert "data-stale" in html and "These data may be out of date" in html
    assert "data-next-update" in html


def test_the_measure_page_says_what_changed_since_a_chosen_date(imported, write_csv, client):
    page = "/places/stockport/measures/smoking/"
    before = client.get(page, {"since": "2999-01-01"}).content.decode()
    assert "No result of this measure has changed since 2999-01-01." in before
    import_file(
        place=imported,
        source=write_csv(f"{HEADER},notes\nsmoking,E08000007,2023,13.5,12.5,14.5,provisional\n"),
        filename="provisional.csv",
    )
    html = client.get(page, {"since": "2000-01-01"}).content.decode()
    changes = html.split("data-changes>")[1].split("</ul>")[0]
    assert (
        "moved from on course for the 2030 target to behind the path to the 2030 target, "
        "because the 2023 value is 13.5% (provisional)." in changes
    )
    bad = client.get(page, {"since": "last spring"})
    assert bad.status_code == 400
    assert "is not a date: write it as 2025-04-01." in bad.content.decode()
    assert "data-changes" not in client.get(page).content.decode()  # no date, no list
