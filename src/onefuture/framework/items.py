"""The registry of linkable item kinds: which models a Link may point at, by kind name.

Framework items share one id namespace per place (docs/adr/0002), so a link in the YAML file
names its ends by id alone; this registry lets the loader and the selectors find the model
behind each kind. Apps add their own kinds in ``AppConfig.ready()``::

    from onefuture.framework.items import linkable_register
    linkable_register(Measure)          # Measure subclasses LinkableItem, kind = "measure"
"""

from __future__ import annotations

from django.db import models

_LINKABLE: dict[str, type[models.Model]] = {}


def linkable_register(model: type[models.Model]) -> None:
    """Let links point at ``model`` (a LinkableItem subclass with a non-empty ``kind``)."""
    kind = getattr(model, "kind", "")
    if not kind:
        raise ValueError(f"{model.__name__} needs a 'kind' class attribute to be linkable.")
    existing = _LINKABLE.get(kind)
    if existing is not None and existing is not model:
        raise ValueError(f"Kind '{kind}' is already registered for {existing.__name__}.")
    _LINKABLE[kind] = model


def linkable_models() -> dict[str, type[models.Model]]:
    """Every registered kind and its model, in registration order."""
    return dict(_LINKABLE)
