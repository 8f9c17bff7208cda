"""``{% permission_has "data.import" site.place as may_import %}``: the page asks the same
check the service will make (:func:`onefuture.core.permissions.permission_has`)."""

from __future__ import annotations

from typing import Any

from django import template

from onefuture.core.permissions import permission_has as _permission_has

register = template.Library()


@register.simple_tag(takes_context=True)
def permission_has(context: template.Context, action: str, place: Any, obj: Any = None) -> bool:
    request = context.get("request")
    user = getattr(request, "user", None) or context.get("user")
    return _permission_has(user=user, action=action, place=place, obj=obj)
