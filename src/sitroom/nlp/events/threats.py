"""Is a warning a threat? Consequences promised to someone, not a forecast or an alert.

The annotation guideline (docs/annotation.md) codes a ``threat`` only for "a warning of
consequences or a vow aimed at a target"; "things can go at a crazy pace, he warned", "warned
counterparts of a possible attack" and "vowed to take steps" are not threats. On the real-news
tune half every "warn"/"vow" clause taken as a threat was of that harmless kind, while the
threats an analyst lists were said with an ordinary "said" or "added": "any attack would lead
to tough sanctions", "the attack will be met with a firm response". So the verbs of saying and
warning make a threat event exactly when their content promises a consequence (a will/would
clause whose words name a response, a sanction, a price to pay) or, for "warn"/"threaten",
when a named party is what is warned (``warned Moscow``).
"""

from __future__ import annotations

from spacy.tokens import Token

__all__ = ["SAYING_LEMMAS", "SAYING_VERBS", "is_threat_noun", "is_threat_statement"]

# Verbs of saying that carry a threat in their content ("Scholz said that any attack would ...").
SAYING_VERBS = frozenset({"say", "add", "declare", "stress", "state", "tell"})
# Verbs outside the trigger lexicon worth asking ``is_threat_statement`` about ("made clear").
SAYING_LEMMAS = SAYING_VERBS | {"make"}
# Verbs whose dependent clause says what the threat is ("warned that ...", "vowed to ...").
WARNING_VERBS = frozenset({"warn", "vow", "threaten", "pledge", "promise"})
# Words of a consequence promised to someone (lemmas). Written from the guideline's examples
# and common English (Oxford Collocations: "respond swiftly", "pay a heavy price").
CONSEQUENCE_LEMMAS = frozenset(
    {
        "respond",
        "response",
        "retaliate",
        "retaliation",
        "revenge",
        "avenge",
        "punish",
        "punishment",
        "consequence",
    }
)
# "will pay a heavy price": a consequence only together ("energy prices" alone is no threat).
PRICE_TO_PAY = frozenset({"pay", "price"})
# Sanctions said to come are a plan ("the EU would adopt sanctions next week") unless tied to
# a condition ("any attack would lead to sanctions"); after "warn" they are a threat as such.
SANCTION_LEMMAS = frozenset({"sanction", "sanctions"})
CONDITION_WORDS = frozenset({"if", "any", "unless", "should"})
FUTURE_AUX = frozenset({"will", "would", "'ll", "shall"})
# Nouns of situations and happenings, which cannot threaten anyone: "the conflict threatens
# to boil over", "the fighting threatens to spread" (the event lexicon's own nouns count too).
SITUATION_NOUNS = frozenset(
    {
        "conflict",
        "crisis",
        "tension",
        "situation",
        "dispute",
        "escalation",
        "standoff",
        "war",
        "fighting",
        "violence",
        "unrest",
        "row",
        "feud",
    }
)
# "threatened Kyiv", "warned Moscow": the party warned, as a named thing.
NAMED_TYPES = frozenset({"GPE", "NORP", "ORG", "PERSON"})


def is_threat_statement(verb: Token) -> bool:
    """Whether the saying or warning ``verb`` makes a threat (see the module docstring)."""
    lemma = verb.lemma_.lower()
    if lemma == "threaten":
        # "threatened to strike", "threatened Ukraine": a threat by its own word; but "the
        # summit threatens to become a Western affair" only says what may come (no agent).
        return not _raising(verb)
    if lemma == "warn" and any(
        c.dep_ == "dobj" and c.ent_type_ in NAMED_TYPES for c in verb.children
    ):
        return not _alert(verb)  # "warned Moscow against ...", not "warned them of a storm"
    clauses = [c for c in verb.children if c.dep_ in {"ccomp", "xcomp", "parataxis"}]
    saying = lemma in SAYING_VERBS or _makes_clear(verb)
    if saying and verb.dep_ in {"parataxis", "ccomp"} and verb.head is not verb:
        clauses.append(verb.head)  # "we will respond," he said: the quote is the verb's head
    if not saying and lemma not in WARNING_VERBS:
        return False
    if saying:
        # "a statement said Biden made clear the US would respond": the inner speaker threatens.
        clauses = [c for c in clauses if not _says(c)]
    return any(_promises_consequence(c, conditional_sanctions=saying) for c in clauses)


def is_threat_noun(noun: Token) -> bool:
    """Whether a "warning" noun is a threat: aimed at a party, or promising a consequence.

    "Warnings from the US that Russian troops are poised to strike", "carried a clear
    warning" alert or forecast; "a warning to Moscow", "a warning that any attack would
    be met with a response" threaten.
    """
    if noun.lemma_.lower() != "warning":
        return True  # "threat", "ultimatum" name a threat by their own word
    # "a warning to Moscow", or the verb's "issued a stark warning to NATO".
    around = list(noun.children)
    if noun.dep_ == "dobj":
        around += list(noun.head.children)
    aimed = any(
        c.dep_ in {"prep", "dative"}
        and c.lower_ in {"to", "against"}
        and any(g.ent_type_ in NAMED_TYPES for g in c.subtree)
        for c in around
    )
    clauses = [c for c in noun.children if c.dep_ in {"acl", "ccomp", "relcl"}]
    return aimed or any(_promises_consequence(c, conditional_sanctions=True) for c in clauses)


def _raising(verb: Token) -> bool:
    """ "The summit threatens to become a Western affair": "threaten" meaning "is likely to".

    Also the passive with a common noun as its "by" phrase: "is threatened by an attack".

    A copular infinitive ("to become", "to be") under a common noun subject that names no
    party: the subject is a thing that may turn out so, and nobody threatens anyone.
    """
    agent = next((g for c in verb.children if c.dep_ == "agent" for g in c.children), None)
    if agent is not None and agent.pos_ == "NOUN" and not agent.ent_type_:
        # "Ukraine is threatened by an attack, by famine": endangered by a happening or a
        # thing, which threatens nobody ("threatened by Russia" names the party who does).
        return True
    subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    infinitive = any(c.dep_ == "xcomp" for c in verb.children)
    if infinitive and subj is not None and subj.lemma_.lower() in SITUATION_NOUNS:
        return True  # "the conflict threatens to boil over": a situation, not a party
    copular = any(c.dep_ == "xcomp" and c.lemma_.lower() in {"be", "become"} for c in verb.children)
    return (
        copular
        and subj is not None
        and subj.pos_ == "NOUN"
        and not subj.ent_type_
        and not any(t.ent_type_ in NAMED_TYPES for t in subj.subtree)
    )


def _says(verb: Token) -> bool:
    return verb.lemma_.lower() in SAYING_VERBS | WARNING_VERBS or _makes_clear(verb)


def _makes_clear(verb: Token) -> bool:
    """ "made clear the US would respond" (the parser hangs "clear" anywhere)."""
    return (
        verb.lemma_.lower() == "make"
        and verb.i + 1 < len(verb.doc)
        and verb.doc[verb.i + 1].lower_ == "clear"
    )


def _alert(verb: Token) -> bool:
    """ "warned counterparts of a possible attack": an alert about a danger, no threat."""
    return any(c.dep_ == "prep" and c.lower_ in {"of", "about"} for c in verb.children)


def _promises_consequence(clause: Token, *, conditional_sanctions: bool) -> bool:
    """A future clause naming a consequence ("will be met with a firm response")."""
    words = list(clause.subtree)
    future = any(t.lower_ in FUTURE_AUX and t.dep_ in {"aux", "auxpass"} for t in words) or (
        clause.dep_ == "xcomp"  # "vowed to retaliate": the vow is the future
    )
    # "in response to an invasion" is a cause told, not a response promised.
    words = [t for t in words if not (t.lower_ == "response" and t.head.lower_ == "in")]
    lemmas = {t.lemma_.lower() for t in words} | {t.lower_ for t in words}
    if not future:
        return False
    if lemmas & CONSEQUENCE_LEMMAS or lemmas >= PRICE_TO_PAY:
        return True
    return bool(lemmas & SANCTION_LEMMAS) and (
        not conditional_sanctions or bool(lemmas & CONDITION_WORDS)
    )
