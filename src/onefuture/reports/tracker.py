"""Registration of the scrutiny recommendations tracker (ADR 0035): its permissions, workspace
pages, the "Scrutiny tracker" workspace item and the demo step. Called from ``ReportsConfig``."""

from __future__ import annotations

from pathlib import Path

import yaml


def example_meetings_load(example_dir: Path) -> str:
    """The demo step: the seed's meeting of 27 February 2024 and a later illustrative one."""
    from onefuture.core.errors import NotFound
    from onefuture.framework.services import framework_parse
    from onefuture.places.selectors import place_resolve
    from onefuture.reports import services

    framework = example_dir / "framework.yaml"
    path = example_dir / "reports" / "meetings.yaml"
    if not framework.exists() or not path.exists():
        return "No example scrutiny meetings to load"
    text = framework.read_text(encoding="utf-8")
    slug = framework_parse(text=text, source=str(framework), base_dir=example_dir)["place"]["slug"]
    try:
        place = place_resolve(slug=slug)
    except NotFound:
        return "No example scrutiny meetings to load (load the framework first)"
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    made, recs = services.meetings_example_load(place=place, meetings=data.get("meetings", []))
    if not made:
        return "Example scrutiny meetings already loaded"
    return f"Loaded {made} scrutiny meetings, {recs} recommendations"


def register() -> None:
    from onefuture.framework.demo import DemoStep, demo_step_register
    from onefuture.reports.permissions import TRACKER_READ, register_permissions
    from onefuture.reports.tracker_views import PAGES
    from onefuture.web.registry import page_register
    from onefuture.web.workspace import WorkspaceItem, workspace_register

    register_permissions()
    page_register(*PAGES)
    workspace_register(
        WorkspaceItem(
            url_name="workspace-scrutiny",
            title="Scrutiny tracker",
            description="The scrutiny committee's meetings and recommendations: owners, due "
            "dates, status and the council's responses, included in the next report.",
            action=TRACKER_READ,
            order=70,
        )
    )
    demo_step_register(DemoStep(order=60, name="scrutiny tracker", run=example_meetings_load))
