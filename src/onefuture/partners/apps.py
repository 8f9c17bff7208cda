from django.apps import AppConfig


class PartnersConfig(AppConfig):
    name = "onefuture.partners"
    label = "partners"
    verbose_name = "Partners"

    def ready(self) -> None:
        from onefuture.framework.fileformat import section_register
        from onefuture.framework.items import linkable_register
        from onefuture.partners.fileformat import PARTNERS
        from onefuture.partners.models import Partner

        linkable_register(Partner)
        section_register(PARTNERS)

        from onefuture.api.registry import ApiRouter, api_router_register
        from onefuture.partners.api import partners_router

        api_router_register(ApiRouter(prefix="/", name="partners", build=partners_router))

        from onefuture.opendata.registry import open_table_register
        from onefuture.partners.opendata import TABLES as OPEN_TABLES

        open_table_register(*OPEN_TABLES)
