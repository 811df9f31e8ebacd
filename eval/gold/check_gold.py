"""Validate the hand-made event gold on real war news (docs/annotation.md).

Re-reads every annotated article from ``../shared/benchmarks/realnews/articles`` (or
``$SITROOM_SHARED/benchmarks/realnews/articles``, or ``--shared DIR``) and checks:

- ``realnews-files.json``: every file exists, appears once, and has the split its name's hash gives;
- ``realnews-events.jsonl``: every line names a listed file, a known event type and status, an
  ISO date (YYYY, YYYY-MM or YYYY-MM-DD) or null, string-or-null roles, and a non-empty evidence
  list whose spans lie inside the text and whose ``sha1`` (first 10 hex digits of the SHA-1 of
  the span's UTF-8 text) matches.

Prints one line per problem and exits 1 if there is any; prints a summary and exits 0 otherwise.
Usage: ``python eval/gold/check_gold.py [--shared DIR]``.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import sys
from collections import Counter
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
FILES_JSON = HERE / "realnews-files.json"
EVENTS_JSONL = HERE / "realnews-events.jsonl"
ARTICLES = Path("benchmarks") / "realnews" / "articles"

EVENT_TYPES = frozenset(
    {
        "strike",
        "interception",
        "ground_clash",
        "aid",
        "agreement",
        "deployment",
        "vote",
        "threat",
        "condemnation",
        "meeting",
        "sanction",
        "weapons_test",
        "arrest",
        "protest",
    }
)
STATUSES = frozenset(
    {"happened", "claimed", "denied", "threatened", "planned", "hypothetical", "historical"}
)
SPLITS = ("tune", "check")
DATE = re.compile(r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$")
ROLES = ("actor", "target", "place")


def default_shared() -> Path:
    """``$SITROOM_SHARED`` if set, else the ``shared`` folder beside the repository."""
    env = os.environ.get("SITROOM_SHARED")
    return Path(env) if env else REPO.parent / "shared"


def split_of(name: str) -> str:
    """The split of an annotated file: ``tune`` when SHA-1(name) is even, else ``check``."""
    return SPLITS[int(hashlib.sha1(name.encode("utf-8")).hexdigest(), 16) % 2]


def span_sha1(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:10]


def load_files(path: Path = FILES_JSON) -> dict[str, str]:
    """File name -> split, in the order listed."""
    data = json.loads(path.read_text(encoding="utf-8"))
    return {row["file"]: row["split"] for row in data["files"]}


def load_events(path: Path = EVENTS_JSONL) -> list[dict[str, object]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def check(shared: Path) -> list[str]:
    """All problems found, as human-readable lines (empty when the gold is valid)."""
    articles = shared / ARTICLES
    if not articles.is_dir():
        return [f"no article folder at {articles}"]
    problems, counts, texts = _check_files(articles)
    for number, line in enumerate(EVENTS_JSONL.read_text(encoding="utf-8").splitlines(), start=1):
        where = f"events line {number}"
        try:
            event = json.loads(line)
        except json.JSONDecodeError as e:
            problems.append(f"{where}: not JSON ({e})")
            continue
        problems += _check_event(where, event, counts, texts)
    return problems


def _check_files(articles: Path) -> tuple[list[str], Counter[str], dict[str, str]]:
    """Problems of the file list, how often each file is listed, and the listed texts found."""
    rows = json.loads(FILES_JSON.read_text(encoding="utf-8"))["files"]
    counts = Counter(row["file"] for row in rows)
    problems = [f"files: {name} listed {n} times" for name, n in counts.items() if n > 1]
    texts: dict[str, str] = {}
    for row in rows:
        name, split = row["file"], row["split"]
        if split != split_of(name):
            problems.append(
                f"files: {name} has split {split!r}, the hash rule gives {split_of(name)!r}"
            )
        path = articles / name
        if not path.is_file():
            problems.append(f"files: {name} not found in {articles}")
            continue
        texts[name] = path.read_text(encoding="utf-8")
    return problems, counts, texts


def _check_event(
    where: str, event: dict[str, Any], counts: Counter[str], texts: dict[str, str]
) -> list[str]:
    """Problems of one gold event: its fields, then each evidence span against its article."""
    problems: list[str] = []
    name = event.get("file")
    if name not in counts:
        problems.append(f"{where}: file {name!r} is not in {FILES_JSON.name}")
    if event.get("event_type") not in EVENT_TYPES:
        problems.append(f"{where}: unknown event_type {event.get('event_type')!r}")
    if event.get("status") not in STATUSES:
        problems.append(f"{where}: unknown status {event.get('status')!r}")
    date = event.get("date")
    if date is not None and not (isinstance(date, str) and DATE.match(date)):
        problems.append(f"{where}: date {date!r} is not YYYY, YYYY-MM or YYYY-MM-DD")
    for role in ROLES:
        value = event.get(role)
        if value is not None and not (isinstance(value, str) and value.strip()):
            problems.append(f"{where}: {role} must be a non-empty string or null")
    evidence = event.get("evidence")
    if not isinstance(evidence, list) or not evidence:
        problems.append(f"{where}: evidence must be a non-empty list")
        return problems
    text = texts.get(str(name))
    if text is None:
        return problems
    for span in evidence:
        start, end, digest = span.get("start"), span.get("end"), span.get("sha1")
        if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text)):
            problems.append(f"{where}: span {start}-{end} outside {name} ({len(text)} chars)")
        elif span_sha1(text[start:end]) != digest:
            problems.append(
                f"{where}: span {start}-{end} of {name} has sha1 {span_sha1(text[start:end])}, "
                f"gold says {digest}"
            )
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=None, help="the shared data folder")
    args = parser.parse_args(argv)
    shared = args.shared or default_shared()
    problems = check(shared)
    for problem in problems:
        print(problem)
    if problems:
        print(f"{len(problems)} problem(s)", file=sys.stderr)
        return 1
    files = load_files()
    events = load_events()
    splits = Counter(files.values())
    statuses = Counter(str(e["status"]) for e in events)
    print(
        f"ok: {len(files)} files ({splits['tune']} tune, {splits['check']} check), "
        f"{len(events)} events, "
        + ", ".join(f"{k} {v}" for k, v in sorted(statuses.items(), key=lambda kv: -kv[1]))
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
