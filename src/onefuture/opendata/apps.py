from django.apps import AppConfig


class OpendataConfig(AppConfig):
    name = "onefuture.opendata"
    label = "opendata"
    verbose_name = "Open data"

    def ready(self) -> None:
        # The tables are registered by the apps that own them (onefuture.opendata.registry);
        # this app adds only its pages.
        from onefuture.opendata.urls import NAVIGATION, PAGES
        from onefuture.web.registry import navigation_register, page_register

        page_register(*PAGES)
        navigation_register(NAVIGATION)

        # The place's licence, kept in its framework file (``open_data:``).
        from onefuture.framework.fileformat import section_register
        from onefuture.opendata.framework_section import OPEN_DATA_SECTION

        section_register(OPEN_DATA_SECTION)
