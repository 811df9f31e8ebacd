"""Numeric claims on the seed dump: the facts file's ``claims`` found in the right article.

The dump is split with ``sitroom.readers.read_path`` (the real reader); each read article is
paired with its gold article by title, else by the gold's line ranges. A fact is found when
a claim in its article has the same value (or the same low/high for a range). Also reported:
``what`` overlap (a content word of the fact's ``what`` appears in the claim's ``what``),
claimant agreement (a content word of the fact's ``source`` appears in the claimant), bound
agreement, claims from the trailing related-stories widget (must be 0) and the traps that
concern claims (a year read as a quantity; the "2%" share read as a plain count).
"""

from __future__ import annotations

import json
import math
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from sitroom.nlp.claims.extract import extract_claims
from sitroom.nlp.pipeline import load_nlp
from sitroom.records import Claim

TARGETS = {"found_share": 0.90}

_STOP = frozenset(
    [
        "the",
        "a",
        "an",
        "of",
        "in",
        "on",
        "to",
        "for",
        "by",
        "and",
        "or",
        "from",
        "at",
        "with",
        "same",
        "his",
        "her",
        "its",
        "their",
        "s",
    ]
)
_YEAR = re.compile(r"^(1[89]\d\d|20\d\d)$")


def _words(text: str | None) -> set[str]:
    return {w for w in re.findall(r"[a-z0-9]+", (text or "").lower()) if w not in _STOP}


def _split_by_lines(text: str, gold: dict) -> list[str]:
    lines = text.splitlines()
    return ["\n".join(lines[a["lines"][0] - 1 : a["lines"][1]]) for a in gold["articles"]]


def _article_texts(path: Path, gold: dict) -> tuple[list[str], list[str]]:
    """Texts per gold article (in gold order) and texts of read articles matching none."""
    by_lines = _split_by_lines(path.read_text(encoding="utf-8"), gold)
    try:
        from sitroom.readers import read_path

        articles = list(read_path(path).articles)
    except Exception:  # noqa: BLE001 - the reader is another stage; fall back to gold lines
        return by_lines, []
    titles = {(a.title or "").strip(): a for a in articles}
    texts = [
        titles[g["title"]].text if g["title"] in titles else by_lines[i]
        for i, g in enumerate(gold["articles"])
    ]
    gold_titles = {g["title"] for g in gold["articles"]}
    extra = [a.text for a in articles if (a.title or "").strip() not in gold_titles]
    return texts, extra


def _same_value(claim: Claim, fact: dict) -> bool:
    if "range" in fact:
        low, high = fact["range"]
        return (
            claim.low is not None
            and claim.high is not None
            and math.isclose(claim.low, low)
            and math.isclose(claim.high, high)
        )
    return claim.value is not None and math.isclose(claim.value, fact["value"])


def _bound_ok(claim: Claim, fact: dict) -> bool:
    if fact.get("approx"):
        return claim.bound in {"approximately", "nearly"}
    if fact.get("lower_bound"):
        return claim.bound in {"at least", "more than"}
    if fact.get("upper_bound"):
        return claim.bound in {"up to", "less than", "nearly"}
    return claim.bound in {None, "exactly"}


def run(shared: Path) -> dict[str, float | int | str]:
    samples = shared / "samples"
    gold = json.loads((samples / "seed-dump.gold.json").read_text(encoding="utf-8"))
    facts = json.loads((samples / "seed-dump.facts.json").read_text(encoding="utf-8"))
    texts, extra = _article_texts(samples / "seed-dump.txt", gold)
    nlp = load_nlp()
    claims = [extract_claims(doc, article_id=str(i + 1)) for i, doc in enumerate(nlp.pipe(texts))]
    found = what_ok = source_n = source_ok = bound_ok = 0
    for fact in facts["claims"]:
        candidates = [c for c in claims[fact["article"] - 1] if _same_value(c, fact)]
        if not candidates:
            continue
        found += 1
        best = max(candidates, key=lambda c: len(_words(c.what) & _words(fact["what"])))
        what_ok += bool(_words(best.what) & _words(fact["what"]))
        bound_ok += _bound_ok(best, fact)
        if "source" in fact:
            source_n += 1
            source_ok += bool(_words(best.claimant) & _words(fact["source"]))
    widget = [c for doc in nlp.pipe(extra) for c in extract_claims(doc, article_id="widget")]
    widget_lines = set()
    if boiler := gold.get("boilerplate"):
        lines = (samples / "seed-dump.txt").read_text(encoding="utf-8").splitlines()
        widget_lines = {
            line.strip()
            for line in lines[boiler["lines"][0] - 1 : boiler["lines"][1]]
            if line.strip()
        }
    from_widget = len(widget) + sum(
        1 for text, found_claims in zip(texts, claims, strict=True) for c in found_claims
        if text[text.rfind("\n", 0, c.start) + 1 : (text.find("\n", c.end) + 1 or len(text) + 1) - 1].strip() in widget_lines
    )  # fmt: skip
    years = sum(1 for cs in claims for c in cs if _YEAR.match(c.text.strip()))
    share_as_count = sum(
        1 for cs in claims for c in cs if c.text.strip() in {"2", "2%"} and c.unit != "percent"
    )
    n = len(facts["claims"])
    return {
        "facts": n,
        "found": found,
        "found_share": found / n,
        "what_overlap_share": what_ok / n,
        "bound_agree_share": bound_ok / n,
        "claimant_agree_share": source_ok / source_n if source_n else 0.0,
        "claims_total": sum(len(cs) for cs in claims),
        "widget_claims": from_widget,
        "traps_produced": years + share_as_count,
    }


if __name__ == "__main__":
    shared = Path(__file__).resolve().parents[2] / "shared"
    print(run(shared))
    if "--show" in sys.argv:
        gold = json.loads((shared / "samples/seed-dump.gold.json").read_text(encoding="utf-8"))
        texts, _ = _article_texts(shared / "samples/seed-dump.txt", gold)
        for i, doc in enumerate(load_nlp().pipe(texts)):
            for c in extract_claims(doc, article_id=str(i + 1)):
                print(
                    i + 1,
                    repr(c.text),
                    c.value,
                    c.low,
                    c.high,
                    c.bound,
                    c.unit,
                    repr(c.what),
                    repr(c.claimant),
                    c.hedge,
                )
