"""Evaluation metrics for theme discovery and assignment, as the engagement analysis defines them.

Discovery is scored by adjusted mutual information against people's labels (Vinh, Epps & Bailey
2010), which corrects for the agreement that chance alone gives a clustering with that many
clusters. Assignment is scored by sample-averaged F1, the metric of i.AI's themefinder
(``evals/metrics.py``), with a bootstrap confidence interval over comments.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from sklearn.metrics import adjusted_mutual_info_score

__all__ = ["Score", "ami", "sample_f1", "sample_f1_interval"]


@dataclass(frozen=True)
class Score:
    """A score with its bootstrap interval."""

    value: float
    lower: float
    upper: float
    method: str


def ami(truth: Sequence[object], predicted: Sequence[int]) -> float:
    """Adjusted mutual information between people's themes and discovered ones (1 = identical).

    "Other" (-1) counts as one more cluster. Source: Vinh et al. (2010); scikit-learn.

    >>> round(ami(["a", "a", "b", "b"], [1, 1, 0, 0]), 3)
    1.0
    """
    if len(truth) != len(predicted):
        raise ValueError(f"truth has {len(truth)} labels but predicted has {len(predicted)}")
    return float(adjusted_mutual_info_score(list(map(str, truth)), list(predicted)))


def _per_comment_f1(
    truth: Sequence[Sequence[str]], predicted: Sequence[Sequence[str]]
) -> np.ndarray:
    if len(truth) != len(predicted):
        raise ValueError(f"truth has {len(truth)} rows but predicted has {len(predicted)}")
    scores = np.empty(len(truth))
    for i, (t, p) in enumerate(zip(truth, predicted, strict=True)):
        a, b = set(t), set(p)
        scores[i] = 1.0 if not a and not b else 2 * len(a & b) / (len(a) + len(b))
    return scores


def sample_f1(truth: Sequence[Sequence[str]], predicted: Sequence[Sequence[str]]) -> float:
    """Sample-averaged F1: the F1 of each comment's theme set, averaged over comments.

    A comment with no theme in either list scores 1 (sklearn's ``zero_division=1``) .
    Source: themefinder ``evals/metrics.py`` (``f1_score(average="samples")``).

    >>> sample_f1([["a"], ["a", "b"]], [["a"], ["b", "c"]])
    0.75
    """
    return float(_per_comment_f1(truth, predicted).mean()) if len(truth) else float("nan")


def sample_f1_interval(
    truth: Sequence[Sequence[str]],
    predicted: Sequence[Sequence[str]],
    *,
    confidence: float = 0.95,
    resamples: int = 1000,
    seed: int = 0,
) -> Score:
    """Sample-F1 with a percentile bootstrap interval (comments resampled with replacement).

    Source: Efron & Tibshirani (1993); themefinder reports the same 1,000× bootstrap.

    >>> score = sample_f1_interval([["a"]] * 50 + [["b"]] * 50, [["a"]] * 100)
    >>> score.value, score.lower < 0.5 < score.upper
    (0.5, True)
    """
    if not 0 < confidence < 1:
        raise ValueError(f"confidence must be between 0 and 1, not {confidence}")
    scores = _per_comment_f1(truth, predicted)
    rng = np.random.default_rng(seed)
    means = scores[rng.integers(0, len(scores), size=(resamples, len(scores)))].mean(axis=1)
    tail = (1 - confidence) / 2
    return Score(
        value=float(scores.mean()),
        lower=float(np.quantile(means, tail)),
        upper=float(np.quantile(means, 1 - tail)),
        method=f"sample-averaged F1, {resamples}x percentile bootstrap over comments",
    )
