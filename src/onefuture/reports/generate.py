"""One entry point for making reports: :func:`report_generate` finds the kind in the registry,
builds its tree once and draws it in each format asked for.

Every front end (the ``onefuture report`` command, and the reports page's job:
``reports.services.report_run_execute``, ADR 0037) calls this and nothing else. A kind whose
builder returns a :class:`~onefuture.reports.document.Document` is drawn by the shared renderers
(Word, PDF); a kind with its own tree (the brochure, the presentation) carries its renderers in
``ReportKind.extra["render"]`` (``{format: function}``), which win over the shared ones. Errors
a person can fix are :class:`ApplicationError`: an unknown kind (from :func:`report_kind`), a
format the kind does not make, no format at all.

``progress(done, stage)`` is called with ``done`` from 0 to 100 and a stage in words ("Building
the engagement report", "Drawing the PDF", "Done").
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from onefuture.core.errors import ApplicationError, ErrorDetail
from onefuture.reports.document import FORMATS, Document, ReportKind, report_kind

Progress = Callable[[int, str], None]

CONTENT_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
}

FORMAT_NAMES = {"docx": "Word", "pdf": "PDF", "pptx": "PowerPoint"}


@dataclass(frozen=True)
class GeneratedFile:
    """One file made: its file name, content type and bytes."""

    name: str
    content_type: str
    data: bytes


def _document_docx(built: Document) -> bytes:
    from onefuture.reports.render.docx import document_docx

    return document_docx(built)


def _document_pdf(built: Document) -> bytes:
    from onefuture.reports.render.pdf import document_pdf

    return document_pdf(built)


def _document_pptx(built: Any) -> bytes:
    from onefuture.reports.render.pptx import presentation_pptx

    return presentation_pptx(built)


#: The shared renderers, by format, for kinds that do not bring their own.
_RENDERERS: dict[str, Callable[[Any], bytes]] = {
    "docx": _document_docx,
    "pdf": _document_pdf,
    "pptx": _document_pptx,
}


def formats_parse(formats: str | Iterable[str], *, field: str = "format") -> tuple[str, ...]:
    """``"docx,pdf"`` or ``["docx", "pdf"]`` as a tuple of known formats, in order, once each."""
    items = formats.split(",") if isinstance(formats, str) else list(formats)
    found: list[str] = []
    unknown = []
    for item in items:
        name = item.strip().lower().lstrip(".")
        if not name:
            continue
        if name not in FORMATS:
            unknown.append(item.strip())
        elif name not in found:
            found.append(name)
    if unknown:
        raise ApplicationError(
            f"Unknown format {', '.join(repr(u) for u in unknown)}. Formats: {', '.join(FORMATS)}.",
            errors=[ErrorDetail(field=field, message=f"not a format: {u}") for u in unknown],
        )
    if not found:
        raise ApplicationError(
            "Give at least one format.", errors=[ErrorDetail(field=field, message="empty")]
        )
    return tuple(found)


def _renderer(kind: ReportKind, fmt: str) -> Callable[[Any], bytes]:
    own = (kind.extra or {}).get("render") or {}
    return own.get(fmt) or _RENDERERS[fmt]


def file_name(*, place: Any, kind: ReportKind, date: dt.date, fmt: str) -> str:
    slug = getattr(place, "slug", "") or "place"
    return f"{slug}-{kind.key}-{date.isoformat()}.{fmt}"


def report_generate(
    *,
    place: Any,
    kind: str,
    date: dt.date,
    since: dt.date | None = None,
    formats: str | Iterable[str],
    progress: Progress | None = None,
) -> list[GeneratedFile]:
    """The report ``kind`` of ``place`` for ``date`` in each of ``formats`` (see the module)."""
    report = report_kind(kind)
    wanted = formats_parse(formats)
    refused = [f for f in wanted if f not in report.formats]
    if refused:
        made = ", ".join(report.formats)
        raise ApplicationError(
            f"The {report.title.lower()} is not made as {', '.join(refused)}: only {made}.",
            errors=[
                ErrorDetail(field="format", message=f"{report.key} has no {f}") for f in refused
            ],
        )
    if since is not None and since > date:
        raise ApplicationError(
            "The date to report changes since is after the report's date.",
            errors=[ErrorDetail(field="since", message=f"{since} is after {date}")],
        )

    def tell(done: int, stage: str) -> None:
        if progress is not None:
            progress(done, stage)

    steps = 1 + len(wanted)
    tell(0, f"Building the {report.title.lower()}")
    built = report.build(place=place, date=date, since=since)
    files = []
    for i, fmt in enumerate(wanted, start=1):
        tell(round(100 * i / steps), f"Drawing the {FORMAT_NAMES[fmt]} file")
        data = _renderer(report, fmt)(built)
        files.append(
            GeneratedFile(
                name=file_name(place=place, kind=report, date=date, fmt=fmt),
                content_type=CONTENT_TYPES[fmt],
                data=data,
            )
        )
    tell(100, "Done")
    return files
