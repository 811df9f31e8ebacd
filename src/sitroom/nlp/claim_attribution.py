"""Who asserts a number (claimant) and how sure they are (hedge), from the parse.

Claimant, first that applies:
1. the speaker of a quote whose span contains the number;
2. "according to X" in the same sentence;
3. the subject of a reporting verb ("said", "reported", "estimated", "claimed") that
   governs the number, or of the passive "as reported by X";
4. the subject of any reporting verb in the sentence that is not a pronoun;
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
    if token.ent_iob_ != "O" and token.ent_type_:
        ent = next((e for e in doc.ents if e.start <= token.i < e.end), None)
        if ent is not None:
            return _strip_article(ent.text)
    left = token.i
    for child in token.lefts:
        if child.dep_ in {"compound", "amod", "poss", "nmod"} or (child.dep_ == "case"):
            left = min(left, child.left_edge.i)
    return _strip_article(doc[left : token.i + 1].text)


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
                return objects[0]
    return None


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
                return objects[0]
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
    if (source := _according_to(sent)) is not None:
        return _entity_name(source, mentions)
    for ancestor in span.root.ancestors:
        if ancestor.lemma_ in CUE_LEMMAS and ancestor.pos_ == "VERB":
            subject = _subject(ancestor)
            if (
                subject is not None
                and subject.pos_ != "PRON"
                and not (span.start <= subject.i < span.end)
            ):
                return _entity_name(subject, mentions)
    for token in sent:
        if token.lemma_ in CUE_LEMMAS and token.pos_ == "VERB":
            subject = _subject(token)
            if (
                subject is not None
                and subject.pos_ in {"PROPN", "NOUN"}
                and not (span.start <= subject.i < span.end)
            ):
                return _entity_name(subject, mentions)
    for quote in quotes:
        if quote.start < sent.end_char and sent.start_char < quote.end and _quote_speaker(quote):
            return _quote_speaker(quote)
    if counted is not None and any(c.lower_ == "the" for c in counted.lefts):
        return _announced_before(sent, counted, mentions)
    return None


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
            c.lower_ in {"estimated", "reported", "alleged"} and c.i < span.start
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
