"""MemoAttributeRuler: the model's attribute ruler's exact attributes, one-token rules looked up."""

from __future__ import annotations

import pytest
from spacy.pipeline import AttributeRuler

from sitroom.nlp.attributes import OTHER_WORD, MemoAttributeRuler

# Made-up sentences that reach the rules of every kind: tag -> POS/morphology, word + tag
# exceptions ("not", "is", "'s", "that"), dependency tests ("it" as an object, auxiliaries,
# determiners standing alone), two-token rules ("gonna", "gotta", "let's", "ain't"), REGEX
# rules ("y'all", "nothin'") and whitespace tokens.
TEXTS = [
    "Officials said that the convoy wasn't hit, but it's gonna take days to know.\n\n"
    "Let's be clear: we ain't leaving, y'all, whatever they do.",
    "Drones struck it twice.  That was all.  Those who fled said nothin' about the 12 shells.",
    "They have done what they had to do; I gotta go, she said, as the sirens started again.",
]
ANNOTATIONS = ("pos_", "tag_", "dep_", "lemma_")


def _attributes(doc):
    return [(t.text, *(getattr(t, a) for a in ANNOTATIONS), str(t.morph)) for t in doc]


@pytest.mark.issue(13)
def test_the_pipeline_uses_it_under_the_models_own_name(nlp) -> None:
    ruler = nlp.get_pipe("attribute_ruler")
    assert isinstance(ruler, MemoAttributeRuler)
    assert isinstance(ruler.rules, AttributeRuler)
    assert "model_attribute_ruler" not in nlp.pipe_names
    assert ruler.simple and len(ruler.others) > 0  # REGEX and two-token rules: the Matcher


@pytest.mark.issue(13)
def test_the_attributes_are_the_models_own(nlp) -> None:
    ruler = nlp.get_pipe("attribute_ruler")
    before = nlp.pipe_names[: nlp.pipe_names.index("attribute_ruler")]
    with nlp.select_pipes(enable=[*before]):
        docs = list(nlp.pipe(TEXTS))
    for doc in docs:
        memo, model = ruler(doc.copy()), ruler.rules(doc.copy())
        assert _attributes(memo) == _attributes(model)
    # Twice: the second pass answers from the remembered table.
    for doc in docs:
        assert _attributes(ruler(doc.copy())) == _attributes(ruler.rules(doc.copy()))
    words = {key[1] for key in ruler.matched}
    assert OTHER_WORD in words  # words no rule names share one entry
    assert nlp.vocab.strings["that"] in words  # a word a rule names keeps its own
    changed = [
        (a, b)
        for a, b in zip(_attributes(docs[0]), _attributes(ruler(docs[0].copy())), strict=True)
    ]
    assert any(a != b for a, b in changed)  # the rules did set something
