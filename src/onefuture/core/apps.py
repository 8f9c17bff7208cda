from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "onefuture.core"
    label = "core"
    verbose_name = "Core"

    def ready(self) -> None:
        from onefuture.core import logins, permissions

        # The audit of sign-ins (ADR 0042) and who may read it.
        logins.receivers_connect()
        permissions.action_register(
            name="logins.read",
            predicate=permissions.has_role(permissions.Role.ADMINISTRATOR),
            who="administrators",
            doing="read the sign-in audit",
        )
