"""Every spaCy factory and component sitroom adds, registered in one module.

spaCy finds components by name (``nlp.add_pipe("sitroom_gazetteer")``), so their
registrations must run before a pipeline is built. They all live here (spaCy's own
``spacy/registrations.py`` pattern): the modules that implement them import no
``Language`` decorators, and :mod:`sitroom.nlp.pipeline` imports this module once.
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.language import Language
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc

from sitroom.nlp.attributes import MemoAttributeRuler
from sitroom.nlp.entities.gazetteer import make_gazetteer
from sitroom.nlp.entities.ner_merge import merge_component, stash_conll_ents
from sitroom.nlp.entities.truecase import recognize_caps_lines

__all__ = ["ATTRIBUTES", "GAZETTEER", "NER_MERGE", "NER_STASH"]

GAZETTEER = "sitroom_gazetteer"
NER_STASH = "sitroom_conll_stash"
NER_MERGE = "sitroom_ner_merge"
ATTRIBUTES = "sitroom_attribute_ruler"


def _make_attribute_ruler(nlp: Language, name: str, rules: str) -> MemoAttributeRuler:
    """Wraps the pipeline's own attribute ruler, the component named ``rules``."""
    ruler = nlp.get_pipe(rules)
    if not isinstance(ruler, AttributeRuler):
        raise TypeError(f"{rules} is a {type(ruler).__name__}, not an AttributeRuler")
    return MemoAttributeRuler(ruler)


Language.factory(GAZETTEER, assigns=["doc.ents", "token.ent_type", "token.ent_id"])(make_gazetteer)


def _make_conll_stash(nlp: Language, name: str, recognizer: str) -> Callable[[Doc], Doc]:
    """Stash the recognizer's names, all-caps lines read again truecased first (issue 11)."""
    recognize = nlp.get_pipe(recognizer)

    def stash(doc: Doc) -> Doc:
        return stash_conll_ents(recognize_caps_lines(doc, recognize))

    return stash


Language.factory(NER_STASH, default_config={"recognizer": "conll_ner"}, assigns=["doc.spans"])(
    _make_conll_stash
)
Language.factory(
    ATTRIBUTES,
    requires=["token.tag", "token.dep"],
    assigns=["token.pos", "token.morph", "token.lemma"],
)(_make_attribute_ruler)
Language.component(NER_MERGE, requires=["doc.ents"], assigns=["doc.ents"])(merge_component)
