from django.apps import AppConfig


class FrameworkConfig(AppConfig):
    name = "onefuture.framework"
    label = "framework"
