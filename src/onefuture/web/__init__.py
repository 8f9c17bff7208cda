"""The web shell: what every public page shares, under every app that has pages (ADR 0016).

Import from its modules (this package is imported before Django's apps are ready, so it
re-exports nothing):

- ``onefuture.web.place_urls``: ``Page``, ``PlaceSite``, ``place_page``, ``place_patterns``,
  ``site_for``;
- ``onefuture.web.registry``: ``page_register``, ``NavItem`` and ``navigation_register``,
  ``Panel`` and ``panel_register``, ``PageContext`` and ``page_context_register``, called from
  an app's ``AppConfig.ready()``;
- ``onefuture.web.shortcuts.render``: a page's response with the shared layout's context;
- templates ``web/base.html``, ``web/includes/breadcrumbs.html``,
  ``web/includes/illustrative_tag.html``; tags ``{% load place_urls %}`` and ``{% load panels %}``.
"""
