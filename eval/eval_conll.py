"""NER accuracy on CoNLL-2003 English dev (eng.testa): PER/ORG/LOC micro F1, conlleval rules.

Each sentence is given to the pipeline the way sitroom presents text: its tokens joined by
single spaces, re-tokenized by spaCy. Predicted entities are character spans, mapped back
to the CoNLL tokens they cover; a prediction counts only if its token span and type match
a gold chunk exactly (conlleval semantics; gold read from IOB1).

OntoNotes -> CoNLL mapping of the pipeline's labels:
PERSON -> PER; GPE, LOC, FAC -> LOC; ORG -> ORG; NORP, EVENT, LAW, LANGUAGE, PRODUCT,
WORK_OF_ART, WEAPON -> MISC; DATE, TIME, CARDINAL, ORDINAL, MONEY, QUANTITY, PERCENT dropped.

Three pipelines are measured side by side: the bare small model, model + gazetteer, and
the full sitroom pipeline (model + gazetteer + CoNLL-trained recognizer, merged); the
headline metrics (``per_f1`` ... ``overall_plo_f1``) are the full pipeline's, each also for
the ``tune`` and ``check`` halves (``eval/halves.py``; a document is a ``-DOCSTART-`` group,
id ``eng.testa:<n>`` numbered from 1): rules are tuned on one half, only checked on the
other (issue 11).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from halves import HALVES, split_halves

from sitroom.nlp.entities.conll import DOCSTART, ConllSentence, read_conll

TARGETS = {"overall_plo_f1": 0.88}

ONTONOTES_TO_CONLL = {
    "PERSON": "PER",
    "GPE": "LOC",
    "LOC": "LOC",
    "FAC": "LOC",
    "ORG": "ORG",
    **dict.fromkeys(
        ("NORP", "EVENT", "LAW", "LANGUAGE", "PRODUCT", "WORK_OF_ART", "WEAPON"), "MISC"
    ),
}
PLO = ("PER", "LOC", "ORG")
BATCH_SIZE = 256


def _to_tokens(
    sentence: ConllSentence, spans: Iterable[tuple[int, int, str]]
) -> set[tuple[int, int, str]]:
    """Map character spans (start, end, CoNLL type) to CoNLL token spans they cover."""
    offsets = sentence.offsets
    chunks = set()
    for start, end, label in spans:
        covered = [i for i, (s, e) in enumerate(offsets) if s < end and start < e]
        if covered:
            chunks.add((covered[0], covered[-1] + 1, label))
    return chunks


def _score(
    gold: list[set[tuple[int, int, str]]], pred: list[set[tuple[int, int, str]]]
) -> dict[str, float]:
    tp, n_gold, n_pred = Counter(), Counter(), Counter()
    for g, p in zip(gold, pred, strict=True):
        for chunk in g:
            n_gold[chunk[2]] += 1
        for chunk in p:
            n_pred[chunk[2]] += 1
            tp[chunk[2]] += chunk in g

    def f1(types: tuple[str, ...]) -> tuple[float, float, float]:
        t = sum(tp[x] for x in types)
        p = t / max(1, sum(n_pred[x] for x in types))
        r = t / max(1, sum(n_gold[x] for x in types))
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)

    out: dict[str, float] = {}
    for label in (*PLO, "MISC"):
        out[f"{label.lower()}_f1"] = round(f1((label,))[2], 4)
    p, r, f = f1(PLO)
    out.update(overall_plo_p=round(p, 4), overall_plo_r=round(r, 4), overall_plo_f1=round(f, 4))
    out["overall_all_f1"] = round(f1((*PLO, "MISC"))[2], 4)
    return out


def document_ids(path: Path) -> list[str]:
    """The document id of each sentence :func:`read_conll` reads from ``path``, in order."""
    ids: list[str] = []
    number, in_sentence = 0, False
    for line in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        cols = line.split()
        if cols and cols[0] != DOCSTART:
            in_sentence = True
            continue
        if in_sentence:
            ids.append(f"{path.name}:{number}")
        in_sentence = False
        number += bool(cols)  # a -DOCSTART- line opens the next document
    return ids


def _score_halves(
    doc_ids: list[str], gold: list[set[tuple[int, int, str]]], pred: list[set[tuple[int, int, str]]]
) -> dict[str, float]:
    """:func:`_score` over everything, then over each half with ``_tune``/``_check`` keys."""
    out = _score(gold, pred)
    halves = split_halves(range(len(gold)), key=doc_ids.__getitem__)
    for half in HALVES:
        rows = halves[half]
        scores = _score([gold[i] for i in rows], [pred[i] for i in rows])
        out.update({f"{key}_{half}": value for key, value in scores.items()})
        out[f"sentences_{half}"] = len(rows)
    return out


def _predict(
    nlp, sentences: list[ConllSentence], *, key: str | None = None
) -> list[set[tuple[int, int, str]]]:  # type: ignore[no-untyped-def]
    preds = []
    for sentence, doc in zip(
        sentences, nlp.pipe((s.text for s in sentences), batch_size=BATCH_SIZE), strict=True
    ):
        if key is None:
            spans = [(e.start_char, e.end_char, ONTONOTES_TO_CONLL.get(e.label_)) for e in doc.ents]
        else:
            spans = [(e.start_char, e.end_char, e.label_) for e in doc.spans.get(key, [])]
        preds.append(_to_tokens(sentence, [s for s in spans if s[2]]))
    return preds


def run(
    shared: Path, *, limit: int | None = None, baselines: bool = True
) -> dict[str, float | int | str]:
    """Score eng.testa (its first ``limit`` sentences if given); ``baselines=False`` skips the
    three comparison pipelines and reports the full pipeline's figures only."""
    import spacy

    from sitroom.nlp.model import MODEL
    from sitroom.nlp.pipeline import build_nlp, load_nlp

    path = shared / "benchmarks" / "conll2003" / "eng.testa"
    sentences = read_conll(path)[:limit]
    doc_ids = document_ids(path)[: len(sentences)]
    gold = [set(s.chunks) for s in sentences]
    metrics: dict[str, float | int | str] = {
        "sentences": len(sentences),
        "gold_entities": sum(map(len, gold)),
    }
    if not baselines:  # the shared pipeline is the full one once the CoNLL weights are trained
        metrics.update(_score_halves(doc_ids, gold, _predict(load_nlp(), sentences)))
        return metrics
    full_nlp = build_nlp(conll=True)
    full = _score_halves(doc_ids, gold, _predict(full_nlp, sentences))
    conll_only = _score(gold, _predict(full_nlp, sentences, key="conll"))
    bare = _score(gold, _predict(spacy.load(MODEL), sentences))
    gazetteer = _score(gold, _predict(build_nlp(conll=False), sentences))
    metrics.update(full)
    metrics.update(
        bare_model_plo_f1=bare["overall_plo_f1"],
        bare_model_misc_f1=bare["misc_f1"],
        model_gazetteer_plo_f1=gazetteer["overall_plo_f1"],
        conll_component_only_plo_f1=conll_only["overall_plo_f1"],
    )
    return metrics


if __name__ == "__main__":
    import json
    import sys

    shared_dir = (
        Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parents[2] / "shared"
    )
    print(json.dumps(run(shared_dir), indent=2))
