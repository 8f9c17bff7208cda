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
