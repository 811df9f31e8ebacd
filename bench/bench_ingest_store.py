"""Articles per second through `sitroom.jobs.ingest.ingest` (no extraction) into a fresh SQLite file.

End to end: walk the folder, hash, read and split each text dump, MinHash and LSH lookup,
insert articles + blocks + FTS rows, one transaction per input.
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from sitroom.jobs.synthetic import synthetic_story

# 200 inputs of 3 articles each: enough commits to amortize start-up, small enough for a
# shared 2-core machine to finish in seconds.
INPUTS = 200
ARTICLES_PER_INPUT = 3


def _article(n: int) -> str:
    return synthetic_story(
        n, paragraphs=(4, 8), words=(25, 45), title_prefix="Bulletin", title_words=5
    )


def _write_inputs(folder: Path) -> int:
    for i in range(INPUTS):
        # Text dumps separate articles with a rule line and blank lines.
        articles = [_article(i * ARTICLES_PER_INPUT + k) for k in range(ARTICLES_PER_INPUT)]
        (folder / f"dump-{i:04d}.txt").write_text(
            "\n\n* * *\n\n".join(articles) + "\n", encoding="utf-8"
        )
    return INPUTS


def run() -> dict[str, float | str]:
    from sitroom.jobs.ingest import ingest

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
