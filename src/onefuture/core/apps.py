from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "onefuture.core"
    label = "core"
    verbose_name = "Core"
