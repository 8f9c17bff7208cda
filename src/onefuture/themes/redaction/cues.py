"""The words and phrases around a name that tell a person from a place: titles, introductions,
relations, sign-offs, and the organisation and street words that veto a name."""

from __future__ import annotations

import re

from onefuture.themes.redaction.wordlists import _listed

_TITLES = frozenset(
    _listed(
        "mr mrs ms miss mx dr prof professor cllr councillor sir dame rev revd reverend fr father "
        "nurse matron pc sgt sergeant inspector officer coach "
        "sister brother imam rabbi pastor canon lord baroness"
    )
)
# Titles that make any capitalised word after them a name ("Mrs Hill", "Cllr Green"). The others
# (job and church titles) also begin ordinary phrases ("Father Christmas", "Officer Training",
# "Sister Act"), so after them only a listed name that is no ordinary word counts.
_FORMAL_TITLES = frozenset(
    _listed("mr mrs ms miss mx dr prof professor cllr councillor sir dame rev revd reverend fr")
)
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
    r"|\bneighbours?|\b(?:uncle|auntie|aunty|aunt|nana|nanna|nan|grandma|grandad|granny|cousin))"
    r"\s*,?\s*$",
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
    r"\bi\s+am|\bthis\s+is|\bcall\s+me|\bask\s+for|\bspoke\s+to|\bspeak\s+to|"
    r"\bcontact\s*:|\bfrom\s*:|\bto\s*:|\bby\s*:)\s*[:,]?\s*$",
    re.IGNORECASE,
)
# Sign-offs. The short ones ("Best", "Love", "From") are also ordinary words ("I love Chinley",
# "from Bollington"), so they count only at the start of a line or sentence.
_CUE_SIGN_OFF = re.compile(
    r"(?:(?:^|[\n.!?]\s*)(?:best|yours|love|ta|thx|signed|from)"
    r"|(?:^|\W)(?:thanks|thank\s+you|many\s+thanks|thanks\s+again|regards|kind\s+regards|"
    r"best\s+regards|warm\s+regards|warmest\s+regards|best\s+wishes|all\s+the\s+best|cheers|"
    r"sincerely|yours\s+sincerely|yours\s+faithfully|yours\s+truly))"
    r"\s*[,!.:;]*\s*$",
    re.IGNORECASE,
)
_CUE_DASH = re.compile(r"(?:^|\s)[-–—~]\s*$")
# What people, and not months, seasons or virtues, do: "Carol has been good to me", "Will was
# so kind" (but not "Hope is very important", "Summer was lovely").
_PRAISE = (
    r"(?:(?:very|so|really|extremely|always)\s+)?(?:kind|helpful|caring|friendly|polite|rude|"
    r"unhelpful|patient|attentive|supportive|professional)"
)
_AFTER_NAME = re.compile(
    r"\s+(?:and\s+I\b|and\s+me\b|and\s+myself\b|said\b|says\b|told\b|asked\b|thinks\b|reckons\b|"
    r"who\s+lives\b|who\s+runs\b|who\s+chairs\b|has\s+been\s+(?:good|asking|waiting|reporting|"
    r"trying|helping)\b|helped\b|listened\b|explained\b|rang\b|came\s+(?:round|out|over)\b|"
    rf"(?:was|is)\s+{_PRAISE}\b)",
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
    _listed(
        "st st. saint king queen prince princess mount port fort the royal south north east west "
        "new great upper lower"
    )
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
        "rise brow fold row way court hill green croft view boulevard gate wharf infirmary lodge "
        "unit course service hospice golf co inc llc plc ave rd blvd ln gdns cres sq farm farms"
    )
)
# Street suffixes that are also common surnames: "Evie Hill" is a person, "on Rose Hill" a place.
_SUFFIX_SURNAMES = frozenset(
    _listed(
        "hill green wood woods lane way croft heath banks bank field fields brook brooks vale "
        "court hall gate row"
    )
)
_LOWER_CASE_TITLES = frozenset(_listed("mr mrs ms dr cllr"))
