"""`sitroom extract --input-jsonl` as the evals run it: documents in, output rows out.

The evals that score whole documents (real news, CASE 2021 snippets) go through the CLI, as
a user would, in one subprocess over a temporary JSON Lines file.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

__all__ = ["EXTRACT_TIMEOUT_S", "extract_rows"]

EXTRACT_TIMEOUT_S = 3600


def extract_rows(
    docs: Iterable[Mapping[str, object]],
) -> tuple[list[dict[str, Any]], subprocess.CompletedProcess[str]]:
    """The output rows of `sitroom extract` over ``docs`` (each with ``id`` and ``text``), and
    the finished process (its return code and stderr say whether some document failed)."""
    sitroom = Path(sys.executable).with_name("sitroom")
    if not sitroom.exists():
        raise RuntimeError(f"no sitroom script at {sitroom}; run `make setup` first")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "docs.jsonl"
        path.write_text("".join(json.dumps(dict(d)) + "\n" for d in docs), encoding="utf-8")
        proc = subprocess.run(
            [str(sitroom), "extract", "--input-jsonl", str(path)],
            capture_output=True,
            text=True,
            check=False,
            timeout=EXTRACT_TIMEOUT_S,
        )
    rows = [json.loads(line) for line in proc.stdout.splitlines() if line.strip()]
    return rows, proc
