"""What the place gazetteer holds: candidates, the name index, and the key normalization.

A leaf module, apart from :mod:`sitroom.nlp.places.gazetteer` (which builds the index) and
:mod:`sitroom.nlp.places.index` (which packs it for the cache), so that both can name them.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache

__all__ = ["Candidate", "Gazetteer", "normalize_name"]


@dataclass(frozen=True, slots=True)
class Candidate:
    """One gazetteer entry a toponym may refer to."""

    name: str
    kind: str  # "city" "region" "country" "area"
    country: str | None
    admin1: str | None
    lat: float
    lon: float
    population: int
    geonames_id: int | None = None
    curated: bool = False  # from sitroom's own regions.json: its aliases are as good as its name


@dataclass(frozen=True, slots=True)
class Gazetteer:
    """Name index: normalized name -> candidates; plus country names and demonyms."""

    # A dict when built in memory; the packed table's lazy mapping when read from the cache.
    index: Mapping[str, tuple[Candidate, ...]]
    countries: dict[str, Candidate]  # ISO2 -> the country's candidate
    demonyms: dict[str, str]  # normalized demonym -> ISO2
    us_states: dict[str, str]  # state code -> state name

    def lookup(self, text: str) -> tuple[Candidate, ...]:
        return self.index.get(normalize_name(text), ())


# Names remembered by normalize_name: extraction asks for the same few hundred names many
# times an article (issue 13: 10% of extraction time on real news before).
NORMALIZED_CACHE = 65_536


@lru_cache(maxsize=NORMALIZED_CACHE)
def normalize_name(text: str) -> str:
    """Fold case, accents, apostrophes and a leading "the" so index keys match text."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.replace("\u2019", "'").replace("\u2010", "-").replace("\u2013", "-")
    text = re.sub(r"\s+", " ", text).strip().casefold()
    text = re.sub(r"^the ", "", text)
    return re.sub(r"'s$", "", text)
