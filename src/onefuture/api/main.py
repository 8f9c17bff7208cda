"""The API itself: :func:`api_build` makes the ``NinjaAPI`` served at ``/api/v1/`` (ADR 0026).

- Routers come from :mod:`onefuture.api.registry` (apps register them in ``ready()``).
- Errors: one handler turns :class:`~onefuture.core.errors.ApplicationError` into
  ``{"message": ..., "errors": [{"field", "row", "column", "message"}, ...]}`` with the
  error's status (``NotFound`` 404, ``PermissionDenied`` 403, anything else 400); Django's own
  ``Http404`` and ``PermissionDenied`` and a request the schema rejects get the same shape
  (404, 403, 400), so a client reads one kind of error body.
- Who is asking: :class:`~onefuture.api.auth.ApiAuth` on every route (ADR 0039): a bearer
  token (``Authorization: Bearer oft_…``; a bad, expired or revoked one is a 401 in the same
  error shape, never anonymous), else Django's session (writes need its CSRF token), else an
  anonymous reader. Each route asks the services and selectors, which check object by object;
  the OpenAPI schema says every route takes a bearer token or nothing.
- Personal data: no route returns a person's name or email.
- No interactive docs page (it would load Swagger UI from a CDN, which the CSP forbids and the
  product never does at run time); the OpenAPI schema is at ``/api/v1/openapi.json``.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import ValidationError

from onefuture.api.auth import ApiAuth
from onefuture.api.registry import api_router_list
from onefuture.core.errors import ApplicationError, ErrorDetail
from onefuture.tokens.services import TokenRejected

VERSION = "1"


def error_body(message: str, errors: list[ErrorDetail] | tuple = ()) -> dict[str, Any]:
    """The JSON body of every error the API answers."""
    return {
        "message": message,
        "errors": [
            {"field": e.field, "row": e.row, "column": e.column, "message": e.message}
            for e in errors
        ],
    }


def api_place(slug: str | None) -> Any:
    """The place a request names with ``?place=<slug>`` (else the default); NotFound."""
    from onefuture.places.selectors import place_resolve

    return place_resolve(slug=slug)


class _Api(NinjaAPI):
    """The ``NinjaAPI`` whose schema says a bearer token is optional on every route.

    ninja lists the auth as required (``security: [{"ApiAuth": []}]``); an empty requirement
    beside it (``{}``) is OpenAPI's "or none", which is what anonymous readers are allowed.
    """

    def get_openapi_schema(self, *args: Any, **kwargs: Any) -> Any:
        schema = super().get_openapi_schema(*args, **kwargs)
        for operations in schema.get("paths", {}).values():
            for operation in operations.values():
                security = operation.get("security") if isinstance(operation, dict) else None
                if security and {} not in security:
                    security.append({})
        return schema


def api_build(*, urls_namespace: str = "api") -> NinjaAPI:
    """The API with every registered router and the error translation."""
    api = _Api(
        auth=ApiAuth(),
        title="onefuture",
        version=VERSION,
        description="Read the vision's routemaps, milestones, published updates and agreed "
        "partner commitments. Add ?place=<slug> for a place other than the default.",
        docs_url=None,
        urls_namespace=urls_namespace,
    )

    def respond(request: HttpRequest, body: dict[str, Any], status: int) -> HttpResponse:
        return api.create_response(request, body, status=status)

    @api.exception_handler(ApplicationError)
    def application_error(request: HttpRequest, error: ApplicationError) -> HttpResponse:
        return respond(request, error_body(error.message, error.errors), error.status_code)

    @api.exception_handler(TokenRejected)
    def token_rejected(request: HttpRequest, error: TokenRejected) -> HttpResponse:
        response = respond(request, error_body(error.message, error.errors), 401)
        response["WWW-Authenticate"] = 'Bearer realm="onefuture", error="invalid_token"'
        return response

    @api.exception_handler(Http404)
    def not_found(request: HttpRequest, error: Http404) -> HttpResponse:
        return respond(request, error_body(str(error) or "Not found."), 404)

    @api.exception_handler(DjangoPermissionDenied)
    def forbidden(request: HttpRequest, error: DjangoPermissionDenied) -> HttpResponse:
        return respond(request, error_body(str(error) or "You may not read this."), 403)

    @api.exception_handler(ValidationError)
    def invalid(request: HttpRequest, error: ValidationError) -> HttpResponse:
        details = [
            ErrorDetail(
                field=".".join(str(p) for p in e.get("loc", ()) if p not in ("query", "path")),
                message=str(e.get("msg", "")),
            )
            for e in error.errors
        ]
        return respond(request, error_body("The request is not valid:", details), 400)

    for router in api_router_list():
        api.add_router(router.prefix, router.build(), tags=[router.name])
    return api
