from django.apps import AppConfig


class PartnersConfig(AppConfig):
    name = "onefuture.partners"
    label = "partners"
    verbose_name = "Partners"

    def ready(self) -> None:
        from onefuture.framework.items import linkable_register
        from onefuture.partners.models import Partner

        linkable_register(Partner)
