"""The workspace page "API tokens": a signed-in member creates (the token shown once), lists and
revokes their own tokens (GOV.UK form, no JavaScript needed; ADR 0029, 0039).

Views translate HTTP to :mod:`onefuture.tokens.services` and :mod:`onefuture.tokens.selectors`; they
never query a model (``tests/test_layers.py``).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache

from onefuture.core.errors import ApplicationError
from onefuture.tokens import selectors, services
from onefuture.web.place_urls import Page, PlaceSite
from onefuture.web.shortcuts import render
from onefuture.web.workspace import workspace_page

#: The expiries offered, in days ("" for none).
EXPIRY_CHOICES = [
    ("30", "In 30 days"),
    ("90", "In 90 days"),
    ("365", "In a year"),
    ("", "Never (revoke it when it is no longer needed)"),
]


class TokenForm(forms.Form):
    """A new token: what it is for, and when it stops working."""

    name = forms.CharField(
        label="What is the token for?",
        help_text="For example, ‘Power BI dashboard’ or ‘partner data script’.",
        max_length=services.NAME_MAX,
        error_messages={"required": "Enter what the token is for"},
    )
    expires = forms.ChoiceField(
        label="When should it stop working?",
        choices=EXPIRY_CHOICES,
        widget=forms.RadioSelect,
        initial="90",
        required=False,
    )


def _expiry(days: str) -> dt.datetime | None:
    return timezone.now() + dt.timedelta(days=int(days)) if days else None


def _rows(user: Any) -> list[dict[str, Any]]:
    now = timezone.now()
    return [{"token": t, "state": t.state(now)} for t in selectors.token_list(user=user)]


@never_cache
@workspace_page()
def tokens(request: HttpRequest, site: PlaceSite) -> HttpResponse:
    """Create, list and revoke your own API tokens; a new token is shown on this page once."""
    form = TokenForm(initial={"expires": "90"})
    created: dict[str, Any] | None = None
    errors: list[str] = []
    status = 200
    if request.method == "POST":
        if "revoke" in request.POST:
            try:
                token_id = int(request.POST["revoke"])
                token = selectors.token_get(user=request.user, token_id=token_id)
                services.token_revoke(by=request.user, token=token)
                created = None
                revoked = token
            except ValueError:
                errors, status, revoked = ["Choose a token to revoke."], 400, None
            except ApplicationError as error:
                if error.status_code not in (400, 404):
                    raise
                errors, status, revoked = [error.message], 400, None
            return _page(request, site, form, created, errors, status, revoked=revoked)
        form = TokenForm(request.POST)
        if form.is_valid():
            try:
                token, text = services.token_create(
                    user=request.user,
                    name=form.cleaned_data["name"],
                    expires_at=_expiry(form.cleaned_data["expires"]),
                )
            except ApplicationError as error:
                for detail in error.errors:
                    form.add_error(
                        detail.field if detail.field in form.fields else None, detail.message
                    )
                status = 400
            else:
                created = {"token": token, "text": text}
                form = TokenForm(initial={"expires": "90"})
        else:
            status = 400
    return _page(request, site, form, created, errors, status)


def _page(
    request: HttpRequest,
    site: PlaceSite,
    form: TokenForm,
    created: dict[str, Any] | None,
    errors: list[str],
    status: int,
    revoked: Any = None,
) -> HttpResponse:
    return render(
        request,
        site,
        "tokens/tokens.html",
        {
            "form": form,
            "created": created,
            "revoked": revoked,
            "extra_errors": errors,
            "rows": _rows(request.user),
            "api_url": "/api/v1/",
        },
        status=status,
    )


PAGES: list[Page] = [Page("workspace/api-tokens/", tokens, "workspace-api-tokens")]
