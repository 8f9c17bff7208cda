from django.apps import AppConfig


class WebsiteConfig(AppConfig):
    """The framework's public pages: home, big things, ambitions, partners, how it all links."""

    name = "onefuture.website"
    label = "website"

    def ready(self) -> None:
        from onefuture.framework.selectors import vision_get
        from onefuture.web.registry import (
            PageContext,
            navigation_register,
            page_context_register,
            page_register,
        )
        from onefuture.website.urls import NAVIGATION, PAGES

        page_register(*PAGES)
        for item in NAVIGATION:
            navigation_register(item)
        # The vision's title names the service beside the navigation on every page.
        page_context_register(PageContext("vision", lambda site: vision_get(place=site.place)))
