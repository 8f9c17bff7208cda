"""Build ``labelled.jsonl``, the labelled redaction set, from templates and the held-out file.

Run from the repository root: ``.venv/bin/python tests/data/redaction/build.py``. The output is
deterministic (fixed seed), so re-running it changes nothing unless this file or ``holdout.txt``
changed.

Two parts, reported separately by ``benchmarks/redaction.py``:

* ``template``: comments assembled from the topic sentences, personal-data sentences and sign-offs
  below, with fillers drawn at random. Spans are recorded while the text is assembled, so they are
  exact by construction.
* ``holdout``: ``holdout.txt``, comments written one by one in a looser style (lower case, typos,
  run-on sentences, odd formats), with the personal data marked ``{{KIND:text}}``. Written before
  the redactor; its errors were looked at once, after the first version (see the README).
* ``fresh``: ``fresh.txt``, written after the first version in other styles again (call notes,
  letters, survey answers, posts) and measured once; its errors were then fixed.
* ``blind``: ``blind.txt``, written after those fixes in other styles again and measured once.
* ``blind2``: ``blind2.txt``, the same again after the fixes that ``blind`` and audits of real
  feedback prompted.

Every name, e-mail, phone number and address here is invented. Phone numbers come from Ofcom's
ranges reserved for drama (07700 900xxx, 0161 496 0xxx, 020 7946 0xxx, 01632 960xxx...) wherever
such a range exists.
"""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

HERE = Path(__file__).resolve().parent
SEED = 20260126
N_TEMPLATE = 340


def _words(text: str, sep: str | None = None) -> list[str]:
    """Split a long literal list (easier to read and edit than a list of quoted strings)."""
    return text.split(sep)


# --- fillers -------------------------------------------------------------------------------------

FIRST_NAMES = _words(
    "Sarah Dave Michelle Imran Aisha Connor Bethany Graham Shauna Kwame Agnieszka Rhys Niamh Lewis "
    "Tariq Fatima Jodie Kieran Olumide Bogdan Eilidh Harpreet Saoirse Zainab Leon Brandon Jean "
    "Pauline Trevor Sandra Gavin Nasreen Yusuf Ellie Megan Callum Declan Ayesha Mohammed Chidi Ewa "
    "Marek Ioana Mei Arjun Deepa Usman Hollie Jayden Kirsty Stuart Lesley Maureen Brian Kath Sian "
    "Gethin Oluwaseun Rukhsana Jamal Tyrone Wayne Lisa Darren Joanne Stacey Ian Mandy Roisin "
    "Faisal Sana Ruby Harvey Poppy Freddie Evie Archie Isla Theo Zoë Anaïs Siân Bronwen Łukasz "
    "Gráinne Kelechi Thandiwe Hamza Ishaan Nkechi Dorota Sinéad"
)
# First names that are also ordinary English words; only used where a cue makes them a name.
AMBIGUOUS_FIRST = _words("Will May Hope Mark Grace Rose Bill Dawn Joy Jack Frank Ray Faith Amber")
SURNAMES = _words(
    "Jenkins Hughes Ahmed Khan Kowalski Nowak O'Connor McAllister Fitzgerald Brennan Patel Shah "
    "Begum Okafor Mensah Clarke Bradshaw Whitehead Ashton Entwistle Hargreaves Lomax Pilkington "
    "Sutcliffe Ramsbottom Chowdhury Hussain Iqbal Nguyen Wong Chen Popescu Dimitrov Mahmood Walsh "
    "Doyle Byrne Thompson Roberts Evans Lloyd Griffiths Morgan Campbell Stewart MacLeod Grant "
    "Duffy Ferguson Barlow Kershaw Holt Worthington Ogunleye Adebayo Boateng Rahman Akhtar "
    "Siddiqui Sharma Gill Sandhu Dhillon Wiśniewski Kaczmarek Lewandowska Brown-Reid Smith-Jones "
    "Hill Green Wood Hall Ó'Súilleabháin Nwachukwu Szymańska"
)
PLACES = _words(
    "Reddish,Edgeley,Cheadle,Cheadle Hulme,Bramhall,Marple,Hazel Grove,Heaton Moor,Heaton Chapel,"
    "Heaton Mersey,Brinnington,Offerton,Davenport,Romiley,Bredbury,Woodford,Gatley,Heald Green,"
    "Adswood,Shaw Heath,Great Moor,High Lane,Compstall,Marple Bridge,Woodley,Stockport",
    sep=",",
)
STREET_WORDS = _words(
    "Church,Mill,Station,Park,Wellington,Grosvenor,Ashfield,Beech,Oak,Hillside,Windsor,Albert,"
    "Victoria,Queen's,Brook,Moor,Hall,Green,Cherry Tree,Lady,St Mary's,Bramhall,Marple,Heaton,Fir,"
    "Larch,Hawthorn,Oakfield,Rectory,Chapel,School,Manor,Springfield,Greenhill,Shaw,Dialstone,"
    "Lisburne,Gorsey,Turncroft,Hempshaw,Bowden,Nangreave,Thornfield,Ravenoak,Cale Green,"
    "Sandy,Higher Hillgate,Lowfield,Carrs,Dean,Pendlebury,Moss,Hanover,Didsbury,Mauldeth",
    sep=",",
)
SUFFIXES = _words(
    "Road,Road,Road,Street,Street,Street,Lane,Lane,Avenue,Avenue,Close,Drive,Way,Crescent,Grove,"
    "Terrace,Place,Gardens,Court,Walk,Mews,Hill,Row,Square,Parade,Rise,Brow,View,Fold,Croft,Green,"
    "Rd,St,Ln,Ave,Cl,Dr,Cres,Gdns",
    sep=",",
)
EMAIL_DOMAINS = _words(
    "gmail.com gmail.com hotmail.co.uk hotmail.com yahoo.co.uk btinternet.com outlook.com "
    "icloud.com live.co.uk sky.com virginmedia.com talktalk.net aol.com googlemail.com nhs.net "
    "stockport.gov.uk stockport.ac.uk reddishtenants.org.uk"
)
INWARD_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"


def _rng_choice(rng: random.Random, seq):
    return seq[rng.randrange(len(seq))]


def make_name(rng: random.Random, *, full: bool | None = None) -> str:
    first = _rng_choice(rng, FIRST_NAMES)
    if full is None:
        full = rng.random() < 0.5
    return f"{first} {_rng_choice(rng, SURNAMES)}" if full else first


def make_email(rng: random.Random) -> str:
    first = _rng_choice(rng, FIRST_NAMES).lower()
    last = _rng_choice(rng, SURNAMES).lower().replace("'", "")
    first = first.encode("ascii", "ignore").decode() or "jo"
    last = last.encode("ascii", "ignore").decode() or "smith"
    local = _rng_choice(
        rng,
        [
            f"{first}.{last}",
            f"{first}{last}",
            f"{first[0]}{last}",
            f"{first}{rng.randint(1, 99)}",
            f"{first}_{last}{rng.randint(60, 99)}",
            f"{last}.{first[0]}",
            f"{first}.{last}+council",
            "info",
            "hello",
        ],
    )
    address = f"{local}@{_rng_choice(rng, EMAIL_DOMAINS)}"
    return address.upper() if rng.random() < 0.05 else address


def make_phone(rng: random.Random) -> str:
    kind = rng.random()
    if kind < 0.45:  # mobile, Ofcom drama range 07700 900000-900999
        digits = f"07700900{rng.randint(0, 999):03d}"
        groups = [digits[:5], digits[5:]]
        if rng.random() < 0.3:
            groups = [digits[:5], digits[5:8], digits[8:]]
    elif kind < 0.75:  # Manchester, 0161 496 0000-0999
        digits = f"01614960{rng.randint(0, 999):03d}"
        groups = [digits[:4], digits[4:7], digits[7:]]
    elif kind < 0.85:  # London, 020 7946 0000-0999
        digits = f"0207946{rng.randint(0, 999):04d}"
        groups = [digits[:3], digits[3:7], digits[7:]]
    elif kind < 0.93:  # the fictional area code 01632
        digits = f"01632960{rng.randint(0, 999):03d}"
        groups = [digits[:5], digits[5:]]
    else:  # other large cities' drama ranges
        area = _rng_choice(rng, ["0113", "0114", "0115", "0117", "0121", "0131", "0141", "0151"])
        digits = f"{area}4960{rng.randint(0, 999):03d}"
        groups = [digits[:4], digits[4:7], digits[7:]]
    style = rng.random()
    if style < 0.15:
        return "+44 " + " ".join([groups[0][1:], *groups[1:]])
    if style < 0.22:
        return "+44" + "".join(groups)[1:]
    if style < 0.3:
        return "+44 (0)" + groups[0][1:] + " " + " ".join(groups[1:])
    if style < 0.4 and not groups[0].startswith("07"):
        return f"({groups[0]}) " + " ".join(groups[1:])
    return _rng_choice(rng, [" ", " ", " ", "-", ".", ""]).join(groups)


def make_postcode(rng: random.Random) -> str:
    outward = _rng_choice(
        rng,
        [
            f"SK{rng.randint(1, 17)}",
            f"SK{rng.randint(1, 8)}",
            f"M{rng.randint(1, 60)}",
            f"OL{rng.randint(1, 16)}",
            f"WA{rng.randint(1, 16)}",
            f"M{rng.randint(1, 4)}{_rng_choice(rng, 'ABCDEFGHJKPSTUW')}",
            "EC1A",
            "W1A",
            "SW1A",
            f"B{rng.randint(1, 99)}",
            f"LS{rng.randint(1, 29)}",
            f"N{rng.randint(1, 22)}",
            f"CH{rng.randint(1, 66)}",
        ],
    )
    inward = (
        f"{rng.randint(0, 9)}{_rng_choice(rng, INWARD_LETTERS)}{_rng_choice(rng, INWARD_LETTERS)}"
    )
    style = rng.random()
    if style < 0.12:
        return f"{outward}{inward}"
    if style < 0.25:
        return f"{outward} {inward}".lower()
    return f"{outward} {inward}"


def make_address(rng: random.Random) -> str:
    number = str(rng.randint(1, 250))
    if rng.random() < 0.1:
        number += _rng_choice(rng, ["a", "b", "A", "B"])
    street = f"{_rng_choice(rng, STREET_WORDS)} {_rng_choice(rng, SUFFIXES)}"
    if street.endswith(" Road") and rng.random() < 0.15:
        street += _rng_choice(rng, [" North", " South", " East", " West"])
    line = f"{number} {street}"
    flat = rng.random()
    if flat < 0.15:
        line = f"Flat {rng.randint(1, 40)}, {line}"
    elif flat < 0.2:
        line = f"Flat {rng.randint(1, 9)}{_rng_choice(rng, 'ABC')} {line}"
    elif flat < 0.25:
        line = f"Apartment {rng.randint(1, 120)}, {line}"
    return line


MAKERS = {
    "NAME": make_name,
    "EMAIL": make_email,
    "PHONE": make_phone,
    "POSTCODE": make_postcode,
    "ADDRESS": make_address,
}

# --- sentences -----------------------------------------------------------------------------------
# Topic sentences carry no personal data but plenty of capitalised words a careless redactor would
# take for names: places, streets without a house number, organisations, months, and names that are
# also ordinary words.
TOPICS = [
    "The buses from {place} to the town centre are far too infrequent after 7pm.",
    "Stepping Hill Hospital needs more parking for visitors and staff.",
    "Will the council commit to keeping the libraries open on Saturdays?",
    "May is the worst month for hay fever, so more trees that don't shed pollen would help.",
    "Hope the plan includes more support for carers.",
    "Mark the cycle lanes properly on the A6, drivers just ignore them.",
    "Grace periods for parking fines are too short.",
    "Bill payers in {place} are struggling with council tax going up again.",
    "Victoria Park and Alexandra Park need better lighting in winter.",
    "Vernon Park is lovely but the museum is hardly ever open.",
    "Mersey Square should be a proper public space with events all year round.",
    "Wellington Road South is dangerous for cyclists near the viaduct.",
    "Stockport County's success has been great for the town.",
    "Age UK and Citizens Advice do brilliant work and need long-term funding.",
    "Marks & Spencer leaving Merseyway was a real blow.",
    "The Bee Network has made buses cheaper but they still don't turn up.",
    "Metrolink to Stockport should be the top priority for clean, green transport.",
    "Young people in {place} have nowhere to go in the evenings.",
    "Schools in {place} are oversubscribed and the new estates will make it worse.",
    "Please put more bins along the Trans Pennine Trail.",
    "Reddish Vale Country Park is a hidden gem but feels unsafe after dark.",
    "Hazel Grove needs a proper high street, not just charity shops and bookies.",
    "The Hope Valley line is unreliable and overcrowded at peak times.",
    "Summer holiday clubs in {place} were full within a day.",
    "Jack up the parking charges and people will just shop online instead.",
    "Frank conversations about housing are needed, rents are out of control.",
    "Holly and ivy were planted at Woodbank Park but the paths are still a mess.",
    "Amber warnings for air quality near the M60 are becoming normal.",
    "Faith groups in {place} run most of the food banks, they need support.",
    "Dawn till dusk the traffic on the A34 never stops.",
    "Rose Hill station needs step-free access.",
    "The St Thomas' Hospital site should be turned into homes for older people.",
    "Heaton Norris Park needs its toilets reopened.",
    "In March the road by Bramall Hall flooded again.",
    "Around 1,200 new homes are planned, but where are the GP surgeries?",
    "Between 8am and 9am the junction at Kingsway is gridlocked.",
    "The 192 bus is packed every morning by 7:45.",
    "Only 1 in 4 young people I know thinks they will stay in Stockport.",
    "Council tax went up 4.99% this year and services got worse.",
    "We need to reach net zero by 2038 like the rest of Greater Manchester.",
    "Call 999 in an emergency, but 101 never answers.",
    "The £3.5m spent on the Interchange should have gone on youth services.",
    "The SK1 and SK2 areas have the worst air quality in the borough.",
    "Junction 1 of the M60 is a nightmare at rush hour.",
    "Year 11 students need better careers advice and apprenticeships.",
    "On 12/03/2024 the meeting at the Town Hall ran out of seats.",
    "Opening hours of 10:00-16:00 are no use to working parents.",
    "Great Moor and Offerton need a decent supermarket.",
    "Cheadle and Gatley get forgotten in these plans.",
    "Sainsbury's in {place} is the only place to meet people now the community centre closed.",
    "Manchester Airport expansion will make the noise over Heald Green even worse.",
    "The Greater Manchester Combined Authority should listen to Stockport more.",
    "Romiley and Marple need more than one train an hour.",
    "Davenport station is not accessible for wheelchair users.",
    "Transport for Greater Manchester should bring back the evening 330 service.",
    "The Plaza is the jewel of Stockport, protect it.",
    "Brinnington has been ignored for decades, put the money where it's needed.",
    "More social housing in Edgeley please, the waiting list is years long.",
    "Mental health services for children are impossible to access.",
    "Green spaces are what makes this borough special, don't build on them.",
    "Small businesses on Underbank need help with rents.",
    "The youth summit was a great idea, do it every year.",
    "Air pollution on the A6 through Heaton Chapel is a disgrace.",
    "Please fix the potholes on Buxton Road before someone gets hurt.",
    "Dementia-friendly spaces in town would help families like ours.",
    "More electric vehicle chargers are needed on the new estates.",
    "I support the plan for a new town centre park.",
    "Adult social care is stretched to breaking point.",
    "There is too much focus on the town centre and not enough on district centres.",
    "Lyme Park and Etherow Country Park are overcrowded at weekends.",
]

# Sentences with personal data. Each slot is {KIND} or {KIND:ambiguous} (a name that is also an
# ordinary word, which only a cue makes a name).
PII_SENTENCES = [
    "My name is {NAME} and I have lived in {place} for twenty years.",
    "I'm {NAME:first}, I'm 15 and I go to school in {place}.",
    "I am {NAME:full}, chair of the residents' association.",
    "Please contact me at {EMAIL} if you need more details.",
    "You can email {EMAIL} or call {PHONE}.",
    "My number is {PHONE}, I'm happy to talk about this.",
    "Call me on {PHONE} any weekday.",
    "I live at {ADDRESS}, {place}, {POSTCODE}, right next to the site.",
    "The flooding outside {ADDRESS} happens every winter.",
    "The house at {ADDRESS} has been empty for three years.",
    "Our postcode is {POSTCODE} and we still have no fibre broadband.",
    "I'm writing from {POSTCODE}, where the buses stopped last year.",
    "My neighbour {NAME:first} has been asking for a dropped kerb for ages.",
    "My son {NAME:first} has to travel two buses to get to college.",
    "My daughter {NAME:first} waited eight months for a CAMHS appointment.",
    "My husband {NAME} uses a wheelchair and half the pavements are impassable.",
    "My wife {NAME:first} and I run a small business on Underbank.",
    "My mum {NAME:first} lives alone in {place} and feels very isolated.",
    "I spoke to {NAME:first} at the council and nothing happened.",
    "{NAME:full} from the tenants' group raised this at the last meeting.",
    "As {NAME:full} said at the forum, young people need a voice.",
    "Cllr {NAME:surname} promised action on this in 2022.",
    "Councillor {NAME:full} came to see the problem but nothing changed.",
    "Mr {NAME:surname} at number 12 is 90 and can't get out.",
    "Mrs {NAME:surname} has run the lunch club for years without any funding.",
    "Ms {NAME:surname} at the school has been amazing with my son.",
    "Dr {NAME:surname} at the surgery says the waiting list is the worst she's seen.",
    "Send any letters to {ADDRESS}, {POSTCODE}.",
    "I'd like to volunteer, my email is {EMAIL}.",
    "My name is {NAME:ambiguous} and I'm a youth worker in {place}.",
    "I'm {NAME:ambiguous}, a nurse at Stepping Hill.",
    "My neighbour {NAME:ambiguous} can't get a GP appointment.",
    "My son {NAME:ambiguous} loves the skate park but it's falling apart.",
    "Mrs {NAME:ambiguous_full} runs the Brownies and they need a new hall.",
    "If anyone from the council wants to see it, ring {PHONE} after 5.",
    "Landline {PHONE}, mobile {PHONE}.",
    "Our group meets every Tuesday, details from {EMAIL} or {PHONE}.",
    "Text me on {PHONE} and I'll show you the damage.",
    "I rang {PHONE} about it three times and got nowhere.",
    "Happy to be contacted: {EMAIL}",
    "I've emailed {EMAIL} twice with photos but had no reply.",
    "The residents' group can be reached at {EMAIL}.",
    "There's a sinkhole outside {ADDRESS} that has been coned off since June.",
    "We moved to {ADDRESS} in 2019 and the road has never been resurfaced.",
    "Since we moved into {ADDRESS}, {POSTCODE} the bus stop has been taken away.",
    "Cars park on the pavement outside {ADDRESS} every school run.",
    "Post for the allotment society goes to {ADDRESS}, {place} {POSTCODE}.",
    "The empty shop at {ADDRESS} would make a great youth hub.",
    "Nobody has collected the bins from {POSTCODE} for three weeks.",
    "Everyone in {POSTCODE} gets flooded when the Goyt rises.",
    "My address is {ADDRESS}, {POSTCODE} if someone wants to come and look.",
]

SIGN_OFFS = [
    "Thanks, {NAME:first}",
    "Thanks,\n{NAME}",
    "Many thanks, {NAME:full}",
    "Regards, {NAME:full}",
    "Kind regards,\n{NAME:full}",
    "Cheers {NAME:first}",
    "Best wishes, {NAME}",
    "- {NAME:first}",
    "{NAME:full}, {place}",
    "{NAME:full}\n{EMAIL}",
    "{NAME:full}, {PHONE}",
    "Thanks, {NAME:ambiguous}",
    "Regards,\n{NAME:ambiguous_full}\n{ADDRESS}\n{POSTCODE}",
]

SLOT = re.compile(r"\{(NAME|EMAIL|PHONE|POSTCODE|ADDRESS|place)(?::(\w+))?\}")


def fill(template: str, rng: random.Random) -> tuple[str, list[dict]]:
    """Fill a template's slots, returning the text and the spans of the personal data in it."""
    out: list[str] = []
    spans: list[dict] = []
    pos = 0
    length = 0
    for match in SLOT.finditer(template):
        literal = template[pos : match.start()]
        out.append(literal)
        length += len(literal)
        kind, variant = match.group(1), match.group(2)
        if kind == "place":
            value = _rng_choice(rng, PLACES)
        elif kind == "NAME" and variant == "surname":
            value = _rng_choice(rng, SURNAMES)
        elif kind == "NAME" and variant == "first":
            value = _rng_choice(rng, FIRST_NAMES)
        elif kind == "NAME" and variant == "full":
            value = make_name(rng, full=True)
        elif kind == "NAME" and variant == "ambiguous":
            value = _rng_choice(rng, AMBIGUOUS_FIRST)
        elif kind == "NAME" and variant == "ambiguous_full":
            value = f"{_rng_choice(rng, AMBIGUOUS_FIRST)} {_rng_choice(rng, SURNAMES)}"
        else:
            value = MAKERS[kind](rng)
        if kind != "place":
            spans.append({"start": length, "end": length + len(value), "kind": kind})
        out.append(value)
        length += len(value)
        pos = match.end()
    out.append(template[pos:])
    return "".join(out), spans


def make_comment(rng: random.Random) -> tuple[str, list[dict]]:
    """One comment: one or two topic sentences, maybe a personal-data sentence, maybe a sign-off."""
    parts: list[str] = [_rng_choice(rng, TOPICS)]
    if rng.random() < 0.35:
        parts.append(_rng_choice(rng, TOPICS))
    roll = rng.random()
    if roll < 0.65:
        parts.insert(rng.randrange(len(parts) + 1), _rng_choice(rng, PII_SENTENCES))
    if roll < 0.15:
        parts.insert(rng.randrange(len(parts) + 1), _rng_choice(rng, PII_SENTENCES))
    if rng.random() < 0.3:
        parts.append("\n" + _rng_choice(rng, SIGN_OFFS))
    text_parts: list[str] = []
    spans: list[dict] = []
    offset = 0
    for i, template in enumerate(parts):
        sep = "" if i == 0 or template.startswith("\n") else " "
        text, part_spans = fill(template, rng)
        if rng.random() < 0.05:  # some people write in lower case throughout
            lowered = text.lower()
            # Lower-casing must not change the length (it doesn't for these alphabets); check.
            if len(lowered) == len(text):
                text = lowered
        offset += len(sep)
        text_parts.append(sep + text)
        spans.extend(
            {**s, "start": s["start"] + offset, "end": s["end"] + offset} for s in part_spans
        )
        offset += len(text)
    return "".join(text_parts), spans


MARK = re.compile(r"\{\{(NAME|EMAIL|PHONE|POSTCODE|ADDRESS):(.*?)\}\}")


def parse_marked(line: str) -> tuple[str, list[dict]]:
    """Turn a ``{{KIND:text}}``-marked line into plain text and spans."""
    line = line.replace("\\n", "\n")
    out: list[str] = []
    spans: list[dict] = []
    pos = length = 0
    for match in MARK.finditer(line):
        literal = line[pos : match.start()]
        out.append(literal)
        length += len(literal)
        value = match.group(2)
        spans.append({"start": length, "end": length + len(value), "kind": match.group(1)})
        out.append(value)
        length += len(value)
        pos = match.end()
    out.append(line[pos:])
    return "".join(out), spans


def build() -> list[dict]:
    rng = random.Random(SEED)
    records: list[dict] = []
    seen: set[str] = set()
    while len(records) < N_TEMPLATE:
        text, spans = make_comment(rng)
        if text in seen:
            continue
        seen.add(text)
        records.append(
            {"id": f"t{len(records) + 1:03d}", "split": "template", "text": text, "spans": spans}
        )
    hand_written = (
        ("holdout.txt", "holdout", "h"),
        ("fresh.txt", "fresh", "f"),
        ("blind.txt", "blind", "b"),
        ("blind2.txt", "blind2", "c"),
    )
    for file_name, split, prefix in hand_written:
        lines = (HERE / file_name).read_text(encoding="utf-8").splitlines()
        for number, line in enumerate(lines, start=1):
            if not line.strip() or line.startswith("#"):
                continue
            text, spans = parse_marked(line)
            if "{{" in text or "}}" in text:
                raise SystemExit(f"{file_name} line {number}: unbalanced {{{{KIND:text}}}} marker")
            records.append(
                {"id": f"{prefix}{number:03d}", "split": split, "text": text, "spans": spans}
            )
    for record in records:
        for span in record["spans"]:
            span["text"] = record["text"][span["start"] : span["end"]]
            if span["text"] != span["text"].strip() or not span["text"]:
                raise SystemExit(f"{record['id']}: span {span} has surrounding white space")
    return records


def main() -> None:
    records = build()
    with (HERE / "labelled.jsonl").open("w", encoding="utf-8") as handle:
        for record in records:
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    kinds: dict[str, int] = {}
    for record in records:
        for span in record["spans"]:
            kinds[span["kind"]] = kinds.get(span["kind"], 0) + 1
    empty = sum(1 for r in records if not r["spans"])
    print(f"{len(records)} comments ({empty} without personal data); spans per kind: {kinds}")


if __name__ == "__main__":
    main()
