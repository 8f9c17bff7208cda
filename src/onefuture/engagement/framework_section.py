"""The ``engagement:`` section of the framework file: who a place hears from, and how.

Registered from ``engagement.registration.register_capture``; ``onefuture framework
load|dump|check`` carry it like any section: all or nothing, errors by path, what the file
leaves out deleted (a consultation that already holds comments or events is kept), dumped back
as written.

::

    engagement:
      suppress_below: 5            # counts below this are shown as "fewer than 5"
      stakeholder_groups:
        - {key: young-people, name: Young people}
      age_bands: [{key: under-16, name: Under 16}, {key: 16-24, name: 16 to 24}]
      demographic_questions:       # optional questions of the "have your say" form
        - {key: disability, question: Are you disabled?, answers: [{key: yes, name: Yes}, ...]}
      have_your_say: {open: true, question: "What would make Stockport better by 2040?"}
      consultations:
        - {key: ..., title: ..., question: ..., opens_on: "2025-01-01", closes_on: ...,
           source_name: ..., source_url: ..., licence: ..., attribution: ..., illustrative: true}
      populations: {file: engagement/ward-population.csv}

The populations file is CSV with the columns area_code, age_band, population, year, source,
note (one row per area and age band; age_band empty for all ages); each problem is named by
row and column, an unknown area code among them.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from typing import Any

from onefuture.framework.fileformat import CheckContext, LoadContext, Section, as_list
from onefuture.framework.fileformat.parts import (
    ID,
    ILLUSTRATIVE,
    OPTIONAL_TEXT,
    TEXT,
    list_of,
    object_of,
    put,
)
from onefuture.places.models import Place

DATE = {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$", "description": "YYYY-MM-DD"}
URL = {"type": "string", "pattern": "^https?://[^\\s]+$"}
_KEYED = object_of(["key", "name"], {"key": ID, "name": TEXT})
POPULATION_COLUMNS = ("area_code", "age_band", "population", "year", "source", "note")

SCHEMA = object_of(
    [],
    {
        "suppress_below": {"type": "integer", "minimum": 0, "maximum": 100},
        "stakeholder_groups": list_of(
            object_of(["key", "name"], {"key": ID, "name": TEXT, "description": OPTIONAL_TEXT})
        ),
        "age_bands": list_of(_KEYED),
        "demographic_questions": list_of(
            object_of(
                ["key", "question", "answers"],
                {"key": ID, "question": TEXT, "answers": list_of(_KEYED, minItems=1)},
            )
        ),
        "have_your_say": object_of([], {"open": {"type": "boolean"}, "question": OPTIONAL_TEXT}),
        "consultations": list_of(
            object_of(
                ["key", "title"],
                {
                    "key": ID,
                    "title": TEXT,
                    "question": OPTIONAL_TEXT,
                    "description": OPTIONAL_TEXT,
                    "opens_on": DATE,
                    "closes_on": DATE,
                    "source_name": OPTIONAL_TEXT,
                    "source_url": URL,
                    "licence": OPTIONAL_TEXT,
                    "attribution": OPTIONAL_TEXT,
                    "illustrative": ILLUSTRATIVE,
                },
            )
        ),
        "populations": object_of(["file"], {"file": TEXT}),
    },
)


def _unique(ctx: CheckContext, value: Any, name: str) -> None:
    seen: dict[str, int] = {}
    for i, entry in as_list(value.get(name)):
        key = entry.get("key")
        if isinstance(key, str):
            if key in seen:
                ctx.error(
                    ("engagement", name, i, "key"),
                    f"'{key}' is used twice (first at engagement.{name}[{seen[key]}])",
                )
            seen.setdefault(key, i)


def population_rows(
    data: bytes, *, area_codes: set[str] | None, bands: set[str]
) -> tuple[list[dict[str, Any]], list[tuple[int | None, str, str]]]:
    """The population file's rows, and its problems as (row, column, message)."""
    problems: list[tuple[int | None, str, str]] = []
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return [], [(1, "", "the file is not UTF-8 text: save it as CSV UTF-8")]
    table = list(csv.reader(io.StringIO(text)))
    header = [h.strip().lower() for h in (table[0] if table else [])]
    missing = [c for c in POPULATION_COLUMNS[:5] if c not in header]
    if missing:
        return [], [(1, c, f"a '{c}' column is needed") for c in missing]
    rows: list[dict[str, Any]] = []
    seen: set[tuple[str, str]] = set()
    for number, cells in enumerate(table[1:], start=2):
        if not any(c.strip() for c in cells):
            continue
        row = {h: (cells[i].strip() if i < len(cells) else "") for i, h in enumerate(header)}
        code, band = row.get("area_code", ""), row.get("age_band", "")
        if not code:
            problems.append((number, "area_code", "enter the area's code"))
        elif area_codes is not None and code not in area_codes:
            problems.append((number, "area_code", f"no area '{code}' in the areas section"))
        if band and band not in bands:
            known = ", ".join(sorted(bands)) or "none"
            problems.append((number, "age_band", f"no age band '{band}' (the bands are {known})"))
        if (code, band) in seen:
            problems.append((number, "area_code", f"'{code}' {band or 'all ages'} is given twice"))
        seen.add((code, band))
        try:
            population = int(row.get("population", ""))
            if population < 0:
                raise ValueError
        except ValueError:
            problems.append((number, "population", "enter a whole number of people, 0 or more"))
            population = 0
        try:
            year = int(row.get("year", ""))
            if not 1800 <= year <= 2200:
                raise ValueError
        except ValueError:
            problems.append((number, "year", "enter the year as four digits (2021)"))
            year = 0
        if not row.get("source"):
            problems.append((number, "source", "say where the figure comes from"))
        rows.append(
            {
                "area_code": code,
                "age_band": band,
                "population": population,
                "year": year,
                "source": row.get("source", ""),
                "note": row.get("note", ""),
            }
        )
    return rows, problems


def _population_file(base_dir, file: str):
    from onefuture.framework.fileformat.place_sections import _boundary_path

    return _boundary_path(base_dir, file)


def _check(ctx: CheckContext, value: Any) -> None:
    if not isinstance(value, dict):
        return
    for name in ("stakeholder_groups", "age_bands", "consultations", "demographic_questions"):
        _unique(ctx, value, name)
    for i, c in as_list(value.get("consultations")):
        opens, closes = c.get("opens_on"), c.get("closes_on")
        if isinstance(opens, str) and isinstance(closes, str) and closes < opens:
            ctx.error(("engagement", "consultations", i, "closes_on"), "closes before it opens")
    populations = value.get("populations")
    if not (isinstance(populations, dict) and isinstance(populations.get("file"), str)):
        return
    path, problem = _population_file(ctx.base_dir, populations["file"])
    where = ("engagement", "populations", "file")
    if path is None:
        ctx.error(where, problem)
        return
    if not path.is_file():
        ctx.error(where, f"no file '{populations['file']}' beside the framework file")
        return
    declared = ctx.declared.get("area")
    bands = {b.get("key") for _, b in as_list(value.get("age_bands"))}
    _rows, problems = population_rows(
        path.read_bytes(),
        area_codes=set(declared) if declared is not None else None,
        bands={b for b in bands if isinstance(b, str)},
    )
    for row, column, message in problems[:20]:
        ctx.error(where, f"{populations['file']} row {row}, column '{column}': {message}")
    if len(problems) > 20:
        ctx.error(where, f"… and {len(problems) - 20} more problem(s) in the file")


def _load(ctx: LoadContext, value: Any) -> None:
    from onefuture.engagement.services.capture import engagement_config_load

    populations: list[dict[str, Any]] = []
    if value and value.get("populations"):
        path, _ = _population_file(ctx.base_dir, value["populations"]["file"])
        bands = {b["key"] for b in value.get("age_bands") or []}
        if path is not None and path.is_file():
            populations, _problems = population_rows(
                path.read_bytes(), area_codes=None, bands=bands
            )
    engagement_config_load(ctx=ctx, config=value or {}, populations=populations)


def _ordered(entry: dict[str, Any], first: tuple[str, ...]) -> dict[str, Any]:
    """``entry`` with the keys ``first`` in that order, then any others in sorted order."""
    out = {k: entry[k] for k in first if k in entry}
    out.update({k: entry[k] for k in sorted(entry) if k not in out})
    return out


def _dump(place: Place) -> dict[str, Any] | None:
    from onefuture.engagement.models import Consultation, EngagementSettings, StakeholderGroup

    settings = EngagementSettings.objects.filter(place=place).first()
    groups = StakeholderGroup.objects.filter(place=place).order_by("order", "name")
    consultations = Consultation.objects.filter(place=place).order_by("key")
    if settings is None and not groups.exists() and not consultations.exists():
        return None
    out: dict[str, Any] = {}
    if settings is not None:
        out["suppress_below"] = settings.suppress_below
    if groups:
        out["stakeholder_groups"] = []
        for g in groups:
            row = {"key": g.key, "name": g.name}
            put(row, "description", g.description)
            out["stakeholder_groups"].append(row)
    if settings is not None:
        # JSON fields come back from PostgreSQL's jsonb with their keys reordered: dump each
        # entry's keys in the file's order so dump, load, dump gives the same text everywhere.
        if settings.age_bands:
            out["age_bands"] = [_ordered(b, ("key", "name")) for b in settings.age_bands]
        if settings.demographic_questions:
            out["demographic_questions"] = [
                {
                    **_ordered(q, ("key", "question")),
                    "answers": [_ordered(a, ("key", "name")) for a in q.get("answers", [])],
                }
                for q in settings.demographic_questions
            ]
        hys: dict[str, Any] = {"open": settings.have_your_say_open}
        put(hys, "question", settings.have_your_say_question)
        out["have_your_say"] = hys
    if consultations:
        out["consultations"] = []
        for c in consultations:
            row: dict[str, Any] = {"key": c.key, "title": c.title}
            for name in ("question", "description"):
                put(row, name, getattr(c, name))
            for name in ("opens_on", "closes_on"):
                day: dt.date | None = getattr(c, name)
                if day:
                    row[name] = day.isoformat()
            for name in ("source_name", "source_url", "licence", "attribution"):
                put(row, name, getattr(c, name))
            put(row, "illustrative", c.illustrative, False)
            out["consultations"].append(row)
    if settings is not None and settings.populations_file:
        out["populations"] = {"file": settings.populations_file}
    return out


ENGAGEMENT_SECTION = Section(
    name="engagement",
    order=90,
    schema=SCHEMA,
    check=_check,
    load=_load,
    dump=_dump,
    description="Engagement: stakeholder groups, age bands, the have-your-say form, "
    "consultations, small-count suppression and the population figures file.",
)
