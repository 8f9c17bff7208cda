"""Theme assignment: labelled comments kept as given, propagation, confidences, stability."""

from __future__ import annotations

import numpy as np
import pytest

from onefuture import themes

# Three labelled comments per theme (indices into tests/data/themes/comments.jsonl).
LABELLED = (0, 1, 3, 12, 13, 14, 24, 25, 26, 36, 37, 38)


@pytest.fixture(scope="module")
def examples(comments: list[dict]) -> dict[int, list[str]]:
    return {i: comments[i]["themes"] for i in LABELLED}


@pytest.fixture(scope="module")
def result(texts: list[str], examples: dict[int, list[str]]) -> themes.Assignment:
    return themes.assign_themes(texts, examples, seed=0, review_size=5)


def test_assign_returns_themes_for_every_comment(
    comments: list[dict], texts: list[str], examples: dict[int, list[str]]
) -> None:
    labels = themes.assign(texts, examples)
    assert len(labels) == len(texts)
    known = {name for names in examples.values() for name in names}
    assert all(label and set(label) <= known for label in labels)
    # The first written theme of an unlabelled comment is found for most of them.
    hits = [comments[i]["themes"][0] in labels[i] for i in range(len(texts)) if i not in examples]
    assert np.mean(hits) >= 0.75


def test_labelled_comments_come_back_exactly_as_given(texts: list[str]) -> None:
    examples = {0: ["transport", "Made Up Theme"], 12: ["parks and green space"], 5: []}
    labels = themes.assign(texts, examples)
    assert labels[0] == ["transport", "Made Up Theme"]
    assert labels[12] == ["parks and green space"]
    assert labels[5] == []


def test_same_seed_same_output(texts: list[str], examples: dict[int, list[str]]) -> None:
    first = themes.assign_themes(texts, examples, seed=1)
    second = themes.assign_themes(texts, examples, seed=1)
    assert first.labels == second.labels
    np.testing.assert_array_equal(first.confidence, second.confidence)


def test_confidences_and_review_queue(
    result: themes.Assignment, texts: list[str], examples: dict[int, list[str]]
) -> None:
    assert result.confidence.shape == (len(texts), len(result.themes))
    assert ((result.confidence >= 0) & (result.confidence <= 1)).all()
    assert result.confirmed.sum() == len(examples)
    for index in examples:
        assert result.confidences(index)[examples[index][0]] == 1.0
    # The chosen themes are the most confident ones.
    for index, names in enumerate(result.labels):
        if index not in examples:
            best = max(result.confidences(index).items(), key=lambda item: item[1])[0]
            assert names[0] == best
    assert len(result.review) == 5
    assert not set(result.review) & set(examples)
    # Least confident first: every comment in the queue is less sure than every one outside it.
    best = result.confidence.max(axis=1)
    queue = [best[i] for i in result.review]
    assert queue == sorted(queue)
    others = [best[i] for i in range(len(texts)) if i not in examples and i not in result.review]
    assert max(queue) <= min(others)


def test_confirmed_themes_stay_stable_when_comments_are_added(
    texts: list[str], examples: dict[int, list[str]], result: themes.Assignment
) -> None:
    added = [
        "The trains were late again and the bus replacement never came.",
        "Please put benches and more trees in the park.",
        "Completely unrelated: my neighbour's cat is very fluffy.",
    ]
    grown = themes.assign_themes([*texts, *added], examples, seed=0)
    assert grown.themes == result.themes
    for index, names in examples.items():
        assert grown.labels[index] == names
        np.testing.assert_array_equal(grown.confidence[index], result.confidence[index])
    assert "transport" in grown.labels[len(texts)]
    assert "parks and green space" in grown.labels[len(texts) + 1]


def test_descriptions_let_a_theme_without_examples_be_assigned(texts: list[str]) -> None:
    examples = {0: ["transport"], 1: ["transport"], 12: ["parks"], 13: ["parks"]}
    result = themes.assign_themes(
        [*texts, "Crime and antisocial behaviour near the station worry me."],
        examples,
        descriptions={"safety": "crime, antisocial behaviour, feeling unsafe, police"},
    )
    assert result.themes == ("transport", "parks", "safety")
    assert "safety" in result.labels[-1]


def test_bad_examples_are_explained(texts: list[str]) -> None:
    with pytest.raises(
        themes.ThemeInputError, match="comment 99, but the comments are numbered 0 to 47"
    ):
        themes.assign(texts, {99: ["transport"]})
    with pytest.raises(themes.ThemeInputError, match="keys must be comment indices"):
        themes.assign(texts, {"0": ["transport"]})  # type: ignore[dict-item]
    with pytest.raises(themes.ThemeInputError, match=r"examples\[0\] must be a list"):
        themes.assign(texts, {0: "transport"})  # type: ignore[dict-item]
    with pytest.raises(themes.ThemeInputError, match="non-blank"):
        themes.assign(texts, {0: [" "]})
    with pytest.raises(themes.ThemeInputError, match="no themes to assign"):
        themes.assign(texts, {0: []})
    with pytest.raises(themes.ThemeInputError, match="empty"):
        themes.assign([], {})
