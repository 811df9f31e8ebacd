"""Events on real war news against the hand-made gold of ``eval/gold`` (docs/annotation.md).

Each annotated file of ``benchmarks/realnews/articles`` is extracted as one document through
the CLI (``sitroom extract --input-jsonl``, the ``sitroom`` script beside ``sys.executable``), so
this module depends only on the CLI's JSON Lines contract and the confidence bar
(``sitroom.nlp.events.CONFIDENT``), not on the package layout. The
publication date is the file name's leading UTC date (``20220125T090000Z_...`` -> 2022-01-25);
offsets index the file's text.

Scoring, per file: predicted events with status ``reported`` or ``claimed`` are matched one to
one (maximum bipartite matching) against gold events with status ``happened`` or ``claimed``.
A pair can match when the type is equal, the predicted span overlaps one of the gold evidence
spans (gold spans are sentences, so this is "same sentence"), and the actor agrees: equal
after case-folding and dropping punctuation, one name's words a run of the other's
("Biden" / "Joe Biden"), or a spelling variant (difflib ratio >= 0.9: "Sergei Lavrov" /
"Sergey Lavrov"); a gold actor of null agrees only with a null prediction.

- ``precision``: matched / predicted reported+claimed; ``recall``: matched / gold happened+claimed.
- ``type_precision`` / ``type_recall``: the same matching with the actor ignored.
- ``duplicates``: unmatched predictions of the same type overlapping a gold event that another
  prediction already matched (a happening emitted twice counts once right, once wrong).
- ``nonhappened_hits``: unmatched predictions that would match a gold event whose status is
  not happened/claimed (a historical, planned, denied, threatened or hypothetical event
  reported as carried out).

The same figures with a ``fact_`` prefix (``tune_fact_precision``, ...) count only the
predictions shown as fact: reported or claimed with a confidence of at least ``CONFIDENT``
(the bar of the overview, map and brief; the CLI writes each event's ``confidence``). The
other predictions stay queryable, so the all-emitted figures above keep their meaning.

Figures are given for the ``tune`` half, the ``check`` half and ``all``. Misses and false
alarms of the tune half only go to ``eval/results/realnews_events.tune-details.json``; keep the
check half for measuring, not for tuning.
"""

from __future__ import annotations

import difflib
import json
import re
from dataclasses import dataclass
from pathlib import Path

from extract_cli import extract_rows

# eval/ is on sys.path (eval/run.py, eval/gate.py, or this file run as a script): gold/ is a
# namespace package there.
from gold.check_gold import ARTICLES, check, load_events, load_files

from sitroom.nlp.events import CONFIDENT

HERE = Path(__file__).resolve().parent

TARGETS = {"check_precision": 0.80, "check_recall": 0.60}

PREDICTED_DONE = frozenset({"reported", "claimed"})
GOLD_DONE = frozenset({"happened", "claimed"})
SPLITS = ("tune", "check", "all")
# Transliteration variants (Sergei/Sergey, Zelensky/Zelenskyy) agree; "Iran"/"Iraq" (0.75) do not.
SPELLING_RATIO = 0.9


@dataclass(frozen=True)
class GoldEvent:
    file: str
    event_type: str
    actor: str | None
    status: str
    spans: tuple[tuple[int, int], ...]


@dataclass(frozen=True)
class PredictedEvent:
    file: str
    event_type: str
    actor: str | None
    status: str
    start: int
    end: int
    text: str
    confidence: float = 1.0


@dataclass
class Tally:
    predicted: int = 0
    gold: int = 0
    matched: int = 0
    type_matched: int = 0
    duplicates: int = 0
    nonhappened_hits: int = 0

    def add(self, other: Tally) -> None:
        for key in vars(self):
            setattr(self, key, getattr(self, key) + getattr(other, key))


def published_of(name: str) -> str:
    """``20220125T090000Z_GB_en_x.txt`` -> ``2022-01-25``."""
    return f"{name[0:4]}-{name[4:6]}-{name[6:8]}"


def _words(name: str | None) -> str:
    return " ".join(re.sub(r"[^\w]+", " ", (name or "").casefold()).split())


def actor_agrees(gold: str | None, predicted: str | None) -> bool:
    g, p = _words(gold), _words(predicted)
    if not g:
        return not p
    if not p:
        return False
    if f" {g} " in f" {p} " or f" {p} " in f" {g} ":
        return True
    return difflib.SequenceMatcher(None, g, p).ratio() >= SPELLING_RATIO


def _overlaps(pred: PredictedEvent, gold: GoldEvent) -> bool:
    return any(pred.start < end and start < pred.end for start, end in gold.spans)


def _can_match(pred: PredictedEvent, gold: GoldEvent, *, with_actor: bool) -> bool:
    return (
        pred.event_type == gold.event_type
        and _overlaps(pred, gold)
        and (not with_actor or actor_agrees(gold.actor, pred.actor))
    )


def max_matching(edges: list[list[int]], n_right: int) -> dict[int, int]:
    """Maximum bipartite matching (augmenting paths): left index -> right index."""
    right_of: dict[int, int] = {}
    left_of: list[int | None] = [None] * n_right

    def augment(left: int, seen: set[int]) -> bool:
        for right in edges[left]:
            if right in seen:
                continue
            seen.add(right)
            holder = left_of[right]
            if holder is None or augment(holder, seen):
                left_of[right] = left
                right_of[left] = right
                return True
        return False

    for left in range(len(edges)):
        augment(left, set())
    return right_of


def _judge(preds: list[PredictedEvent], gold: list[GoldEvent]) -> tuple[list[str], int, set[int]]:
    """The kind of each prediction (``right``, ``duplicate``, ``not_carried_out_in_gold``,
    ``wrong_actor``, ``false_alarm``), the size of the type-only matching, and the indices of
    the matched gold happenings (among those with status happened/claimed)."""
    done = [g for g in gold if g.status in GOLD_DONE]
    other = [g for g in gold if g.status not in GOLD_DONE]
    full = max_matching(
        [[j for j, g in enumerate(done) if _can_match(p, g, with_actor=True)] for p in preds],
        len(done),
    )
    typed = max_matching(
        [[j for j, g in enumerate(done) if _can_match(p, g, with_actor=False)] for p in preds],
        len(done),
    )
    matched_gold = set(full.values())
    kinds: list[str] = []
    for i, p in enumerate(preds):
        if i in full:
            kinds.append("right")
        elif any(_can_match(p, done[j], with_actor=False) for j in matched_gold):
            kinds.append("duplicate")
        elif any(_can_match(p, g, with_actor=True) for g in other):
            kinds.append("not_carried_out_in_gold")
        elif i in typed:
            kinds.append("wrong_actor")
        else:
            kinds.append("false_alarm")
    return kinds, len(typed), matched_gold


def score_file(
    predicted: list[PredictedEvent], gold: list[GoldEvent]
) -> tuple[Tally, list[dict[str, object]]]:
    """Counts for one file, and a list of its misses and false alarms."""
    preds = [p for p in predicted if p.status in PREDICTED_DONE]
    done = [g for g in gold if g.status in GOLD_DONE]
    kinds, n_typed, matched_gold = _judge(preds, gold)
    tally = Tally(
        predicted=len(preds),
        gold=len(done),
        matched=kinds.count("right"),
        type_matched=n_typed,
        duplicates=kinds.count("duplicate"),
        nonhappened_hits=kinds.count("not_carried_out_in_gold"),
    )
    details: list[dict[str, object]] = [
        {
            "kind": kind,
            "file": p.file,
            "type": p.event_type,
            "actor": p.actor,
            "status": p.status,
            "start": p.start,
            "end": p.end,
            "text": p.text,
        }
        for p, kind in zip(preds, kinds, strict=True)
        if kind != "right"
    ]
    for j, g in enumerate(done):
        if j not in matched_gold:
            details.append(
                {
                    "kind": "miss",
                    "file": g.file,
                    "type": g.event_type,
                    "actor": g.actor,
                    "status": g.status,
                    "spans": [list(s) for s in g.spans],
                }
            )
    return tally, details


def extract(texts: dict[str, str]) -> list[PredictedEvent]:
    """Events the CLI finds in each text (id = file name), in output order."""
    rows, proc = extract_rows(
        {"id": name, "text": text, "published": published_of(name)} for name, text in texts.items()
    )
    if proc.returncode != 0:
        raise RuntimeError(f"sitroom extract failed ({proc.returncode}): {proc.stderr[-2000:]}")
    return [
        PredictedEvent(
            file=str(row["doc"]),
            event_type=str(row["event_type"]),
            actor=row.get("actor"),
            status=str(row.get("status")),
            start=int(row["start"]),
            end=int(row["end"]),
            text=str(row.get("text", "")),
            confidence=float(row.get("confidence", 1.0)),
        )
        for row in rows
        if row.get("type") == "event"
    ]


def _gold_events() -> list[GoldEvent]:
    return [
        GoldEvent(
            file=str(e["file"]),
            event_type=str(e["event_type"]),
            actor=e.get("actor"),  # type: ignore[arg-type]
            status=str(e["status"]),
            spans=tuple((int(s["start"]), int(s["end"])) for s in e["evidence"]),  # type: ignore[attr-defined]
        )
        for e in load_events()
    ]


def _ratio(num: int, den: int) -> float:
    return round(num / den, 4) if den else 0.0


def run(shared: Path) -> dict[str, float | int | str]:
    problems = check(shared)
    if problems:
        raise RuntimeError("gold does not validate: " + "; ".join(problems[:5]))
    files = load_files()
    articles = shared / ARTICLES
    texts = {name: (articles / name).read_text(encoding="utf-8") for name in files}
    predicted = extract(texts)
    gold = _gold_events()
    tallies = {split: Tally() for split in SPLITS}
    facts = {split: Tally() for split in SPLITS}
    tune_details: list[dict[str, object]] = []
    for name, split in files.items():
        preds = [p for p in predicted if p.file == name]
        golds = [g for g in gold if g.file == name]
        tally, details = score_file(preds, golds)
        fact, _ = score_file([p for p in preds if p.confidence >= CONFIDENT], golds)
        for key in (split, "all"):
            tallies[key].add(tally)
            facts[key].add(fact)
        if split == "tune":
            tune_details += details
    out_dir = HERE / "results"
    out_dir.mkdir(exist_ok=True)
    (out_dir / "realnews_events.tune-details.json").write_text(
        json.dumps(tune_details, indent=1, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    metrics: dict[str, float | int | str] = {
        "files": len(files),
        "tune_files": sum(s == "tune" for s in files.values()),
        "check_files": sum(s == "check" for s in files.values()),
    }
    for split in SPLITS:
        t = tallies[split]
        metrics.update(
            {
                f"{split}_precision": _ratio(t.matched, t.predicted),
                f"{split}_recall": _ratio(t.matched, t.gold),
                f"{split}_type_precision": _ratio(t.type_matched, t.predicted),
                f"{split}_type_recall": _ratio(t.type_matched, t.gold),
                f"{split}_predicted": t.predicted,
                f"{split}_gold": t.gold,
                f"{split}_matched": t.matched,
                f"{split}_duplicates": t.duplicates,
                f"{split}_nonhappened_hits": t.nonhappened_hits,
            }
        )
    for split in SPLITS:
        f = facts[split]
        metrics.update(
            {
                f"{split}_fact_precision": _ratio(f.matched, f.predicted),
                f"{split}_fact_recall": _ratio(f.matched, f.gold),
                f"{split}_fact_predicted": f.predicted,
                f"{split}_fact_matched": f.matched,
                f"{split}_fact_nonhappened_hits": f.nonhappened_hits,
            }
        )
    return metrics


if __name__ == "__main__":
    from gold.check_gold import default_shared

    for key, value in run(default_shared()).items():
        print(f"{key:<32} {value}")
