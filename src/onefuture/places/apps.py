from django.apps import AppConfig


class PlacesConfig(AppConfig):
    name = "onefuture.places"
    label = "places"
