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

from collections.abc import Sequence

from spacy.tokens import Doc, Span, Token

from sitroom.records import Mention, Quote

__all__ = ["find_claimant", "find_hedge"]

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


def _entity_name(token: Token, mentions: Sequence[Mention]) -> str:
    """The name for a claimant token: its mention's canonical entity, its entity span, its noun phrase."""
    doc = token.doc
    for mention in mentions:
        if mention.start <= token.idx < mention.end:
            return mention.entity
    if token.ent_type_ in _SOURCE_LABELS:
        ent = next((e for e in doc.ents if e.start <= token.i < e.end), None)
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


def _announced_before(sent: Span, counted: Token, mentions: Sequence[Mention]) -> str | None:
    """ "X announced a new aid package. The $225 million package ...": X, through the noun."""
    if sent.start == 0:
        return None
    previous = sent.doc[sent.start - 1].sent
    for token in previous:
        if (
            token.lemma_ == counted.lemma_
            and token.dep_ in {"dobj", "nsubjpass"}
            and token.head.lemma_ in CUE_LEMMAS
        ):
            subject = _subject(token.head)
            if subject is not None and subject.pos_ in {"PROPN", "NOUN"}:
                return _entity_name(subject, mentions)
    return None


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
    can take its claimant from the sentence before, where that noun was announced.
    """
    for quote in quotes:
        if quote.start <= span.start_char and span.end_char <= quote.end and _quote_speaker(quote):
            return _quote_speaker(quote)
    sent = span.sent
    if (source := _according_to(sent)) is not None and not _inside(span, source):
        return _entity_name(source, mentions)
    for ancestor in span.root.ancestors:
        if _is_cue(ancestor):
            subject = _subject(ancestor)
            if _is_source(subject, span, counted, strong=ancestor.lemma_ in _SPEECH_LEMMAS):
                return _entity_name(subject, mentions)  # type: ignore[arg-type]
    for token in sent:
        if token.lemma_ in _SPEECH_LEMMAS and _is_cue(token):
            subject = _subject(token)
            if _is_source(subject, span, counted, strong=False):
                return _entity_name(subject, mentions)  # type: ignore[arg-type]
    for quote in quotes:
        if quote.start < sent.end_char and sent.start_char < quote.end and _quote_speaker(quote):
            return _quote_speaker(quote)
    if counted is not None and any(c.lower_ == "the" for c in counted.lefts):
        return _announced_before(sent, counted, mentions)
    return None


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


def find_hedge(doc: Doc, span: Span, *, bound_text: str = "") -> str | None:
    """Return the normalized hedge on the number in ``span``, or None."""
    if " ".join(bound_text.lower().split()) == "as many as":
        return "as many as"
    path = [span.root, *span.root.ancestors]
    on_path = {t.i for t in path}
    for token in path:
        for child in [token, *token.children]:
            word = child.lower_
            if word in _HEDGE_WORDS and (
                child.i in on_path or child.dep_ in {"advmod", "aux", "amod", "auxpass", "npadvmod"}
            ):
                if word in {"claims", "estimate", "estimates"} and child.pos_ != "VERB":
                    continue
                return _HEDGE_WORDS[word]
    for token in span.root.ancestors:  # "an estimated 10,000" hangs "estimated" off the noun
        if any(
            c.lower_ in {"estimated", "reported", "alleged"}
            and c.dep_ == "amod"
            and c.i < span.start
            for c in token.children
        ):
            return (
                "estimated"
                if any(c.lower_ == "estimated" for c in token.children)
                else "reportedly"
            )
    sent = span.sent
    if _verification_hedge(sent):
        return "unverified"
    following = doc[sent.end].sent if sent.end < len(doc) else None
    if following is not None and _verification_hedge(following) and len(following) < 15:
        return "unverified"
    return None
