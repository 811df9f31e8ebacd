"""Independent sources (issue 10): copies, near-duplicates and one outlet count once."""

from __future__ import annotations

import pytest

from sitroom.reconcile.sources import SourceRef, copy_families, independent_sources

pytestmark = pytest.mark.issue(10)

WIRE = "Drones struck a fuel depot near Kremenchuk overnight, the regional governor said."
REEDITED = (
    "Drones hit a fuel depot near Kremenchuk overnight, the regional governor said on Monday."
)
OWN_WORDS = "A fuel depot burned after an overnight drone attack, local residents told reporters."


def test_a_copied_sentence_is_one_source() -> None:
    refs = [
        SourceRef(article_id="a", outlet="Wire Service", sentence=WIRE),
        SourceRef(article_id="b", outlet="Daily Paper", sentence=REEDITED),
    ]
    assert independent_sources(refs) == 1
    assert copy_families(refs) == {"a": "a", "b": "a"}


def test_own_words_from_another_outlet_are_a_second_source() -> None:
    refs = [
        SourceRef(article_id="a", outlet="Wire Service", sentence=WIRE),
        SourceRef(article_id="b", outlet="Daily Paper", sentence=REEDITED),
        SourceRef(article_id="c", outlet="Evening Post", sentence=OWN_WORDS),
    ]
    assert independent_sources(refs) == 2


def test_one_outlet_and_a_near_duplicate_count_once() -> None:
    refs = [
        SourceRef(article_id="a", outlet="Wire Service", sentence=WIRE),
        SourceRef(article_id="c", outlet="wire service", sentence=OWN_WORDS),
        SourceRef(article_id="d", duplicate_of="e", sentence="Short."),
        SourceRef(article_id="e", sentence="Another short one."),
    ]
    assert independent_sources(refs) == 2  # the outlet; the near-duplicate pair


def test_short_sentences_prove_no_copying() -> None:
    refs = [
        SourceRef(article_id="a", sentence="He said 300."),
        SourceRef(article_id="b", sentence="He said 300."),
    ]
    assert independent_sources(refs) == 2
    assert independent_sources([]) == 0
