"""Theme discovery on the small written fixture: shapes, determinism, "other", auto-k, labels."""

from __future__ import annotations

from collections import Counter

import pytest
from sklearn.metrics import adjusted_mutual_info_score

from onefuture import themes
from onefuture.themes import discovery


def _first_theme(comments: list[dict]) -> list[str]:
    return [c["themes"][0] for c in comments]


def test_discover_returns_one_number_per_comment_and_finds_the_written_themes(
    comments: list[dict], texts: list[str]
) -> None:
    labels = themes.discover(texts, n_themes=4, seed=0)
    assert len(labels) == len(texts)
    assert all(isinstance(label, int) for label in labels)
    assert set(labels) <= {-1, 0, 1, 2, 3}
    # Four clearly separated themes, written to be found: well above chance agreement.
    assert adjusted_mutual_info_score(_first_theme(comments), labels) > 0.4


def test_themes_are_numbered_by_size(texts: list[str]) -> None:
    sizes = Counter(label for label in themes.discover(texts, n_themes=4) if label >= 0)
    assert [sizes[n] for n in sorted(sizes)] == sorted(sizes.values(), reverse=True)


def test_same_seed_same_output(texts: list[str]) -> None:
    assert themes.discover(texts, seed=3) == themes.discover(texts, seed=3)
    assert themes.discover_themes(texts, n_themes=4, seed=3) == themes.discover_themes(
        texts, n_themes=4, seed=3
    )


def test_blank_comments_are_other(texts: list[str]) -> None:
    labels = themes.discover([*texts, "", "   ", "?!"], n_themes=4)
    assert labels[-3:] == [-1, -1, -1]
    assert all(label >= 0 for label in labels[:-3])


def test_a_theme_too_small_to_name_is_other() -> None:
    texts = ["bus late"] * 6 + ["park lovely"] * 6 + ["zebra crossing tax on spoons"]
    labels = themes.discover(texts, n_themes=3)
    assert labels[-1] == -1
    assert labels.count(-1) == 1


def test_auto_k_picks_a_number_in_range_and_follows_the_data(texts: list[str]) -> None:
    labels = themes.discover(texts)
    k = len(set(labels) - {-1})
    assert discovery.K_RANGE[0] <= k <= min(discovery.K_RANGE[1], len(texts) // 3)
    # With three near-identical groups repeated, silhouette must prefer few themes to many.
    repeated = ["the bus is late"] * 10 + ["the park is lovely"] * 10 + ["shops are empty"] * 10
    assert len(set(themes.discover(repeated)) - {-1}) <= discovery.K_RANGE[0]


def test_discover_themes_describes_each_theme(texts: list[str]) -> None:
    found = themes.discover_themes(texts, n_themes=4, n_quotes=3)
    labels = themes.discover(texts, n_themes=4)
    assert sum(t.count for t in found) == len(texts)
    for theme in found:
        assert theme.members == tuple(i for i, label in enumerate(labels) if label == theme.number)
        assert theme.label and theme.keywords
        assert theme.label.split(" / ")[0] == theme.keywords[0]
        assert len(theme.quotes) == len(set(theme.quotes)) == min(3, theme.count)
        assert set(theme.representatives) <= set(theme.members)
        assert theme.quotes == tuple(texts[i] for i in theme.representatives)


def test_keywords_come_from_the_theme_not_the_whole_corpus(comments: list[dict]) -> None:
    texts = [c["text"] for c in comments]
    found = {t.number: t for t in themes.discover_themes(texts, n_themes=4)}
    labels = themes.discover(texts, n_themes=4)
    for number, theme in found.items():
        words = " ".join(texts[i].lower() for i, label in enumerate(labels) if label == number)
        assert all(keyword.split()[0] in words for keyword in theme.keywords)


def test_bad_input_is_explained() -> None:
    with pytest.raises(themes.ThemeInputError, match="empty"):
        themes.discover([])
    with pytest.raises(themes.ThemeInputError, match="not one string"):
        themes.discover("one comment")
    with pytest.raises(themes.ThemeInputError, match=r"texts\[1\] is NoneType"):
        themes.discover(["fine", None])  # type: ignore[list-item]
    with pytest.raises(themes.ThemeInputError, match="only 2 non-blank"):
        themes.discover(["one", "two", ""], n_themes=3)
    with pytest.raises(themes.ThemeInputError, match="at least 1"):
        themes.discover(["one", "two"], n_themes=0)
