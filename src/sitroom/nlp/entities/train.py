"""Train the CoNLL-2003 PER/ORG/LOC/MISC recognizer shipped in ``sitroom/data/ner``.

Run ``python -m sitroom.nlp.entities.train`` (``make train-ner``). It reads
``../shared/benchmarks/conll2003/eng.train`` (override with ``--train``), uses
``eng.testa`` only to pick the best epoch, and writes a small spaCy pipeline
(tokenizer + one ``ner``) that :mod:`sitroom.nlp.pipeline` sources as ``conll_ner``.

Why this recipe: the small English model's own NER scores about 0.60 PER/ORG/LOC F1 on
CoNLL once OntoNotes labels are mapped. Its NER has an inline CNN ``tok2vec`` already
trained on OntoNotes; we copy that encoder into a fresh NER with CoNLL labels and
fine-tune the whole thing on CoNLL. Training sentences are the tokens joined by spaces
and re-tokenized by spaCy, exactly how the eval and the app present text.
It runs on one CPU thread (the shared machine has two cores) within ``--minutes``.
"""

from __future__ import annotations

import os

# One BLAS/OpenMP thread: the training box is shared; set before numpy/thinc load.
for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "BLIS_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import argparse
import logging
import random
import shutil
import time
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.pipeline import TrainablePipe
from spacy.training import Example
from spacy.util import minibatch
from thinc.api import compounding, fix_random_seed

from sitroom.nlp.entities.conll import ConllSentence, read_conll
from sitroom.nlp.model import MODEL, NER_DIR

__all__ = ["NER_CONFIG", "NER_DIR", "build_trainer_nlp", "main", "train"]

log = logging.getLogger(__name__)

SHARED_CONLL = Path(__file__).resolve().parents[4].parent / "shared" / "benchmarks" / "conll2003"

# Same architecture as en_core_web_sm 3.8's `ner` (its config.cfg), so its OntoNotes-trained
# inline tok2vec (embedding + CNN + projection to hidden_width) can be copied in unchanged.
NER_CONFIG: dict[str, object] = {
    "model": {
        "@architectures": "spacy.TransitionBasedParser.v2",
        "state_type": "ner",
        "extra_state_tokens": False,
        "hidden_width": 64,
        "maxout_pieces": 2,
        "use_upper": True,
        "nO": None,
        "tok2vec": {
            "@architectures": "spacy.Tok2Vec.v2",
            "embed": {
                "@architectures": "spacy.MultiHashEmbed.v2",
                "width": 96,
                "attrs": ["NORM", "PREFIX", "SUFFIX", "SHAPE"],
                "rows": [5000, 1000, 2500, 2500],
                "include_static_vectors": False,
            },
            "encode": {
                "@architectures": "spacy.MaxoutWindowEncoder.v2",
                "width": 96,
                "depth": 4,
                "window_size": 1,
                "maxout_pieces": 3,
            },
        },
    },
}
# spaCy's default training hyper-parameters for en_core_web_sm (dropout 0.1; batches grow
# from 100 to 1000 words there, ~4 to 32 CoNLL sentences here).
DROPOUT = 0.1
BATCH_START, BATCH_STOP, BATCH_COMPOUND = 4.0, 32.0, 1.001
# Epochs without a better dev F1 before stopping; CoNLL converges in ~10-20 epochs.
PATIENCE = 5
SEED = 0
META = {
    "name": "sitroom_conll_ner",
    "version": "0.1.0",
    "description": (
        "CoNLL-2003 PER/ORG/LOC/MISC recognizer for sitroom: en_core_web_sm 3.8's NER encoder "
        "fine-tuned on eng.train (best epoch chosen on eng.testa). Built by sitroom.nlp.entities.train."
    ),
    "author": "sitroom",
    "license": "MIT (encoder from en_core_web_sm, MIT); trained on CoNLL-2003 (Reuters RCV1) annotations",
}


def build_trainer_nlp() -> Language:
    """A pipeline with the small model's tokenizer and vocab (its NORM table) and a new NER."""
    base = spacy.load(MODEL)
    nlp = spacy.load(MODEL, exclude=base.component_names)
    nlp.add_pipe("ner", config=NER_CONFIG)
    nlp.meta.update(META)
    # The vocab already holds the model's lexeme_norm table; initialize must not look for
    # spacy-lookups-data (not installed, and nothing is downloaded).
    nlp.config["initialize"]["lookups"] = None
    return nlp


def _examples(nlp: Language, sentences: list[ConllSentence]) -> list[Example]:
    return [
        Example.from_dict(nlp.make_doc(s.text), {"entities": [list(e) for e in s.char_entities]})
        for s in sentences
    ]


def _copy_encoder(nlp: Language) -> None:
    """Overwrite the new NER's tok2vec with the small model's OntoNotes-trained one."""
    source = spacy.load(
        MODEL, exclude=["tagger", "parser", "senter", "attribute_ruler", "lemmatizer"]
    )
    weights = _ner(source).model.get_ref("tok2vec").to_bytes()
    _ner(nlp).model.get_ref("tok2vec").from_bytes(weights)


def _ner(nlp: Language) -> TrainablePipe:
    """The pipeline's ``ner`` component, with its model (``get_pipe`` types it as a callable)."""
    pipe = nlp.get_pipe("ner")
    if not isinstance(pipe, TrainablePipe):
        raise TypeError(f"'ner' is a {type(pipe).__name__}, not a trainable pipe")
    return pipe


def train(train_path: Path, dev_path: Path, out_dir: Path, *, minutes: float = 28.0) -> float:
    """Train, keep the epoch with the best dev ents_f, write it to ``out_dir``; return that F1."""
    random.seed(SEED)
    fix_random_seed(SEED)
    nlp = build_trainer_nlp()
    train_examples = _examples(nlp, read_conll(train_path))
    dev_examples = _examples(nlp, read_conll(dev_path))
    optimizer = nlp.initialize(lambda: train_examples)
    _copy_encoder(nlp)
    tmp = out_dir.with_name(out_dir.name + ".tmp")
    best, stale, deadline = -1.0, 0, time.monotonic() + minutes * 60
    sizes = compounding(BATCH_START, BATCH_STOP, BATCH_COMPOUND)
    for epoch in range(1, 1000):
        started = time.monotonic()
        random.shuffle(train_examples)
        losses: dict[str, float] = {}
        # spaCy's minibatch has no annotations (spacy/util.py); it yields lists of Examples.
        for batch in minibatch(train_examples, size=sizes):  # type: ignore[no-untyped-call]
            nlp.update(batch, drop=DROPOUT, sgd=optimizer, losses=losses)
        with nlp.use_params(optimizer.averages):
            scores = nlp.evaluate(dev_examples)
            f1 = float(scores["ents_f"])
            if f1 > best:
                best, stale = f1, 0
                nlp.meta["performance"] = {"dev_ents_f": round(f1, 4), "epoch": epoch}
                shutil.rmtree(tmp, ignore_errors=True)
                nlp.to_disk(tmp)
            else:
                stale += 1
        log.warning(
            "epoch %d loss %.1f dev ents_f %.4f (best %.4f) %.0fs",
            epoch,
            losses.get("ner", 0.0),
            f1,
            best,
            time.monotonic() - started,
        )
        if stale >= PATIENCE or time.monotonic() > deadline:
            break
    shutil.rmtree(out_dir, ignore_errors=True)
    tmp.rename(out_dir)
    return best


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--train", type=Path, default=SHARED_CONLL / "eng.train")
    parser.add_argument("--dev", type=Path, default=SHARED_CONLL / "eng.testa")
    parser.add_argument("--out", type=Path, default=NER_DIR)
    parser.add_argument("--minutes", type=float, default=28.0, help="wall-clock budget")
    args = parser.parse_args(argv)
    logging.basicConfig(format="%(asctime)s %(message)s")
    best = train(args.train, args.dev, args.out, minutes=args.minutes)
    print(f"wrote {args.out} (dev ents_f {best:.4f})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
