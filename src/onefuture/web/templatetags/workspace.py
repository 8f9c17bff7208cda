"""``{% workspace_navigation as items %}``: the workspace tasks the signed-in person may use here.

The items are those apps registered (:func:`onefuture.web.workspace.workspace_register`),
filtered by the person's rights in the page's place, each with what waits for them.
"""

from __future__ import annotations

from django import template

from onefuture.web.workspace import ShownWorkspaceItem, workspace_items

register = template.Library()


@register.simple_tag(takes_context=True)
def workspace_navigation(context: template.Context) -> list[ShownWorkspaceItem]:
    site = context.get("site")
    request = context.get("request")
    if site is None or request is None:
        return []
    return workspace_items(site, request.user)
