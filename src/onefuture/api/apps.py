"""The API app: its tokens (models, services, selectors), the workspace page that manages them,
and the ``NinjaAPI`` itself (``main.py``), which imports no domain app (ADR 0026, 0039)."""

from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "onefuture.api"
    label = "api"
    verbose_name = "API"

    def ready(self) -> None:
        from onefuture.api.views import PAGES
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
