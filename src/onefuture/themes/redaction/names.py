"""People's names: shipped word lists combined with context cues, vetoed by places and
organisations (the cues are in :mod:`.cues`)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources

from onefuture.themes.redaction.cues import (
    _AFTER_NAME,
    _COORDINATED,
    _CUE_DASH,
    _CUE_INTRO,
    _CUE_INTRO_STRONG,
    _CUE_RELATION,
    _CUE_SIGN_OFF,
    _FORMAL_TITLES,
    _LOCATION_PREPOSITIONS,
    _LOWER_CASE_TITLES,
    _MONTHS_AND_DAYS,
    _NOT_PERSON_BEFORE,
    _ORGANISATION_WORDS,
    _SELF_INTRODUCTION_AFTER,
    _SUFFIX_SURNAMES,
    _TIME_PREPOSITIONS,
    _TITLES,
)
from onefuture.themes.redaction.patterns import _STREET_STOP, Found
from onefuture.themes.redaction.wordlists import _fold, _listed, _lists

_QUESTION_WORDS = frozenset({"who", "what", "where", "when", "why", "how", "which"})
# "Wiktoria & Ola" (not a comma: "Darlington, James Cook, Sedgefield" is a list of places)
_JOINED = re.compile(r"\s+(?:and|&)\s+")
# Words in the given-name lists that are far more often something else at the start of a comment.
_NOT_NAMES = frozenset(
    _listed(
        "ok okay na nah hi hiya hello hey yes yeah yep no nope ps nb lol thanks ta cheers dear re "
        "fyi asap etc amen christmas easter xmas eid diwali hanukkah ramadan"
    )
)

_TOKEN = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*(?:['’]s)?|\[[A-Z]+\]")
_INITIAL = re.compile(r"[A-Z]\.?$|(?:[A-Z]\.){2,3}$")


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


@dataclass(slots=True)
class _Token:
    start: int
    end: int
    text: str  # possessive 's removed
    key: str
    cap: bool  # starts with a capital and is not all capitals
    lower: bool
    blocked: bool = False
    # a one-word place ("Prestwich", "Ashton") that is also a surname may end a person's name
    lone_place: bool = False


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
                        t.lone_place = len(phrase) == 1
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
                token.lone_place = False  # inside an e-mail or an address: never part of a name


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

    __slots__ = (
        "_any",
        "_before",
        "_i",
        "_sign_off",
        "_strong",
        "_text",
        "_title",
        "_tokens",
        "_vouches",
    )

    def __init__(self, text: str, tokens: list[_Token], i: int, title: bool) -> None:
        self._text, self._tokens, self._i, self._title = text, tokens, i, title
        self._before = text[max(0, tokens[i].start - 60) : tokens[i].start]
        self._strong: bool | None = None
        self._sign_off: bool | None = None
        self._any: bool | None = None
        self._vouches: bool | None = None

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
    def vouches(self) -> bool:
        """A cue strong enough to make a word in no list a name ("my neighbour Wojciech")."""
        if self._vouches is None:
            self._vouches = (
                self._title
                or self.strong
                or self.sign_off
                or bool(_CUE_RELATION.search(self._before))
                or (
                    bool(_CUE_DASH.search(self._before[-10:]))
                    and _ends_line(self._text, self._tokens, self._i)
                )
            )
        return self._vouches

    @property
    def beyond_sign_off(self) -> bool:
        """A cue other than a sign-off ("Thanks"), which says little about the next word."""
        return (
            self._title
            or self.strong
            or bool(_CUE_RELATION.search(self._before))
            or bool(_CUE_INTRO.search(self._before[-30:]))
        )

    @property
    def any(self) -> bool:
        """Any cue, including weak ones ("told", "call", "contact") that need a listed name."""
        if self._any is None:
            self._any = self.vouches or bool(_CUE_INTRO.search(self._before[-30:]))
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
            and (
                previous.cap
                or previous.text.isupper()  # PC, DR
                or (previous.lower and previous.key in _LOWER_CASE_TITLES)
            )
            and previous.key in _TITLES
            and gap_before in {" ", ". "}
        )
        if (
            title
            and previous is not None
            and previous.lower
            and (is_word or not (in_first or in_surname))
        ):
            title = False  # "off a dr. However": a lower-case title vouches only for a name
        elif (
            title
            and previous is not None
            and previous.key not in _FORMAL_TITLES
            and not (in_surname or (in_first and not is_word))
        ):
            # "Father Christmas", "Officer Training", "Sister Act": a job or church title vouches
            # only for a listed name ("PC Smith", "Nurse Julie")
            title = False
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
            elif (
                token.key in _TITLES
                or token.key in _NOT_NAMES
                or (token.key in _ORGANISATION_WORDS and token.key not in _SUFFIX_SURNAMES)
            ):
                start_ok = False  # "Road", "Park", "Ok" are no one; "Hill" may be someone
            elif title and token.key in _STREET_STOP | _QUESTION_WORDS:
                start_ok = False  # "Dr Who", "Mr The"
            elif title or (in_first and not is_word and token.key not in _MONTHS_AND_DAYS):
                start_ok = True  # after a title, or a given name that is no ordinary word
            elif cues.any and not is_word and (in_first or in_surname or cues.vouches):
                start_ok = True
            elif cues.any and is_word and in_first:
                # an ordinary word as well as a name ("Will"): after "thanks" only at a line's end
                # ("Thanks, Will"), not in "Many thanks All my respect"
                start_ok = cues.beyond_sign_off or _ends_line(text, tokens, i)
            elif in_first:  # an ordinary word too: Will, May, Hope, Mark, Grace; June, Sunday
                start_ok = _ambiguous_is_name(text, tokens, i, surnames, english)
            elif _INITIAL.match(token.text) is None and _initial_before(text, tokens, i):
                start_ok = not is_word  # "M. Hussain", "Ms T. Oyelaran"; not "P. T. Service"
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
        if not title and _initial_before(text, tokens, i):
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
            and _JOINED.fullmatch(text, previous.end, token.start)
            and not any(s <= previous.start < e for s, e, _ in found)
        ):
            extra.append((previous.start, previous.end, "NAME"))
    return sorted([*found, *extra])


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
    """Whether an initial stands before tokens[i] ("M. Hussain"), not the end of "A&E. All"."""
    if i == 0:
        return False
    previous = tokens[i - 1]
    before = text[previous.start - 1 : previous.start]
    return (
        len(previous.text) == 1
        and previous.text.isupper()
        and text[previous.end : tokens[i].start] == ". "
        and (not before or before.isspace() or before in "(\"'“‘")
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
    return token.key not in _MONTHS_AND_DAYS and bool(_AFTER_NAME.match(text, token.end))


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
        if _is_acronym(nxt.text):
            break
        surname_place = nxt.lone_place and nxt.key in surnames and not lower
        if (nxt.blocked and not surname_place) or gap not in {" ", ". "} or nxt.key in _TITLES:
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


# Street suffixes that are surnames too, but far more often end a street's name in a comment.
_RARELY_SURNAMES = frozenset(_listed("lane way vale court row gate croft brook field bank view"))


# Capitalised words that often come before a person's name in British speech ("Big Dave").
_NICKNAME_WORDS = frozenset(_listed("big little young auntie aunty uncle nana nan grandma grandad"))


def _sentence_start(text: str, position: int) -> bool:
    return text[:position].rstrip(" \t\"'“‘(")[-1:] in {"", ".", "!", "?", "\n", ":", ";"}


_WARD_NUMBER = re.compile(r" \d{1,3}(?![\d:.,/]\d)\b")


def _is_acronym(word: str) -> bool:
    """PTS, NHS, PTs (not McAllister or O'Brien)."""
    upper = sum(ch.isupper() for ch in word)
    return upper >= 2 and len(word) - upper <= 1


def _is_acronym_after(text: str, tokens: list[_Token], j: int) -> bool:
    nxt = tokens[j + 1]
    return text[tokens[j].end : nxt.start] == " " and _is_acronym(nxt.text)


def _is_place_or_street(
    text: str, tokens: list[_Token], i: int, j: int, cues: _Cues, english: frozenset[str]
) -> bool:
    """Whether tokens i..j are the start of a place's or organisation's name, not a person's."""
    previous = tokens[i - 1] if i else None
    if (
        not cues.any
        and previous is not None
        and previous.cap
        and not previous.blocked
        and text[previous.end : tokens[i].start] == " "
        and previous.key not in _TITLES
        and previous.key not in _NICKNAME_WORDS
        and previous.key not in _lists()[0]
        and not _sentence_start(text, previous.start)
    ):
        return True  # the tail of a longer proper noun: "Trader Joe's", "Good Ole Boy"
    nxt = tokens[j + 1] if j + 1 < len(tokens) else None
    after = text[tokens[j].end : tokens[j].end + 6]
    if not cues.any and (
        _WARD_NUMBER.match(after) or (nxt is not None and _is_acronym_after(text, tokens, j))
    ):
        return True  # "Rowan 1" (a ward), "Trent PTS" (a service)
    if (
        nxt is not None
        and (nxt.cap or nxt.lower)  # "Victoria Park", "Christie hospital"
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
        if tokens[i].key in english or last.key in _RARELY_SURNAMES:
            return True  # "Rose Hill"; "Clifton Lane", "Sarah Way": streets more often than people
    return False
