"""What the engagement app adds to the rest of the product, called once from ``ready()``.

Each part of the app has one function here (its owner edits only that one); each is called in
turn by :func:`register`.
"""

from __future__ import annotations


def register() -> None:
    """Register every part (permissions, framework section, pages, panels, workspace, jobs)."""
    register_core()
    register_capture()
    register_redaction()
    register_themes()
    register_public()
    register_open_data()
    register_example()


def register_core() -> None:
    """The permission actions (``engagement.*``)."""
    from onefuture.engagement.permissions import register_permissions

    register_permissions()


def register_capture() -> None:
    """Capture: events, comments entered, pasted and imported, the public "have your say" form."""
    from onefuture.engagement.framework_section import ENGAGEMENT_SECTION
    from onefuture.framework.fileformat import section_register

    section_register(ENGAGEMENT_SECTION)

    from onefuture.engagement.views.have_your_say import PAGES as HAVE_YOUR_SAY_PAGES
    from onefuture.engagement.views.panels import big_thing_have_your_say
    from onefuture.web.registry import Panel, page_register, panel_register

    page_register(*HAVE_YOUR_SAY_PAGES)

    from onefuture.engagement.permissions import CAPTURE, READ
    from onefuture.engagement.selectors.capture import event_count
    from onefuture.engagement.views.capture import PAGES as CAPTURE_PAGES
    from onefuture.web.workspace import WorkspaceItem, workspace_register

    page_register(*CAPTURE_PAGES)
    workspace_register(
        WorkspaceItem(
            url_name="workspace-engagement-events",
            title="Engagement events",
            description="Meetings, forums, workshops and surveys: who came, and what they said.",
            action=READ,
            count=lambda site, user: event_count(place=site.place),
            count_words="recorded",
            order=55,
        ),
        WorkspaceItem(
            url_name="workspace-engagement-event-record",
            title="Record an event",
            description="When and where, who organised it, which groups came, how many people.",
            action=CAPTURE,
            order=56,
        ),
        WorkspaceItem(
            url_name="workspace-engagement-import-comments",
            title="Import comments",
            description="Comments from a CSV or Excel file: every row checked, all written or "
            "none.",
            action=CAPTURE,
            order=57,
        ),
    )
    panel_register(
        Panel(
            page="big-thing",
            name="have-your-say",
            template="engagement/have_your_say/panel.html",
            context=big_thing_have_your_say,
            order=80,
        )
    )


def register_redaction() -> None:
    """Redaction review: the queue of comments whose redaction a person must confirm."""
    from onefuture.engagement.permissions import READ
    from onefuture.engagement.selectors.redaction import redaction_waiting_count
    from onefuture.engagement.views.redaction import PAGES as REDACTION_PAGES
    from onefuture.web.registry import page_register
    from onefuture.web.workspace import WorkspaceItem, workspace_register

    page_register(*REDACTION_PAGES)
    workspace_register(
        WorkspaceItem(
            url_name="workspace-redaction",
            title="Check redaction",
            description="Check what the rules hid in each comment (names, e-mail addresses, "
            "phone numbers, postcodes, addresses) before it can be published; mark more, or "
            "withhold it.",
            action=READ,
            count=lambda site, user: redaction_waiting_count(place=site.place),
            count_words="to check",
            order=58,
        )
    )


def register_themes() -> None:
    """Themes: discovery runs (a background job), curation, the review queue."""
    # The theme run's job lifecycle is registered where its task is defined.
    from onefuture.engagement import tasks  # noqa: F401
    from onefuture.engagement.permissions import ANALYSE
    from onefuture.engagement.selectors.themes import review_waiting_count
    from onefuture.engagement.views.themes import PAGES as THEME_PAGES
    from onefuture.web.registry import page_register
    from onefuture.web.workspace import WorkspaceItem, workspace_register

    page_register(*THEME_PAGES)
    workspace_register(
        WorkspaceItem(
            url_name="workspace-themes",
            title="Themes",
            description="Find the themes of what people said, curate them (rename, merge, "
            "split, confirm, map to big things) and work through the review queue.",
            action=ANALYSE,
            count=lambda site, user: review_waiting_count(place=site.place),
            count_words="to review",
            order=62,
        )
    )


def register_public() -> None:
    """Coverage, "you said, we did", the engagement report page, panels and the API."""
    from onefuture.api.registry import ApiRouter, api_router_register
    from onefuture.engagement.api import engagement_router
    from onefuture.engagement.panels import measure_panel, milestone_panel
    from onefuture.engagement.permissions import RESPOND
    from onefuture.engagement.search import SOURCES
    from onefuture.engagement.views.public import NAVIGATION, PAGES
    from onefuture.engagement.views.responses import PAGES as RESPONSE_PAGES
    from onefuture.search.registry import search_source_register
    from onefuture.web.registry import Panel, navigation_register, page_register, panel_register
    from onefuture.web.workspace import WorkspaceItem, workspace_register

    page_register(*PAGES, *RESPONSE_PAGES)
    navigation_register(NAVIGATION)
    for page, context in (("milestone", milestone_panel), ("measure", measure_panel)):
        panel_register(
            Panel(
                page=page,
                name="engagement",
                template="engagement/public/includes/asked_for_panel.html",
                context=context,
                order=60,
            )
        )
    api_router_register(ApiRouter(prefix="/", name="engagement", build=engagement_router))
    search_source_register(*SOURCES)
    workspace_register(
        WorkspaceItem(
            url_name="workspace-responses",
            title="You said, we did",
            description="Write and publish the response to each theme, with the milestones "
            "and measures that deliver it; see who we heard from.",
            action=RESPOND,
            order=66,
        )
    )


def register_open_data() -> None:
    """The open data tables: confirmed themes, published responses, coverage (ADR 0040)."""
    from onefuture.engagement.opendata import TABLES
    from onefuture.opendata.registry import open_table_register

    open_table_register(*TABLES)


def register_example() -> None:
    """The Stockport example's illustrative events and comments (a demo step)."""
    from onefuture.engagement.demo import example_engagement_load
    from onefuture.framework.demo import DemoStep, demo_step_register

    demo_step_register(DemoStep(order=50, name="engagement", run=example_engagement_load))
