"""The web pages' one translation of :class:`onefuture.core.errors.ApplicationError`.

Services raise ``ApplicationError`` (or a subclass) for anything a person caused and can fix;
views let it propagate and :class:`ApplicationErrorMiddleware` answers, in the site's layout:

- :class:`~onefuture.core.errors.NotFound`: the 404 page, with the error's message;
- :class:`~onefuture.core.errors.PermissionDenied`: the 403 page, with the error's message;
- any other ``ApplicationError``: a 400 page with the message and every detail listed (row,
  column, field), so the person can fix the input.

A view that can show the error on the page the input came from (a form beside its fields)
catches it itself; this is the fallback that keeps a traceback from ever reaching a visitor.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from onefuture.core.errors import ApplicationError, NotFound, PermissionDenied
from onefuture.web.shortcuts import render
from onefuture.web.views import page_not_found, permission_denied, site_for_path


def application_error_response(request: HttpRequest, error: ApplicationError) -> HttpResponse:
    """The page that answers a request whose service raised ``error``."""
    if isinstance(error, NotFound):
        return page_not_found(request, message=error.message)
    if isinstance(error, PermissionDenied):
        return permission_denied(request, message=error.message)
    return render(
        request,
        site_for_path(request),
        "web/400.html",
        {"message": error.message, "errors": error.errors},
        status=error.status_code,
    )


class ApplicationErrorMiddleware:
    """Turn an :class:`ApplicationError` raised by a view into its page (see the module)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if isinstance(exception, ApplicationError):
            return application_error_response(request, exception)
        return None
