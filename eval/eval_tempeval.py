"""TempEval-3 training (TimeBank + AQUAINT): find and normalize TIMEX3 expressions.

Each ``.tml`` file's ``<TEXT>`` is stripped of tags to get the raw text and the gold
``<TIMEX3 type value>`` spans; the DCT is the ``<DCT><TIMEX3 value>``. The text runs
through the real pipeline (``load_nlp()`` + ``extract_timexes``) and is scored the
TE3 way: strict (same span) and relaxed (overlapping span) P/R/F1, value F1 (relaxed
match with the identical value) and type accuracy over relaxed matches.

Also scores MEANTIME (Wikinews, never tuned on) as ``meantime_*`` keys, a check that the
rules carry over to other news and other annotators.

Halves (eval/halves.py): each file falls in ``tune`` or ``check`` by the SHA-1 of its name;
``strict_f1_tune``, ``value_f1_check``, ... sit beside the figures over all files. Error
samples (``--errors N``) come from the tune half only; the check half is only measured.

Run alone with ``python eval/eval_tempeval.py [--errors N]`` to print error samples.
"""

from __future__ import annotations

import dataclasses
import html
import os
import re
import sys
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from halves import split_halves

# HeidelTime's value F1 on the TE3 platinum test set is 77.6 (UzZaman et al. 2013).
TARGETS = {"value_f1": 0.78, "relaxed_f1": 0.85, "strict_f1": 0.75, "type_accuracy": 0.85}

CORPUS = Path("benchmarks/tempeval3-train/data/TempEval3/Training/TBAQ-cleaned")
# Never tuned on: a second news corpus (Wikinews, other annotators) to check the rules generalize.
MEANTIME = Path(
    "benchmarks/meantime-en/data/meantime_newsreader_english_oct15/intra-doc_annotation"
)
_TAG = re.compile(r"<(/?)(\w+)([^>]*)>")
_ATTR = re.compile(r'(\w+)="([^"]*)"')
# Components extract_timexes does not read: named entities and lemmas (tense needs tags + parse).
_UNUSED_PIPES = ("ner", "lemmatizer")


@dataclass(frozen=True, slots=True)
class GoldTimex:
    start: int
    end: int
    timex_type: str
    value: str


@dataclass(frozen=True, slots=True)
class GoldDoc:
    name: str
    dct: str
    text: str
    timexes: tuple[GoldTimex, ...]
    dateline: tuple[int, int] | None = None  # the DCT written in the text: not scored
    annotated_until: int | None = None  # end of the annotated part of the text, if not all


def read_tml(path: Path) -> GoldDoc:
    """Raw text of ``<TEXT>`` (entities unescaped) with the gold TIMEX3 spans into it."""
    raw = path.read_text(encoding="utf-8")
    dct_match = re.search(r"<DCT>\s*<TIMEX3([^>]*)>", raw)
    dct = dict(_ATTR.findall(dct_match.group(1))).get("value", "") if dct_match else ""
    body = raw[raw.index("<TEXT>") + len("<TEXT>") : raw.index("</TEXT>")]
    parts: list[str] = []
    length = 0
    open_timex: tuple[int, dict[str, str]] | None = None
    gold: list[GoldTimex] = []
    pos = 0
    for m in _TAG.finditer(body):
        piece = html.unescape(body[pos : m.start()])
        parts.append(piece)
        length += len(piece)
        pos = m.end()
        if m.group(2) != "TIMEX3":
            continue
        if m.group(1) == "":
            open_timex = (length, dict(_ATTR.findall(m.group(3))))
        elif open_timex is not None:
            start, attrs = open_timex
            gold.append(GoldTimex(start, length, attrs.get("type", ""), attrs.get("value", "")))
            open_timex = None
    parts.append(html.unescape(body[pos:]))
    return GoldDoc(path.stem, dct, "".join(parts), tuple(gold))


def load_docs(shared: Path) -> list[GoldDoc]:
    return [read_tml(p) for p in sorted((shared / CORPUS).rglob("*.tml"))]


# MEANTIME annotates the title (sentence 0), the dateline and the first sentences only:
# TIMEX3 anchors never go past sentence 5.
_MEANTIME_SENTENCES = 5
_NO_SPACE_BEFORE = frozenset({",", ".", ";", ":", ")", "'s", "'", "%", "?", "!", "n't"})


def read_meantime(path: Path) -> GoldDoc:
    """A MEANTIME (Wikinews) document: tokens joined back into text, TIMEX3 by token anchors.

    The creation-time TIMEX3 (the article's dateline) is metadata, as in TE3: it is
    dropped from gold and becomes the DCT. Only the annotated sentences are scored.
    """
    raw = path.read_text(encoding="utf-8")
    offsets: dict[str, tuple[int, int]] = {}
    text = ""
    last_sentence = "0"
    annotated_until = 0
    for m in re.finditer(r'<token [^>]*sentence="(\d+)" t_id="(\d+)">([^<]*)</token>', raw):
        sentence, t_id, token = m.group(1), m.group(2), html.unescape(m.group(3))
        if text and sentence != last_sentence:
            text += "\n"
        elif text and token not in _NO_SPACE_BEFORE and not text.endswith(("(", "$")):
            text += " "
        offsets[t_id] = (len(text), len(text) + len(token))
        if int(sentence) <= _MEANTIME_SENTENCES:
            annotated_until = len(text) + len(token)
        text += token
        last_sentence = sentence
    dct, gold, dateline = "", [], None
    for m in re.finditer(r"<TIMEX3 ([^>]*)>(.*?)</TIMEX3>", raw, re.DOTALL):
        attrs = dict(_ATTR.findall(m.group(1)))
        anchors = [offsets[t] for t in re.findall(r't_id="(\d+)"', m.group(2)) if t in offsets]
        if not anchors:
            continue
        if attrs.get("functionInDocument") == "CREATION_TIME":
            dct = attrs.get("value", "")
            dateline = (min(a[0] for a in anchors), max(a[1] for a in anchors))
            continue
        start, end = min(a[0] for a in anchors), max(a[1] for a in anchors)
        gold.append(GoldTimex(start, end, attrs.get("type", ""), attrs.get("value", "")))
    return GoldDoc(
        path.stem, dct, text, tuple(sorted(gold, key=lambda g: g.start)), dateline, annotated_until
    )


def load_meantime(shared: Path) -> list[GoldDoc]:
    return [read_meantime(p) for p in sorted((shared / MEANTIME).rglob("*.xml"))]


Pred = tuple[int, int, str, str]  # start, end, TIMEX3 type, value


@dataclass(frozen=True, slots=True)
class Scored:
    strict_tp: int
    relaxed_tp: int
    value_tp: int
    type_tp: int
    n_pred: int
    n_gold: int


def _prf(tp: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def _align(gold: tuple[GoldTimex, ...], pred: list[Pred]) -> list[tuple[GoldTimex, int | None]]:
    """Pair each gold timex with the first unused overlapping prediction (TE3 relaxed match)."""
    used: set[int] = set()
    pairs: list[tuple[GoldTimex, int | None]] = []
    for g in gold:
        hit = next(
            (i for i, p in enumerate(pred) if i not in used and p[0] < g.end and g.start < p[1]),
            None,
        )
        if hit is not None:
            used.add(hit)
        pairs.append((g, hit))
    return pairs


def score_doc(gold: tuple[GoldTimex, ...], pred: list[Pred]) -> Scored:
    """Count strict, relaxed, value and type matches of one document."""
    strict = relaxed = value = typ = 0
    for g, hit in _align(gold, pred):
        if hit is None:
            continue
        p = pred[hit]
        relaxed += 1
        strict += (p[0], p[1]) == (g.start, g.end)
        value += p[3] == g.value
        typ += p[2] == g.timex_type
    return Scored(strict, relaxed, value, typ, len(pred), len(gold))


def _predict(docs: list[GoldDoc]) -> Iterator[list[Pred]]:
    from sitroom.nlp.pipeline import load_nlp
    from sitroom.nlp.timex.extract import extract_timexes

    nlp = load_nlp()
    with nlp.select_pipes(disable=[p for p in _UNUSED_PIPES if p in nlp.pipe_names]):
        for doc, gold in zip(nlp.pipe(d.text for d in docs), docs, strict=True):
            yield [
                (t.start, t.end, t.timex_type, t.value)
                for t in extract_timexes(doc, article_id=gold.name, published=gold.dct)
            ]


def _count(docs: list[GoldDoc], *, show_errors: int = 0) -> list[Counter[str]]:
    """Per document: strict, relaxed, value and type matches, predictions and gold timexes."""
    out: list[Counter[str]] = []
    samples: list[str] = []
    for gold, found in zip(docs, _predict(docs), strict=True):
        pred = found
        if gold.dateline:
            pred = [p for p in pred if p[1] <= gold.dateline[0] or p[0] >= gold.dateline[1]]
        if gold.annotated_until is not None:
            pred = [p for p in pred if p[1] <= gold.annotated_until]
        out.append(Counter(dataclasses.asdict(score_doc(gold.timexes, pred))))
        if show_errors:
            samples.extend(_explain(gold, pred))
    for line in samples[:show_errors]:
        print(line)
    return out


def _metrics(per_doc: list[Counter[str]]) -> dict[str, float | int]:
    counts: Counter[str] = sum(per_doc, Counter())
    strict_tp, relaxed_tp, value_tp, type_tp, n_pred, n_gold = (
        counts[f.name] for f in dataclasses.fields(Scored)
    )
    sp, sr, sf = _prf(strict_tp, n_pred, n_gold)
    rp, rr, rf = _prf(relaxed_tp, n_pred, n_gold)
    vp, vr, vf = _prf(value_tp, n_pred, n_gold)
    return {
        "docs": len(per_doc),
        "gold": n_gold,
        "predicted": n_pred,
        "strict_precision": round(sp, 4),
        "strict_recall": round(sr, 4),
        "strict_f1": round(sf, 4),
        "relaxed_precision": round(rp, 4),
        "relaxed_recall": round(rr, 4),
        "relaxed_f1": round(rf, 4),
        "value_precision": round(vp, 4),
        "value_recall": round(vr, 4),
        "value_f1": round(vf, 4),
        "type_accuracy": round(type_tp / relaxed_tp, 4) if relaxed_tp else 0.0,
    }


def _score(docs: list[GoldDoc], *, show_errors: int = 0) -> dict[str, float | int]:
    return _metrics(_count(docs, show_errors=show_errors))


# Headline figures also reported per tune/check half (eval/halves.py, by file name).
_HALF_KEYS = ("strict_f1", "relaxed_f1", "value_f1", "type_accuracy", "gold")


def _score_halves(docs: list[GoldDoc]) -> dict[str, float | int]:
    per_doc = _count(docs)
    metrics = _metrics(per_doc)
    for half, pairs in split_halves(
        zip(docs, per_doc, strict=True), key=lambda p: p[0].name
    ).items():
        scores = _metrics([c for _, c in pairs])
        metrics |= {f"{key}_{half}": scores[key] for key in _HALF_KEYS}
    return metrics


def run(
    shared: Path, *, show_errors: int = 0, meantime: bool = True, limit: int | None = None
) -> dict[str, float | int | str]:
    """Score TBAQ-cleaned (its first ``limit`` files in path order, if given), all and by
    tune/check half, and MEANTIME (never tuned on, so not split)."""
    docs = load_docs(shared)[:limit]
    if not docs:
        return {"error": f"no .tml files under {shared / CORPUS}"}
    metrics: dict[str, float | int | str] = dict(
        _score(docs, show_errors=show_errors) if show_errors else _score_halves(docs)
    )
    held_out = load_meantime(shared) if meantime else []
    if held_out:
        scored = _score(held_out)
        metrics.update(
            {
                f"meantime_{k}": scored[k]
                for k in ("docs", "gold", "strict_f1", "relaxed_f1", "value_f1", "type_accuracy")
            }
        )
    return metrics


def _explain(gold: GoldDoc, pred: list[Pred]) -> list[str]:
    """One line per error, with the context, for reading while tuning rules."""

    def ctx(s: int, e: int) -> str:
        text = gold.text
        return (text[max(0, s - 40) : s] + "[" + text[s:e] + "]" + text[e : e + 30]).replace(
            "\n", " "
        )

    lines: list[str] = []
    pairs = _align(gold.timexes, pred)
    for g, hit in pairs:
        if hit is None:
            lines.append(f"MISS\t{g.timex_type}\t{g.value}\t{gold.dct}\t{ctx(g.start, g.end)}")
            continue
        p = pred[hit]
        if p[3] != g.value or p[2] != g.timex_type:
            lines.append(
                f"VALUE\t{g.timex_type} {g.value}\t{p[2]} {p[3]}\t{gold.dct}\t{ctx(p[0], p[1])}"
                f"\tgold={gold.text[g.start : g.end]!r}"
            )
        elif (p[0], p[1]) != (g.start, g.end):
            lines.append(
                f"SPAN\t{g.timex_type}\t{gold.text[g.start : g.end]!r}\t{gold.text[p[0] : p[1]]!r}"
            )
    matched = {hit for _, hit in pairs if hit is not None}
    lines.extend(
        f"FP\t{p[2]}\t{p[3]}\t{gold.dct}\t{ctx(p[0], p[1])}"
        for i, p in enumerate(pred)
        if i not in matched
    )
    return lines


if __name__ == "__main__":
    shown = int(sys.argv[sys.argv.index("--errors") + 1]) if "--errors" in sys.argv else 0
    here = Path(__file__).resolve().parent
    shared_dir = Path(os.environ.get("SITROOM_SHARED") or here.parent.parent / "shared")
    if "--meantime-errors" in sys.argv:  # read errors on the held-out corpus (do not tune on it)
        _score(load_meantime(shared_dir), show_errors=10_000)
        raise SystemExit(0)
    if shown:  # errors of the tune half only (issue 11): the check half is only measured
        _score(split_halves(load_docs(shared_dir), key=lambda d: d.name)["tune"], show_errors=shown)
        raise SystemExit(0)
    for key, val in run(shared_dir).items():
        print(f"{key:<24} {val}")
