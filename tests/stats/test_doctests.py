"""The worked examples in every statistics docstring must stay true.

Runs each module of :mod:`onefuture.stats` through :mod:`doctest`, so an example that drifts from
the code fails the suite instead of misleading a reader.
"""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import onefuture.stats

MODULES = sorted(
    info.name for info in pkgutil.iter_modules(onefuture.stats.__path__, prefix="onefuture.stats.")
)


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples_hold(name):
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.NORMALIZE_WHITESPACE)
    assert result.failed == 0, f"{result.failed} docstring example(s) failed in {name}"
