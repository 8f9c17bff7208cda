"""The framework file: one YAML file per place, validated against one JSON Schema.

Public names for apps that add a section (see ``registry`` and docs/framework-format.md):
``Section``, ``section_register``, ``CheckContext``, ``LoadContext``, ``as_list``, ``ITEMS``.
Loading and dumping go through ``onefuture.framework.services``.
"""

from onefuture.framework.fileformat.registry import (
    ITEMS,
    CheckContext,
    LoadContext,
    Section,
    as_list,
    path_text,
    section_list,
    section_register,
)

__all__ = [
    "ITEMS",
    "CheckContext",
    "LoadContext",
    "Section",
    "as_list",
    "path_text",
    "section_list",
    "section_register",
]
