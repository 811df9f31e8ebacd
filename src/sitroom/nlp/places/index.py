"""The place gazetteer packed into a few flat byte columns, and read back as a lazy name index.

Why: the built index holds ~180,000 candidates under ~200,000 names; as Python objects that
is hundreds of MB and seconds to make, and even a plain ``dict`` of the names costs a few
tenths of a second to re-create. Packed, every column is one ``bytes`` value (UTF-8 text
joined with an offsets array, numbers as arrays), and the names sit in an open-addressing
hash table keyed by ``zlib.crc32``; so reading it back creates almost no objects, and a
``Candidate`` is made only when a lookup first asks for it (the same object every later
time). The columns may be ``bytes`` or memoryviews of the memory-mapped cache file
(:func:`sitroom.nlp.cache.cached_table`), of which a lookup reads only the pages it touches. :func:`pack` and :func:`unpack` are exact inverses as far as lookups can tell: same
keys in the same order, same candidates in the same order.
"""

from __future__ import annotations

import zlib
from array import array
from collections.abc import Iterator, Mapping, Sequence
from typing import TypeVar, overload

from sitroom.nlp.places.candidates import Candidate, Gazetteer

__all__ = ["LAYOUT_VERSION", "PackedIndex", "PackedTable", "pack", "unpack"]

# Bump when the packed layout changes (it is part of the cache key).
LAYOUT_VERSION = 3
# geonames_id of a candidate that has none (GeoNames ids are positive).
NO_ID = -1
# Slots per name in the hash table, at least: a load factor under 1/2 keeps probes short.
TABLE_SLACK = 2
# Looked-up names remembered (hits and misses) before the memo starts over: bounds memory
# on a long batch, which asks about many distinct spans.
MEMO_LIMIT = 100_000

PackedTable = dict[str, object]
# A column: bytes when packed here, a memoryview when mapped from the cache file.
Column = bytes | memoryview
T = TypeVar("T")


def _joined(texts: Sequence[str]) -> tuple[bytes, bytes]:
    """UTF-8 texts concatenated, and the uint32 offsets (len + 1) that split them."""
    offsets = array("I", [0])
    parts = []
    total = 0
    for text in texts:
        raw = text.encode("utf-8")
        parts.append(raw)
        total += len(raw)
        offsets.append(total)
    return b"".join(parts), offsets.tobytes()


def _hash_table(keys: Sequence[bytes]) -> bytes:
    """Open addressing, linear probing: slot -> key number + 1 (0 = empty)."""
    size = 1
    while size < TABLE_SLACK * len(keys):
        size *= 2
    table = array("I", bytes(4 * size))
    mask = size - 1
    for number, key in enumerate(keys):
        slot = zlib.crc32(key) & mask
        while table[slot]:
            slot = (slot + 1) & mask
        table[slot] = number + 1
    return table.tobytes()


def pack(gazetteer: Gazetteer) -> PackedTable:
    """The gazetteer as plain values ``marshal`` can write (see :func:`unpack`)."""
    numbers: dict[int, int] = {}  # id(candidate) -> its row
    rows: list[Candidate] = []

    def number(cand: Candidate) -> int:
        row = numbers.get(id(cand))
        if row is None:
            row = numbers[id(cand)] = len(rows)
            rows.append(cand)
        return row

    # Countries first: unpack makes their candidates at once, and in adjacent rows that
    # reads a few pages of a mapped table rather than a page of each column per country.
    countries = {iso: number(c) for iso, c in gazetteer.countries.items()}
    keys = list(gazetteer.index)
    offsets = array("I", [0])
    postings = array("I")
    for key in keys:
        postings.extend(number(c) for c in gazetteer.index[key])
        offsets.append(len(postings))
    # Kinds, countries and admin1 names repeat: each row holds a number into a short list.
    kinds = sorted({c.kind for c in rows})
    places = sorted({p for c in rows for p in (c.country, c.admin1) if p is not None})
    place_number = {p: i + 1 for i, p in enumerate(places)}  # 0 = None
    coords = array("d")
    for c in rows:
        coords.extend((c.lat, c.lon))
    key_blob, key_offsets = _joined(keys)
    name_blob, name_offsets = _joined([c.name for c in rows])
    return {
        "layout": LAYOUT_VERSION,
        "keys": key_blob,
        "key_offsets": key_offsets,
        "table": _hash_table([k.encode("utf-8") for k in keys]),
        "offsets": offsets.tobytes(),
        "postings": postings.tobytes(),
        "names": name_blob,
        "name_offsets": name_offsets,
        "kinds": tuple(kinds),
        "kind": bytes(kinds.index(c.kind) for c in rows),
        "places": tuple(places),
        "country": array("I", (place_number.get(c.country, 0) for c in rows)).tobytes(),  # type: ignore[arg-type]
        "admin1": array("I", (place_number.get(c.admin1, 0) for c in rows)).tobytes(),  # type: ignore[arg-type]
        "coords": coords.tobytes(),
        "population": array("q", (c.population for c in rows)).tobytes(),
        "geonames_id": array(
            "q", (NO_ID if c.geonames_id is None else c.geonames_id for c in rows)
        ).tobytes(),
        "curated": tuple(i for i, c in enumerate(rows) if c.curated),
        "countries": countries,
        "demonyms": dict(gazetteer.demonyms),
        "us_states": dict(gazetteer.us_states),
    }


def _raw(table: PackedTable, name: str) -> Column:
    raw = table[name]
    if not isinstance(raw, bytes | memoryview):
        raise TypeError(f"packed gazetteer: {name} is not bytes")
    return raw


def _uint32s(table: PackedTable, name: str) -> memoryview[int]:
    return memoryview(_raw(table, name)).cast("I")


def _int64s(table: PackedTable, name: str) -> memoryview[int]:
    return memoryview(_raw(table, name)).cast("q")


def _floats(table: PackedTable, name: str) -> memoryview[float]:
    return memoryview(_raw(table, name)).cast("d")


class PackedIndex(Mapping[str, tuple[Candidate, ...]]):
    """Normalized name -> candidates, over a packed table; candidates are made on first use."""

    def __init__(self, table: PackedTable) -> None:
        self._keys = _raw(table, "keys")
        self._key_offsets = _uint32s(table, "key_offsets")
        self._table = _uint32s(table, "table")
        self._mask = len(self._table) - 1
        self._offsets = _uint32s(table, "offsets")
        self._postings = _uint32s(table, "postings")
        self._names = _raw(table, "names")
        self._name_offsets = _uint32s(table, "name_offsets")
        self._kinds: tuple[str, ...] = table["kinds"]  # type: ignore[assignment]
        self._kind = _raw(table, "kind")
        self._places: tuple[str | None, ...] = (None, *table["places"])  # type: ignore[misc]
        self._country = _uint32s(table, "country")
        self._admin1 = _uint32s(table, "admin1")
        self._coords = _floats(table, "coords")
        self._population = _int64s(table, "population")
        self._geonames_id = _int64s(table, "geonames_id")
        curated: tuple[int, ...] = table["curated"]  # type: ignore[assignment]
        self._curated = frozenset(curated)
        self._rows: dict[int, Candidate] = {}
        self._found: dict[int, tuple[Candidate, ...]] = {}
        self._memo: dict[str, int] = {}  # key -> its number, or -1 when absent

    def _key(self, number: int) -> Column:
        return self._keys[self._key_offsets[number] : self._key_offsets[number + 1]]

    def _number(self, key: str) -> int:
        """The key's number in the table, or -1."""
        number = self._memo.get(key)
        if number is not None:
            return number
        raw = key.encode("utf-8")
        slot = zlib.crc32(raw) & self._mask
        number = -1
        while entry := self._table[slot]:
            if self._key(entry - 1) == raw:
                number = entry - 1
                break
            slot = (slot + 1) & self._mask
        if len(self._memo) >= MEMO_LIMIT:
            self._memo.clear()
        self._memo[key] = number
        return number

    def candidate(self, row: int) -> Candidate:
        """The candidate in ``row`` of the table (one object per row)."""
        cand = self._rows.get(row)
        if cand is None:
            name = self._names[self._name_offsets[row] : self._name_offsets[row + 1]]
            gid = self._geonames_id[row]
            cand = self._rows[row] = Candidate(
                str(name, "utf-8"),
                self._kinds[self._kind[row]],
                self._places[self._country[row]],
                self._places[self._admin1[row]],
                self._coords[2 * row],
                self._coords[2 * row + 1],
                self._population[row],
                None if gid == NO_ID else gid,
                row in self._curated,
            )
        return cand

    def _at(self, number: int) -> tuple[Candidate, ...]:
        found = self._found.get(number)
        if found is None:
            rows = self._postings[self._offsets[number] : self._offsets[number + 1]]
            found = self._found[number] = tuple(self.candidate(r) for r in rows)
        return found

    def __getitem__(self, key: str) -> tuple[Candidate, ...]:
        number = self._number(key)
        if number < 0:
            raise KeyError(key)
        return self._at(number)

    @overload
    def get(self, key: str, /) -> tuple[Candidate, ...] | None: ...
    @overload
    def get(self, key: str, /, default: tuple[Candidate, ...] | T) -> tuple[Candidate, ...] | T: ...
    def get(self, key: str, /, default: object = None) -> object:
        number = self._number(key)
        return default if number < 0 else self._at(number)

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and self._number(key) >= 0

    def __iter__(self) -> Iterator[str]:
        for number in range(len(self)):
            yield str(self._key(number), "utf-8")

    def __len__(self) -> int:
        return len(self._key_offsets) - 1


def unpack(table: PackedTable) -> Gazetteer:
    """The gazetteer over a table from :func:`pack`."""
    if table.get("layout") != LAYOUT_VERSION:
        raise ValueError(f"packed gazetteer layout {table.get('layout')}, not {LAYOUT_VERSION}")
    index = PackedIndex(table)
    countries: dict[str, int] = table["countries"]  # type: ignore[assignment]
    return Gazetteer(
        index=index,
        countries={iso: index.candidate(row) for iso, row in countries.items()},
        demonyms=table["demonyms"],  # type: ignore[arg-type]
        us_states=table["us_states"],  # type: ignore[arg-type]
    )
