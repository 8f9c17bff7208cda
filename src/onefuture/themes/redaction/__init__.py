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

from onefuture.themes.redaction.redactor import KINDS, TAGS, Redaction, Span, redact, redact_many
from onefuture.themes.redaction.scoring import RedactionScore, redaction_scores

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
