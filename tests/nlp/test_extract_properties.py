"""Property: the whole extraction never raises and every record's span is its text.

Generated news-like texts (names, figures with units, quotes in odd quotation marks,
dates, odd punctuation and whitespace, long sentences, unicode) run through the real
pipeline in batches (``nlp.pipe``) and ``doc_to_records``. At least 10,000 texts per run.
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sitroom.nlp.extract import doc_to_records
from sitroom.records import Extraction

# Texts per example and examples per run: 10,000 texts, parsed 50 at a time.
BATCH = 50
EXAMPLES = 200

NAMES = [
    "Olena Kovalenko", "Volodymyr Zelenskyy", "Dmitry Peskov", "José Ángel Martínez",
    "Łukasz Wróbel", "Søren Ødegaard", "Ngozi Okonjo", "O'Brien", "Jean-Luc Picard-Smith",
    "the Kremlin spokesperson", "one analyst", "Mr. Lee", "Dr. Amina Yusuf", "ТАСС",
    "Ким Чен Ын", "محمد", "the ministry", "NATO", "the U.N.", "Ukraine's General Staff",
]  # fmt: skip
PLACES = [
    "Kharkiv", "Odesa", "Kyiv", "DR Congo", "the Zaporizhzhia region", "Washington",
    "Kursk Oblast", "Gaza", "São Paulo", "Zürich", "Kinshasa", "the Black Sea", "Київ",
    "Springfield, Ohio", "U.S.", "North Korea", "Lviv", "Bakhmut", "Pokrovsk",
]  # fmt: skip
FIGURES = [
    "14 drones", "1,200 troops", "$3.5bn", "€118 billion ($126 billion)", "40%", "3.2 million",
    "between 3,000 and 5,000 soldiers", "more than 10,000", "up to 12", "nearly half",
    "two-thirds", "twenty-five tanks", "minus 20 degrees Celsius", "7 1/2 miles", "0.5",
    "99999999999999999999 shells", "1e10", "10 000 people", "٣ صواريخ", "USD10m",
    "hundreds of missiles", "tens of thousands", "a dozen F-16s", "Kh-101", "S-400",
    "the 47th Brigade", "Game 7", "£2.7m", "₴500 million", "-3", "+15%", "1/3", "100 km2",
]  # fmt: skip
DATES = [
    "on Tuesday", "last week", "March 4, 2025", "in 2024", "the 1990s", "Q3", "2025-W10",
    "31/02/2025", "half a millennium ago", "10,000,000 days ago", "two and a half years ago",
    "earlier this month", "at 3 p.m.", "overnight", "Sept. 30", "next spring", "a decade ago",
    "99999 quarters from now", "the third quarter", "every week", "on Feb. 30", "in the 21st century",
]  # fmt: skip
VERBS = ["said", "told reporters", "claimed", "denied", "warned", "estimated", "reported"]
EVENTS = [
    "Russian forces shelled", "drones struck", "air defence shot down missiles over",
    "the army withdrew from", "talks were held in", "sanctions were imposed on",
    "Germany pledged aid to", "troops were deployed near", "protesters gathered in",
]  # fmt: skip
QUOTES = [("\u201c", "\u201d"), ('"', '"'), ("\u00ab", "\u00bb"), ("\u201e", "\u201c"),
          ("'", "'"), ("\u2018", "\u2019"), ("\u2039", "\u203a"), ('"', ""), ("", "\u201d"),
          ("\u300c", "\u300d"), ("''", "''")]  # fmt: skip
ODD = [" ", "  ", "\t", "\n", "\n\n", "\u00a0", "\u200b", "\r\n", " \u2014 ", "...", "!!", "?!",
       " (", ") ", "[", "]", ";", ":", " - ", "\u2026", "\U0001F680", "e\u0301", "\u202e", "*"]  # fmt: skip

names, places, figures, dates = (st.sampled_from(x) for x in (NAMES, PLACES, FIGURES, DATES))
odd = st.sampled_from(ODD)


@st.composite
def sentences(draw: Any) -> str:
    """One news-like sentence, plain or with a quote, an event, a list of figures or noise."""
    kind = draw(st.integers(0, 5))
    if kind == 0:
        return f"{draw(names)} {draw(st.sampled_from(VERBS))} {draw(figures)} were lost in {draw(places)} {draw(dates)}."
    if kind == 1:
        left, right = draw(st.sampled_from(QUOTES))
        said = draw(st.sampled_from(VERBS))
        return f"{left}{draw(figures)} hit {draw(places)}{draw(odd)}{right} {draw(names)} {said}."
    if kind == 2:
        return f"{draw(dates).capitalize()}, {draw(st.sampled_from(EVENTS))} {draw(places)}, {draw(names)} said."
    if kind == 3:
        listed = draw(st.lists(figures, min_size=5, max_size=12))
        return (
            f"According to {draw(names)}, the losses were " + ", ".join(listed) + f" {draw(dates)}."
        )
    if kind == 4:
        noise = draw(st.text(min_size=0, max_size=40))
        return f"{draw(names)}{draw(odd)}{noise}{draw(odd)}{draw(figures)}"
    words = draw(st.lists(st.one_of(names, places, figures, dates, odd), min_size=1, max_size=8))
    return " ".join(words)


texts = st.lists(sentences(), min_size=1, max_size=3).map(" ".join)


def _check(extraction: Extraction, text: str) -> None:
    assert extraction.failures == (), extraction.failures
    for kind in ("mentions", "quotes", "claims", "timexes", "places", "events"):
        for record in getattr(extraction, kind):
            assert text[record.start : record.end] == record.text, (kind, record)
    for quote in extraction.quotes:
        if quote.speaker_start is not None and quote.speaker_end is not None:
            assert text[quote.speaker_start : quote.speaker_end] == quote.speaker_text, quote


@pytest.mark.slow
@pytest.mark.issue(12)
def test_extraction_never_raises_and_spans_are_their_text(nlp) -> None:
    seen = 0

    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(st.lists(texts, min_size=BATCH, max_size=BATCH))
    def extract_batch(batch: list[str]) -> None:
        nonlocal seen
        for n, doc in enumerate(nlp.pipe(batch)):
            text = batch[n]
            _check(doc_to_records(doc, article_id=f"t{n}", published="2025-03-05"), text)
        seen += len(batch)

    extract_batch()
    assert seen >= BATCH * EXAMPLES
