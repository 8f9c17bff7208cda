"""Personal-data redaction (``onefuture.themes.redact``): each kind, offsets, idempotence, no false
alarms on ordinary Stockport text, unicode, and recall and precision on the labelled set in
``tests/data/redaction`` (see its README; ``benchmarks/redaction.py`` prints the full table)."""

from __future__ import annotations

import doctest
import json
import math
import socket
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pytest_socket import SocketBlockedError, disable_socket, enable_socket

from onefuture.themes.redaction import (
    KINDS,
    Redaction,
    Span,
    names,
    redact,
    redact_many,
    redaction_scores,
    wordlists,
)

LABELLED = Path(__file__).resolve().parents[1] / "data" / "redaction" / "labelled.jsonl"


def found(text: str) -> list[tuple[str, str]]:
    return [(span.kind, span.original) for span in redact(text).spans]


def check_spans(text: str, result: Redaction) -> None:
    """The invariants every redaction keeps: offsets into the original, sorted, disjoint, and the
    redacted text is exactly the original with each span replaced by its tag."""
    rebuilt, position = [], 0
    for span in result.spans:
        assert isinstance(span, Span)
        assert 0 <= position <= span.start < span.end <= len(text)
        assert text[span.start : span.end] == span.original
        assert span.kind in KINDS
        rebuilt += [text[position : span.start], f"[{span.kind}]"]
        position = span.end
    rebuilt.append(text[position:])
    assert "".join(rebuilt) == result.text


@pytest.fixture(scope="module")
def records() -> list[dict]:
    return [json.loads(line) for line in LABELLED.read_text(encoding="utf-8").splitlines()]


# --- each kind -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "email",
    [
        "sarah.jenkins@gmail.com",
        "d_patel77@yahoo.co.uk",
        "J.OKONKWO-SMITH@OUTLOOK.COM",
        "tidyreddish+litterpicks@gmail.com",
        "ollie.b@stockport-scouts.org.uk",
        "o'neill@btinternet.com",
    ],
)
def test_emails(email: str) -> None:
    assert found(f"Please write to {email}.") == [("EMAIL", email)]


@pytest.mark.parametrize(
    "phone",
    [
        "07700 900123",
        "07700 900 123",
        "07700-900-123",
        "07700.900.123",
        "07700900123",
        "+44 7700 900123",
        "+447700900123",
        "0044 7700 900 123",
        "+44 (0)7700 900123",
        "0161 496 0000",
        "0161-496-0000",
        "0161.496.0000",
        "(0161) 496 0000",
        "+44 161 496 0000",
        "+44 (0)161 496 0000",
        "020 7946 0123",
        "01632 960123",
        "01625 612345",
    ],
)
def test_uk_phone_formats(phone: str) -> None:
    assert found(f"Ring me on {phone} after 5.") == [("PHONE", phone)]


def test_two_phone_numbers_side_by_side_stay_two() -> None:
    assert found("Landline 0161 496 0738 07700 900123") == [
        ("PHONE", "0161 496 0738"),
        ("PHONE", "07700 900123"),
    ]


@pytest.mark.parametrize(
    "not_a_phone",
    [
        "Call 999 in an emergency, 111 for the NHS or 101 for the police.",
        "The meeting is on 12/03/2025 at 18:30.",
        "Council tax went up 4.99% to £1,987.45.",
        "Planning application DC/084512 was refused.",
        "Around 1,200 homes by 2030, 0.5% of the borough.",
        "Numbers 0161 and 0207 are area codes, not phone numbers.",
    ],
)
def test_numbers_that_are_not_phones(not_a_phone: str) -> None:
    assert found(not_a_phone) == []


@pytest.mark.parametrize(
    "postcode",
    [
        "SK1 3XE",
        "sk4 1aa",
        "SK71AB",
        "Sk17 6DQ",
        "M1 1AE",
        "M60 7LP",
        "W1A 0AX",
        "EC1A 1BB",
        "SW1A 2AA",
        "B33 8TH",
        "CR2 6XH",
        "DN55 1PT",
        "GIR 0AA",
    ],
)
def test_postcodes(postcode: str) -> None:
    assert found(f"We live in {postcode}, near the park.") == [("POSTCODE", postcode)]


@pytest.mark.parametrize(
    "not_a_postcode",
    [
        "SK1 and SK4 have the worst air quality.",
        "Junction 27 of the M60 is always blocked.",
        "The A6 and the A34 are gridlocked.",
        # inward codes never use C, I, K, M, O or V
        "Code SK1 1CI is not a postcode.",
    ],
)
def test_things_that_are_not_postcodes(not_a_postcode: str) -> None:
    assert found(not_a_postcode) == []


@pytest.mark.parametrize(
    "address",
    [
        "12 Hill Street",
        "4a Church Rd",
        "221B Baker Street",
        "Flat 3, 12 Grove Lane",
        "Flat 9B 14 Oak Drive",
        "Apartment 5, 2 Mersey Square",
        "Block C, 22 Lancashire Hill",
        "No. 48 Dialstone Lane",
        "7 St Mary's Road",
        "88 Wellington Road South",
        "2 Holly Bank Close",
        "3 Woodbank Close",
        "16 Higher Hillgate Croft",
        "flat 9, 30 turncroft lane",
        "The Cottage, 2 Mill Brow",
        "Rose Cottage, 14 Oak Lane",
    ],
)
def test_addresses(address: str) -> None:
    assert found(f"I live at {address}, Stockport.") == [("ADDRESS", address)]


@pytest.mark.parametrize(
    "not_an_address",
    [
        "Potholes on Buxton Road and Church Lane are awful.",
        "We walked 5 minutes down the road to the park.",
        "There are 3 bus lanes on the A6 now.",
        "Number 12 on our road is empty.",
        "the 192 bus along wellington road is always late",
    ],
)
def test_streets_without_a_house_are_not_addresses(not_an_address: str) -> None:
    assert found(not_an_address) == []


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("My name is Sarah Jenkins and I live in Reddish.", ["Sarah Jenkins"]),
        ("I'm Priya, 16, and I want safer cycle lanes.", ["Priya"]),
        ("Mr Patel and Mrs O'Brien met Dr Khan and Cllr Mark Hunter.", None),
        ("My neighbour Dave has been reporting it for months.", ["Dave"]),
        ("my neighbour dave has been reporting it for months.", ["dave"]),
        ("Thanks, Will", ["Will"]),
        ("Great plan.\nKind regards,\nMark Thompson", ["Mark Thompson"]),
        ("Too many takeaways on Castle Street. – Derek", ["Derek"]),
        ("Jack and I went to the drop-in.", ["Jack"]),
        ("As Siobhán said at the forum, nobody listens.", ["Siobhán"]),
        ("Please contact Mohammed Iqbal or Aisha Begum.", ["Mohammed Iqbal", "Aisha Begum"]),
        ("Sarah's mum lives in Reddish.", ["Sarah"]),
        ("Post to M. Hussain at the library.", ["M. Hussain"]),
        ("Cllr walsh never replied. dr griffiths did.", ["walsh", "griffiths"]),
        ("I spoke to Femi at the council.", ["Femi"]),
        ("Regards,\nHamish Laidlaw", ["Hamish Laidlaw"]),
        ("Best wishes,\nMay Green", ["May Green"]),
        ("Email from Carol Whitworth-Jones about the crossing.", ["Carol Whitworth-Jones"]),
        ("My neighbours Jim and Pat have lived here for years.", ["Jim", "Pat"]),
        ("my son-in-law Rhodri Bevan will reply", ["Rhodri Bevan"]),
        ('Via text: "Jas here, the lift is broken"', ["Jas"]),
        ("Wiktoria & Ola from the Saturday school", ["Wiktoria", "Ola"]),
        ("Tell Sarah Green about it.", ["Sarah Green"]),
        ("Yours faithfully, Eleanor Prestwich", ["Eleanor Prestwich"]),
        ("Carol has been good to me all along.", ["Carol"]),
        ("Thanks to Nurse Julie on the ward.", ["Julie"]),
        ("Call Big Dave about the allotments.", ["Dave"]),
        ("Contact: Farhana Begum, Community Development Worker", ["Farhana Begum"]),
        ("Uncle Tony from the food bank is a legend", ["Tony"]),
        ("PC Smith came round about the break-in.", ["Smith"]),
        ("Request from Ms T. Oyelaran for the easy read version.", ["T. Oyelaran"]),
    ],
)
def test_names_with_and_without_cues(text: str, names: list[str] | None) -> None:
    if names is None:
        names = ["Patel", "O'Brien", "Khan", "Mark Hunter"]
    assert found(text) == [("NAME", name) for name in names]


def test_titles_stay_outside_the_name_and_the_tag_reads_naturally() -> None:
    assert redact("Cllr Mark Hunter and Mrs Begum").text == "Cllr [NAME] and Mrs [NAME]"


# Ordinary comments full of capitalised words that are not anyone's name: places, streets,
# organisations, months and days, and given names that are also ordinary words in normal use.
TRICKY_SENTENCES = [
    "Will the council publish the results in May?",
    "May I ask why the library in Heaton Norris is closing?",
    "Hope Valley trains are always late.",
    "I hope you will mark this as urgent.",
    "Mark my words, the A6 will be gridlocked by June.",
    "Grace periods for parking tickets should be ten minutes.",
    "Stepping Hill Hospital needs more parking.",
    "Hazel Grove and Bramhall need better buses.",
    "Marple, Romiley and Bredbury are all growing fast.",
    "Reddish Vale is beautiful in April.",
    "Victoria Park in Reddish has a new playground.",
    "Alexandra Park and Vernon Park need more bins.",
    "The Bee Network buses are much cheaper now.",
    "Stockport County play at Edgeley Park on Saturday.",
    "St Thomas' Hospital is being turned into flats.",
    "St Mary's Church in Cheadle runs a food bank.",
    "Wellington Road South is dangerous for cyclists.",
    "Amber warnings for air quality are common now.",
    "Summer holiday clubs filled up in a day.",
    "Bill payers are struggling.",
    "Frank discussions about housing are overdue.",
    "Jack up the fees and people will shop online.",
    "Rose Hill station needs a lift.",
    "Holly and ivy were planted on the verges.",
    "Marks & Spencer left Merseyway in 2023.",
    "Sainsbury's in Heaton Moor is always busy.",
    "Manchester Airport noise is getting worse.",
    "Transport for Greater Manchester runs the trams.",
    "Christmas lights in Mersey Square were lovely.",
    "Age UK and Citizens Advice do brilliant work.",
    "The Plaza on Mersey Square is Stockport's gem.",
    "Faith schools in Cheadle are oversubscribed.",
    "Dawn chorus walks at Lyme Park were a highlight.",
    "Sunday buses are a joke.",
    "Monday to Friday the car park is full by 9am.",
    "The One Stockport plan says nothing about Brinnington.",
    "NHS dentists are impossible to find since Covid.",
    "Eid and Diwali celebrations bring everyone together.",
    "I'm worried about the cost of living.",
    "I'm 15 and I want a skate park.",
    "My son has autism and needs support.",
    "Thanks for listening.",
    "Best of luck with the plan!",
    "Cheers for the new benches.",
    "The King's Coronation party in the park was great.",
    "Queen's Road needs resurfacing.",
    "Prince Charles Avenue floods every winter.",
    "Goyt Valley walks are popular.",
    "Stanley Green retail park is only reachable by car.",
    "More lighting on the Fred Perry Way, please.",
    # places missing from the gazetteer, after words that are also sign-offs
    "I moved here from Bollington last year.",
    "I love Chinley and the walk to Whaley.",
    "I work in Bradford and commute by train.",
    "Dr Who exhibition at the library was fun.",
    "Christie hospital is too far for chemo.",
    # shapes seen in real NHS feedback (reworded): initials, services, wards, sign-offs mid-text
    "They sent us to A&E. All sorted within the hour.",
    "Many thanks All my respect to the crew.",
    "Waited for a call back off a dr. However the ambulance was quick.",
    "Thank you. Old people like me need more help.",
    "Trent PTS has been the best service I have used.",
    "I have been on Rowan 1 for a month now.",
    "He moved to Ruddington View, Clifton Lane last year.",
    "Please tick Royal Victoria Infirmary on the form.",
    "I just moved here from South Africa.",
    "Na",
    "Ok",
    "Hope is very important, and Summer was lovely.",
    # the tail of a longer proper noun: shops and clubs named after people
    "We need a Trader Joe's and a Good Ole Boys club.",
    "Sidewalks are needed along Gary Farms Blvd and on Gordon ave.",
    "Marie Curie nurses and the Sue Ryder shop deserve support.",
    "Holland & Barrett and Greggs are fine but we need a greengrocer.",
    # job and church titles that also begin ordinary phrases
    "Father Christmas came to the market, then Sister Act played at the Plaza.",
    "We did Officer Training and saw An Inspector Calls at the Garrick.",
    "Sent from my iPhone",
    "we waited 2 hours in a&e at stepping hill",
]


@pytest.mark.parametrize("sentence", TRICKY_SENTENCES)
def test_no_false_alarms_on_ordinary_capitalised_words(sentence: str) -> None:
    result = redact(sentence)
    assert result.spans == ()
    assert result.text == sentence


# --- offsets, overlaps, idempotence, unicode, edge cases -----------------------------------------


def test_offsets_refer_to_the_original_text(records: list[dict]) -> None:
    for record in records:
        check_spans(record["text"], redact(record["text"]))


def test_overlaps_are_resolved_longest_first() -> None:
    # a phone-like local part inside an e-mail: the e-mail wins
    assert found("Mail 07700900123@example.com today") == [("EMAIL", "07700900123@example.com")]
    # a given name inside an address: the address wins
    assert found("They live at 12 Sarah Street.") == [("ADDRESS", "12 Sarah Street")]


def test_redacting_redacted_text_changes_nothing(records: list[dict]) -> None:
    for record in records:
        once = redact(record["text"]).text
        twice = redact(once)
        assert twice.text == once, record["id"]
        assert twice.spans == (), record["id"]


def test_unicode_names_and_offsets_in_code_points() -> None:
    text = "🚌 Zoë Ó'Súilleabháin and Łukasz Wiśniewski — tel 07700 900123 — 👍"
    result = redact(text)
    check_spans(text, result)
    assert result.text == "🚌 [NAME] and [NAME] — tel [PHONE] — 👍"


def test_text_in_other_scripts_is_left_alone() -> None:
    for text in ["Автобусы ходят редко.", "الحافلات متأخرة دائما", "公交车总是迟到"]:
        assert redact(text) == Redaction(text=text, spans=())


def test_empty_and_blank_text() -> None:
    assert redact("") == Redaction(text="", spans=())
    assert redact("   \n").text == "   \n"


def test_redact_rejects_what_is_not_text() -> None:
    with pytest.raises(TypeError, match="not int"):
        redact(42)  # type: ignore[arg-type]


def test_redact_many_keeps_order_and_treats_missing_cells_as_empty() -> None:
    results = redact_many(["Thanks, Sarah", None, float("nan"), "SK4 1AA"])
    assert [r.text for r in results] == ["Thanks, [NAME]", "", "", "[POSTCODE]"]


def test_redact_many_names_the_position_of_a_bad_item() -> None:
    with pytest.raises(TypeError, match=r"item 1 is a int"):
        redact_many(["fine", 7])


def test_word_lists_load_from_the_package_with_the_network_off() -> None:
    for cached in (wordlists._words, wordlists._lists, names._gazetteer):
        cached.cache_clear()
    disable_socket()
    try:
        with pytest.raises(SocketBlockedError), pytest.warns(UserWarning, match="socket"):
            socket.socket()  # the network really is off
        assert redact("Thanks, Sarah, Hazel Grove").text == "Thanks, [NAME], Hazel Grove"
    finally:
        enable_socket()


def test_counts() -> None:
    result = redact("Sarah Jenkins, sarah@example.com, 07700 900123, Thanks, Dave")
    assert result.counts() == {"NAME": 2, "EMAIL": 1, "PHONE": 1}


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=200))
def test_invariants_hold_for_any_text(text: str) -> None:
    result = redact(text)
    check_spans(text, result)


ALPHABET = list("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 .,'-@+()\n")
WORDS = [
    "Sarah", "Will", "Mr", "Dr", "Road", "Street", "Flat", "SK4", "1AA", "07700", "900123",
    "0161", "496", "0000", "my", "neighbour", "Thanks", "Hazel", "Grove", "12", "@", "gmail.com",
    "Regards", "Hill", "Mark", "May", "Jenkins", "[NAME]", "Cllr", "and", "I",
]  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.one_of(st.sampled_from(WORDS), st.text(alphabet=ALPHABET, max_size=6)), max_size=25
    ).map(" ".join)
)
def test_idempotent_on_generated_comments(text: str) -> None:
    once = redact(text)
    check_spans(text, once)
    assert redact(once.text).text == once.text


# --- the labelled set ----------------------------------------------------------------------------


def scores(records: list[dict], splits: set[str]) -> dict:
    chosen = [r for r in records if r["split"] in splits]
    return redaction_scores(
        [r["text"] for r in chosen],
        [[(s["start"], s["end"], s["kind"]) for s in r["spans"]] for r in chosen],
    )


def test_labelled_set_is_big_and_varied_enough(records: list[dict]) -> None:
    assert len(records) >= 300
    assert {r["split"] for r in records} == {"template", "holdout", "fresh", "blind", "blind2"}
    for record in records:
        for span in record["spans"]:
            assert record["text"][span["start"] : span["end"]] == span["text"]
    per_kind = {kind: sum(s["kind"] == kind for r in records for s in r["spans"]) for kind in KINDS}
    assert min(per_kind.values()) >= 50, per_kind
    assert sum(not r["spans"] for r in records) >= 100


def test_recall_at_least_95_percent_for_every_kind(records: list[dict]) -> None:
    table = scores(records, {"template", "holdout", "fresh", "blind", "blind2"})
    report = "\n".join(
        f"{s.kind:9} labelled {s.labelled:4}  recall {s.recall:.3f}  precision {s.precision:.3f}"
        for s in table.values()
    )
    print("\nRedaction on the whole labelled set\n" + report)
    for score in table.values():
        assert score.recall >= 0.95, report
        # precision is reported rather than targeted, but a collapse must not pass unnoticed
        assert score.precision >= 0.90, report


def test_recall_on_the_comments_not_built_from_templates(records: list[dict]) -> None:
    """The hand-written comments (other styles, other names) are the honest check against
    overfitting to the templates; they are fewer, so the bar is per set, not per kind."""
    table = scores(records, {"holdout", "fresh", "blind", "blind2"})
    labelled = sum(s.labelled for s in table.values())
    recalled = sum(s.recalled for s in table.values())
    assert labelled >= 120
    assert recalled / labelled >= 0.95, {k: round(s.recall, 3) for k, s in table.items()}
    assert all(not math.isnan(s.precision) for s in table.values())


def test_docstring_example_holds() -> None:
    from onefuture.themes.redaction import redactor

    result = doctest.testmod(redactor, optionflags=doctest.NORMALIZE_WHITESPACE)
    assert result.attempted > 0
    assert result.failed == 0
