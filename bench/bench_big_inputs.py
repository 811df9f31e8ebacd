"""Big single inputs through ``sitroom ingest --no-extract``: wall time, peak RSS, progress lines.

The inputs of issue 12 (item 12), made up here: a text of one 50 MB line, an RSS feed of
100,000 items and a JSON Lines file of 200,000 rows. ``SITROOM_BENCH_BIG_SCALE`` scales
them (default 0.05, a minute or two for ``make bench``; 1 gives the issue's sizes, about
half an hour on a busy 2-core machine). The one-line text is read with
``max_record_bytes`` raised above its size, so what is measured is reading and storing it,
not the refusal. Peak RSS is each child's own ``ru_maxrss`` (``os.wait4``); progress lines
are the ``[ingest]`` lines on stderr (one every 5 s at most when it is not a terminal).
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from xml.sax.saxutils import escape

SCALE = float(os.environ.get("SITROOM_BENCH_BIG_SCALE", "0.05"))
LINE_BYTES = int(50 * 1024 * 1024 * SCALE)
FEED_ITEMS = int(100_000 * SCALE)
JSONL_ROWS = int(200_000 * SCALE)
WORDS = [
    "the",
    "council",
    "said",
    "troops",
    "moved",
    "near",
    "the",
    "river",
    "while",
    "officials",
    "reported",
    "new",
    "strikes",
    "on",
    "power",
    "lines",
    "and",
    "rail",
    "depots",
    "in",
    "the",
    "region",
    "after",
    "talks",
    "stalled",
    "again",
    "this",
    "week",
]


def _sentence(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize() + "."


def _write_line(path: Path) -> None:
    rng = random.Random(1)
    with path.open("w", encoding="utf-8") as out:
        written = 0
        while written < LINE_BYTES:
            sentence = _sentence(rng, 20) + " "
            out.write(sentence)
            written += len(sentence)
        out.write("\n")


def _write_feed(path: Path) -> None:
    rng = random.Random(2)
    with path.open("w", encoding="utf-8") as out:
        out.write(
            '<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0" '
            'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>'
            "<title>Wire</title><link>https://wire.example</link><description>d</description>\n"
        )
        for i in range(FEED_ITEMS):
            body = "".join(f"<p>{_sentence(rng, 30)} Item {i} part {k}.</p>" for k in range(3))
            out.write(
                f"<item><title>Report {i}</title><link>https://wire.example/{i}</link>"
                f"<content:encoded>{escape(body)}</content:encoded></item>\n"
            )
        out.write("</channel></rss>\n")


def _write_rows(path: Path) -> None:
    rng = random.Random(3)
    with path.open("w", encoding="utf-8") as out:
        for i in range(JSONL_ROWS):
            text = "\n\n".join(f"{_sentence(rng, 30)} Row {i} part {k}." for k in range(3))
            out.write(json.dumps({"title": f"Report {i}", "text": text, "outlet": "Desk"}) + "\n")


def _ingest(path: Path, db: Path, env: dict[str, str]) -> dict[str, float]:
    sitroom = Path(sys.executable).with_name("sitroom")
    argv = [str(sitroom), "ingest", str(path), "--no-extract", "--db", str(db)]
    with tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=err, env=env)
        _pid, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - started
        err.seek(0)
        lines = err.read().decode("utf-8", "replace").splitlines()
    if os.waitstatus_to_exitcode(status) != 0:
        raise RuntimeError(f"sitroom ingest {path.name} failed: {lines[-3:]}")
    return {
        "wall_s": round(seconds, 1),
        "peak_rss_mb": round(usage.ru_maxrss / 1024, 1),  # Linux: KiB
        "progress_lines": float(sum(line.startswith("[ingest]") for line in lines)),
    }


def run() -> dict[str, float | str]:
    figures: dict[str, float | str] = {"scale": SCALE, "load_avg_1min": os.getloadavg()[0]}
    inputs = {"one_line_text": ("line.txt", _write_line), "feed": ("feed.xml", _write_feed)}
    inputs["jsonl"] = ("rows.jsonl", _write_rows)
    env = {**os.environ, "SITROOM_MAX_RECORD_BYTES": str(2 * LINE_BYTES + 1024)}
    with tempfile.TemporaryDirectory(prefix="sitroom-bench-big-") as tmp:
        for name, (file_name, write) in inputs.items():
            path = Path(tmp) / file_name
            write(path)
            figures[f"{name}_mb"] = round(path.stat().st_size / 1024 / 1024, 1)
            for key, value in _ingest(path, Path(tmp) / f"{name}.db", env).items():
                figures[f"{name}_{key}"] = value
            path.unlink()
    return figures


if __name__ == "__main__":
    for key, value in run().items():
        print(f"{key:<32} {value}")
