"""The demo step that loads ``examples/stockport/data/*.csv`` through the one import pipeline.

Registered with F1's ``demo_step_register`` from :class:`~onefuture.measures.apps.MeasuresConfig`
(order 30: after the framework file, which defines the areas and the measures). A file whose
exact content was already imported for the place is skipped, so ``make run`` can call it every
time without adding import batches.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from onefuture.measures.models import ImportBatch, ImportStatus


def example_data_load(example_dir: Path) -> str:
    """Import each tidy CSV under ``example_dir / "data"`` not yet loaded, in name order."""
    from onefuture.framework.demo import DemoError
    from onefuture.measures.services import DataImportError, import_file
    from onefuture.places.selectors import place_resolve

    folder = example_dir / "data"
    files = sorted(folder.glob("*.csv")) if folder.is_dir() else []
    if not files:
        return f"No example data in {folder}; skipped."
    place = place_resolve(slug="stockport")
    lines = []
    for path in files:
        checksum = hashlib.sha256(path.read_bytes()).hexdigest()
        if ImportBatch.objects.filter(
            place=place, checksum=checksum, status=ImportStatus.SUCCEEDED
        ).exists():
            continue
        try:
            batch = import_file(place=place, source=path, origin="demo")
        except DataImportError as error:
            raise DemoError(f"{path}: the example data failed to import. {error}") from None
        lines.append(f"{path.name}: {batch.message}")
    if not lines:
        return "Example measures data already loaded (nothing changed)."
    return "Loaded example measures data: " + " ".join(lines)
