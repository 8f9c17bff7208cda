"""Assessments stored after an import equal what the statistics library says for the same series."""

from __future__ import annotations

import numpy as np
import pytest

from onefuture import stats
from onefuture.measures.models import Assessment
from onefuture.measures.services import assessments_recompute, import_file

YEARS = [2016, 2017, 2018, 2019, 2020, 2021, 2022]
# Stockport's smokers: falling; England flat. Counts and denominators for the chi-square trend.
STOCKPORT = [(2300, 14000), (2210, 14100), (2100, 14000), (1990, 14200), (1880, 14100),
             (1800, 14300), (1700, 14250)]  # fmt: skip
ENGLAND = [(6_600_000, 44_000_000)] * 7


def _rows(code, counts):
    estimate = stats.proportion([c for c, _ in counts], [d for _, d in counts], multiplier=100)
    return [
        f"smoking,{code},{year},{v:.6f},{lo:.6f},{hi:.6f},{c},{d}"
        for year, (c, d), v, lo, hi in zip(
            YEARS, counts, estimate.value, estimate.lower, estimate.upper, strict=True
        )
    ]


@pytest.fixture
def imported(place, write_csv):
    header = "measure,area,period,value,lower,upper,numerator,denominator"
    lines = [header, *_rows("E08000007", STOCKPORT), *_rows("E92000001", ENGLAND)]
    import_file(place=place, source=write_csv("\n".join(lines) + "\n"))
    return place


def _series(counts):
    estimate = stats.proportion([c for c, _ in counts], [d for _, d in counts], multiplier=100)
    values = np.round(estimate.value, 6)
    return values, np.round(estimate.lower, 6), np.round(estimate.upper, 6)


def test_comparison_equals_the_library(imported):
    value, lower, upper = _series(STOCKPORT)
    england, _, _ = _series(ENGLAND)
    expected = stats.compare(
        value[-1:], lower[-1:], upper[-1:], england[-1:], polarity="low_is_good"
    )
    stored = Assessment.objects.get(kind="comparison", area__code="E08000007")
    assert stored.label == str(expected[0]) == "better"
    assert stored.benchmark.code == "E92000001"
    assert stored.text == "Better than England"
    assert stored.rule == expected.rule and stored.method == expected.method
    assert stored.numbers["benchmark_value"] == pytest.approx(england[-1])
    assert stored.period == "2022"


def test_trend_equals_the_library(imported):
    value, lower, upper = _series(STOCKPORT)
    expected = stats.trend(
        YEARS,
        value,
        lower,
        upper,
        numerator=[c for c, _ in STOCKPORT],
        denominator=[d for _, d in STOCKPORT],
        polarity="low_is_good",
    )
    stored = Assessment.objects.get(kind="trend", area__code="E08000007")
    assert stored.label == str(expected.marker[0]) == "decreasing"
    assert stored.text == str(expected.label[0])
    assert stored.numbers["chi2"] == pytest.approx(float(expected.chi2[0]))
    assert stored.rule == expected.rule


def test_progress_and_trajectory_equal_the_library(imported):
    # The fixture's measure: baseline 15.0 in 2018, targets 10 by 2030 and 5 by 2040.
    value, _, _ = _series(STOCKPORT)
    progress = stats.progress(
        2018, 15.0, 2022, value[-1], desired="decrease", target_year=2030, target_value=10.0
    )
    stored = Assessment.objects.get(kind="progress")
    assert stored.area.code == "E08000007"
    assert stored.label == str(progress.category[0])
    assert stored.numbers["cagr_actual"] == pytest.approx(float(progress.cagr_actual[0]))
    assert stored.rule == progress.rule
    trajectory = stats.on_trajectory(
        2018, 15.0, 2030, 10.0, 2022, value[-1], desired="decrease", path="linear"
    )
    stored = Assessment.objects.get(kind="trajectory")
    assert stored.label == str(trajectory.status[0])
    assert stored.numbers["expected"] == pytest.approx(float(trajectory.expected[0]))
    assert "2030" in stored.text


def test_inequality_across_deciles_equals_the_library(place, write_csv):
    values = [30.0, 28.5, 27.0, 25.2, 24.1, 22.0, 20.3, 19.1, 17.5, 15.0]
    population = [9000, 9500, 8700, 9900, 10100, 9800, 10400, 9700, 10300, 9900]
    lines = ["measure,area,period,breakdown,category,value,lower,upper,numerator,denominator"]
    for decile, (v, n) in enumerate(zip(values, population, strict=True), start=1):
        lines.append(f"smoking,E08000007,2022,deprivation_decile,{decile},{v},{v - 2},{v + 2},,{n}")
    import_file(place=place, source=write_csv("\n".join(lines) + "\n"))
    expected = stats.sii(
        np.arange(1, 11),
        population,
        values,
        lower=[v - 2 for v in values],
        upper=[v + 2 for v in values],
        quantiles=10,
        seed=20240401,
        simulations=10_000,
    )
    gap = stats.gap([values[0]], [values[-1]])
    stored = Assessment.objects.get(kind="inequality")
    assert stored.numbers["sii"] == pytest.approx(float(expected.sii.value[0]))
    assert stored.numbers["sii_lower"] == pytest.approx(float(expected.sii.lower[0]))
    assert stored.numbers["gap_absolute"] == pytest.approx(float(gap.absolute[0])) == 15.0
    assert stored.numbers["gap_relative"] == pytest.approx(2.0)
    assert stored.breakdown == "deprivation_decile"
    assert stored.text.endswith("higher in the more deprived areas")


def test_recompute_replaces_rather_than_adds(imported):
    before = sorted(Assessment.objects.values_list("kind", "area__code", "label"))
    assert assessments_recompute(place=imported) == len(before)
    after = sorted(Assessment.objects.values_list("kind", "area__code", "label"))
    assert after == before


def test_a_new_year_changes_the_assessment(imported, write_csv):
    """A sharp rise in 2023 turns Stockport from better than England to worse."""
    import_file(
        place=imported,
        source=write_csv(
            "measure,area,period,value,lower,upper\n"
            "smoking,E08000007,2023,19.0,18.5,19.5\n"
            "smoking,E92000001,2023,15.0,14.99,15.01\n",
            "2023.csv",
        ),
    )
    stored = Assessment.objects.get(kind="comparison", area__code="E08000007")
    assert (stored.label, stored.period) == ("worse", "2023")


def test_assessments_of_illustrative_data_say_so(imported, write_csv):
    import_file(
        place=imported,
        source=write_csv(
            "measure,area,period,value,lower,upper,illustrative\n"
            "smoking,E05015014,2022,18.0,16.0,20.0,yes\n",
            "ward.csv",
        ),
    )
    ward = Assessment.objects.get(kind="comparison", area__code="E05015014")
    assert ward.numbers["illustrative"] is True
    real = Assessment.objects.get(kind="comparison", area__code="E08000007")
    assert "illustrative" not in real.numbers


def test_unweighted_inequality_says_every_group_counts_equally(place, write_csv):
    lines = ["measure,area,period,breakdown,category,value,lower,upper"]
    lines += [
        f"smoking,E08000007,2022,deprivation_quintile,{q},{30 - 3 * q},{29 - 3 * q},{31 - 3 * q}"
        for q in range(1, 6)
    ]
    import_file(place=place, source=write_csv("\n".join(lines) + "\n"))
    stored = Assessment.objects.get(kind="inequality")
    assert stored.numbers["population_weighted"] is False
    assert "every group counts equally" in stored.rule
    assert "percentage points" in stored.text


def test_inequality_across_wards_ranks_wards_by_deprivation(place, write_csv):
    """Wards ranked most to least deprived (own decile, else their small areas' mean)."""
    from onefuture.places.models import Area
    from tests.factories import AreaFactory

    borough = Area.objects.get(place=place, code="E08000007")
    Area.objects.filter(place=place, code="E05015014").update(deprivation_decile=9)
    AreaFactory(place=place, code="E05015016", parent=borough, deprivation_decile=2)
    ward = AreaFactory(place=place, code="E05015017", parent=borough)
    for decile in (4, 6):  # no decile of its own: the mean of its small areas, 5
        AreaFactory(place=place, type="small_area", parent=ward, deprivation_decile=decile)
    # E05015015 has no decile and no small areas: left out.
    values = {"E05015016": 30.0, "E05015017": 22.0, "E05015014": 15.0, "E05015015": 99.0}
    lines = ["measure,area,period,value,lower,upper,denominator,illustrative"]
    lines += [f"smoking,{c},2022,{v},{v - 1},{v + 1},1000,yes" for c, v in values.items()]
    import_file(place=place, source=write_csv("\n".join(lines) + "\n"))

    stored = Assessment.objects.get(kind="inequality", breakdown="ward")
    assert stored.area.code == "E08000007"
    expected = stats.sii(
        [1, 2, 3],
        [1000, 1000, 1000],
        [30.0, 22.0, 15.0],
        lower=[29.0, 21.0, 14.0],
        upper=[31.0, 23.0, 16.0],
        quantiles=3,
        seed=20240401,
        simulations=10_000,
    )
    assert stored.numbers["sii"] == pytest.approx(float(expected.sii.value[0]))
    assert stored.numbers["gap_absolute"] == pytest.approx(15.0)
    assert stored.numbers["wards"] == 3
    assert stored.numbers["illustrative"] is True
    assert "3 wards" in stored.text


def test_inequality_without_limits_computes_them_from_the_counts(place, write_csv):
    """Deciles given as value, numerator and denominator only: the limits come from the library
    (Wilson for a proportion), so the SII is calculated rather than NaN."""
    numerators = [2700, 2600, 2300, 2400, 2300, 2100, 2050, 1800, 1750, 1500]
    population = [9000, 9500, 8700, 9900, 10100, 9800, 10400, 9700, 10300, 9900]
    estimate = stats.proportion(numerators, population, multiplier=100)
    values = np.round(estimate.value, 6)
    lines = ["measure,area,period,breakdown,category,value,numerator,denominator"]
    for decile, (v, x, n) in enumerate(zip(values, numerators, population, strict=True), 1):
        lines.append(f"smoking,E08000007,2022,deprivation_decile,{decile},{v},{x},{n}")
    import_file(place=place, source=write_csv("\n".join(lines) + "\n"))
    expected = stats.sii(
        np.arange(1, 11),
        population,
        values,
        lower=estimate.lower,
        upper=estimate.upper,
        quantiles=10,
        seed=20240401,
        simulations=10_000,
    )
    stored = Assessment.objects.get(kind="inequality")
    assert stored.label == "higher_in_more_deprived"
    assert stored.numbers["sii"] == pytest.approx(float(expected.sii.value[0]))
    assert stored.numbers["sii_lower"] == pytest.approx(float(expected.sii.lower[0]), rel=1e-6)
    assert stored.numbers["sii_upper"] == pytest.approx(float(expected.sii.upper[0]), rel=1e-6)


def test_ward_inequality_without_limits_computes_them_from_the_counts(place, write_csv):
    """A crude rate per 100,000 across wards with counts but no limits: Poisson limits."""
    from onefuture.places.models import Area
    from tests.factories import AreaFactory

    borough = Area.objects.get(place=place, code="E08000007")
    Area.objects.filter(place=place, code="E05015014").update(deprivation_decile=9)
    Area.objects.filter(place=place, code="E05015015").update(deprivation_decile=5)
    AreaFactory(place=place, code="E05015016", parent=borough, deprivation_decile=1)
    counts = {"E05015016": (40, 2000), "E05015015": (30, 2100), "E05015014": (12, 1900)}
    estimate = stats.rate([c for c, _ in counts.values()], [n for _, n in counts.values()])
    lines = ["measure,area,period,value,numerator,denominator"]
    for (code, (c, n)), v in zip(counts.items(), estimate.value, strict=True):
        lines.append(f"falls,{code},2022,{v:.6f},{c},{n}")
    import_file(place=place, source=write_csv("\n".join(lines) + "\n"))
    stored = Assessment.objects.get(kind="inequality", breakdown="ward")
    expected = stats.sii(
        [1, 2, 3],
        [2000, 2100, 1900],
        np.round(estimate.value, 6),
        lower=estimate.lower,
        upper=estimate.upper,
        quantiles=3,
        seed=20240401,
        simulations=10_000,
    )
    assert stored.label == "higher_in_more_deprived"
    assert stored.numbers["sii"] == pytest.approx(float(expected.sii.value[0]))


def test_inequality_words_say_which_end_is_higher():
    from onefuture.measures.vocabulary import inequality_sentence

    assert inequality_sentence(-4.25, "%", "deprivation deciles") == (
        "Gap of 4.25 percentage points across deprivation deciles (slope index of inequality),"
        " higher in the more deprived areas"
    )
    assert inequality_sentence(12.0, "years", "21 wards").endswith(
        "across 21 wards (slope index of inequality), higher in the less deprived areas"
    )
    assert (
        inequality_sentence(None, "", "3 wards")
        == "Inequality across 3 wards could not be calculated"
    )


def test_a_measure_without_a_home_area_is_assessed_for_its_comparator_groups_subject(
    place, write_csv
):
    """The pages show such a measure's latest value for the group's subject (the one rule,
    ``selectors.measure_home_area``), so its progress and trajectory are assessed there too."""
    from onefuture.measures.models import Measure
    from onefuture.places.models import Area
    from tests.factories import ComparatorGroupFactory

    stockport = Area.objects.get(place=place, code="E08000007")
    group = ComparatorGroupFactory(place=place, subject=stockport)
    Measure.objects.filter(place=place, key="smoking").update(
        home_area=None, comparator_group=group
    )
    header = "measure,area,period,value,lower,upper,numerator,denominator"
    lines = [header, *_rows("E08000007", STOCKPORT), *_rows("E92000001", ENGLAND)]
    import_file(place=place, source=write_csv("\n".join(lines) + "\n"))

    progress = Assessment.objects.get(kind="progress")
    trajectory = Assessment.objects.get(kind="trajectory")
    assert progress.area == trajectory.area == stockport
    assert progress.period == trajectory.period == "2022"
    assert "2030" in progress.text and "2030" in trajectory.text


def test_long_words_method_and_rule_are_stored_whole(imported):
    """Nothing is cut to fit a column: the reader is shown all of the rule (it was cut to 300
    characters once, and the method to 200)."""
    from onefuture.measures.assessing import Rows, assessments_store
    from onefuture.measures.models import Measure

    measure = Measure.objects.get(place=imported, key="smoking")
    area_id = Assessment.objects.filter(measure=measure).values_list("area_id", flat=True)[0]
    text, method, rule = "Similar to " + "x" * 600, "m" * 450, "A rule. " * 500
    rows = Rows()
    rows.add(
        measure_id=measure.id,
        area_id=area_id,
        breakdown="none",
        category="",
        kind="comparison",
        benchmark_id=None,
        period="2022",
        label="similar",
        text=text,
        numbers={},
        method=method,
        rule=rule,
    )
    assert assessments_store(measure_ids=[measure.id], rows=rows) == 1
    stored = Assessment.objects.get(measure=measure)
    assert (stored.text, stored.method, stored.rule) == (text, method, rule)


def test_every_stored_result_has_words_and_a_colour_from_the_vocabulary(imported):
    """The words stored are the vocabulary's sentence for the row's label, and the tag's colour
    is the table's: the decreasing smoking trend (lower is better) is green."""
    from onefuture.measures import vocabulary

    stored = list(Assessment.objects.select_related("measure"))
    assert {a.kind for a in stored} >= {"comparison", "trend", "progress", "trajectory"}
    for a in stored:
        polarity = a.numbers.get("polarity") if a.kind == "trend" else None
        found = vocabulary.term(a.kind, a.label, polarity=polarity)
        assert vocabulary.assessment_status(a).colour == found.colour
    trend = Assessment.objects.get(kind="trend", area__code="E08000007")
    assert trend.numbers["polarity"] == "low_is_good"
    assert trend.text == "Decreasing and getting better"
    assert vocabulary.assessment_status(trend).colour == "green"


def test_the_migration_relabels_stored_inequality_results_by_their_sign(imported):
    """Rows stored as "calculated" before the labels said which end is higher get the label a
    re-assessment would give, so the pages find their words and colour at once."""
    import importlib

    from django.apps import apps

    migration = importlib.import_module("onefuture.measures.migrations.0005_assessment_texts_whole")
    template = Assessment.objects.filter(kind="comparison").first()
    for sii in (-2.0, 3.0, 0.0, None):
        Assessment.objects.create(
            measure=template.measure,
            area=template.area,
            kind="inequality",
            breakdown="deprivation_decile",
            label="calculated" if sii is not None else "not_calculated",
            text="",
            numbers={"sii": sii},
            method="",
            rule="",
            computed_at=template.computed_at,
        )
    migration._inequality_labels(apps, None)
    labels = {a.numbers["sii"]: a.label for a in Assessment.objects.filter(kind="inequality")}
    assert labels == {
        -2.0: "higher_in_more_deprived",
        3.0: "higher_in_less_deprived",
        0.0: "no_gap",
        None: "not_calculated",
    }
