"""Find personal data in residents' comments and replace it with tags, before anyone publishes them.

A council must never publish a resident's name, e-mail address, phone number, postcode or home
address. :func:`redact` finds them in free text written in the UK and replaces each with a tag
(``[NAME]``, ``[EMAIL]``, ``[PHONE]``, ``[POSTCODE]``, ``[ADDRESS]``), keeping the spans (offsets
into the original text) so that an officer can review what was hidden and why.

How each kind is found (the reasons are in ``docs/adr/0010-redaction-without-a-model-download.md``):

* ``EMAIL``: the usual ``local@domain.tld`` shape.
* ``PHONE``: UK numbers (``07…`` mobiles, ``01…``/``02…``/``03…`` lines, ``+44``/``0044`` with an
  optional ``(0)``, a bracketed area code), grouped by spaces, dashes or dots, then checked for a
  valid length once the digits are read (10 or 11 national digits; 11 for a mobile).
* ``POSTCODE``: the full UK postcode grammar (outward code A9, A99, AA9, AA99, A9A, AA9A with the
  letters each position allows, inward code 9AA without C, I, K, M, O or V), any case, with or
  without the space. A district alone (``SK1``) is not personal data and is left.
* ``ADDRESS``: a house number and a street ending in a street suffix (Road, Street, Lane, … and
  their abbreviations), with an optional flat, apartment, unit or block before it and a compass
  direction after it.
* ``NAME``: patterns are not enough, so it combines word lists that ship with the package (given
  names: US Census 1990 (public domain), Faker's person lists for 20 locales (MIT) and a UK list
  written for the project; surnames: US Census 1990 and Faker; ordinary English words: SCOWL) with
  context cues: titles (Mr, Mrs, Dr, Cllr…), introductions ("my name is", "I'm"), relations ("my
  neighbour", "my son"), sign-offs ("Thanks, Sarah"), and what follows ("… and I", "… said"). A
  given name that is also an ordinary word (Will, May, Hope, Mark, Grace) needs a cue; places,
  streets and organisations from a gazetteer (Hazel Grove, Stepping Hill Hospital) never count.

Overlapping finds are resolved deterministically: the longer span wins, then the kind earlier in
``KINDS`` (e-mail before phone before postcode before address before name), then the earlier start.

Nothing here reads the network or a model: the lists are files inside the package.
"""

from __future__ import annotations

import gzip
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources

__all__ = [
    "KINDS",
    "TAGS",
    "Redaction",
    "RedactionScore",
    "Span",
    "redact",
    "redact_many",
    "redaction_scores",
]

#: The kinds of personal data, in the order that breaks ties between overlapping finds.
KINDS: tuple[str, ...] = ("EMAIL", "PHONE", "POSTCODE", "ADDRESS", "NAME")
#: The tag that replaces each kind.
TAGS: dict[str, str] = {kind: f"[{kind}]" for kind in KINDS}
_PRIORITY = {kind: rank for rank, kind in enumerate(KINDS)}


def _listed(text: str) -> list[str]:
    """Split a long literal word list (easier to read and edit than many quoted strings)."""
    return text.split()


@dataclass(frozen=True, slots=True)
class Span:
    """One piece of personal data: ``original == text[start:end]`` of the ORIGINAL text."""

    start: int
    end: int
    kind: str
    original: str


@dataclass(frozen=True, slots=True)
class Redaction:
    """The redacted text and what was taken out of it.

    ``spans`` are sorted by ``start`` and never overlap; their offsets refer to the original text,
    so ``original[s.start:s.end] == s.original`` for each.
    """

    text: str
    spans: tuple[Span, ...]

    def counts(self) -> dict[str, int]:
        """How many spans of each kind were redacted (kinds with none are left out)."""
        found: dict[str, int] = {}
        for span in self.spans:
            found[span.kind] = found.get(span.kind, 0) + 1
        return found


# --- patterns ------------------------------------------------------------------------------------

_EMAIL = re.compile(
    r"(?<![\w.+'-])[A-Za-z0-9](?:[A-Za-z0-9._%+'-]{0,62}[A-Za-z0-9_%+-])?"
    r"@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,24}(?![\w@-])"
)

# A UK number as people write it: a prefix (+44, 0044, optionally with (0); or a national 0, maybe
# in a bracket with its area code), then groups of digits separated by one space, dash or dot.
# The digits are counted afterwards (``_phone_ok``), which is simpler and stricter than spelling
# out every area-code length.
_PHONE = re.compile(
    r"(?<![\w+/.-])"
    r"(?:(?:\+|00)44[\s.-]?(?:\(0\)[\s.-]?)?\(?[1-9]\d{1,4}\)?|\(0[1-9]\d{1,4}\)|0[1-9]\d{1,4})"
    r"(?:[\s.-]?\d{2,5}){1,3}"
    r"(?![\d/]|[.-]\d)"
)

_OUTWARD = (
    r"(?:[A-PR-UWYZ]\d[A-HJKPSTUW]"  # A9A (W1A, E1W)
    r"|[A-PR-UWYZ][A-HK-Y]\d[ABEHMNPRVWXY]"  # AA9A (EC1A, SW1A)
    r"|[A-PR-UWYZ][A-HK-Y]\d{1,2}"  # AA9, AA99 (SK1, SK17)
    r"|[A-PR-UWYZ]\d{1,2})"  # A9, A99 (M1, M60)
)
_POSTCODE = re.compile(
    rf"(?<![A-Za-z0-9])(?:{_OUTWARD}[ \t]?\d[ABD-HJLNP-UW-Z]{{2}}|GIR[ \t]?0AA)(?![A-Za-z0-9])",
    re.IGNORECASE,
)

_STREET_SUFFIXES = _listed(
    "Road Street Lane Avenue Close Drive Way Crescent Grove Terrace Place Gardens Court Walk Mews "
    "Hill Row Square Parade Rise Brow View Fold Croft Green Park Vale Bank Wharf Boulevard Gate "
    "Meadow Meadows Chase Approach Circus Broadway Esplanade Promenade Hey Heys Nook Dene End Side "
    "Grange Fields Field Glade Wynd Gardens Villas Cottages Yard Passage Path Lea Ley Mount Bridge"
)
_STREET_ABBREVIATIONS = _listed(
    "Rd St Ln Ave Av Cl Dr Cres Cresc Gr Gro Terr Ter Pl Gdns Ct Sq Pde Blvd"
)
_DIRECTIONS = _listed("North South East West Upper Lower")
# Words that may stand in a street's name written all in lower case; any word that is not an
# ordinary English word may too (``_lower_street_word_ok``).
_LOWER_STREET_WORDS = frozenset(
    _listed(
        "church mill station park school chapel manor oak beech elm ash birch fir larch hawthorn "
        "hollin holly rose cherry tree green hill moor brook bridge castle market high old new "
        "victoria albert george king queen queens princess prince wellington windsor york london "
        "buxton stockport manchester cheadle marple bramhall heaton sandy lady cross well spring "
        "springfield grange hall meadow orchard garden field farm vicarage rectory chester mersey"
    )
)
_STREET_STOP = frozenset(
    _listed(
        "the a an of to in on at by for from with and or but my our your their his her its this "
        "that these those down up along off near past into onto over under round around across "
        "per mins minutes min miles mile hours hour years year days day weeks week times bus "
        "buses cycle bike car cars new more extra other same every each whole main back front"
    )
)
_SUFFIX_ALTERNATION = "|".join(
    sorted({*_STREET_SUFFIXES, *(a + r"\.?" for a in _STREET_ABBREVIATIONS)}, key=len, reverse=True)
)
_ADDRESS = re.compile(
    r"(?<![\w/.£$-])"
    r"(?P<house>(?-i:(?:The\s+)?(?:[A-Z][a-z]+\s+){0,2}"
    r"(?:Cottage|Cottages|House|Farm|Farmhouse|Lodge|Barn|Bungalow|Villa|Croft|Grange)),\s*)?"
    r"(?P<unit>(?:Flat|Apartment|Apt\.?|Unit|Block|Suite|Room|Studio)\s+[A-Z0-9]{1,4}[a-zA-Z]?"
    r"(?:,\s*|\s+))?"
    r"(?P<number>(?:No\.?\s*)?\d{1,4}[A-Za-z]?(?:[-–]\d{1,4})?),?\s+"
    r"(?P<street>(?:[^\W\d_][\w'’.-]*\s+){1,4}?)"
    rf"(?P<suffix>(?:{_SUFFIX_ALTERNATION})(?:\s+(?:{_SUFFIX_ALTERNATION}))?)(?![\w'’-])"
    rf"(?P<direction>\s+(?:{'|'.join(_DIRECTIONS)})(?![\w'’-]))?",
    re.IGNORECASE,
)

_TITLES = frozenset(
    _listed(
        "mr mrs ms miss mx dr prof professor cllr councillor sir dame rev revd reverend fr father "
        "sister brother imam rabbi pastor canon lord baroness"
    )
)
# Titles that also begin ordinary phrases ("Father Christmas", "Brother" as a relation) count only
# when written with a capital and followed by a capitalised word; all titles already need that.
_RELATIONS = (
    "neighbour|neighbours|neighbor|son|sons|daughter|daughters|husband|wife|partner|mum|mam|mom|"
    "mother|dad|father|friend|friends|brother|sister|grandson|granddaughter|grandchild|nan|nana|"
    "nanna|gran|grandma|granny|grandmother|grandad|granddad|grandpa|grandfather|uncle|aunt|auntie|"
    "aunty|cousin|carer|colleague|manager|boss|child|boyfriend|girlfriend|fiance|fiancé|fiancee|"
    "fiancée|landlord|landlady|tenant|lodger|niece|nephew|stepson|stepdaughter|step-son|"
    "stepmum|stepdad|step-mum|step-dad|son-in-law|daughter-in-law|mother-in-law|"
    "father-in-law|brother-in-law|sister-in-law|ex|ex-husband|ex-wife|flatmate|housemate|godson|"
    "goddaughter|twin|"
    "step-daughter|lad|lass|teacher|mate|pal|buddy|councillor|mp|gp|doctor|nurse|social worker|"
    "support worker|key worker|caseworker|case worker"
)
_CUE_RELATION = re.compile(
    r"(?:\b(?:my|our|his|her|their|your)\s+(?:[a-z-]+\s+){0,2}?(?:" + _RELATIONS + r")"
    r"|\bneighbours?)\s*,?\s*$",
    re.IGNORECASE,
)
_CUE_INTRO = re.compile(
    r"(?:\bmy\s+name\s+is|\bmy\s+name's|\bname\s*:|\bi\s*['’]?\s*m|\bi\s+am|\bthis\s+is|"
    r"\bcall\s+me|\bcalled|\bnamed|\bask\s+for|\bspeak\s+to|\bspoke\s+to|\bspeaking\s+to|"
    r"\btalk\s+to|\btalked\s+to|\btold|\bcontact|\bsigned|\bon\s+behalf\s+of|\bc/o|\bfao|"
    r"\battn|\bpost\s+to|\bwrite\s+to|\bemail|\be-mail|\bmessage|\btext|\bring|\bphone|\bcall)"
    r"\s*[:,]?\s*$",
    re.IGNORECASE,
)
# A strong introduction lets a capitalised word that is in no list count as a name ("I'm Femi").
_CUE_INTRO_STRONG = re.compile(
    r"(?:\bmy\s+name\s+is|\bmy\s+name's|\bname\s*:|\bsigned|\bc/o|\bfao|\battn|\bi\s*['’]?\s*m|"
    r"\bi\s+am|\bthis\s+is|\bcall\s+me|\bask\s+for|\bspoke\s+to|\bspeak\s+to)\s*[:,]?\s*$",
    re.IGNORECASE,
)
_CUE_SIGN_OFF = re.compile(
    r"(?:^|[\n.!?]\s*|\s)(?:thanks|thank\s+you|many\s+thanks|thanks\s+again|regards|kind\s+regards|"
    r"best\s+regards|warm\s+regards|warmest\s+regards|best\s+wishes|all\s+the\s+best|best|cheers|"
    r"sincerely|yours\s+sincerely|yours\s+faithfully|yours\s+truly|yours|love|ta|thx|signed|from)"
    r"\s*[,!.:;]*\s*$",
    re.IGNORECASE,
)
_CUE_DASH = re.compile(r"(?:^|\s)[-–—~]\s*$")
_AFTER_NAME = re.compile(
    r"\s+(?:and\s+I\b|and\s+me\b|and\s+myself\b|said\b|says\b|told\b|asked\b|thinks\b|reckons\b|"
    r"who\s+lives\b|who\s+runs\b|who\s+chairs\b|has\s+been\s+(?:asking|waiting|reporting|trying)\b)",
)
_SELF_INTRODUCTION_AFTER = re.compile(r"\s+here\s*[,.!:;-]")
_COORDINATED = re.compile(r"(?:\s*,\s*|\s+(?:and|&|or)\s+|\s*,\s*(?:and|&|or)\s+)")
_TIME_PREPOSITIONS = frozenset(
    _listed(
        "in on by during until till since of from next last this early late mid before after end "
        "through throughout every each"
    )
)
_LOCATION_PREPOSITIONS = frozenset(
    _listed(
        "on in at along down up off near past onto into via opposite outside behind around round "
        "to from of by"
    )
)
_MONTHS_AND_DAYS = frozenset(
    _listed(
        "january february march april may june july august september october november december "
        "monday tuesday wednesday thursday friday saturday sunday"
    )
)
# A capitalised word right after one of these is part of a place or an institution, not a person.
_NOT_PERSON_BEFORE = frozenset(
    _listed("st st. saint king queen prince princess mount port fort the")
)
# A capitalised word right before one of these is part of a place or an organisation's name.
_ORGANISATION_WORDS = frozenset(
    _listed(
        "park hall hospital school primary academy college university church chapel mosque temple "
        "gurdwara synagogue centre center library station surgery practice medical health house "
        "trust council group museum theatre stadium bridge vale valley moor heath wood woods line "
        "network foundation society club fc ltd limited homes housing bank market arms inn hotel "
        "airport country retail shopping estate industrial business services partnership care "
        "nursery pharmacy dental clinic leisure pool baths works mill viaduct interchange trail "
        "canal river lake reservoir hub cafe café restaurant bar shop stores supermarket motors "
        "garage grammar junior infants infant sixth team project scheme programme festival "
        "day week month cup league village town city borough ward district county street road "
        "lane avenue close drive crescent terrace place gardens mews square parade walk grove "
        "rise brow fold row way court hill green croft view boulevard gate wharf"
    )
)
# Street suffixes that are also common surnames: "Evie Hill" is a person, "on Rose Hill" a place.
_SUFFIX_SURNAMES = frozenset(
    _listed(
        "hill green wood woods lane way croft heath banks bank field fields brook brooks vale "
        "court hall gate row"
    )
)

_TOKEN = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*(?:['’]s)?|\[[A-Z]+\]")
_INITIAL = re.compile(r"[A-Z]\.?$|(?:[A-Z]\.){2,3}$")


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


@cache
def _gazetteer() -> dict[str, tuple[tuple[str, ...], ...]]:
    """Place and organisation names as token keys, indexed by their first token, longest first."""
    resource = resources.files("onefuture.themes") / "data" / "places.txt"
    index: dict[str, list[tuple[str, ...]]] = {}
    for line in resource.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            keys = tuple(token.key for token in _tokens(line.strip()))
            if keys:
                index.setdefault(keys[0], []).append(keys)
    return {
        first: tuple(sorted(phrases, key=len, reverse=True)) for first, phrases in index.items()
    }


# --- finders -------------------------------------------------------------------------------------

Found = tuple[int, int, str]


def _phone_ok(candidate: str) -> bool:
    digits = re.sub(r"\D", "", candidate)
    if candidate.lstrip("(").startswith(("+", "00")):
        digits = digits[4:] if digits.startswith("0044") else digits[2:]
        if digits.startswith("0"):  # +44 (0)161 ...
            digits = digits[1:]
        digits = "0" + digits
    if digits.startswith("07"):
        return len(digits) == 11
    return digits.startswith(("01", "02", "03", "05", "08", "09")) and len(digits) in (10, 11)


def _find_phones(text: str) -> list[Found]:
    found: list[Found] = []
    position = 0
    while (match := _PHONE.search(text, position)) is not None:
        candidate = match.group()
        # Groups read greedily can swallow a following number ("0161 496 0738 07700 ..."); drop
        # trailing groups until the digits make a valid number, then look again after it.
        while candidate and not _phone_ok(candidate):
            cut = max(candidate.rfind(" "), candidate.rfind("-"), candidate.rfind("."))
            candidate = candidate[:cut] if cut > 0 else ""
        if candidate:
            found.append((match.start(), match.start() + len(candidate), "PHONE"))
            position = match.start() + len(candidate)
        else:
            position = match.start() + 1
    return found


def _lower_street_word_ok(word: str, english: frozenset[str]) -> bool:
    folded = _fold(word.rstrip("."))
    if folded in _STREET_STOP:
        return False
    return folded in _LOWER_STREET_WORDS or folded not in english or folded.endswith(("'s", "’s"))


def _find_addresses(text: str) -> list[Found]:
    english = _lists()[2]
    found = []
    for match in _ADDRESS.finditer(text):
        words = match.group("street").split()
        suffix = match.group("suffix")
        if any(_fold(w.rstrip(".,")) in _STREET_STOP for w in words):
            continue
        capitalised = suffix[0].isupper()
        if capitalised:
            # "12 Hill Street": every word of the street's name starts with a capital ("St Mary's"
            # too); "5 minutes down the Road" does not.
            if not all(
                w[0].isupper() or w.lower() in {"de", "la", "le", "on", "upon"} for w in words
            ):
                continue
        elif not all(_lower_street_word_ok(w, english) for w in words):
            continue
        start = match.start("number")
        if match.group("unit"):
            start = match.start("unit")
        if match.group("house") and not re.match(r"(?i)the\s*$", match.group("house")):
            start = match.start("house")  # "The Cottage, 2 Mill Brow": the house's name too
        found.append((start, match.end(), "ADDRESS"))
    return found


def _find_patterns(text: str) -> list[Found]:
    found: list[Found] = [(m.start(), m.end(), "EMAIL") for m in _EMAIL.finditer(text)]
    found += _find_phones(text)
    found += [(m.start(), m.end(), "POSTCODE") for m in _POSTCODE.finditer(text)]
    found += _find_addresses(text)
    return found


@dataclass(slots=True)
class _Token:
    start: int
    end: int
    text: str  # possessive 's removed
    key: str
    cap: bool  # starts with a capital and is not all capitals
    lower: bool
    blocked: bool = False


def _tokens(text: str) -> list[_Token]:
    tokens = []
    for match in _TOKEN.finditer(text):
        word = match.group()
        start, end = match.span()
        if word[0] == "[":  # a tag such as [NAME] from an earlier redaction: a wall, not a word
            tokens.append(_Token(start, end, word, word, cap=False, lower=False, blocked=True))
            continue
        if len(word) > 3 and word[-2:] in ("'s", "’s"):
            word = word[:-2]
            end -= 2
        key = word.lower() if word.isascii() else _fold(word)
        cap = word[0].isupper() and not (len(word) > 1 and word.isupper())
        tokens.append(_Token(start, end, word, key, cap, word.islower()))
    return tokens


def _block(tokens: list[_Token], spans: list[tuple[int, int]]) -> None:
    """Mark the tokens inside other finds (an e-mail, an address) or a place's or organisation's
    name, which can then never be (part of) a person's name."""
    gazetteer = _gazetteer()
    k = 0
    while k < len(tokens):
        phrases = gazetteer.get(tokens[k].key)
        if phrases:
            for phrase in phrases:
                if tuple(t.key for t in tokens[k : k + len(phrase)]) == phrase:
                    for t in tokens[k : k + len(phrase)]:
                        t.blocked = True
                    k += len(phrase) - 1
                    break
        k += 1
    if spans:
        merged = _merge(spans)
        index = 0
        for token in tokens:
            while index < len(merged) and merged[index][1] <= token.start:
                index += 1
            if index < len(merged) and merged[index][0] < token.end:
                token.blocked = True


def _merge(intervals: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(intervals):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


class _Cues:
    """The context cues before ``tokens[i]``, each looked for only when a rule asks (they are the
    costly part of name finding)."""

    __slots__ = ("_any", "_before", "_i", "_sign_off", "_strong", "_text", "_title", "_tokens")

    def __init__(self, text: str, tokens: list[_Token], i: int, title: bool) -> None:
        self._text, self._tokens, self._i, self._title = text, tokens, i, title
        self._before = text[max(0, tokens[i].start - 60) : tokens[i].start]
        self._strong: bool | None = None
        self._sign_off: bool | None = None
        self._any: bool | None = None

    @property
    def strong(self) -> bool:
        if self._strong is None:
            self._strong = bool(_CUE_INTRO_STRONG.search(self._before[-40:]))
        return self._strong

    @property
    def sign_off(self) -> bool:
        if self._sign_off is None:
            self._sign_off = bool(_CUE_SIGN_OFF.search(self._before[-40:]))
        return self._sign_off

    @property
    def any(self) -> bool:
        if self._any is None:
            self._any = (
                self._title
                or self.strong
                or self.sign_off
                or bool(_CUE_RELATION.search(self._before))
                or bool(_CUE_INTRO.search(self._before[-30:]))
                or (
                    bool(_CUE_DASH.search(self._before[-10:]))
                    and _ends_line(self._text, self._tokens, self._i)
                )
            )
        return self._any


def _find_names(text: str, other: list[Found]) -> list[Found]:
    first_names, surnames, english = _lists()
    tokens = _tokens(text)
    _block(tokens, [(s, e) for s, e, _ in other])
    found: list[Found] = []
    i = 0
    n = len(tokens)
    while i < n:
        token = tokens[i]
        if token.blocked or not (token.cap or token.lower) or len(token.text) < 2:
            i += 1
            continue
        previous = tokens[i - 1] if i else None
        if (
            token.lower
            and token.key not in first_names
            and not (previous is not None and previous.key in _LOWER_CASE_TITLES)
        ):
            i += 1  # most words: lower case and no one's name
            continue
        gap_before = text[previous.end : token.start] if previous else text[: token.start]
        in_first = token.key in first_names
        in_surname = token.key in surnames
        is_word = token.key in english
        title = (
            previous is not None
            and (previous.cap or (previous.lower and previous.key in _LOWER_CASE_TITLES))
            and previous.key in _TITLES
            and gap_before in {" ", ". "}
        )
        cues = _Cues(text, tokens, i, title)
        start_ok = False
        if token.cap:
            if (
                previous is not None
                and previous.key in _NOT_PERSON_BEFORE
                and not previous.blocked  # "12 Oak St Sarah": that St ends an address
                and gap_before == " "
            ):
                start_ok = False
            elif token.key in _TITLES or (
                token.key in _ORGANISATION_WORDS and token.key not in _SUFFIX_SURNAMES
            ):
                start_ok = False  # "Road", "Park", "Street" are no one; "Hill" may be someone
            elif title or (in_first and not is_word and token.key not in _MONTHS_AND_DAYS):
                start_ok = True  # after a title, or a given name that is no ordinary word
            elif cues.any and (in_first or in_surname or not is_word or cues.strong):
                start_ok = True
            elif in_first:  # an ordinary word too: Will, May, Hope, Mark, Grace; June, Sunday
                start_ok = _ambiguous_is_name(text, tokens, i, surnames, english)
            elif _INITIAL.match(token.text) is None and _initial_before(text, tokens, i):
                start_ok = in_surname or not is_word
            elif not is_word and _SELF_INTRODUCTION_AFTER.match(text, token.end):
                start_ok = True  # "Jas here, the lift is broken"
            if (
                not start_ok
                and in_first
                and found
                and _COORDINATED.fullmatch(text, found[-1][1], token.start)
            ):
                start_ok = True  # "my neighbours Jim and Pat", "Imogen, Shaun and Will"
        elif token.lower and (in_first or title):
            start_ok = _lower_case_is_name(text, tokens, i, cues, first_names, surnames, english)
        if not start_ok:
            i += 1
            continue
        j = _extend(text, tokens, i, first_names, surnames, english)
        start = tokens[i].start
        if (
            i >= 1
            and _INITIAL.match(tokens[i - 1].text)
            and tokens[i - 1].cap
            and not title
            and text[tokens[i - 1].end : token.start] in {". ", " "}
            and text[tokens[i - 1].end : token.start].startswith(".")
        ):
            start = tokens[i - 1].start  # "M. Hussain"
        if _is_place_or_street(text, tokens, i, j, cues, english):
            i = j + 1
            continue
        found.append((start, tokens[j].end, "NAME"))
        i = j + 1
    return _coordinated_before(text, tokens, found, english)


def _coordinated_before(
    text: str, tokens: list[_Token], found: list[Found], english: frozenset[str]
) -> list[Found]:
    """Add an unlisted capitalised word joined to a found name: "Wiktoria & Ola", "Kasia and Sam".

    Only a word that is no ordinary English word, no place and no organisation word qualifies.
    """
    starts = {start for start, _, _ in found}
    extra: list[Found] = []
    for k in range(1, len(tokens)):
        token = tokens[k]
        if token.start not in starts:
            continue
        previous = tokens[k - 1]
        if (
            previous.cap
            and not previous.blocked
            and previous.start not in starts
            and len(previous.text) > 1
            and previous.key not in english
            and previous.key not in _ORGANISATION_WORDS
            and previous.key not in _TITLES
            and _COORDINATED.fullmatch(text, previous.end, token.start)
            and not any(s <= previous.start < e for s, e, _ in found)
        ):
            extra.append((previous.start, previous.end, "NAME"))
    return sorted([*found, *extra])


_LOWER_CASE_TITLES = frozenset(_listed("mr mrs ms dr cllr"))


def _is_surname(token: _Token, surnames: frozenset[str], english: frozenset[str]) -> bool:
    """A listed surname that is not an ordinary word; a double-barrelled one needs both halves."""
    if token.key in surnames:
        return token.key not in english
    parts = token.key.split("-")
    return len(parts) > 1 and all(p in surnames or p not in english for p in parts)


def _lower_case_is_name(
    text: str,
    tokens: list[_Token],
    i: int,
    cues: _Cues,
    first_names: frozenset[str],
    surnames: frozenset[str],
    english: frozenset[str],
) -> bool:
    """In text written all in lower case a name needs a cue, or a given name and a surname.

    "thanks, sarah", "my neighbour ted", "dr griffiths" and "stacey byrne said" are names;
    "grace" alone is a name only on a sign-off line of its own ("regards,\ngrace gill").
    """
    token = tokens[i]
    previous = tokens[i - 1] if i else None
    if previous is not None and previous.key in _LOWER_CASE_TITLES:
        return (token.key in surnames or token.key in first_names) and token.key not in english
    in_first = token.key in first_names
    is_word = token.key in english
    if not in_first or token.key in _MONTHS_AND_DAYS:
        return False
    if not is_word and cues.any:
        return True
    if cues.sign_off and _name_line(text, tokens, i, first_names, surnames):
        return True
    nxt = tokens[i + 1] if i + 1 < len(tokens) else None
    return (
        not is_word
        and nxt is not None
        and nxt.lower
        and not nxt.blocked
        and text[token.end : nxt.start] == " "
        and _is_surname(nxt, surnames, english)
    )


def _name_line(
    text: str, tokens: list[_Token], i: int, first_names: frozenset[str], surnames: frozenset[str]
) -> bool:
    """Whether tokens[i] starts a line that holds nothing but one to three listed names."""
    line_end = text.find("\n", tokens[i].start)
    line_end = len(text) if line_end < 0 else line_end
    if text[tokens[i].start - 1 : tokens[i].start] not in {"", "\n"} and not text[
        : tokens[i].start
    ].rstrip(" \t").endswith(","):
        return False
    words = text[tokens[i].start : line_end].split()
    return 0 < len(words) <= 3 and all(
        w.isalpha() and (_fold(w) in first_names or _fold(w) in surnames) for w in words
    )


def _ends_line(text: str, tokens: list[_Token], i: int) -> bool:
    """A dash sign-off ("– Derek") is a name only at the end of the comment or of a line."""
    k = i
    while k + 1 < len(tokens) and k - i < 3 and text[tokens[k].end : tokens[k + 1].start] == " ":
        k += 1
    rest = text[tokens[k].end :]
    return not rest.strip() or rest.lstrip(" \t").startswith("\n")


def _initial_before(text: str, tokens: list[_Token], i: int) -> bool:
    if i == 0:
        return False
    previous = tokens[i - 1]
    return (
        len(previous.text) == 1
        and previous.text.isupper()
        and text[previous.end : tokens[i].start] in {". ", "."}
    )


def _ambiguous_is_name(
    text: str, tokens: list[_Token], i: int, surnames: frozenset[str], english: frozenset[str]
) -> bool:
    """Will, May, Hope, Mark: a name only if a surname follows or the sentence treats it as one."""
    token = tokens[i]
    previous = tokens[i - 1] if i else None
    if (
        token.key in _MONTHS_AND_DAYS
        and previous is not None
        and previous.key in _TIME_PREPOSITIONS
    ):
        return False
    nxt = tokens[i + 1] if i + 1 < len(tokens) else None
    if (
        nxt is not None
        and not nxt.blocked
        and nxt.cap
        and text[token.end : nxt.start] == " "
        and _is_surname(nxt, surnames, english)
        and nxt.key not in _ORGANISATION_WORDS
    ):
        return True
    return bool(_AFTER_NAME.match(text, token.end))


def _extend(
    text: str,
    tokens: list[_Token],
    i: int,
    first_names: frozenset[str],
    surnames: frozenset[str],
    english: frozenset[str],
) -> int:
    """Index of the last token of the name starting at ``tokens[i]`` (middle names, surnames)."""
    j = i
    lower = tokens[i].lower
    while j + 1 < len(tokens) and j - i < 3:
        nxt = tokens[j + 1]
        gap = text[tokens[j].end : nxt.start]
        if nxt.blocked or gap not in {" ", ". "} or nxt.key in _TITLES:
            break
        if gap == ". " and not _INITIAL.match(tokens[j].text):
            break
        if lower:
            if not nxt.lower or nxt.key in _STREET_STOP:
                break
            if not (
                _is_surname(nxt, surnames, english)
                or (nxt.key in surnames and _ends_line(text, tokens, j + 1))
            ):
                break
        elif not nxt.cap:
            break
        elif _INITIAL.match(nxt.text):
            pass  # a middle initial: "Sarah J. Jenkins"
        elif (nxt.key in _ORGANISATION_WORDS and nxt.key not in _SUFFIX_SURNAMES) or not (
            nxt.key in surnames
            or nxt.key in first_names
            or nxt.key not in english
            or _is_surname(nxt, surnames, english)
        ):
            break
        j += 1
    # never end on a bare initial
    while j > i and _INITIAL.match(tokens[j].text):
        j -= 1
    return j


def _is_place_or_street(
    text: str, tokens: list[_Token], i: int, j: int, cues: _Cues, english: frozenset[str]
) -> bool:
    """Whether tokens i..j are the start of a place's or organisation's name, not a person's."""
    nxt = tokens[j + 1] if j + 1 < len(tokens) else None
    if (
        nxt is not None
        and nxt.cap
        and text[tokens[j].end : nxt.start] == " "
        and nxt.key in _ORGANISATION_WORDS
        and not (j > i and cues.any)
    ):
        return True  # "Victoria Park", "Vernon Street", "Sarah Jenkins House"
    last = tokens[j]
    if j > i and last.key in _SUFFIX_SURNAMES and not cues.any:
        # "Evie Hill" is a person; "on Rose Hill", "down Holly Lane" and "the Fred Perry Way"
        # (a capitalised word before the name) are places.
        previous = tokens[i - 1] if i else None
        if previous is not None and previous.key in _LOCATION_PREPOSITIONS:
            return True
        if (
            previous is not None
            and previous.cap
            and text[previous.end : tokens[i].start] == " "
            and previous.key not in _TITLES
            and text[: previous.start].rstrip(" \t\"'“‘(")[-1:]
            not in {"", ".", "!", "?", "\n", ":"}
        ):
            return True
        if tokens[i].key in english:
            return True
    return False


# --- public API ----------------------------------------------------------------------------------


def _resolve(found: Iterable[Found]) -> list[Found]:
    """Keep non-overlapping finds: longer first, then by ``KINDS`` order, then earlier start."""
    kept: list[Found] = []
    for start, end, kind in sorted(found, key=lambda f: (f[0] - f[1], _PRIORITY[f[2]], f[0])):
        if end <= start:
            continue
        if all(end <= s or start >= e for s, e, _ in kept):
            kept.append((start, end, kind))
    return sorted(kept)


def redact(text: str) -> Redaction:
    """Replace the personal data in ``text`` with tags such as ``[NAME]`` and ``[PHONE]``.

    Parameters
    ----------
    text:
        One comment, any length; ``""`` gives an empty redaction.

    Returns
    -------
    Redaction
        ``.text`` with each piece of personal data replaced by its tag, and ``.spans`` with its
        offsets in ``text``, kind and original wording. Redacting ``.text`` again changes nothing.

    Examples
    --------
    >>> r = redact("Thanks, Sarah Jenkins (07700 900123), 12 Hill Street, SK4 1AA")
    >>> r.text
    'Thanks, [NAME] ([PHONE]), [ADDRESS], [POSTCODE]'
    >>> [(s.kind, s.original) for s in r.spans][:2]
    [('NAME', 'Sarah Jenkins'), ('PHONE', '07700 900123')]
    """
    if not isinstance(text, str):
        raise TypeError(f"redact() takes a str, not {type(text).__name__}")
    if not text:
        return Redaction(text="", spans=())
    found = _find_all(text)
    # A tag changes the context of the words around it ("Dr Best Street" is a street; "Dr Best
    # [NAME]" reads as a person), so look again at the redacted text until nothing more is found.
    # This is what makes redacting a redacted text change nothing. New finds never include a tag,
    # so their offsets map straight back to the original text.
    for _ in range(3):
        if not found:
            break
        redacted, starts = _apply(text, found)
        more = _find_all(redacted)
        if not more:
            break
        found = _resolve([*found, *_to_original(more, found, starts)])
    pieces: list[str] = []
    spans: list[Span] = []
    position = 0
    for start, end, kind in found:
        pieces.append(text[position:start])
        pieces.append(TAGS[kind])
        spans.append(Span(start=start, end=end, kind=kind, original=text[start:end]))
        position = end
    pieces.append(text[position:])
    return Redaction(text="".join(pieces), spans=tuple(spans))


def _find_all(text: str) -> list[Found]:
    patterns = _resolve(_find_patterns(text))
    return _resolve([*patterns, *_find_names(text, patterns)])


def _apply(text: str, found: list[Found]) -> tuple[str, list[int]]:
    """The text with each find replaced by its tag, and where each tag starts in it."""
    pieces: list[str] = []
    starts: list[int] = []
    position = length = 0
    for start, end, kind in found:
        pieces.append(text[position:start])
        length += start - position
        starts.append(length)
        pieces.append(TAGS[kind])
        length += len(TAGS[kind])
        position = end
    pieces.append(text[position:])
    return "".join(pieces), starts


def _to_original(more: list[Found], found: list[Found], starts: list[int]) -> list[Found]:
    """Map finds in the redacted text back to offsets in the original (dropping any on a tag)."""
    mapped = []
    for start, end, kind in more:
        shift = 0
        on_tag = False
        for (old_start, old_end, old_kind), tag_start in zip(found, starts, strict=True):
            tag_end = tag_start + len(TAGS[old_kind])
            if tag_end <= start:
                shift += (old_end - old_start) - len(TAGS[old_kind])
            elif tag_start < end:
                on_tag = True
                break
        if not on_tag:
            mapped.append((start + shift, end + shift, kind))
    return mapped


def redact_many(texts: Sequence[str] | Iterable[str]) -> list[Redaction]:
    """Redact many comments (a list, a pandas Series, any iterable of str), in order.

    The word lists and patterns are loaded and compiled once, so thousands of comments take
    seconds (see ``benchmarks/redaction.py``). A missing value (``None`` or NaN, as pandas gives
    for an empty cell) is treated as an empty comment; anything else that is not text is an error
    naming its position.
    """
    results = []
    for position, text in enumerate(texts):
        if text is None or (isinstance(text, float) and text != text):
            text = ""
        if not isinstance(text, str):
            raise TypeError(
                f"redact_many(): item {position} is a {type(text).__name__}, not text: {text!r:.60}"
            )
        results.append(redact(text))
    return results


# --- evaluation ----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class RedactionScore:
    """Recall and precision of one kind on a labelled set.

    A labelled span is *recalled* when spans of the same kind found by :func:`redact` cover every
    one of its non-space characters (half a name left showing is a leak); it is *exact* when one
    found span has the same start and end. A found span is *correct* when it overlaps a labelled
    span of the same kind.
    """

    kind: str
    labelled: int
    found: int
    recalled: int
    exact: int
    correct: int

    @property
    def recall(self) -> float:
        return self.recalled / self.labelled if self.labelled else float("nan")

    @property
    def precision(self) -> float:
        return self.correct / self.found if self.found else float("nan")

    @property
    def exact_recall(self) -> float:
        return self.exact / self.labelled if self.labelled else float("nan")


def redaction_scores(
    texts: Sequence[str], labelled: Sequence[Iterable[tuple[int, int, str]]]
) -> dict[str, RedactionScore]:
    """Score :func:`redact` per kind against labelled spans ``(start, end, kind)``, one list a text.

    Lets an analyst check redaction on a sample of their own comments before trusting it.
    """
    if len(texts) != len(labelled):
        raise ValueError(f"{len(texts)} texts but {len(labelled)} lists of labelled spans")
    tallies = {kind: [0, 0, 0, 0, 0] for kind in KINDS}  # labelled, found, recalled, exact, correct
    for text, gold, result in zip(texts, labelled, redact_many(texts), strict=True):
        gold = list(gold)
        for start, end, kind in gold:
            if kind not in tallies:
                raise ValueError(f"unknown kind {kind!r} in labelled span ({start}, {end})")
            tally = tallies[kind]
            tally[0] += 1
            same = [s for s in result.spans if s.kind == kind]
            covered = all(
                text[k].isspace() or any(s.start <= k < s.end for s in same)
                for k in range(start, end)
            )
            tally[2] += covered
            tally[3] += any(s.start == start and s.end == end for s in same)
        for span in result.spans:
            tally = tallies[span.kind]
            tally[1] += 1
            tally[4] += any(
                kind == span.kind and start < span.end and span.start < end
                for start, end, kind in gold
            )
    return {
        kind: RedactionScore(
            kind, labelled=t[0], found=t[1], recalled=t[2], exact=t[3], correct=t[4]
        )
        for kind, t in tallies.items()
    }
