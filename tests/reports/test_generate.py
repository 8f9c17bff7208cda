"""report_generate: builds once, draws each format asked for with the kind's own renderer or the
shared ones, names the files, reports progress from 0 to 100, and refuses what a kind cannot
make."""

from __future__ import annotations

import datetime as dt

import pytest

from onefuture.core.errors import ApplicationError
from onefuture.reports import document
from onefuture.reports.document import ReportKind, report_kind
from onefuture.reports.generate import CONTENT_TYPES, formats_parse, report_generate
from tests.engagement.public_sample import public_world

DATE = dt.date(2026, 6, 1)


def test_formats_parse() -> None:
    assert formats_parse("PDF, docx,pdf") == ("pdf", "docx")
    assert formats_parse(["pptx"]) == ("pptx",)
    with pytest.raises(ApplicationError, match="Unknown format 'odt'"):
        formats_parse("pdf,odt")
    with pytest.raises(ApplicationError, match="at least one format"):
        formats_parse(" , ")


@pytest.mark.django_db
def test_builds_once_and_draws_each_format_with_progress(monkeypatch) -> None:
    world = public_world()
    calls = []
    real = report_kind("engagement")

    def build(**kwargs):
        calls.append(kwargs)
        return real.build(**kwargs)

    counted = ReportKind(key="engagement-counted", title="Counted", build=build)
    monkeypatch.setitem(document._KINDS, counted.key, counted)  # gone after the test
    seen: list[tuple[int, str]] = []
    files = report_generate(
        place=world.place,
        kind="engagement-counted",
        date=DATE,
        formats="pdf,docx",
        progress=lambda done, stage: seen.append((done, stage)),
    )
    assert calls == [{"place": world.place, "date": DATE, "since": None}]
    assert [f.name for f in files] == [
        "riverton-engagement-counted-2026-06-01.pdf",
        "riverton-engagement-counted-2026-06-01.docx",
    ]
    assert [f.content_type for f in files] == [CONTENT_TYPES["pdf"], CONTENT_TYPES["docx"]]
    assert files[0].data.startswith(b"%PDF")
    assert files[1].data.startswith(b"PK")
    done = [d for d, _ in seen]
    assert done == sorted(done) and done[0] == 0 and done[-1] == 100
    assert [s for _, s in seen] == [
        "Building the counted",
        "Drawing the PDF file",
        "Drawing the Word file",
        "Done",
    ]


@pytest.mark.django_db
def test_a_kinds_own_renderer_wins(monkeypatch) -> None:
    world = public_world()
    monkeypatch.setitem(
        document._KINDS,
        "own-renderer",
        ReportKind(
            key="own-renderer",
            title="Own",
            build=lambda **kwargs: "tree",
            formats=("pdf",),
            extra={"render": {"pdf": lambda built: f"drawn {built}".encode()}},
        ),
    )
    (made,) = report_generate(place=world.place, kind="own-renderer", date=DATE, formats=["pdf"])
    assert made.data == b"drawn tree"


def test_refuses_a_format_the_kind_does_not_make() -> None:
    with pytest.raises(ApplicationError, match="not made as pptx: only docx, pdf") as caught:
        report_generate(place=None, kind="engagement", date=DATE, formats="pptx")
    assert caught.value.errors[0].field == "format"
