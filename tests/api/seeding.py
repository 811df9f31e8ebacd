"""A small hand-written corpus with hand-made records, stored through the store API.

Why not only the NLP pipeline: API, page and report tests need known records (a claim
that rises over time, a same-day contradiction, events with coordinates, a hostile
article) whatever the extractors find; every span here is located by searching the
text, so ``article.text[start:end] == record.text`` holds by construction.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sitroom.records import (
    Article,
    Block,
    Claim,
    Event,
    Extraction,
    Mention,
    Place,
    Quote,
    Timex,
    article_id_for,
)
from sitroom.store import Store, open_store

PIPELINE = "test-seed-1"

HOSTILE_TITLE = (
    '<script>window.__pwned=1</script><img src=x onerror="window.__pwned=2">Hostile "title\''
)
HOSTILE_TEXT = (
    'Officials said "<img src=x onerror=alert(1)>" was found in the report.\n\n'
    'A link <a href="javascript:alert(2)">click</a> and "\'><svg onload=alert(3)>" were posted '
    "by the Example Brigade near Testville."
)


@dataclass
class Doc:
    title: str
    paragraphs: list[str]
    outlet: str
    published: str
    url: str | None = None
    records: list[dict[str, Any]] = field(default_factory=list)


def _article(doc: Doc) -> Article:
    text = "\n\n".join(doc.paragraphs)
    blocks, pos = [], 0
    for para in doc.paragraphs:
        blocks.append(Block(kind="paragraph", text=para, start=pos, end=pos + len(para)))
        pos += len(para) + 2
    return Article(
        id=article_id_for(doc.title, text),
        title=doc.title,
        text=text,
        blocks=tuple(blocks),
        outlet=doc.outlet,
        published=doc.published,
        url=doc.url,
    )


def _span(text: str, needle: str) -> tuple[int, int]:
    start = text.index(needle)
    return start, start + len(needle)


def corpus() -> list[Doc]:
    """Four invented reports and one hostile article."""
    return [
        Doc(
            title="Drone barrage hits Kharkiv power station",
            outlet="Northern Ledger",
            published="2025-02-01",
            url="https://example.org/kharkiv-drones",
            paragraphs=[
                "Russian forces launched a drone barrage on a Kharkiv power station overnight, regional officials said.",
                'Governor Oleh Synyehubov said: "Two substations are damaged and crews are working in the cold."',
                "Ukraine's air force said it shot down 40 drones over the Kharkiv region.",
                "Analysts estimated that 3,000 North Korean troops were stationed near Kursk.",
            ],
            records=[
                {"kind": "mention", "span": "Kharkiv", "label": "GPE", "entity": "Kharkiv"},
                {
                    "kind": "mention",
                    "span": "Oleh Synyehubov",
                    "label": "PERSON",
                    "entity": "Oleh Synyehubov",
                    "role": "Governor",
                },
                {
                    "kind": "quote",
                    "span": '"Two substations are damaged and crews are working in the cold."',
                    "kind_": None,
                },
                {
                    "kind": "claim",
                    "span": "40 drones",
                    "value": 40.0,
                    "what": "drones shot down",
                    "claimant": "Ukraine's air force",
                },
                {
                    "kind": "claim",
                    "span": "3,000 North Korean troops",
                    "value": 3000.0,
                    "what": "North Korean troops",
                    "hedge": "estimated",
                },
                {
                    "kind": "place",
                    "span": "Kharkiv",
                    "name": "Kharkiv",
                    "kind_": "city",
                    "country": "UA",
                    "admin1": "Kharkiv Oblast",
                    "lat": 49.99,
                    "lon": 36.23,
                },
                {
                    "kind": "timex",
                    "span": "overnight",
                    "timex_type": "TIME",
                    "value": "2025-02-01TNI",
                },
                {
                    "kind": "event",
                    "span": "Russian forces launched a drone barrage on a Kharkiv power station overnight",
                    "event_type": "strike",
                    "plover": "ATTACK",
                    "actor": "Russia",
                    "target": "Kharkiv power station",
                    "place": "Kharkiv",
                    "date": "2025-02-01",
                    "weapons": ("Shahed",),
                },
                {
                    "kind": "event",
                    "span": "Ukraine's air force said it shot down 40 drones",
                    "event_type": "interception",
                    "plover": "ATTACK",
                    "actor": "Ukraine",
                    "target": "Russia",
                    "place": "Kharkiv",
                    "date": "2025-02-01",
                    "quantities": {"drones": 40.0},
                },
                {
                    # Below the confidence bar: kept and listed, never shown as fact (the
                    # graph draws it only when asked, dashed).
                    "kind": "event",
                    "span": "3,000 North Korean troops were stationed near Kursk",
                    "event_type": "deployment",
                    "plover": "MOBILIZE",
                    "actor": "North Korea",
                    "target": "Russia",
                    "date": "2025-02-01",
                    "confidence": 0.45,
                },
            ],
        ),
        Doc(
            title="Odesa port struck as grain talks stall",
            outlet="Black Sea Courier",
            published="2025-02-10",
            paragraphs=[
                "A missile struck the Odesa port on Monday, damaging grain silos, the navy said.",
                'Navy spokesman Dmytro Pletenchuk told reporters: "The port keeps working despite the strike."',
                "Officials now say 10,000 North Korean troops are deployed in the Kursk region.",
            ],
            records=[
                {"kind": "mention", "span": "Odesa", "label": "GPE", "entity": "Odesa"},
                {
                    "kind": "mention",
                    "span": "Dmytro Pletenchuk",
                    "label": "PERSON",
                    "entity": "Dmytro Pletenchuk",
                    "role": "Navy spokesman",
                },
                {
                    "kind": "quote",
                    "span": '"The port keeps working despite the strike."',
                    "kind_": None,
                    "speaker": "Dmytro Pletenchuk",
                    "speaker_span": "Dmytro Pletenchuk",
                    "speaker_kind": "person",
                    "cue": "told",
                },
                {
                    "kind": "claim",
                    "span": "10,000 North Korean troops",
                    "value": 10000.0,
                    "what": "North Korean troops",
                    "claimant": "Officials",
                },
                {
                    "kind": "place",
                    "span": "Odesa",
                    "name": "Odesa",
                    "kind_": "city",
                    "country": "UA",
                    "admin1": "Odesa Oblast",
                    "lat": 46.48,
                    "lon": 30.72,
                },
                {
                    "kind": "event",
                    "span": "A missile struck the Odesa port on Monday",
                    "event_type": "strike",
                    "plover": "ATTACK",
                    "actor": "Russia",
                    "target": "Ukraine",
                    "place": "Odesa",
                    "date": "2025-02-10",
                },
            ],
        ),
        Doc(
            title="Kharkiv strike confirmed by second outlet",
            outlet="Eastern Dispatch",
            published="2025-02-02",
            paragraphs=[
                "The overnight attack on Kharkiv left thousands without heat, city officials confirmed.",
                "Some estimates put the number of North Korean troops at up to 12,000 soldiers, while others say 8,000-9,000 soldiers.",
                'Governor Oleh Synyehubov warned: "More attacks are likely this week."',
            ],
            records=[
                {
                    "kind": "mention",
                    "span": "Oleh Synyehubov",
                    "label": "PERSON",
                    "entity": "Oleh Synyehubov",
                    "role": "Governor",
                },
                {
                    "kind": "quote",
                    "span": '"More attacks are likely this week."',
                    "kind_": None,
                    "speaker": "Oleh Synyehubov",
                    "speaker_span": "Oleh Synyehubov",
                    "speaker_kind": "person",
                    "cue": "warned",
                },
                {
                    "kind": "claim",
                    "span": "up to 12,000 soldiers",
                    "value": 12000.0,
                    "bound": "up to",
                    "what": "North Korean troops",
                },
                {
                    "kind": "claim",
                    "span": "8,000-9,000 soldiers",
                    "low": 8000.0,
                    "high": 9000.0,
                    "what": "North Korean troops",
                },
                {
                    "kind": "place",
                    "span": "Kharkiv",
                    "name": "Kharkiv",
                    "kind_": "city",
                    "country": "UA",
                    "admin1": "Kharkiv Oblast",
                    "lat": 49.99,
                    "lon": 36.23,
                },
                {
                    "kind": "event",
                    "span": "The overnight attack on Kharkiv left thousands without heat",
                    "event_type": "strike",
                    "plover": "ATTACK",
                    "actor": "Russia",
                    "target": "Kharkiv",
                    "place": "Kharkiv",
                    "date": "2025-02-01",
                },
            ],
        ),
        Doc(
            title="Aid package for air defence announced",
            outlet="Capital Observer",
            published="2025-02-05",
            paragraphs=[
                "Germany announced an aid package worth $500 million for Ukrainian air defence on Wednesday.",
                'Chancellor Olaf Scholz said: "We will stand with Ukraine for as long as it takes."',
            ],
            records=[
                {"kind": "mention", "span": "Germany", "label": "GPE", "entity": "Germany"},
                {
                    "kind": "mention",
                    "span": "Olaf Scholz",
                    "label": "PERSON",
                    "entity": "Olaf Scholz",
                    "role": "Chancellor",
                },
                {
                    "kind": "quote",
                    "span": '"We will stand with Ukraine for as long as it takes."',
                    "kind_": None,
                    "speaker": "Olaf Scholz",
                    "speaker_span": "Olaf Scholz",
                    "speaker_kind": "person",
                    "cue": "said",
                },
                {
                    "kind": "claim",
                    "span": "$500 million",
                    "value": 500_000_000.0,
                    "unit": "USD",
                    "what": "aid package",
                },
                {
                    "kind": "place",
                    "span": "Germany",
                    "name": "Germany",
                    "kind_": "country",
                    "country": "DE",
                    "lat": 51.0,
                    "lon": 10.0,
                },
                {
                    "kind": "event",
                    "span": "Germany announced an aid package worth $500 million",
                    "event_type": "aid",
                    "plover": "AID",
                    "actor": "Germany",
                    "target": "Ukraine",
                    "place": "Germany",
                    "date": "2025-02-05",
                },
            ],
        ),
        Doc(
            title=HOSTILE_TITLE,
            outlet='<b onmouseover="alert(4)">Evil Outlet</b>',
            published="2025-02-07",
            url="javascript:alert(5)",
            paragraphs=HOSTILE_TEXT.split("\n\n"),
            records=[
                {
                    "kind": "quote",
                    "span": '"<img src=x onerror=alert(1)>"',
                    "kind_": None,
                    "speaker": '"><script>alert(6)</script>',
                    "speaker_kind": "person",
                },
                {
                    "kind": "mention",
                    "span": "Example Brigade",
                    "label": "ORG",
                    "entity": '<img src=x onerror="window.__pwned=3">',
                },
                {
                    "kind": "event",
                    "span": 'A link <a href="javascript:alert(2)">click</a>',
                    "event_type": "threat",
                    "plover": "THREATEN",
                    "actor": '<img src=x onerror="window.__pwned=4">',
                    "target": "Ukraine",
                    "place": "Testville",
                    "date": "2025-02-07",
                },
                {
                    "kind": "place",
                    "span": "Testville",
                    "name": "Testville",
                    "kind_": "city",
                    "country": "UA",
                    "lat": 48.5,
                    "lon": 35.0,
                },
            ],
        ),
    ]


def seed(db: Store) -> dict[str, Article]:
    """Store the corpus and its records; returns the stored articles by title."""
    stored = {}
    for doc in corpus():
        article = _article(doc)
        db.save_articles([article])
        specs = []
        for spec in doc.records:
            spec = dict(spec)
            own = spec.pop("kind_", "__absent__")
            if spec["kind"] == "quote":
                spec["kind_field"] = "direct" if own in (None, "__absent__") else own
            elif spec["kind"] == "place":
                spec["kind_field"] = own
            specs.append(spec)
        extraction = _records_with_kind(article, specs)
        db.save_extraction(extraction, pipeline_version=PIPELINE)
        stored[doc.title] = article
    return stored


def _records_with_kind(article: Article, specs: list[dict[str, Any]]) -> Extraction:
    fixed = []
    for spec in specs:
        spec = dict(spec)
        own = spec.pop("kind_field", None)
        record_kind = spec["kind"]
        rest = {k: v for k, v in spec.items() if k != "kind"}
        rest["kind"] = record_kind
        if own is not None:
            rest["__own_kind"] = own
        fixed.append(rest)
    out: dict[str, list[Any]] = {
        k: [] for k in ("mentions", "quotes", "claims", "timexes", "places", "events")
    }
    kinds = {
        "mention": Mention,
        "quote": Quote,
        "claim": Claim,
        "timex": Timex,
        "place": Place,
        "event": Event,
    }
    for spec in fixed:
        kind = spec.pop("kind")
        own = spec.pop("__own_kind", None)
        start, end = _span(article.text, spec.pop("span"))
        if "speaker_span" in spec:
            s, e = _span(article.text, spec.pop("speaker_span"))
            spec.update(speaker_start=s, speaker_end=e, speaker_text=article.text[s:e])
        if own is not None:
            spec["kind"] = own
        record = kinds[kind](
            article_id=article.id, start=start, end=end, text=article.text[start:end], **spec
        )
        out["timexes" if kind == "timex" else kind + "s"].append(record)
    return Extraction(article_id=article.id, **{k: tuple(v) for k, v in out.items()})


def build_seed_db(path: Path) -> dict[str, Article]:
    """Create a store file at ``path`` holding the seed corpus."""
    with open_store(path) as db:
        return seed(db)
