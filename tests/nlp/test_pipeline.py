"""load_nlp / pipe_docs: component order, the trained CoNLL component, the merge, CoNLL reading."""

from __future__ import annotations

import pytest
from spacy.tokens import Doc, Span

from sitroom.nlp.entities.conll import iob_chunks, read_conll
from sitroom.nlp.entities.ner_merge import merge_conll_spans
from sitroom.nlp.model import NER_DIR
from sitroom.nlp.pipeline import load_nlp, pipe_docs

TEXTS = [
    "Russian forces shelled Kherson on Sunday, killing three people, Governor Oleksandr Prokudin said.",
    "The Pentagon said it would send 500 more Javelin missiles to Ukraine in March.",
    "Prime Minister Keir Starmer met French President Emmanuel Macron in London.",
]


def test_load_nlp_is_cached_and_ordered(nlp):
    assert load_nlp() is nlp
    names = nlp.pipe_names
    for required in (
        "tok2vec",
        "tagger",
        "parser",
        "lemmatizer",
        "ner",
        "sitroom_gazetteer",
        "conll_ner",
    ):
        assert required in names
    assert names.index("sitroom_gazetteer") < names.index("ner")
    assert names[-1] == "sitroom_ner_merge"


def test_trained_component_loads_from_package_data(nlp):
    assert (NER_DIR / "config.cfg").is_file()
    assert set(nlp.get_pipe("conll_ner").labels) == {"PER", "ORG", "LOC", "MISC"}


def test_doc_keeps_model_annotations_and_ontonotes_labels(nlp):
    doc = nlp(TEXTS[0])
    assert len(list(doc.sents)) >= 1
    assert all(t.pos_ and t.dep_ and t.lemma_ for t in doc)
    labels = {(e.text, e.label_) for e in doc.ents}
    assert ("Kherson", "GPE") in labels
    assert ("Oleksandr Prokudin", "PERSON") in labels
    assert ("Sunday", "DATE") in labels
    assert ("three", "CARDINAL") in labels
    assert "conll" in doc.spans
    assert all(doc.text[e.start_char : e.end_char] == e.text for e in doc.ents)


def test_pipe_docs_in_process_keeps_order(nlp):
    docs = list(pipe_docs(TEXTS))
    assert [d.text for d in docs] == TEXTS
    assert [(e.text, e.label_) for e in docs[2].ents] == [
        (e.text, e.label_) for e in nlp(TEXTS[2]).ents
    ]


@pytest.mark.slow
def test_pipe_docs_two_processes_matches_in_process(nlp):
    docs = list(pipe_docs(TEXTS, n_process=2, batch_size=1))
    assert [d.text for d in docs] == TEXTS
    for doc, text in zip(docs, TEXTS, strict=True):
        assert [(e.text, e.label_, e.ent_id_) for e in doc.ents] == [
            (e.text, e.label_, e.ent_id_) for e in nlp(text).ents
        ]


def test_merge_prefers_conll_names_and_gazetteer_spans(nlp):
    doc = Doc(
        nlp.vocab, words=["Dynamo", "Kyiv", "beat", "Shakhtar", "in", "Lviv", "on", "Sunday", "."]
    )
    doc.set_ents(
        [
            Span(doc, 1, 2, label="GPE", span_id="Kyiv"),  # gazetteer, inside a club name
            Span(doc, 3, 4, label="PERSON"),  # small model's mistake
            Span(doc, 5, 6, label="GPE", span_id="Lviv"),  # gazetteer
            Span(doc, 7, 8, label="DATE"),
        ]
    )
    conll = [
        Span(doc, 0, 2, label="ORG"),
        Span(doc, 3, 4, label="ORG"),
        Span(doc, 5, 6, label="PER"),
    ]
    merged = {(s.text, s.label_) for s in merge_conll_spans(doc, conll)}
    assert merged == {
        ("Dynamo Kyiv", "ORG"),
        ("Shakhtar", "ORG"),
        ("Lviv", "GPE"),
        ("Sunday", "DATE"),
    }


def test_read_conll_decodes_iob1(tmp_path):
    path = tmp_path / "tiny.conll"
    path.write_text(
        "-DOCSTART- -X- O O\n\n"
        "Maria NNP I-NP I-PER\nIvanenko NNP I-NP I-PER\nvisited VBD I-VP O\n"
        "Odesa NNP I-NP I-LOC\nLviv NNP I-NP B-LOC\n. . O O\n\n"
        "Dnipro NNP I-NP I-ORG\nwon VBD I-VP O\n",
        encoding="utf-8",
    )
    first, second = read_conll(path)
    assert first.chunks == ((0, 2, "PER"), (3, 4, "LOC"), (4, 5, "LOC"))
    assert [first.text[s:e] for s, e, _ in first.char_entities] == [
        "Maria Ivanenko",
        "Odesa",
        "Lviv",
    ]
    assert second.chunks == ((0, 1, "ORG"),)
    assert list(iob_chunks(["B-ORG", "I-ORG", "I-PER", "O"])) == [(0, 2, "ORG"), (2, 3, "PER")]


def test_title_case_heading_does_not_become_an_entity(nlp):
    doc = nlp(
        "Kremlin Dismisses Talks Amid Rising Tensions Over Drones\nUltimately, the talks in Geneva failed."
    )
    texts = {e.text for e in doc.ents}
    assert "Kremlin" in texts and "Geneva" in texts
    assert not any(len(t.split()) > 2 for t in texts)
    assert "Ultimately" not in texts


def test_organization_containing_a_place_drops_the_place_id(nlp):
    doc = nlp("Fans cheered as Dynamo Kyiv won the cup in Lviv on Saturday.")
    ents = {e.text: (e.label_, e.ent_id_) for e in doc.ents}
    assert ents.get("Dynamo Kyiv") == ("ORG", "")
    assert ents["Lviv"] == ("GPE", "Lviv")


def test_possessive_does_not_hide_a_known_name(nlp):
    doc = nlp("He read Zelensky’s letter twice.")
    assert [(e.text, e.ent_id_) for e in doc.ents if e.label_ == "PERSON"] == [
        ("Zelensky", "Volodymyr Zelensky")
    ]


@pytest.mark.parametrize(
    "heading",
    [
        "A Strained Alliance",
        "Economic Headwinds and Trade Tensions",
        "What the Summit Could Mean for European Security",
    ],
)
def test_heading_phrases_are_not_names(nlp, heading):
    doc = nlp(f"{heading}\nThe ministers met in Brussels on Monday.")
    assert {e.text for e in doc.ents if e.label_ in {"PERSON", "ORG", "GPE", "LOC"}} == {"Brussels"}
