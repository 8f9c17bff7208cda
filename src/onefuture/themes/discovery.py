"""Theme discovery: cluster comments and propose themes for an analyst to curate.

Method (ADR 0009): MiniLM sentence embeddings, smoothed over each comment's nearest neighbours
(each vector moves half-way towards the mean of its 10 nearest neighbours, then is re-normalised),
then k-means on the unit sphere. The smoothing pulls a short, noisy comment towards the comments
that say the same thing: about +0.01 AMI on the NHS set and +0.02 on ANES over plain k-means
(ADR 0009, docs/performance.md). The number of themes, when not given, is the k in 5–30 with
the best cosine silhouette on a fixed subsample. Themes are labelled from class-based TF-IDF
keywords (Grootendorst 2022, BERTopic) and illustrated by representative comments chosen by
maximal marginal relevance (Carbonell & Goldstein 1998) around the theme's centroid.

Clustering proposes; it does not replace the analyst's codebook: fine-grained human codebooks are
only partly recoverable without supervision (engagement analysis, section 4.1).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import numpy as np
from sklearn.cluster import KMeans
from sklearn.feature_extraction.text import CountVectorizer
from sklearn.metrics import silhouette_score
from sklearn.neighbors import NearestNeighbors
from threadpoolctl import threadpool_limits

from onefuture.themes import embedding

__all__ = [
    "OTHER",
    "Theme",
    "ThemeInputError",
    "discover",
    "discover_themes",
    "smooth",
    "smoothed",
    "smoothed_content",
]

#: The theme number of comments that belong to no theme (blank, or in a theme too small to keep).
OTHER = -1
#: Range searched when the number of themes is not given.
K_RANGE = (5, 30)
#: Comments used to choose k (silhouette is quadratic in the number of comments).
K_SAMPLE = 2000
#: Neighbours and weight of the neighbour smoothing.
NEIGHBOURS = 10
SMOOTHING = 0.5
#: k-means restarts; the one with the lowest inertia wins.
N_INIT = 3

_BLANK = re.compile(r"^\W*$")


class ThemeInputError(ValueError):
    """The comments or the settings given to discovery or assignment are unusable."""


@dataclass(frozen=True)
class Theme:
    """A proposed theme: a short label, its keywords, representative comments and its size.

    ``number`` is the theme number used in :func:`discover`'s output (``-1`` for "other");
    ``members`` are the indices of the comments in it, ``representatives`` the indices of the
    comments that best illustrate it (most typical first, then diverse).
    """

    number: int
    label: str
    keywords: tuple[str, ...]
    representatives: tuple[int, ...]
    quotes: tuple[str, ...]
    members: tuple[int, ...]

    @property
    def count(self) -> int:
        """How many comments the theme holds."""
        return len(self.members)


def _check_texts(texts: Sequence[str], *, what: str = "texts") -> list[str]:
    if isinstance(texts, str):
        raise ThemeInputError(f"{what} must be a list of comments, not one string")
    checked = list(texts)
    if not checked:
        raise ThemeInputError(f"{what} is empty: give at least one comment")
    for index, text in enumerate(checked):
        if not isinstance(text, str):
            raise ThemeInputError(f"{what}[{index}] is {type(text).__name__}, not a string of text")
    return checked


def smooth(
    vectors: np.ndarray, *, neighbours: int = NEIGHBOURS, weight: float = SMOOTHING
) -> np.ndarray:
    """Move each unit vector towards the mean of its nearest neighbours, then re-normalise.

    ``(1 - weight) * x + weight * mean(x and its neighbours)``; neighbours by cosine similarity,
    the comment itself included. A form of kNN graph diffusion (Zhou et al. 2004, *Learning with
    local and global consistency*), one step.

    >>> v = np.array([[1.0, 0.0], [0.8, 0.6], [0.0, 1.0]])
    >>> [round(float(c), 2) for c in smooth(v, neighbours=1)[0]]
    [0.99, 0.16]
    """
    x = np.asarray(vectors, dtype=np.float32)
    n = len(x)
    if n <= 2 or neighbours < 1:
        return x.copy()
    nn = min(neighbours, n - 1)
    # For unit vectors the Euclidean order is the cosine order. scikit-learn's brute-force search
    # (chunked matrix product and a heap in compiled code) found the same neighbours as a
    # matrix product and argpartition here, in 1.7 s instead of 2.6 s for 10,000 comments.
    search = NearestNeighbors(n_neighbors=nn + 1, algorithm="brute", metric="euclidean").fit(x)
    nearest = search.kneighbors(x, return_distance=False)
    means = np.empty_like(x)
    for start in range(0, n, 2048):
        means[start : start + 2048] = x[nearest[start : start + 2048]].mean(axis=1)
    out = (1.0 - weight) * x + weight * means
    norms = np.linalg.norm(out, axis=1, keepdims=True)
    return out / np.clip(norms, 1e-12, None)


_LAST_SMOOTHED: tuple[bytes, np.ndarray] | None = None


def smoothed(vectors: np.ndarray) -> np.ndarray:
    """:func:`smooth` with the default settings, remembering the last result.

    Discovery and then assignment on the same comments smooth the same vectors; the second call
    costs a hash of the array instead of an n×n similarity pass.
    """
    global _LAST_SMOOTHED
    x = np.ascontiguousarray(vectors, dtype=np.float32)
    key = hashlib.blake2b(x.tobytes(), digest_size=16).digest() + str(x.shape).encode()
    if _LAST_SMOOTHED is not None and _LAST_SMOOTHED[0] == key:
        return _LAST_SMOOTHED[1].copy()
    result = smooth(x)
    _LAST_SMOOTHED = (key, result)
    return result.copy()


def smoothed_content(texts: Sequence[str], vectors: np.ndarray) -> np.ndarray:
    """:func:`smoothed` over the non-blank comments only; a blank comment keeps its own vector.

    Discovery smooths among the non-blank comments; assignment calls this with the same texts
    and vectors, so it reuses discovery's result (a blank comment is nobody's useful neighbour).

    >>> v = np.eye(3, dtype=np.float32)
    >>> smoothed_content(["a", " ", "b"], v)[1].tolist()
    [0.0, 1.0, 0.0]
    """
    index = np.flatnonzero([not _BLANK.match(t) for t in texts])
    out = np.array(vectors, dtype=np.float32)
    if len(index):
        out[index] = smoothed(out[index])
    return out


def _kmeans(x: np.ndarray, k: int, seed: int, n_init: int = N_INIT) -> KMeans:
    # One thread: k-means on a few thousand rows gains little from two, and on a busy machine
    # OpenMP's and OpenBLAS's spin-waiting made it 4x slower in wall time (docs/performance.md).
    with threadpool_limits(limits=1):
        return KMeans(n_clusters=k, n_init=n_init, random_state=seed).fit(x)


def _choose_k(x: np.ndarray, seed: int) -> int:
    n = len(x)
    rng = np.random.default_rng(seed)
    sample = x if n <= K_SAMPLE else x[np.sort(rng.choice(n, K_SAMPLE, replace=False))]
    low, high = K_RANGE
    # No more themes than distinct comments (repeated answers are common: "ECONOMY").
    distinct = len(np.unique(sample.round(5), axis=0))
    high = min(high, len(sample) // 3, distinct)
    if high < 2:
        return 1
    low = min(low, high)
    best_k, best_score = low, -np.inf
    with threadpool_limits(limits=1):  # small matrices: threads cost more than they give
        scores = _silhouettes(sample, low, high, seed)
    for k, score in scores.items():
        if score > best_score + 1e-9:
            best_k, best_score = k, score
    return best_k


def _silhouettes(sample: np.ndarray, low: int, high: int, seed: int) -> dict[int, float]:
    """The silhouette of each k, in k order; two k at a time, each on one thread.

    The candidates are independent, and scikit-learn's k-means and the distance products release
    the GIL, so two Python threads keep both cores busy without OpenMP's or OpenBLAS's barriers.
    Each k's result is what a serial loop gives.
    """

    def score(k: int) -> float | None:
        labels = _kmeans(sample, k, seed, n_init=1).labels_
        if len(set(labels.tolist())) < 2:
            return None
        return float(silhouette_score(sample, labels, metric="cosine"))

    candidates = list(range(low, high + 1))
    with ThreadPoolExecutor(max_workers=2) as pool:
        results = list(pool.map(score, candidates))
    return {k: s for k, s in zip(candidates, results, strict=True) if s is not None}


def _min_size(n: int) -> int:
    # A theme held by fewer comments than this is reported as "other": too thin to name.
    return 2 if n < 200 else 3


def _cluster(
    texts: list[str], vectors: np.ndarray, *, n_themes: int | None, seed: int
) -> tuple[np.ndarray, np.ndarray]:
    """Return (labels with -1 for other, smoothed vectors)."""
    n = len(texts)
    labels = np.full(n, OTHER, dtype=int)
    content = np.array([not _BLANK.match(t) for t in texts])
    index = np.flatnonzero(content)
    if n_themes is not None:
        if isinstance(n_themes, bool) or not isinstance(n_themes, int | np.integer):
            raise ThemeInputError(f"n_themes must be a whole number, not {n_themes!r}")
        if n_themes < 1:
            raise ThemeInputError(f"n_themes must be at least 1, not {n_themes}")
        if n_themes > len(index):
            raise ThemeInputError(
                f"n_themes is {n_themes} but there are only {len(index)} non-blank comments"
            )
    x = smoothed(vectors[index])
    if len(index) == 0:
        return labels, x
    k = n_themes if n_themes is not None else _choose_k(x, seed)
    if k <= 1 or len(index) < 3:
        labels[index] = 0
        return labels, x
    found = _kmeans(x, int(k), seed).labels_
    sizes = np.bincount(found, minlength=int(k))
    # Number themes by size, largest first, so theme 0 is always the biggest.
    order = np.argsort(-sizes, kind="stable")
    rank = np.empty_like(order)
    rank[order] = np.arange(len(order))
    renumbered = rank[found]
    small = sizes[found] < _min_size(len(index))
    renumbered[small] = OTHER
    labels[index] = renumbered
    full = np.zeros_like(vectors, dtype=np.float32)
    full[index] = x
    return labels, full


def discover(texts: Sequence[str], *, n_themes: int | None = None, seed: int = 0) -> list[int]:
    """Group comments into themes; one theme number per comment, ``-1`` for "other".

    Themes are numbered by size (0 is the largest). Blank comments, and comments in a theme too
    small to name (fewer than 3; 2 below 200 comments), are "other". Without ``n_themes`` the
    number is chosen by silhouette over 5–30. The same texts and seed give the same output.

    Method: MiniLM embeddings, neighbour smoothing, k-means (see the module docstring).

    >>> labels = discover(["bus late", "buses late again", "late bus", "park lovely",
    ...                    "lovely park", "the park is lovely"], n_themes=2)
    >>> labels[0] == labels[1] == labels[2] != labels[3] == labels[4] == labels[5]
    True
    """
    checked = _check_texts(texts)
    labels, _ = _cluster(checked, embedding.embed(checked), n_themes=n_themes, seed=seed)
    return labels.tolist()


_WORD_PATTERN = r"(?u)\b[^\W\d_][\w'-]+\b"


def _keywords(
    texts: list[str], labels: np.ndarray, numbers: list[int], top: int
) -> list[list[str]]:
    """Class-based TF-IDF: a term's weight in a theme, against how common it is in all themes.

    ``W(t, c) = tf(t, c) * log(1 + A / f(t))`` with ``A`` the mean number of words per theme and
    ``f(t)`` the term's frequency over all themes (Grootendorst 2022).
    """
    docs = [" ".join(texts[i] for i in np.flatnonzero(labels == number)) for number in numbers]
    try:
        vectorizer = CountVectorizer(
            ngram_range=(1, 2), stop_words="english", token_pattern=_WORD_PATTERN, lowercase=True
        )
        counts = vectorizer.fit_transform(docs).toarray().astype(float)
    except ValueError:  # nothing but stop words
        return [[] for _ in numbers]
    terms = vectorizer.get_feature_names_out()
    tf = counts / np.clip(counts.sum(axis=1, keepdims=True), 1, None)
    frequency = counts.sum(axis=0)
    average = counts.sum() / max(len(numbers), 1)
    weights = tf * np.log1p(average / np.clip(frequency, 1, None))
    result = []
    for row in weights:
        chosen: list[str] = []
        for j in np.argsort(-row, kind="stable"):
            if row[j] <= 0 or len(chosen) >= top:
                break
            term = str(terms[j])
            # Skip a word already inside a chosen phrase, and a phrase repeating chosen words.
            if any(term in c.split() or set(term.split()) <= set(c.split()) for c in chosen):
                continue
            chosen.append(term)
        result.append(chosen)
    return result


def _mmr(vectors: np.ndarray, centroid: np.ndarray, count: int, diversity: float) -> list[int]:
    relevance = vectors @ centroid
    chosen = [int(np.argmax(relevance))]
    while len(chosen) < min(count, len(vectors)):
        redundancy = (vectors @ vectors[chosen].T).max(axis=1)
        score = (1 - diversity) * relevance - diversity * redundancy
        score[chosen] = -np.inf
        chosen.append(int(np.argmax(score)))
    return chosen


def discover_themes(
    texts: Sequence[str],
    *,
    n_themes: int | None = None,
    seed: int = 0,
    n_keywords: int = 8,
    n_quotes: int = 4,
    diversity: float = 0.3,
) -> list[Theme]:
    """Discover themes and describe each: label, keywords, representative comments and count.

    Runs :func:`discover`'s clustering (same numbers for the same texts and seed) and returns the
    themes largest first, then "other" (number -1) when any comment is in no theme. The label is
    the top three c-TF-IDF keywords; the quotes start with the comment nearest the centroid, then
    maximal marginal relevance (``diversity`` 0 = most typical only, 1 = most varied) skips
    near-duplicates. Sources: Grootendorst (2022) for c-TF-IDF; Carbonell & Goldstein (1998).

    >>> themes = discover_themes(["bus late", "buses late again", "late bus", "park lovely",
    ...                           "lovely park", "the park is lovely"], n_themes=2)
    >>> [t.count for t in themes]
    [3, 3]
    """
    checked = _check_texts(texts)
    vectors = embedding.embed(checked)
    labels, smoothed = _cluster(checked, vectors, n_themes=n_themes, seed=seed)
    numbers = sorted(set(labels.tolist()) - {OTHER})
    keywords = _keywords(checked, labels, numbers, n_keywords)
    themes = []
    for number, words in zip(numbers, keywords, strict=True):
        members = np.flatnonzero(labels == number)
        # Distinct texts only, so a repeated comment is quoted once.
        _, first = np.unique(
            np.array([checked[i].strip().lower() for i in members]), return_index=True
        )
        candidates = members[np.sort(first)]
        centroid = smoothed[members].mean(axis=0)
        centroid /= max(float(np.linalg.norm(centroid)), 1e-12)
        picked = _mmr(vectors[candidates], centroid, n_quotes, diversity)
        representatives = tuple(int(candidates[i]) for i in picked)
        themes.append(
            Theme(
                number=number,
                label=" / ".join(words[:3]) if words else f"theme {number + 1}",
                keywords=tuple(words),
                representatives=representatives,
                quotes=tuple(checked[i] for i in representatives),
                members=tuple(int(i) for i in members),
            )
        )
    other = np.flatnonzero(labels == OTHER)
    if len(other):
        themes.append(
            Theme(
                number=OTHER,
                label="other",
                keywords=(),
                representatives=tuple(int(i) for i in other[:n_quotes]),
                quotes=tuple(checked[i] for i in other[:n_quotes]),
                members=tuple(int(i) for i in other),
            )
        )
    return themes
