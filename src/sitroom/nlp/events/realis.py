"""Is a trigger a happening at all? Idioms, questions, fiction, background nouns, denials of intent.

``events.status`` says how a real happening is reported (done, threatened, planned ...); this
module says when a trigger word names no happening to report: a figurative collocation
("struck a conciliatory tone", "hit a record"), a standing condition named by a noun ("a
state under sanctions", "its alliance with Pyongyang"), a film or novel plot retold in a
column, a denial of intent ("had no intention of attacking"). It also gives the realis
of the sentence as a whole: a question is asked, not reported; "we have to fight" is an
obligation, not a fight. The collocations live in ``data/events/figurative.json``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from spacy.tokens import Span, Token

__all__ = [
    "Figurative",
    "has_content_clause",
    "load_figurative",
    "non_event_reason",
    "sentence_realis",
]

# Nouns that name a standing state or relation unless a verb of doing governs them
# ("imposed sanctions", "signed an alliance"): "under sanctions", "its alliance with".
STATE_NOUNS = frozenset(
    {
        "sanction",
        "sanctions",
        "embargo",
        "alliance",
        "partnership",
        "war",
        "threat",
        "aid",
        "agreement",
        "agreements",
        "accord",
        "accords",
        "treaty",
        "pact",
    }
)
# Verbs that make one of STATE_NOUNS a happening: the act of creating, changing or ending it.
MAKING_VERBS = frozenset(
    {
        "impose",
        "introduce",
        "announce",
        "adopt",
        "approve",
        "slap",
        "extend",
        "expand",
        "tighten",
        "unveil",
        "levy",
        "agree",
        "sign",
        "seal",
        "forge",
        "form",
        "formalize",
        "formalise",
        "conclude",
        "ratify",
        "reach",
        "strike",
        "launch",
        "wage",
        "declare",
        "start",
        "begin",
        "issue",
        "deliver",
        "send",
        "provide",
        "pledge",
        "receive",
        "allocate",
        "make",
        "repeat",
        "renew",
        "voice",
    }
)
# Words that mark a sentence as retelling fiction: a film, a series, a novel, their plot.
FICTION_CUES = frozenset(
    {
        "film",
        "films",
        "movie",
        "movies",
        "novel",
        "screenplay",
        "sitcom",
        "protagonist",
        "filmmaker",
        "cinema",
        "documentary",
    }
)
# "had no intention of attacking", "has no plans to invade": nothing happened.
INTENT_NOUNS = frozenset({"intention", "intent", "plan", "plans", "desire", "wish", "interest"})
# "we have to fight", "Europe must respond", "need to send": obligation and advice.
OBLIGATION_WORDS = frozenset({"must", "should", "ought"})
OBLIGATION_VERBS = frozenset({"have", "need"})
# Verbs of speaking whose "of/about X" is the topic: "said of the aid", "talked about the war".
SPEECH_VERBS = frozenset({"say", "speak", "talk", "comment", "write", "remark", "think"})
# Verbs whose figurative reading is the condemnation itself: "blasted the decision" is no
# strike, and is a criticism (issue 9: "has blasted Russia's war" was lost as figurative).
CRITICISM_FIGURES = frozenset({"blast"})
# Quantifiers that make a noun phrase generic, about every happening of a kind, not one of
# them: "any attack on an ally", "all its attacks on civilians", "each strike".
GENERIC_DETERMINERS = frozenset({"any", "every", "each", "all"})
# Adverbs of frequency: the clause tells a habit or a rule, not a happening ("traitors are
# regularly arrested", "Moscow usually denies"). "Repeatedly" and "again" count happenings
# that took place, so they are not here.
HABITUAL_ADVERBS = frozenset(
    {
        "regularly",
        "routinely",
        "usually",
        "often",
        "frequently",
        "typically",
        "normally",
        "generally",
        "sometimes",
        "always",
        "habitually",
        "customarily",
    }
)


@dataclass(frozen=True, slots=True)
class Figurative:
    """Collocations in which a trigger word is figurative (data/events/figurative.json)."""

    objects: dict[str, frozenset[str]]  # verb lemma -> object lemmas that make it figurative
    prep_objects: dict[str, frozenset[str]]  # verb/noun lemma -> "for/against/over X" lemmas
    modifiers: dict[str, frozenset[str]]  # noun lemma -> modifiers that make it figurative
    prep_words: dict[str, frozenset[str]]  # verb lemma -> prepositions: "talk about"


@lru_cache(maxsize=1)
def load_figurative() -> Figurative:
    path = resources.files("sitroom.data").joinpath("events/figurative.json")
    data = json.loads(path.read_text(encoding="utf-8"))
    return Figurative(
        objects={k: frozenset(v) for k, v in data["objects"].items()},
        prep_objects={k: frozenset(v) for k, v in data["prep_objects"].items()},
        modifiers={k: frozenset(v) for k, v in data["modifiers"].items()},
        prep_words={k: frozenset(v) for k, v in data["prep_words"].items()},
    )


def non_event_reason(trigger: Token, *, event_type: str, paragraph: str) -> str | None:
    """Why ``trigger`` names no happening ("figurative", "fiction", ...), or None if it may."""
    if _figurative(trigger, load_figurative()) and not (
        event_type == "condemnation" and trigger.lemma_.lower() in CRITICISM_FIGURES
    ):
        return "figurative"
    if (
        event_type == "protest"
        and trigger.pos_ == "VERB"
        and any(c.dep_ in {"dobj", "auxpass", "ccomp"} for c in trigger.children)
    ):
        # Protests are intransitive: "demonstrate resolve", "rally support"; "this is
        # demonstrated by" is shown, not marched; and "the fighting demonstrates that ...",
        # "Poland protested it was attacked" say something, they are no rally.
        return "figurative"
    if _generic(trigger):
        return "generic"
    if event_type == "sanction" and _stative_passive(trigger):
        return "state"  # "officials who are sanctioned by the US": under sanctions, not newly
    if trigger.pos_ == "VERB" and trigger.dep_ in {"amod", "acomp"}:
        return "figurative"  # a participle used as an adjective: "the toll was striking"
    if event_type == "protest" and trigger.pos_ == "NOUN" and trigger.head.lower_ == "in":
        return "figurative"  # "closed their offices in protest": a motive, no rally held
    if trigger.pos_ == "NOUN" and event_type == "arrest" and has_content_clause(trigger):
        return "figurative"  # "the US's conviction that Ukraine is at risk": a belief
    if _topic_of_speech(trigger):
        return "topic"
    if _is_state_noun(trigger, event_type):
        return "state"
    if _denied_intent(trigger):
        return "intent"
    if _fiction(trigger.sent, paragraph):
        return "fiction"
    return None


def sentence_realis(trigger: Token) -> str | None:
    """A status the sentence imposes on every event in it: a question or an obligation."""
    sent = trigger.sent
    if sent.text.rstrip(" \"'”’)").endswith("?"):
        return "conditional"  # asked, not reported: "does Putin see a way out?"
    verb = trigger if trigger.pos_ in {"VERB", "AUX"} else trigger.head
    for token in (verb, *list(verb.ancestors)[:2]):
        aux = [c for c in token.children if c.dep_ in {"aux", "auxpass"}]
        if any(a.lower_ in OBLIGATION_WORDS for a in aux):
            return "expected"
        if (
            token.dep_ == "xcomp"
            and token.head.lemma_.lower() in OBLIGATION_VERBS
            and any(c.lower_ == "to" for c in token.children)
        ):
            return "expected"  # "we have to fight", "Europe needs to send"
    return None


def _figurative(trigger: Token, fig: Figurative) -> bool:
    lemma = trigger.lemma_.lower()
    objects = fig.objects.get(lemma)
    # A relative clause's object is the noun it hangs from: "an opportunity that Putin is
    # seizing" is "seizing an opportunity".
    relativized = [trigger.head] if trigger.dep_ in {"relcl", "acl"} else []
    if objects and any(
        c.dep_ in {"dobj", "nsubjpass", "attr"} and c.lemma_.lower() in objects
        for c in [*trigger.children, *relativized]
    ):
        return True
    preps = fig.prep_objects.get(lemma)
    if preps and any(
        g.lemma_.lower() in preps
        for c in trigger.children
        if c.dep_ == "prep" and c.lower_ in {"for", "against", "over", "with", "on", "of"}
        for g in c.children
        if g.dep_ in {"pobj", "pcomp"}
    ):
        return True
    words = fig.prep_words.get(lemma)
    if words and any(c.dep_ in {"prep", "prt"} and c.lower_ in words for c in trigger.children):
        return True
    modifiers = fig.modifiers.get(lemma)
    return bool(modifiers) and any(
        c.dep_ in {"amod", "compound", "nmod"} and c.lemma_.lower() in (modifiers or ())
        for c in trigger.children
    )


def has_content_clause(noun: Token) -> bool:
    """ "the conviction that ...", "warnings that ...": the noun has a that-clause of content."""
    return any(
        c.dep_ in {"acl", "ccomp"}
        and any(g.dep_ == "mark" and g.lower_ == "that" for g in c.children)
        for c in noun.children
    )


def _stative_passive(verb: Token) -> bool:
    """A present passive with no time of its own: "who are sanctioned", "is blacklisted"."""
    return (
        verb.pos_ == "VERB"
        and any(c.dep_ == "auxpass" and c.tag_ in {"VBZ", "VBP"} for c in verb.children)
        and not any(c.dep_ == "aux" for c in verb.children)
        and not any(t.ent_type_ in {"DATE", "TIME"} for t in verb.subtree)
    )


def _generic(trigger: Token) -> bool:
    """A kind of happening, not one: a quantified noun or a clause of habit.

    "Any attack will be met with force", "all its attacks on Ukrainians", "dissidents are
    regularly arrested": no particular happening is reported.
    """
    if trigger.pos_ in {"NOUN", "PROPN"} and any(
        c.dep_ in {"det", "predet"} and c.lower_ in GENERIC_DETERMINERS for c in trigger.children
    ):
        return True
    verb = trigger if trigger.pos_ == "VERB" else trigger.head
    if trigger.pos_ != "VERB" and (
        verb.pos_ not in {"VERB", "AUX"} or trigger.dep_ not in {"nsubj", "nsubjpass", "dobj"}
    ):
        return False  # a noun deeper down is not the clause's happening
    return any(c.dep_ == "advmod" and c.lower_ in HABITUAL_ADVERBS for c in verb.children)


def _topic_of_speech(trigger: Token) -> bool:
    """ "said of the US assistance", "spoke about the sanctions": what was talked about.

    A noun that is only the topic of a verb of speaking reports no happening of its own
    (issue 9: "Shmyhal said of the US security assistance: ..." was an aid event).
    """
    head = trigger.head
    return (
        trigger.pos_ in {"NOUN", "PROPN"}
        and trigger.dep_ == "pobj"
        and head.lower_ in {"of", "about"}
        and head.head.lemma_.lower() in SPEECH_VERBS
    )


def _is_state_noun(trigger: Token, event_type: str) -> bool:
    """ "under stringent sanctions", "its alliance with Pyongyang": no act is reported."""
    lemma = trigger.lower_ if trigger.lower_ in STATE_NOUNS else trigger.lemma_.lower()
    if trigger.pos_ not in {"NOUN", "PROPN"} or lemma not in STATE_NOUNS:
        return False
    if lemma == "war" and any(
        c.dep_ == "poss" or (c.dep_ == "amod" and c.ent_type_ in {"NORP", "GPE"})
        for c in trigger.children
    ):
        return False  # "Russia's war", "the Russian war against Ukraine": waged by someone
    head = trigger.head
    if any(c.dep_ == "acl" and c.lemma_.lower() in MAKING_VERBS for c in trigger.children):
        return False  # "a deal agreed between Finland and Turkey", "the treaty signed in June"
    if (
        trigger.dep_ in {"dobj", "nsubjpass", "attr", "conj"}
        and head.lemma_.lower() in MAKING_VERBS
    ):
        return False
    if trigger.dep_ == "pobj" and head.head.lemma_.lower() in MAKING_VERBS:
        return False  # "imposed a ban on", "sign off on the alliance"
    # "new sanctions", "fresh sanctions", "a package of sanctions": announced now.
    return not any(
        c.lower_ in {"new", "fresh", "additional", "further", "latest", "more"}
        for c in trigger.children
    )


def _denied_intent(trigger: Token) -> bool:
    """ "had no intention of attacking", "has no plans to invade", "not going to attack"."""
    for token in [trigger, *list(trigger.ancestors)[:3]]:
        if token.lemma_.lower() in INTENT_NOUNS and any(
            c.dep_ == "det" and c.lower_ == "no" for c in token.children
        ):
            return True
        if token.lemma_.lower() in INTENT_NOUNS and any(
            c.dep_ == "neg" for c in token.head.children
        ):
            return True
    return False


def _fiction(sent: Span, paragraph: str) -> bool:
    words = {t.lower_ for t in sent} | set(paragraph.casefold().split())
    return bool(words & FICTION_CUES)
