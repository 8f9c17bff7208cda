"""A person's API tokens (:class:`ApiToken`): how a program acts as that person on ``/api/v1/``.

A token is ``oft_<prefix>_<secret>``. The prefix is stored in clear (it finds the row and names
the token in lists); the secret only as its SHA-256, compared in constant time, so the database
never holds what a client sends and the full token is shown once, when it is made. A token
carries exactly its user's role and permissions, place by place (``core.permissions`` reads the
user's memberships); it has no rights of its own. ADR 0039.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone


class ApiToken(models.Model):
    """One named token of one person: when made, when last used, until when, whether revoked."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(
        max_length=100, help_text="What the token is for (a dashboard, a script), to recognise it."
    )
    prefix = models.CharField(
        max_length=16, unique=True, help_text="The token's public part: finds it, names it."
    )
    secret_hash = models.CharField(
        max_length=64, help_text="SHA-256 (hex) of the secret part; the secret is never stored."
    )
    created_at = models.DateTimeField(default=timezone.now)
    last_used_at = models.DateTimeField(
        null=True, blank=True, help_text="Recorded at most once a minute."
    )
    expires_at = models.DateTimeField(
        null=True, blank=True, help_text="After this the token is refused (empty: no expiry)."
    )
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["user", "-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "name"],
                condition=models.Q(revoked_at__isnull=True),
                name="api_token_name_unique_while_active",
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} (oft_{self.prefix}_…, {self.user})"

    def state(self, now=None) -> str:
        """``active``, ``expired`` or ``revoked``."""
        if self.revoked_at is not None:
            return "revoked"
        if self.expires_at is not None and self.expires_at <= (now or timezone.now()):
            return "expired"
        return "active"
