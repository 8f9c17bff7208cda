"""PowerPoint rendering with python-pptx: 16:9 slides, Arial at readable sizes, near-black on
white (GOV.UK's text colour and brand blue), charts as pictures whose ``descr`` (the alt text a
screen reader reads, p:nvPicPr/p:cNvPr@descr) is the chart's text alternative, speaker notes
carrying the numbers in words."""

from __future__ import annotations

import io

from pptx import Presentation as PptxPresentation
from pptx.dml.color import RGBColor
from pptx.util import Emu, Inches, Pt

from onefuture.reports.builders.presentation import Presentation, Slide

TEXT = RGBColor(0x0B, 0x0C, 0x0C)
BRAND = RGBColor(0x1D, 0x70, 0xB8)
ILLUSTRATIVE = RGBColor(0x59, 0x4D, 0x00)
WIDTH, HEIGHT = Emu(12192000), Emu(6858000)  # 13.333 by 7.5 inches: exactly 16:9


def _text(frame, paragraphs, *, size: int, bold: bool = False, colour=TEXT) -> None:
    frame.word_wrap = True
    for i, words in enumerate(paragraphs):
        p = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        run = p.add_run()
        run.text = words
        run.font.name = "Arial"
        run.font.size = Pt(size)
        run.font.bold = bold
        run.font.color.rgb = colour
        p.space_after = Pt(size // 2)


def _slide(deck, slide: Slide, number: int) -> None:
    page = deck.slides.add_slide(deck.slide_layouts[6])  # blank
    band = page.shapes.add_shape(1, 0, 0, WIDTH, Inches(0.25))
    band.fill.solid()
    band.fill.fore_color.rgb = BRAND
    band.line.fill.background()
    band.name = "Decoration"
    title_size = 40 if slide.kind in ("title", "closing") else 32
    top = Inches(2.4) if slide.kind == "title" else Inches(0.5)
    title = page.shapes.add_textbox(Inches(0.6), top, WIDTH - Inches(1.2), Inches(1.2))
    title.name = "Title"
    _text(title.text_frame, [slide.title], size=title_size, bold=True)
    body_top = top + Inches(1.3)
    if slide.illustrative:
        tag = page.shapes.add_textbox(Inches(0.6), body_top - Inches(0.2), Inches(6), Inches(0.4))
        _text(tag.text_frame, ["Illustrative example"], size=16, bold=True, colour=ILLUSTRATIVE)
        body_top += Inches(0.4)
    text_width = WIDTH - Inches(1.2)
    if slide.pictures:
        text_width = Inches(6.4)
    if slide.bullets:
        body = page.shapes.add_textbox(
            Inches(0.6), body_top, text_width, HEIGHT - body_top - Inches(0.5)
        )
        body.name = "Text"
        size = 20 if slide.kind == "big_thing" else 24
        _text(body.text_frame, list(slide.bullets), size=size)
    y = body_top
    for picture in slide.pictures[:2]:
        box_w, box_h = Inches(5.9), Inches(2.6)
        w, h = picture.width_px or 4, picture.height_px or 3
        scale = min(box_w / w, box_h / h)
        shown = page.shapes.add_picture(
            io.BytesIO(picture.png),
            Inches(7.1),
            y,
            width=Emu(int(w * scale)),
            height=Emu(int(h * scale)),
        )
        shown.name = picture.title[:60] or "Chart"
        shown._element.nvPicPr.cNvPr.set("descr", picture.alt)
        y += Emu(int(h * scale)) + Inches(0.2)
    footer = page.shapes.add_textbox(Inches(0.6), HEIGHT - Inches(0.5), Inches(4), Inches(0.4))
    _text(footer.text_frame, [f"{number}"], size=12, colour=TEXT)
    footer.name = "Slide number"
    if slide.notes:
        page.notes_slide.notes_text_frame.text = slide.notes


def presentation_pptx(presentation: Presentation) -> bytes:
    """The slides as .pptx bytes."""
    deck = PptxPresentation()
    deck.slide_width, deck.slide_height = WIDTH, HEIGHT
    deck.core_properties.title = presentation.title
    deck.core_properties.author = presentation.place_name
    deck.core_properties.language = presentation.language
    for number, slide in enumerate(presentation.slides, start=1):
        _slide(deck, slide, number)
    out = io.BytesIO()
    deck.save(out)
    return out.getvalue()
