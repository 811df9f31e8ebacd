"""Entity mentions with exact spans, resolved to canonical entities within one article.

Resolution, in order of authority:

1. a gazetteer hit (``ent.ent_id_``) names the entity ("Zelenskiy" -> "Volodymyr Zelensky");
2. a one-word name resolves to the full person name it ends ("Singh" -> "Sabrina Singh"),
   the nearest one earlier in the article, else the first one later, never to a surname's
   other gender ("Zelenska") nor when two people share it (``sitroom.nlp.names``); a one-word ORG/GPE
   that is such a surname becomes that PERSON ("Austin" after "Lloyd Austin");
3. spelling variants of the same label merge (normalized names, rapidfuzz ratio >=
   ``VARIANT_CUTOFF``), never two different gazetteer entries.

Spans drop a leading "the" and a trailing possessive ("’s"); a title written just before a
person's name is kept as ``role`` ("Deputy Pentagon Press Secretary").
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, replace

from rapidfuzz import fuzz
from spacy.tokens import Doc, Span

from sitroom.nlp.doctext import doc_text
from sitroom.nlp.entities.gazetteer import lookup
from sitroom.nlp.names import feminine_form, full_name, name_key, one_person
from sitroom.records import Entity, Mention

__all__ = ["MENTION_LABELS", "EntityResult", "extract_entities"]

MENTION_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "WEAPON"})
# rapidfuzz.fuzz.ratio on normalized names at or above which two names of one label are one
# entity. 90 joins Zelensky/Zelenskyy (94), Syrsky/Syrskyi (92), Lukashenko/Lukashenka (90)
# and keeps Austria/Australia (87.5), Iran/Iraq (75), Slovakia/Slovenia (75) apart.
VARIANT_CUTOFF = 90.0
# Names shorter than this (normalized) never fuzzy-merge: "Xi" and "Yi" are different people.
MIN_VARIANT_LENGTH = 5
POSSESSIVES = ("'s", "’s", "'", "’")
# Title abbreviations whose dot the tokenizer may split off ("Maj" ".").
TITLE_ABBREVIATIONS = frozenset(
    {"maj", "gen", "lt", "col", "sgt", "capt", "adm", "sen", "rep", "gov", "dr"}
)
# A role must contain one of these (lower-cased): the head of a title.
TITLE_HEADS = frozenset(
    """
    president minister secretary spokesman spokeswoman spokesperson chancellor premier
    general commander chief ambassador envoy director head governor mayor adviser
    advisor chairman chairwoman chair leader colonel admiral sergeant captain lieutenant
    senator representative officer pope king queen prince ombudsman prosecutor judge
    aide official analyst correspondent speaker commissioner coordinator founder ceo
    gen. lt. col. sgt. capt. maj. major sen. rep. adm. dr. commander-in-chief mp
    lawmaker diplomat
    """.split()  # noqa: SIM905 - a word list reads best as words
)
# Words a title may be built of besides heads and organization/place names.
ROLE_WORDS = (
    TITLE_HEADS
    | frozenset(
        """
        deputy vice prime foreign defense defence press first former acting interim state
        national security military intelligence affairs of for staff armed forces air force
        navy army top senior regional special presidential human rights high ministry
        interior justice finance economy energy u.s. us uk eu un nato 's ’s policy spy
        border police emergency emergencies city district region oblast province
        administration council parliamentary parliament opposition party government cabinet
        relations public communications operations strategic command general's
        """.split()  # noqa: SIM905
    )
    | TITLE_ABBREVIATIONS
)
HYPHENS = frozenset({"-", "‐", "–"})
TITLE_WORDS = TITLE_HEADS | TITLE_ABBREVIATIONS
ROLE_ENT_LABELS = frozenset({"ORG", "GPE", "NORP", "LOC"})
# Labels a one-word surname can be mis-tagged as by the small model.
SURNAME_CONFUSABLE = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP"})


@dataclass(frozen=True, slots=True, kw_only=True)
class EntityResult:
    """Mentions in text order, and the canonical entities they resolve to."""

    mentions: tuple[Mention, ...] = ()
    entities: tuple[Entity, ...] = ()


@dataclass(slots=True, kw_only=True)
class _Draft:
    start: int  # token indices into the doc, after trimming
    end: int
    label: str
    canonical: str
    from_gazetteer: bool
    role: str | None = None


def _normalize(name: str) -> str:
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return "".join(c for c in folded.lower() if c.isalnum())


def _trim(ent: Span) -> tuple[int, int]:
    """Token bounds without a leading lower-case "the" / non-name "The" and a trailing possessive."""
    start, end = ent.start, ent.end
    doc = ent.doc
    while end - start > 1 and (doc[end - 1].text in POSSESSIVES or doc[end - 1].is_space):
        end -= 1
    while end - start > 1 and doc[start].is_space:
        start += 1
    if end - start > 1 and doc[start].lower_ == "the":
        keeps_the = ent.ent_id_.startswith("The ") or (
            not ent.ent_id_
            and doc[start].text == "The"
            and start > 0
            and not doc[start].is_sent_start
        )
        if not keeps_the:
            start += 1
    return start, end


def _is_role_token(doc: Doc, i: int) -> bool:
    token = doc[i]
    if token.text == ".":  # "Maj. Gen.": the tokenizer splits some abbreviations' dots off
        return i > 0 and doc[i - 1].lower_ in TITLE_ABBREVIATIONS
    if token.text in HYPHENS:  # "Secretary-General"
        return True
    return token.lower_ in ROLE_WORDS or (token.ent_type_ in ROLE_ENT_LABELS and not token.is_punct)


def _role_bounds(doc: Doc, start: int) -> tuple[int, int] | None:
    """Token bounds of a title written right before token ``start`` (a person's name)."""
    i = start
    while (
        i > 0
        and (doc[i - 1].ent_type_ != "PERSON" or doc[i - 1].lower_ in TITLE_WORDS)
        and _is_role_token(doc, i - 1)
    ):
        # The parser often ends a sentence at "Maj." / "Col."; that dot does not end a title.
        split_abbreviation = doc[i - 1].text == "." or (i > 1 and doc[i - 2].text == ".")
        if doc[i].is_sent_start and not split_abbreviation:
            break
        i -= 1
    while i < start and (
        doc[i].lower_ in {"of", "for", "'s", "’s", "the", "."} or doc[i].text in HYPHENS
    ):
        i += 1
    if i == start or not any(doc[k].lower_ in TITLE_WORDS for k in range(i, start)):
        return None
    return i, start


def _split_title(doc: Doc, start: int, end: int) -> int:
    """First name token of a PERSON span whose leading tokens are a title ("President Joe Biden")."""
    i = start
    while end - i > 1 and doc[i].lower_ in ROLE_WORDS:
        i += 1
    return i if i > start and any(doc[k].lower_ in TITLE_WORDS for k in range(start, i)) else start


def _appositive_bounds(doc: Doc, end: int) -> tuple[int, int] | None:
    """A title set off by commas right after a name: "Sabrina Singh, the deputy press secretary,"."""
    if end >= len(doc) or doc[end].text != ",":
        return None
    i = end + 1
    if i < len(doc) and doc[i].lower_ in {"the", "a", "an"}:
        i += 1
    first = i

    def continues(k: int) -> bool:
        inner_the = doc[k].lower_ == "the" and k + 1 < len(doc) and _is_role_token(doc, k + 1)
        return (_is_role_token(doc, k) or inner_the) and doc[k].ent_type_ != "PERSON"

    while i < len(doc) and not doc[i].is_sent_start and continues(i):
        i += 1
    closed = i >= len(doc) or doc[i].text in {",", ".", ";", "—", "–"} or doc[i].is_sent_start
    has_head = any(doc[k].lower_ in TITLE_HEADS for k in range(first, i))
    return (first, i) if i > first and closed and has_head else None


def _drafts(doc: Doc) -> list[_Draft]:
    drafts = []
    for ent in doc.ents:
        if ent.label_ not in MENTION_LABELS:
            continue
        start, end = _trim(ent)
        role = None
        if not ent.ent_id_ and all(t.lower_ in TITLE_WORDS or t.is_punct for t in doc[start:end]):
            continue  # a bare title the model took for a name: "Maj" in "Maj. Gen. Pat Ryder"
        if ent.label_ == "PERSON":
            name_start = _split_title(doc, start, end)
            bounds = (start, name_start) if name_start > start else _role_bounds(doc, start)
            bounds = bounds or _appositive_bounds(doc, end)
            start = name_start
            if bounds:
                role = doc[bounds[0] : bounds[1]].text
        text = doc[start:end].text
        drafts.append(
            _Draft(
                start=start,
                end=end,
                label=ent.label_,
                canonical=ent.ent_id_ or text,
                from_gazetteer=bool(ent.ent_id_),
                role=role,
            )
        )
    return drafts


def _resolve_surnames(doc: Doc, drafts: list[_Draft]) -> None:
    """Point one-word names at the full person name ending in them (nearest earlier, else later)."""
    # A full name the model typed as ORG/GPE ("Oleksiy Poltorazky") is a person when its last
    # word is used alone as a PERSON elsewhere in the article.
    lone = {
        _normalize(doc[d.start].text)
        for d in drafts
        if d.label == "PERSON" and d.end - d.start == 1
    }
    for d in drafts:
        words = doc[d.start : d.end]
        if (
            d.label != "PERSON"
            and not d.from_gazetteer
            and 2 <= len(words) <= 3
            and all(t.is_title for t in words)
            and _normalize(words[-1].text) in lone
        ):
            d.label = "PERSON"
    full = [d for d in drafts if d.label == "PERSON" and d.end - d.start >= 2]
    for draft in drafts:
        if draft.end - draft.start != 1 or draft.label not in SURNAME_CONFUSABLE:
            continue
        if draft.from_gazetteer and draft.label != "PERSON":
            continue
        surname = _normalize(doc[draft.start].text)
        if len(surname) < 2:
            continue
        matches = [
            f
            for f in full
            if _normalize(doc[f.end - 1].text) == surname
            or (
                len(surname) >= MIN_VARIANT_LENGTH
                and fuzz.ratio(_normalize(doc[f.end - 1].text), surname) >= VARIANT_CUTOFF
            )
        ]
        # Never a feminine surname to a man's name ("Zelenska" is not "Volodymyr Zelensky"),
        # never a surname two people of the article share ("Biden" after Joe and Hunter
        # Biden). A masculine-looking short form of a woman's full name is left to the spelling
        # rule: machine-translated text declines and mangles feminine names ("Zacharów" for
        # "Maria Zacharowa").
        short = name_key(doc[draft.start].text)
        matches = [f for f in matches if not feminine_form(short, name_key(doc[f.end - 1].text))]
        if not matches or not one_person(doc[f.start : f.end].text for f in matches):
            continue
        # A name in full beats a title and a surname ("Mr Halloway") as the one to point at.
        matches = [f for f in matches if full_name(f.canonical)] or matches
        earlier = [f for f in matches if f.start < draft.start]
        target = earlier[-1] if earlier else matches[0]
        if draft.from_gazetteer and target.from_gazetteer and target.canonical != draft.canonical:
            continue  # two known people: the gazetteer already decided
        draft.canonical, draft.label = target.canonical, "PERSON"
        draft.from_gazetteer = draft.from_gazetteer or target.from_gazetteer


def _merge_variants(drafts: list[_Draft]) -> None:
    """Rename spelling variants of one label to the cluster's representative name."""
    by_label: dict[str, list[_Draft]] = defaultdict(list)
    for draft in drafts:
        by_label[draft.label].append(draft)
    for group in by_label.values():
        counts = Counter(d.canonical for d in group)
        known = {d.canonical for d in group if d.from_gazetteer}
        # Representatives first: gazetteer names, then the most mentioned, then first seen.
        names = sorted(counts, key=lambda n: (n not in known, -counts[n]))
        chosen: dict[str, str] = {}
        for name in names:
            key = _normalize(name)
            target = next(
                (
                    rep
                    for rep in dict.fromkeys(chosen.values())
                    if not (name in known and rep in known)
                    and len(key) >= MIN_VARIANT_LENGTH
                    and fuzz.ratio(key, _normalize(rep)) >= VARIANT_CUTOFF
                ),
                name,
            )
            chosen[name] = target
        for draft in group:
            draft.canonical = chosen[draft.canonical]


def _entities(mentions: list[Mention]) -> tuple[Entity, ...]:
    grouped: dict[str, list[Mention]] = defaultdict(list)
    for mention in mentions:
        grouped[mention.entity].append(mention)
    entities = []
    for name, group in grouped.items():
        label = Counter(m.label for m in group).most_common(1)[0][0]
        entry = lookup(name)
        entities.append(
            Entity(
                name=name,
                label=label,
                aliases=tuple(dict.fromkeys(m.text for m in group)),
                roles=tuple(dict.fromkeys(m.role for m in group if m.role)),
                weapon_class=entry.weapon_class if entry is not None else None,
            )
        )
    return tuple(entities)


def _descriptions(doc: Doc, drafts: list[_Draft]) -> list[_Draft]:
    """Mentions like "the Kremlin spokesman" for the one person the article gave that title.

    Only titles of two or more words, held by exactly one person in the article, and only
    where no name follows (that would be the title of a name, already a role).
    """
    holders: dict[str, set[str]] = defaultdict(set)
    for d in drafts:
        if d.label == "PERSON" and d.role and len(d.role.split()) >= 2:
            holders[d.role.lower().removeprefix("former ")].add(d.canonical)
    taken = {i for d in drafts if d.label == "PERSON" for i in range(d.start, d.end)}
    found = []
    lowered = doc_text(doc).lower()
    for role, names in holders.items():
        if len(names) != 1:
            continue
        for match in re.finditer(rf"\bthe {re.escape(role)}\b", lowered):
            span = doc.char_span(match.start() + 4, match.end())
            if span is None or any(i in taken for i in range(span.start, span.end)):
                continue
            if span.end < len(doc) and (
                doc[span.end].ent_type_ == "PERSON" or doc[span.end].is_title
            ):
                continue
            found.append(
                _Draft(
                    start=span.start,
                    end=span.end,
                    label="PERSON",
                    canonical=next(iter(names)),
                    from_gazetteer=False,
                )
            )
    return found


def extract_entities(doc: Doc, *, article_id: str) -> EntityResult:
    """Mentions of PERSON ORG GPE LOC NORP FAC WEAPON in ``doc`` and their canonical entities.

    Offsets index ``doc_text(doc)`` (the article's text), so ``text[m.start:m.end] == m.text``.
    """
    drafts = _drafts(doc)
    _resolve_surnames(doc, drafts)
    _merge_variants(drafts)
    drafts = sorted([*drafts, *_descriptions(doc, drafts)], key=lambda d: d.start)
    mentions = []
    for d in drafts:
        span = doc[d.start : d.end]
        mentions.append(
            Mention(
                article_id=article_id,
                start=span.start_char,
                end=span.end_char,
                text=span.text,
                label=d.label,
                entity=d.canonical,
                role=d.role,
            )
        )
    # Keep one label per entity: the majority, so the mention and entity labels agree.
    entities = _entities(mentions)
    labels = {e.name: e.label for e in entities}
    mentions = [
        replace(m, label=labels[m.entity]) if m.label != labels[m.entity] else m for m in mentions
    ]
    return EntityResult(mentions=tuple(mentions), entities=entities)
