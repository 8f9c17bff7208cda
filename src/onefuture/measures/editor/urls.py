"""The editor's workspace pages and item, as data; ``MeasuresConfig.ready()`` calls
:func:`register`, which adds them to the web shell's registry and the staff workspace."""

from __future__ import annotations

from onefuture.measures.editor import views
from onefuture.web.place_urls import Page
from onefuture.web.workspace import WorkspaceItem

PAGES: list[Page] = [
    Page("workspace/measures/", views.measure_list, "workspace-measures"),
    Page("workspace/measures/<slug:key>/", views.measure_edit_page, "workspace-measure-edit"),
    Page(
        "workspace/measures/<slug:key>/commentary/",
        views.commentary_page,
        "workspace-measure-commentary",
    ),
]

WORKSPACE_ITEMS = [
    WorkspaceItem(
        url_name="workspace-measures",
        title="Edit success measures",
        description="Change a measure's definition, targets, benchmarks and assessments, "
        "preview what its page will say, and write the commentary for the latest period.",
        action="framework.edit",
        order=50,
    )
]


def register() -> None:
    """Register the editor's pages and workspace item (from ``MeasuresConfig.ready()``)."""
    from onefuture.web.registry import page_register
    from onefuture.web.workspace import workspace_register

    page_register(*PAGES)
    workspace_register(*WORKSPACE_ITEMS)
