"""The e-mails of the update workflow: reminders of updates due, written from templates.

:func:`reminder_messages` builds one message per owner (``routemaps/email/reminder_subject.txt``
and ``reminder_body.txt``) with their items still due for the period and a link to the
workspace's "My items"; :mod:`onefuture.routemaps.tasks` sends them through Django's e-mail
backend (the console in development, SMTP when ``EMAIL_HOST`` is set).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse

from onefuture.routemaps.selectors.updates import Reminder


def my_items_url(place: Any) -> str:
    """The absolute address of the place's "My items" page (for links in e-mails)."""
    path = reverse("web:place-workspace-my-items", args=[place.slug])
    return f"{settings.ONEFUTURE_SITE_URL}{path}"


def reminder_messages(*, place: Any, period: Any, reminders: list[Reminder]) -> list[EmailMessage]:
    """One reminder e-mail per person, listing their items due for ``period``."""
    link = my_items_url(place)
    messages = []
    for reminder in reminders:
        context = {
            "place": place,
            "period": period,
            "user": reminder.user,
            "items": reminder.items,
            "because": reminder.because,
            "link": link,
        }
        subject = " ".join(
            render_to_string("routemaps/email/reminder_subject.txt", context).split()
        )
        body = render_to_string("routemaps/email/reminder_body.txt", context)
        messages.append(
            EmailMessage(
                subject=subject,
                body=body,
                from_email=settings.DEFAULT_FROM_EMAIL,
                to=[reminder.user.email],
            )
        )
    return messages
