"""Reading generated PDFs back in the report tests: pages drawn by pdftoppm, figures' alt text."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from PIL import Image, ImageStat

from tests.conftest import require


def pages_drawn(
    pdf: bytes, folder: Path, *, resolution: int = 30, first_only: bool = False
) -> list[Path]:
    """Draw the PDF's pages to PNG with pdftoppm (poppler-utils; `.ci/run` installs it) and
    return them in order."""
    require(shutil.which("pdftoppm") is not None, "pdftoppm (poppler-utils) is not installed")
    source = folder / "drawn.pdf"
    source.write_bytes(pdf)
    pages = ["-f", "1", "-l", "1"] if first_only else []
    subprocess.run(
        ["pdftoppm", "-png", "-r", str(resolution), *pages, str(source), str(folder / "page")],
        check=True,
    )
    return sorted(folder.glob("page*.png"))


def page_is_blank(path: Path, *, spread: float = 3.0) -> bool:
    """Whether a drawn page is (nearly) one flat colour (grey levels' spread under ``spread``)."""
    return ImageStat.Stat(Image.open(path).convert("L")).stddev[0] <= spread


def struct_alts(node, found: list[str] | None = None) -> list[str]:
    """The /Alt of every /Figure element in a tagged PDF's structure tree, in reading order."""
    found = [] if found is None else found
    node = node.get_object()
    if isinstance(node, list):
        for child in node:
            struct_alts(child, found)
        return found
    if not hasattr(node, "get"):
        return found
    if node.get("/S") == "/Figure" and "/Alt" in node:
        found.append(str(node["/Alt"]))
    kids = node.get("/K")
    if kids is not None:
        struct_alts(kids if isinstance(kids, list) else [kids], found)
    return found
