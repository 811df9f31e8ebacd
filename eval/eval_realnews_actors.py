"""One node per real actor on real war news: actor-graph nodes and top quote speakers, judged by hand.

Each half of ``benchmarks/realnews/articles`` (``eval/halves.py``: tune and check, by the SHA-1
of the file name) is ingested into its own store through the CLI (``sitroom ingest`` then
``sitroom reprocess``, so a kept store is only re-extracted when the pipeline changed; stores
live in ``eval/results/realnews-actors/``). The views an analyst reads are then listed as the
CLI gives them: every node of ``sitroom graph --json`` and the ``TOP_SPEAKERS`` most quoted
actors of ``sitroom quotes --speakers --json``.

Each listed name is looked up in the hand verdicts ``eval/gold/realnews-actors.jsonl`` (one
line per name: ``label``, the real-world ``actor`` it stands for when it is one, and the
``halves`` whose views listed it; names and labels only, never article text):

- ``actor``: a real actor (person, state, organisation, outlet). Two listed names with the same
  ``actor`` are one actor spelled twice: every name past the first counts as a ``duplicate``.
- ``nationality``: an adjective or demonym standing as a node ("Western", "Russian").
- ``capital``: a capital or seat of government standing for its government ("Kyiv", "Kremlin").
- ``place``: another place as an actor ("Bucza", "Kharkiv City").
- ``junk``: no actor at all: a clause fragment, a bare title, an event or a document.

Metrics, per half and view (``graph``, ``speakers``): ``nodes``, the count of each bad class,
``bad`` (their sum), ``unjudged`` (names with no verdict: judge them before quoting a figure),
and ``goal_clean`` = 1 - (duplicate + nationality + capital) / nodes, the goal of issue 10.
``split_across_views``: actors listed in both views under different names (a speaker and an
event actor that should be one canonical actor). ``main_<half>_<view>_<class>``: the same
counts over the lists main's code gave (f4b5e13, before issue 10's actor work), read back from
the verdicts' ``lists`` (``half/view/before``; ``after`` is this code's at the time of judging).
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter
from pathlib import Path
from typing import Any

from halves import HALVES, half_of

HERE = Path(__file__).resolve().parent
VERDICTS = HERE / "gold" / "realnews-actors.jsonl"
STORES = HERE / "results" / "realnews-actors"
ARTICLES = Path("benchmarks") / "realnews" / "articles"

TARGETS = {"check_graph_goal_clean": 1.0}

LABELS = ("actor", "nationality", "capital", "place", "junk")
BAD = ("duplicate", "nationality", "capital", "place", "junk")
GOAL = ("duplicate", "nationality", "capital")
TOP_SPEAKERS = 60
TIMEOUT_S = 3600


def _sitroom(*args: str) -> str:
    sitroom = Path(sys.executable).with_name("sitroom")
    if not sitroom.exists():
        raise RuntimeError(f"no sitroom script at {sitroom}; run `make setup` first")
    proc = subprocess.run(
        [str(sitroom), *args], capture_output=True, text=True, check=False, timeout=TIMEOUT_S
    )
    if proc.returncode != 0:
        raise RuntimeError(f"sitroom {args[0]} failed ({proc.returncode}): {proc.stderr[-2000:]}")
    return proc.stdout


def build_store(files: list[Path], db: Path) -> None:
    """Ingest ``files`` into ``db`` (inputs already there are skipped), then re-extract stale ones."""
    db.parent.mkdir(parents=True, exist_ok=True)
    _sitroom("ingest", *map(str, files), "--db", str(db))
    _sitroom("reprocess", "--db", str(db))


def views(db: Path) -> dict[str, list[str]]:
    """The graph's nodes and the most quoted speakers' actors of one store."""
    graph = json.loads(_sitroom("graph", "--json", "--db", str(db)))
    speakers = json.loads(
        _sitroom("quotes", "--speakers", "--json", "--limit", str(TOP_SPEAKERS), "--db", str(db))
    )
    return {
        "graph": [str(n) for n in graph["nodes"]],
        "speakers": [str(s["actor"]) for s in speakers[:TOP_SPEAKERS]],
    }


def load_verdicts(path: Path = VERDICTS) -> dict[str, dict[str, Any]]:
    verdicts: dict[str, dict[str, Any]] = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        row = json.loads(line)
        if row["label"] not in LABELS or (row["label"] == "actor") != bool(row.get("actor")):
            raise ValueError(f"{path.name} line {number}: bad label/actor: {row}")
        if row["name"] in verdicts:
            raise ValueError(f"{path.name} line {number}: {row['name']!r} judged twice")
        verdicts[row["name"]] = row
    return verdicts


def score(names: list[str], verdicts: dict[str, dict[str, Any]]) -> dict[str, int | float]:
    """Counts of each bad class among listed names (see the module docstring)."""
    counts: Counter[str] = Counter()
    seen: Counter[str] = Counter()
    for name in names:
        verdict = verdicts.get(name)
        if verdict is None:
            counts["unjudged"] += 1
        elif verdict["label"] == "actor":
            seen[verdict["actor"]] += 1
        else:
            counts[verdict["label"]] += 1
    counts["duplicate"] = sum(n - 1 for n in seen.values())
    out: dict[str, int | float] = {"nodes": len(names)}
    out.update({key: counts[key] for key in (*BAD, "unjudged")})
    out["bad"] = sum(counts[key] for key in BAD)
    goal = sum(counts[key] for key in GOAL)
    out["goal_clean"] = round(1 - goal / len(names), 4) if names else 1.0
    return out


def split_across_views(views: dict[str, list[str]], verdicts: dict[str, dict[str, Any]]) -> int:
    """Actors listed in both views under different names (speaker and event actor apart)."""
    names: dict[str, dict[str, set[str]]] = {}
    for view, listed in views.items():
        for name in listed:
            verdict = verdicts.get(name)
            if verdict is not None and verdict["label"] == "actor":
                names.setdefault(verdict["actor"], {}).setdefault(view, set()).add(name)
    return sum(
        len(by_view) == len(views) and len(set.union(*by_view.values())) > 1
        for by_view in names.values()
    )


def stored_lists(verdicts: dict[str, dict[str, Any]], half: str, code: str) -> dict[str, list[str]]:
    """The names a judged list held (``lists``: ``half/view/code``, code ``before`` = main's)."""
    return {
        view: sorted(n for n, v in verdicts.items() if f"{half}/{view}/{code}" in v["lists"])
        for view in ("graph", "speakers")
    }


def unjudged(listed: dict[str, dict[str, list[str]]], verdicts: dict[str, Any]) -> list[str]:
    return sorted({n for v in listed.values() for ns in v.values() for n in ns} - set(verdicts))


def run(shared: Path) -> dict[str, float | int | str]:
    articles = sorted((shared / ARTICLES).glob("*.txt"))
    if not articles:
        raise RuntimeError(f"no articles in {shared / ARTICLES}")
    verdicts = load_verdicts()
    listed: dict[str, dict[str, list[str]]] = {}
    metrics: dict[str, float | int | str] = {}
    for half in HALVES:
        db = STORES / f"{half}.db"
        build_store([p for p in articles if half_of(p.name) == half], db)
        listed[half] = views(db)
        metrics[f"{half}_files"] = sum(half_of(p.name) == half for p in articles)
        for view, names in listed[half].items():
            for key, value in score(names, verdicts).items():
                metrics[f"{half}_{view}_{key}"] = value
        metrics[f"{half}_split_across_views"] = split_across_views(listed[half], verdicts)
        # The same figures for main's code (f4b5e13), from the lists the verdicts were made on.
        main = stored_lists(verdicts, half, "before")
        for view, names in main.items():
            for key in (*BAD, "bad"):
                metrics[f"main_{half}_{view}_{key}"] = score(names, verdicts)[key]
    (STORES / "listed.json").write_text(json.dumps(listed, indent=1, ensure_ascii=False) + "\n")
    missing = unjudged(listed, verdicts)
    metrics["unjudged_names"] = "; ".join(missing[:20]) + (" ..." if len(missing) > 20 else "")
    return metrics


if __name__ == "__main__":
    import os

    result = run(Path(os.environ.get("SITROOM_SHARED") or HERE.parent.parent / "shared"))
    print(json.dumps(result, indent=1, ensure_ascii=False))
