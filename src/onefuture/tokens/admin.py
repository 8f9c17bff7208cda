"""Admin for API tokens: administrators see every person's tokens and may revoke them; nobody
creates one here (the workspace page or ``onefuture token create`` shows the token once)."""

from __future__ import annotations

from django.contrib import admin, messages

from onefuture.core.errors import ApplicationError
from onefuture.tokens.models import ApiToken
from onefuture.tokens.services import token_revoke


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "user",
        "prefix",
        "created_at",
        "last_used_at",
        "expires_at",
        "revoked_at",
    ]
    list_filter = ["revoked_at"]
    search_fields = ["name", "user__username", "prefix"]
    # The hash is of no use to a reader and is never shown.
    exclude = ["secret_hash"]
    readonly_fields = [
        "user",
        "name",
        "prefix",
        "created_at",
        "last_used_at",
        "expires_at",
        "revoked_at",
    ]
    actions = ["revoke"]

    def has_add_permission(self, request) -> bool:
        return False

    @admin.action(description="Revoke the selected tokens")
    def revoke(self, request, queryset) -> None:
        done = 0
        for token in queryset.filter(revoked_at__isnull=True):
            try:
                token_revoke(by=request.user, token=token)
                done += 1
            except ApplicationError as error:
                self.message_user(request, error.message, messages.ERROR)
        self.message_user(request, f"{done} token(s) revoked.")
