"""The presentation from the Stockport example, opened with python-pptx: 16:9, the opening
slides, one slide per big thing in order, every picture with alt text (p:cNvPr@descr), notes
carrying the numbers, and nothing from a comment's original text."""

from __future__ import annotations

import io

import pytest
from pptx import Presentation as Deck
from pptx.enum.shapes import MSO_SHAPE_TYPE

from onefuture.engagement.models import Comment
from onefuture.framework.models import BigThing
from onefuture.reports.builders.presentation import presentation_build
from onefuture.reports.document import report_kind
from onefuture.reports.render.pptx import presentation_pptx
from tests.engagement.public_sample import ORIGINAL_MARKER, public_world
from tests.reports.stockport_world import stockport_load

pytestmark = pytest.mark.django_db


@pytest.fixture
def deck():
    place = stockport_load()
    built = presentation_build(place=place)
    return place, built, Deck(io.BytesIO(presentation_pptx(built)))


def _title(slide) -> str:
    return next(s for s in slide.shapes if s.name == "Title").text_frame.text


def test_one_slide_per_big_thing_in_order(deck) -> None:
    place, _built, pptx = deck
    assert pptx.slide_width * 9 == pptx.slide_height * 16
    titles = [_title(s) for s in pptx.slides]
    assert titles[1:5] == [
        "The context",
        "The purpose",
        "What the vision means by 2040",
        "The outcome of engagement",
    ]
    big_things = list(BigThing.objects.filter(place=place).order_by("order"))
    assert len(big_things) == 5
    assert titles[5:10] == [f"{n}. {b.title}" for n, b in enumerate(big_things, start=1)]
    assert titles[-1] == "Commit to the plan with us"


def test_every_picture_has_alt_text_and_there_are_charts(deck) -> None:
    _place, _built, pptx = deck
    pictures = [
        shape
        for slide in pptx.slides
        for shape in slide.shapes
        if shape.shape_type == MSO_SHAPE_TYPE.PICTURE
    ]
    assert pictures
    for picture in pictures:
        assert picture._element.nvPicPr.cNvPr.get("descr", "").strip()


def test_notes_carry_the_numbers(deck) -> None:
    place, built, pptx = deck
    for slide, source in zip(pptx.slides, built.slides, strict=True):
        assert slide.has_notes_slide
        notes = slide.notes_slide.notes_text_frame.text
        assert notes == source.notes
    measures = [s for s in built.slides if s.kind == "big_thing"]
    brochure = report_kind("brochure").build(place=place, images=False)
    for slide, b in zip(measures, brochure.big_things, strict=True):
        for m in b.measures:
            assert m.value in slide.notes, (b.key, m.value)
        if b.routemap:
            assert f"{b.routemap.count} milestones" in slide.notes


def _all_text(pptx) -> str:
    shapes = " ".join(
        shape.text_frame.text
        for slide in pptx.slides
        for shape in slide.shapes
        if shape.has_text_frame
    )
    return shapes + " " + " ".join(s.notes_slide.notes_text_frame.text for s in pptx.slides)


def test_nothing_from_a_comments_original_text() -> None:
    """A place with engagement (comments whose originals hold a marker, confirmed and proposed
    themes): the engagement slide has the public counts and confirmed themes, never an
    original, nor a proposed theme."""
    world = public_world()
    built = presentation_build(place=world.place)
    text = _all_text(Deck(io.BytesIO(presentation_pptx(built))))
    assert "The outcome of engagement" in text
    assert "Buses" in text  # a confirmed theme
    assert "Litter" not in text  # a proposed one
    assert ORIGINAL_MARKER not in text
    for original in Comment.objects.values_list("text", flat=True):
        assert original not in text
