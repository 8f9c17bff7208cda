"""The framework file's own sections: place, vision, areas, boundaries, comparator groups, big
things, cross-cutting ambitions, the previous plan, and links.

Each section replaces what the place had: items are matched by their stable id (areas by code,
ambition applications by ambition and big thing, links by their two ends and type); matched
items are updated only where a field differs; items missing from the file are deleted.
Lists keep the file's order (an ``order`` field), except areas and comparator groups, which
have no natural order and are written sorted by type and code, and by id.
"""

from onefuture.framework.fileformat.item_sections import (
    BIG_THINGS,
    CROSS_CUTTING_AMBITIONS,
    LINKS,
    PREDECESSOR,
)
from onefuture.framework.fileformat.place_sections import (
    AREAS,
    BOUNDARIES,
    COMPARATOR_GROUPS,
    PLACE,
    VISION,
)

#: In load order; registered by ``FrameworkConfig.ready()``. Other apps add their own sections.
CORE_SECTIONS = (
    PLACE,
    VISION,
    AREAS,
    BOUNDARIES,
    COMPARATOR_GROUPS,
    BIG_THINGS,
    CROSS_CUTTING_AMBITIONS,
    PREDECESSOR,
    LINKS,
)
