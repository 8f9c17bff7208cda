"""Recall and precision of personal-data redaction per kind, and its speed.

Run: ``.venv/bin/python benchmarks/redaction.py``. Reads the labelled set in the repository
(``tests/data/redaction/labelled.jsonl``; see its README). Then, only if ``../shared`` is there
(it is read nowhere else, and the step is skipped with a note when it is absent), it redacts real
feedback with no personal-data labels, the NHS Friends and Family Test comments in
``../shared/data/engagement-eval/nhs-fft-pxtextmining/`` (MIT, NHS England) and the Polis London
youth-policing and Bowling Green (Kentucky) comments (CC BY 4.0, The Computational Democracy
Project: "Data was gathered using the Polis software (compdemocracy.org/polis) and is sub-licensed
under CC BY 4.0 with Attribution to The Computational Democracy Project"), and i.AI themefinder's
synthetic consultation responses (MIT), and lists every name it
found with its context, for a person to judge precision (see ``docs/performance.md``).

Prints one table per part of the set: ``template`` (comments assembled from templates, the part
the redactor was developed on), ``holdout`` (hand-written in a looser style; looked at once after
the first version), ``fresh`` (hand-written in other styles again, measured blind once, then its
errors fixed), ``blind`` and ``blind2`` (each written after the fixes before it, measured once),
and all together. Recall
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


SHARED = Path(__file__).resolve().parents[2] / "shared" / "data" / "engagement-eval"
REAL_TEXT = {
    "NHS FFT (v6 framework)": ("nhs-fft-pxtextmining/v6framework_230831.csv", "FFT answer"),
    "Polis London youth policing": ("polis-london-youth-policing/comments.csv", "comment-body"),
    "Polis Bowling Green, Kentucky": ("polis-bowling-green/comments.csv", "comment-body"),
    "themefinder synthetic responses": ("themefinder-generation/eval_sentiments.csv", "response"),
}


def read_comments(path: Path, column: str) -> list[str]:
    import pandas as pd  # only here: the rest of the benchmark needs nothing beyond the library

    texts = pd.read_csv(path)[column].dropna().astype(str).tolist()
    if path.name == "eval_sentiments.csv":  # add the gambling consultation's responses too
        for responses in sorted(SHARED.glob("themefinder-gambling-xs/inputs/*/responses.jsonl")):
            lines = responses.read_text(encoding="utf-8").splitlines()
            texts += [json.loads(line)["response"] for line in lines if line.strip()]
    return texts


def audit_real_text() -> None:
    """Redact real comments that have no labels and print what was found, for a person to judge."""
    if not SHARED.is_dir():
        print(f"\n{SHARED} is absent: the real-text audit is skipped.")
        return
    for title, (name, column) in REAL_TEXT.items():
        path = SHARED / name
        if not path.is_file():
            print(f"\n{path} is absent: skipped.")
            continue
        texts = read_comments(path, column)
        started = time.process_time()
        results = redact_many(texts)
        cpu = time.process_time() - started
        counts = {kind: sum(s.kind == kind for r in results for s in r.spans) for kind in KINDS}
        print(f"\n{title}: {len(texts)} comments, {cpu:.2f} s CPU; found {counts}")
        for text, result in zip(texts, results, strict=True):
            for span in result.spans:
                context = text[max(0, span.start - 40) : span.end + 25].replace("\n", " ")
                print(f"  {span.kind:8} {span.original!r:24} ...{context}...")


def main() -> None:
    records = [json.loads(line) for line in LABELLED.read_text(encoding="utf-8").splitlines()]
    redact("warm up: load the word lists")
    for split in ("template", "holdout", "fresh", "blind", "blind2"):
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
    audit_real_text()


if __name__ == "__main__":
    main()
