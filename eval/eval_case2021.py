"""CASE 2021 task 2 (fine-grained event classification on news snippets): weighted F1.

The data is the shared task's labelled test set, ``task2/test_dataset/
test_set_final_release_with_labels.tsv`` of https://github.com/emerging-welfare/case-2021-shared-task
(1,019 snippets, columns ``id``, ``EventSnippet``, ``SubType``: 25 ACLED sub-event types and 5
"unseen" ones). The repository states no licence, so the file is not copied here: point
``$SITROOM_CASE2021`` at it (else ``$SITROOM_SHARED/benchmarks/case2021/`` is tried); without it
the module reports ``available = 0`` and nothing else.

Each snippet is extracted as one document through the CLI (``sitroom extract --input-jsonl``),
as ``eval_realnews_events`` does. The snippet's label is that of its most confident event
reported as done (else its most confident event of any status), mapped by ``CASE_LABEL`` below;
a snippet with no event, or with an event type the task has no label for, gets ``NONE``, which
is wrong for every snippet. Scores: accuracy, and F1 per gold label weighted by the label's
support (the task's official measure; the best shared-task system, a fine-tuned RoBERTa,
reached 0.839 on subtask 1, 0.79-0.80 with the unseen types). ``crashed`` is 1 when the CLI
failed on the whole batch (issue 9: a place-name crash once stopped every snippet).

The mapping from sitroom's event type (and its ACLED sub-event type, refined by weapons)
to the task's codes:

======================  ==========================  ========================================
sitroom event_type      ACLED sub-event type        CASE 2021 code
======================  ==========================  ========================================
strike                  Air/drone strike            AIR_STRIKE
strike                  Shelling/artillery/missile  ART_MISS_ATTACK
interception            Disrupted weapons use       DISR_WEAP
ground_clash            Armed clash                 ARMED_CLASH
agreement               Agreement                   AGREEMENT
deployment              Change to group/activity    CHANGE_TO_GROUP_ACT
arrest                  Arrests                     ARREST
protest                 Peaceful protest            PEACE_PROTEST
weapons_test            Other                       OTHER
meeting, vote, sanction (not ACLED)                 DIPLO (the task's unseen diplomatic type)
======================  ==========================  ========================================

aid, threat and condemnation have no code of their own in the task and give ``NONE``.
sitroom has no type for the other 19 codes (grenades, suicide bombs, looting, abductions,
sexual violence, disasters, crime, territory changes ...), so they are missed by design.
"""

from __future__ import annotations

import csv
import os
from collections import Counter
from pathlib import Path

from extract_cli import extract_rows

TARGETS = {"weighted_f1": 0.80}
ENV = "SITROOM_CASE2021"
FILE_NAME = "test_set_final_release_with_labels.tsv"
DONE = frozenset({"reported", "claimed"})
NONE = "NONE"

# (event_type, ACLED sub-event type or None for any) -> CASE code; see the module docstring.
CASE_LABEL: dict[tuple[str, str | None], str] = {
    ("strike", "Air/drone strike"): "AIR_STRIKE",
    ("strike", None): "ART_MISS_ATTACK",
    ("interception", None): "DISR_WEAP",
    ("ground_clash", None): "ARMED_CLASH",
    ("agreement", None): "AGREEMENT",
    ("deployment", None): "CHANGE_TO_GROUP_ACT",
    ("arrest", None): "ARREST",
    ("protest", None): "PEACE_PROTEST",
    ("weapons_test", None): "OTHER",
    ("meeting", None): "DIPLO",
    ("vote", None): "DIPLO",
    ("sanction", None): "DIPLO",
}


def case_label(event_type: str, acled_sub_event_type: str | None) -> str:
    """The task's code for one sitroom event (``NONE`` where the task has none)."""
    return CASE_LABEL.get(
        (event_type, acled_sub_event_type), CASE_LABEL.get((event_type, None), NONE)
    )


def weighted_f1(gold: list[str], predicted: list[str]) -> float:
    """F1 of each gold label, weighted by its support (scikit-learn's ``average="weighted"``)."""
    support = Counter(gold)
    total = 0.0
    for label, count in support.items():
        tp = sum(g == p == label for g, p in zip(gold, predicted, strict=True))
        pred_count = sum(p == label for p in predicted)
        precision = tp / pred_count if pred_count else 0.0
        recall = tp / count
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        total += f1 * count
    return total / len(gold) if gold else 0.0


def _data_file(shared: Path) -> Path | None:
    candidates = [Path(p) for p in [os.environ.get(ENV)] if p]
    candidates.append(shared / "benchmarks" / "case2021" / FILE_NAME)
    for path in candidates:
        if path.is_dir():
            path = path / FILE_NAME
        if path.is_file():
            return path
    return None


def _snippets(path: Path) -> list[tuple[str, str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        rows = csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)
        return [(r["id"], r["EventSnippet"], r["SubType"]) for r in rows]


def _predict(snippets: list[tuple[str, str, str]]) -> tuple[dict[str, str], bool]:
    rows, proc = extract_rows({"id": i, "text": text} for i, text, _ in snippets)
    best: dict[str, tuple[bool, float, str]] = {}
    for row in rows:
        if row.get("type") != "event":
            continue
        key = (row.get("status") in DONE, float(row.get("confidence") or 0.0))
        label = case_label(str(row["event_type"]), row.get("acled_sub_event_type"))
        doc = str(row["doc"])
        if doc not in best or key > best[doc][:2]:
            best[doc] = (*key, label)
    return {doc: value[2] for doc, value in best.items()}, proc.returncode != 0


def run(shared: Path) -> dict[str, float | int | str]:
    path = _data_file(shared)
    if path is None:
        return {"available": 0}
    snippets = _snippets(path)
    predicted, crashed = _predict(snippets)
    gold = [label for _, _, label in snippets]
    guesses = [predicted.get(i, NONE) for i, _, _ in snippets]
    return {
        "available": 1,
        "snippets": len(snippets),
        "crashed": int(crashed),
        "with_event": sum(g != NONE for g in guesses),
        "accuracy": round(sum(g == p for g, p in zip(gold, guesses, strict=True)) / len(gold), 4),
        "weighted_f1": round(weighted_f1(gold, guesses), 4),
    }
