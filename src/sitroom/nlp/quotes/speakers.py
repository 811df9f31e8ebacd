"""Who said it: from a cue verb to its speaker span, kind and canonical name.

Speakers come from the parse (the subject of the cue verb, or the name after it in
"said Peskov"), are classified as person / organization / unnamed / pronoun, and get
a canonical name from the entity mentions when one overlaps them. Unnamed speakers
("one analyst", "officials") keep their description and no name, so they are never
merged with a named person. Pronouns are resolved to the latest preceding person who
was a speaker or a clause subject.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from sitroom.nlp.doctext import doc_text
from sitroom.nlp.names import expand_surname, person_names
from sitroom.records import Mention

__all__ = [
    "CHARACTERIZE_LEMMAS",
    "CUE_LEMMAS",
    "NameIndex",
    "Speaker",
    "find_according_to",
    "has_cue_form",
    "is_cue",
    "is_junk_speaker",
    "speaker_at",
    "speaker_before",
    "speaker_of_according",
    "speaker_of_cue",
    "speaker_of_words",
    "word_set",
]


def word_set(text: str) -> frozenset[str]:
    """A frozen set from a whitespace-separated word list (long lists read best as prose)."""
    return frozenset(text.split())


# Verbs of saying that introduce direct or indirect speech. Starts from the list in the
# brief (said, warned, told, claimed, noted, ...) plus common newswire variants seen in
# attribution corpora (PARC/PolNeAR cue lists): write, tweet, explain, reply, ...
CUE_LEMMAS = word_set(
    """say tell claim note add state announce insist argue deny accuse urge emphasize
    emphasise acknowledge confirm warn report write tweet post explain reply respond
    declare assert stress reveal contend maintain admit suggest predict ask allege
    comment remark observe recall continue conclude point caution complain concede
    vow pledge promise threaten demand tout boast testify answer agree disclose
    estimate reiterate underline underscore quip joke shout scream charge counter
    wonder exclaim chant echo recount muse plead sigh laugh bemoan lament grouse gripe
    fume rail scold chide retort interject"""
)

# Phrasal verbs of saying, (lemma, particle): the retorts and continuations of dialogue.
_PHRASAL_CUES = frozenset(
    {("shoot", "back"), ("fire", "back"), ("hit", "back"), ("snap", "back"), ("go", "on")}
)

# Verbs that frame a partial quote without introducing speech ("called the move
# “reckless”"); together with the cues they govern mixed quotes.
CHARACTERIZE_LEMMAS = word_set(
    """call label describe dub brand term characterize characterise condemn criticize
    criticise slam blast decry denounce praise hail dismiss reject welcome refer
    express voice cite thank blame liken compare mock laud applaud coin rate deem attack
    assail lambaste ridicule rebuke"""
)

# Pronouns that can stand for a speaker, with what they may resolve to.
_PERSON_PRONOUNS = frozenset({"he", "she", "i"})
_ORG_PRONOUNS = frozenset({"it"})
_OTHER_PRONOUNS = frozenset({"they", "we", "you"})

# Head nouns that make an unnamed description an institution ("Ukraine's air force",
# "the foreign ministry") when it also contains a proper name.
_ORG_HEADS = word_set(
    """force forces ministry army military government office command service agency
    committee council parliament administration embassy staff campaign party
    department headquarters commission union alliance navy guard police"""
)
# Role words the small model sometimes keeps inside a PERSON entity ("Mayor Ihor Terekhov").
_TITLE_WORDS = word_set(
    """mr mrs ms dr mayor president minister prime foreign defence defense general gen
    lt col spokesman spokeswoman spokesperson governor gov senator sen rep secretary
    chancellor commander chief deputy ambassador adviser advisor head colonel major
    captain sergeant admiral marshal king queen prince pope analyst"""
)
# Nouns for people, for telling a misread name from an organization by its apposition.
_PERSON_NOUNS = word_set(
    """resident analyst expert official spokesman spokeswoman spokesperson minister
    president senator governor mayor commander soldier officer ambassador adviser advisor
    professor researcher fellow director lawyer activist witness survivor volunteer
    journalist correspondent economist diplomat lawmaker deputy chairman chairwoman
    leader founder executive member veteran student teacher doctor nurse mother father"""
)
# Nouns for what someone said: "Macron's words", "the ministry's statement".
_WORDS_NOUNS = word_set(
    """words remarks comments statement statements message letter post tweet description
    characterization characterisation assertion accusation claim claims"""
)
_ORG_LABELS = frozenset({"ORG", "GPE", "NORP", "FAC", "LOC"})
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
_RELATIVE_PRONOUNS = frozenset({"who", "that", "which"})
# Clause links across which a verb shares its head's subject: "said Peskov, adding …",
# "spoke to reporters and said …".
_SHARED_SUBJECT_DEPS = frozenset({"conj", "advcl", "xcomp"})
# Children that are not part of a speaker description: "officials, who asked not to be named".
_DROP_DEPS = frozenset({"relcl", "acl", "appos", "punct", "cc", "conj", "advcl"})
# Descriptions longer than this are cut to the words before their head noun ("More than
# half of those detained in the camps" -> "More than half"): a long subject phrase is a
# clause, not a name. 8 tokens covers "a senior official at the foreign ministry" (7).
MAX_DESCRIPTION_TOKENS = 8
# Speaker texts that are page furniture, not people: embedded-post markup
# ("pic.twitter.com/…", "@handle", tweet-author="…"), links, and media labels.
# A poll ("a CNN/ORC poll") or a site ("Tchadinfos.com") is a source: no "/" or ".com".
_MARKUP_IN_SPEAKER = ("pic.twitter", "http", "www.", "@", '"', "<", ">", "=")
_MEDIA_LABELS = word_set(
    """video videos photo photos watch image images picture pictures footage screenshot
    graphic caption getty instagram listen"""
)


# Parts of speech no speaker is, alone: a preposition, conjunction, number, verb, adverb.
_FUNCTION_POS = frozenset({"ADP", "CCONJ", "SCONJ", "NUM", "VERB", "AUX", "ADV", "PART"})


@dataclass(frozen=True, slots=True, kw_only=True)
class Speaker:
    """A resolved speaker: span in the doc, canonical name (None if unnamed), kind."""

    start: int
    end: int
    text: str
    name: str | None
    kind: str  # "person" | "organization" | "unnamed" | "pronoun"
    token_i: int  # index of the speaker's head token, for recency


class NameIndex:
    """Canonical names for character spans: mentions first, else the doc's entities.

    A surname alone ("Peskov") is widened to the article's full name ending with it
    ("Dmitry Peskov"), the newswire convention: ``sitroom.nlp.names.expand_surname``.
    """

    def __init__(self, doc: Doc, mentions: Sequence[Mention]) -> None:
        self._mentions = sorted(mentions, key=lambda m: m.start)
        self._ents = list(doc.ents)
        self._speakers: list[tuple[int, str]] = []  # (position, name) of persons quoted so far

    def remember(self, speaker: Speaker) -> None:
        """Note a named person speaker, so a later lone surname can widen to the name."""
        if speaker.kind == "person" and speaker.name:
            self._speakers.append((speaker.start, speaker.name))

    def mention_for(
        self, start: int, end: int, labels: frozenset[str] | None = None
    ) -> Mention | None:
        hits = [
            m
            for m in self._mentions
            if m.start < end and start < m.end and (labels is None or m.label in labels)
        ]
        return max(hits, key=lambda m: m.end - m.start) if hits else None

    def name_for(self, start: int, end: int, fallback: str) -> str:
        mention = self.mention_for(start, end)
        return self.widen(mention.entity if mention is not None else fallback, start)

    def widen(self, name: str, before: int) -> str:
        """A lone surname becomes the article's full name ending with it (:func:`expand_surname`)."""
        if not name.strip() or " " in name.strip():
            return name
        fulls = person_names(self._mentions)
        fulls += self._speakers
        fulls += [(e.start_char, e.text) for e in self._ents if e.label_ == "PERSON"]
        return expand_surname(name, before, sorted(fulls)) or name

    def person_before(
        self, char: int, doc: Doc, quoted: Sequence[tuple[int, int]], *, label: str = "PERSON"
    ) -> Speaker | None:
        """The latest person before ``char`` who leads a clause, else any person.

        "Leads" means the subject of a sentence's main verb or of a verb of saying:
        in "Martin foresees trouble if Trump chooses tariffs. “…,” he said", Martin.
        """
        spans: list[tuple[int, int, str, int]] = []
        if self._mentions:
            for m in self._mentions:
                if m.label == label and m.end <= char and not _inside(m.start, quoted):
                    span = doc.char_span(m.start, m.end, alignment_mode="expand")
                    if span is not None:
                        spans.append((m.start, m.end, self.widen(m.entity, m.start), span.root.i))
        else:
            for ent in self._ents:
                e = _strip_title(ent) if ent.label_ == "PERSON" else ent
                if e.label_ == label and e.end_char <= char and not _inside(e.start_char, quoted):
                    spans.append(
                        (
                            e.start_char,
                            e.end_char,
                            self.name_for(e.start_char, e.end_char, e.text),
                            e.root.i,
                        )
                    )
        if not spans:
            return None
        leaders = [s for s in spans if _leads_clause(doc[s[3]])]
        start, end, name, i = (leaders or spans)[-1]
        kind = "person" if label == "PERSON" else "organization"
        return Speaker(
            start=start, end=end, text=doc_text(doc)[start:end], name=name, kind=kind, token_i=i
        )


def is_junk_speaker(speaker: Speaker, doc: Doc) -> bool:
    """Whether a found speaker is page furniture or a misparse, never a source.

    Places are not rejected: "Kyiv said" is a government, and the small model tags
    real sources as LOC ("Amazon"); on PolNeAR train a LOC rule dropped more right
    speakers than wrong ones.

    Embedded-post markup and links, media labels ("Video", "Photo", "Watch"), a
    nationality adjective, and a lone capitalized word right after "that" that the article never gives as a full
    name ("heard that Trigger said …" is a code name or a misparse, not a source; a
    surname named in full earlier, "that Peskov said", is widened and kept).
    """
    text = speaker.text
    lower = text.lower()
    if any(bit in lower for bit in _MARKUP_IN_SPEAKER):
        return True
    if lower.strip(" .:") in _MEDIA_LABELS:
        return True
    span = doc.char_span(speaker.start, speaker.end, alignment_mode="expand")
    if span is None:
        return False
    if len(span) == 1 and span.root.pos_ == "ADJ" and span.root.ent_type_ == "NORP":
        return True  # "… of Democratic claims": a modifier, not a sayer ("Several" is one)
    if len(span) == 1 and span.root.pos_ in _FUNCTION_POS and speaker.kind != "pronoun":
        return True  # "” Of the mayor, Petrov said": a misparsed "Of" or "two" says nothing
    first = span[0]
    return (
        len(span) == 1
        and speaker.kind != "pronoun"
        and first.is_title
        and " " not in (speaker.name or text)
        and first.i > 0
        and doc[first.i - 1].lower_ == "that"
    )


def _leads_clause(token: Token) -> bool:
    """A subject of its sentence's main verb, or of a verb of saying."""
    if token.dep_ not in _SUBJECT_DEPS:
        return False
    verb = token.head
    return verb.dep_ == "ROOT" or is_cue(verb)


def is_cue(token: Token, *, characterize: bool = False) -> bool:
    """Whether a token is a verb of saying (or, with ``characterize``, of framing)."""
    if token.pos_ not in {"VERB", "AUX"} and token.tag_ not in {
        "VBD",
        "VBZ",
        "VBP",
        "VBG",
        "VBN",
        "VB",
    }:
        return False
    lemma = token.lemma_.lower()
    if lemma == "put" and _puts_it(token):
        return True  # "as one aid worker put it, “…”": the idiom reports words
    if (lemma, _particle(token)) in _PHRASAL_CUES:
        return True  # "… ,” Bondar shot back.", "Zelensky went on: “…”"
    return (
        lemma in CUE_LEMMAS
        or token.lower_ in _CUE_FORMS  # "Tweeted", capitalized, keeps its own lemma
        or (characterize and (lemma in CHARACTERIZE_LEMMAS or token.lower_ in _FRAMING_FORMS))
    )


def _particle(verb: Token) -> str | None:
    """The particle of a phrasal verb: "back" of "shot back", "on" of "went on"."""
    return next(
        (c.lower_ for c in verb.children if c.dep_ in {"prt", "advmod"} and c.i == verb.i + 1),
        None,
    )


def _puts_it(verb: Token) -> bool:
    """ "as X put it", "as she puts it": "put" with "it" as its object after "as"."""
    children = list(verb.children)
    return any(c.lower_ == "it" and c.dep_ == "dobj" for c in children) and any(
        c.lower_ == "as" for c in (*children, *verb.doc[max(0, verb.i - 8) : verb.i])
    )


def _inflections(lemma: str) -> set[str]:
    stem = lemma.removesuffix("e")
    third = lemma[:-1] + "ies" if lemma.endswith("y") and lemma[-2] not in "aeiou" else lemma + "s"
    past = lemma[:-1] + "ied" if lemma.endswith("y") and lemma[-2] not in "aeiou" else stem + "ed"
    return {third, past}


# Third-person and past forms of the cues, for when the tagger calls "answers" a noun.
# Irregular pasts of the cue verbs are listed by hand.
_CUE_FORMS = frozenset(
    {form for lemma in CUE_LEMMAS for form in _inflections(lemma)}
    | {"said", "says", "told", "wrote"}
)


# The same forms of the framing verbs: the lemmatizer reads "rated" as "rat".
_FRAMING_FORMS = frozenset(form for lemma in CHARACTERIZE_LEMMAS for form in _inflections(lemma))


def has_cue_form(token: Token) -> bool:
    """Whether a token looks like a finite verb of saying, whatever its tag."""
    return token.lower_ in _CUE_FORMS


def speaker_before(token: Token, names: NameIndex) -> Speaker | None:
    """The name or pronoun right before ``token`` ("… ,” Bozhko answers.")."""
    if token.i == 0:
        return None
    prev = token.doc[token.i - 1]
    if prev.pos_ == "PROPN" or prev.lower_ in _PERSON_PRONOUNS or prev.ent_type_:
        return _classify(prev, names)
    return None


def _subject(verb: Token, quoted: Sequence[tuple[int, int]]) -> Token | None:
    """The subject of ``verb``, borrowing its head's across conj/advcl/xcomp links."""
    current: Token | None = verb
    for _ in range(3):  # at most a short chain of shared-subject links
        if current is None:
            return None
        for child in current.children:
            if child.dep_ in _SUBJECT_DEPS and not _inside(child.idx, quoted):
                return child
        if current.dep_ in _SHARED_SUBJECT_DEPS and current.head is not current:
            current = current.head
        elif (
            current.dep_ == "acl"
            and current.head.pos_ == "PROPN"
            and current.head.i < current.i
            and not _inside(current.head.idx, quoted)
        ):
            return current.head  # "” Kovalenko, the head of the group, Tweeted on Friday."
        else:
            return None
    return None


def _inside(char: int, quoted: Sequence[tuple[int, int]]) -> bool:
    return any(a <= char < b for a, b in quoted)


def _entity_at(token: Token) -> Span | None:
    if token.ent_iob_ in {"", "O"}:
        return None  # outside every entity: no need to build doc.ents (issue 13)
    doc = token.doc
    ent = next((e for e in doc.ents if e.start <= token.i < e.end), None)
    return _strip_title(_comma_free(ent, token)) if ent is not None else ent


def _comma_free(ent: Span, token: Token) -> Span:
    """The part of an entity between commas that holds ``token``: the model sometimes
    joins a name to the word before it across a comma ("… under Obama, Ham noted" as
    one ORG), and the speaker is the name the verb has, not the run."""
    commas = [t.i for t in ent if t.text == ","]
    if not commas:
        return ent
    start = max([ent.start, *(i + 1 for i in commas if i < token.i)])
    end = min([ent.end, *(i for i in commas if i > token.i)])
    return Span(ent.doc, start, end, label=ent.label_)


def _strip_title(ent: Span) -> Span:
    """ "Mayor Ihor Terekhov" -> "Ihor Terekhov": the speaker is the name, not the role;
    "Macron’s" -> "Macron": nor the possessive ending."""
    start, end = ent.start, ent.end
    while start < end - 1 and ent.doc[start].lower_.rstrip(".") in _TITLE_WORDS:
        start += 1
    if end - start > 1 and ent.doc[end - 1].lower_ in {"'s", "’s", "'", "’"}:
        end -= 1
    same = (start, end) == (ent.start, ent.end)
    return ent if same else Span(ent.doc, start, end, label=ent.label_)


def _description(head: Token) -> Span:
    """The speaker description around ``head``: determiners, modifiers, prepositions."""
    keep = [head]
    for child in head.children:
        if child.dep_ in _DROP_DEPS:
            continue
        keep.extend(child.subtree)
    lo = min(t.i for t in keep)
    hi = max(t.i for t in keep) + 1
    # A description never crosses a paragraph break (a misparse joins a dateline or
    # timestamp line to the next sentence).
    breaks = [t.i for t in head.doc[lo:hi] if "\n" in t.text]
    lo = max([lo, *(i + 1 for i in breaks if i < head.i)])
    hi = min([hi, *(i for i in breaks if i > head.i)])
    # Keep the span contiguous around the head; cut trailing punctuation.
    span = head.doc[lo:hi]
    while len(span) > 1 and (span[-1].is_punct or span[-1].is_space):
        span = span[:-1]
    return span


def _apposed_person_noun(head: Token) -> bool:
    return any(c.dep_ == "appos" and c.lower_ in _PERSON_NOUNS for c in head.children)


def _owner_of_words(head: Token) -> Token | None:
    """For "Macron's words" / "the minister's statement", the possessor's head token."""
    if head.lower_ not in _WORDS_NOUNS:
        return None
    owner = next((c for c in head.children if c.dep_ == "poss"), None)
    if owner is None or owner.pos_ == "PRON":
        return None
    return owner


def speaker_of_words(noun: Token, names: NameIndex) -> Speaker | None:
    """The owner of a speech noun: "Biden's description of Putin as “…”" -> Biden."""
    owner = _owner_of_words(noun)
    return _classify(owner, names) if owner is not None else None


def _entity_speaker(ent: Span, names: NameIndex, *, kind: str, token_i: int) -> Speaker:
    """A speaker named by an entity span, with its canonical name."""
    return Speaker(
        start=ent.start_char,
        end=ent.end_char,
        text=ent.text,
        name=names.name_for(ent.start_char, ent.end_char, ent.text),
        kind=kind,
        token_i=token_i,
    )


def _classify(head: Token, names: NameIndex) -> Speaker | None:
    doc = head.doc
    lower = head.lower_
    if (
        lower in _RELATIVE_PRONOUNS
        and head.head.dep_ == "relcl"
        and head.head.head is not head.head
    ):
        # "Peskov, who told reporters …": the speaker span is "who" (as attribution
        # corpora mark it), the name is its antecedent's.
        antecedent = _classify(head.head.head, names)
        if antecedent is None or antecedent.kind == "pronoun":
            return None
        return Speaker(
            start=head.idx,
            end=head.idx + len(head),
            text=head.text,
            name=antecedent.name,
            kind="pronoun",
            token_i=head.i,
        )
    if head.pos_ == "PRON" or lower in _PERSON_PRONOUNS | _ORG_PRONOUNS | _OTHER_PRONOUNS:
        if lower in {"who", "that", "which", "this", "there"}:
            return None
        return Speaker(
            start=head.idx,
            end=head.idx + len(head),
            text=head.text,
            name=None,
            kind="pronoun",
            token_i=head.i,
        )
    ent = _entity_at(head)
    if ent is not None and ent.label_ != "PERSON" and _apposed_person_noun(head):
        # "said Oleksiy Poltorazky, a local resident": a name the model called an ORG.
        ent = Span(doc, ent.start, ent.end, label="PERSON")
    said_by = _owner_of_words(head)
    if said_by is not None:
        # "Macron's words underscored …": the words are Macron's.
        return _classify(said_by, names)
    if ent is not None and ent.label_ == "PERSON":
        return _entity_speaker(ent, names, kind="person", token_i=head.i)
    # "a former ambassador, Valeriy Chaly, said": the apposed name is the speaker.
    for child in head.children:
        if child.dep_ == "appos":
            app = _entity_at(child)
            if app is not None and app.label_ == "PERSON":
                return _entity_speaker(app, names, kind="person", token_i=child.i)
    mention = names.mention_for(head.idx, head.idx + len(head), frozenset({"PERSON"}))
    if mention is not None:
        return Speaker(
            start=mention.start,
            end=mention.end,
            text=mention.text,
            name=names.widen(mention.entity, mention.start),
            kind="person",
            token_i=head.i,
        )
    if ent is not None and ent.label_ in _ORG_LABELS:
        return _entity_speaker(ent, names, kind="organization", token_i=head.i)
    return _described_speaker(head, names)


def _described_speaker(head: Token, names: NameIndex) -> Speaker:
    """A speaker no entity names: the noun phrase around ``head`` ("a senior official"),
    an organization when it carries a proper name ("the Kremlin press office")."""
    doc = head.doc
    lower = head.lower_
    span = _description(head)
    if len(span) > MAX_DESCRIPTION_TOKENS:
        span = (
            doc[span.start : head.i + 1]
            if head.i + 1 - span.start <= MAX_DESCRIPTION_TOKENS
            else doc[head.i : head.i + 1]
        )
    text = span.text
    has_name = any(t.pos_ == "PROPN" or t.ent_type_ in _ORG_LABELS for t in span)
    if head.pos_ == "PROPN" or (has_name and lower in _ORG_HEADS):
        start = span.start_char
        if span[0].lower_ == "the" and len(span) > 1:
            start = span[1].idx
        name_text = doc_text(doc)[start : span.end_char]
        return Speaker(
            start=start,
            end=span.end_char,
            text=name_text,
            name=names.name_for(start, span.end_char, name_text),
            kind="organization",
            token_i=head.i,
        )
    return Speaker(
        start=span.start_char,
        end=span.end_char,
        text=text,
        name=None,
        kind="unnamed",
        token_i=head.i,
    )


def speaker_at(head: Token, names: NameIndex) -> Speaker | None:
    """The speaker a noun, name or pronoun stands for, classified and named."""
    return _classify(head, names)


def speaker_of_cue(
    verb: Token, names: NameIndex, quoted: Sequence[tuple[int, int]]
) -> Speaker | None:
    """The speaker of a cue verb: its subject, classified and named; None if it has none."""
    subject = _subject(verb, quoted)
    return _classify(subject, names) if subject is not None else None


def find_according_to(token: Token) -> Token | None:
    """For "according" in "according to X", the head token of X; else None."""
    if token.lower_ != "according":
        return None
    for child in token.children:
        if child.lower_ == "to":
            return next((g for g in child.children if g.dep_ == "pobj"), None)
    nxt = token.nbor(1) if token.i + 1 < len(token.doc) else None
    if nxt is not None and nxt.lower_ == "to":
        return next((g for g in nxt.children if g.dep_ == "pobj"), None)
    return None


def speaker_of_according(token: Token, names: NameIndex) -> Speaker | None:
    """The speaker named in "according to X"."""
    source = find_according_to(token)
    return _classify(source, names) if source is not None else None
