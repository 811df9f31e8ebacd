"""Articles per second through `sitroom.batch.ingest` (no extraction) into a fresh SQLite file.

End to end: walk the folder, hash, read and split each text dump, MinHash and LSH lookup,
insert articles + blocks + FTS rows, one transaction per input.
"""

from __future__ import annotations

import random
import tempfile
import time
from pathlib import Path

# 200 inputs of 3 articles each: enough commits to amortize start-up, small enough for a
# shared 2-core machine to finish in seconds.
INPUTS = 200
ARTICLES_PER_INPUT = 3

_WORDS = [
    "convoy",
    "brigade",
    "artillery",
    "village",
    "river",
    "bridge",
    "council",
    "governor",
    "drone",
    "missile",
    "shelter",
    "volunteers",
    "ministry",
    "report",
    "evening",
    "morning",
    "northern",
    "southern",
    "eastern",
    "front",
    "line",
    "supply",
    "depot",
    "railway",
    "station",
    "engineers",
    "hospital",
    "school",
    "power",
    "grid",
    "repairs",
    "talks",
    "envoy",
    "ceasefire",
    "border",
    "crossing",
    "harbour",
    "grain",
]


def _article(rng: random.Random, n: int) -> str:
    title = f"Bulletin {n}: " + " ".join(rng.choice(_WORDS) for _ in range(5)).capitalize()
    paragraphs = [
        " ".join(rng.choice(_WORDS) for _ in range(rng.randint(25, 45))).capitalize() + "."
        for _ in range(rng.randint(4, 8))
    ]
    return "\n\n".join([title, *paragraphs])


def _write_inputs(folder: Path) -> int:
    rng = random.Random(20240601)
    for i in range(INPUTS):
        # Text dumps separate articles with a rule line and blank lines.
        articles = [_article(rng, i * ARTICLES_PER_INPUT + k) for k in range(ARTICLES_PER_INPUT)]
        (folder / f"dump-{i:04d}.txt").write_text(
            "\n\n* * *\n\n".join(articles) + "\n", encoding="utf-8"
        )
    return INPUTS


def run() -> dict[str, float | str]:
    from sitroom.batch import ingest

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "in"
        folder.mkdir()
        _write_inputs(folder)
        started = time.perf_counter()
        report = ingest([folder], db=Path(tmp) / "bench.db")
        elapsed = time.perf_counter() - started
        started = time.perf_counter()
        again = ingest([folder], db=Path(tmp) / "bench.db")
        resume_elapsed = time.perf_counter() - started
    stored = report.new + report.near_duplicate
    return {
        "inputs": float(INPUTS),
        "articles stored": float(stored),
        "failed inputs": float(report.failed),
        "seconds": elapsed,
        "articles/s (ingest, no extraction)": stored / elapsed,
        "inputs/s (re-run, all skipped by sha256)": INPUTS / resume_elapsed
        if again.new == 0
        else 0.0,
    }
