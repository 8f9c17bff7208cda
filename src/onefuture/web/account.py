"""Signing in and out, and the workspace's home page.

Sign-in is Django's own ``LoginView`` (its password checks) in a GOV.UK page, throttled by
django-axes (``onefuture.core.logins``): too many failures for one username from one address
show :func:`locked_out`, the site's own lockout page (429). Sign-out is a POST (Django's
``LogoutView``), so a link or an image on another site cannot sign anyone out. After signing in
a person lands where they were going, else on their workspace. Every attempt is in the sign-in
audit, which administrators read on :func:`sign_ins` (ADR 0042).
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import AuthenticationForm
from django.http import HttpRequest, HttpResponse

from onefuture.core.models import LoginEvent
from onefuture.core.selectors import login_event_list, membership_get, membership_list
from onefuture.web.place_urls import PlaceSite, place_page, site_for
from onefuture.web.shortcuts import page_context, render
from onefuture.web.workspace import workspace_page


class SignInForm(AuthenticationForm):
    """Django's authentication form with GOV.UK autocomplete hints and plainer errors."""

    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": "Enter a correct username and password. Both are case-sensitive.",
    }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["username"].widget = forms.TextInput(
            attrs={"autocomplete": "username", "class": "govuk-!-width-two-thirds"}
        )
        self.fields["password"].widget = forms.PasswordInput(
            attrs={"autocomplete": "current-password", "class": "govuk-!-width-two-thirds"}
        )


@place_page
def sign_in(request: HttpRequest, site: PlaceSite) -> HttpResponse:
    """The sign-in page of a place; afterwards, the page asked for or the workspace."""
    view = auth_views.LoginView.as_view(
        template_name="web/sign_in.html",
        authentication_form=SignInForm,
        redirect_authenticated_user=True,
        extra_context=page_context(site),
        next_page=site.url("workspace"),
    )
    return view(request)


@place_page
def sign_out(request: HttpRequest, site: PlaceSite) -> HttpResponse:
    """Sign out (POST only) and go back to the place's home page."""
    return auth_views.LogoutView.as_view(next_page=site.url("home"))(request)


@workspace_page()
def workspace(request: HttpRequest, site: PlaceSite) -> HttpResponse:
    """What a member can do here, with what waits for them, and their roles in every place."""
    return render(
        request,
        site,
        "web/workspace/home.html",
        {
            "membership": membership_get(user=request.user, place=site.place),
            "memberships": membership_list(user=request.user),
        },
    )


def locked_out(
    request: HttpRequest, response: HttpResponse | None = None, credentials: Any = None
) -> HttpResponse:
    """django-axes' lockout response (``AXES_LOCKOUT_CALLABLE``): the site's page, status 429."""
    from django.conf import settings
    from django.http import Http404

    match = request.resolver_match
    place_slug = match.kwargs.get("place_slug") if match else None
    try:
        site: PlaceSite | None = site_for(request, place_slug)
    except Http404:  # the admin's sign-in, or no place yet
        site = None
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return render(
        request,
        site,
        "web/locked_out.html",
        {"minutes": minutes, "failure_limit": settings.AXES_FAILURE_LIMIT},
        status=429,
    )


@workspace_page("logins.read")
def sign_ins(request: HttpRequest, site: PlaceSite) -> HttpResponse:
    """The sign-in audit: who signed in or out, who failed and who was locked out, and when."""
    kind = request.GET.get("kind", "")
    if kind not in LoginEvent.Kind.values:
        kind = ""
    return render(
        request,
        site,
        "web/workspace/sign_ins.html",
        {
            "events": login_event_list(place=site.place, viewer=request.user, kind=kind),
            "kinds": LoginEvent.Kind.choices,
            "kind": kind,
        },
    )
