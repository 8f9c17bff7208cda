from django.apps import AppConfig


class PartnersConfig(AppConfig):
    name = "onefuture.partners"
    label = "partners"
