"""What the import pages show beyond the selectors' reads (``selectors.import_batch_detail``)."""

from __future__ import annotations

__all__ = ["ERRORS_SHOWN"]

#: How many of an import's errors the status page lists (the rest are counted).
ERRORS_SHOWN = 200
