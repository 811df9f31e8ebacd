"""Geoparsing end to end on LGL, GeoVirus and TR-News: raw text -> load_nlp() -> extract_places.

Scoring follows ../shared/benchmarks/README.md and Gritta et al. (2018), "What's missing in
geographical parsing?": toponym detection P/R/F1 with span overlap; accuracy within 161 km
over the gold toponyms that have coordinates (a missed toponym counts as wrong, at the
maximum error); AUC of the log-scaled error curve (lower is better, 0 = every toponym exact).
Every article of every corpus is used (no sampling). Each metric is also reported for the
``tune`` and ``check`` halves of every corpus (``eval/halves.py``, by article id: the
``docid`` attribute, GeoVirus's source URL): rules are tuned on one half, only checked on
the other (issue 11).
"""

from __future__ import annotations

import itertools
import math
import sys
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

from halves import HALVES, split_halves

TARGETS = {"acc161_macro": 0.80}

# Gritta et al.: half the Earth's circumference bounds every error; 161 km = 100 miles.
MAX_ERROR_KM = 20039.0
ACC_KM = 161.0
CORPORA = {"lgl": "lgl.xml", "geovirus": "GeoVirus.xml", "trnews": "TR-News.xml"}


@dataclass(frozen=True, slots=True)
class Gold:
    start: int
    end: int
    lat: float | None
    lon: float | None


@dataclass(frozen=True, slots=True)
class Article:
    """One article of a corpus: its id (for the halves), text and gold toponyms."""

    doc_id: str
    text: str
    golds: list[Gold]


@dataclass(frozen=True, slots=True)
class _Counts:
    """One article's detection counts and resolution errors (km), summed per half."""

    tp_pred: int
    n_pred: int
    tp_gold: int
    n_gold: int
    errors: list[float]


def _float(node: ET.Element | None) -> float | None:
    if node is None or not (node.text or "").strip():
        return None
    return float(node.text)  # type: ignore[arg-type]


def read_corpus(path: Path) -> list[Article]:
    """Articles with their gold toponyms; handles both the LGL/TR-News and the GeoVirus layout."""
    root = ET.parse(path).getroot()
    out = []
    for number, art in enumerate(root.iter("article")):
        doc_id = art.get("docid") or (art.findtext("source") or "").strip() or str(number)
        text = art.findtext("text") or ""
        golds = []
        for t in list(art.iter("toponym")) + list(art.iter("location")):
            start, end = t.findtext("start"), t.findtext("end")
            if start is None or end is None:
                continue
            golds.append(
                Gold(int(start), int(end), _float(t.find(".//lat")), _float(t.find(".//lon")))
            )
        out.append(Article(doc_id, text, golds))
    return out


def auc(errors: list[float]) -> float:
    """Area under the sorted log-error curve, scaled to 0..1 (Gritta et al. 2018)."""
    if len(errors) < 2:
        return 0.0
    scaled = sorted(math.log(e + 1) / math.log(MAX_ERROR_KM) for e in errors)
    area = sum((a + b) / 2 for a, b in itertools.pairwise(scaled))
    return area / (len(scaled) - 1)


def _count(places: list, golds: list[Gold]) -> _Counts:  # type: ignore[type-arg]
    from sitroom.nlp.places.gazetteer import haversine_km

    errors: list[float] = []
    tp_gold = 0
    for g in golds:
        hit = next((p for p in places if p.start < g.end and g.start < p.end), None)
        tp_gold += hit is not None
        if g.lat is None or g.lon is None:
            continue
        if hit is None or hit.lat is None or hit.lon is None:
            errors.append(MAX_ERROR_KM)
        else:
            errors.append(haversine_km(hit.lat, hit.lon, g.lat, g.lon))
    return _Counts(
        tp_pred=sum(any(p.start < g.end and g.start < p.end for g in golds) for p in places),
        n_pred=len(places),
        tp_gold=tp_gold,
        n_gold=len(golds),
        errors=errors,
    )


def _metrics(counts: list[_Counts]) -> dict[str, float]:
    tp_pred, n_pred = sum(c.tp_pred for c in counts), sum(c.n_pred for c in counts)
    tp_gold, n_gold = sum(c.tp_gold for c in counts), sum(c.n_gold for c in counts)
    errors = [e for c in counts for e in c.errors]
    p = tp_pred / n_pred if n_pred else 0.0
    r = tp_gold / n_gold if n_gold else 0.0
    return {
        "precision": p,
        "recall": r,
        "f1": 2 * p * r / (p + r) if p + r else 0.0,
        "acc161": sum(e <= ACC_KM for e in errors) / len(errors) if errors else 0.0,
        "auc": auc(errors),
        "toponyms": float(len(errors)),
    }


def predict_corpus(nlp: object, articles: list[Article]) -> list[list]:  # type: ignore[type-arg]
    """Each article's predicted places, end to end."""
    from sitroom.nlp.places.extract import extract_places

    docs = nlp.pipe((a.text for a in articles), batch_size=32)  # type: ignore[attr-defined]
    return [extract_places(doc, article_id=a.doc_id) for a, doc in zip(articles, docs, strict=True)]


def score_corpus(nlp: object, articles: list[Article]) -> dict[str, dict[str, float]]:
    """Metrics over all articles (``""``) and over each half (``"tune"``, ``"check"``)."""
    counts = [
        (a, _count(places, a.golds))
        for a, places in zip(articles, predict_corpus(nlp, articles), strict=True)
    ]
    halves = split_halves(counts, key=lambda item: item[0].doc_id)
    out = {"": _metrics([c for _, c in counts])}
    out.update({half: _metrics([c for _, c in halves[half]]) for half in HALVES})
    return out


def first_toponyms(articles: list[Article], count: int) -> list[Article]:
    """The leading articles that together hold at least ``count`` gold toponyms."""
    taken: list[Article] = []
    for article in articles:
        if sum(len(a.golds) for a in taken) >= count:
            break
        taken.append(article)
    return taken


def run(
    shared: Path, *, corpora: tuple[str, ...] = tuple(CORPORA), toponyms: int | None = None
) -> dict[str, float | int | str]:
    """Score each of ``corpora``; with ``toponyms``, only each corpus's leading articles that
    hold that many gold toponyms (a fixed slice, for the gate)."""
    from sitroom.nlp.pipeline import load_nlp

    nlp = load_nlp()
    folder = shared / "benchmarks" / "geoparsing"
    metrics: dict[str, float | int | str] = {}
    for name in corpora:
        articles = read_corpus(folder / CORPORA[name])
        if toponyms is not None:
            articles = first_toponyms(articles, toponyms)
        for half, scores in score_corpus(nlp, articles).items():
            suffix = f"_{half}" if half else ""
            for key, value in scores.items():
                metrics[f"{name}_{key}{suffix}"] = (
                    round(value, 4) if key != "toponyms" else int(value)
                )
    for suffix in ("", *(f"_{half}" for half in HALVES)):
        for key in ("precision", "recall", "f1", "acc161", "auc"):
            metrics[f"{key}_macro{suffix}"] = round(
                sum(float(metrics[f"{n}_{key}{suffix}"]) for n in corpora) / len(corpora), 4
            )
    return metrics


if __name__ == "__main__":
    shared_dir = Path(__file__).resolve().parents[2] / "shared"
    for k, v in run(shared_dir).items():
        print(f"{k:<24} {v}")
    sys.exit(0)
