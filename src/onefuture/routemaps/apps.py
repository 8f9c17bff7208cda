from django.apps import AppConfig


class RoutemapsConfig(AppConfig):
    name = "onefuture.routemaps"
    label = "routemaps"
    verbose_name = "Routemaps and commitments"

    def ready(self) -> None:
        # Each part registers what it adds (framework sections, permission actions, pages,
        # navigation, panels, workspace items, job lifecycles, demo steps) from its own module's
        # ``register()`` so that parts built side by side do not edit one function.
        from onefuture.routemaps import registration

        registration.register()
