from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "onefuture.search"
    label = "search"
    verbose_name = "Site search"

    def ready(self) -> None:
        from onefuture.search.registry import search_source_register
        from onefuture.search.sources import SOURCES

        search_source_register(*SOURCES)

        from onefuture.framework.services import framework_loaded
        from onefuture.search.services import search_on_framework_loaded

        framework_loaded.connect(search_on_framework_loaded, dispatch_uid="search-reindex")

        from onefuture.search.urls import NAVIGATION, PAGES
        from onefuture.web.registry import navigation_register, page_register

        page_register(*PAGES)
        navigation_register(NAVIGATION)
