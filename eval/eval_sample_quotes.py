"""Quotes on the seed dump: the facts file's ``quotes`` found with the right speaker.

The dump is split with ``sitroom.readers.read_path`` (the real reader); each read article is
paired with its gold article by title, else by the gold's line ranges. Speakers get their
canonical names from ``sitroom.nlp.entities.extract.extract_entities`` (surname -> full name), as in
the real extraction driver. A fact is found when a quote in its article starts with the
fact's ``starts`` (quote marks aside); its speaker is right when the canonical name, or
one of the entity's aliases ("Volodymyr Zelensky" = "Volodymyr Zelenskyy"), equals the
fact's speaker or one of its ``speaker_alt`` (a leading "the" aside), or, for an unnamed fact, when the quote is
unnamed with the same description. Traps: unnamed speakers ("one analyst", "a local
resident", "analysts") given a name, and quotes read from the related-stories widget.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from sitroom.nlp.pipeline import load_nlp
from sitroom.nlp.quotes.extract import extract_quotes
from sitroom.records import Quote

TARGETS = {"found_right_speaker_share": 0.95}

_MARKS = " \t\n“”\"‘’'"
# The facts file's unnamed-speaker trap: these descriptions must never get a name.
_UNNAMED_HEADS = ("analyst", "resident")


def _split_by_lines(text: str, gold: dict) -> list[str]:
    lines = text.splitlines()
    return ["\n".join(lines[a["lines"][0] - 1 : a["lines"][1]]) for a in gold["articles"]]


def _article_texts(path: Path, gold: dict) -> tuple[list[str], list[str], str]:
    """Texts per gold article (in gold order), texts of read articles matching none, splitter."""
    by_lines = _split_by_lines(path.read_text(encoding="utf-8"), gold)
    try:
        from sitroom.readers import read_path

        articles = list(read_path(path).articles)
    except Exception:  # noqa: BLE001 - the reader is another stage; fall back to gold lines
        return by_lines, [], "gold lines"
    titles = {(a.title or "").strip(): a for a in articles}
    texts = [
        titles[g["title"]].text if g["title"] in titles else by_lines[i]
        for i, g in enumerate(gold["articles"])
    ]
    gold_titles = {g["title"] for g in gold["articles"]}
    extra = [a.text for a in articles if (a.title or "").strip() not in gold_titles]
    return texts, extra, "read_path"


def _quotes(nlp, texts: list[str], prefix: str) -> list[tuple[list[Quote], dict[str, set[str]]]]:  # type: ignore[no-untyped-def]
    """Quotes per article, with each canonical name's aliases (from the entity extractor)."""
    try:
        from sitroom.nlp.entities.extract import extract_entities
    except ImportError:  # the entity extractor is another stage
        extract_entities = None
    out = []
    for i, doc in enumerate(nlp.pipe(texts)):
        article_id = f"{prefix}{i + 1}"
        found = extract_entities(doc, article_id=article_id) if extract_entities else None
        mentions = found.mentions if found else ()
        aliases = {e.name: {e.name, *e.aliases} for e in found.entities} if found else {}
        quotes = extract_quotes(doc, article_id=article_id, mentions=mentions)
        if any(doc.text[q.start : q.end] != q.text for q in quotes):
            raise AssertionError(f"article {article_id}: a quote's text is not its span")
        out.append((quotes, aliases))
    return out


def _starts(quote: Quote, starts: str) -> bool:
    return quote.text.lstrip(_MARKS).startswith(starts.strip(_MARKS))


def _bare(name: str) -> str:
    return name.lower().removeprefix("the ").strip()


def _speaker_ok(quote: Quote, fact: dict, aliases: dict[str, set[str]]) -> bool:
    """Right speaker: the canonical name or one of its aliases is the fact's (or an alt)."""
    if fact["speaker"] is None:
        wanted = (fact.get("speaker_text") or "").lower()
        return quote.speaker is None and (quote.speaker_text or "").lower() == wanted
    wanted_names = {_bare(n) for n in (fact["speaker"], *fact.get("speaker_alt", []))}
    said = aliases.get(quote.speaker or "", set()) | {quote.speaker or ""}
    return bool({_bare(n) for n in said} & wanted_names)


def run(shared: Path) -> dict[str, float | int | str]:
    samples = shared / "samples"
    gold = json.loads((samples / "seed-dump.gold.json").read_text(encoding="utf-8"))
    facts = json.loads((samples / "seed-dump.facts.json").read_text(encoding="utf-8"))
    texts, extra, splitter = _article_texts(samples / "seed-dump.txt", gold)
    nlp = load_nlp()
    per_article = _quotes(nlp, texts, "a")
    found = right = 0
    for fact in facts["quotes"]:
        quotes, aliases = per_article[fact["article"] - 1]
        candidates = [q for q in quotes if _starts(q, fact["starts"])]
        found += bool(candidates)
        right += any(_speaker_ok(q, fact, aliases) for q in candidates)
    all_quotes = [q for qs, _ in per_article for q in qs]
    named_unnamed = sum(
        1
        for q in all_quotes
        if q.speaker is not None
        and q.speaker_text
        and any(head in q.speaker_text.lower() for head in _UNNAMED_HEADS)
    )
    widget_quotes = sum(len(qs) for qs, _ in _quotes(nlp, extra, "w")) if extra else 0
    n = len(facts["quotes"])
    return {
        "splitter": splitter,
        "facts": n,
        "found": found,
        "found_share": found / n,
        "found_right_speaker": right,
        "found_right_speaker_share": right / n,
        "quotes_total": len(all_quotes),
        "trap_unnamed_given_name": named_unnamed,
        "trap_widget_quotes": widget_quotes,
    }


if __name__ == "__main__":
    print(json.dumps(run(Path(__file__).resolve().parents[2] / "shared"), indent=2))
