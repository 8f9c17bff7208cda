from django.apps import AppConfig


class MeasuresConfig(AppConfig):
    name = "onefuture.measures"
    label = "measures"
