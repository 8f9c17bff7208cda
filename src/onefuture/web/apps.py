from django.apps import AppConfig


class WebConfig(AppConfig):
    """The web shell every page shares: base template, place URLs, navigation, registry."""

    name = "onefuture.web"
    label = "web"
    verbose_name = "Web shell"

    def ready(self) -> None:
        from onefuture.web import account
        from onefuture.web.place_urls import Page
        from onefuture.web.registry import page_register

        # The workspace's own pages; apps add theirs under "workspace/…" (web/workspace.py).
        page_register(
            Page("sign-in/", account.sign_in, "sign-in"),
            Page("sign-out/", account.sign_out, "sign-out"),
            Page("workspace/", account.workspace, "workspace"),
        )
