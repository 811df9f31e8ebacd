"""m011 actor_names: reconcile's map of stored names to canonical actors, on both backends."""

from __future__ import annotations

import pytest

from sitroom.records import Extraction, Quote
from sitroom.records.reconciled import SpeakerCount
from sitroom.store import Store

pytestmark = pytest.mark.issue(10)

TEXT = (
    '"The ferry will sail again in May," Taras Holub told the council. '
    '"We have the parts," Mr Holub added.'
)


def _quote(article_id: str, said: str, speaker: str, spelled: str) -> Quote:
    start, at = TEXT.index(said), TEXT.index(spelled)
    return Quote(
        article_id=article_id,
        start=start,
        end=start + len(said),
        text=said,
        kind="direct",
        speaker=speaker,
        speaker_text=spelled,
        speaker_start=at,
        speaker_end=at + len(spelled),
        speaker_kind="person",
    )


@pytest.fixture
def stored(db: Store, make_article) -> Store:
    article = make_article("Ferry to sail", [TEXT], outlet="Lake Post", published="2025-05-01")
    db.save_articles([article])
    quotes = (
        _quote(article.id, "The ferry will sail again in May", "Taras Holub", "Taras Holub"),
        _quote(article.id, "We have the parts", "Mr Holub", "Holub"),
    )
    db.save_extraction(Extraction(article_id=article.id, quotes=quotes), pipeline_version="t")
    return db


def test_speaker_counts_list_each_spelling(stored: Store) -> None:
    assert stored.load_speaker_counts() == [
        SpeakerCount(speaker="Mr Holub", speaker_text="Holub", quotes=1),
        SpeakerCount(speaker="Taras Holub", speaker_text="Taras Holub", quotes=1),
    ]


def test_actor_names_round_trip_and_filter_quotes(stored: Store) -> None:
    assert [q.speaker for q in stored.list_quotes(speaker="Taras Holub")] == ["Taras Holub"]
    names = {"Mr Holub": "Taras Holub", "Taras Holub": "Taras Holub"}
    stored.replace_reconciled([], [], [], actor_names=names)
    assert stored.read_actor_names() == names
    found = stored.list_quotes(speaker="taras holub")
    assert [q.speaker for q in found] == ["Taras Holub", "Mr Holub"]
    stored.replace_reconciled([], [], [])
    assert stored.read_actor_names() == {}
    assert len(stored.list_quotes(speaker="Taras Holub")) == 1
