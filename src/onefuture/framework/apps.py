from django.apps import AppConfig


class FrameworkConfig(AppConfig):
    name = "onefuture.framework"
    label = "framework"
    verbose_name = "Framework"

    def ready(self) -> None:
        from onefuture.framework import models
        from onefuture.framework.fileformat import section_register
        from onefuture.framework.fileformat.core import CORE_SECTIONS
        from onefuture.framework.items import linkable_register

        for model in (
            models.BigThing,
            models.Outcome,
            models.CrossCuttingAmbition,
            models.Pillar,
            models.Priority,
        ):
            linkable_register(model)
        for section in CORE_SECTIONS:
            section_register(section)

        from onefuture.core.permissions import Role, action_register, has_role

        action_register(
            name="framework.edit",
            predicate=has_role(Role.ADMINISTRATOR, Role.STRATEGY_OFFICER),
            who="administrators and strategy officers",
            doing="edit the framework",
        )

        from onefuture.api.registry import ApiRouter, api_router_register
        from onefuture.framework.api import framework_router

        api_router_register(ApiRouter(prefix="/", name="framework", build=framework_router))

        from onefuture.framework.opendata import TABLES as OPEN_TABLES
        from onefuture.opendata.registry import open_table_register

        open_table_register(*OPEN_TABLES)
