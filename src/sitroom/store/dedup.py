"""Near-duplicate detection: MinHash signatures of article bodies, indexed with MinHash LSH.

A re-edited or syndicated copy of a story shares most of its word 5-shingles with the
original; two different stories on the same topic share far fewer (names and stock
phrases repeat, whole 5-word runs rarely do). So a Jaccard estimate over 5-shingles at
``Settings.near_duplicate_threshold`` (0.8) separates the two. Signatures are stored per
article (``articles.minhash``); the LSH index lives in the store too (``minhash_bands``, one
64-bit key per band and article, m009), so it costs no memory per article, follows the
store's transactions and sees other writers' commits without being told (issue 13).
"""

from __future__ import annotations

import functools
import hashlib
import re
from collections.abc import Iterator, Sequence
from itertools import islice
from typing import TYPE_CHECKING

import numpy as np

from sitroom.records import normalize_for_id
from sitroom.store.connection import Connection

if TYPE_CHECKING:
    from datasketch import MinHash  # no stubs or py.typed: ignore_missing_imports in pyproject

# datasketch is imported inside the functions that use it: it pulls in scipy (~0.8 s), which
# every `sitroom` command would otherwise pay at start-up, even those that never write.

__all__ = [
    "NUM_PERM",
    "SHINGLE_WORDS",
    "NearDuplicateIndex",
    "index_of",
    "signature",
    "to_bytes",
]

# 128 permutations: datasketch's default; standard error of the Jaccard estimate ~ 1/sqrt(128)
# = 0.09, tight enough around a 0.8 threshold since we re-check the estimate after LSH.
NUM_PERM = 128
# Word 5-shingles: Broder's classic choice for near-duplicate web pages; shorter shingles make
# unrelated same-topic stories look alike, longer ones miss copies with light edits.
SHINGLE_WORDS = 5
# Fixed seed so signatures written by one process compare with those of another.
SEED = 1
# datasketch 2's default permutation scheme, named because stored signatures must be read
# back with the scheme that made them; its hash values are uint32 (stored little-endian).
SCHEME = "affine32"

# LSH only proposes candidates (find() re-checks each Jaccard estimate against the real
# threshold), so its own threshold is clamped to where datasketch can still split 128
# permutations into at least two bands; above ~0.95 it refuses ("b < 2").
LSH_THRESHOLD_RANGE = (0.05, 0.9)

# Shingles hashed per datasketch call: update_batch builds a (shingles x NUM_PERM) array, so
# one call over a 50 MB one-line text (9 million shingles) took 6.5 GB (issue 12); 8,192
# shingles hold 8 MB at a time and hash as fast (bench/bench_big_inputs.py).
HASH_CHUNK = 8192

_WORD = re.compile(r"\w+")


def _shingle_hashes(text: str) -> Iterator[list[int]]:
    """datasketch's ``sha1_hash32`` of the body's word 5-shingles (the first 4 bytes of their
    UTF-8 SHA-1, little-endian), HASH_CHUNK at a time, repeats included (MinHash ignores
    them); a body of fewer words is one shingle of them all. Hashed here, in one loop,
    rather than one datasketch hash function call per shingle: a bulk load's hot path."""
    words = map(re.Match.group, _WORD.finditer(normalize_for_id(text)))
    run = list(islice(words, SHINGLE_WORDS - 1 + HASH_CHUNK))
    if not run:
        return
    sha1, join, from_bytes = hashlib.sha1, " ".join, int.from_bytes
    while True:
        # Shingle i is run[i : i + SHINGLE_WORDS]; a run shorter than that is one shingle.
        yield [
            from_bytes(sha1(join(run[i : i + SHINGLE_WORDS]).encode()).digest()[:4], "little")
            for i in range(max(1, len(run) - SHINGLE_WORDS + 1))
        ]
        more = list(islice(words, HASH_CHUNK))
        if not more:
            return
        # The next chunk starts with this one's last SHINGLE_WORDS - 1 words.
        run = run[len(run) - SHINGLE_WORDS + 1 :] + more


@functools.cache
def _permutations() -> np.ndarray:
    """The (a, b) permutation parameters of every signature (fixed by SEED and SCHEME):
    drawn once per process, not per article (datasketch draws them in each MinHash)."""
    from datasketch import MinHash

    permutations: np.ndarray = MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME).permutations
    return permutations


def signature(text: str) -> MinHash | None:
    """MinHash of the body's word 5-shingles; None for a body without words."""
    from datasketch import MinHash

    # The values are hashed already (_shingle_hashes): datasketch's hash function is int.
    minhash = MinHash(
        num_perm=NUM_PERM, seed=SEED, scheme=SCHEME, hashfunc=int, permutations=_permutations()
    )
    hashed = False
    for chunk in _shingle_hashes(text):
        minhash.update_batch(chunk)  # the min over chunks is the min over all
        hashed = True
    return minhash if hashed else None


def to_bytes(minhash: MinHash) -> bytes:
    return np.asarray(minhash.hashvalues, dtype="<u4").tobytes()


# Signatures read back per batch while the band keys are (re)built from them.
REBUILD_BATCH = 5_000


def _band_keys(values: np.ndarray, bands: int, rows: int) -> list[int]:
    """One signed 64-bit key per LSH band: a hash of the band number and its hash values.

    Two signatures share a key when a band of theirs is equal (as datasketch's MinHashLSH
    buckets them; a 64-bit hash collision only adds a candidate, which ``find`` re-checks).
    """
    raw = np.asarray(values, dtype="<u4")
    return [
        int.from_bytes(
            hashlib.blake2b(
                band.to_bytes(2, "little") + raw[band * rows : (band + 1) * rows].tobytes(),
                digest_size=8,
            ).digest(),
            "little",
            signed=True,
        )
        for band in range(bands)
    ]


def _values(raw: bytes) -> np.ndarray:
    """A stored signature's hash values (no MinHash object: building one is costly)."""
    return np.frombuffer(raw, dtype="<u4")


def _jaccard(a: np.ndarray, b: np.ndarray) -> float:
    """The MinHash Jaccard estimate: the share of equal hash values (``MinHash.jaccard``)."""
    return float(np.count_nonzero(a == b)) / NUM_PERM


class NearDuplicateIndex:
    """MinHash LSH over the store's ``minhash_bands`` table, one per connection.

    It holds nothing per article: candidates come from the table and their signatures from
    ``articles.minhash``, inside the caller's transaction, so a rollback takes back the keys
    with the articles and other writers' committed articles are found as they land.
    """

    def __init__(self, threshold: float) -> None:
        from datasketch import MinHashLSH

        self.threshold = threshold
        low, high = LSH_THRESHOLD_RANGE
        # datasketch's choice of bands x rows for this threshold (false positives and
        # negatives weighted equally); the object itself is not used.
        lsh = MinHashLSH(threshold=min(max(threshold, low), high), num_perm=NUM_PERM)
        self.bands, self.rows = int(lsh.b), int(lsh.r)
        self._checked = False  # the stored keys were made with this banding

    def _check(self, db: Connection) -> None:
        """(Re)build the band keys from the stored signatures if they were made otherwise.

        Runs once per connection: on a store from before m009, or after the threshold (so
        the banding) changed. Under the caller's write transaction.
        """
        if self._checked:
            return
        stored = db.one("SELECT bands, band_rows FROM minhash_banding WHERE id = 1")
        if stored is None or (int(stored[0]), int(stored[1])) != (self.bands, self.rows):
            db.execute("DELETE FROM minhash_bands")
            last = 0
            while rows := db.query(
                "SELECT seq, minhash FROM articles WHERE seq > ? AND minhash IS NOT NULL"
                " ORDER BY seq LIMIT ?",
                (last, REBUILD_BATCH),
            ):
                self._insert(db, [(row["seq"], _values(row["minhash"])) for row in rows])
                last = int(rows[-1]["seq"])
            db.execute(
                "INSERT INTO minhash_banding (id, bands, band_rows) VALUES (1, ?, ?)"
                " ON CONFLICT(id) DO UPDATE SET bands = excluded.bands,"
                " band_rows = excluded.band_rows",
                (self.bands, self.rows),
            )
        self._checked = True

    def _insert(self, db: Connection, signed: Sequence[tuple[int, np.ndarray]]) -> None:
        """Band keys of (article seq, signature hash values) pairs."""
        db.executemany(
            "INSERT INTO minhash_bands (band_key, article_seq) VALUES (?, ?)"
            " ON CONFLICT DO NOTHING",
            [
                (key, seq)
                for seq, values in signed
                for key in _band_keys(values, self.bands, self.rows)
            ],
        )

    def find(self, db: Connection, minhash: MinHash) -> str | None:
        """The stored article this signature near-duplicates, or None.

        LSH only proposes candidates; each is kept if its Jaccard estimate reaches the
        threshold. The best match wins (ties: smallest id, for determinism), and a match
        that is itself a copy is followed to its original so chains stay one level deep.
        """
        self._check(db)
        keys = _band_keys(minhash.hashvalues, self.bands, self.rows)
        rows = db.query(
            "SELECT id, minhash, duplicate_of FROM articles WHERE seq IN"
            f" (SELECT article_seq FROM minhash_bands WHERE band_key IN ({', '.join('?' * len(keys))}))",
            tuple(keys),
        )
        values = np.asarray(minhash.hashvalues, dtype=np.uint32)
        scored = [
            (_jaccard(values, _values(row["minhash"])), row["id"], row)
            for row in rows
            if row["minhash"] is not None
        ]
        matches = [item for item in scored if item[0] >= self.threshold]
        if not matches:
            return None
        _, best, row = min(matches, key=lambda item: (-item[0], item[1]))
        return str(row["duplicate_of"] or best)

    def add(self, db: Connection, seq: int, minhash: MinHash) -> None:
        """Index the stored article ``seq`` under its signature's band keys."""
        self._check(db)
        self._insert(db, [(seq, minhash.hashvalues)])

    def commit(self) -> None:
        """Nothing to keep: the keys were written in the transaction."""

    def rollback(self) -> None:
        """A rollback may have taken back a rebuild of the keys: check again next time."""
        self._checked = False


def index_of(db: Connection) -> NearDuplicateIndex:
    """``db``'s near-duplicate index (one per connection, told of commits and rollbacks)."""
    return db.attached(_build_index)


def _build_index(db: Connection) -> NearDuplicateIndex:
    return NearDuplicateIndex(db.settings.near_duplicate_threshold)
