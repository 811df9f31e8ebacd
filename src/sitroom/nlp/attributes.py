"""The small model's attribute ruler, its one-token rules looked up per distinct token.

Why: the attribute ruler (tag -> POS and morphology, a few lemma and POS exceptions) runs
spaCy's Matcher with all its ~180 rules over every token; on news text that cost about as
much as the parser (issue 13). Nearly all the rules are one token long and test only the
token's own TAG, LOWER, DEP or IS_SPACE (equal to a value, ``IN`` or ``NOT_IN`` a list), so
which of them match is a function of those four values: it is computed once per distinct
combination and remembered (a word no rule names counts as one "other word", so the
table stays small and fills within the first article). The other rules (longer than one token, or a ``REGEX``) still
go through a Matcher of their own. Both kinds of match are then sorted and applied exactly as
``AttributeRuler`` does (``match`` then ``set_annotations``), so the attributes are the same.

A leaf module: spaCy only, registered in :mod:`sitroom.nlp.registrations`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from spacy.matcher import Matcher
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc

__all__ = ["MemoAttributeRuler"]

# The token attributes a one-token rule may test to be looked up (the columns of a key).
KEY_ATTRS = ("TAG", "LOWER", "DEP", "IS_SPACE")
_LOWER = KEY_ATTRS.index("LOWER")
# Stands for every word no rule names (string hashes are never negative).
OTHER_WORD = -1
# Distinct keys remembered before the table starts over: far more than 385 news articles make (~1,100).
MAX_KEYS = 500_000

_Key = tuple[int, int, int, int]
_Match = tuple[int, int, int, int]  # (rule number, match id, start, end), AttributeRuler's
# One test of a one-token pattern: key column, the values it names, whether they are refused.
_Test = tuple[int, frozenset[int], bool]
# Matcher operators on a list of values that the lookup answers (spaCy's _SetPredicate).
_SET_OPERATORS = {"IN": False, "NOT_IN": True}


class MemoAttributeRuler:
    """Sets what ``rules`` (the model's AttributeRuler) would set, remembering one-token rules."""

    def __init__(self, rules: AttributeRuler) -> None:
        self.rules = rules
        strings = rules.vocab.strings
        # One-token rules: (rule number, match id, the tests of each of its patterns).
        self.simple: list[tuple[int, int, list[list[_Test]]]] = []
        self.others = Matcher(rules.vocab)
        for number in range(len(rules.attrs)):
            match_id = strings[str(number)]
            _, patterns = rules.matcher.get(match_id)
            tests = [_tests(pattern, strings.add) for pattern in patterns]
            if all(test is not None for test in tests):
                self.simple.append((number, match_id, [t for t in tests if t is not None]))
            else:
                self.others.add(match_id, patterns)
        self.matched: dict[_Key, list[tuple[int, int]]] = {}
        # The LOWER values the rules name; any other word is OTHER_WORD in a key. Only when
        # no rule refuses a LOWER value (NOT_IN), or "other" would not be one answer.
        lowers = [t for _, _, tests in self.simple for p in tests for t in p if t[0] == _LOWER]
        self.lowers = (
            None
            if any(refused for _, _, refused in lowers)
            else frozenset().union(*(v for _, v, _ in lowers))
        )

    def __call__(self, doc: Doc) -> Doc:
        matches: list[_Match] = []
        for i, (tag, lower, dep, space) in enumerate(doc.to_array(list(KEY_ATTRS)).tolist()):
            if self.lowers is not None and lower not in self.lowers:
                lower = OTHER_WORD
            key = (tag, lower, dep, space)
            found = self.matched.get(key)
            if found is None:
                found = self._match(key)
            matches += [(number, match_id, i, i + 1) for number, match_id in found]
        strings = doc.vocab.strings
        matches += [
            (int(strings[match_id]), match_id, start, end)
            for match_id, start, end in self.others(doc, allow_missing=True)
        ]
        matches.sort()  # as AttributeRuler.match: later rules win
        self.rules.set_annotations(doc, matches)  # type: ignore[no-untyped-call]  # spaCy's
        return doc

    def _match(self, key: _Key) -> list[tuple[int, int]]:
        if len(self.matched) >= MAX_KEYS:
            self.matched.clear()
        found = [
            (number, match_id)
            for number, match_id, patterns in self.simple
            if any(
                all((key[column] in values) != refused for column, values, refused in tests)
                for tests in patterns
            )
        ]
        self.matched[key] = found
        return found


def _tests(
    pattern: Sequence[Mapping[str, object]], add: Callable[[str], int]
) -> list[_Test] | None:
    """``pattern``'s tests on the key columns, or None if the lookup cannot answer it."""
    if len(pattern) != 1:
        return None
    tests: list[_Test] = []
    for attr, value in pattern[0].items():
        name = attr.upper()
        if name not in KEY_ATTRS:
            return None
        column = KEY_ATTRS.index(name)
        if name == "IS_SPACE":
            if not isinstance(value, bool):
                return None
            tests.append((column, frozenset({int(value)}), False))
        elif isinstance(value, str):
            tests.append((column, frozenset({add(value)}), False))
        elif isinstance(value, Mapping) and len(value) == 1:
            ((operator, values),) = value.items()
            if operator not in _SET_OPERATORS or not isinstance(values, list):
                return None
            if not all(isinstance(v, str) for v in values):
                return None
            tests.append((column, frozenset(map(add, values)), _SET_OPERATORS[operator]))
        else:
            return None  # a REGEX or another operator: the Matcher decides
    return tests
