"""The gazetteers' on-disk cache: built once, reused, rebuilt when a source changes, safe to share."""

from __future__ import annotations

import marshal
import os
import random
import subprocess
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest
import spacy
from spacy.matcher import PhraseMatcher

from sitroom.nlp import cache
from sitroom.nlp.cache import CACHE_DIR_ENV, cache_dir, cached, cached_table, fingerprint
from sitroom.nlp.entities import gazetteer as entity_gazetteer
from sitroom.nlp.model import MODEL
from sitroom.nlp.places import gazetteer as places
from sitroom.nlp.places.candidates import Candidate, Gazetteer
from sitroom.nlp.places.index import PackedIndex, pack, unpack

pytestmark = pytest.mark.issue(13)

REPO = Path(__file__).resolve().parents[3]


def _counting(value: object) -> tuple[Callable[[], object], list[int]]:
    calls: list[int] = []

    def build() -> object:
        calls.append(1)
        return value

    return build, calls


@pytest.fixture(scope="module")
def built() -> Gazetteer:
    """The place gazetteer built in memory from the source data, the reference for lookups."""
    return places.build_gazetteer()


def _small_gazetteer() -> Gazetteer:
    kyiv = Candidate("Kyiv", "city", "UA", None, 50.45, 30.52, 2_900_000, 703448)
    ukraine = Candidate("Ukraine", "country", "UA", None, 49.0, 32.0, 44_000_000, 690791)
    donbas = Candidate("Donbas", "region", "UA", "Donbas", 48.0, 38.0, 3_000_000, curated=True)
    return Gazetteer(
        index={"kyiv": (kyiv,), "kiev": (kyiv,), "ukraine": (ukraine,), "donbas": (donbas, kyiv)},
        countries={"UA": ukraine},
        demonyms={"ukrainian": "UA"},
        us_states={},
    )


# --- the packed index gives the same lookups as the built one ---------------------------------


def test_packed_index_lookups_equal_the_built_index(built: Gazetteer, tmp_path: Path) -> None:
    # Through a real cache file, mapped as load_gazetteer maps it.
    cached_table("places", "test", lambda: pack(built), folder=tmp_path)
    table = cached_table("places", "test", dict, folder=tmp_path)
    assert isinstance(table["keys"], memoryview)
    loaded = unpack(table)
    assert isinstance(loaded.index, PackedIndex)
    assert len(loaded.index) == len(built.index)
    rng = random.Random(13)
    keys = rng.sample(sorted(built.index), 4000)
    keys += ["kharkiv", "new york", "w.va", "u.s", "donbas", "", "no such place", "ḱyiv"]
    for key in keys:
        assert loaded.index.get(key, ()) == built.index.get(key, ()), key
        assert (key in loaded.index) == (key in built.index), key
    for text in ("Kharkiv", "the Kursk region", "Washington", "Odesa", "Nowhereville"):
        assert loaded.lookup(text) == built.lookup(text)
    assert loaded.countries == built.countries
    assert loaded.demonyms == built.demonyms
    assert loaded.us_states == built.us_states


@pytest.mark.parametrize("through", ["marshal", "mapped file"])
def test_packed_index_keeps_key_order_and_shares_candidates(through: str, tmp_path: Path) -> None:
    small = _small_gazetteer()
    if through == "marshal":
        loaded = unpack(marshal.loads(marshal.dumps(pack(small))))
    else:
        loaded = unpack(cached_table("places", "small", lambda: pack(small), folder=tmp_path))
    assert list(loaded.index) == list(small.index)
    assert loaded.index["donbas"] == small.index["donbas"]
    # One object per candidate, however it is reached.
    assert loaded.index["kyiv"][0] is loaded.index["kiev"][0] is loaded.index["donbas"][1]
    assert loaded.countries["UA"] is loaded.index["ukraine"][0]
    assert loaded.index["donbas"][0].curated and not loaded.index["kyiv"][0].curated
    assert loaded.index["donbas"][0].geonames_id is None
    with pytest.raises(KeyError):
        loaded.index["lviv"]


# --- the cache file: built, reused, rebuilt ----------------------------------------------------


def test_cache_is_built_on_first_use_and_reused(tmp_path: Path) -> None:
    build, calls = _counting({"rows": (1, 2, 3)})
    assert cached("thing", "k1", build, folder=tmp_path) == {"rows": (1, 2, 3)}
    (path,) = tmp_path.glob("thing-*.marshal")
    stamp = path.stat().st_mtime_ns
    assert cached("thing", "k1", build, folder=tmp_path) == {"rows": (1, 2, 3)}
    assert len(calls) == 1
    assert path.stat().st_mtime_ns == stamp
    assert not list(tmp_path.glob(".*.tmp"))


def test_cache_is_rebuilt_when_the_key_changes(tmp_path: Path) -> None:
    build, calls = _counting("v")
    cached("thing", "k1", build, folder=tmp_path)
    cached("thing", "k2", build, folder=tmp_path)
    assert len(calls) == 2
    assert len(list(tmp_path.glob("thing-*.marshal"))) == 2


def test_cache_rebuilds_a_corrupt_file(tmp_path: Path) -> None:
    build, calls = _counting((1.5, "x"))
    cached("thing", "k", build, folder=tmp_path)
    (path,) = tmp_path.glob("thing-*.marshal")
    path.write_bytes(path.read_bytes()[:20])  # truncated
    assert cached("thing", "k", build, folder=tmp_path) == (1.5, "x")
    assert len(calls) == 2
    assert cached("thing", "k", build, folder=tmp_path) == (1.5, "x")
    assert len(calls) == 2


def test_unwritable_cache_folder_builds_in_memory(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    build, calls = _counting([1, 2])
    assert cached("thing", "k", build, folder=blocker / "cache") == [1, 2]
    assert cached("thing", "k", build, folder=blocker / "cache") == [1, 2]
    assert len(calls) == 2


def test_cache_folder_follows_the_environment(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv(CACHE_DIR_ENV, str(tmp_path / "mine"))
    assert cache_dir() == tmp_path / "mine"
    monkeypatch.delenv(CACHE_DIR_ENV)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache_dir() == tmp_path / "xdg" / "sitroom"


def test_fingerprint_changes_with_a_source_file(tmp_path: Path) -> None:
    source = tmp_path / "cities.json"
    source.write_text("[]")
    first = fingerprint("places", 1, files=[source])
    assert fingerprint("places", 1, files=[source]) == first
    assert fingerprint("places", 2, files=[source]) != first
    os.utime(source, ns=(source.stat().st_atime_ns, source.stat().st_mtime_ns + 10**9))
    assert fingerprint("places", 1, files=[source]) != first
    source.unlink()
    assert fingerprint("places", 1, files=[source]) != first


def test_concurrent_first_use_leaves_one_valid_file(tmp_path: Path) -> None:
    """Two processes building at the same moment: both get the value, the file is whole."""
    folder = tmp_path / "cache"
    script = textwrap.dedent(
        f"""
        import os, sys, time
        from pathlib import Path
        from sitroom.nlp.cache import cached

        gate = Path({str(tmp_path)!r})

        def build():
            # Wait until both processes are building, so their writes race.
            (gate / f"started-{{os.getpid()}}").touch()
            deadline = time.time() + 60
            while len(list(gate.glob("started-*"))) < 2 and time.time() < deadline:
                time.sleep(0.01)
            return {{"blob": bytes(range(256)) * 40_000, "pid": "same"}}

        value = cached("race", "k", build, folder=Path({str(folder)!r}))
        assert value["blob"] == bytes(range(256)) * 40_000
        """
    )
    procs = [
        subprocess.Popen([sys.executable, "-c", script], cwd=REPO, stderr=subprocess.PIPE)
        for _ in range(2)
    ]
    for proc in procs:
        _, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err.decode()
    assert len(list(tmp_path.glob("started-*"))) == 2
    assert len(list(folder.glob("race-*.marshal"))) == 1
    assert not list(folder.glob(".*.tmp"))
    build, calls = _counting(None)
    assert cached("race", "k", build, folder=folder)["blob"] == bytes(range(256)) * 40_000  # type: ignore[index]
    assert calls == []


# --- the mapped table file -----------------------------------------------------------------------


def test_table_columns_come_back_mapped_and_other_values_as_written(tmp_path: Path) -> None:
    table = {"odd": b"abc", "empty": b"", "words": ("Kyiv", None, 3), "ints": bytes(range(40))}
    build, calls = _counting(table)
    first = cached_table("thing", "k", build, folder=tmp_path)  # type: ignore[arg-type]
    again = cached_table("thing", "k", build, folder=tmp_path)  # type: ignore[arg-type]
    assert calls == [1]
    (path,) = tmp_path.glob("thing-*.table")
    for loaded in (first, again):
        assert loaded == table
        assert isinstance(loaded["ints"], memoryview)
        # Every column starts aligned in the file, so it can be cast to wider numbers.
        assert loaded["ints"].cast("q").tolist() == memoryview(table["ints"]).cast("q").tolist()  # type: ignore[arg-type]
    assert path.read_bytes().startswith(cache.TABLE_MAGIC)


@pytest.mark.parametrize("damage", ["truncated", "empty", "foreign"])
def test_table_file_damaged_is_rebuilt(tmp_path: Path, damage: str) -> None:
    table = {"blob": bytes(range(256)) * 100, "n": 7}
    build, calls = _counting(table)
    cached_table("thing", "k", build, folder=tmp_path)  # type: ignore[arg-type]
    (path,) = tmp_path.glob("thing-*.table")
    raw = path.read_bytes()
    path.write_bytes({"truncated": raw[:-10], "empty": b"", "foreign": b"x" * len(raw)}[damage])
    assert cached_table("thing", "k", build, folder=tmp_path) == table  # type: ignore[arg-type]
    assert calls == [1, 1]
    assert path.read_bytes() == raw


def test_a_new_build_removes_stale_builds_of_either_kind(tmp_path: Path) -> None:
    stale = cache.STALE_AFTER_S + 3600
    old_marshal = tmp_path / "thing-old1.marshal"
    old_table = tmp_path / "thing-old2.table"
    recent = tmp_path / "thing-old3.table"
    other = tmp_path / "other-old4.marshal"
    for path in (old_marshal, old_table, recent, other):
        path.write_bytes(b"x")
    for path in (old_marshal, old_table, other):
        os.utime(path, (path.stat().st_atime - stale, path.stat().st_mtime - stale))
    cached_table("thing", "new", lambda: {"blob": b"abc"}, folder=tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "other-old4.marshal", "thing-new.table", "thing-old3.table",
    ]  # fmt: skip


def test_table_without_a_writable_folder_is_the_built_one(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    table = {"blob": b"\x00\x01", "n": 7}
    assert cached_table("thing", "k", lambda: table, folder=blocker / "cache") == table


# --- load_gazetteer uses the cache -------------------------------------------------------------


def test_load_gazetteer_builds_once_then_reads_the_cache(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv(CACHE_DIR_ENV, str(tmp_path))
    builds: list[int] = []

    def build() -> Gazetteer:
        builds.append(1)
        return _small_gazetteer()

    monkeypatch.setattr(places, "build_gazetteer", build)
    first = places.load_gazetteer.__wrapped__()
    (path,) = tmp_path.glob("places-*.table")
    stamp = path.stat().st_mtime_ns
    second = places.load_gazetteer.__wrapped__()
    assert builds == [1]
    assert path.stat().st_mtime_ns == stamp
    assert second.lookup("Kyiv") == first.lookup("Kyiv") == _small_gazetteer().lookup("Kyiv")
    # A new builder version is a new key: rebuilt into a new file.
    monkeypatch.setattr(places, "GAZETTEER_VERSION", places.GAZETTEER_VERSION + 1)
    places.load_gazetteer.__wrapped__()
    assert builds == [1, 1]
    assert len(list(tmp_path.glob("places-*.table"))) == 2


def test_load_gazetteer_without_a_writable_cache(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    monkeypatch.setenv(CACHE_DIR_ENV, str(blocker))
    monkeypatch.setattr(places, "build_gazetteer", _small_gazetteer)
    assert places.load_gazetteer.__wrapped__().lookup("Kiev")[0].name == "Kyiv"


# --- the entity gazetteer's start-up data ------------------------------------------------------


def test_entity_start_data_from_the_cache_equals_a_fresh_read(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv(CACHE_DIR_ENV, str(tmp_path))
    data = entity_gazetteer._start_data.__wrapped__()
    assert list(tmp_path.glob("entities-*.marshal"))
    again = entity_gazetteer._start_data.__wrapped__()
    assert again == data == cache._read(next(tmp_path.glob("entities-*.marshal")))
    words = entity_gazetteer._read_english_words()
    cached_words: tuple[str, ...] = data["words"]  # type: ignore[assignment]
    assert frozenset(cached_words) == words
    fresh = [(s, e, a) for s, e, a in entity_gazetteer._geonames(words)]
    rows: tuple[tuple[object, ...], ...] = data["geonames"]  # type: ignore[assignment]
    assert [(r[0], r[1]) for r in rows] == [(s, e.name) for s, e, _ in fresh]
    monkeypatch.setattr(entity_gazetteer, "_start_data", lambda: data)
    assert list(entity_gazetteer._cached_geonames()) == fresh


def test_cached_alias_tokens_match_the_tokenizer(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv(CACHE_DIR_ENV, str(tmp_path))
    gazetteer = entity_gazetteer.load_gazetteer()
    nlp = spacy.load(MODEL)
    tokens = entity_gazetteer.alias_tokens(nlp, gazetteer)
    assert list(tmp_path.glob("alias-tokens-*.marshal"))
    assert entity_gazetteer.alias_tokens(nlp, gazetteer) == tokens
    for alias in gazetteer.aliases[::50]:
        doc = nlp.make_doc(alias.text)
        assert tokens[alias.text] == tuple(t.text for t in doc)
    # The matcher gives the same matches, in the same order, from cached tokens as from
    # tokenizing itself, and as a PhraseMatcher with one key and one Doc per alias.
    text = (
        "KYIV — Storm Shadow missiles hit Sevastopol on Monday, Ukraine's General Staff said, "
        "while Taurus missiles stayed in Germany and the U.S. weighed more aid to Kharkiv Oblast. "
        "NATO and the European Union met in Brussels; Kyiv, Odesa and KHARKIV had power cuts "
        "after Storm Shadow/SCALP strikes."
    )
    with_cache = entity_gazetteer.GazetteerMatcher(nlp, gazetteer, tokens=tokens)
    other = spacy.load(MODEL)
    plain = entity_gazetteer.GazetteerMatcher(other, gazetteer)
    found = [(a.text, s, e) for a, s, e in with_cache.matches(nlp.make_doc(text))]
    assert len(found) >= 10
    assert found == [(a.text, s, e) for a, s, e in plain.matches(other.make_doc(text))]
    reference = PhraseMatcher(nlp.vocab, attr="ORTH")
    for alias in gazetteer.aliases:
        reference.add(f"gaz:{alias.text}", [nlp.make_doc(alias.text)])
    doc = nlp.make_doc(text)
    expected = [(nlp.vocab.strings[k].removeprefix("gaz:"), s, e) for k, s, e in reference(doc)]
    assert found == expected


# --- lazy loading ------------------------------------------------------------------------------


def test_search_loads_neither_spacy_nor_gazetteers(tmp_path: Path) -> None:
    script = textwrap.dedent(
        f"""
        import sys
        import sitroom
        from sitroom.cli import cli

        sitroom.open_store({str(tmp_path / "s.db")!r}).close()
        try:
            cli(["search", "drones", "--db", {str(tmp_path / "s.db")!r}])
        except SystemExit as e:
            assert not e.code, e.code
        # Pure helpers of nlp/ (TIMEX3 values, the confidence bar) may be imported; spaCy,
        # the pipeline and the gazetteers' data must not be.
        heavy = {"spacy", "sitroom.nlp.pipeline", "sitroom.nlp.extract"}
        loaded = [m for m in sys.modules if m in heavy]
        assert not loaded, loaded
        gazetteers = sys.modules.get("sitroom.nlp.places.gazetteer")
        if gazetteers is not None:
            assert gazetteers.load_gazetteer.cache_info().currsize == 0
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", script],
        check=False,
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
