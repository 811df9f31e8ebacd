"""Quotes and speakers against PolNeAR dev (brat standoff attributions: Source, Cue, Content).

Scoring as in ../shared/benchmarks/README.md: a predicted quote matches a gold Content
span when their overlap is at least 30% of EACH span (discontinuous gold spans count as
the union of their pieces). Precision = share of predictions matching some gold Content;
recall = share of gold Contents matched by some prediction. Records that share one
speaker span (a split quote “…,” X said. “…”; a mixed fragment and the reported clause
around it) are scored as one discontinuous prediction, as PolNeAR annotates them as one
attribution with a discontinuous Content. Speaker accuracy =
share of matched gold attributions that have a Source whose best-overlapping prediction
has a speaker span overlapping the Source, or a speaker name/description sharing a
content word with it.

Two views: **direct** (gold Contents containing a double quotation mark, or the
two-apostrophe form some publishers use, vs predicted
direct/mixed quotes and indirect clauses that contain a double quotation mark, the same
test on both sides; the targets apply here) and **all** (every gold attribution vs
every predicted quote). Double-annotated articles use the first .ann in name order.
All dev articles are processed (84 articles, about 415k characters).

Every metric is reported over all articles (``direct_f1``) and over the ``tune`` and
``check`` halves of them (``direct_f1_tune``, ``direct_f1_check``; ``eval/halves.py``, by
article name): rules are tuned by reading errors on the tune half only (and on PolNeAR's
``train`` split, ``python eval/eval_polnear.py train``); the check half is only measured.
``python eval/eval_polnear.py dev --errors tune`` lists the tune half's misses, false
alarms and wrong speakers, one per line.
"""

from __future__ import annotations

import os
import re
import sys
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from halves import HALVES, half_of, split_halves

from sitroom.nlp.pipeline import load_nlp
from sitroom.nlp.quotes.extract import extract_quotes
from sitroom.records import Quote

TARGETS = {"direct_f1": 0.85, "direct_speaker_acc": 0.88}
REPO = Path(__file__).resolve().parents[1]

# The benchmark's definition: overlap >= 30% of each span.
MIN_OVERLAP = 0.3
DOUBLE_MARKS = frozenset('"“”«»')
# Some PolNeAR publishers write a double quotation mark as two apostrophes (''so'').
TWO_APOSTROPHES = "''"


def has_quote_mark(text: str) -> bool:
    return any(ch in DOUBLE_MARKS for ch in text) or TWO_APOSTROPHES in text


_STOP = frozenset(
    [
        "the",
        "a",
        "an",
        "of",
        "and",
        "or",
        "to",
        "in",
        "on",
        "at",
        "for",
        "by",
        "with",
        "from",
        "his",
        "her",
        "their",
        "its",
        "he",
        "she",
        "they",
        "it",
        "we",
        "i",
        "mr",
        "mrs",
        "ms",
        "dr",
        "said",
        "says",
    ]
)
_WORD = re.compile(r"[A-Za-z][A-Za-z'’\-]+")


@dataclass(frozen=True, slots=True)
class Gold:
    content: tuple[tuple[int, int], ...]
    content_text: str
    source: tuple[tuple[int, int], ...]
    source_text: str

    @property
    def is_direct(self) -> bool:
        return has_quote_mark(self.content_text)

    @property
    def length(self) -> int:
        return sum(b - a for a, b in self.content)


def _spans(field: str) -> tuple[tuple[int, int], ...]:
    pieces = field.split(" ", 1)[1]
    return tuple((int(a), int(b)) for a, b in (p.split() for p in pieces.split(";")))


def read_ann(path: Path) -> list[Gold]:
    """Gold attributions of one .ann file (those that have a Content span)."""
    spans: dict[str, tuple[tuple[tuple[int, int], ...], str]] = {}
    relations: list[dict[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if line.startswith("T") and len(parts) >= 3:
            spans[parts[0]] = (_spans(parts[1]), parts[2])
        elif line.startswith("E") and len(parts) >= 2:
            roles = dict(r.split(":", 1) for r in parts[1].split() if ":" in r)
            relations.append({k: v for k, v in roles.items() if k in {"Content", "Source", "Cue"}})
    golds = []
    for rel in relations:
        if "Content" not in rel or rel["Content"] not in spans:
            continue
        content, content_text = spans[rel["Content"]]
        source, source_text = spans.get(rel.get("Source", ""), ((), ""))
        golds.append(Gold(content, content_text, source, source_text))
    return golds


@dataclass(frozen=True, slots=True)
class Predicted:
    """One predicted attribution: the records that share one speaker span, as a unit.

    PolNeAR gives a split quote (“…,” X said. “…”) one discontinuous Content; sitroom
    gives two records with the same speaker span. Scoring the records that share a
    speaker span as one discontinuous prediction compares like with like.
    """

    spans: tuple[tuple[int, int], ...]
    quote: Quote  # the first record, for its speaker

    @property
    def length(self) -> int:
        return sum(b - a for a, b in self.spans)


def group(quotes: list[Quote]) -> list[Predicted]:
    by_speaker: dict[tuple[int, int] | int, list[Quote]] = {}
    for i, q in enumerate(quotes):
        key = (
            (q.speaker_start, q.speaker_end)
            if q.speaker_start is not None and q.speaker_end is not None
            else i
        )
        by_speaker.setdefault(key, []).append(q)
    out = []
    for members in by_speaker.values():
        spans = sorted((q.start, q.end) for q in members)
        merged: list[tuple[int, int]] = []
        for a, b in spans:
            if merged and a <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(merged[-1][1], b))
            else:
                merged.append((a, b))
        out.append(Predicted(tuple(merged), members[0]))
    return out


def _overlap(a: tuple[tuple[int, int], ...], b: tuple[tuple[int, int], ...]) -> int:
    return sum(max(0, min(y1, y2) - max(x1, x2)) for x1, y1 in a for x2, y2 in b)


def _matches(gold: Gold, pred: Predicted) -> bool:
    inter = _overlap(gold.content, pred.spans)
    return inter >= MIN_OVERLAP * pred.length and inter >= MIN_OVERLAP * gold.length


def _words(text: str | None) -> set[str]:
    return {w.lower().strip("'’") for w in _WORD.findall(text or "")} - _STOP


def speaker_ok(gold: Gold, quote: Quote) -> bool:
    if (
        quote.speaker_start is not None
        and quote.speaker_end is not None
        and _overlap(gold.source, ((quote.speaker_start, quote.speaker_end),)) > 0
    ):
        return True
    gold_words = _words(gold.source_text)
    return bool(gold_words & (_words(quote.speaker) | _words(quote.speaker_text)))


def _in_view(quote: Quote, text: str, *, direct: bool) -> bool:
    """Direct view: direct/mixed records, and indirect clauses that contain a quotation mark
    (the same test the gold side gets)."""
    if not direct or quote.kind in {"direct", "mixed"}:
        return True
    return has_quote_mark(text[quote.start : quote.end])


def score(
    pairs: list[tuple[str, list[Gold], list[Quote]]], *, direct: bool
) -> dict[str, float | int]:
    n_pred = n_pred_hit = n_gold = n_gold_hit = n_src = n_src_ok = 0
    for text, golds, quotes in pairs:
        golds = [g for g in golds if g.is_direct] if direct else golds
        preds = group([q for q in quotes if _in_view(q, text, direct=direct)])
        n_pred += len(preds)
        n_pred_hit += sum(any(_matches(g, p) for g in golds) for p in preds)
        n_gold += len(golds)
        for g in golds:
            hits = [p for p in preds if _matches(g, p)]
            if not hits:
                continue
            n_gold_hit += 1
            if g.source:
                n_src += 1
                best = max(hits, key=lambda p: _overlap(g.content, p.spans))
                n_src_ok += speaker_ok(g, best.quote)
    p = n_pred_hit / n_pred if n_pred else 0.0
    r = n_gold_hit / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {
        "precision": p,
        "recall": r,
        "f1": f,
        "speaker_acc": n_src_ok / n_src if n_src else 0.0,
        "gold": n_gold,
        "predicted": n_pred,
    }


def load_split(root: Path) -> list[tuple[str, str, list[Gold]]]:
    out = []
    for text_path in sorted((root / "text").glob("*.txt")):
        anns = sorted((root / "attributions").glob(f"{text_path.stem}_*.ann"))
        if anns:
            out.append((text_path.stem, text_path.read_text(encoding="utf-8"), read_ann(anns[0])))
    return out


def predict(docs: list[tuple[str, str, list[Gold]]]) -> list[tuple[str, list[Gold], list[Quote]]]:
    nlp = load_nlp()
    parsed = nlp.pipe(((text, name) for name, text, _ in docs), as_tuples=True, batch_size=8)
    return [
        (doc.text, golds, extract_quotes(doc, article_id=name))
        for (doc, name), (_, _, golds) in zip(parsed, docs, strict=True)
    ]


def run(
    shared: Path, *, split: str = "dev", limit: int | None = None
) -> dict[str, float | int | str]:
    """Score ``split`` (its first ``limit`` articles in name order, if given), over all
    articles and over each half (``<metric>_tune``, ``<metric>_check``)."""
    docs = load_split(shared / "benchmarks" / "polnear" / split)[:limit]
    pairs = predict(docs)
    names = [name for name, _, _ in docs]
    halves = split_halves(range(len(docs)), key=lambda i: names[i])
    parts = {"": pairs} | {f"_{h}": [pairs[i] for i in halves[h]] for h in HALVES}
    metrics: dict[str, float | int | str] = {"articles": len(docs)}
    metrics |= {f"articles_{h}": len(halves[h]) for h in HALVES}
    for view in ("direct", "all"):
        for suffix, part in parts.items():
            for key, value in score(part, direct=view == "direct").items():
                metrics[f"{view}_{key}{suffix}"] = value
    return metrics


def _excerpt(text: str, start: int, end: int, *, pad: int = 60) -> str:
    shown = text[max(0, start - pad) : end + pad].replace("\n", " / ")
    return shown if len(shown) <= 2 * pad + 160 else f"{shown[: pad + 80]} … {shown[-pad - 80 :]}"


def list_errors(shared: Path, *, split: str = "dev", half: str = "tune") -> list[str]:
    """One line per direct-view error on one half (or "all") of ``split``: MISS (a gold
    quote no prediction matches), FA (a prediction matching no gold quote), SPEAKER (a
    match with the wrong speaker). Read errors on the tune half only; check is measured."""
    docs = load_split(shared / "benchmarks" / "polnear" / split)
    docs = [d for d in docs if half in {"all", half_of(d[0])}]
    lines = []
    for (name, _, _), (text, golds, quotes) in zip(docs, predict(docs), strict=True):
        golds = [g for g in golds if g.is_direct]
        preds = group([q for q in quotes if _in_view(q, text, direct=True)])
        for p in preds:
            if not any(_matches(g, p) for g in golds):
                who = p.quote.speaker_text
                excerpt = _excerpt(text, p.spans[0][0], p.spans[-1][1])
                lines.append(f"FA\t{name}\t{p.quote.kind}\t{who!r}\t{excerpt}")
        for g in golds:
            hits = [p for p in preds if _matches(g, p)]
            excerpt = _excerpt(text, g.content[0][0], g.content[-1][1])
            if not hits:
                lines.append(f"MISS\t{name}\t{g.source_text!r}\t{excerpt}")
                continue
            best = max(hits, key=lambda p: _overlap(g.content, p.spans))
            if g.source and not speaker_ok(g, best.quote):
                who = best.quote.speaker_text
                lines.append(f"SPEAKER\t{name}\tgold={g.source_text!r}\tpred={who!r}\t{excerpt}")
    return lines


if __name__ == "__main__":
    import argparse
    import json

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("split", nargs="?", default="dev", help="dev or train")
    parser.add_argument("--errors", metavar="HALF", help="list errors on tune, check or all")
    args = parser.parse_args()
    shared = Path(os.environ.get("SITROOM_SHARED") or REPO.parent / "shared")
    if args.errors:
        print("\n".join(list_errors(shared, split=args.split, half=args.errors)))
    else:
        print(json.dumps(run(shared, split=args.split), indent=2))
