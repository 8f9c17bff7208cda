"""Every label the statistics library can return has words and a colour, by kind (ADR 0017).

The label sets are iterated from ``onefuture.stats``, so a label added there without words here
fails this file; the colour comes from (kind, label, polarity) and never from the sentence.
"""

from __future__ import annotations

import numpy as np
import pytest

from onefuture import stats
from onefuture.measures import vocabulary
from onefuture.measures.models import Assessment, AssessmentKind, Measure, Polarity

POLARITIES = list(Polarity.values)


def test_every_assessment_kind_has_a_table():
    assert set(vocabulary.VOCABULARY) == set(AssessmentKind.values)


@pytest.mark.parametrize(
    ("kind", "labels"),
    [
        ("comparison", stats.COMPARISON_LABELS),
        ("progress", stats.PROGRESS_CATEGORIES),
        ("trajectory", stats.TRAJECTORY_STATUSES),
    ],
)
def test_every_label_the_library_returns_has_words_and_no_others(kind, labels):
    for label in labels:
        found = vocabulary.term(kind, label)
        assert found.status and found.sentence and found.colour in vocabulary.COLOURS
    # No words for a result the library never gives (they would hide a renamed label).
    assert set(vocabulary.VOCABULARY[kind]) == set(labels)


def test_every_trend_marker_has_words_for_every_polarity():
    for marker in stats.TREND_MARKERS:
        for polarity in POLARITIES:
            assert vocabulary.term("trend", marker, polarity=polarity).sentence
    assert set(vocabulary.TREND) == {(m, p) for m in stats.TREND_MARKERS for p in POLARITIES}


def test_every_inequality_label_the_assessment_gives_has_words():
    given = {vocabulary.inequality_label(sii) for sii in (-3.0, 0.0, 2.5, None)}
    assert given == set(vocabulary.INEQUALITY)


def test_trend_words_are_the_librarys_for_each_polarity():
    """Fingertips' own words ("Increasing and getting worse"), as ``stats.trend`` gives them."""
    years = list(range(2016, 2021)) * 4
    rising = [10.0, 11.0, 12.0, 13.0, 14.0]
    value = np.array(
        rising + rising[::-1] + [12.0, 12.1, 11.9, 12.0, 12.05] + [10.0] * 4 + [np.nan]
    )
    for polarity in POLARITIES:
        result = stats.trend(
            years,
            value,
            value - 0.1,
            value + 0.1,
            polarity=polarity,
            groups=np.repeat(["a", "b", "c", "d"], 5),
        )
        for marker, words in zip(result.marker, result.label, strict=True):
            assert vocabulary.term("trend", str(marker), polarity=polarity).sentence == words


# Fingertips colours: better green, similar yellow (amber), worse red; higher or lower with no
# judgement blue; not compared and the like grey. Progress: significant green, moderate yellow,
# insufficient orange, moving away red.
COLOURS = {
    ("comparison", "better"): "green",
    ("comparison", "better_99_8"): "green",
    ("comparison", "similar"): "yellow",
    ("comparison", "worse"): "red",
    ("comparison", "worse_99_8"): "red",
    ("comparison", "higher"): "blue",
    ("comparison", "higher_99_8"): "blue",
    ("comparison", "lower"): "blue",
    ("comparison", "lower_99_8"): "blue",
    ("comparison", "not_compared"): "grey",
    ("progress", "significant_progress"): "green",
    ("progress", "moderate_progress"): "yellow",
    ("progress", "insufficient_progress"): "orange",
    ("progress", "movement_away"): "red",
    ("progress", "significant_movement_away"): "red",
    ("progress", "not_assessed"): "grey",
    ("trajectory", "on_or_ahead"): "green",
    ("trajectory", "behind"): "red",
    ("trajectory", "not_assessed"): "grey",
    ("inequality", "higher_in_more_deprived"): "blue",
    ("inequality", "higher_in_less_deprived"): "blue",
    ("inequality", "no_gap"): "blue",
    ("inequality", "not_calculated"): "grey",
}


@pytest.mark.parametrize(("kind", "label"), list(COLOURS))
def test_colours_are_fingertips(kind, label):
    assert vocabulary.status_for(kind, label).colour == COLOURS[kind, label]


@pytest.mark.parametrize(
    ("marker", "polarity", "colour"),
    [
        ("increasing", "high_is_good", "green"),
        ("increasing", "low_is_good", "red"),
        ("increasing", "no_judgement", "blue"),
        ("decreasing", "high_is_good", "red"),
        ("decreasing", "low_is_good", "green"),
        ("decreasing", "no_judgement", "blue"),
        ("no_significant_change", "low_is_good", "grey"),
        ("cannot_be_calculated", "high_is_good", "grey"),
    ],
)
def test_a_trends_colour_comes_from_its_marker_and_polarity(marker, polarity, colour):
    assert vocabulary.status_for("trend", marker, polarity=polarity).colour == colour


def test_the_colour_never_comes_from_the_sentence():
    """Betterton, Worsley and Higher Bebington are places, not judgements."""
    assert vocabulary.status_for("comparison", "similar", text="Similar to Betterton").colour == (
        "yellow"
    )
    assert vocabulary.status_for("comparison", "better", text="Better than Worsley").colour == (
        "green"
    )
    assert vocabulary.status_for(
        "comparison", "not_compared", text="Not compared with Higher Bebington"
    ).colour == ("grey")
    status = vocabulary.status_for("comparison", "similar", text="Similar to Betterton")
    assert status.text == "Similar to Betterton"
    assert status.css == "govuk-tag govuk-tag--yellow"


def test_a_status_without_a_sentence_shows_the_short_words():
    assert vocabulary.status_for("comparison", "better").text == "Better"
    assert vocabulary.status_for("progress", "moderate_progress").text == "Moderate progress"


def test_an_unknown_label_raises_for_the_writer_and_shows_not_assessed_to_the_reader():
    """The assessment service asks ``term`` before it stores a row, so a label without words
    fails there; a stored row with an unknown label (from before a rename) shows grey
    "Not assessed" rather than break the page."""
    with pytest.raises(vocabulary.UnknownResult, match="'much_better'"):
        vocabulary.term("comparison", "much_better")
    with pytest.raises(vocabulary.UnknownResult, match="kind 'ranking'"):
        vocabulary.term("ranking", "better")
    with pytest.raises(vocabulary.UnknownResult, match="polarity None"):
        vocabulary.term("trend", "increasing")
    with pytest.raises(vocabulary.UnknownResult):
        vocabulary.sentences("comparison", ["better", "much_better"], benchmark="England")
    status = vocabulary.status_for("comparison", "much_better", text="Much better than England")
    assert (status.text, status.colour) == ("Not assessed", "grey")


def test_sentences_fill_each_rows_fields():
    texts = vocabulary.sentences(
        "comparison", ["better", "similar", "better"], benchmark=["England", "North West", "X"]
    )
    assert texts == ["Better than England", "Similar to North West", "Better than X"]
    goal = vocabulary.goal_words("2030")
    assert vocabulary.sentences("progress", ["movement_away"], goal=goal) == [
        "Moving away from the 2030 target"
    ]
    assert vocabulary.sentences(
        "progress", ["significant_progress"], goal=vocabulary.goal_words("")
    ) == ["Significant progress towards the desired direction"]


def test_assessment_status_takes_a_trends_polarity_from_the_row_else_the_measure():
    measure = Measure(polarity="high_is_good")
    stored = Assessment(
        measure=measure,
        kind="trend",
        label="increasing",
        text="Increasing and getting worse",
        numbers={"polarity": "low_is_good", "illustrative": True},
    )
    status = vocabulary.assessment_status(stored)
    assert (status.colour, status.illustrative) == ("red", True)
    older = Assessment(measure=measure, kind="trend", label="increasing", text="", numbers={})
    assert vocabulary.assessment_status(older).colour == "green"
    assert vocabulary.assessment_status(older).text == "Increasing and getting better"
