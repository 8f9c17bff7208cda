"""A URLconf for tests/web/test_errors.py: the real site plus views that raise each error."""

from __future__ import annotations

from django.core import exceptions
from django.http import HttpRequest, HttpResponse
from django.urls import include, path

from onefuture.config.urls import handler403, handler404
from onefuture.core.errors import ApplicationError, ErrorDetail, NotFound, PermissionDenied


def not_found(request: HttpRequest) -> HttpResponse:
    raise NotFound("No routemap 'by-2030' in Riverton.")


def denied(request: HttpRequest) -> HttpResponse:
    raise PermissionDenied("Only Riverton's strategy officers may publish a routemap.")


def bad_input(request: HttpRequest) -> HttpResponse:
    raise ApplicationError(
        "The file has 2 problems.",
        errors=[
            ErrorDetail(row=7, column="value", message="'abc' is not a number"),
            ErrorDetail(row=3, column="period", message="the period is empty"),
        ],
    )


def django_denied(request: HttpRequest) -> HttpResponse:
    raise exceptions.PermissionDenied


urlpatterns = [
    path("places/riverton/raise/django-denied/", django_denied),
    path("places/riverton/raise/not-found/", not_found),
    path("places/riverton/raise/denied/", denied),
    path("places/riverton/raise/bad-input/", bad_input),
    path("", include("onefuture.web.urls")),
]

# The site's own error pages, as configured.
__all__ = ["handler403", "handler404", "urlpatterns"]
