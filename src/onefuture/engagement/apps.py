from django.apps import AppConfig


class EngagementConfig(AppConfig):
    name = "onefuture.engagement"
    label = "engagement"
    verbose_name = "Engagement"

    def ready(self) -> None:
        # Each part registers what it adds (permission actions, pages, panels, workspace items,
        # job lifecycles, demo steps, API routes) from its own function in ``registration``.
        from onefuture.engagement import registration

        registration.register()
