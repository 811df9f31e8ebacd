"""The tune/check halves of every development set: tune rules on one, only check on the other.

A document (an article, a file, a sentence group) belongs to ``tune`` when the SHA-1 of its
id is even, else to ``check`` — the rule the real-news gold uses (``eval/gold/check_gold.py``).
Eval modules score each half apart and report ``<metric>_tune`` and ``<metric>_check`` beside
the figure over everything, so a rule that helps only the half it was tuned on shows as
fitting, not learning (issue 11).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from typing import TypeVar

__all__ = ["HALVES", "half_of", "split_halves"]

HALVES = ("tune", "check")

T = TypeVar("T")


def half_of(doc_id: str) -> str:
    """``tune`` when SHA-1(doc_id) is even, else ``check``."""
    return HALVES[int(hashlib.sha1(doc_id.encode("utf-8")).hexdigest(), 16) % 2]


def split_halves(items: Iterable[T], key: Callable[[T], str]) -> dict[str, list[T]]:
    """Items by half, in their given order: ``{"tune": [...], "check": [...]}``."""
    halves: dict[str, list[T]] = {half: [] for half in HALVES}
    for item in items:
        halves[half_of(key(item))].append(item)
    return halves
