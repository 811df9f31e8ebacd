"""Quote speakers as canonical actors: one index with event actors, aliases kept (issue 10)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from sitroom.reconcile import (
    ActorIndex,
    EventRow,
    actor_names,
    group_speakers,
    list_speakers,
    reconcile_store,
    speaker_actor,
)
from sitroom.records.reconciled import SpeakerCount
from sitroom.report import build_brief
from sitroom.store import Store, open_store
from tests.reconcile.speakers_seed import FULL, TITLED, build_speakers_db

pytestmark = pytest.mark.issue(10)


@pytest.fixture(scope="module")
def speakers_db_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_speakers_db(tmp_path_factory.mktemp("speakers") / "speakers.db")


@pytest.fixture
def db(speakers_db_path: Path) -> Iterator[Store]:
    with open_store(speakers_db_path) as store:
        yield store


def test_titled_speaker_folds_into_the_full_name(db: Store) -> None:
    assert db.read_actor_names()[TITLED] == FULL
    (petrenko,) = [s for s in list_speakers(db) if "Petrenko" in s.actor]
    assert petrenko.actor == FULL
    assert set(petrenko.names) == {FULL, TITLED}
    assert TITLED in petrenko.aliases and petrenko.quotes == 4


def test_quotes_keep_the_texts_spelling_as_evidence(db: Store) -> None:
    quotes = db.list_quotes(speaker=TITLED)
    assert quotes and {q.speaker for q in quotes} == {TITLED}
    for q in quotes:
        text = db.get_article(q.article_id).text
        assert text[q.start : q.end] == q.text
        assert q.speaker_start is not None and q.speaker_end is not None
        assert text[q.speaker_start : q.speaker_end] == q.speaker_text


def test_filter_by_canonical_actor_finds_every_spelling(db: Store) -> None:
    quotes = db.list_quotes(speaker=FULL)
    assert {q.speaker for q in quotes} == {FULL, TITLED}
    assert len({q.article_id for q in quotes}) == 2


def test_brief_names_one_speaker_for_both_spellings(db: Store) -> None:
    brief = build_brief(db)
    (section,) = [s for s in brief.sections if s.title == "Notable quotes"]
    said = [s.text for s in section.sentences]
    assert len(said) == 1 and said[0].startswith(FULL)
    assert not any(s.startswith(TITLED) for s in said)


def test_reconcile_after_quotes_change_rewrites_actor_names(speakers_db_path: Path) -> None:
    with open_store(speakers_db_path) as store:
        assert reconcile_store(store, if_stale=True) is None  # unchanged: nothing to do
        before = store.read_actor_names()
        assert reconcile_store(store) is not None
        assert store.read_actor_names() == before


def _event(actor: str | None, target: str | None = None) -> EventRow:
    return EventRow(
        id=1,
        article_id="a1",
        event_type="strike",
        plover="ATTACK",
        actor=actor,
        target=target,
        place=None,
        date=None,
        status="reported",
        claimant=None,
        outlet=None,
        published=None,
        start=0,
        end=1,
        text="x",
    )


def _speaker(name: str, quotes: int = 1, spelled: str | None = None) -> SpeakerCount:
    return SpeakerCount(speaker=name, speaker_text=spelled or name, quotes=quotes)


def test_speaker_and_event_actor_share_one_index() -> None:
    events = [_event("Taras Kovalenko", "Ukraine")]
    speakers = [_speaker("Mr Kovalenko", 3, "Kovalenko")]
    index = ActorIndex(["Taras Kovalenko", "Ukraine", "Mr Kovalenko"])
    names = actor_names(index, [n for e in events for n in (e.actor, e.target)], speakers)
    assert names["Mr Kovalenko"] == names["Taras Kovalenko"] == "Taras Kovalenko"


def test_two_people_with_one_surname_keep_a_bare_surname_apart() -> None:
    speakers = [
        _speaker("Oleksandr Petrenko", 2),
        _speaker("Iryna Petrenko", 2),
        _speaker("Mr Petrenko", 1, "Petrenko"),
    ]
    index = ActorIndex(s.speaker for s in speakers)
    names = actor_names(index, [], speakers)
    assert names["Mr Petrenko"] == "Petrenko"
    grouped = {s.actor: s for s in group_speakers(speakers, names)}
    assert set(grouped) == {"Oleksandr Petrenko", "Iryna Petrenko", "Petrenko"}


def test_speaker_with_no_actor_keeps_its_own_name() -> None:
    # "Western" names no actor; the quote still has its speaker, never dropped or merged.
    names = actor_names(ActorIndex(["Western"]), [], [_speaker("Western")])
    assert "Western" not in names
    assert speaker_actor("Western", names) == "Western"
    assert speaker_actor(None, names) is None


def test_pronoun_spelling_is_no_alias() -> None:
    speakers = [
        _speaker("Oleksandr Petrenko", 2),
        _speaker("Oleksandr Petrenko", 1, "he"),
        _speaker("Oleksandr Petrenko", 1, "She"),
    ]
    (grouped,) = group_speakers(speakers, {})
    assert grouped.aliases == ("Oleksandr Petrenko",) and grouped.quotes == 4


@pytest.mark.parametrize(("short", "full"), [("MoD", "Narendra Modi"), ("Pack", "Jan Pacek")])
def test_short_names_do_not_fold_into_a_similar_surname(short, full) -> None:
    speakers = [_speaker(full, 3), _speaker(short, 1)]
    names = actor_names(
        ActorIndex(name_counts={s.speaker: s.quotes for s in speakers}), [], speakers
    )
    assert names[short] == short


@pytest.mark.parametrize(
    ("spellings", "merged"),
    [
        (("Alexander Lukashenko", "Aleksander Lukashenko", "Alaxandr Lukashenko"), True),
        (("Sergey Lavrov", "Sergei Lavrov"), True),
        (("Alexander Petrenko", "Alexandra Petrenko"), False),
        (("Ivan Petrenko", "Iryna Petrenko"), False),
        (("Oleksandr Petrenko", "Oleksii Petrenko"), False),
    ],
)
def test_given_names_merge_only_as_transliterations(spellings, merged) -> None:
    speakers = [_speaker(name, 3 - i) for i, name in enumerate(spellings)]
    # The most quoted spelling is the canonical one.
    names = actor_names(
        ActorIndex(name_counts={s.speaker: s.quotes for s in speakers}), [], speakers
    )
    actors = {names[s] for s in spellings}
    assert (actors == {spellings[0]}) is merged
    assert len(actors) == (1 if merged else len(spellings))


def test_speakers_that_name_no_actor_are_no_rows() -> None:
    counts = [
        SpeakerCount(speaker="Wołodymyr Zełenski", speaker_text="Wołodymyr Zełenski", quotes=2),
        SpeakerCount(speaker="Volodymyr Zelensky", speaker_text="President Zelensky", quotes=3),
        SpeakerCount(speaker="minister", speaker_text="minister", quotes=4),  # a bare title
        SpeakerCount(speaker="Senate", speaker_text="the Senate", quotes=1),  # which state's?
    ]
    index = ActorIndex(name_counts={s.speaker: s.quotes for s in counts})
    rows = group_speakers(counts, actor_names(index, [], counts))
    assert [(r.actor, r.quotes) for r in rows] == [("Volodymyr Zelensky", 5)]
    assert set(rows[0].aliases) == {
        "Volodymyr Zelensky", "President Zelensky", "Wołodymyr Zełenski"
    }  # fmt: skip
