"""The JSON API at ``/api/v1/``: one django-ninja ``NinjaAPI``, routers that apps register.

``registry``
    :func:`~onefuture.api.registry.api_router_register`, called from an app's ``ready()``, so
    this package never imports a domain app (as the web shell's registry does for pages).
``main``
    :func:`~onefuture.api.main.api_build`: the API with every registered router, the one
    translation of :class:`~onefuture.core.errors.ApplicationError` into JSON
    (``{"message", "errors": [...]}`` with 400, 403 or 404) and the place resolver.
``urls``
    The URLconf ``config/urls.py`` includes at ``api/v1/`` (ADR 0026).
"""
