"""Modality and negation of an event trigger: reported, claimed, denied, expected, threatened, conditional.

Why its own module: the rule that a threat, a plan or a conditional never becomes a
carried-out event is the one analysts check first, so it is kept small and testable.
The walk goes from the trigger up its head chain to the clause root, looking at each
token's auxiliaries, negations and the verbs that govern it ("threatened to strike",
"denied launching", "plans to send", "if they allow it").
"""

from __future__ import annotations

from spacy.tokens import Token

__all__ = ["event_status"]

# Governing verbs (lemmas) and the status they give the event under them.
GOVERNOR_STATUS = {
    "threaten": "threatened",
    "warn": "threatened",
    "vow": "threatened",
    "deny": "denied",
    "reject": "denied",
    "refute": "denied",
    "dismiss": "denied",
    # Refusals and failures: the act did not take place ("refuses to talk", "failed to reply").
    "refuse": "denied",
    "decline": "denied",
    "fail": "denied",
    "plan": "expected",
    "expect": "expected",
    "intend": "expected",
    "prepare": "expected",
    "aim": "expected",
    "seek": "expected",
    "want": "expected",
    "hope": "expected",
    "hop": "expected",  # en_core_web_sm lemmatizes "hoping" as "hop"
    "propose": "expected",
    "consider": "expected",
    "decide": "expected",  # "has decided to invade": the decision is reported, not the act
    "set": "expected",
    "schedule": "expected",
    # Requests and appeals: the act asked for has not happened ("urged Biden to visit Kyiv").
    "urge": "expected",
    "ask": "expected",
    "call": "expected",
    "invite": "expected",
    "encourage": "expected",
    "press": "expected",
    "appeal": "expected",
    "demand": "expected",
    "claim": "claimed",
    "allege": "claimed",
    # Commitments: the act is promised, not done ("promised a package", "offered to mediate").
    "promise": "expected",
    "offer": "expected",
    # Rehearsals and simulations of an act are not the act ("ordered forces to rehearse
    # deploying nuclear weapons", "drills simulating a strike").
    "rehearse": "conditional",
    "practice": "conditional",
    "practise": "conditional",
    "simulate": "conditional",
}
# Verbs of commitment whose infinitive is what is committed to, not done: "agreed to
# retaliate", "pledged to supply Kyiv", "committed to sending" ("agreed a deal" is the deal).
COMMISSIVE_VERBS = frozenset({"agree", "pledge", "commit", "undertake"})
# Modal auxiliaries: possibility/hypothesis vs. future.
CONDITIONAL_MODALS = frozenset({"could", "might", "may", "would", "should", "can"})
FUTURE_MODALS = frozenset({"will", "shall", "'ll"})
CONDITIONAL_MARKERS = frozenset({"if", "unless", "whether"})
# Subordinators of cause and time, whose clause is asserted whatever the main clause says.
FACTIVE_MARKERS = frozenset({"because", "since", "as", "after", "when", "while", "although"})
# Nouns that, as the head of "the threat of X" / "plans for X", make X unrealized.
# Whole classes of such nouns: what is feared or may be ("fears of an invasion", "the
# danger of escalation"), what is asked or offered ("a proposal to provide aid", "calls for
# sanctions" is the verb's), what is only aimed at or able to be ("an attempt to storm the
# town", "the duty to fight", "its readiness to send troops").
GOVERNOR_NOUNS = {
    "threat": "threatened",
    "plan": "expected",
    "risk": "conditional",
    "possibility": "conditional",
    "prospect": "expected",
    # "making efforts to conduct a conversation": tried for, not done.
    "effort": "expected",
    # What is remembered is history: "on the anniversary of the 2001 attacks".
    "anniversary": "historical",
    "commemoration": "historical",
    "remembrance": "historical",
    "fear": "conditional",
    "danger": "conditional",
    "chance": "conditional",
    "likelihood": "conditional",
    "scenario": "conditional",
    "spectre": "conditional",
    "specter": "conditional",
    "proposal": "expected",
    "request": "expected",
    "demand": "expected",
    "appeal": "expected",
    "promise": "expected",
    "offer": "expected",
    "attempt": "expected",
    "bid": "expected",
    "goal": "expected",
    "aim": "expected",
    "objective": "expected",
    "intention": "expected",
    "ambition": "expected",
    "duty": "expected",
    "right": "expected",
    "ability": "conditional",
    "capability": "conditional",
    "capacity": "conditional",
    "readiness": "expected",
    "will": "expected",
    "determination": "expected",
    "willingness": "expected",
    "need": "expected",
}
# "the potential deployment", "a planned strike": the noun names something not (yet) done.
UNREALIZED_ADJECTIVES = {
    "potential": "conditional",
    "possible": "conditional",
    "hypothetical": "conditional",
    "planned": "expected",
    "scheduled": "expected",
    "proposed": "expected",
    "future": "expected",
    "anticipated": "expected",
    "expected": "expected",
    "imminent": "expected",
    "threatened": "threatened",
    "alleged": "claimed",
}
# The same adjectives said of the event noun: "new sanctions are imminent", "an attack is likely".
PREDICATE_STATUS = {
    **UNREALIZED_ADJECTIVES,
    "likely": "conditional",
    "unlikely": "conditional",
    "inevitable": "expected",
    "coming": "expected",
}
# "evidence of X", "no sign of X": a negation above them reaches X.
EVIDENCE_NOUNS = frozenset(
    {"evidence", "sign", "proof", "confirmation", "indication", "trace", "report"}
)
# Verbs of perceiving and finding: negated, they deny what they did not perceive ("have not
# seen China provide weapons", "did not find Russia using gas").
PERCEPTION_VERBS = frozenset({"see", "find", "observe", "notice", "detect", "witness"})
MAX_DEPTH = 6  # head-chain steps walked; deeper than this is another clause's business


def event_status(trigger: Token, *, threat_type: bool = False) -> str:
    """Status of the event ``trigger`` names; a threat event itself is reported as made."""
    token = trigger
    through_prep = False
    owned = trigger.pos_ in {"NOUN", "PROPN"} and any(c.dep_ == "poss" for c in trigger.children)
    for _ in range(MAX_DEPTH):
        found = _own_status(token, is_trigger=token is trigger, negation=not through_prep)
        if found is not None and not (threat_type and found == "threatened"):
            return found
        if token.dep_ == "ROOT" or token.head is token:
            break
        head = token.head
        if head.lemma_.lower() in COMMISSIVE_VERBS and token.dep_ in {"xcomp", "pcomp"}:
            return _negated(head, "expected")
        # The governor's passive subject and its "by" phrase are governed too: "the vote is
        # scheduled for Sunday", "Ukraine is threatened by a Russian attack".
        if head.lemma_.lower() in GOVERNOR_STATUS and token.dep_ in {
            "xcomp",
            "dobj",
            "pcomp",
            "ccomp",
            "advcl",
            "prep",
            "pobj",
            "nsubjpass",
            "agent",
        }:
            status = GOVERNOR_STATUS[head.lemma_.lower()]
            if not (threat_type and status == "threatened"):
                return _negated(head, status)
        if head.lemma_.lower() in GOVERNOR_NOUNS and (
            token.dep_ in {"pobj", "prep", "acl", "compound"}
            or (token.dep_ == "xcomp" and head.pos_ in {"NOUN", "PROPN"})
        ):
            return GOVERNOR_NOUNS[head.lemma_.lower()]
        if _in_case_of(head) and token.dep_ == "prep":
            return "conditional"  # "in the case of a Russian invasion", "in the event of war"
        if (
            token.dep_ in {"ccomp", "xcomp"}
            and head.lemma_.lower() in PERCEPTION_VERBS
            and any(c.dep_ == "neg" for c in head.children)
        ):
            return "denied"  # "have not seen China provide weapons": no sign it happened
        if token.dep_ in {"ccomp", "parataxis"}:
            break  # a reporting verb's content: its own modality ends here
        if token.dep_ == "advcl" and any(
            c.dep_ in {"mark", "advmod"} and c.lower_ in FACTIVE_MARKERS for c in token.children
        ):
            # "votes were not held because the offensive was stopped": a clause of cause or
            # time is told as fact; the negation or modal of the clause above is not its own.
            break
        # "did not comment on the anniversary of the invasion": a negation above a
        # prepositional phrase denies the comment, not the invasion.
        # "found no evidence of Russian assistance" does deny the assistance.
        through_prep = through_prep or (
            token.dep_ in {"pobj", "pcomp"}
            and not (head.lower_ == "of" and head.head.lemma_.lower() in EVIDENCE_NOUNS)
        )
        if through_prep and owned:
            # "will focus on Russia's invasion": the modality of the outer clause is not the
            # owned happening's; it is told as a fact.
            return "reported"
        token = head
    return "reported"


def _in_case_of(noun: Token) -> bool:
    """ "in (the) case of", "in the event of": what follows is a condition, not a report."""
    return (
        noun.lemma_.lower() in {"case", "event"}
        and noun.dep_ == "pobj"
        and noun.head.lower_ == "in"
    )


def _negated(verb: Token, status: str) -> str:
    # "did not deny" keeps the event as reported; "did not threaten" leaves no threat.
    if any(c.dep_ == "neg" for c in verb.children):
        return "reported" if status == "denied" else "denied"
    return status


def _predicated(noun: Token) -> str | None:
    """ "Additional sanctions are imminent": the status the copula's adjective gives its subject."""
    if noun.dep_ not in {"nsubj", "nsubjpass"} or noun.head.lemma_.lower() != "be":
        return None
    return next(
        (
            PREDICATE_STATUS[c.lemma_.lower()]
            for c in noun.head.children
            if c.dep_ == "acomp" and c.lemma_.lower() in PREDICATE_STATUS
        ),
        None,
    )


def _own_status(token: Token, *, is_trigger: bool, negation: bool = True) -> str | None:
    children = list(token.children)
    if is_trigger and token.pos_ in {"NOUN", "PROPN"}:
        predicated = _predicated(token)
        if predicated is not None:
            return predicated
    if is_trigger and any(
        c.dep_ == "amod" and c.lemma_.lower() in UNREALIZED_ADJECTIVES for c in children
    ):
        return UNREALIZED_ADJECTIVES[
            next(c.lemma_.lower() for c in children if c.lemma_.lower() in UNREALIZED_ADJECTIVES)
        ]
    if is_trigger and token.pos_ in {"NOUN", "PROPN"}:
        # The same participles after the noun: "manoeuvres planned for next month".
        after = next((c.text.lower() for c in children if c.dep_ == "acl" and c.i > token.i), None)
        if after in UNREALIZED_ADJECTIVES:
            return UNREALIZED_ADJECTIVES[after]
    if negation and any(c.dep_ == "neg" for c in children):
        return "denied"
    if any(c.dep_ == "mark" and c.lower_ in CONDITIONAL_MARKERS for c in children):
        return "conditional"
    if token.dep_ == "advcl" and any(
        c.lower_ in CONDITIONAL_MARKERS for c in token.subtree if c.i < token.i
    ):
        return "conditional"
    if (
        token.dep_ == "xcomp"
        and token.head.lemma_.lower() == "be"
        and any(c.dep_ == "aux" and c.lower_ == "to" for c in children)
    ):
        return "expected"  # "Macron is to talk to Putin", "was to convene a meeting": arranged
    aux = {c.lower_ for c in children if c.dep_ in {"aux", "auxpass"}}
    if aux & CONDITIONAL_MODALS:
        return "conditional"
    if aux & FUTURE_MODALS or ("going" in aux and any(c.lower_ == "to" for c in children)):
        return "expected"
    return None
