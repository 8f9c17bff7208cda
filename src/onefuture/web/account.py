"""Signing in and out, and the workspace's home page.

Sign-in is Django's own ``LoginView`` (its password checks, its throttling-free simplicity: put
a rate limit in front of it in production, see the README) in a GOV.UK page; sign-out is a POST
(Django's ``LogoutView``), so a link or an image on another site cannot sign anyone out. After
signing in a person lands where they were going, else on their workspace.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import AuthenticationForm
from django.http import HttpRequest, HttpResponse

from onefuture.core.selectors import membership_get, membership_list
from onefuture.web.place_urls import PlaceSite, place_page
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
