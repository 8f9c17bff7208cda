"""Admin for memberships (who has which role in which place), with history."""

from __future__ import annotations

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from onefuture.core.models import Job, LoginEvent, Membership


@admin.register(Membership)
class MembershipAdmin(SimpleHistoryAdmin):
    # The model's clean() applies the same role-and-partner rule as membership_set.
    list_display = ["user", "place", "role", "partner"]
    list_filter = ["place", "role"]
    search_fields = ["user__username", "user__email", "partner__name"]
    autocomplete_fields = ["user"]


@admin.register(Job)
class JobAdmin(admin.ModelAdmin):
    """Read-only: what ran where, and why a job stopped (jobs are written by the worker)."""

    list_display = ["id", "task_path", "record_id", "created_at", "finished_at", "worker_host"]
    exclude = ["payload"]
    readonly_fields = [f.name for f in Job._meta.fields if f.name != "payload"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(LoginEvent)
class LoginEventAdmin(admin.ModelAdmin):
    """Read-only: the sign-in audit is written by the sign-in signals (onefuture.core.logins)."""

    list_display = ["at", "kind", "username", "ip_network", "user_agent"]
    list_filter = ["kind"]
    search_fields = ["username"]
    readonly_fields = [f.name for f in LoginEvent._meta.fields]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
