"""API tokens: the model, services and selectors, and the workspace page that manages them
(ADR 0039)."""

from django.apps import AppConfig


class TokensConfig(AppConfig):
    name = "onefuture.tokens"
    label = "tokens"
    verbose_name = "API tokens"

    def ready(self) -> None:
        from onefuture.tokens.views import PAGES
        from onefuture.web.registry import page_register
        from onefuture.web.workspace import WorkspaceItem, workspace_register

        page_register(*PAGES)
        workspace_register(
            WorkspaceItem(
                url_name="workspace-api-tokens",
                title="API tokens",
                description="Tokens with which a program uses the API as you, with your role "
                "and nothing more: create one, see when each was last used, revoke it.",
                order=95,
            )
        )
