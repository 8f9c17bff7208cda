"""The public entry points: :func:`redact`, :func:`redact_many` and their result types."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from onefuture.themes.redaction.names import _find_names
from onefuture.themes.redaction.patterns import Found, _find_patterns

#: The kinds of personal data, in the order that breaks ties between overlapping finds.
KINDS: tuple[str, ...] = ("EMAIL", "PHONE", "POSTCODE", "ADDRESS", "NAME")
#: The tag that replaces each kind.
TAGS: dict[str, str] = {kind: f"[{kind}]" for kind in KINDS}
_PRIORITY = {kind: rank for rank, kind in enumerate(KINDS)}


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

    Examples
    --------
    >>> texts = ["Email me at jo@example.com", None, "The bus to Marple is late"]
    >>> [r.text for r in redact_many(texts)]
    ['Email me at [EMAIL]', '', 'The bus to Marple is late']
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
