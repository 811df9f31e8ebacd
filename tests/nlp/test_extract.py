"""doc_to_records / extract_documents: long texts in pieces, one extractor's failure kept to itself."""

from __future__ import annotations

import pytest

from sitroom.nlp import extract as nlp_extract
from sitroom.nlp.extract import Document, doc_to_records, extract_documents, parse_texts
from sitroom.nlp.pieces import split_text
from sitroom.records import Extraction

PARAGRAPHS = [
    "Air defence units shot down 14 drones over Mykolaiv on Tuesday, the regional governor said.",
    '"We expect more attacks before the winter," Colonel Dana Ostrova told reporters in Kyiv.',
    "The ministry put the cost of repairs at $3.5 million. Crews worked through the night.",
    "Talks between the two delegations resumed in Geneva on March 4, 2025.",
]


def _spans(extraction: Extraction) -> list[tuple[str, int, int, str]]:
    """Every span record of an extraction as (kind, start, end, text)."""
    return [
        (kind, record.start, record.end, record.text)
        for kind in ("mentions", "quotes", "claims", "timexes", "places", "events")
        for record in getattr(extraction, kind)
    ]


def _assert_provenance(extraction: Extraction, text: str) -> None:
    for kind, start, end, span_text in _spans(extraction):
        assert text[start:end] == span_text, (kind, start, end)


# ---------------------------------------------------------------- pieces


@pytest.mark.parametrize(
    ("text", "piece_chars", "pieces"),
    [
        ("short text", 100, ["short text"]),
        ("One. Two.\n\nThree. Four.\n\nFive.", 16, ["One. Two.\n\n", "Three. Four.\n\n", "Five."]),
        ("One two. Three four. Five six.", 18, ["One two. ", "Three four. ", "Five six."]),
        ("one two three four five", 10, ["one two ", "three ", "four five"]),
        ("abcdefghij" * 3, 12, ["abcdefghijab", "cdefghijabcd", "efghij"]),
    ],
)
def test_split_text_prefers_paragraphs_then_sentences(
    text: str, piece_chars: int, pieces: list[str]
) -> None:
    assert [text[start:end] for start, end in split_text(text, piece_chars=piece_chars)] == pieces


def test_split_text_covers_the_text_in_bounded_pieces() -> None:
    text = "\n\n".join(PARAGRAPHS * 40)
    bounds = split_text(text, piece_chars=500)
    assert "".join(text[start:end] for start, end in bounds) == text
    assert all(0 < end - start <= 500 for start, end in bounds)
    assert all(text[end - 2 : end] == "\n\n" for _, end in bounds[:-1])


@pytest.mark.issue(12)
def test_a_text_parsed_in_pieces_is_one_doc_with_the_whole_text(nlp) -> None:
    text = "\n\n".join(PARAGRAPHS * 3)
    (doc,) = parse_texts([text], piece_chars=200)
    assert doc.text == text
    (whole,) = parse_texts([text])
    extraction = doc_to_records(doc, article_id="a1", published="2025-03-01")
    _assert_provenance(extraction, text)
    reference = doc_to_records(whole, article_id="a1", published="2025-03-01")
    # Cut at paragraph breaks, the pieces read as the whole does.
    for kind in ("quotes", "claims", "timexes"):
        assert getattr(extraction, kind) == getattr(reference, kind), kind
    assert len(extraction.claims) == 9


@pytest.mark.issue(12)
def test_an_article_over_a_million_characters_is_extracted(nlp) -> None:
    # spaCy refuses texts over nlp.max_length (E088). Real paragraphs at the start, past the
    # middle and at the very end, blank lines between them (cheap to parse, so the test is quick).
    filler = ("\n\n" + " " * 998) * 610
    text = PARAGRAPHS[0] + filler + PARAGRAPHS[2] + filler + PARAGRAPHS[3]
    assert len(text) > 1_200_000 > nlp.max_length
    (extraction,) = extract_documents([Document(id="big", text=text, published="2025-03-05")])
    _assert_provenance(extraction, text)
    claims = {c.text: c for c in extraction.claims}
    assert claims["14"].start < 100
    assert claims["$3.5 million"].value == 3_500_000 and claims["$3.5 million"].start > 500_000
    (timex,) = [t for t in extraction.timexes if t.text == "March 4, 2025"]
    assert timex.start > 1_100_000 and timex.value == "2025-03-04"


def test_texts_under_the_piece_size_parse_as_before(nlp) -> None:
    text = "\n\n".join(PARAGRAPHS)
    (doc,) = parse_texts([text])
    reference = nlp(text)
    assert [(t.text, t.dep_, t.head.i, t.ent_type_) for t in doc] == [
        (t.text, t.dep_, t.head.i, t.ent_type_) for t in reference
    ]


# ---------------------------------------------------------------- one extractor's failure


def _broken(*args: object, **kwargs: object) -> list[object]:
    raise KeyError("boom")


@pytest.mark.issue(12)
def test_a_failing_extractor_costs_only_its_own_records(nlp, monkeypatch) -> None:
    monkeypatch.setattr(nlp_extract, "extract_claims", _broken)
    text = "\n\n".join(PARAGRAPHS)
    extraction = doc_to_records(nlp(text), article_id="a1", published="2025-03-01")
    assert [(f.source, f.stage) for f in extraction.failures] == [("a1", "extract:claims")]
    assert "KeyError" in extraction.failures[0].message
    assert extraction.claims == ()
    assert extraction.quotes and extraction.timexes and extraction.places and extraction.mentions
    _assert_provenance(extraction, text)


@pytest.mark.issue(12)
def test_claims_survive_a_failing_time_expression_extractor(nlp, monkeypatch) -> None:
    monkeypatch.setattr(nlp_extract, "extract_timexes", _broken)
    text = "In 2022 the brigade lost 40 tanks."
    extraction = doc_to_records(nlp(text), article_id="a1", published=None)
    assert [f.stage for f in extraction.failures] == ["extract:timexes"]
    assert [(c.text, c.value) for c in extraction.claims] == [("40", 40)]


def test_a_clean_extraction_has_no_failures(nlp) -> None:
    extraction = doc_to_records(nlp(PARAGRAPHS[0]), article_id="a1", published=None)
    assert extraction.failures == () and extraction.claims
