"""The scrutiny report's 'what changed' for a scripted change, and its words read back.

On the Stockport example: the history is moved before date A, then between A and B one data
point changes (re-assessed by the service) and one milestone update is published. The report
for B since A lists exactly those; the report for A lists neither. The header block, the
recommendations and the contact officer come from a meeting recorded through the tracker's
service; the measures' latest values and progress words in the Word file (python-docx) and
the PDF (pypdf) match the database; every PDF page is drawn non-blank by pdftoppm.
"""

from __future__ import annotations

import datetime as dt
import io
import time

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone
from docx import Document as DocxDocument
from pypdf import PdfReader

from onefuture.core.models import Role
from onefuture.core.services import membership_set
from onefuture.measures.models import Assessment, AssessmentRecord, DataPoint, ImportBatch
from onefuture.measures.selectors import datapoint_latest, measure_home_area, measure_list
from onefuture.measures.services import assessments_recompute
from onefuture.measures.vocabulary import term
from onefuture.reports import services as tracker_services
from onefuture.reports.builders.scrutiny import scrutiny_build
from onefuture.reports.document import BulletList, Paragraph, Recommendations, Table
from onefuture.reports.render.docx import document_docx
from onefuture.reports.render.pdf import document_pdf
from onefuture.routemaps.models import Milestone, UpdateState
from onefuture.routemaps.services.updates import update_record
from tests.reports.pdf_read import page_is_blank, pages_drawn, struct_alts
from tests.reports.stockport_world import stockport_load

pytestmark = pytest.mark.django_db

COMMITTEE = "Economy, Regeneration and Climate Change Scrutiny Committee"
RECOMMENDATIONS = ("Note the progress in this report.", "Comment on the routemaps' next steps.")


def _utc(day: dt.date, hour: int = 12) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour), tzinfo=dt.UTC)


def _script(place):
    """Move the history before A; between A and B change one data point and one milestone."""
    date_b = timezone.now().date()
    date_a = date_b - dt.timedelta(days=120)
    AssessmentRecord.objects.filter(measure__place=place).update(
        computed_at=_utc(date_a - dt.timedelta(days=30))
    )
    ImportBatch.objects.filter(place=place).update(created_at=_utc(date_a - dt.timedelta(days=5)))
    user = get_user_model().objects.create_user(username="r1b-strategy", password="pw-123456789")
    membership_set(user=user, place=place, role=Role.STRATEGY_OFFICER)
    tracker_services.meeting_create(
        user=user, place=place, committee=COMMITTEE, date=date_a, report_of="Earlier author"
    )
    tracker_services.meeting_create(
        user=user,
        place=place,
        committee=COMMITTEE,
        date=date_b,
        report_of="Cabinet Member for Economy and Regeneration",
        report_title="One Stockport One Future: progress",
        recommendations_text="\n".join(RECOMMENDATIONS),
        contact_name="A Contact Officer",
        contact_role="Strategy Lead",
        contact_phone="0161 000 0000",
    )

    measures = measure_list(place=place)
    progressed = {
        a.measure_id
        for a in Assessment.objects.filter(measure__place=place, kind="progress", breakdown="none")
    }
    latest = datapoint_latest(measures=list(measures))
    measure = next(m for m in measures if m.id in progressed and m.id in latest)
    point = latest[measure.id]
    DataPoint.objects.filter(pk=point.pk).update(
        value=point.value * 3 if point.value else 50.0, lower=None, upper=None
    )
    assessments_recompute(place=place, measure_ids=[measure.id], cause="scripted change")

    milestone = Milestone.objects.filter(routemap__big_thing__place=place).order_by("pk").first()
    new_status = "at_risk" if milestone.status != "at_risk" else "on_track"
    update_record(
        place=place,
        user=user,
        milestone=milestone,
        status=new_status,
        narrative="Scripted.",
        state=UpdateState.PUBLISHED,
        now=_utc(date_a + dt.timedelta(days=10)),
    )
    return date_a, date_b, measure, milestone


def _expected(place):
    """From the database: each measure's latest value and its progress words."""
    measures = measure_list(place=place)
    latest = datapoint_latest(measures=list(measures))
    words = {}
    for m in measures:
        home = measure_home_area(m)
        found = Assessment.objects.filter(
            measure=m, area=home, kind="progress", breakdown="none"
        ).first()
        if found is not None:
            words[m.title] = found.text or term("progress", found.label).status
    return {m.title: latest.get(m.id) for m in measures}, words, {m.title: m for m in measures}


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        from django.db import transaction

        with transaction.atomic():
            place = stockport_load()
            date_a, date_b, measure, milestone = _script(place)
            started = time.perf_counter()
            doc_b = scrutiny_build(place=place, date=date_b, since=date_a)
            doc_default = scrutiny_build(place=place, date=date_b)
            doc_a = scrutiny_build(place=place, date=date_a, since=date_a - dt.timedelta(days=10))
            build_s = (time.perf_counter() - started) / 3
            started = time.perf_counter()
            docx = document_docx(doc_b)
            docx_s = time.perf_counter() - started
            started = time.perf_counter()
            pdf = document_pdf(doc_b)
            pdf_s = time.perf_counter() - started
            latest, words, by_title = _expected(place)
            transaction.set_rollback(True)
    print(f"scrutiny (scripted): build {build_s:.2f} s, docx {docx_s:.2f} s, pdf {pdf_s:.2f} s")
    return {
        "a": date_a,
        "b": date_b,
        "measure": measure.title,
        "milestone": milestone.title,
        "doc_b": doc_b,
        "doc_default": doc_default,
        "doc_a": doc_a,
        "docx": docx,
        "pdf": pdf,
        "latest": latest,
        "words": words,
        "measures": by_title,
    }


def _changes(document) -> tuple[list[str], list[str]]:
    """The bullets of section 2: (assessment changes, milestone updates)."""
    section = document.sections[1]
    lists: list[list[str]] = []
    kinds: list[str] = []
    last = ""
    for block in section.blocks:
        if isinstance(block, Paragraph):
            last = block.text
        elif isinstance(block, BulletList):
            lists.append(list(block.items))
            kinds.append(last)
    assessments = [
        i for items, k in zip(lists, kinds, strict=True) if "assessment" in k for i in items
    ]
    milestones = [
        i for items, k in zip(lists, kinds, strict=True) if "published" in k for i in items
    ]
    return assessments, milestones


def test_what_changed_between_a_and_b_is_exactly_the_scripted_change(world) -> None:
    assessments, milestones = _changes(world["doc_b"])
    assert assessments, "the changed data point changed no assessment"
    assert all(item.startswith(world["measure"]) for item in assessments), assessments
    assert len(milestones) == 1 and milestones[0].startswith(world["milestone"]), milestones
    # since defaults to the committee's previous meeting (date A): the same items.
    assert _changes(world["doc_default"]) == (assessments, milestones)


def test_imports_before_a_are_not_new_data_for_b_but_are_for_a(world) -> None:
    def said(doc) -> str:
        return " ".join(b.text for b in doc.sections[1].blocks if isinstance(b, Paragraph))

    assert "No new measure data were imported between" in said(world["doc_b"])
    assert "of measure data added" in said(world["doc_a"])
    tables = [b for b in world["doc_a"].sections[1].blocks if isinstance(b, Table)]
    assert any(t.caption == "Measure data imported since the previous report" for t in tables)


def test_the_report_for_a_lists_neither_change(world) -> None:
    assessments, milestones = _changes(world["doc_a"])
    assert assessments == [] and milestones == []
    text = " ".join(b.text for b in world["doc_a"].sections[1].blocks if hasattr(b, "text"))
    assert "No assessment of a measure changed" in text


def test_header_recommendations_and_contact_come_from_the_meeting(world) -> None:
    doc = world["doc_b"]
    assert doc.header.report_to == COMMITTEE
    assert doc.header.date == world["b"]
    assert doc.header.report_of == "Cabinet Member for Economy and Regeneration"
    assert doc.header.title == "One Stockport One Future: progress"
    recs = [b for s in doc.sections for b in s.blocks if isinstance(b, Recommendations)]
    assert len(recs) == 1
    section = next(s for s in doc.sections if recs[0] in s.blocks)
    assert [r.text for r in recs[0].items] == list(RECOMMENDATIONS)
    assert [r.number for r in recs[0].items] == [f"{section.number}.1", f"{section.number}.2"]
    word = DocxDocument(io.BytesIO(world["docx"]))
    header = word.tables[0]
    cells = {row.cells[0].text: row.cells[1].text for row in header.rows}
    assert cells["Report to"] == COMMITTEE
    assert cells["Report of"] == "Cabinet Member for Economy and Regeneration"
    assert cells["Date"] == f"{world['b'].day} {world['b']:%B %Y}"
    text = "\n".join(p.text for p in word.paragraphs)
    assert "A Contact Officer" in text
    for number, rec in zip(("1", "2"), RECOMMENDATIONS, strict=True):
        assert f"{section.number}.{number}\t{rec}" in text


def _measure_tables(document) -> list[Table]:
    return [
        b
        for s in document.sections
        for b in s.blocks
        if isinstance(b, Table) and b.columns[:2] == ("Measure", "Latest value")
    ]


def test_values_and_progress_words_match_the_database(world) -> None:
    tables = _measure_tables(world["doc_b"])
    assert tables
    word = DocxDocument(io.BytesIO(world["docx"]))
    docx_rows = {tuple(c.text for c in row.cells) for table in word.tables for row in table.rows}
    pdf_text = " ".join(
        page.extract_text() for page in PdfReader(io.BytesIO(world["pdf"])).pages
    ).replace("\n", " ")
    checked = 0
    for table in tables:
        progress = table.columns.index("Progress to target")
        for row in table.rows:
            assert row in docx_rows, row
            title = row[0].removesuffix(" (illustrative)")
            measure = world["measures"][title]
            point = world["latest"][title]
            if point is None:
                assert row[1] == "No data yet"
                continue
            number = f"{point.value:,.{measure.decimal_places}f}"
            assert row[1].startswith(number), (title, row[1], number)
            assert row[2] == point.period
            assert row[progress] == world["words"].get(title, "Not assessed"), title
            assert number in pdf_text, title
            checked += 1
    assert checked >= 5


def test_every_pdf_page_is_drawn_and_not_blank(world, tmp_path) -> None:
    reader = PdfReader(io.BytesIO(world["pdf"]))
    assert reader.trailer["/Root"]["/Lang"] == "en-GB"
    pages = pages_drawn(world["pdf"], tmp_path)
    assert len(pages) == len(reader.pages) >= 3
    for path in pages:
        assert not page_is_blank(path), path


def test_milestones_complete_overdue_due_and_agreed_commitments_on_a_small_plan() -> None:
    """On the routemaps' sample plan: the skills centre reported complete between A and B, the
    bus lanes overdue on B; the trust's agreed commitment is named in its big thing's section,
    the council's commitment still only 'committed' is not."""
    from onefuture.routemaps.models import Commitment
    from tests.routemaps.sample import sample_plan

    plan = sample_plan()
    council, trust, _forum = plan.sample.partners
    a, b = dt.date(2027, 1, 1), dt.date(2027, 6, 1)
    user = get_user_model().objects.create_user(username="r1b-plan", password="pw-123456789")
    skills, bus_lanes, jobs_hub = (plan.milestones[k] for k in ("skills", "bus-lanes", "jobs-hub"))
    update_record(
        place=plan.place,
        user=user,
        milestone=skills,
        status="complete",
        state=UpdateState.PUBLISHED,
        now=_utc(dt.date(2027, 2, 1)),
    )
    for partner, milestone, status in ((trust, skills, "agreed"), (council, jobs_hub, "committed")):
        Commitment.objects.create(
            place=plan.place,
            partner=partner,
            big_thing=milestone.routemap.big_thing,
            milestone=milestone,
            title=f"{partner.name} leads {milestone.title}",
            status=status,
        )
    document = scrutiny_build(place=plan.place, date=b, since=a)
    intro = document.sections[0].blocks
    ambitions = [blk for blk in intro if isinstance(blk, BulletList)][-1].items
    assert [i.split(":")[0] for i in ambitions] == [x.title for x in plan.sample.ambitions]
    tables = [blk for blk in document.sections[1].blocks if isinstance(blk, Table)]
    assert len(tables) == 1
    rows = [(r[0], r[1]) for r in tables[0].rows]
    assert rows == [
        ("Complete since the previous report", skills.title),
        ("Overdue", bus_lanes.title),
    ]
    text = " ".join(blk.text for blk in document.sections[1].blocks if isinstance(blk, Paragraph))
    assert "1 milestone reported complete" in text and "1 milestone overdue" in text
    jobs = next(s for s in document.sections if s.title.startswith(skills.routemap.big_thing.title))
    found = [blk for blk in jobs.blocks if isinstance(blk, Table) and "commitments" in blk.caption]
    assert len(found) == 1
    assert [r[0] for r in found[0].rows] == [trust.name]
    from onefuture.routemaps.vocabulary import COMMITMENT_STATUS

    assert found[0].rows[0][4] == COMMITMENT_STATUS["agreed"].label
    assert all(council.name not in " ".join(r) for r in found[0].rows)


def test_figures_carry_their_alt_text_in_word_and_in_the_tagged_pdf(world) -> None:
    import re
    import zipfile

    from onefuture.reports.document import Figure

    alts = [b.alt for s in world["doc_b"].sections for b in s.blocks if isinstance(b, Figure)]
    assert len(alts) >= 5 and all(alts)
    xml = zipfile.ZipFile(io.BytesIO(world["docx"])).read("word/document.xml").decode()
    assert sorted(re.findall(r'<wp:docPr [^>]*descr="([^"]*)"', xml)) == sorted(
        a.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;").replace(">", "&gt;")
        for a in alts
    )
    root = PdfReader(io.BytesIO(world["pdf"])).trailer["/Root"]
    assert "/StructTreeRoot" in root and root["/MarkInfo"]["/Marked"]
    assert sorted(struct_alts(root["/StructTreeRoot"])) == sorted(alts)
    headings = DocxDocument(io.BytesIO(world["docx"])).paragraphs
    numbered = [p.text for p in headings if p.style.name == "Heading 1"]
    assert numbered == [f"{s.number}. {s.title}" for s in world["doc_b"].sections]
