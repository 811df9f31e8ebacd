"""Near-duplicate detection: MinHash signatures of article bodies, indexed with MinHash LSH.

A re-edited or syndicated copy of a story shares most of its word 5-shingles with the
original; two different stories on the same topic share far fewer (names and stock
phrases repeat, whole 5-word runs rarely do). So a Jaccard estimate over 5-shingles at
``Settings.near_duplicate_threshold`` (0.8) separates the two. Signatures are stored per
article (``articles.minhash``) and the LSH index is rebuilt from them when first needed.
"""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Iterator
from itertools import islice
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt

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
    "from_bytes",
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


def _shingles(text: str) -> Iterator[bytes]:
    """The body's word 5-shingles as they come, repeats included (MinHash ignores them);
    a body of fewer words is one shingle of them all."""
    words = (m.group() for m in _WORD.finditer(normalize_for_id(text)))
    window = deque(islice(words, SHINGLE_WORDS), maxlen=SHINGLE_WORDS)
    if not window:
        return
    yield " ".join(window).encode("utf-8")
    for word in words:
        window.append(word)
        yield " ".join(window).encode("utf-8")


def signature(text: str) -> MinHash | None:
    """MinHash of the body's word 5-shingles; None for a body without words."""
    from datasketch import MinHash

    minhash = MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME)
    shingles = _shingles(text)
    hashed = False
    while chunk := list(islice(shingles, HASH_CHUNK)):
        minhash.update_batch(chunk)  # the min over chunks is the min over all
        hashed = True
    return minhash if hashed else None


def to_bytes(minhash: MinHash) -> bytes:
    return np.asarray(minhash.hashvalues, dtype="<u4").tobytes()


def from_bytes(raw: bytes) -> MinHash:
    from datasketch import MinHash

    values = np.frombuffer(raw, dtype="<u4").astype(np.uint32)
    return MinHash(num_perm=NUM_PERM, seed=SEED, hashvalues=values, scheme=SCHEME)


class NearDuplicateIndex:
    """An LSH index over stored signatures whose inserts follow the store's transactions."""

    def __init__(self, threshold: float) -> None:
        from datasketch import MinHashLSH

        self.threshold = threshold
        low, high = LSH_THRESHOLD_RANGE
        self._lsh = MinHashLSH(threshold=min(max(threshold, low), high), num_perm=NUM_PERM)
        # Hash values only (512 bytes): a MinHash object also holds its own permutations,
        # 1.9 KB an article, which for a store of 200,000 articles was 380 MB (issue 12).
        self._signatures: dict[str, npt.NDArray[np.uint32]] = {}
        self._roots: dict[str, str] = {}  # article id -> the article it duplicates, if any
        self._pending: list[str] = []
        self._last_seq = 0

    @classmethod
    def from_store(cls, db: Connection) -> NearDuplicateIndex:
        """An index over every signature stored in ``db``."""
        index = cls(db.settings.near_duplicate_threshold)
        index.refresh(db)
        index._pending.clear()
        return index

    def refresh(self, db: Connection) -> None:
        """Add signatures other writers (processes sharing the file) committed since last seen.

        Called under the write lock, before this transaction's own inserts, so ``_last_seq``
        never passes a row that a rollback could take back.
        """
        rows = db.query(
            "SELECT seq, id, duplicate_of, minhash FROM articles"
            " WHERE seq > ? AND minhash IS NOT NULL ORDER BY seq",
            (self._last_seq,),
        )
        pending = set(self._pending)
        for row in rows:
            if row["id"] in pending:
                break  # this transaction's own rows: a rollback may still take them back
            if row["id"] not in self._signatures:
                self._add(row["id"], from_bytes(row["minhash"]), row["duplicate_of"])
                self._pending.pop()  # committed by another writer: not ours to undo
            self._last_seq = row["seq"]

    def _add(self, article_id: str, minhash: MinHash, duplicate_of: str | None) -> None:
        self._lsh.insert(article_id, minhash)
        self._signatures[article_id] = np.asarray(minhash.hashvalues, dtype=np.uint32)
        if duplicate_of:
            self._roots[article_id] = duplicate_of
        self._pending.append(article_id)

    def find(self, minhash: MinHash) -> str | None:
        """The stored article this signature near-duplicates, or None.

        LSH only proposes candidates; each is kept if its Jaccard estimate reaches the
        threshold. The best match wins (ties: smallest id, for determinism), and a match
        that is itself a copy is followed to its original so chains stay one level deep.
        """
        values = np.asarray(minhash.hashvalues, dtype=np.uint32)
        scored: list[tuple[float, str]] = [
            # MinHash.jaccard: the share of equal hash values
            (np.count_nonzero(values == self._signatures[key]) / NUM_PERM, key)
            for key in self._lsh.query(minhash)
            if key in self._signatures
        ]
        matches = [(score, key) for score, key in scored if score >= self.threshold]
        if not matches:
            return None
        best = min(matches, key=lambda pair: (-pair[0], pair[1]))[1]
        return self._roots.get(best, best)

    def add(self, article_id: str, minhash: MinHash, duplicate_of: str | None) -> None:
        if article_id not in self._signatures:
            self._add(article_id, minhash, duplicate_of)

    def commit(self) -> None:
        self._pending.clear()

    def rollback(self) -> None:
        """Forget inserts made since the last commit (their rows were rolled back)."""
        for key in self._pending:
            self._lsh.remove(key)
            self._signatures.pop(key, None)
            self._roots.pop(key, None)
        self._pending.clear()


def index_of(db: Connection) -> NearDuplicateIndex:
    """``db``'s near-duplicate index, built from its stored signatures on first use.

    The connection keeps it and tells it of each commit and rollback.
    """
    return db.attached(_build_index)


def _build_index(db: Connection) -> NearDuplicateIndex:
    return NearDuplicateIndex.from_store(db)
