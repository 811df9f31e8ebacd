"""merge_conll_spans: score lines, score cards and fixture lists are not headings; an unknown
word opening a line is a name whatever the tagger calls it (issue 11)."""

from __future__ import annotations

import pytest
from spacy.tokens import Span

from sitroom.nlp.entities.ner_merge import CONLL_KEY, merge_conll_spans

NAME_LABELS = {"PERSON", "ORG", "GPE", "LOC"}


def _names(doc):
    return {(e.text, e.label_) for e in doc.ents if e.label_ in NAME_LABELS}


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        # a result: Title Case words and no final stop, but it ends in a score
        ("Brentwick Rovers 2 Oldcastle Athletic 1", {"Brentwick Rovers", "Oldcastle Athletic"}),
        # a fixture list: "v" between clubs
        (
            "Postponed : Harwick Town v Dunmoor , Eastleigh v Pembury",
            {"Harwick Town", "Dunmoor", "Eastleigh", "Pembury"},
        ),
        # a cricket score card: "c" (caught by) and "b" (bowled by)
        ("Tomasz Brzeski c Fennimore b Halloran 41", {"Tomasz Brzeski", "Fennimore", "Halloran"}),
    ],
)
def test_results_and_fixtures_are_not_headings(nlp, line, expected):
    doc = nlp(f"{line}\nThe league said the matches would be replayed next month.")
    assert {text for text, _ in _names(doc)} == expected


def test_a_title_case_heading_is_still_a_heading(nlp):
    doc = nlp("Drone Strikes Deepen Worries Over Grain Corridor\nThe ministers met in Odesa.")
    assert {text for text, _ in _names(doc)} == {"Odesa"}


def _merged_with_opener_as_adverb(nlp, text):
    doc = nlp(text)
    doc[0].pos_ = "ADV"  # what the tagger says of many unknown capitalized words
    conll = [Span(doc, s.start, s.end, label=s.label_) for s in doc.spans[CONLL_KEY]]
    return {e.text for e in merge_conll_spans(doc, conll)}


def test_unknown_word_opening_a_line_stays_a_name_though_tagged_adverb(nlp):
    assert "Brechin" in _merged_with_opener_as_adverb(nlp, "Brechin 3 2 0 1 7 4 6")


def test_dictionary_adverb_opening_a_sentence_is_not_a_name(nlp):
    doc = nlp("Ultimately , the talks in Geneva failed .")
    assert _merged_with_opener_as_adverb(nlp, doc.text) & {"Ultimately"} == set()
    assert "Geneva" in {e.text for e in doc.ents}


@pytest.mark.parametrize(
    ("text", "event"),
    [
        ("She reached the final of the Warsaw Open on Sunday.", "Warsaw Open"),
        ("He won the Lviv Grand Prix last year.", "Lviv Grand Prix"),
    ],
)
def test_known_place_opening_an_event_name_is_not_a_place(nlp, text, event):
    doc = nlp(text)
    assert event in {s.text for s in doc.spans[CONLL_KEY] if s.label_ == "MISC"}
    assert not any(e.label_ in {"GPE", "LOC"} for e in doc.ents)


def test_known_place_standing_alone_is_still_a_place(nlp):
    doc = nlp("Delegates gathered in Warsaw for the summit.")
    assert [(e.text, e.label_, e.ent_id_) for e in doc.ents] == [("Warsaw", "GPE", "Warsaw")]
