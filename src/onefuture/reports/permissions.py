"""Who may read and edit the scrutiny recommendations tracker (ADR 0035).

``reports.tracker.read``: administrators, strategy officers and scrutiny members.
``reports.tracker.edit``: administrators and strategy officers (scrutiny members read it only).

The reports page (ADR 0037): ``reports.read`` (the page, its runs and their files: administrators,
strategy officers and scrutiny members, who receive the reports anyway) and ``reports.generate``
(ask the worker for a report: administrators and strategy officers).
"""

from __future__ import annotations

from onefuture.core.permissions import Role, action_register, has_role

TRACKER_READ = "reports.tracker.read"
TRACKER_EDIT = "reports.tracker.edit"
REPORTS_READ = "reports.read"
REPORTS_GENERATE = "reports.generate"


def register_permissions() -> None:
    action_register(
        name=TRACKER_READ,
        predicate=has_role(Role.ADMINISTRATOR, Role.STRATEGY_OFFICER, Role.SCRUTINY_MEMBER),
        who="administrators, strategy officers and scrutiny members",
        doing="read the scrutiny recommendations tracker",
    )
    action_register(
        name=TRACKER_EDIT,
        predicate=has_role(Role.ADMINISTRATOR, Role.STRATEGY_OFFICER),
        who="administrators and strategy officers",
        doing="record scrutiny meetings, recommendations and responses",
    )
    action_register(
        name=REPORTS_READ,
        predicate=has_role(Role.ADMINISTRATOR, Role.STRATEGY_OFFICER, Role.SCRUTINY_MEMBER),
        who="administrators, strategy officers and scrutiny members",
        doing="read the reports page and download the reports made",
    )
    action_register(
        name=REPORTS_GENERATE,
        predicate=has_role(Role.ADMINISTRATOR, Role.STRATEGY_OFFICER),
        who="administrators and strategy officers",
        doing="generate reports",
    )
