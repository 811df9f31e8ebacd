"""Train the speaker ranker shipped as ``sitroom/data/quotes/speaker_ranker.json``.

Run ``make train-speakers`` (``python eval/train_speakers.py``). It reads PolNeAR's train
split (``../shared/benchmarks/polnear/train``, or under ``$SITROOM_SHARED``), never dev or
test, parses each article with the shared pipeline, runs the quote rules without the
ranker, and for every quotation that matches a direct gold attribution with a Source
(the benchmark's test, ``eval_polnear``), labels each candidate speaker right or wrong
by the benchmark's speaker test: its span overlaps the Source, or its name shares a
content word with it.

Only quotations the rules leave without a speaker are examples: that is where the
ranker is used, and those are harder than the rest (on the train split a model fitted
on every quotation chose right for about half of them even in sample; one fitted on
these alone, for about seven in ten out of sample). The model is a logistic regression
over the candidates' binary features, fitted by full-batch AdaGrad with L2
(deterministic: fixed order, no randomness). The threshold is the lowest score at and
above which the first choices are right at least ``--precision`` of the time out of
sample (five folds): an unknown speaker beats a wrong one.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from eval_polnear import Gold, Predicted, _matches, load_split, speaker_ok
from spacy.tokens import Doc

from sitroom.nlp.pipeline import load_nlp
from sitroom.nlp.quotes.extract import extract_quotes, quoted_ranges
from sitroom.nlp.quotes.ranker import WEIGHTS, Candidate, unattributed
from sitroom.nlp.quotes.speakers import NameIndex

REPO = Path(__file__).resolve().parents[1]
# $SITROOM_SHARED overrides ../shared, for checkouts (git worktrees) with none beside them.
SHARED = Path(os.environ.get("SITROOM_SHARED") or REPO.parent / "shared")
# Out-of-sample scores for the threshold: five folds, each scored by a model fitted on
# the other four; a threshold must give at least 20 quotations a speaker to be measured.
FOLDS = 5
MIN_MEASURED = 20


@dataclass(frozen=True, slots=True)
class Example:
    """The candidates of one quotation the rules left without a speaker, with which
    are right."""

    candidates: tuple[Candidate, ...]
    right: tuple[bool, ...]


def labelled(doc: Doc, golds: Sequence[Gold], *, article_id: str) -> list[Example]:
    """The ranker's training examples from one parsed article and its gold."""
    quotes = extract_quotes(doc, article_id=article_id, rank=False)
    names = NameIndex(doc, ())
    quoted = quoted_ranges(doc)
    out = []
    for i, cands in unattributed(doc, quotes, names=names, quoted=quoted):
        quote = quotes[i]
        predicted = Predicted(((quote.start, quote.end),), quote)
        gold = next((g for g in golds if g.is_direct and g.source and _matches(g, predicted)), None)
        if gold is None:
            continue
        right = tuple(
            speaker_ok(
                gold,
                replace(
                    quote,
                    speaker=c.speaker.name,
                    speaker_text=c.speaker.text,
                    speaker_start=c.speaker.start,
                    speaker_end=c.speaker.end,
                ),
            )
            for c in cands
        )
        if cands:
            out.append(Example(tuple(cands), right))
    return out


def fit(
    examples: Sequence[Example], *, epochs: int = 100, rate: float = 0.3, l2: float = 1e-3
) -> dict[str, float]:
    """Logistic regression over every candidate, by full-batch gradient descent."""
    rows = [
        (c.features, y) for ex in examples for c, y in zip(ex.candidates, ex.right, strict=True)
    ]
    weights: dict[str, float] = {f: 0.0 for feats, _ in rows for f in feats}
    squares = dict.fromkeys(weights, 1e-8)
    for _ in range(epochs):  # AdaGrad steps on the full batch: rare features move too
        grad = {f: l2 * w for f, w in weights.items()}
        for feats, y in rows:
            z = sum(weights[f] for f in feats)
            p = 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))
            for f in feats:
                grad[f] += (p - y) / len(rows)
        for f, g in grad.items():
            squares[f] += g * g
            weights[f] -= rate * g / math.sqrt(squares[f])
    return {f: round(w, 4) for f, w in sorted(weights.items()) if abs(w) >= 1e-4}


def _score(weights: dict[str, float], cand: Candidate) -> float:
    z = sum(weights.get(f, 0.0) for f in cand.features)
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def _first_choices(
    weights: dict[str, float], examples: Iterable[Example]
) -> list[tuple[float, bool]]:
    """The score of each quotation's best candidate, and whether it is right."""
    tops = []
    for ex in examples:
        scores = [_score(weights, c) for c in ex.candidates]
        k = max(range(len(scores)), key=scores.__getitem__)
        tops.append((scores[k], ex.right[k]))
    return tops


def pick_threshold(
    examples: Sequence[Example], *, precision: float
) -> tuple[float, list[tuple[float, float, int]]]:
    """The lowest threshold at and above which the ranker's first choices are right at
    least ``precision`` of the time, measured out of sample (each fifth of the examples
    scored by a model fitted on the rest); with the table it chose from (threshold, share
    right, how many quotations get a speaker). A threshold that gives fewer than
    ``MIN_MEASURED`` quotations a speaker is too thin to measure and does not count."""
    folds = [examples[k::FOLDS] for k in range(FOLDS)]
    tops = [
        top
        for k in range(FOLDS)
        for top in _first_choices(
            fit([ex for j, fold in enumerate(folds) if j != k for ex in fold]), folds[k]
        )
    ]
    table = []
    chosen = 1.0
    short = False
    for step in range(95, 4, -5):  # from the top down, until the share first falls short
        threshold = step / 100
        kept = [ok for s, ok in tops if s >= threshold]
        share = sum(kept) / len(kept) if kept else 1.0
        table.append((threshold, share, len(kept)))
        short = short or (len(kept) >= MIN_MEASURED and share < precision)
        if not short:
            chosen = threshold
    return chosen, table


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=WEIGHTS)
    parser.add_argument("--precision", type=float, default=0.78)
    args = parser.parse_args(argv)
    articles = load_split(SHARED / "benchmarks" / "polnear" / "train")
    nlp = load_nlp()
    examples: list[Example] = []
    docs = nlp.pipe(((text, name) for name, text, _ in articles), as_tuples=True, batch_size=8)
    for (doc, name), (_, _, golds) in zip(docs, articles, strict=True):
        examples.extend(labelled(doc, golds, article_id=name))
    weights = fit(examples)
    threshold, table = pick_threshold(examples, precision=args.precision)
    for at, share, kept in table:
        print(f"threshold {at:.2f}: right {share:.3f} of {kept}")
    data = {
        "trained_on": f"PolNeAR train ({len(articles)} articles)",
        "examples": len(examples),
        "threshold": threshold,
        "weights": weights,
    }
    args.out.write_text(json.dumps(data, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(f"wrote {args.out}: {len(weights)} weights, threshold {threshold}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
