"""E-mail addresses, UK phone numbers, postcodes and street addresses: the kinds patterns find."""

from __future__ import annotations

import re

from onefuture.themes.redaction.wordlists import _fold, _listed, _lists

Found = tuple[int, int, str]


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
