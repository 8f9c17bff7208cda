from django.apps import AppConfig


class MeasuresConfig(AppConfig):
    name = "onefuture.measures"
    label = "measures"
    verbose_name = "Success measures"

    def ready(self) -> None:
        from onefuture.framework.fileformat import section_register
        from onefuture.framework.items import linkable_register
        from onefuture.measures.framework_section import MEASURES
        from onefuture.measures.models import Measure

        linkable_register(Measure)
        section_register(MEASURES)

        from onefuture.api.registry import ApiRouter, api_router_register
        from onefuture.measures.api import measures_router

        api_router_register(ApiRouter(prefix="/", name="measures", build=measures_router))

        # The data import's write routes (API tokens and writes, ADR 0039).
        from onefuture.api.registry import ApiRouter, api_router_register
        from onefuture.measures.api_imports import imports_router

        api_router_register(ApiRouter(prefix="/", name="imports", build=imports_router))

        from onefuture.framework.demo import DemoStep, demo_step_register
        from onefuture.measures.demo import example_data_load

        demo_step_register(DemoStep(order=30, name="measures data", run=example_data_load))

        from onefuture.measures.panels import ambition_measures, big_thing_measures
        from onefuture.measures.urls import NAVIGATION, PAGES
        from onefuture.web.registry import (
            Panel,
            navigation_register,
            page_register,
            panel_register,
        )

        page_register(*PAGES)
        navigation_register(NAVIGATION)

        from onefuture.measures.editor.urls import register as editor_register

        editor_register()

        from onefuture.web.workspace import WorkspaceItem, workspace_register

        workspace_register(
            WorkspaceItem(
                url_name="data-upload",
                title="Upload data",
                description="Add or correct success measure data from a CSV or Excel file; "
                "every row is checked before anything is written.",
                action="data.import",
                order=60,
            )
        )
        panel_register(
            Panel(
                page="big-thing",
                name="measures",
                template="measures/includes/big_thing_summary.html",
                context=big_thing_measures,
                order=100,
            )
        )
        panel_register(
            Panel(
                page="ambition",
                name="measures",
                template="measures/includes/ambition_measures.html",
                context=ambition_measures,
                order=40,
            )
        )

        from onefuture.measures.opendata import TABLES as OPEN_TABLES
        from onefuture.opendata.registry import open_table_register

        open_table_register(*OPEN_TABLES)
