"""Who asserts a number (claimant) and how sure they are (hedge), from the parse.

Claimant, first that applies:
1. the speaker of a quote whose span contains the number;
2. "according to X" in the same sentence;
3. the subject of a reporting verb ("said", "reported", "estimated", "claimed") that
   governs the number, or of the passive "as reported by X"; with the weaker verbs
   ("show", "put", "note") only a name or a source noun ("officials", "the ministry");
4. a name or source noun that is the subject of a speech verb elsewhere in the sentence;
5. the speaker of a quote overlapping the sentence (resolves "he said").
A name that overlaps a Mention becomes that mention's canonical entity.

Hedge vocabulary (normalized values): "reportedly", "allegedly", "unverified" (also
"could not be (independently) verified", "unconfirmed"), "estimated", "expected",
"believed", "claimed", "may" (also might/could), "as many as", "likely", "possibly".
Adverbs and modals count only when they sit on the path from the number up to the
root of its clause, so "reportedly involving 79 drones" hedges 79 and not the other
numbers of the sentence; verification phrases hedge their sentence and the one before.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TypeVar

from spacy.tokens import Doc, Span, Token

from sitroom.records import Mention, Quote

__all__ = ["Attribution", "find_claimant", "find_hedge"]

_T = TypeVar("_T")

# Reporting verbs (lemmas) whose subject asserts what the clause says; from the cue lists
# of quote attribution work (PolNeAR cues) trimmed to the ones that carry numbers in news.
CUE_LEMMAS = frozenset({
    "say", "report", "tell", "estimate", "claim", "state", "announce", "add", "note", "confirm",
    "warn", "write", "allege", "assert", "insist", "indicate", "show", "put", "count", "record",
    "publish", "disclose", "reveal", "tally", "calculate", "assess", "believe", "acknowledge",
})  # fmt: skip

# The verbs that report speech or published figures, as opposed to "show", "put", "believe".
_SPEECH_LEMMAS = frozenset({
    "say", "report", "tell", "estimate", "claim", "state", "announce", "confirm", "warn",
    "write", "allege", "assert", "insist", "publish", "disclose", "reveal",
})  # fmt: skip
# Nouns that name a source of figures in conflict news (institutions and roles).
SOURCE_NOUNS = frozenset({
    "official", "officials", "ministry", "spokesman", "spokeswoman", "spokesperson", "governor",
    "authority", "authorities", "military", "army", "force", "forces", "agency", "police", "monitor",
    "group", "administration", "intelligence", "institute", "analyst", "analysts", "government",
    "mayor", "minister", "president", "office", "command", "staff", "service", "department",
    "council", "mission", "observer", "observers", "commander", "navy", "media", "source", "sources",
    "prosecutor", "prosecutors", "committee", "organization", "organisation", "company", "operator",
    "defence", "defense", "leader", "chief", "head", "general", "ukraine", "russia",
})  # fmt: skip
# Entity labels that name a source; a NORP ("Ukrainian") alone does not.
_SOURCE_LABELS = frozenset({"PERSON", "ORG", "GPE", "FAC", "LOC"})

# Single words that hedge a number, with their normalized form.
_HEDGE_WORDS: dict[str, str] = {
    "reportedly": "reportedly", "allegedly": "allegedly", "purportedly": "allegedly",
    "unverified": "unverified", "unconfirmed": "unverified", "estimated": "estimated",
    "estimate": "estimated", "estimates": "estimated", "expected": "expected",
    "believed": "believed", "thought": "believed", "claimed": "claimed", "claims": "claimed",
    "may": "may", "might": "may", "could": "may", "likely": "likely", "possibly": "possibly",
    "probably": "likely", "apparently": "reportedly", "supposedly": "allegedly",
}  # fmt: skip
_VERIFY_LEMMAS = frozenset({"verify", "confirm", "corroborate"})
# Dependencies by which a hedge word off the number's path still hedges it.
_HEDGE_DEPS = frozenset({"advmod", "aux", "amod", "auxpass", "npadvmod"})


def _entity_name(token: Token, names: _Names) -> str:
    """The name for a claimant token: its mention's canonical entity, its entity span, its noun phrase."""
    doc = token.doc
    if (mention := names.mention_at(token.idx)) is not None:
        return mention.entity
    if token.ent_type_ in _SOURCE_LABELS:
        ent = names.entity_at(token.i)
        if ent is not None:
            return _strip_article(ent.text)
    left, right = token.i, token.i + 1
    for child in token.lefts:
        if child.dep_ in {"compound", "amod", "poss", "nmod"} or (child.dep_ == "case"):
            left = min(left, child.left_edge.i)
    for child in token.rights:  # "members of parliament", "Ministry of Defence"
        if (
            child.dep_ == "prep"
            and child.lower_ == "of"
            and child.right_edge.i - token.i <= _MAX_OF_TOKENS
        ):
            right = child.right_edge.i + 1
    return _strip_article(doc[left:right].text)


# Longest "of ..." kept in a source's name ("Institute for the Study of War" fits).
_MAX_OF_TOKENS = 5


# Trailing words that name the vehicle, not the source: "British intelligence estimates".
_SOURCE_VEHICLES = (
    "estimates",
    "estimate",
    "data",
    "figures",
    "report",
    "reports",
    "statement",
    "assessment",
)


def _strip_article(text: str) -> str:
    text = text[4:] if text[:4].lower() == "the " else text
    head, _, last = text.rpartition(" ")
    return head if head and last.lower() in _SOURCE_VEHICLES else text


def _subject(verb: Token) -> Token | None:
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    if subjects:
        if subjects[0].tag_ in {"WDT", "WP"} and verb.dep_ == "relcl":
            return verb.head  # "the Department, which estimated ...": the antecedent
        return subjects[0]
    for child in verb.children:  # passive: "as reported by the Pentagon"
        if child.dep_ == "agent":
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if objects:
                return _behind_vehicle(objects[0])
    return None


# Nouns for the document a figure comes from rather than its author: "a list published by
# the Pentagon", "a UN report".
_VEHICLE_LEMMAS = frozenset({
    "list", "report", "estimate", "datum", "data", "figure", "statement", "document",
    "assessment", "tally", "count", "survey", "study", "analysis", "post", "video",
})  # fmt: skip


def _behind_vehicle(token: Token) -> Token:
    """The author of a document named as a source: "a list published by [the Pentagon]"."""
    if token.lemma_.lower() not in _VEHICLE_LEMMAS:
        return token
    for child in token.children:
        if child.dep_ in {"poss", "compound"} and child.pos_ == "PROPN":
            return child
        for grandchild in child.children if child.dep_ == "acl" else ():
            if grandchild.dep_ == "agent":
                return next((c for c in grandchild.children if c.dep_ == "pobj"), token)
        if child.dep_ == "prep" and child.lower_ in {"by", "from"}:
            return next((c for c in child.children if c.dep_ == "pobj"), token)
    return token


def _according_to(sent: Span) -> Token | None:
    for token in sent:
        if (
            token.lower_ == "according"
            and token.i + 1 < len(token.doc)
            and token.doc[token.i + 1].lower_ == "to"
        ):
            to = token.doc[token.i + 1]
            objects = [c for c in to.children if c.dep_ == "pobj"] or [
                c for c in token.children if c.dep_ == "pobj"
            ]
            if objects:
                return _behind_vehicle(objects[0])
    return None


def _quote_speaker(quote: Quote) -> str | None:
    return quote.speaker or quote.speaker_text


class _Names:
    """The article's mentions by character and spaCy's entities by token, read once per Doc."""

    __slots__ = ("_doc", "_entities", "_mentions")

    def __init__(self, doc: Doc, mentions: Sequence[Mention]) -> None:
        self._doc = doc
        # Later mentions first, so that where two overlap the first in the caller's order wins.
        self._mentions = {
            char: mention
            for mention in reversed(mentions)
            for char in range(mention.start, mention.end)
        }
        self._entities: dict[int, Span] | None = None

    def mention_at(self, char: int) -> Mention | None:
        return self._mentions.get(char)

    def entity_at(self, i: int) -> Span | None:
        """The entity span holding token ``i`` (doc.ents is built on first use only)."""
        if self._entities is None:
            self._entities = {t: ent for ent in self._doc.ents for t in range(ent.start, ent.end)}
        return self._entities.get(i)


@dataclass(frozen=True, slots=True)
class _SentenceFacts:
    """What attribution reads from a whole sentence, computed once per sentence."""

    according_to: Token | None  # the source of "according to X"
    speakers: tuple[Token, ...]  # named or source-noun subjects of speech verbs, in order
    # noun lemma -> the subject that announced it ("X announced a package")
    announced: dict[str, Token]
    unverified: bool  # "could not be independently verified"
    length: int


class Attribution:
    """Claimants and hedges for the numbers of one Doc, with per-sentence facts computed once.

    Claim extraction asks about every number; what depends only on the sentence (an
    "according to", the speech verbs' subjects, a verification phrase) or only on a token
    and its ancestors is computed on first use and kept, so the work stays near linear in
    the text even for one sentence that lists thousands of figures (issue 12).
    """

    def __init__(
        self, doc: Doc, *, mentions: Sequence[Mention] = (), quotes: Sequence[Quote] = ()
    ) -> None:
        self.doc = doc
        self._names = _Names(doc, mentions)
        self._sents: list[Span] = []  # read from the parse on first use
        self._sent_starts: list[int] = []
        self._quotes = [q for q in quotes if _quote_speaker(q)]
        self._sentences: dict[int, _SentenceFacts] = {}
        self._hedge_up: dict[int, str | None] = {}
        self._cue_up: dict[int, int | None] = {}
        self._amod_up: dict[int, int | None] = {}

    def sentence(self, i: int) -> tuple[Span, _SentenceFacts]:
        """The sentence holding token ``i`` and its facts, computed on first use.

        (``Span.sent`` walks the sentence token by token on every call.)
        """
        if not self._sents:
            self._sents = list(self.doc.sents)
            self._sent_starts = [sent.start for sent in self._sents]
        n = bisect_right(self._sent_starts, i) - 1
        sent = self._sents[n]
        facts = self._sentences.get(n)
        if facts is None:
            facts = self._sentences[n] = _sentence_facts(sent)
        return sent, facts

    def claimant(self, span: Span, *, counted: Token | None = None) -> str | None:
        """See :func:`find_claimant`."""
        for quote in self._quotes:
            if quote.start <= span.start_char and span.end_char <= quote.end:
                return _quote_speaker(quote)
        sent, facts = self.sentence(span.start)
        source = facts.according_to
        if source is not None and not _inside(span, source):
            return _entity_name(source, self._names)
        cue = self._nearest_cue(span.root.i)
        while cue is not None:
            ancestor = self.doc[cue]
            subject = _subject(ancestor)
            if _is_source(subject, span, counted, strong=ancestor.lemma_ in _SPEECH_LEMMAS):
                return _entity_name(subject, self._names)  # type: ignore[arg-type]
            cue = self._nearest_cue(cue)
        for subject in facts.speakers:
            if not span.start <= subject.i < span.end and (
                counted is None or subject.i != counted.i
            ):
                return _entity_name(subject, self._names)
        for quote in self._quotes:
            if quote.start < sent.end_char and sent.start_char < quote.end:
                return _quote_speaker(quote)
        if counted is not None and any(c.lower_ == "the" for c in counted.lefts) and sent.start:
            _, previous = self.sentence(sent.start - 1)
            subject = previous.announced.get(counted.lemma_)
            return None if subject is None else _entity_name(subject, self._names)
        return None

    def hedge(self, span: Span, *, bound_text: str = "") -> str | None:
        """See :func:`find_hedge`."""
        if " ".join(bound_text.lower().split()) == "as many as":
            return "as many as"
        if (word := self._hedge_from(span.root.i)) is not None:
            return word
        above = self._amod_ancestor(span.root.i)
        while above is not None:  # "an estimated 10,000" hangs "estimated" off the noun
            token = self.doc[above]
            if any(_is_report_amod(c) and c.i < span.start for c in token.children):
                estimated = any(c.lower_ == "estimated" for c in token.children)
                return "estimated" if estimated else "reportedly"
            above = self._amod_ancestor(above)
        sent, facts = self.sentence(span.start)
        if facts.unverified:
            return "unverified"
        if sent.end < len(self.doc):
            _, following = self.sentence(sent.end)
            if following.unverified and following.length < 15:
                return "unverified"
        return None

    def _nearest_cue(self, i: int) -> int | None:
        """The nearest proper ancestor of token ``i`` that is a reporting verb."""
        return _memo_up(self.doc, i, self._cue_up, lambda t: t.i if _is_cue(t) else None)

    def _amod_ancestor(self, i: int) -> int | None:
        """The nearest proper ancestor of token ``i`` with an "estimated"-like modifier."""
        return _memo_up(
            self.doc,
            i,
            self._amod_up,
            lambda t: t.i if any(_is_report_amod(c) for c in t.children) else None,
        )

    def _hedge_from(self, i: int) -> str | None:
        """The first hedge on the path from token ``i`` up to its root (``i`` included)."""
        own = _hedge_at(self.doc[i])
        return own if own is not None else _memo_up(self.doc, i, self._hedge_up, _hedge_at)


def _memo_up(
    doc: Doc, i: int, memo: dict[int, _T | None], value: Callable[[Token], _T | None]
) -> _T | None:
    """The first non-None ``value`` over the proper ancestors of token ``i``, memoized.

    Each token's answer is its head's own value, else its head's answer: computed once per
    token over the whole Doc, so a deep chain (a list of 3,000 conjuncts) costs linear time.
    """
    chain: list[int] = []
    token = doc[i]
    while token.i not in memo:
        head = token.head
        if head.i == token.i:  # the root: no proper ancestors
            memo[token.i] = None
            break
        chain.append(token.i)
        token = head
    answer = memo[token.i]
    for j in reversed(chain):
        head = doc[j].head
        own = value(head)
        answer = own if own is not None else memo[head.i]
        memo[j] = answer
    return memo[i]


def _sentence_facts(sent: Span) -> _SentenceFacts:
    speakers = tuple(
        subject
        for token in sent
        if token.lemma_ in _SPEECH_LEMMAS and _is_cue(token)
        and (subject := _subject(token)) is not None
        and subject.pos_ != "PRON"
        and (subject.pos_ == "PROPN" or subject.lemma_.lower() in SOURCE_NOUNS)
    )  # fmt: skip
    announced: dict[str, Token] = {}
    for token in sent:
        if token.dep_ in {"dobj", "nsubjpass"} and token.head.lemma_ in CUE_LEMMAS:
            subject = _subject(token.head)
            if subject is not None and subject.pos_ in {"PROPN", "NOUN"}:
                announced.setdefault(token.lemma_, subject)
    return _SentenceFacts(
        according_to=_according_to(sent),
        speakers=speakers,
        announced=announced,
        unverified=_verification_hedge(sent),
        length=len(sent),
    )


def find_claimant(
    doc: Doc,
    span: Span,
    *,
    mentions: Sequence[Mention] = (),
    quotes: Sequence[Quote] = (),
    counted: Token | None = None,
) -> str | None:
    """Return who asserts the number in ``span``, or None when the text does not say.

    ``counted`` is the noun the number counts; a definite one ("the $225 million package")
    can take its claimant from the sentence before, where that noun was announced. For
    many numbers of one Doc, build one :class:`Attribution` and ask it instead.
    """
    return Attribution(doc, mentions=mentions, quotes=quotes).claimant(span, counted=counted)


def find_hedge(doc: Doc, span: Span, *, bound_text: str = "") -> str | None:
    """Return the normalized hedge on the number in ``span``, or None."""
    return Attribution(doc).hedge(span, bound_text=bound_text)


def _is_cue(token: Token) -> bool:
    """A reporting verb, not a phrasal verb that happens to share its lemma ("added up to")."""
    return (
        token.lemma_ in CUE_LEMMAS
        and token.pos_ == "VERB"
        and not any(c.dep_ == "prt" for c in token.children)
    )


def _inside(span: Span, token: Token) -> bool:
    """The number is part of the source phrase itself ("according to two members of ...")."""
    return any(span.start <= t.i < span.end for t in token.subtree)


def _is_source(subject: Token | None, span: Span, counted: Token | None, *, strong: bool) -> bool:
    """Whether a reporting verb's subject can be a claimant: a name, a source noun
    ("officials", "the ministry"), or with a speech verb any noun; never the number's own noun."""
    if subject is None or subject.pos_ == "PRON" or span.start <= subject.i < span.end:
        return False
    if counted is not None and subject.i == counted.i:
        return False  # "two soldiers, who said ...": the counted people are not the source
    if subject.pos_ == "PROPN" or subject.lemma_.lower() in SOURCE_NOUNS:
        return True
    return strong and subject.pos_ == "NOUN"


def _verification_hedge(sent: Span) -> bool:
    """ "could not be independently verified", "has not been confirmed"."""
    for token in sent:
        if token.lemma_ in _VERIFY_LEMMAS and any(c.dep_ == "neg" for c in token.children):
            return True
    return False


def _hedge_at(token: Token) -> str | None:
    """A hedge on ``token`` itself or hanging off it as a modifier or auxiliary."""
    for child in [token, *token.children]:
        word = child.lower_
        if word in _HEDGE_WORDS and (child.i == token.i or child.dep_ in _HEDGE_DEPS):
            if word in {"claims", "estimate", "estimates"} and child.pos_ != "VERB":
                continue
            return _HEDGE_WORDS[word]
    return None


def _is_report_amod(token: Token) -> bool:
    return token.lower_ in {"estimated", "reported", "alleged"} and token.dep_ == "amod"
