"""Reader throughput: the plain-text dump splitter and the HTML reader, against bare trafilatura.

The ratio is measured in the same run on the same pages, so it holds on a noisy machine:
``html_reader_over_trafilatura`` is our HTML reader's time per page divided by
``trafilatura.extract``'s (the extra cost of metadata, dates and block structure).
"""

from __future__ import annotations

import time
from collections.abc import Callable

import trafilatura

from sitroom.readers import demo_corpus_dir, read_bytes

# Enough repetitions for ~1 s per measurement on one core; the box is shared, keep it short.
DUMP_REPEATS = 40
HTML_REPEATS = 10


def _timed(call: Callable[[], int], repeats: int) -> tuple[float, int]:
    started = time.perf_counter()
    count = sum(call() for _ in range(repeats))
    return time.perf_counter() - started, count


def run() -> dict[str, float | str]:
    demo = demo_corpus_dir()
    dump_path = next(demo.glob("*.txt"))
    dump = dump_path.read_bytes()
    pages = [(p.name, p.read_bytes()) for p in sorted(demo.glob("*.html"))]
    texts = [raw.decode("utf-8") for _, raw in pages]

    read_bytes(dump, name=dump_path.name)  # warm imports and regex caches
    dump_s, dump_articles = _timed(
        lambda: len(read_bytes(dump, name=dump_path.name).articles), DUMP_REPEATS
    )

    def ours() -> int:
        return sum(len(read_bytes(raw, name=name).articles) for name, raw in pages)

    def bare() -> int:
        return sum(trafilatura.extract(text) is not None for text in texts)

    ours()
    bare()
    html_s, html_articles = _timed(ours, HTML_REPEATS)
    bare_s, bare_pages = _timed(bare, HTML_REPEATS)
    return {
        "dump_reader_articles_per_s": dump_articles / dump_s,
        "dump_reader_bytes_per_s": DUMP_REPEATS * len(dump) / dump_s,
        "html_reader_articles_per_s": html_articles / html_s,
        "trafilatura_extract_pages_per_s": bare_pages / bare_s,
        "html_reader_over_trafilatura": html_s / bare_s,
        "input": f"{dump_path.name} x{DUMP_REPEATS}; {len(pages)} demo HTML pages x{HTML_REPEATS}",
    }
