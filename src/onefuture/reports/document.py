"""The document model: one plain tree that every renderer (Word, PDF, PowerPoint) draws.

A report builder composes selectors and page builders into a ``Document``; it never knows the
output format. Renderers walk the tree; none of them queries the database. The registry of
report kinds lets the CLI, the reports page and the job find every report without importing it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

FORMATS = ("docx", "pdf", "pptx")


@dataclass(frozen=True)
class HeaderBlock:
    """The council report's header: who it goes to, when, from whom, and its title."""

    report_to: str
    date: dt.date
    report_of: str
    title: str
    place_name: str = ""
    wards: str = "All"
    key_decision: str = "No"
    illustrative: bool = False


@dataclass(frozen=True)
class Paragraph:
    """A numbered paragraph (``number`` like ``"1.1"``; empty for an unnumbered one)."""

    number: str
    text: str


@dataclass(frozen=True)
class BulletList:
    items: tuple[str, ...]


@dataclass(frozen=True)
class Table:
    """A table with a header row; every cell is display text."""

    caption: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class Figure:
    """A chart drawn once to PNG, with its text alternative, caption and the same numbers as a
    table (the table is what a screen reader or a reader of the Word file can check)."""

    png: bytes
    alt: str
    caption: str
    table: Table | None = None
    width_px: int = 0
    height_px: int = 0


@dataclass(frozen=True)
class Recommendation:
    number: str
    text: str


@dataclass(frozen=True)
class Recommendations:
    items: tuple[Recommendation, ...]


@dataclass(frozen=True)
class ContactOfficer:
    name: str
    role: str = ""
    email: str = ""
    phone: str = ""


Block = Paragraph | BulletList | Table | Figure | Recommendations | ContactOfficer


@dataclass(frozen=True)
class Section:
    """A numbered section (``number`` like ``"1"``) holding blocks in order."""

    number: str
    title: str
    blocks: tuple[Block, ...] = ()


@dataclass(frozen=True)
class Document:
    title: str
    header: HeaderBlock
    sections: tuple[Section, ...]
    author: str = "onefuture"
    language: str = "en-GB"


class Numberer:
    """Hands out section and paragraph numbers in the council's format (1, 1.1, 1.2, 2, 2.1)."""

    def __init__(self) -> None:
        self.section = 0
        self.paragraph = 0

    def next_section(self) -> str:
        self.section += 1
        self.paragraph = 0
        return str(self.section)

    def next_paragraph(self) -> str:
        self.paragraph += 1
        return f"{self.section}.{self.paragraph}"


def section_build(numberer: Numberer, title: str, blocks: Sequence[Block | str]) -> Section:
    """A section whose plain strings become the next numbered paragraphs."""
    number = numberer.next_section()
    built: list[Block] = []
    for block in blocks:
        if isinstance(block, str):
            built.append(Paragraph(numberer.next_paragraph(), block))
        else:
            built.append(block)
    return Section(number=number, title=title, blocks=tuple(built))


@dataclass(frozen=True)
class ReportKind:
    """One kind of report: ``build(place=, date=, since=)`` returns a ``Document`` (or, for a
    slide deck, whatever its renderer takes); ``formats`` are the outputs it supports."""

    key: str
    title: str
    build: Callable[..., Any]
    formats: tuple[str, ...] = ("docx", "pdf")
    description: str = ""
    extra: dict[str, Any] = field(default_factory=dict)


_KINDS: dict[str, ReportKind] = {}


def report_register(kind: ReportKind) -> ReportKind:
    """Register a report kind (idempotent by key: the last registration wins)."""
    _KINDS[kind.key] = kind
    return kind


def report_kinds() -> list[ReportKind]:
    return list(_KINDS.values())


def report_kind(key: str) -> ReportKind:
    from onefuture.core.errors import ApplicationError

    try:
        return _KINDS[key]
    except KeyError:
        known = ", ".join(sorted(_KINDS)) or "none"
        raise ApplicationError(f"There is no report called {key!r}. Reports: {known}.") from None
