"""Recall and precision of personal-data redaction per kind, and its speed.

Run: ``.venv/bin/python benchmarks/redaction.py``. Reads only the labelled set in the repository
(``tests/data/redaction/labelled.jsonl``; see its README), so it needs nothing from outside.

Prints one table per part of the set: ``template`` (comments assembled from templates, the part
the redactor was developed on), ``holdout`` (hand-written in a looser style; looked at once after
the first version), ``fresh`` (hand-written in other styles again, measured blind once, then its
errors fixed), ``blind`` (written after those fixes, measured once), and all together. Recall
counts a labelled span as found only when spans of its kind cover all of it;
precision counts a found span as right when it overlaps a labelled span of its kind; "exact" is
recall with identical boundaries. Then the time to redact 10,000 comments (the set, repeated).
"""

from __future__ import annotations

import json
import os
import platform
import time
from pathlib import Path

from onefuture.themes.redaction import KINDS, redact, redact_many, redaction_scores

LABELLED = Path(__file__).resolve().parents[1] / "tests" / "data" / "redaction" / "labelled.jsonl"


def table(records: list[dict], title: str) -> None:
    texts = [r["text"] for r in records]
    gold = [[(s["start"], s["end"], s["kind"]) for s in r["spans"]] for r in records]
    scores = redaction_scores(texts, gold)
    print(f"\n{title}: {len(records)} comments, {sum(not g for g in gold)} without personal data")
    print("| kind | labelled | found | recall | precision | exact |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    for kind in KINDS:
        s = scores[kind]
        print(
            f"| {kind} | {s.labelled} | {s.found} | {s.recall:.3f} | {s.precision:.3f} "
            f"| {s.exact_recall:.3f} |"
        )


def main() -> None:
    records = [json.loads(line) for line in LABELLED.read_text(encoding="utf-8").splitlines()]
    redact("warm up: load the word lists")
    for split in ("template", "holdout", "fresh", "blind"):
        table([r for r in records if r["split"] == split], split)
    table(records, "all")

    texts = [records[i % len(records)]["text"] for i in range(10_000)]
    started, cpu_started = time.perf_counter(), time.process_time()
    redact_many(texts)
    seconds = time.perf_counter() - started
    cpu = time.process_time() - cpu_started
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(
        f"\nredact_many on 10,000 comments: {seconds:.2f} s wall ({10_000 / seconds:,.0f} a "
        f"second), {cpu:.2f} s CPU ({10_000 / cpu:,.0f} a second); {platform.machine()}, "
        f"{os.cpu_count()} cores, load average {load:.1f}, Python {platform.python_version()}, "
        "one process"
    )


if __name__ == "__main__":
    main()
