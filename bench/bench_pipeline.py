"""Pipeline throughput: bare ``spacy.load(MODEL)`` vs sitroom's ``pipe_docs`` on ~200 news texts.

Texts are built from the bundled demo corpus (paragraphs of its plain-text and JSON Lines
articles, 4 to 7 per text, shuffled with a fixed seed), else from a small template
generator. Both pipelines run the same texts in the same process, one after the other, so
the ratio holds on a noisy shared machine; the bare model runs its full default pipeline
in one process (how a plain spaCy user would), sitroom runs the way it runs at ingest:
``pipe_docs`` with the process count and batch size of ``sitroom.jobs.plan.plan_for``
(two worker processes for batches this big on an idle machine).
"""

from __future__ import annotations

import json
import os
import random
import time
from pathlib import Path

N_TEXTS = 200
PARAGRAPHS_PER_TEXT = (4, 7)
SEED = 7
ROUNDS = 2
DEMO = Path(__file__).resolve().parents[1] / "src" / "sitroom" / "data" / "demo"

_TEMPLATES = (
    "{person} said on {day} that {weapon} missiles had struck targets near {city}, killing {n} people.",
    "The {org} reported that {n} drones were launched overnight and {m} of them were shot down over {city}.",
    "Officials in {city} said the attack damaged energy facilities, and {person} called for more air defence.",
    "According to the {org}, fighting continued along the front near {city} for a {ordinal} straight day.",
)


def _demo_paragraphs() -> list[str]:
    paragraphs: list[str] = []
    for path in sorted(DEMO.glob("*.txt")):
        paragraphs += [p for p in path.read_text(encoding="utf-8").splitlines() if len(p) > 80]
    for path in sorted(DEMO.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                paragraphs += [
                    p for p in json.loads(line).get("text", "").split("\n") if len(p) > 80
                ]
    return paragraphs


def _generated_paragraphs(rng: random.Random) -> list[str]:
    fill = {
        "person": ["Volodymyr Zelensky", "Dmitry Peskov", "Mark Rutte", "Olena Marchenko"],
        "weapon": ["Iskander", "Kalibr", "Storm Shadow", "Kh-101"],
        "city": ["Kharkiv", "Odesa", "Dnipro", "Belgorod", "Zaporizhzhia"],
        "org": ["Ukrainian Air Force", "Russian Defense Ministry", "General Staff"],
        "day": ["Monday", "Tuesday", "Friday"],
        "ordinal": ["second", "third", "fifth"],
    }
    out = []
    for _ in range(400):
        sentences = [
            rng.choice(_TEMPLATES).format(
                **{k: rng.choice(v) for k, v in fill.items()},
                n=rng.randint(2, 90),
                m=rng.randint(1, 80),
            )
            for _ in range(3)
        ]
        out.append(" ".join(sentences))
    return out


def make_texts(n: int = N_TEXTS) -> list[str]:
    """``n`` texts of several paragraphs each, deterministic."""
    rng = random.Random(SEED)
    paragraphs = _demo_paragraphs() or _generated_paragraphs(rng)
    texts = []
    for _ in range(n):
        k = rng.randint(*PARAGRAPHS_PER_TEXT)
        texts.append("\n\n".join(rng.choice(paragraphs) for _ in range(k)))
    return texts


def _docs_per_second(run, texts: list[str]) -> float:  # type: ignore[no-untyped-def]
    started = time.perf_counter()
    count = sum(1 for _ in run(texts))
    return count / (time.perf_counter() - started)


def run() -> dict[str, float | str]:
    import spacy

    from sitroom.jobs.parallel import run_extraction
    from sitroom.jobs.plan import plan_for
    from sitroom.nlp.extract import Document
    from sitroom.nlp.model import MODEL
    from sitroom.nlp.pipeline import load_nlp, pipe_docs

    def extract_all(batch: list[str], processes: int | None = None):  # type: ignore[no-untyped-def]
        documents = [
            Document(id=str(i), text=t, published="2025-03-14") for i, t in enumerate(batch)
        ]
        return run_extraction(documents, plan=plan_for(len(documents), processes=processes))

    def pipe_planned(batch: list[str], processes: int | None = None):  # type: ignore[no-untyped-def]
        # The way sitroom runs the pipeline: jobs.plan picks the processes and batch size.
        plan = plan_for(len(batch), processes=processes)
        return pipe_docs(batch, n_process=plan.processes, batch_size=plan.spacy_batch)

    texts = make_texts()
    load_before = os.getloadavg()[0]
    started = time.perf_counter()
    bare = spacy.load(MODEL)
    bare_load = time.perf_counter() - started
    started = time.perf_counter()
    nlp = load_nlp()
    sitroom_load = time.perf_counter() - started
    warm = texts[:5]
    list(bare.pipe(warm))
    list(nlp.pipe(warm))
    # Alternate the runs and keep each one's best round: on a shared machine other people's
    # work lands on one run or another, and the best round is the least disturbed.
    rounds: dict[str, list[float]] = {
        "bare": [],
        "sitroom": [],
        "one": [],
        "extract": [],
        "extract2": [],
    }
    for _ in range(ROUNDS):
        rounds["bare"].append(_docs_per_second(bare.pipe, texts))
        rounds["sitroom"].append(_docs_per_second(pipe_planned, texts))
        rounds["one"].append(_docs_per_second(lambda t: pipe_planned(t, 1), texts))
        rounds["extract"].append(_docs_per_second(extract_all, texts))
        rounds["extract2"].append(_docs_per_second(lambda t: extract_all(t, 2), texts))
    bare_rate, sitroom_rate, one_process, extract_rate, extract2_rate = (
        max(rounds[k]) for k in ("bare", "sitroom", "one", "extract", "extract2")
    )
    return {
        "texts": float(len(texts)),
        "rounds_best_of": float(ROUNDS),
        "chars_per_text": round(sum(map(len, texts)) / len(texts), 1),
        "bare_load_s": round(bare_load, 2),
        "sitroom_load_s": round(sitroom_load, 2),
        "bare_docs_per_s": round(bare_rate, 2),
        "sitroom_pipe_docs_per_s": round(sitroom_rate, 2),
        "sitroom_one_process_docs_per_s": round(one_process, 2),
        "ratio_sitroom_over_bare": round(sitroom_rate / bare_rate, 3),
        # The figure: full extraction (pipeline + every extractor, records out)
        # against the bare model's full default pipeline on the same texts.
        "extract_articles_per_s": round(extract_rate, 2),
        "ratio_extraction_over_bare": round(extract_rate / bare_rate, 3),
        # Both cores forced on (the default forks only when the load average leaves a core
        # idle, so on a busy shared machine the line above may be one process).
        "extract_two_processes_per_s": round(extract2_rate, 2),
        "ratio_extraction_two_processes_over_bare": round(extract2_rate / bare_rate, 3),
        "sitroom_pipeline": " ".join(nlp.pipe_names),
        # Two processes only pay off on idle cores; this says how busy the machine was.
        "load_avg_1min_before": round(load_before, 2),
        "cpu_count": float(os.cpu_count() or 1),
    }


if __name__ == "__main__":
    for key, value in run().items():
        print(f"{key:<40} {value}")
