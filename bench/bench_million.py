"""A store of N synthetic articles (default 1,000,000): page latency, size, reconcile, ingest RSS.

Run by ``make bench-million`` (not by ``make bench``). N comes from ``SITROOM_BENCH_ARTICLES``
(default 1,000,000; 100,000 runs in minutes and extrapolates: figures are per 100k).
Articles come from :mod:`sitroom.jobs.synthetic` and their records are made up with exact
spans (a quote, a count claim, a date, a city, an event and three mentions per article),
all inserted in bulk through the store API, never through spaCy. Reported:

- build time and disk per 100k articles;
- p95 of the search API, the article page and the overview page (target < 50 ms each),
  through the real app in-process (TestClient), after one full reconcile;
- reconcile time after adding 1,000 articles to the big store, and the event and claim rows
  it read. Reconcile is incremental (issue 13): it re-reads the blocks the new articles
  touch (event type and month; claim referent), so this grows with the news of those
  months, not with the store. The store grows in time: PER_DAY articles a day from
  FIRST_DAY, and the 1,000 added articles are the next days' news;
- peak RSS of ``sitroom ingest --no-extract`` streaming ``SITROOM_BENCH_STREAM_INPUTS``
  inputs (default 100,000; target < 2 GB) into a fresh store.

Progress goes to stderr. The store is kept in ``SITROOM_BENCH_DIR`` when set (built once,
reused by later runs), else in a temporary folder removed at the end.
"""

from __future__ import annotations

import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
import warnings
from collections import deque
from concurrent.futures import Future, ProcessPoolExecutor
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from sitroom.config import Settings
from sitroom.jobs.synthetic import WORDS, synthetic_story
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

ARTICLES = int(os.environ.get("SITROOM_BENCH_ARTICLES", "1000000"))
STREAM_INPUTS = int(os.environ.get("SITROOM_BENCH_STREAM_INPUTS", "100000"))
ADDED = 1_000  # articles added before the incremental reconcile
BATCH = 2_000  # articles per save transaction
REQUESTS = 40  # per page, after warm-up (as bench_web.py)
TARGET_P95_MS = 50.0
TARGET_RSS_MB = 2048.0
FIRST_DAY = date(2022, 2, 24)
PER_DAY = 100  # articles a day: a bigger store covers more days, not denser ones
CITIES = (
    ("Kharkiv", 49.99, 36.23), ("Odesa", 46.48, 30.73), ("Dnipro", 48.46, 35.05),
    ("Kherson", 46.64, 32.61), ("Sumy", 50.91, 34.80), ("Pokrovsk", 48.28, 37.18),
)  # fmt: skip
PEOPLE = ("Olena Marchenko", "Mykola Hrytsenko", "Dmitry Peskov", "Mark Rutte")
SEARCHES = ("convoy bridge", "drones", "railway station", "ceasefire talks", "Kharkiv")


def _say(message: str) -> None:
    print(f"[bench-million {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def synthetic_article(n: int, position: int | None = None) -> tuple[Article, Extraction]:
    """Article ``n``: a synthetic story plus one reported paragraph, and its records; dated
    by its ``position`` in the store (default ``n``), PER_DAY articles a day."""
    rng = random.Random(n)
    city, lat, lon = rng.choice(CITIES)
    person = rng.choice(PEOPLE)
    day = (FIRST_DAY + timedelta(days=(n if position is None else position) // PER_DAY)).isoformat()
    count = rng.randint(2, 90)
    story = synthetic_story(n, paragraphs=(2, 4))
    title, _, body = story.partition("\n\n")
    quote = f"\u201cThe {rng.choice(WORDS)} held,\u201d"
    lead = f"{quote} said {person}. {count} drones were shot down near {city} on {day}."
    text = body.rstrip("\n") + "\n\n" + lead
    base = len(body.rstrip("\n")) + 2
    blocks, offset = [], 0
    for paragraph in text.split("\n\n"):
        blocks.append(
            Block(kind="paragraph", text=paragraph, start=offset, end=offset + len(paragraph))
        )
        offset += len(paragraph) + 2
    aid = article_id_for(title, text)

    def span(fragment: str, after: int = base) -> tuple[int, int]:
        start = text.index(fragment, after)
        return start, start + len(fragment)

    q0, q1 = span(quote)
    p0, p1 = span(person)
    c0, c1 = span(f"{count} drones")
    g0, g1 = span(city, c1)
    d0, d1 = span(day, g1)
    article = Article(
        id=aid, title=title, text=text, blocks=tuple(blocks), published=day, outlet="Synthetic Wire"
    )
    extraction = Extraction(
        article_id=aid,
        mentions=(
            Mention(article_id=aid, start=p0, end=p1, text=person, label="PERSON", entity=person),
            Mention(article_id=aid, start=g0, end=g1, text=city, label="GPE", entity=city),
        ),
        quotes=(
            Quote(article_id=aid, start=q0, end=q1, text=quote, kind="direct", speaker=person,
                  speaker_text=person, speaker_start=p0, speaker_end=p1, speaker_kind="person",
                  cue="said"),
        ),
        claims=(
            Claim(article_id=aid, start=c0, end=c1, text=f"{count} drones", value=float(count),
                  what="drones", claimant=person),
        ),
        timexes=(
            Timex(article_id=aid, start=d0, end=d1, text=day, timex_type="DATE", value=day,
                  granularity="day"),
        ),
        places=(
            Place(article_id=aid, start=g0, end=g1, text=city, name=city, kind="city",
                  country="UA", lat=lat, lon=lon),
        ),
        events=(
            Event(article_id=aid, start=c0, end=d1, text=text[c0:d1], event_type="air_defense",
                  plover="ASSAULT", trigger="shot down", place=city, date=day,
                  date_precision="day", quantities={"drones": float(count)}, claimant=person),
        ),
    )  # fmt: skip
    return article, extraction


def _made(first: int, stop: int, shift: int) -> list[tuple[Article, Extraction]]:
    return [synthetic_article(n, n + shift) for n in range(first, stop)]


def _add(
    path: Path, first: int, count: int, *, progress: bool, position: int | None = None
) -> None:
    """Store articles ``first`` .. ``first + count - 1``, dated from ``position`` (default
    ``first``) on. A second process makes the next batch while this one stores the last."""
    shift = 0 if position is None else position - first
    starts = range(first, first + count, BATCH)
    with ProcessPoolExecutor(1) as pool, open_store(path) as db:
        ahead: deque[Future[list[tuple[Article, Extraction]]]] = deque()
        for start in starts[:2]:
            ahead.append(pool.submit(_made, start, min(start + BATCH, first + count), shift))
        for i, start in enumerate(starts):
            made = ahead.popleft().result()
            if i + 2 < len(starts):
                nxt = starts[i + 2]
                ahead.append(pool.submit(_made, nxt, min(nxt + BATCH, first + count), shift))
            with db.transaction():
                db.save_articles([a for a, _ in made])
                db.save_extractions([e for _, e in made], pipeline_version="bench-synthetic")
            if progress and (start - first) % 20_000 == 0:
                _say(f"stored {start - first + len(made):,} / {count:,} articles")


def _disk_mb(path: Path) -> float:
    return sum(p.stat().st_size for p in path.parent.glob(path.name + "*")) / 2**20


def _build(path: Path) -> dict[str, float | str]:
    with open_store(path) as db:
        have = int(db.stats()["articles"])
    if have < ARTICLES:
        _say(f"building {ARTICLES - have:,} articles in {path} (have {have:,})")
        started = time.perf_counter()
        _add(path, have, ARTICLES - have, progress=True)
        build_s = time.perf_counter() - started
        per_100k = build_s / (ARTICLES - have) * 100_000
    else:
        _say(f"reusing {path} ({have:,} articles)")
        per_100k = float("nan")
    return {
        "articles": float(ARTICLES),
        "build_s_per_100k": round(per_100k, 1),
        "disk_mb": round(_disk_mb(path), 1),
        "disk_mb_per_100k": round(_disk_mb(path) / ARTICLES * 100_000, 1),
    }


def _latencies(path: Path) -> dict[str, float | str]:
    from bench_web import _latency  # same warm-up and p95 rule as the 10k page benchmark

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # starlette's TestClient prefers httpx2; we pin httpx
        from fastapi.testclient import TestClient

    from sitroom.api import create_app

    with open_store(path) as db:
        ids = [a.id for a in db.list_articles(limit=100).items]
    pages = {
        "search_api": [f"/api/search?q={q}" for q in SEARCHES],
        "article_page": [f"/articles/{i}" for i in ids],
        "overview": ["/"],
    }
    figures: dict[str, float | str] = {}
    slowest = 0.0
    with TestClient(
        create_app(Settings(db=str(path)), reconcile=False), base_url="http://127.0.0.1"
    ) as client:
        for name, urls in pages.items():
            _say(f"timing {name}")
            cold, p50, p95 = _latency(client, urls)
            figures[f"{name}_cold_ms"] = round(cold, 1)
            figures[f"{name}_p50_ms"] = round(p50, 1)
            figures[f"{name}_p95_ms"] = round(p95, 1)
            slowest = max(slowest, p95)
    figures["target_p95_ms"] = TARGET_P95_MS
    figures["all_p95_under_target"] = "yes" if slowest < TARGET_P95_MS else "no"
    return figures


def _reconcile(path: Path) -> dict[str, float | str]:
    from sitroom.reconcile import reconcile_store

    with open_store(path) as db:
        _say("full reconcile of the big store")
        started = time.perf_counter()
        reconcile_store(db, full=True)
        full = time.perf_counter() - started
    # The next days' news (seeds far from the base, so a kept store can still grow).
    _add(path, ARTICLES + 1_000_000_000, ADDED, progress=False, position=ARTICLES)
    with open_store(path) as db:
        _say(f"reconcile after adding {ADDED:,} articles")
        read = _count_rows(db)
        started = time.perf_counter()
        reconcile_store(db, if_stale=True)
        after = time.perf_counter() - started
    return {
        "reconcile_full_s": round(full, 2),
        "reconcile_after_adding_1000_s": round(after, 2),
        "reconcile_after_adding_1000_event_rows_read": float(read["load_event_rows"]),
        "reconcile_after_adding_1000_claim_rows_read": float(
            read["load_claim_rows"] + read["load_claim_block_rows"]
        ),
        "reconcile_kind": "incremental: the blocks the new articles touch (type + month, referent)",
    }


def _count_rows(db: Store) -> dict[str, int]:
    """Count the rows that ``db``'s event and claim loaders return from now on."""
    counts = dict.fromkeys(("load_event_rows", "load_claim_rows", "load_claim_block_rows"), 0)
    for name in counts:
        real = getattr(db, name)

        def counted(*args: Any, _real: Any = real, _name: str = name, **kwargs: Any) -> Any:
            rows = _real(*args, **kwargs)
            counts[_name] += len(rows)
            return rows

        setattr(db, name, counted)
    return counts


def _stream_rss(folder: Path) -> dict[str, float]:
    inputs = folder / "stream"
    inputs.mkdir(exist_ok=True)
    _say(f"writing {STREAM_INPUTS:,} input files")
    for n in range(STREAM_INPUTS):
        target = inputs / f"{n // 1000:04d}" / f"in-{n:07d}.txt"
        if n % 1000 == 0:
            target.parent.mkdir(exist_ok=True)
        target.write_text(synthetic_story(2_000_000_000 + n), encoding="utf-8")
    _say(f"sitroom ingest --no-extract over {STREAM_INPUTS:,} inputs")
    sitroom = Path(sys.executable).with_name("sitroom")
    started = time.perf_counter()
    subprocess.run(
        [str(sitroom), "ingest", str(inputs), "--no-extract", "--db", str(folder / "stream.db")],
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    elapsed = time.perf_counter() - started
    peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss  # Linux: kilobytes
    return {
        "stream_inputs": float(STREAM_INPUTS),
        "stream_ingest_s_per_100k": round(elapsed / STREAM_INPUTS * 100_000, 1),
        "stream_peak_rss_mb": round(peak_kb / 1024, 1),
        "target_rss_mb": TARGET_RSS_MB,
    }


def run() -> dict[str, float | str]:
    keep = os.environ.get("SITROOM_BENCH_DIR")
    folder = Path(keep) if keep else Path(tempfile.mkdtemp(prefix="sitroom-bench-million-"))
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"million-{ARTICLES}.db"
    figures: dict[str, float | str] = {"load_avg_1min": round(os.getloadavg()[0], 2)}
    try:
        # SITROOM_BENCH_ARTICLES=0 or SITROOM_BENCH_STREAM_INPUTS=0 runs one half alone.
        # Latencies after reconcile, as a user sees the store once ingest has reconciled it
        # (unreconciled, the overview groups every claim in memory on its first request).
        steps = [_build, _reconcile, _latencies] if ARTICLES > 0 else []
        for step in steps:
            done = step(path)
            _say(", ".join(f"{k}={v}" for k, v in done.items()))  # kept if a later step dies
            figures.update(done)
        if STREAM_INPUTS > 0:
            done = _stream_rss(folder)
            _say(", ".join(f"{k}={v}" for k, v in done.items()))
            figures.update(done)
        figures["load_avg_1min_after"] = round(os.getloadavg()[0], 2)
    finally:
        if not keep:
            shutil.rmtree(folder, ignore_errors=True)
    return figures


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    for key, value in run().items():
        print(f"{key:<36} {value:,.2f}" if isinstance(value, float) else f"{key:<36} {value}")
