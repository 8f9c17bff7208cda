from django.apps import AppConfig


class WebConfig(AppConfig):
    """The web shell every page shares: base template, place URLs, navigation, registry."""

    name = "onefuture.web"
    label = "web"
    verbose_name = "Web shell"
