"""The offline embedder: shapes, meaning, caching, and no network at all."""

from __future__ import annotations

import queue
import socket

import numpy as np
import pytest
from pytest_socket import SocketBlockedError, disable_socket, enable_socket

from onefuture.themes import embedding


def test_vectors_are_unit_length_and_in_order() -> None:
    vectors = embedding.embed(["The buses are late", "", "Lovely park"])
    assert vectors.shape == (3, embedding.DIMENSION)
    assert vectors.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    # Order is the caller's, not the length-sorted batch order.
    np.testing.assert_allclose(vectors[2], embedding.embed(["Lovely park"])[0], atol=1e-6)


def test_similar_meaning_scores_higher_than_unrelated() -> None:
    bus, late, park = embedding.embed(
        ["The bus never comes on time", "Buses are always late", "The park has lovely flowers"]
    )
    assert bus @ late > bus @ park + 0.2


def test_batching_does_not_change_a_vector() -> None:
    """Padding per batch must not leak into the result: alone or among long texts, the same."""
    short = "Fix the potholes"
    long = "The ring road is gridlocked every single morning and evening " * 6
    model = embedding.model()
    alone = model._run([short])[0]
    mixed = model._run([long, short, long + " again"])[1]
    np.testing.assert_allclose(alone, mixed, atol=1e-4)


def test_cache_returns_the_same_vector_without_recomputing(monkeypatch) -> None:
    model = embedding.model()
    first = model.encode(["Cache me"])
    monkeypatch.setattr(model, "_run", lambda texts: pytest.fail("recomputed a cached text"))
    np.testing.assert_array_equal(model.encode(["Cache me", "Cache me"]), np.vstack([first] * 2))


def test_empty_input_and_bad_types() -> None:
    assert embedding.embed([]).shape == (0, embedding.DIMENSION)
    with pytest.raises(TypeError, match="texts\\[1\\] is int"):
        embedding.embed(["fine", 3])  # type: ignore[list-item]
    with pytest.raises(TypeError, match="not one string"):
        embedding.embed("one string")


def test_loads_and_embeds_with_the_network_unavailable(monkeypatch) -> None:
    """Nothing is downloaded: a fresh model loads and embeds with sockets blocked."""
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    disable_socket()
    try:
        with pytest.raises(SocketBlockedError):
            socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        model = embedding.MiniLM()
        vectors = model.encode(["Offline, please", "No downloads"])
    finally:
        enable_socket()
    assert vectors.shape == (2, embedding.DIMENSION)


def test_tfidf_uses_word_pairs_and_copes_with_tiny_input() -> None:
    space = embedding.tfidf(["bus late", "bus late again", "park lovely"], min_df=1)
    assert "bus late" in set(space.terms)
    assert space.matrix.shape[0] == 3
    assert embedding.tfidf(["a", "b"]).matrix.shape[0] == 2


def test_texts_that_tokenise_alike_share_one_inference(monkeypatch) -> None:
    model = embedding.model()
    calls: list[int] = []
    real = model._sessions.get()
    model._sessions.put(real)

    class Counting:
        def get_inputs(self):  # type: ignore[no-untyped-def]
            return real.get_inputs()

        def run(self, outputs, feeds):  # type: ignore[no-untyped-def]
            calls.append(len(feeds["input_ids"]))
            return real.run(outputs, feeds)

    sessions: queue.SimpleQueue[object] = queue.SimpleQueue()
    sessions.put(Counting())
    monkeypatch.setattr(model, "_sessions", sessions)
    monkeypatch.setattr(model, "_workers", 1)
    vectors = model._run(["ECONOMY", "economy ", "the economy"])
    assert sum(calls) == 2
    np.testing.assert_array_equal(vectors[0], vectors[1])
    assert not np.allclose(vectors[0], vectors[2])


def test_sessions_side_by_side_give_the_vectors_of_one_session() -> None:
    topics = ["buses", "park", "bins", "roads", "library", "council tax"] * 4
    texts = [f"{'very ' * (i % 7)}comment number {i} about the {w}" for i, w in enumerate(topics)]
    one = embedding.MiniLM(threads=1, batch_size=3).encode(texts)
    two = embedding.MiniLM(threads=2, batch_size=3).encode(texts)
    np.testing.assert_allclose(one, two, atol=1e-5)
    np.testing.assert_allclose(embedding.embed(texts), one, atol=1e-5)
