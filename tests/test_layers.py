"""The read path, enforced: no model query outside the selectors and services.

Each app has one read path (``selectors``) and one write path (``services``); page builders,
views, URLs, forms, panels, template tags, the CLI, the charts, the web shell and the reports
compose them and never query a model themselves, so a rule (whose measure it is, which
benchmark comes first, which point is the latest) lives in one place and every page follows it.

Ruff's banned imports (TID251) cannot say this: the query is an attribute (``Measure.objects``)
and the layers are spread across every app, so this test reads the source with ``ast`` instead
(docs/adr/0021-read-layers-selectors-and-page-builders.md). The layers are matched by path
pattern, so a new app's ``views.py`` or ``pages/`` is covered without being named here.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src" / "onefuture"

#: The page layers, as patterns over a module's path under ``src/onefuture`` (``/``-separated).
#: Any module that matches composes selectors and services and must not query a model:
#: - ``views.py``, ``urls.py``, ``forms.py``, ``api.py``, ``panels.py`` in any app;
#: - anything under a ``pages/``, ``templatetags/``, ``views/`` or ``api/`` folder in any app;
#: - the whole of ``cli/``, ``charts/``, ``web/`` (the shared web shell) and the ``website`` app;
#: - ``reports/`` but for its models, migrations and tasks (builders compose other apps' reads).
PAGE_LAYERS: tuple[re.Pattern[str], ...] = (
    re.compile(r"(^|/)(views|urls|forms|api|panels)\.py$"),
    re.compile(r"(^|/)(pages|templatetags|views|api)/"),
    re.compile(r"^(cli|charts|web|website)/"),
    # reports: all but its own records (the tracker and report runs), their migrations and jobs
    re.compile(r"^reports/(?!models\.py$|migrations/|tasks\.py$)"),
)

#: The layers that may query, wherever they sit (``website/selectors.py`` gathers its pages'
#: reads): a ``selectors`` or ``services`` module or package.
QUERY_LAYERS = re.compile(r"(^|/)(selectors|services)(\.py$|/)")

#: Attributes that reach a model's manager (``Measure.objects``, ``get_user_model().objects``).
MANAGER_ATTRIBUTES = frozenset({"objects", "_default_manager", "_base_manager"})

#: Methods that build or run a query (on a manager, a related manager such as
#: ``measure.big_things``, or a queryset a selector returned). Any call of one of these names
#: counts, whatever it is called on; ``.all()`` on a prefetched relation, slicing and ``len`` are
#: reads of what a selector already loaded and stay allowed. (A page layer has no other use
#: for these names today; rename a non-ORM method rather than weaken the list.)
QUERY_METHODS = frozenset(
    {
        "aggregate",
        "annotate",
        "bulk_create",
        "bulk_update",
        "defer",
        "distinct",
        "exclude",
        "extra",
        "filter",
        "get_or_create",
        "in_bulk",
        "only",
        "order_by",
        "prefetch_related",
        "raw",
        "select_related",
        "update_or_create",
        "values_list",
    }
)

#: Modules a page layer may not import from: the ORM's query building (Q, F, Prefetch,
#: QuerySet, functions) and the database connection itself. Imports under ``if TYPE_CHECKING:``
#: (a ``QuerySet`` in a type hint) are allowed: they never run.
FORBIDDEN_MODULES = ("django.db.models", "django.db.connection", "django.db.transaction")


def in_page_layer(relative: str) -> bool:
    """Whether the module at ``relative`` (under ``src/onefuture``) is in a page layer."""
    if QUERY_LAYERS.search(relative):
        return False
    return any(pattern.search(relative) for pattern in PAGE_LAYERS)


def _forbidden(module: str) -> bool:
    return any(module == m or module.startswith(m + ".") for m in FORBIDDEN_MODULES)


def _type_checking_lines(tree: ast.AST) -> set[int]:
    lines: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            for child in node.body:
                lines.update(range(child.lineno, (child.end_lineno or child.lineno) + 1))
    return lines


def layer_violations(relative: str, source: str) -> list[str]:
    """Every model query in ``source`` as ``"<relative>:<line>: <what>"``, in line order."""
    tree = ast.parse(source, filename=relative)
    hints = _type_checking_lines(tree)
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and node.attr in MANAGER_ATTRIBUTES:
            found.append((node.lineno, f"'.{node.attr}' queries a model"))
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in QUERY_METHODS
        ):
            found.append((node.lineno, f"'.{node.func.attr}(...)' builds a query"))
        elif isinstance(node, ast.ImportFrom) and node.lineno not in hints:
            module = node.module or ""
            names = [f"{module}.{alias.name}" for alias in node.names]
            if _forbidden(module) or any(_forbidden(name) for name in names):
                found.append((node.lineno, f"imports from '{module}'"))
        elif isinstance(node, ast.Import) and node.lineno not in hints:
            for alias in node.names:
                if _forbidden(alias.name):
                    found.append((node.lineno, f"imports '{alias.name}'"))
    return [f"{relative}:{line}: {what}" for line, what in sorted(found)]


def page_layer_modules() -> list[tuple[str, Path]]:
    modules = []
    for path in sorted(SRC.rglob("*.py")):
        relative = path.relative_to(SRC).as_posix()
        if in_page_layer(relative):
            modules.append((relative, path))
    return modules


def test_page_layers_never_query_a_model() -> None:
    modules = page_layer_modules()
    names = {relative for relative, _ in modules}
    # The walk reaches the layers it is about (an empty walk would pass vacuously).
    assert {"measures/views.py", "measures/pages/measure.py", "website/views.py"} <= names
    assert not {"measures/selectors.py", "website/selectors.py", "measures/services.py"} & names
    violations = [
        v for relative, path in modules for v in layer_violations(relative, path.read_text())
    ]
    assert not violations, (
        "Model queries outside selectors and services (move each read into the app's "
        "selectors.py, named <entity>_<noun>, and call that):\n" + "\n".join(violations)
    )


PROBE = """\
from typing import TYPE_CHECKING

from django.db.models import Q
from django.db import models, transaction
import django.db.models.functions

if TYPE_CHECKING:
    from django.db.models import QuerySet


def view(site, measure):
    measure.big_things.all()
    big_thing = BigThing.objects.get(place=site.place)
    rows = measure.assessments.filter(Q(kind="trend"))
    return Measure._default_manager, rows.order_by("kind")[:3]
"""


def test_the_rule_fires_on_a_probe() -> None:
    assert layer_violations("routemaps/views.py", PROBE) == [
        "routemaps/views.py:3: imports from 'django.db.models'",
        "routemaps/views.py:4: imports from 'django.db'",
        "routemaps/views.py:5: imports 'django.db.models.functions'",
        "routemaps/views.py:13: '.objects' queries a model",
        "routemaps/views.py:14: '.filter(...)' builds a query",
        "routemaps/views.py:15: '._default_manager' queries a model",
        "routemaps/views.py:15: '.order_by(...)' builds a query",
    ]
    assert (
        layer_violations("routemaps/views.py", "def view(m):\n    return m.targets.all()\n") == []
    )


def test_the_layers_are_matched_by_pattern_not_by_name() -> None:
    page = [
        "routemaps/views.py",
        "routemaps/urls.py",
        "routemaps/forms.py",
        "routemaps/api.py",
        "routemaps/panels.py",
        "routemaps/pages/milestones.py",
        "routemaps/templatetags/roll_up.py",
        "engagement/views/feedback.py",
        "api/routers.py",
        "cli/data.py",
        "charts/builders.py",
        "web/place_urls.py",
        "web/templatetags/panels.py",
        "reports/builders/progress.py",
        "website/views.py",
        "website/network.py",
    ]
    query = [
        "measures/selectors.py",
        "measures/selectors/data.py",
        "measures/services.py",
        "core/services.py",
        "website/selectors.py",
        "measures/assessing/load.py",
        "measures/models.py",
        "measures/admin.py",
    ]
    assert [p for p in page if not in_page_layer(p)] == []
    assert [p for p in query if in_page_layer(p)] == []
