"""Theme assignment: propagate an analyst's confirmed themes from a few labelled comments to all.

Method (ADR 0009): one ridge regression per theme (0/1 target) in dual form, on four
concatenated representations of each comment: TF-IDF word 1–2-grams, TF-IDF character 2–4-grams
(within words; robust to misspellings and upper case), the MiniLM sentence embedding, and the
same embedding smoothed over the comment's nearest neighbours among *all* non-blank comments (so
unlabelled comments shape the space; discovery's smoothing of the same comments is reused).
With n labelled comments the dual solve is one n×n Cholesky system shared by every theme, which
is why it is fast. A comment gets every theme whose score clears a
threshold and is close enough to its best theme's score, and always its best theme (top-1
fallback); the threshold and the ratio are calibrated by cross-validation on the labelled
comments themselves, to maximise sample-averaged F1 (themefinder's metric). The labelled
comments keep the themes the person gave them, word for word: new comments never change a
confirmed assignment.

The engagement analysis's baseline, one-vs-rest logistic regression on TF-IDF ⊕ MiniLM, scored
sample-F1 0.675 (NHS) and 0.903 (ANES) with 20 % labelled; this scored 0.701 and 0.925
(docs/performance.md). Sources: Hoerl & Kennard (1970) and Saunders, Gammerman & Vovk (1998,
ridge regression in dual variables); Rifkin & Klautau (2004, one-vs-rest regularised least
squares is as accurate as other multi-class schemes); Zhou et al. (2004, neighbour smoothing);
Lewis et al. (2004, RCV1, thresholds tuned by cross-validation).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
from scipy import linalg, sparse
from sklearn.feature_extraction.text import TfidfVectorizer
from threadpoolctl import threadpool_limits

from onefuture.themes import embedding
from onefuture.themes.discovery import ThemeInputError, _check_texts, smoothed_content

__all__ = ["Assignment", "assign", "assign_themes"]

#: Ridge penalty (tuned on NHS and ANES over 0.3–3, ADR 0009).
RIDGE = 1.0
#: Cross-validation folds used to calibrate the decision rule.
FOLDS = 3
#: Grids searched by the calibration.
THRESHOLDS = (0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.5)
RATIOS = (0.0, 0.25, 0.5, 0.75)
#: Default rule when too few comments are labelled to calibrate.
DEFAULT_RULE = (0.3, 0.5)
#: Unlabelled comments scored per block (bounds memory on large consultations).
BLOCK = 4096


@dataclass(frozen=True)
class Assignment:
    """Themes for every comment, with a confidence per theme and a review queue.

    ``themes`` names the columns of ``confidence`` (an ``(n, len(themes))`` array of ridge scores
    clipped to [0, 1]: about 1 for a comment like the theme's examples, about 0 for one unlike
    them; not calibrated probabilities). ``labels[i]`` are comment ``i``'s themes: for a labelled
    comment exactly as the analyst gave them (``confirmed[i]`` is True, confidence 1 or 0).
    ``review`` lists the unconfirmed comments whose best theme is least certain, least first.
    """

    themes: tuple[str, ...]
    labels: list[list[str]]
    confidence: np.ndarray
    confirmed: np.ndarray
    review: list[int]
    threshold: float
    ratio: float
    notes: list[str] = field(default_factory=list)

    def confidences(self, index: int) -> dict[str, float]:
        """The confidence of each theme for comment ``index``, highest first."""
        row = self.confidence[index]
        order = np.argsort(-row, kind="stable")
        return {self.themes[j]: round(float(row[j]), 4) for j in order}


def _check_examples(
    examples: Mapping[int, Sequence[str]], n: int
) -> tuple[dict[int, list[str]], list[str]]:
    if not isinstance(examples, Mapping):
        raise ThemeInputError(
            "examples must map a comment's index to the list of theme names given to it"
        )
    checked: dict[int, list[str]] = {}
    names: list[str] = []
    for key, value in examples.items():
        if isinstance(key, bool) or not isinstance(key, int | np.integer):
            raise ThemeInputError(f"examples has the key {key!r}: keys must be comment indices")
        if not 0 <= key < n:
            raise ThemeInputError(
                f"examples refers to comment {key}, but the comments are numbered 0 to {n - 1}"
            )
        if isinstance(value, str) or not isinstance(value, Sequence):
            raise ThemeInputError(
                f"examples[{key}] must be a list of theme names, not {type(value).__name__}"
            )
        themes = list(value)
        for name in themes:
            if not isinstance(name, str) or not name.strip():
                raise ThemeInputError(
                    f"examples[{key}] holds {name!r}: a theme name must be non-blank text"
                )
            if name not in names:
                names.append(name)
        checked[int(key)] = themes
    return checked, names


def _representations(texts: list[str], vectors: np.ndarray) -> list[sparse.csr_matrix | np.ndarray]:
    """The four blocks of features, each with unit-length rows."""
    words = embedding.tfidf(texts).matrix
    try:
        characters = TfidfVectorizer(
            analyzer="char_wb",
            ngram_range=(2, 4),
            sublinear_tf=True,
            min_df=2 if len(texts) >= 20 else 1,
            dtype=np.float32,
        ).fit_transform(texts)
    except ValueError:  # no characters at all (every text blank)
        characters = sparse.csr_matrix((len(texts), 1), dtype=np.float32)
    return [words, sparse.csr_matrix(characters), vectors, smoothed_content(texts, vectors)]


def _kernel(
    blocks: list[sparse.csr_matrix | np.ndarray], rows: np.ndarray, columns: np.ndarray
) -> np.ndarray:
    """Linear kernel between two sets of comments over the concatenated blocks."""
    out = np.zeros((len(rows), len(columns)))
    for block in blocks:
        product = block[rows] @ block[columns].T
        out += product.toarray() if sparse.issparse(product) else product
    return out


def _solve(gram: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Dual ridge coefficients: (K + λI)⁻¹ Y, one column per theme (one Cholesky factorisation).

    On one BLAS thread: OpenBLAS's threaded factorisation of a 2,000×2,000 matrix took 0.9–2.0 s
    on the shared 2-core machine against 0.17 s on one thread (docs/performance.md).
    """
    with threadpool_limits(limits=1, user_api="blas"):
        factor = linalg.cho_factor(gram + RIDGE * np.eye(len(gram)), check_finite=False)
        return linalg.cho_solve(factor, y.astype(float), check_finite=False)


def _decide(score: np.ndarray, threshold: float, ratio: float) -> np.ndarray:
    best = score.max(axis=1, keepdims=True)
    chosen = (score >= threshold) & (score >= ratio * best)
    chosen[np.arange(len(score)), score.argmax(axis=1)] = True
    return chosen


def _sample_f1(truth: np.ndarray, predicted: np.ndarray) -> float:
    overlap = (truth & predicted).sum(axis=1)
    size = truth.sum(axis=1) + predicted.sum(axis=1)
    return float(np.where(size == 0, 1.0, 2 * overlap / np.maximum(size, 1)).mean())


def _calibrate(gram: np.ndarray, y: np.ndarray, seed: int) -> tuple[float, float, list[str]]:
    """Choose (threshold, ratio) maximising sample-F1 on out-of-fold scores."""
    n = len(y)
    has_theme = y.any(axis=1)
    if n < 2 * FOLDS or has_theme.sum() < 2 * FOLDS:
        return (*DEFAULT_RULE, ["too few labelled comments to calibrate: default rule used"])
    folds = np.random.default_rng(seed).permutation(n) % FOLDS
    out = np.zeros(y.shape)
    for fold in range(FOLDS):
        test, train = folds == fold, folds != fold
        alpha = _solve(gram[np.ix_(train, train)], y[train])
        out[test] = gram[np.ix_(test, train)] @ alpha
    truth = y[has_theme].astype(bool)
    scores = {
        (t, r): _sample_f1(truth, _decide(out[has_theme], t, r)) for t in THRESHOLDS for r in RATIOS
    }
    (threshold, ratio), _ = max(scores.items(), key=lambda item: (item[1], item[0]))
    return threshold, ratio, []


def assign_themes(
    texts: Sequence[str],
    examples: Mapping[int, Sequence[str]],
    *,
    descriptions: Mapping[str, str] | None = None,
    seed: int = 0,
    review_size: int = 20,
) -> Assignment:
    """Assign every comment zero, one or several of the analyst's themes, with confidences.

    ``examples`` maps a comment's index to the theme names a person gave it (an empty list means
    "confirmed: no theme"). ``descriptions`` (theme name → a sentence) add each theme's
    "name: description" as one more labelled example, and may name themes that have no labelled
    comment yet. Unlabelled comments get the themes chosen by the calibrated rule (always at least
    their best theme); ``review`` lists the ``review_size`` unconfirmed comments whose best theme
    has the lowest confidence, least confident first: the ones to check, then label, next.

    Method: see the module docstring; measured sample-F1 with 20 % labelled is in
    docs/performance.md.

    >>> texts = ["bus late", "bus late again", "park lovely", "lovely park", "late buses",
    ...          "the park is lovely"]
    >>> result = assign_themes(texts, {0: ["transport"], 2: ["parks"], 1: ["transport"]})
    >>> result.labels[4], result.labels[5]
    (['transport'], ['parks'])
    """
    checked = _check_texts(texts)
    n = len(checked)
    confirmed_examples, names = _check_examples(examples, n)
    described = dict(descriptions or {})
    for name, text in described.items():
        if not isinstance(name, str) or not name.strip() or not isinstance(text, str):
            raise ThemeInputError(
                f"descriptions must map theme names to text; got {name!r}: {text!r}"
            )
        if name not in names:
            names.append(name)
    if not names:
        raise ThemeInputError(
            "no themes to assign: label at least one comment with a theme name in examples, "
            "or give a theme description"
        )
    column = {name: j for j, name in enumerate(names)}
    extra = [f"{name}: {text}" for name, text in described.items()]
    vectors = embedding.embed(checked + extra)
    blocks = _representations(checked + extra, vectors)
    labelled = sorted(confirmed_examples)
    train_rows = labelled + list(range(n, n + len(extra)))
    y = np.zeros((len(train_rows), len(names)), dtype=np.int8)
    for row, index in enumerate(labelled):
        for name in confirmed_examples[index]:
            y[row, column[name]] = 1
    for row, name in enumerate(described, start=len(labelled)):
        y[row, column[name]] = 1

    train = np.asarray(train_rows, dtype=int)
    gram = _kernel(blocks, train, train)
    threshold, ratio, notes = _calibrate(gram, y, seed)
    alpha = _solve(gram, y)
    confirmed = np.zeros(n, dtype=bool)
    confirmed[labelled] = True
    todo = np.flatnonzero(~confirmed)
    confidence = np.zeros((n, len(names)))
    for start in range(0, len(todo), BLOCK):
        rows = todo[start : start + BLOCK]
        confidence[rows] = np.clip(_kernel(blocks, rows, train) @ alpha, 0.0, 1.0)
    for index in labelled:
        for name in confirmed_examples[index]:
            confidence[index, column[name]] = 1.0

    chosen = _decide(confidence[todo], threshold, ratio) if len(todo) else np.zeros((0, 0))
    labels: list[list[str]] = [list(confirmed_examples.get(i, [])) for i in range(n)]
    for row, position in enumerate(todo.tolist()):
        picked = np.flatnonzero(chosen[row])
        picked = picked[np.argsort(-confidence[position, picked], kind="stable")]
        labels[position] = [names[j] for j in picked]
    best = confidence[todo].max(axis=1) if len(todo) else np.zeros(0)
    review = [int(i) for i in todo[np.argsort(best, kind="stable")[:review_size]]]
    return Assignment(
        themes=tuple(names),
        labels=labels,
        confidence=confidence,
        confirmed=confirmed,
        review=review,
        threshold=threshold,
        ratio=ratio,
        notes=notes,
    )


def assign(
    texts: Sequence[str], examples: Mapping[int, Sequence[str]], *, seed: int = 0
) -> list[list[str]]:
    """Theme names for every comment, learnt from the comments a person labelled.

    ``examples`` maps a comment's index to the list of theme names a person gave it; those
    comments come back exactly as given. Every other comment gets one or more of those themes.
    :func:`assign_themes` gives the confidences, the review queue and theme descriptions.

    Method: one ridge regression per theme on word and character TF-IDF ⊕ MiniLM (raw and
    neighbour-smoothed), decision rule calibrated by cross-validation (see the module docstring;
    Rifkin & Klautau 2004).

    >>> assign(["bus late", "park lovely", "late bus again", "lovely park"],
    ...        {0: ["transport"], 1: ["parks"]})
    [['transport'], ['parks'], ['transport'], ['parks']]
    """
    return assign_themes(texts, examples, seed=seed).labels
