from django.apps import AppConfig


class WebsiteConfig(AppConfig):
    name = "onefuture.website"
    label = "website"
