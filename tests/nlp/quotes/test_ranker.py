"""The learned speaker ranker (issue 11), on sentences written for these tests."""

from __future__ import annotations

import pytest

from sitroom.nlp.quotes.extract import extract_quotes, quoted_ranges
from sitroom.nlp.quotes.ranker import Candidate, Ranker, candidates, load_ranker
from sitroom.nlp.quotes.speakers import NameIndex, Speaker

pytestmark = pytest.mark.issue(11)


def test_the_shipped_weights_load() -> None:
    ranker = load_ranker()
    assert ranker is not None
    assert 0.0 < ranker.threshold < 1.0
    assert ranker.weights["bias"] != 0.0


def test_a_quotation_after_a_reporting_paragraph_gets_the_reporter(nlp) -> None:
    text = (
        "The brigade may leave the bridgehead before the frost, Syrskyi said.\n\n"
        "“It is not a question of whether, only of when. The men come first.”"
    )
    quotes = extract_quotes(nlp(text), article_id="art-1")
    direct = next(q for q in quotes if q.kind == "direct")
    assert (direct.speaker, direct.speaker_text, direct.cue) == ("Syrskyi", "Syrskyi", None)
    assert text[direct.speaker_start : direct.speaker_end] == "Syrskyi"


def test_a_quotation_with_no_one_around_it_stays_unattributed(nlp) -> None:
    text = "“Nothing moves on the road at night. Nobody dares to drive without lights now.”"
    (quote,) = extract_quotes(nlp(text), article_id="art-1")
    assert quote.speaker_text is None


def test_candidates_stand_outside_every_quotation(nlp) -> None:
    text = (
        "“Ask Marchenko, he knows the road,” the driver said.\n\n"
        "“We wait for the convoy every morning and it does not come.”"
    )
    doc = nlp(text)
    quoted = quoted_ranges(doc)
    second = text.index("We wait")
    found = candidates(
        doc,
        second,
        len(text) - 1,
        names=NameIndex(doc, ()),
        quoted=quoted,
        previous=None,
        taken=frozenset(),
    )
    assert [c.speaker.text for c in found] == ["the driver"]
    assert all(not (a <= c.speaker.start < b) for c in found for a, b in quoted)


def _candidate(text: str, *features: str) -> Candidate:
    speaker = Speaker(start=0, end=len(text), text=text, name=text, kind="person", token_i=0)
    return Candidate(speaker, ("bias", *features))


def test_the_best_candidate_under_the_threshold_is_no_one() -> None:
    ranker = Ranker({"bias": -1.0, "near": 3.0, "far": 0.5}, threshold=0.6)
    near, far = _candidate("Koval", "near"), _candidate("Petrenko", "far")
    assert ranker.best([far, near]) is near
    assert ranker.best([far]) is None  # p = 0.38
    assert ranker.best([]) is None
