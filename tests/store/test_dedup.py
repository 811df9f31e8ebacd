"""Near-duplicates: stored and linked (never dropped), index rebuilt on reopen, rollback-safe."""

from __future__ import annotations

import pytest

from sitroom.config import Settings
from sitroom.store import open_store
from sitroom.store.dedup import index_of
from tests.store.store_helpers import build_article

ORIGINAL = [
    "Rescue crews in the northern town spent the whole night pulling residents from a collapsed apartment block.",
    "The regional administration said the building was hit shortly after two in the morning by a guided bomb.",
    "Local volunteers brought blankets, water and generators to the school that now serves as a shelter.",
    "Officials promised to publish a full list of damaged homes once engineers finish inspecting the site.",
]
# A syndicated re-edit: one sentence reworded, one clause appended.
EDITED = [
    *ORIGINAL[:3],
    "Officials promised to publish a full list of damaged homes once engineers finish inspecting the site, a spokesperson added.",
]
# Same topic, different story: shares names and words, not whole 5-word runs.
SAME_TOPIC = [
    "A guided bomb hit an apartment block in the northern town, the regional administration reported.",
    "Emergency workers searched the rubble while volunteers set up a shelter in a school nearby.",
    "Engineers said the damaged homes would need weeks of inspection before residents could return.",
]


def _save_then_fail(db, articles) -> None:
    """Save articles inside a transaction, then fail the input so the transaction rolls back."""
    with db.transaction():
        db.save_articles(articles)
        raise RuntimeError("input failed after its articles were written")


def test_near_duplicate_is_stored_and_linked(db) -> None:
    original = build_article("Night of rescue", ORIGINAL)
    edited = build_article("Night of rescue in the north", EDITED)
    other = build_article("Bomb hits town", SAME_TOPIC)
    result = db.save_articles([original, edited, other])
    assert result.new == (original.id, edited.id, other.id)
    assert result.near_duplicate == (edited.id,)
    assert db.get_article(edited.id).duplicate_of == original.id
    assert db.get_article(other.id).duplicate_of is None
    assert db.get_article(edited.id).text == edited.text  # kept whole, not dropped
    assert db.stats()["duplicates"] == 1


def test_copy_of_a_copy_points_at_the_original(db) -> None:
    original = build_article("A", ORIGINAL)
    edited = build_article("B", EDITED)
    again = build_article("C", [*EDITED[:3], EDITED[3] + " More later."])
    db.save_articles([original, edited, again])
    assert db.get_article(again.id).duplicate_of == original.id


def test_index_is_rebuilt_from_stored_signatures(new_target) -> None:
    path = new_target()
    original = build_article("Night of rescue", ORIGINAL)
    with open_store(path) as db:
        db.save_articles([original])
    with open_store(path) as db:
        edited = build_article("Rewritten", EDITED)
        db.save_articles([edited])
        assert db.get_article(edited.id).duplicate_of == original.id


def test_rolled_back_article_leaves_no_trace_in_the_index(db) -> None:
    original = build_article("Rolled back", ORIGINAL)
    with pytest.raises(RuntimeError):
        _save_then_fail(db, [original])
    assert db.stats()["articles"] == 0
    edited = build_article("Kept", EDITED)
    db.save_articles([edited])
    assert db.get_article(edited.id).duplicate_of is None


def test_threshold_comes_from_settings(new_target) -> None:
    strict = Settings(near_duplicate_threshold=0.99)
    with open_store(new_target(), settings=strict) as db:
        db.save_articles([build_article("A", ORIGINAL), build_article("B", EDITED)])
        assert db.stats()["duplicates"] == 0


def test_articles_from_another_writer_are_seen(new_target) -> None:
    path = new_target()
    with open_store(path) as first, open_store(path) as second:
        index_of(second.connection)  # build its index before the other writer's insert
        original = build_article("Night of rescue", ORIGINAL)
        first.save_articles([original])
        edited = build_article("Rewritten elsewhere", EDITED)
        second.save_articles([edited])
        assert second.get_article(edited.id).duplicate_of == original.id


def _band_rows(db) -> int:
    return int(db.connection.scalar("SELECT count(*) FROM minhash_bands"))


@pytest.mark.issue(13)
def test_band_keys_live_in_the_store_not_in_memory(db) -> None:
    db.save_articles([build_article("A", ORIGINAL), build_article("B", SAME_TOPIC)])
    index = index_of(db.connection)
    assert _band_rows(db) == 2 * index.bands  # one key per band and article
    assert set(vars(index)) == {"threshold", "bands", "rows", "_checked"}  # nothing per article


@pytest.mark.issue(13)
def test_rolled_back_article_leaves_no_band_keys(db) -> None:
    with pytest.raises(RuntimeError):
        _save_then_fail(db, [build_article("Rolled back", ORIGINAL)])
    assert _band_rows(db) == 0


@pytest.mark.issue(13)
@pytest.mark.parametrize(("threshold", "forget"), [(0.8, True), (0.5, False)])
def test_band_keys_are_rebuilt_from_stored_signatures(
    new_target, threshold: float, forget: bool
) -> None:
    """A store written before m009 (no keys) or under another threshold (other bands)."""
    path = new_target()
    original = build_article("Night of rescue", ORIGINAL)
    with open_store(path) as db:
        db.save_articles([original, build_article("Bomb hits town", SAME_TOPIC)])
        if forget:
            with db.transaction():
                db.connection.execute("DELETE FROM minhash_bands")  # as before m009
                db.connection.execute("DELETE FROM minhash_banding")
    with open_store(path, settings=Settings(near_duplicate_threshold=threshold)) as db:
        edited = build_article("Rewritten", EDITED)
        db.save_articles([edited])
        assert db.get_article(edited.id).duplicate_of == original.id
        bands = index_of(db.connection).bands
        assert _band_rows(db) == 3 * bands
        assert db.connection.one("SELECT bands, band_rows FROM minhash_banding")[0] == bands


@pytest.mark.issue(12)
def test_signature_of_a_long_text_is_hashed_in_bounded_chunks(monkeypatch) -> None:
    # datasketch holds a (shingles x permutations) array per update_batch call: one call
    # over a 50 MB one-line text took 6.5 GB. The chunks give the signature of the whole.
    from datasketch import MinHash

    from sitroom.records import normalize_for_id
    from sitroom.store import dedup

    words = [f"w{(i * 7919) % 3001}" for i in range(3 * dedup.HASH_CHUNK)]
    text = "  ".join(" ".join(words[i : i + 9]) + "." for i in range(0, len(words), 9))
    found = normalize_for_id(text).replace(".", " ").split()
    expected = MinHash(num_perm=dedup.NUM_PERM, seed=dedup.SEED, scheme=dedup.SCHEME)
    expected.update_batch(
        sorted({" ".join(found[i : i + 5]).encode() for i in range(len(found) - 4)})
    )
    sizes: list[int] = []
    update_batch = MinHash.update_batch

    def spy(self, values):
        sizes.append(len(values))
        update_batch(self, values)

    monkeypatch.setattr(MinHash, "update_batch", spy)
    got = dedup.signature(text)
    assert got is not None and list(got.hashvalues) == list(expected.hashvalues)
    assert len(sizes) >= 3 and max(sizes) <= dedup.HASH_CHUNK


@pytest.mark.parametrize("text", ["", " \n ", "... !!"])
def test_a_body_without_words_has_no_signature(text: str) -> None:
    from sitroom.store.dedup import signature

    assert signature(text) is None
