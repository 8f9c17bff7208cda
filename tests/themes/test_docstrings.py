"""The examples in the feedback-analysis docstrings run and give what they show."""

from __future__ import annotations

import doctest

import pytest

from onefuture.themes import assignment, discovery, embedding, evaluation


@pytest.mark.parametrize("module", [embedding, discovery, assignment, evaluation])
def test_docstring_examples(module) -> None:  # type: ignore[no-untyped-def]
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0, f"{module.__name__} has no example"
    assert result.failed == 0
