"""Independent sources: how many separate voices report something, copies counted once.

One function answers it for every view that counts sources (event clusters, the map, claim
groups, the brief), so the UI, the brief and the exports never disagree on a count.

A syndicated or re-edited copy of a story repeats its sentences with a word or a spelling
changed; a near-duplicate (``Article.duplicate_of``) does too. So two reports are one source
when they come from one article, from one outlet, from articles linked by ``duplicate_of``,
or when their sentences share COPY_OVERLAP of their words. Reports without an outlet stand
for their article (its copy family).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

__all__ = [
    "SourceRef",
    "copy_families",
    "independent_sources",
    "sentence_around",
    "sentence_words",
]

# Two sentences sharing this share of their words (Jaccard) are one sentence, copied: the
# real news' copies of one wire story differ by a word or a transliteration ("Taranenko",
# "Tanninko"), while two reports of one event in their own words rarely share half of them.
COPY_OVERLAP = 0.5
# Sentences shorter than this many distinct words ("He said 300.") prove no copying.
MIN_COPY_WORDS = 6


# Where a sentence ends: a full stop, question or exclamation mark before a space or a line
# break, or a line break.
_SENTENCE_END = re.compile(r"[.!?](?=\s|$)|\n")


def sentence_around(text: str, start: int, end: int) -> str:
    """The sentence (or line) around a span of an article's text: what a report says."""
    lo = max(text.rfind(". ", 0, start) + 1, text.rfind("\n", 0, start) + 1, 0)
    # From end - 1: a span that ends on its full stop ends its sentence there.
    stop = _SENTENCE_END.search(text, max(end - 1, start))
    return text[lo : stop.end() if stop else len(text)]


@dataclass(frozen=True, slots=True, kw_only=True)
class SourceRef:
    """One report of something: its article, outlet, near-duplicate link and sentence."""

    article_id: str
    outlet: str | None = None
    duplicate_of: str | None = None
    sentence: str = ""


def sentence_words(sentence: str) -> frozenset[str]:
    """The distinct lower-cased words of a sentence (what copy detection compares)."""
    return frozenset(re.findall(r"\w+", sentence.casefold()))


def is_copy(a: frozenset[str], b: frozenset[str]) -> bool:
    """Whether two sentences' word sets (``sentence_words``) are one sentence, copied."""
    if min(len(a), len(b)) < MIN_COPY_WORDS:
        return False
    return len(a & b) / len(a | b) >= COPY_OVERLAP


class _Roots(dict[str, str]):
    """Union-find over article ids."""

    def find(self, item: str) -> str:
        root = self.setdefault(item, item)
        while root != self[root]:
            root = self[root]
        self[item] = root
        return root

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self[max(ra, rb)] = min(ra, rb)


def copy_families(refs: Iterable[SourceRef]) -> dict[str, str]:
    """Article id -> the id standing for its copy family (near-duplicates, copied sentences)."""
    roots = _Roots()
    words: list[tuple[str, frozenset[str]]] = []
    for ref in refs:
        roots.find(ref.article_id)
        if ref.duplicate_of:
            roots.union(ref.article_id, ref.duplicate_of)
        words.append((ref.article_id, sentence_words(ref.sentence)))
    # Each sentence against the families found so far: once it joins one, no other member
    # of that family is compared with it. The families are those of comparing every pair
    # (a root is always its family's smallest id), in far fewer comparisons where copies
    # abound: a synthetic city's month of identical reports was quadratic (issue 13).
    members: dict[str, list[tuple[str, frozenset[str]]]] = {}
    for article, words_a in words:
        for root in list(members):
            if roots.find(root) != roots.find(article) and any(
                other != article and is_copy(words_a, words_b) for other, words_b in members[root]
            ):
                roots.union(root, article)
        mine = roots.find(article)
        joined = [m for r in list(members) if roots.find(r) == mine for m in members.pop(r)]
        members[mine] = [*joined, (article, words_a)]
    return {article_id: roots.find(article_id) for article_id in list(roots)}


def independent_sources(refs: Iterable[SourceRef]) -> int:
    """How many independent sources the reports come from: copies and one outlet count once."""
    refs = list(refs)
    families = copy_families(refs)
    roots = _Roots()
    by_outlet: dict[str, str] = {}
    for ref in refs:
        family = families[ref.article_id]
        roots.find(family)
        if ref.outlet:
            roots.union(family, by_outlet.setdefault(ref.outlet.casefold(), family))
    return len({roots.find(family) for family in families.values()})
