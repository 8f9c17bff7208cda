"""What the routemaps app adds to the rest of the product, called once from ``ready()``.

Each part of the app has one function here; each is called in turn by :func:`register`.
"""

from __future__ import annotations


def register() -> None:
    """Register every part (framework sections, actions, pages, panels, workspace, jobs)."""
    register_plan()
    register_updates()
    register_commitments()
    register_public_pages()
    register_open_data()


def register_plan() -> None:
    """The plan: the ``horizons``, ``routemaps`` and ``delivery_plans`` framework file sections,
    and routemaps, milestones and delivery plans as linkable items."""
    from onefuture.framework.fileformat import section_register
    from onefuture.framework.items import linkable_register
    from onefuture.routemaps.framework_section import PLAN_SECTIONS
    from onefuture.routemaps.models import DeliveryPlan, Milestone, Routemap

    for model in (Routemap, Milestone, DeliveryPlan):
        linkable_register(model)
    for section in PLAN_SECTIONS:
        section_register(section)


def register_updates() -> None:
    """The updates part: permission actions, the workspace's update pages and their items
    (with what waits for each person), the reminder job's lifecycle and the demo step."""
    from onefuture.routemaps.permissions import register_permissions

    register_permissions()

    # The reminder job's lifecycle is registered where its task is defined.
    from onefuture.framework.demo import DemoStep, demo_step_register
    from onefuture.routemaps import tasks  # noqa: F401
    from onefuture.routemaps.demo_updates import example_updates_load

    demo_step_register(DemoStep(order=45, name="routemap updates", run=example_updates_load))
    from onefuture.routemaps.selectors.updates import items_due_count, updates_waiting_count
    from onefuture.routemaps.views.workspace_updates import PAGES as UPDATE_PAGES
    from onefuture.web.registry import page_register
    from onefuture.web.workspace import WorkspaceItem, workspace_register

    page_register(*UPDATE_PAGES)
    workspace_register(
        WorkspaceItem(
            url_name="workspace-my-items",
            title="My items",
            description="The milestones and commitments you report on, with what is due: "
            "submit an update, or confirm there is no change.",
            action="update.submit",
            count=lambda site, user: items_due_count(place=site.place, user=user),
            count_words="due",
            order=10,
        ),
        WorkspaceItem(
            url_name="workspace-updates-review",
            title="Approve updates",
            description="Updates owners have submitted, oldest first: approve and publish, "
            "or return with a comment.",
            action="update.approve",
            count=lambda site, user: updates_waiting_count(place=site.place),
            order=20,
        ),
        WorkspaceItem(
            url_name="workspace-updates",
            title="All updates",
            description="Every update, published or not, with its comments.",
            action="routemaps.read_unpublished",
            order=25,
        ),
        WorkspaceItem(
            url_name="workspace-updates-upload",
            title="Upload updates",
            description="Updates collected by e-mail, from a CSV or Excel file: every row "
            "checked, all written or none.",
            action="update.approve",
            order=30,
        ),
        WorkspaceItem(
            url_name="workspace-periods",
            title="Reporting periods",
            description="The quarters updates are due for; lock a period once it is reported.",
            action="period.lock",
            order=40,
        ),
    )


def register_commitments() -> None:
    """The commitments part: ``commitment.*`` and ``audit.read`` permissions, workspace pages,
    the partner page's panel, the API's routes and the demo's commitments."""
    from onefuture.api.registry import ApiRouter, api_router_register
    from onefuture.routemaps.actions.commitments import register_permissions
    from onefuture.routemaps.api import routemaps_router

    register_permissions()
    api_router_register(ApiRouter(prefix="/", name="routemaps", build=routemaps_router))
    # The update workflow's write routes (API tokens and writes, ADR 0039).
    from onefuture.routemaps.api_updates import updates_write_router

    api_router_register(ApiRouter(prefix="/", name="updates", build=updates_write_router))

    from onefuture.routemaps.actions.commitments import AUDIT_READ, READ, RECORD
    from onefuture.routemaps.selectors.commitments import commitments_waiting
    from onefuture.routemaps.views import audit, workspace_commitments
    from onefuture.web.registry import page_register
    from onefuture.web.workspace import WorkspaceItem, workspace_register

    page_register(*workspace_commitments.PAGES, *audit.PAGES)

    from onefuture.routemaps.panels_partner import partner_panel
    from onefuture.web.registry import Panel, panel_register

    panel_register(
        Panel(
            page="partner",
            name="routemaps",
            template="routemaps/partner_panel.html",
            context=partner_panel,
            order=50,
        )
    )

    from onefuture.framework.demo import DemoStep, demo_step_register
    from onefuture.routemaps.demo_commitments import example_commitments_load

    demo_step_register(DemoStep(order=40, name="commitments", run=example_commitments_load))
    workspace_register(
        WorkspaceItem(
            url_name="workspace-commitments",
            title="Commitments",
            description="Partners' commitments by status: invitations to answer, commitments "
            "to agree, and what is being delivered.",
            action=READ,
            count=lambda site, user: commitments_waiting(place=site.place, user=user),
            order=40,
        ),
        WorkspaceItem(
            url_name="workspace-commitment-record",
            title="Record a commitment",
            description="What a partner commits to do, to which big thing, by when.",
            action=RECORD,
            order=41,
        ),
        WorkspaceItem(
            url_name="workspace-audit",
            title="Audit trail",
            description="Every change to the routemaps, updates and commitments: who, when, "
            "before and after.",
            action=AUDIT_READ,
            order=90,
        ),
    )


def register_public_pages() -> None:
    """The public pages: routemaps, the plan on a page, milestones, delivery plans, "what
    changed since", the "Routemaps" navigation item, the big thing and ambition panels, and
    milestones and delivery plans in the site search."""
    from onefuture.routemaps.panels import ambition_panel, big_thing_panel
    from onefuture.routemaps.views.public import NAVIGATION, PAGES
    from onefuture.web.registry import Panel, navigation_register, page_register, panel_register

    page_register(*PAGES)
    navigation_register(NAVIGATION)
    panel_register(
        Panel(
            page="big-thing",
            name="routemap",
            template="routemaps/includes/big_thing_panel.html",
            context=big_thing_panel,
            order=50,
        )
    )
    panel_register(
        Panel(
            page="ambition",
            name="milestones",
            template="routemaps/includes/ambition_panel.html",
            context=ambition_panel,
            order=50,
        )
    )

    from onefuture.routemaps.search import SOURCES
    from onefuture.search.registry import search_source_register

    search_source_register(*SOURCES)


def register_open_data() -> None:
    """The open data tables: milestones, published updates, agreed commitments (ADR 0040)."""
    from onefuture.opendata.registry import open_table_register
    from onefuture.routemaps.opendata import TABLES

    open_table_register(*TABLES)
