"""Who may act in a place (:class:`Membership`), the background jobs running for a record
(:class:`Job`) and the workers running them (:class:`WorkerHeartbeat`), and the audit of
sign-ins (:class:`LoginEvent`).

A membership gives one person one role in one place; the predicates in
:mod:`onefuture.core.permissions` read it. A job ties a queued task of the ``django-tasks``
framework to the record whose lifecycle it drives (an import batch), and records which worker
runs it so that :func:`onefuture.core.jobs.jobs_reap` can fail the record when that worker dies.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from simple_history.models import HistoricalRecords


class Role(models.TextChoices):
    ADMINISTRATOR = "administrator", "Administrator"
    STRATEGY_OFFICER = "strategy_officer", "Strategy officer"
    PARTNER_EDITOR = "partner_editor", "Partner editor"
    SCRUTINY_MEMBER = "scrutiny_member", "Scrutiny member"
    #: Records what people said and checks its redaction: the only role that sees originals.
    ENGAGEMENT_OFFICER = "engagement_officer", "Engagement officer"


class Membership(models.Model):
    """One person's role in one place; a partner editor speaks for exactly one partner."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    # A string reference: core imports no domain app's code (only its tables are referred to).
    place = models.ForeignKey("places.Place", on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(max_length=20, choices=Role.choices)
    partner = models.ForeignKey(
        "partners.Partner",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="memberships",
        help_text="The organisation a partner editor edits for (partner editors only).",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["place", "user__username"]
        constraints = [
            models.UniqueConstraint(fields=["user", "place"], name="membership_one_per_place"),
            models.CheckConstraint(
                condition=(
                    models.Q(role="partner_editor", partner__isnull=False)
                    | (~models.Q(role="partner_editor") & models.Q(partner__isnull=True))
                ),
                name="membership_partner_iff_partner_editor",
            ),
        ]

    def __str__(self) -> str:
        role = self.get_role_display()
        if self.partner_id is not None:
            role += f" for {self.partner}"
        return f"{self.user} — {role}, {self.place}"

    def clean(self) -> None:
        from onefuture.core.permissions import membership_problems

        problems = membership_problems(
            role=self.role,
            place_id=self.place_id,
            partner=self.partner if self.partner_id else None,
        )
        if problems:
            raise ValidationError({p.field or None: p.message for p in problems})


class Job(models.Model):
    """A background task driving one record's lifecycle, and the worker that runs it.

    The record (``record_type``/``record_id``, e.g. an import batch) holds the outcome a person
    reads; this row holds what is needed to notice a dead worker: where it ran (``worker_host``,
    ``worker_pid``) and when it last said it was alive (``heartbeat_at``).
    """

    task_path = models.CharField(
        max_length=200, help_text="Dotted path of the job's task, which knows how to fail it."
    )
    task_id = models.CharField(max_length=64, blank=True, help_text="The django-tasks result id.")
    record_type = models.ForeignKey("contenttypes.ContentType", on_delete=models.CASCADE)
    record_id = models.PositiveBigIntegerField()
    payload = models.BinaryField(
        blank=True, default=b"", help_text="Input too big for the task's arguments (a file)."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    worker_host = models.CharField(max_length=255, blank=True)
    worker_pid = models.PositiveIntegerField(null=True, blank=True)
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    outcome = models.TextField(blank=True, help_text="Why the job stopped, if it did not finish.")

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["finished_at"], name="job_unfinished")]

    def __str__(self) -> str:
        return f"job {self.pk} ({self.task_path.rsplit('.', 1)[-1]} for record {self.record_id})"


class LoginEvent(models.Model):
    """One sign-in, failed sign-in, lockout or sign-out: the audit of logins (ADR 0042).

    Written by the signal receivers in :mod:`onefuture.core.logins`, never by hand. The address
    is kept truncated (an IPv4 address to its /24 network, IPv6 to its /48), not whole and not
    hashed: enough to tell "from the council's network" from "from abroad, a hundred times",
    without keeping a personal identifier the audit does not need. ``username`` is what was
    typed (a failure may name nobody); ``user`` is set when it names a person.
    """

    class Kind(models.TextChoices):
        SUCCESS = "success", "Signed in"
        FAILURE = "failure", "Failed sign-in"
        LOCKOUT = "lockout", "Locked out"
        LOGOUT = "logout", "Signed out"

    kind = models.CharField(max_length=10, choices=Kind.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="login_events",
    )
    username = models.CharField(max_length=150, blank=True, help_text="As typed at sign-in.")
    ip_network = models.CharField(
        max_length=50, blank=True, help_text="The client's address truncated to /24 (IPv6: /48)."
    )
    user_agent = models.CharField(max_length=300, blank=True)
    at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return (
            f"{self.get_kind_display()}: {self.username or 'unknown'} at {self.at:%Y-%m-%d %H:%M}"
        )


class WorkerHeartbeat(models.Model):
    """A running ``onefuture worker`` process saying it is alive (the health check reads it).

    :func:`onefuture.core.jobs.worker_run` writes its row every
    :data:`~onefuture.core.jobs.HEARTBEAT_SECONDS` and deletes it when it stops cleanly; a row
    whose ``seen_at`` is older than :data:`~onefuture.core.jobs.STALE_SECONDS` is a worker that
    died without saying so.
    """

    host = models.CharField(max_length=255)
    pid = models.PositiveIntegerField()
    started_at = models.DateTimeField()
    seen_at = models.DateTimeField(db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["host", "pid"], name="worker_heartbeat_one_per_process")
        ]

    def __str__(self) -> str:
        return f"worker {self.host} pid {self.pid}"
