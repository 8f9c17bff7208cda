"""The word lists that name finding reads from ``onefuture/themes/data`` (sources in its README)."""

from __future__ import annotations

import gzip
import unicodedata
from functools import cache, lru_cache
from importlib import resources


def _listed(text: str) -> list[str]:
    """Split a long literal word list (easier to read and edit than many quoted strings)."""
    return text.split()


@lru_cache(maxsize=65536)
def _fold(word: str) -> str:
    """Case- and accent-free key, so "SIÂN", "Siân" and "sian" look up the same list entry."""
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).replace("’", "'")


@cache
def _words(name: str) -> frozenset[str]:
    """A word list shipped in ``onefuture/themes/data`` (``.txt`` or ``.txt.gz``), folded."""
    resource = resources.files("onefuture.themes") / "data" / name
    raw = resource.read_bytes()
    if name.endswith(".gz"):
        raw = gzip.decompress(raw)
    lines = raw.decode("utf-8").splitlines()
    keys = (line.strip() for line in lines if line.strip() and line[0] != "#")
    return frozenset(k.lower() if k.isascii() else _fold(k) for k in keys)


@cache
def _lists() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    first = _words("first_names.txt.gz") | _words("uk_given_names.txt")
    return first, _words("surnames.txt.gz"), _words("english_words.txt.gz")
