"""truecase: all-caps lines are read again by the CoNLL recognizer as running text (issue 11)."""

from __future__ import annotations

import pytest

from sitroom.nlp.entities.extract import extract_entities
from sitroom.nlp.entities.ner_merge import CONLL_KEY
from sitroom.nlp.entities.truecase import caps_lines, truecase

HEADLINE = "TENNIS - OKONJO UPSETS TOP SEED AFTER WET OPENING DAY IN KYIV"
BODY = "The match report was filed by our correspondent on Sunday evening."


@pytest.fixture(scope="module")
def doc(nlp):
    return nlp(f"{HEADLINE}\n{BODY}")


def test_only_the_capitals_line_is_found(doc):
    lines = caps_lines(doc)
    assert [doc[start:end].text for start, end in lines] == [HEADLINE]


def test_a_line_with_one_acronym_is_not_all_caps(nlp):
    assert caps_lines(nlp.make_doc("NATO ministers met in Brussels on Friday.")) == []


def test_truecase_keeps_length_and_writes_words_as_in_running_text(nlp):
    tokens = nlp.make_doc("SHARE LEAD IN KYIV WBA KOWALCZYK FINED US")
    cased = [truecase(t) for t in tokens]
    # dictionary words (also inflected) lower-case, a known city and an unknown word in
    # Title Case, a short non-word and a country abbreviation kept in capitals
    assert cased == ["share", "lead", "in", "Kyiv", "WBA", "Kowalczyk", "fined", "US"]
    assert [len(c) for c in cased] == [len(t) for t in tokens]


def test_names_on_an_all_caps_headline_are_found(doc):
    # the recognizer finds no name in "OKONJO UPSETS TOP SEED" as written in capitals
    names = {(e.text, e.label_) for e in doc.ents}
    assert ("OKONJO", "PERSON") in names
    assert ("KYIV", "GPE") in names
    # the headline's common words are not names
    assert not any(e.text in {"UPSETS", "TOP", "SEED", "WET", "OPENING"} for e in doc.ents)


def test_text_and_spans_are_the_articles_own(doc):
    assert doc.text == f"{HEADLINE}\n{BODY}"
    for span in doc.spans[CONLL_KEY]:
        assert span.text.isupper() or span.start_char > len(HEADLINE)
    result = extract_entities(doc, article_id="caps-1")
    text = doc.text
    for m in result.mentions:
        assert text[m.start : m.end] == m.text
    assert "OKONJO" in {m.text for m in result.mentions}
