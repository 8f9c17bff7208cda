"""Every public function of the pure libraries documents itself with a worked example that runs.

(The examples themselves are run by tests/stats/test_doctests.py and the doctest test below.)
"""

from __future__ import annotations

import doctest
import inspect

import pytest

from onefuture import stats, themes

SOURCE_WORDS = ("Source", "References", "PHEindicatormethods", "Fingertips", "Eurostat", "et al")


def _public_functions(module):
    for name in module.__all__:
        obj = getattr(module, name)
        if callable(obj) and not inspect.isclass(obj):
            yield name, obj


@pytest.mark.parametrize(("name", "function"), list(_public_functions(stats)))
def test_every_stats_function_has_an_example_and_cites_its_method(name, function) -> None:
    doc = inspect.getdoc(function) or ""
    assert ">>>" in doc, f"stats.{name} has no worked example"
    if name != "z_value":  # the normal quantile needs no citation
        assert any(word in doc for word in SOURCE_WORDS), f"stats.{name} names no source"


@pytest.mark.parametrize(("name", "function"), list(_public_functions(themes)))
def test_every_themes_function_has_a_running_example(name, function) -> None:
    doc = inspect.getdoc(function) or ""
    assert ">>>" in doc, f"themes.{name} has no worked example"
    finder = doctest.DocTestFinder(recurse=False)
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    for test in finder.find(function, name, globs={**vars(themes)}):
        runner.run(test)
    assert runner.failures == 0, f"themes.{name}'s example does not give what it shows"
