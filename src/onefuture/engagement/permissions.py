"""Who may see and do what in engagement (the one check, ADR 0015).

Registered from :func:`onefuture.engagement.registration.register`:

``engagement.read``
    administrators, strategy officers, engagement officers and scrutiny members: events,
    redacted comments (whatever their state), themes, coverage and responses in the workspace.
``engagement.read_original``
    engagement officers only: the original text of a comment, which may hold personal data.
    Nobody else sees it: not administrators, not the public site, the open data or the API.
``engagement.capture``
    administrators, strategy officers and engagement officers: record events, enter, paste and
    import comments.
``engagement.redact``
    engagement officers only: confirm a comment's redaction (accept, or mark more text), and
    withhold a comment from publication. Checking a redaction needs the original.
``engagement.analyse``
    administrators, strategy officers and engagement officers: run theme discovery, rename,
    merge, split and confirm themes, work through the review queue.
``engagement.respond``
    administrators and strategy officers: write a theme's response, link it to milestones and
    measures, publish it.
"""

from __future__ import annotations

from onefuture.core.permissions import Role, action_register, has_role

READ = "engagement.read"
READ_ORIGINAL = "engagement.read_original"
CAPTURE = "engagement.capture"
REDACT = "engagement.redact"
ANALYSE = "engagement.analyse"
RESPOND = "engagement.respond"


def register_permissions() -> None:
    """Register the engagement actions with :mod:`onefuture.core.permissions`."""
    action_register(
        name=READ,
        predicate=has_role(
            Role.ADMINISTRATOR, Role.STRATEGY_OFFICER, Role.ENGAGEMENT_OFFICER, Role.SCRUTINY_MEMBER
        ),
        who="administrators, strategy officers, engagement officers and scrutiny members",
        doing="see the engagement records",
    )
    action_register(
        name=READ_ORIGINAL,
        predicate=has_role(Role.ENGAGEMENT_OFFICER),
        who="engagement officers",
        doing="see what people said before redaction",
    )
    action_register(
        name=CAPTURE,
        predicate=has_role(Role.ADMINISTRATOR, Role.STRATEGY_OFFICER, Role.ENGAGEMENT_OFFICER),
        who="administrators, strategy officers and engagement officers",
        doing="record engagement events and comments",
    )
    action_register(
        name=REDACT,
        predicate=has_role(Role.ENGAGEMENT_OFFICER),
        who="engagement officers",
        doing="check comments' redaction",
    )
    action_register(
        name=ANALYSE,
        predicate=has_role(Role.ADMINISTRATOR, Role.STRATEGY_OFFICER, Role.ENGAGEMENT_OFFICER),
        who="administrators, strategy officers and engagement officers",
        doing="find and curate the themes of what people said",
    )
    action_register(
        name=RESPOND,
        predicate=has_role(Role.ADMINISTRATOR, Role.STRATEGY_OFFICER),
        who="administrators and strategy officers",
        doing="write and publish responses to what people said",
    )
