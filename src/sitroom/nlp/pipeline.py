"""Load the English pipeline (the pinned small model plus sitroom's components), once per process.

The pipeline, in order::

    conll_ner            CoNLL-2003-trained PER/ORG/LOC/MISC recognizer (sitroom/data/ner)
    sitroom_conll_stash  reads all-caps lines again in a truecased copy (people found only
                         there are added), moves its output to doc.spans["conll"], clears doc.ents
    sitroom_gazetteer    domain names -> doc.ents with ent_id_ = canonical name
    tok2vec tagger parser attribute_ruler lemmatizer ner   (en_core_web_sm; its attribute
                         ruler's one-token rules looked up per distinct token: nlp/attributes.py)
    sitroom_ner_merge    adopts the CoNLL names; gazetteer spans always win

so ``doc.ents`` carries OntoNotes labels (PERSON ORG GPE LOC NORP FAC DATE CARDINAL ...)
plus WEAPON, and ``doc.sents`` / ``token.dep_ .pos_ .tag_ .lemma_`` are the model's own.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import cast

import spacy
from spacy.language import Language
from spacy.pipeline import TrainablePipe
from spacy.tokens import Doc

from sitroom.nlp.model import MODEL, NER_DIR
from sitroom.nlp.registrations import ATTRIBUTES, GAZETTEER, NER_MERGE, NER_STASH

__all__ = ["build_nlp", "load_nlp", "pipe_docs"]

log = logging.getLogger(__name__)


def build_nlp(*, gazetteer: bool = True, conll: bool | None = None) -> Language:
    """Build a fresh pipeline; the flags exist so the CoNLL eval can measure each part.

    ``conll=None`` adds the CoNLL recognizer when its weights are in the package (a
    checkout that has not run ``make train-ner`` still works, with weaker names).

    Raises:
        FileNotFoundError: ``conll=True`` but the trained weights are missing.
    """
    nlp = spacy.load(MODEL)
    # The same attributes for less work (nlp/attributes.py), under the model's own name.
    nlp.rename_pipe("attribute_ruler", "model_attribute_ruler")
    nlp.add_pipe(
        ATTRIBUTES,
        name="attribute_ruler",
        after="model_attribute_ruler",
        config={"rules": "model_attribute_ruler"},
    )
    nlp.remove_pipe("model_attribute_ruler")
    if gazetteer:
        nlp.add_pipe(GAZETTEER, first=True)
    has_weights = (NER_DIR / "config.cfg").is_file()
    if conll is None:
        conll = has_weights
        if not has_weights:
            log.warning("no trained NER in %s; names come from the small model only", NER_DIR)
    if conll:
        if not has_weights:
            raise FileNotFoundError(
                f"no trained NER in {NER_DIR}; run `python -m sitroom.nlp.entities.train`"
            )
        # Only the trained component is read from NER_DIR (its config and weights), not a
        # second whole pipeline with its own tokenizer and vocab: 2 s less start-up (issue 13).
        config = dict(spacy.util.load_config(NER_DIR / "config.cfg")["components"]["ner"])
        config.pop("factory")
        ner = cast(TrainablePipe, nlp.add_pipe("ner", name="conll_ner", config=config, first=True))
        ner.from_disk(NER_DIR / "ner", exclude=["vocab"])
        nlp.add_pipe(NER_STASH, after="conll_ner")
        nlp.add_pipe(NER_MERGE, last=True)
    return nlp


@lru_cache(maxsize=1)
def load_nlp() -> Language:
    """Return the shared pipeline. Nothing is downloaded: the model ships as a package."""
    return build_nlp()


def pipe_docs(
    texts: Iterable[str], *, n_process: int = 1, batch_size: int | None = None
) -> Iterator[Doc]:
    """Run the shared pipeline over many texts, in order; output is the same for any settings.

    How many processes and how big a batch is decided by the caller (``sitroom.jobs.plan``);
    ``batch_size=None`` is spaCy's own default.
    """
    yield from load_nlp().pipe(texts, n_process=n_process, batch_size=batch_size)
