"""Quotes and reported speech with their speakers: Doc -> list[Quote].

Three kinds, as in the attribution literature (PARC, PolNeAR):

- **direct**: a quotation that stands as the speaker's own sentence(s)
  (``“We will not retreat,” she said.`` / ``Peskov said: “…”``);
- **mixed**: a quoted fragment inside the writer's sentence
  (``labeling the talks a “dangerous escalation”``); the record is the fragment;
- **indirect**: a complement clause of a verb of saying (``Officials said the strike
  hit a depot``), the clause around a parenthetical cue (``The strike, officials said,
  hit a depot``: two records, one speaker), or the clause that ``according to X``
  attaches to.

Quotation marks are found on characters (:mod:`sitroom.nlp.quotes.marks`), speakers on
the parse (:mod:`sitroom.nlp.quotes.speakers`). A quote's span never contains its cue or
its speaker: split quotes (``“…,” Chaly said. “…”``) give two records with one speaker.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import Literal

from spacy.tokens import Doc, Span, Token

from sitroom.nlp.doctext import doc_text
from sitroom.nlp.quotes.marks import QuotedSpan, find_quoted_spans
from sitroom.nlp.quotes.ranker import Ranker, load_ranker, unattributed
from sitroom.nlp.quotes.speakers import (
    NameIndex,
    Speaker,
    find_according_to,
    has_cue_form,
    is_cue,
    is_junk_speaker,
    speaker_before,
    speaker_of_according,
    speaker_of_cue,
    speaker_of_words,
    word_set,
)
from sitroom.records import Mention, Quote

__all__ = ["extract_quotes", "quoted_ranges"]

# How far after a closing mark the attribution may sit: "”, Kremlin spokesman Dmitry
# Peskov told reporters" puts the cue 6 tokens on; "” Name, founder of the X Center,
# tells" 11; 14 leaves room for a title. The window also stops at the sentence's end.
AFTER_WINDOW_TOKENS = 14
# A direct quote with no speaker anywhere continues the previous quote when the text
# between them is short: `“…,” Chaly said. “…”` has ~15 characters; a paragraph of
# attribution between two quote paragraphs stays under ~250.
CONTINUATION_GAP_CHARS = 250
# A quotation resumed after its attribution: "”, Kremlin spokesman Dmitry Peskov told
# reporters, “" is about 45 characters; 60 leaves room for a longer title.
SPLIT_GAP_CHARS = 60
# Unattributed quoted stretches shorter than this are titles or scare quotes
# (“Oreshnik”, “special military operation”), not speech.
MIN_UNATTRIBUTED_WORDS = 5
# Indirect content shorter than this is a fragment ("he said so"), not a report.
MIN_INDIRECT_TOKENS = 3
# An indirect clause mostly inside quotation marks is already a direct/mixed record.
MAX_QUOTED_SHARE_OF_INDIRECT = 0.5
# Quoted titles ("“Meet the Press”", "“Perception”") are short and capitalized; six
# words covers most show and book titles, while speech rarely capitalizes every word.
MAX_TITLE_WORDS = 6
# A work named right before a quoted title: "in his book, “Make Peace Pay,” he argued":
# the cue after it is the author's, about the book, not a quotation.
_WORK_BEFORE = re.compile(
    r"\b(?:book|novel|memoir|report|film|movie|documentary|song|album|article|column"
    r"|essay|poem|play|series|podcast|programme|program)\s*,?\s*$",
    re.IGNORECASE,
)
_TITLE_SMALL_WORDS = word_set("a an the of and or in on at to for with by from de")
_WORD = re.compile(r"[\w][\w'’\-]*")
# A scare-quoted modifier ("“unbound” delegates") is one or two words.
MAX_SCARE_TOKENS = 2
_MODIFIER_DEPS = frozenset({"amod", "compound", "nmod", "nummod", "poss"})
# A framing verb's complement around a mixed quote is kept unless it is the quote alone.
MAX_QUOTED_SHARE_OF_FRAMED = 0.9
# Children of a framing verb that are not what it says: the next clause, punctuation.
_NOT_COMPLEMENT = frozenset(
    {"punct", "cc", "conj", "advcl", "nsubj", "nsubjpass", "mark", "parataxis"}
)
# Subjects that report nothing themselves: "it underscores that …" inside "She says …".
_WEAK_SUBJECTS = frozenset({"it", "this", "that"})
# "“…” ― Sonya Herridge", "“…” pic.twitter.com/x — Name (@handle) March 3, 2024": a
# byline after a dash, as epigraphs, reader comments and embedded posts print it. A
# name is at most 5 words; a link to the post may stand between the quote and the dash.
_DASH_BYLINE = re.compile(r"[\s.,]*(?:(?:pic\.twitter\.com|https?://)\S*\s*)?[―—–]\s*")
MAX_BYLINE_WORDS = 5
_DASHES = frozenset("―—–")
# Transcript labels that open a quoted paragraph ("WALLACE: …", "Q: …"): a speaker's
# name in capitals, or the interview's Q and A, which name no one.
_TRANSCRIPT_LABEL = re.compile(r"([A-Z][A-Z'’.\-]*(?: [A-Z][A-Z'’.\-]+)?):\s+")
_INTERVIEW_LABELS = frozenset({"Q", "A"})
# A naming word right before a quoted fragment makes it a label, not speech: "the
# so-called “grey zone”", "known as “the grinder”", "nicknamed “mopeds”", "called it
# ‘X’". Only a labelling verb with its own subject ("which soldiers call “mopeds”",
# "Kyiv called them ‘looters’") has a sayer, and it is that subject.
_LABEL_BEFORE = re.compile(
    r"\b(so-called|so called|known as|titled|entitled|headlined"
    r"|dubbed|nicknamed|termed|labell?ed|branded|called|named"
    r"|calls?|calling|labels?|dubs?|nicknames?|terms?|brands?)\s+"
    r"(?:(?:it|them|him|her|this|that|these|those|us|me)\s+)?(?:(?:the|a|an|as)\s+)?$",
    re.IGNORECASE,
)
# Finite verb tags: "they call", "she called", "he labels" (not "so-called", "calling").
_FINITE_TAGS = frozenset({"VBD", "VBP", "VBZ"})
# Titles of reports, songs and statements ("a report titled “Broken Homes”") are names too.
_NO_SAYER_LABELS = frozenset(
    {"so-called", "so called", "known as", "titled", "entitled", "headlined"}
)
# Characters that end a sentence when they stand just before an opening mark.
_SENTENCE_END = frozenset(".!?")
# Closing marks and punctuation after a quote's last word, for "does it end with '?'".
_CLOSING = " ”\"’'.,"
# Punctuation that belongs to the writer's sentence, not the quote: “…,” he said.
_TRAILING = ",;:—–- "


def _content_bounds(text: str, span: QuotedSpan) -> tuple[int, int]:
    start, end = span.start, span.end
    while end > start and text[end - 1] in _TRAILING:
        end -= 1
    return start, end


def _kind(doc: Doc, span: QuotedSpan, content: str, previous: QuotedSpan | None) -> str:
    """direct when the quotation starts the writer's sentence or follows ``said:``, or
    resumes a quotation split by its attribution ("“…,” he said, “and …”")."""
    text = doc_text(doc)
    if previous is not None and previous.close_at is not None:
        gap = text[previous.close_at + 1 : span.open_at]
        attributed = any(ch.isalpha() for ch in gap)  # "”, he said, “" — not "”, “"
        if (
            len(gap) <= SPLIT_GAP_CHARS
            and gap.rstrip().endswith(",")
            and attributed
            and "\n" not in gap
        ):
            return "direct"
    j = span.open_at - 1
    while j >= 0 and text[j] in " \t":
        j -= 1
    prev = text[j] if j >= 0 else "\n"
    if prev == "\n" or prev in _SENTENCE_END or prev == ":" or prev in "”\"’'":
        return "direct"
    starts_upper = content[:1].isupper() or content[:1] in "‘'…["
    if prev == "," and starts_upper:
        return "direct"
    before = doc.char_span(j, j + 1, alignment_mode="expand")
    if before is not None and starts_upper and is_cue(before[-1]):
        return "direct"
    return "mixed"


def _tokens(doc: Doc, start: int, end: int) -> Span | None:
    return doc.char_span(start, end, alignment_mode="expand")


def _is_quote_mark(token: Token) -> bool:
    return token.text in {'"', "“", "”", "‘", "’", "«", "»", "''", "``", "'"}


def _ancestor_cue(
    inner: Span, quoted: Sequence[tuple[int, int]], names: NameIndex
) -> tuple[Token, Speaker] | None:
    """A verb of saying that governs the quotation in the parse, with its speaker.

    A cue whose subject is a bare "it"/"this" ("She says it underscores that …") is
    kept only when no cue higher up has a speaker.
    """
    roots = [t for t in inner if not (inner.start <= t.head.i < inner.end)]
    weak: tuple[Token, Speaker] | None = None
    for root in roots:
        current = root.head
        for _ in range(6):  # short walk: quote -> clause -> cue
            owner = speaker_of_words(current, names) if current.pos_ == "NOUN" else None
            if owner is not None:
                return current, owner
            if is_cue(current, characterize=True):
                speaker = speaker_of_cue(current, names, quoted)
                if speaker is not None and speaker.text.lower() not in _WEAK_SUBJECTS:
                    return current, speaker
                weak = weak or ((current, speaker) if speaker is not None else None)
            if current.head is current:
                break
            current = current.head
    return weak


def _window_cue(
    tokens: Sequence[Token], names: NameIndex, quoted: Sequence[tuple[int, int]]
) -> tuple[Token, Speaker] | None:
    for token in tokens:
        if is_cue(token):
            speaker = speaker_of_cue(token, names, quoted)
            if speaker is not None:
                return token, speaker
        if has_cue_form(token):
            # "”, Bozhko answers." tagged as a noun: the name just before is the speaker.
            speaker = speaker_before(token, names)
            if speaker is not None:
                return token, speaker
        speaker = speaker_of_according(token, names) if token.lower_ == "according" else None
        if speaker is not None:
            return token, speaker
    return None


def _after_tokens(doc: Doc, close_char: int) -> list[Token]:
    span = doc.char_span(close_char, close_char + 1, alignment_mode="expand")
    if span is None:
        return []
    out: list[Token] = []
    for token in doc[span.end : span.end + AFTER_WINDOW_TOKENS]:
        if _is_quote_mark(token) or "\n" in token.text:
            break
        out.append(token)
        if token.text in _SENTENCE_END:
            break
    return out


def _before_tokens(doc: Doc, open_char: int) -> list[Token]:
    """Tokens from the opener's sentence start up to the opener, nearest first."""
    span = doc.char_span(open_char, open_char + 1, alignment_mode="expand")
    if span is None:
        return []
    first = span[0]
    out: list[Token] = []
    for token in reversed(doc[first.sent.start : first.i]):
        if _is_quote_mark(token) or "\n" in token.text:
            break
        out.append(token)
    return out


def _colon_lead(
    doc: Doc, open_at: int, names: NameIndex, quoted: Sequence[tuple[int, int]]
) -> tuple[Token, Speaker] | None:
    """A quote introduced by a colon, in its sentence or ending the paragraph before:
    "The statement reads: “…”"; the lead sentence's subject is the speaker."""
    j = open_at - 1
    while j >= 0 and doc_text(doc)[j].isspace():
        j -= 1
    if j < 0 or doc_text(doc)[j] != ":":
        return None
    colon = doc.char_span(j, j + 1, alignment_mode="expand")
    if colon is None:
        return None
    sent = colon[0].sent
    lead = [t for t in reversed(doc[sent.start : colon[0].i]) if not _inside(t.idx, quoted)]
    found = _window_cue(lead, names, quoted)
    if found is None:
        # "Rep. Jane Doe (D-Ohio): “…”" — a transcript-style label: the name before the colon.
        named = _name_before_colon(lead, names)
        found = (colon[0], named) if named is not None else None
    if found is None and sent.root.i < colon[0].i:
        speaker = speaker_of_cue(sent.root, names, quoted)
        found = (sent.root, speaker) if speaker is not None else None
    return found


def _name_before_colon(lead: Sequence[Token], names: NameIndex) -> Speaker | None:
    depth = 0
    for token in lead:  # nearest first; step over a "(R-S.C.)" parenthetical
        if token.text == ")":
            depth += 1
        elif token.text == "(":
            depth -= 1
        elif depth <= 0:
            is_name = token.ent_type_ in {"PERSON", "ORG"} or (
                token.pos_ == "PROPN" and not token.is_upper
            )
            return speaker_before(token.doc[token.i + 1], names) if is_name else None
    return None


def _inside(char: int, quoted: Sequence[tuple[int, int]]) -> bool:
    return any(a <= char < b for a, b in quoted)


def _attribute(
    doc: Doc,
    span: QuotedSpan,
    inner: Span,
    *,
    kind: str,
    names: NameIndex,
    quoted: Sequence[tuple[int, int]],
) -> tuple[Token, Speaker] | None:
    """The cue and speaker of a quotation, trying the likeliest places first.

    A direct quote's attribution is most reliably a byline after a dash ("” ― Name") or
    the clause right after it ("”, he said"); a mixed quote's is the verb that governs it
    in the parse. A speaker that overlaps the quotation itself is a misparse and is
    skipped, as are junk speakers (markup, media labels, places) and, except after a
    colon that ends the paragraph before, a speaker in another paragraph: in dialogue
    the next paragraph's "…,” the president said" answers the question, it does not
    attribute it.
    """
    after = _after_tokens(doc, span.close_at) if span.close_at is not None else []
    before = _before_tokens(doc, span.open_at)
    finders: list[Callable[[], tuple[Token, Speaker] | None]] = [
        lambda: _dash_byline(doc, span, names) if kind == "direct" else None,
        # "…,” as a ministry memo put it; as the mayor put it, “…”: the idiom names the sayer
        lambda: _window_cue([t for t in (*after, *before) if t.lemma_ == "put"], names, quoted),
        lambda: _window_cue(after, names, quoted) if kind == "direct" else None,
        lambda: _ancestor_cue(inner, quoted, names),
        lambda: _window_cue(after, names, quoted),
        lambda: _window_cue(before, names, quoted),
    ]
    close = span.close_at if span.close_at is not None else span.end
    for find in finders:
        found = find()
        if found is None or (found[1].start <= close and span.open_at < found[1].end):
            continue
        if not is_junk_speaker(found[1], doc) and _same_paragraph(doc, span, found[1]):
            return found
    found = _colon_lead(doc, span.open_at, names, quoted) if kind == "direct" else None
    return found if found is not None and not is_junk_speaker(found[1], doc) else None


def _same_paragraph(doc: Doc, span: QuotedSpan, speaker: Speaker) -> bool:
    text = doc_text(doc)
    close = span.close_at if span.close_at is not None else span.end
    between = (
        text[close : speaker.start] if speaker.start >= close else text[speaker.end : span.open_at]
    )
    return "\n" not in between


def _dash_byline(doc: Doc, span: QuotedSpan, names: NameIndex) -> tuple[Token, Speaker] | None:
    """ "“…” ― Sonya Herridge": the name after a dash that follows the closing mark."""
    if span.close_at is None:
        return None
    text = doc_text(doc)
    dash = _DASH_BYLINE.match(text, span.close_at + 1)
    if dash is None or "\n" in dash.group():
        return None
    first = doc.char_span(dash.end(), dash.end() + 1, alignment_mode="expand")
    if first is None:
        return None
    words: list[Token] = []
    for token in doc[first.start : first.start + MAX_BYLINE_WORDS + 1]:
        if not (token.is_title or token.is_upper) or (not token.is_alpha and token.text[-1] != "."):
            break
        words.append(token)
    if not words or len(words) > MAX_BYLINE_WORDS:
        return None
    start, end = words[0].idx, words[-1].idx + len(words[-1].text.rstrip("."))
    name_text = text[start:end]
    speaker = Speaker(
        start=start,
        end=end,
        text=name_text,
        name=names.name_for(start, end, name_text),
        kind="person" if len(words) > 1 or words[0].ent_type_ == "PERSON" else "unnamed",
        token_i=words[0].i,
    )
    # the dash, over a (non-breaking) space token
    cue = next((t for t in reversed(doc[: words[0].i]) if not t.is_space), words[0])
    return cue, speaker


def _label_sayer(
    doc: Doc, span: QuotedSpan, names: NameIndex, quoted: Sequence[tuple[int, int]]
) -> tuple[Token, Speaker] | Literal[False] | None:
    """For a quoted label, who labels it: the naming verb and its subject; False when
    the fragment is a label no one in the sentence says (so-called, known as, a passive
    "dubbed"); None when the fragment is not a label.

    A label is the writer's naming, not a quotation of whoever speaks nearby: in "In the
    so-called ‘grey zone’, X said, …" X did not coin "grey zone".
    """
    text = doc_text(doc)
    label = _LABEL_BEFORE.search(text, max(0, span.open_at - 40), span.open_at)
    if label is None:
        return None
    if label.group(1).lower() in _NO_SAYER_LABELS:
        return False
    verb = doc.char_span(*label.span(1), alignment_mode="expand")
    if verb is None:
        return False
    speaker = speaker_of_cue(verb[0], names, quoted)
    if speaker is None and verb[0].tag_ in _FINITE_TAGS:
        # "…, Obama and Clinton call them “lone wolves”": the names hang off the clause
        # before in a misparse; the name right before a finite labelling verb is its sayer.
        speaker = speaker_before(verb[0], names)
    if speaker is None or is_junk_speaker(speaker, doc):
        return False
    return verb[0], speaker


def _is_title(content: str) -> bool:
    """A short all-capitalized stretch: a show, book or course name, not speech."""
    words = _WORD.findall(content)
    if not words or len(words) > MAX_TITLE_WORDS:
        return False
    return all(w[0].isupper() or w[0].isdigit() or w.lower() in _TITLE_SMALL_WORDS for w in words)


def _is_scare_modifier(inner: Span) -> bool:
    """“unbound” delegates, a “ferocious” battle: a quoted modifier of an outside noun."""
    roots = [t for t in inner if not (inner.start <= t.head.i < inner.end)]
    return len(inner) <= MAX_SCARE_TOKENS and all(t.dep_ in _MODIFIER_DEPS for t in roots)


def _resolve_pronoun(
    speaker: Speaker,
    doc: Doc,
    names: NameIndex,
    quoted: Sequence[tuple[int, int]],
    previous: Sequence[Quote],
) -> str | None:
    if speaker.name is not None:
        return speaker.name  # resolved where it was found ("Peskov, who said …")
    lower = speaker.text.lower()
    if lower in {"he", "she", "i"}:
        person = names.person_before(speaker.start, doc, quoted)
        return person.name if person is not None else None
    if lower == "it":
        org = names.person_before(speaker.start, doc, quoted, label="ORG")
        if org is not None:
            return org.name
        orgs = [q.speaker for q in previous if q.speaker_kind == "organization" and q.speaker]
        return orgs[-1] if orgs else None
    return None


def _quote(
    article_id: str,
    doc: Doc,
    start: int,
    end: int,
    *,
    kind: str,
    cue: Token | None,
    speaker: Speaker | None,
    name: str | None,
) -> Quote:
    return Quote(
        article_id=article_id,
        start=start,
        end=end,
        text=doc_text(doc)[start:end],
        kind=kind,
        speaker=name,
        speaker_text=speaker.text if speaker else None,
        speaker_start=speaker.start if speaker else None,
        speaker_end=speaker.end if speaker else None,
        speaker_kind=speaker.kind if speaker else None,
        cue=cue.text if cue is not None else None,
    )


def _continues(doc: Doc, previous: Quote, open_at: int) -> bool:
    """Whether an unattributed quote goes on with ``previous``'s speaker.

    Not after a byline, which signs one quote, nor after a question answered straight
    away ("…?” “…”, nothing between them): in dialogue that is the other speaker's turn.
    """
    if previous.kind == "indirect" or previous.speaker_text is None:
        return False
    if previous.cue in _DASHES:
        return False  # a byline ("” ― Name") signs its own quote only
    gap = doc_text(doc)[previous.end : open_at]
    if previous.text.rstrip(_CLOSING).endswith("?") and not any(ch.isalpha() for ch in gap):
        return False
    return len(gap) <= CONTINUATION_GAP_CHARS and gap.count("\n\n") + gap.count("\n") <= 2


def _with_speaker(quote: Quote, source: Quote) -> Quote:
    return replace(
        quote,
        speaker=source.speaker,
        speaker_text=source.speaker_text,
        speaker_start=source.speaker_start,
        speaker_end=source.speaker_end,
        speaker_kind=source.speaker_kind,
        cue=source.cue,
    )


def _first_token(doc: Doc, start: int, end: int) -> Token:
    """The first token of the span of ``doc`` that covers characters ``start``..``end``."""
    covering = doc.char_span(start, end, alignment_mode="expand")
    if covering is None:
        raise ValueError(f"no tokens cover characters {start}..{end}")
    return covering[0]


def _transcript_turn(
    doc: Doc, article_id: str, span: QuotedSpan, *, start: int, end: int, names: NameIndex
) -> Quote | None:
    """A quoted transcript paragraph, "WALLACE: …" or "Q: …": the label is the speaker
    (Q and A name no one), the quote is what follows it."""
    text = doc_text(doc)
    if text[: span.open_at].rstrip(" \t")[-1:] not in {"", "\n"}:
        return None
    label = _TRANSCRIPT_LABEL.match(text, start)
    if label is None or label.end() >= end:
        return None
    a, b = label.span(1)
    speaker = None
    if label.group(1) not in _INTERVIEW_LABELS:
        speaker = Speaker(
            start=a,
            end=b,
            text=text[a:b],
            name=names.name_for(a, b, text[a:b]),
            kind="person",
            token_i=_first_token(doc, a, b).i,
        )
    quote = _quote(
        article_id, doc, label.end(), end, kind="direct", cue=None, speaker=speaker, name=None
    )
    return replace(quote, speaker=speaker.name) if speaker is not None else quote


def _adopt_following_speakers(doc: Doc, quotes: list[Quote]) -> list[Quote]:
    """An unattributed quote followed straight away (only marks and paragraph breaks
    between) by an attributed one is the same speaker's: "“…”" new paragraph "“…,” the
    minister said." A question is not: the next quote answers it."""
    text = doc_text(doc)
    out = list(quotes)
    for i in range(len(out) - 2, -1, -1):
        quote, nxt = out[i], out[i + 1]
        if quote.speaker_text is not None or quote.kind != "direct" or nxt.kind != "direct":
            continue
        gap = text[quote.end : nxt.start]
        if nxt.speaker_text is None or any(ch.isalnum() for ch in gap):
            continue
        if quote.text.rstrip(_CLOSING).endswith("?") or _TRANSCRIPT_LABEL.match(nxt.text):
            continue
        out[i] = _with_speaker(quote, nxt)
    return out


def _marked_quotes(
    doc: Doc,
    article_id: str,
    spans: Sequence[QuotedSpan],
    *,
    names: NameIndex,
    quoted: Sequence[tuple[int, int]],
    framing: set[int],
) -> list[Quote]:
    """Direct and mixed quotes; adds to ``framing`` the cue verbs that govern a mixed quote."""
    out: list[Quote] = []
    for k, span in enumerate(spans):
        start, end = _content_bounds(doc_text(doc), span)
        inner = _tokens(doc, start, end)
        if inner is None or end <= start:
            continue
        turn = _transcript_turn(doc, article_id, span, start=start, end=end, names=names)
        if turn is not None:
            out.append(turn)
            continue
        kind = _kind(doc, span, doc_text(doc)[start:end], spans[k - 1] if k else None)
        if kind == "mixed" and _is_scare_modifier(inner):
            continue
        label = _label_sayer(doc, span, names, quoted) if kind == "mixed" else None
        if label is False:
            continue  # a label no one says: no record (it quotes no one)
        found = label or _attribute(doc, span, inner, kind=kind, names=names, quoted=quoted)
        if _is_title(doc_text(doc)[start:end]) and (
            not (kind == "direct" and found is not None and found[0].i > inner.end)
            or _WORK_BEFORE.search(doc_text(doc), max(0, span.open_at - 30), span.open_at)
        ):
            # a quoted title, unless a cue follows a quotation that stands as its own
            # sentence (“Absolutely,” he said.): in "callers to the “Morning Line” show
            # who said …" the cue is the callers', the title is no one's
            continue
        previous = next((q for q in reversed(out) if q.kind != "indirect"), None)
        if found is None:
            if (
                kind == "direct"
                and previous is not None
                and _continues(doc, previous, span.open_at)
            ):
                unattributed = _quote(
                    article_id, doc, start, end, kind=kind, cue=None, speaker=None, name=None
                )
                out.append(_with_speaker(unattributed, previous))
            elif kind == "direct" and len(inner) >= MIN_UNATTRIBUTED_WORDS and not span.single:
                out.append(
                    _quote(
                        article_id, doc, start, end, kind=kind, cue=None, speaker=None, name=None
                    )
                )
            continue
        cue, speaker = found
        names.remember(speaker)
        name = speaker.name
        if speaker.kind == "pronoun":
            name = _resolve_pronoun(speaker, doc, names, quoted, out)
        if kind == "mixed" and inner.start <= cue.i < inner.end:
            continue
        if kind == "mixed" and cue.i < inner.start:
            framing.add(cue.i)
        out.append(
            _quote(article_id, doc, start, end, kind=kind, cue=cue, speaker=speaker, name=name)
        )
    return _adopt_following_speakers(doc, out)


def _reported_clause(comp: Token) -> list[Token]:
    """The complement clause, cut before a subjectless verb conjoined to it (in "said the
    plan was a gamble and urged restraint", "urged" is the speaker's, not the report's)
    and before a participle clause after a comma ("wondered whether the talks will be
    “fair”, engaging in what analysts call …" is the writer's gloss)."""
    cut = min(
        (
            child.left_edge.i
            for child in comp.children
            if (
                child.dep_ == "conj"
                and child.pos_ in {"VERB", "AUX"}
                and not any(g.dep_ in {"nsubj", "nsubjpass"} for g in child.children)
            )
            or (
                child.dep_ == "advcl"
                and child.tag_ == "VBG"
                and child.i > comp.i
                and child.left_edge.i > 0
                and comp.doc[child.left_edge.i - 1].text == ","
            )
        ),
        default=len(comp.doc),
    )
    kept = [t for t in comp.subtree if t.i < cut]
    while kept and kept[-1].dep_ == "cc":
        kept.pop()
    return kept


def _in_paragraph(tokens: Sequence[Token], cue: Token) -> list[Token]:
    """The tokens in the cue's paragraph: a misparse can hang a clause from the paragraph
    before or after on a verb of saying, but a report does not cross a paragraph break."""
    breaks = [t.i for t in tokens if "\n" in t.text]
    lo = max([-1, *(i for i in breaks if i < cue.i)])
    hi = min([len(cue.doc), *(i for i in breaks if i > cue.i)])
    return [t for t in tokens if lo < t.i < hi]


def _clause_bounds(tokens: Sequence[Token]) -> tuple[int, int] | None:
    toks = [t for t in tokens if not t.is_space]
    while toks and (
        toks[0].is_punct or (toks[0].lower_ in {"that", "whether"} and toks[0].dep_ == "mark")
    ):
        toks = toks[1:]
    while toks and toks[-1].is_punct and not _is_quote_mark(toks[-1]):
        toks = toks[:-1]
    if len(toks) < MIN_INDIRECT_TOKENS:
        return None
    return _clause_end(toks)


def _opens_unclosed(text: str) -> bool:
    return text.count("“") > text.count("”") or text.count('"') % 2 == 1


def _quoted_share(start: int, end: int, quoted: Sequence[tuple[int, int]]) -> float:
    inside = sum(max(0, min(end, b) - max(start, a)) for a, b in quoted)
    return inside / max(1, end - start)


def _complement(verb: Token) -> list[Token]:
    """What a framing verb says about its object: "accused him of an “artful smear”"."""
    return [t for child in verb.rights if child.dep_ not in _NOT_COMPLEMENT for t in child.subtree]


def _indirect_quotes(
    doc: Doc,
    article_id: str,
    *,
    names: NameIndex,
    quoted: Sequence[tuple[int, int]],
    marked: Sequence[Quote],
    framing: set[int],
) -> list[Quote]:
    """Reported clauses of verbs of saying, "according to X" clauses, and the complements
    of verbs that frame a mixed quote ("called the move “reckless” on Monday")."""
    out: list[Quote] = []
    # Which characters lie inside a quotation, looked up per token (a scan of ``quoted`` for
    # every token was a tenth of extraction time on real news, issue 13).
    is_quoted = bytearray(len(doc_text(doc)) + 1)
    for a, b in quoted:
        is_quoted[a:b] = b"\x01" * (b - a)
    for token in doc:
        if is_quoted[token.idx]:
            continue
        source = find_according_to(token)
        if source is not None:
            head = token.head
            skip = {t.i for t in token.subtree}
            clause = [t for t in head.subtree if t.i not in skip]
            bounds = _clause_bounds(_in_paragraph(clause, token))
            speaker = speaker_of_according(token, names)
        elif is_cue(token) or token.i in framing:
            bounds = _reported_bounds(token, quoted, framing=token.i in framing)
            speaker = speaker_of_cue(token, names, quoted)
            if (
                bounds is None
                and speaker is not None
                and token.dep_ == "parataxis"
                and not is_junk_speaker(speaker, doc)
            ):
                out.extend(
                    _parenthetical_report(
                        article_id, token, speaker, names=names, quoted=quoted, marked=marked
                    )
                )
                continue
        else:
            continue
        if bounds is None or speaker is None or is_junk_speaker(speaker, doc):
            continue
        start, end = bounds
        limit = MAX_QUOTED_SHARE_OF_FRAMED if token.i in framing else MAX_QUOTED_SHARE_OF_INDIRECT
        if _quoted_share(start, end, quoted) > limit:
            continue
        if speaker.start < end and start < speaker.end:
            continue  # the clause swallowed its own speaker: a parse error
        name = speaker.name
        if speaker.kind == "pronoun":
            name = _resolve_pronoun(speaker, doc, names, quoted, marked)
        out.append(
            _quote(
                article_id, doc, start, end, kind="indirect", cue=token, speaker=speaker, name=name
            )
        )
    return out


def _reported_bounds(
    cue: Token, quoted: Sequence[tuple[int, int]], *, framing: bool
) -> tuple[int, int] | None:
    """The span of what a verb of saying reports: its complement clause in its own
    paragraph, or what a framing verb says about its object.

    A misparse can hang a clause of the paragraph before on the cue as a second
    complement (a quotation ending the paragraph before "X likened them to a “…”"): the
    first complement that has words in the cue's paragraph is the report. Nor is a
    clause before a quotation the report of a cue after it: in "X scolded him: “…,” she
    said" the parse makes "scolded" a complement of "said", but "said" reports the
    quotation.
    """
    comps = [c for c in cue.children if c.dep_ == "ccomp"]
    for comp in comps:
        bounds = _clause_bounds(_in_paragraph(_reported_clause(comp), cue))
        if bounds is not None and not any(bounds[1] <= a and b <= cue.idx for a, b in quoted):
            return bounds
    if framing:
        return _clause_bounds(_in_paragraph(_complement(cue), cue))
    return None


def _parenthetical_report(
    article_id: str,
    cue: Token,
    speaker: Speaker,
    *,
    names: NameIndex,
    quoted: Sequence[tuple[int, int]],
    marked: Sequence[Quote],
) -> list[Quote]:
    """ "Acts of protest, the mayor said, are acts of hope": a cue set inside the clause
    it reports (a parenthetical, parsed as parataxis of the clause's verb). The report is
    that clause without the cue and its speaker: two records, before and after the
    attribution, with one speaker (as a split quote gets). Nothing when a piece is all
    quotation (“…,” she said, “…”: the quotations are the records) or too short."""
    clause = cue.head
    if clause.pos_ not in {"VERB", "AUX"} or not cue.left_edge.i > clause.left_edge.i:
        return []
    skip = {t.i for t in cue.subtree}
    tokens = _in_paragraph([t for t in clause.subtree if t.i not in skip], cue)
    before = _trimmed([t for t in tokens if t.i < cue.left_edge.i])
    after = _trimmed([t for t in tokens if t.i > cue.right_edge.i])
    if not before or not after or len(before) + len(after) < MIN_INDIRECT_TOKENS:
        return []
    pieces = [(before[0].idx, before[-1].idx + len(before[-1])), _clause_end(after)]
    if any(_quoted_share(a, b, quoted) > MAX_QUOTED_SHARE_OF_FRAMED for a, b in pieces):
        return []  # a quotation split by its attribution: the quotations are its records
    name = speaker.name
    if speaker.kind == "pronoun":
        name = _resolve_pronoun(speaker, cue.doc, names, quoted, marked)
    return [
        _quote(article_id, cue.doc, a, b, kind="indirect", cue=cue, speaker=speaker, name=name)
        for a, b in pieces
    ]


def _trimmed(tokens: Sequence[Token]) -> list[Token]:
    """Tokens without the spaces and the punctuation at either end (quotation marks kept)."""
    toks = [t for t in tokens if not t.is_space]
    while toks and toks[0].is_punct and not _is_quote_mark(toks[0]):
        toks = toks[1:]
    while toks and toks[-1].is_punct and not _is_quote_mark(toks[-1]):
        toks = toks[:-1]
    return toks


def _clause_end(tokens: Sequence[Token]) -> tuple[int, int]:
    """The span of ``tokens``, with the closing mark of a quotation it ends inside."""
    start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1])
    text = doc_text(tokens[0].doc)
    if _opens_unclosed(text[start:end]):
        # The clause ends inside a quotation ("as a “dangerous escalation.”"): take the
        # closing mark (and the punctuation the quotation swallowed) with it.
        tail = re.match(r"[.,!?]?[”\"’']", text[end : end + 2])
        end += tail.end() if tail else 0
    return start, end


def quoted_ranges(doc: Doc) -> list[tuple[int, int]]:
    """The character ranges of the doc's quotations, marks included."""
    return _ranges(find_quoted_spans(doc_text(doc)))


def _ranges(spans: Sequence[QuotedSpan]) -> list[tuple[int, int]]:
    return [(s.open_at, (s.close_at if s.close_at is not None else s.end) + 1) for s in spans]


def extract_quotes(
    doc: Doc, *, article_id: str, mentions: Sequence[Mention] = (), rank: bool = True
) -> list[Quote]:
    """Return the direct, mixed and indirect quotes of one parsed article, in text order.

    ``mentions`` (from the entity extractor) give canonical speaker names; without them
    the doc's own entities are used. Spans index ``doc_text(doc)``. ``rank=False``
    leaves out the learned ranker (:mod:`sitroom.nlp.quotes.ranker`), as its training does.
    """
    spans = find_quoted_spans(doc_text(doc))
    quoted = _ranges(spans)
    names = NameIndex(doc, mentions)
    framing: set[int] = set()
    marked = _marked_quotes(doc, article_id, spans, names=names, quoted=quoted, framing=framing)
    indirect = _indirect_quotes(
        doc, article_id, names=names, quoted=quoted, marked=marked, framing=framing
    )
    quotes = _adopt_preceding_reporters(
        doc, sorted([*marked, *indirect], key=lambda q: (q.start, q.end))
    )
    ranker = load_ranker() if rank else None
    return _ranked_speakers(doc, quotes, ranker, names=names, quoted=quoted) if ranker else quotes


def _ranked_speakers(
    doc: Doc,
    quotes: list[Quote],
    ranker: Ranker,
    *,
    names: NameIndex,
    quoted: Sequence[tuple[int, int]],
) -> list[Quote]:
    """Quotations the rules left without a speaker get the ranker's likely one, if any."""
    out = list(quotes)
    for i, cands in unattributed(doc, quotes, names=names, quoted=quoted):
        best = ranker.best(cands)
        if best is None:
            continue
        speaker = best.speaker
        name = speaker.name
        if speaker.kind == "pronoun":
            name = _resolve_pronoun(speaker, doc, names, quoted, out[:i])
        out[i] = replace(
            out[i],
            speaker=name,
            speaker_text=speaker.text,
            speaker_start=speaker.start,
            speaker_end=speaker.end,
            speaker_kind=speaker.kind,
        )
    return out


def _adopt_preceding_reporters(doc: Doc, quotes: list[Quote]) -> list[Quote]:
    """An unattributed quotation right after a report, in one paragraph, is the
    reporter's: "The army may pull back, Budanov said. “The question is when.”" (the
    speaker stands between the two) or "Budanov said the army may pull back. “The
    question is when.”" (nothing but punctuation between them)."""
    text = doc_text(doc)
    out = list(quotes)
    for i in range(1, len(out)):
        quote, prev = out[i], out[i - 1]
        if quote.kind != "direct" or quote.speaker_text is not None:
            continue
        if prev.kind != "indirect" or prev.speaker_start is None or prev.speaker_end is None:
            continue
        gap = text[prev.end : quote.start]
        between = prev.end <= prev.speaker_start and prev.speaker_end <= quote.start
        if (
            (between or not any(ch.isalnum() for ch in gap))
            and len(gap) <= SPLIT_GAP_CHARS
            and "\n" not in gap
        ):
            out[i] = _with_speaker(quote, prev)
    return out
