"""``onefuture report KIND``: writes each format's file to --out (read back), shows a progress
bar, and every mistake is an error naming what to fix (unknown kind, a format the kind does not
make, a bad date naming its option), exit 1 without a traceback."""

from __future__ import annotations

import io

import docx
import pytest
from pptx import Presentation as Deck
from pypdf import PdfReader
from typer.testing import CliRunner

from onefuture.cli import app
from tests.engagement.public_sample import ORIGINAL_MARKER, public_world

runner = CliRunner()


@pytest.mark.django_db
def test_engagement_report_in_word_and_pdf(tmp_path) -> None:
    world = public_world()
    out = tmp_path / "made"
    result = runner.invoke(
        app,
        ["report", "engagement", "--place", world.place.slug, "--date", "2026-06-01",
         "--format", "docx,pdf", "--out", str(out)],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    names = sorted(p.name for p in out.iterdir())
    assert names == ["riverton-engagement-2026-06-01.docx", "riverton-engagement-2026-06-01.pdf"]
    word = docx.Document(out / names[0])
    text = "\n".join(p.text for p in word.paragraphs)
    assert "What people told us" in text
    assert ORIGINAL_MARKER not in text
    pdf = PdfReader(io.BytesIO((out / names[1]).read_bytes()))
    assert len(pdf.pages) >= 2
    assert "Done" in result.output  # the progress bar's last stage
    for name in names:
        assert str(out / name) in result.output


@pytest.mark.django_db
def test_presentation_defaults_to_its_format_without_a_bar(tmp_path) -> None:
    world = public_world()
    result = runner.invoke(
        app, ["report", "presentation", "--place", world.place.slug, "--out", str(tmp_path),
              "--no-progress"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    (made,) = list(tmp_path.iterdir())
    assert made.suffix == ".pptx"
    deck = Deck(str(made))
    assert len(deck.slides) > 3
    assert "Done" not in result.output


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["report", "minutes"], "There is no report called 'minutes'. Reports:"),
        (["report", "engagement", "--format", "pptx"], "is not made as pptx: only docx, pdf"),
        (["report", "engagement", "--format", "xls"], "Unknown format 'xls'"),
        (["report", "scrutiny", "--date", "2026-13-01"], "--date must be a date as YYYY-MM-DD"),
        (["report", "scrutiny", "--since", "last week"], "--since must be a date"),
        (
            ["report", "scrutiny", "--date", "2026-01-01", "--since", "2026-02-01"],
            "changes since is after the report's date",
        ),
    ],
)
@pytest.mark.django_db
def test_mistakes_are_errors_naming_what_to_fix(args, words, tmp_path) -> None:
    world = public_world()
    result = runner.invoke(app, [*args, "--place", world.place.slug, "--out", str(tmp_path)])
    assert result.exit_code == 1, result.output
    assert words in result.output
    assert "Traceback" not in result.output
    assert list(tmp_path.iterdir()) == []


def test_unknown_kind_lists_the_known_ones() -> None:
    result = runner.invoke(app, ["report", "minutes"])
    assert result.exit_code == 1
    for key in ("brochure", "engagement", "presentation", "scrutiny"):
        assert key in result.output
