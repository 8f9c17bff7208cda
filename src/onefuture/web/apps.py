from django.apps import AppConfig


class WebConfig(AppConfig):
    """The web shell every page shares: base template, place URLs, navigation, registry."""

    name = "onefuture.web"
    label = "web"
    verbose_name = "Web shell"

    def ready(self) -> None:
        from onefuture.core import cache
        from onefuture.web import account
        from onefuture.web.place_urls import Page
        from onefuture.web.registry import page_register

        # Every committed write to public data makes the cached pages out of date (ADR 0044).
        cache.receivers_connect()

        # The workspace's own pages; apps add theirs under "workspace/…" (web/workspace.py).
        page_register(
            Page("sign-in/", account.sign_in, "sign-in"),
            Page("sign-out/", account.sign_out, "sign-out"),
            Page("workspace/", account.workspace, "workspace"),
            Page("workspace/sign-ins/", account.sign_ins, "workspace-sign-ins"),
        )
        from onefuture.web.workspace import WorkspaceItem, workspace_register

        workspace_register(
            WorkspaceItem(
                url_name="workspace-sign-ins",
                title="Sign-in audit",
                description="Who signed in and out, failed sign-ins and lockouts, newest first.",
                action="logins.read",
                order=900,
            )
        )
