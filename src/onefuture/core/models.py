"""Who may act in a place (:class:`Membership`), and the background jobs running for a record
(:class:`Job`).

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
