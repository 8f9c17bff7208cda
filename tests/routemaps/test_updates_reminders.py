"""Reminders of updates due, sent through Django's SMTP backend to a real SMTP server (aiosmtpd)
that the test starts, and read back from what it received."""

from __future__ import annotations

import email
import email.policy
import socket

import pytest
from aiosmtpd.controller import Controller
from typer.testing import CliRunner

from onefuture.cli import app
from onefuture.routemaps.actions.updates import ReturnUpdate, SubmitUpdate
from onefuture.routemaps.selectors.updates import reminders_due
from tests.routemaps.updates_data import updates_place

pytestmark = pytest.mark.django_db


class Inbox:
    """An aiosmtpd handler that keeps every message it receives."""

    def __init__(self) -> None:
        self.messages: list[tuple[list[str], email.message.EmailMessage]] = []

    async def handle_DATA(self, server, session, envelope):  # the name aiosmtpd calls
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        self.messages.append((list(envelope.rcpt_tos), message))
        return "250 Message accepted for delivery"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def smtp(settings):
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=_free_port())
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = controller.port
    settings.ONEFUTURE_SITE_URL = "https://onefuture.example.org"
    try:
        yield inbox
    finally:
        controller.stop()


@pytest.fixture
def data(monkeypatch):
    data = updates_place()
    # the current period is July to September 2026 whatever day the test runs
    monkeypatch.setattr(
        "onefuture.routemaps.selectors.updates.period_current",
        lambda *, place, today=None: data.current if place == data.place else None,
    )
    return data


def test_remind_sends_each_owner_their_due_items_through_smtp(data, smtp) -> None:
    # The trust has already updated its commitment; the clinic update was returned (still due).
    SubmitUpdate(
        user=data.trust_editor,
        place=data.place,
        commitment=data.commitment,
        status="on_track",
        period=data.current,
    ).execute()
    returned = SubmitUpdate(
        user=data.trust_editor,
        place=data.place,
        milestone=data.clinic,
        status="on_track",
        period=data.current,
    ).execute()
    ReturnUpdate(
        user=data.officer, place=data.place, update=returned, comment="Add the opening date."
    ).execute()
    result = CliRunner().invoke(app, ["remind", "--place", "riverton"])
    assert result.exit_code == 0, result.output
    assert "3 reminder(s) for July to September 2026 queued as job" in result.output
    received = {tuple(to): message for to, message in smtp.messages}
    assert set(received) == {
        ("riverton-trust-editor@example.org",),
        ("riverton-council-editor@example.org",),
        ("riverton-officer@example.org",),  # the milestone with no lead partner
    }
    trust = received[("riverton-trust-editor@example.org",)]
    assert trust["Subject"] == "Riverton: 1 update due by 31 October 2026 (July to September 2026)"
    body = trust.get_content()
    assert "Town centre clinic opens" in body and "Add the opening date." in body
    assert "Two hundred apprenticeships" not in body  # already updated this period
    assert "https://onefuture.example.org/places/riverton/workspace/my-items/" in body
    assert "partner editor for Riverton NHS Foundation Trust" in body
    officer = received[("riverton-officer@example.org",)].get_content()
    assert "Masterplan agreed" in officer and "Interchange opens" not in officer
    council = received[("riverton-council-editor@example.org",)].get_content()
    assert "Interchange opens" in council


def test_a_dry_run_lists_who_and_sends_nothing(data, smtp) -> None:
    result = CliRunner().invoke(app, ["remind", "--place", "riverton", "--dry-run"])
    assert result.exit_code == 0, result.output
    assert "riverton-trust-editor@example.org" in result.output
    assert "would be sent (dry run)" in result.output
    assert smtp.messages == []


def test_officers_get_milestones_whose_lead_partner_has_no_editor(data) -> None:
    data.trust_editor.memberships.all().delete()
    reminders = {r.user.username: r for r in reminders_due(place=data.place, period=data.current)}
    titles = {item.title for item in reminders["riverton-officer"].items}
    assert titles == {
        "Town centre clinic opens",
        "Masterplan agreed",
        "Two hundred apprenticeships",
    }
    assert "riverton-trust-editor" not in reminders
