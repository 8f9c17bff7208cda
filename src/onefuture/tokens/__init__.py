"""Per-person API tokens (ADR 0039): the model, its services and selectors, and the workspace
page "API tokens". The API's authentication (``onefuture.api.auth``) asks
:func:`~onefuture.tokens.services.token_authenticate`; a token has no rights of its own, only
its user's memberships (``core.permissions``).

Its own app, not the ``api`` package: that package is a front end (translation only, no model,
``tests/test_layers.py``), and tokens are about who is asking, like ``core``'s memberships.
"""
