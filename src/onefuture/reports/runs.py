"""Registration of the reports page (ADR 0037): its permissions come with the tracker's
(``reports.permissions``); its workspace pages and the "Reports" workspace item. Called from
``ReportsConfig``; the job's lifecycle registers where its task is (``reports.tasks``)."""

from __future__ import annotations


def register() -> None:
    from onefuture.reports.permissions import REPORTS_READ
    from onefuture.reports.run_views import PAGES
    from onefuture.web.registry import page_register
    from onefuture.web.workspace import WorkspaceItem, workspace_register

    page_register(*PAGES)
    workspace_register(
        WorkspaceItem(
            url_name="workspace-reports",
            title="Reports",
            description="Make the scrutiny committee report, the engagement report, the "
            "brochure or the presentation from today's data, in Word, PDF or PowerPoint, and "
            "download them.",
            action=REPORTS_READ,
            order=75,
        )
    )
