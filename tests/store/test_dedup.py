"""Near-duplicates: stored and linked (never dropped), index rebuilt on reopen, rollback-safe."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitroom.config import Settings
from sitroom.store import get_article, open_store, save_articles, stats
from tests.store.store_helpers import build_article

ORIGINAL = [
    "Rescue crews in the northern town spent the whole night pulling residents from a collapsed apartment block.",
    "The regional administration said the building was hit shortly after two in the morning by a guided bomb.",
    "Local volunteers brought blankets, water and generators to the school that now serves as a shelter.",
    "Officials promised to publish a full list of damaged homes once engineers finish inspecting the site.",
]
# A syndicated re-edit: one sentence reworded, one clause appended.
EDITED = ORIGINAL[:3] + [
    "Officials promised to publish a full list of damaged homes once engineers finish inspecting the site, a spokesperson added."
]
# Same topic, different story: shares names and words, not whole 5-word runs.
SAME_TOPIC = [
    "A guided bomb hit an apartment block in the northern town, the regional administration reported.",
    "Emergency workers searched the rubble while volunteers set up a shelter in a school nearby.",
    "Engineers said the damaged homes would need weeks of inspection before residents could return.",
]


def test_near_duplicate_is_stored_and_linked(db) -> None:
    original = build_article("Night of rescue", ORIGINAL)
    edited = build_article("Night of rescue in the north", EDITED)
    other = build_article("Bomb hits town", SAME_TOPIC)
    result = save_articles(db, [original, edited, other])
    assert result.new == (original.id, edited.id, other.id)
    assert result.near_duplicate == (edited.id,)
    assert get_article(db, edited.id).duplicate_of == original.id
    assert get_article(db, other.id).duplicate_of is None
    assert get_article(db, edited.id).text == edited.text  # kept whole, not dropped
    assert stats(db)["duplicates"] == 1


def test_copy_of_a_copy_points_at_the_original(db) -> None:
    original = build_article("A", ORIGINAL)
    edited = build_article("B", EDITED)
    again = build_article("C", EDITED[:3] + [EDITED[3] + " More later."])
    save_articles(db, [original, edited, again])
    assert get_article(db, again.id).duplicate_of == original.id


def test_index_is_rebuilt_from_stored_signatures(tmp_path: Path) -> None:
    path = tmp_path / "d.db"
    original = build_article("Night of rescue", ORIGINAL)
    with open_store(path) as db:
        save_articles(db, [original])
    with open_store(path) as db:
        edited = build_article("Rewritten", EDITED)
        save_articles(db, [edited])
        assert get_article(db, edited.id).duplicate_of == original.id


def test_rolled_back_article_leaves_no_trace_in_the_index(db) -> None:
    original = build_article("Rolled back", ORIGINAL)
    with pytest.raises(RuntimeError), db.transaction():
        save_articles(db, [original])
        raise RuntimeError("input failed after its articles were written")
    assert stats(db)["articles"] == 0
    edited = build_article("Kept", EDITED)
    save_articles(db, [edited])
    assert get_article(db, edited.id).duplicate_of is None


def test_threshold_comes_from_settings(tmp_path: Path) -> None:
    strict = Settings(near_duplicate_threshold=0.99)
    with open_store(tmp_path / "strict.db", settings=strict) as db:
        save_articles(db, [build_article("A", ORIGINAL), build_article("B", EDITED)])
        assert stats(db)["duplicates"] == 0


def test_articles_from_another_writer_are_seen(tmp_path: Path) -> None:
    path = tmp_path / "shared.db"
    with open_store(path) as first, open_store(path) as second:
        second.dedup  # noqa: B018 - build its index before the other writer's insert
        original = build_article("Night of rescue", ORIGINAL)
        save_articles(first, [original])
        edited = build_article("Rewritten elsewhere", EDITED)
        save_articles(second, [edited])
        assert get_article(second, edited.id).duplicate_of == original.id
