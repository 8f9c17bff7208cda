"""Theme discovery and assignment on public labelled feedback, and the time for 10,000 comments.

Run: ``.venv/bin/python benchmarks/themes.py [--only discovery|assignment|speed] [--splits 5]``.

This is the evaluation protocol of the engagement analysis (``../shared/docs/engagement-
analysis.md``, section 7). It reads ``../shared/data/engagement-eval/derived/`` beside the
repository, and nothing else reads it; when that folder is absent it says so and exits 0.
The sets: NHS Friends and Family Test comments coded by people into the v6 framework
(The-Strategy-Unit/pxtextmining, MIT, NHS England) and the ANES 2008 "most important problem"
answers with their codes (mxli417/co_benchmark, MIT; cite ANES, doi:10.3886/ICPSR25383.v3).

- Discovery: adjusted mutual information between :func:`onefuture.themes.discover` and people's
  single labels (``nhs_single``, 29 themes; ``anes_single``, 41 codes), with ``n_themes`` set to
  the number of human themes (the protocol's oracle k) and with k chosen automatically; one run
  per seed.
- Assignment: sample-averaged F1 of :func:`onefuture.themes.assign` with 20 % of the comments
  labelled at random (``nhs_multi``, multi-label; ``anes_single``), scored on the other 80 %; one
  random split per seed, with a 1,000x bootstrap 95 % interval per split.
- Speed: 10,000 comments (5,000 drawn from each of ``nhs_multi`` and ``anes_single``), embedded
  from cold (empty cache), discovered (automatic k) and assigned (20 % labelled) with sockets
  blocked; wall and CPU seconds per stage.

Baselines to beat (engagement analysis, section 4): AMI 0.286 NHS, 0.718 ANES; sample-F1 0.675
NHS, 0.903 ANES. The bar: the mean over splits at least 0.01 above, and no split below.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import socket
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

from onefuture import themes
from onefuture.themes import embedding
from onefuture.themes.evaluation import ami, sample_f1_interval

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data" / "engagement-eval" / "derived"
BASELINES = {
    ("discovery", "nhs_single"): 0.286,
    ("discovery", "anes_single"): 0.718,
    ("assignment", "nhs_multi"): 0.675,
    ("assignment", "anes_single"): 0.903,
}


def load(name: str) -> tuple[list[str], list[list[str]]]:
    rows = [json.loads(line) for line in (DATA / f"{name}.jsonl").read_text().splitlines()]
    texts = [r["text"] for r in rows]
    labels = [list(r["labels"]) if "labels" in r else [str(r["label"])] for r in rows]
    return texts, labels


def verdict(kind: str, name: str, scores: list[float]) -> str:
    baseline = BASELINES[(kind, name)]
    ok = np.mean(scores) >= baseline + 0.01 and min(scores) >= baseline
    return "pass" if ok else "FAIL"


def row(cells: list[Any]) -> str:
    return "| " + " | ".join(str(c) for c in cells) + " |"


def discovery(splits: int) -> None:
    print("\n### Discovery: AMI against people's labels (one run per seed)\n")
    print(row(["set", "n", "k", "setting", "mean", "sd", "min", "max", "baseline", "bar", "s/run"]))
    print(row(["---"] * 11))
    for name in ("nhs_single", "anes_single"):
        texts, labels = load(name)
        truth = [label[0] for label in labels]
        k = len(set(truth))
        embedding.embed(texts)  # warm the cache: this table times clustering, not embedding
        for setting, n_themes in (("oracle k", k), ("auto k", None)):
            scores, found, seconds = [], [], []
            for seed in range(splits):
                start = time.perf_counter()
                predicted = themes.discover(texts, n_themes=n_themes, seed=seed)
                seconds.append(time.perf_counter() - start)
                scores.append(ami(truth, predicted))
                found.append(len(set(predicted) - {-1}))
            baseline = BASELINES[("discovery", name)]
            shown_k = k if n_themes else f"{min(found)}–{max(found)}"
            bar = verdict("discovery", name, scores) if n_themes else "(report)"
            print(
                row(
                    [
                        name,
                        len(texts),
                        shown_k,
                        setting,
                        f"{np.mean(scores):.3f}",
                        f"{np.std(scores, ddof=1):.3f}",
                        f"{min(scores):.3f}",
                        f"{max(scores):.3f}",
                        baseline,
                        bar,
                        f"{np.mean(seconds):.1f}",
                    ]
                )
            )
            print(f"<!-- {name} {setting} per seed: {np.round(scores, 3).tolist()} -->")
            sys.stdout.flush()


def split(n: int, seed: int, share: float = 0.2) -> tuple[np.ndarray, np.ndarray]:
    order = np.random.default_rng(seed).permutation(n)
    cut = round(share * n)
    return np.sort(order[:cut]), np.sort(order[cut:])


def assignment(splits: int) -> None:
    print("\n### Assignment: sample-F1 on the unlabelled 80 % (20 % labelled at random)\n")
    print(row(["set", "n", "themes", "mean", "sd", "min", "max", "95 % CI (worst split)",
               "baseline", "bar", "s/run"]))  # fmt: skip
    print(row(["---"] * 11))
    for name in ("nhs_multi", "anes_single"):
        texts, labels = load(name)
        embedding.embed(texts)
        scores, lows, highs, seconds = [], [], [], []
        for seed in range(splits):
            labelled, hidden = split(len(texts), seed)
            examples = {int(i): labels[i] for i in labelled}
            start = time.perf_counter()
            predicted = themes.assign(texts, examples, seed=seed)
            seconds.append(time.perf_counter() - start)
            score = sample_f1_interval([labels[i] for i in hidden], [predicted[i] for i in hidden])
            scores.append(score.value)
            lows.append(score.lower)
            highs.append(score.upper)
        worst = int(np.argmin(scores))
        print(
            row(
                [
                    name,
                    len(texts),
                    len({t for label in labels for t in label}),
                    f"{np.mean(scores):.3f}",
                    f"{np.std(scores, ddof=1):.3f}",
                    f"{min(scores):.3f}",
                    f"{max(scores):.3f}",
                    f"{lows[worst]:.3f}–{highs[worst]:.3f}",
                    BASELINES[("assignment", name)],
                    verdict("assignment", name, scores),
                    f"{np.mean(seconds):.1f}",
                ]
            )
        )
        print(f"<!-- {name} per split: {np.round(scores, 3).tolist()} -->")
        sys.stdout.flush()


def _blocked(*args: object, **kwargs: object) -> socket.socket:
    raise OSError("network access attempted during the offline benchmark")


def speed() -> None:
    rng = np.random.default_rng(0)
    texts: list[str] = []
    labels: list[list[str]] = []
    for name, prefix in (("nhs_multi", "nhs"), ("anes_single", "anes")):
        t, y = load(name)
        pick = rng.choice(len(t), 5000, replace=False)
        texts += [t[i] for i in pick]
        labels += [[f"{prefix}:{v}" for v in y[i]] for i in pick]
    labelled, _ = split(len(texts), 0)
    examples = {int(i): labels[i] for i in labelled}

    embedding.model()  # loading the model file (about 0.3 s) is not per-comment work
    embedding.clear_cache()
    os.environ["HF_HUB_OFFLINE"] = "1"
    real_socket = socket.socket
    socket.socket = _blocked  # type: ignore[assignment, misc]
    stages: list[tuple[str, float, float]] = []

    def timed(stage: str, work: Callable[[], object]) -> object:
        wall, cpu = time.perf_counter(), time.process_time()
        result = work()
        stages.append((stage, time.perf_counter() - wall, time.process_time() - cpu))
        return result

    try:
        timed("embed (cold, no cache)", lambda: embedding.embed(texts))
        found = timed("discover (auto k)", lambda: themes.discover(texts, seed=0))
        timed("assign (20 % labelled)", lambda: themes.assign(texts, examples, seed=0))
    finally:
        socket.socket = real_socket  # type: ignore[misc]
    total_wall = sum(s[1] for s in stages)
    total_cpu = sum(s[2] for s in stages)
    k = len(set(found) - {-1})  # type: ignore[arg-type]
    print("\n### Speed: 10,000 comments (5,000 NHS + 5,000 ANES), sockets blocked\n")
    print(row(["stage", "wall s", "CPU s"]))
    print(row(["---"] * 3))
    for stage, wall, cpu in stages:
        print(row([stage, f"{wall:.1f}", f"{cpu:.1f}"]))
    verdict_text = "pass" if total_wall < 30 else "FAIL"
    print(row(["**total**", f"**{total_wall:.1f}** ({verdict_text}: < 30 s)", f"{total_cpu:.1f}"]))
    print(f"\nauto k found {k} themes; onnxruntime sessions side by side {embedding.THREADS}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", choices=("discovery", "assignment", "speed"))
    parser.add_argument("--splits", type=int, default=5)
    args = parser.parse_args()
    if not DATA.is_dir():
        print(f"The evaluation data is not there ({DATA}); nothing to measure.")
        return 0
    load_average = ", ".join(f"{v:.2f}" for v in os.getloadavg())
    print(
        f"## themes benchmark — {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, "
        f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
        f"load average {load_average}"
    )
    if args.only in (None, "speed"):
        speed()
    if args.only in (None, "discovery"):
        discovery(args.splits)
    if args.only in (None, "assignment"):
        assignment(args.splits)
    print(f"\nload average at the end: {', '.join(f'{v:.2f}' for v in os.getloadavg())}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
