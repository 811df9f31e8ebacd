"""Ingest end to end vs bare spaCy, side by side on the same ~60 real texts (issue 13).

Inputs: the demo corpus plus real-news articles from ``$SITROOM_SHARED`` (else the
``shared/`` folder beside the repository) up to ``INPUTS`` files; synthetic stories from
:mod:`sitroom.jobs.synthetic` when neither is there. Figures, in articles per second:

- bare spaCy: ``spacy.load(MODEL).pipe(texts, n_process=2)``, its full default pipeline,
  over the texts the readers make from the same inputs (process start-up included);
- ``sitroom ingest`` end to end (read, extract, store, reconcile) into a fresh store:
  one process, pipelined on 2 forked processes, and over a Dask LocalCluster of 1 and 2
  workers (workers warmed up first: each loads the model once, which a long run amortizes).

Model loading is left out of every figure (done once before). Runs alternate, best of
``ROUNDS`` (env ``SITROOM_BENCH_ROUNDS``) each, so the ratios hold on a shared machine.
"""

from __future__ import annotations

import os
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEMO = REPO / "src" / "sitroom" / "data" / "demo"
INPUTS = 60
ROUNDS = int(os.environ.get("SITROOM_BENCH_ROUNDS", "1"))


def shared_dir() -> Path | None:
    """``$SITROOM_SHARED``, else ``../shared`` beside the repository, if present."""
    env = os.environ.get("SITROOM_SHARED")
    for candidate in (
        Path(env) if env else None,
        REPO.parent / "shared",
        REPO.parents[1] / "shared",
    ):
        if candidate is not None and (candidate / "benchmarks").is_dir():
            return candidate
    return None


def bench_inputs(folder: Path, count: int = INPUTS) -> list[Path]:
    """The demo corpus, then real-news articles, up to ``count`` files (synthetic if none)."""
    shared = shared_dir()
    real = shared / "benchmarks" / "realnews" / "articles" if shared else None
    paths = sorted(p for p in DEMO.iterdir() if p.is_file()) if DEMO.is_dir() else []
    if real is not None and real.is_dir():
        paths += sorted(real.glob("*.txt"))[: max(0, count - len(paths))]
    if len(paths) < count:
        from sitroom.jobs.synthetic import synthetic_story

        folder.mkdir(parents=True, exist_ok=True)
        for i in range(count - len(paths)):
            path = folder / f"synthetic-{i:03d}.txt"
            path.write_text(synthetic_story(i, paragraphs=(4, 8)), encoding="utf-8")
            paths.append(path)
    return paths


def _timed(work: Callable[[], int]) -> float:
    """Articles per second of ``work`` (which returns how many articles it did)."""
    started = time.perf_counter()
    count = work()
    return count / (time.perf_counter() - started)


def run() -> dict[str, float | str]:
    import spacy

    from sitroom.jobs.cluster import close_client, local_client
    from sitroom.jobs.ingest import ingest
    from sitroom.jobs.parallel import PIPELINE_VERSION, extract_articles, load_model
    from sitroom.nlp.model import MODEL
    from sitroom.readers import read_path
    from sitroom.reconcile import reconcile_store
    from sitroom.store import open_store

    tmp = Path(tempfile.mkdtemp(prefix="sitroom-bench-ingest-"))
    inputs = bench_inputs(tmp / "synthetic")
    texts = [a.text for p in inputs for a in read_path(p).articles]
    bare = spacy.load(MODEL)
    load_model()
    list(bare.pipe(texts[:3]))
    runs = 0

    def ingest_with(**options: object) -> Callable[[], int]:
        def work() -> int:
            nonlocal runs
            runs += 1
            db_path = tmp / f"run-{runs}.db"
            report = ingest(
                inputs,
                db=db_path,
                extract=extract_articles,
                pipeline_version=PIPELINE_VERSION,
                **options,  # type: ignore[arg-type]
            )
            with open_store(db_path) as db:
                reconcile_store(db)
            return report.new + report.near_duplicate + report.duplicate

        return work

    def bare_pipe() -> int:
        return sum(1 for _ in bare.pipe(texts, n_process=2, batch_size=8))

    load_before = os.getloadavg()[0]
    best: dict[str, float] = {}

    def keep(name: str, rate: float) -> None:
        best[name] = max(best.get(name, 0.0), rate)

    for _ in range(ROUNDS):
        keep("bare2", _timed(bare_pipe))
        keep("one", _timed(ingest_with(processes=1)))
        keep("pipelined2", _timed(ingest_with(processes=2)))
    for workers in (1, 2):
        client = local_client(workers=workers)
        try:
            client.run(load_model)  # each worker loads the model once, before the clock
            for _ in range(ROUNDS):
                keep(f"dask{workers}", _timed(ingest_with(client=client)))
        finally:
            close_client(client)
    return {
        "inputs": float(len(inputs)),
        "articles": float(len(texts)),
        "chars_per_article": round(sum(map(len, texts)) / len(texts), 1),
        "rounds_best_of": float(ROUNDS),
        "bare_spacy_2proc_articles_per_s": round(best["bare2"], 2),
        "ingest_one_process_articles_per_s": round(best["one"], 2),
        "ingest_pipelined_2proc_articles_per_s": round(best["pipelined2"], 2),
        "ingest_dask_1_worker_articles_per_s": round(best["dask1"], 2),
        "ingest_dask_2_workers_articles_per_s": round(best["dask2"], 2),
        "ratio_ingest_one_over_bare": round(best["one"] / best["bare2"], 3),
        "ratio_ingest_pipelined_over_bare": round(best["pipelined2"] / best["bare2"], 3),
        "ratio_pipelined_over_one": round(best["pipelined2"] / best["one"], 3),
        "ratio_dask2_over_dask1": round(best["dask2"] / best["dask1"], 3),
        "ratio_ingest_dask2_over_bare": round(best["dask2"] / best["bare2"], 3),
        "goal_ingest_over_bare": 1.5,
        "load_avg_1min_before": round(load_before, 2),
        "load_avg_1min_after": round(os.getloadavg()[0], 2),
        "cpu_count": float(os.cpu_count() or 1),
    }


if __name__ == "__main__":
    for key, value in run().items():
        print(f"{key:<44} {value}")
