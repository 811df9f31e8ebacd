"""Every spaCy factory and component sitroom adds, registered in one module.

spaCy finds components by name (``nlp.add_pipe("sitroom_gazetteer")``), so their
registrations must run before a pipeline is built. They all live here (spaCy's own
``spacy/registrations.py`` pattern): the modules that implement them import no
``Language`` decorators, and :mod:`sitroom.nlp.pipeline` imports this module once.
"""

from __future__ import annotations

from spacy.language import Language

from sitroom.nlp.entities.gazetteer import make_gazetteer
from sitroom.nlp.entities.ner_merge import merge_component, stash_conll_ents

__all__ = ["GAZETTEER", "NER_MERGE", "NER_STASH"]

GAZETTEER = "sitroom_gazetteer"
NER_STASH = "sitroom_conll_stash"
NER_MERGE = "sitroom_ner_merge"

Language.factory(GAZETTEER, assigns=["doc.ents", "token.ent_type", "token.ent_id"])(make_gazetteer)
Language.component(NER_STASH, assigns=["doc.spans"])(stash_conll_ents)
Language.component(NER_MERGE, requires=["doc.ents"], assigns=["doc.ents"])(merge_component)
