"""Canonical entities across articles: one row per (normalized name, label), aliases merged."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable

from rapidfuzz import fuzz, process

from sitroom.records import Entity, normalize_for_id
from sitroom.store.connection import Connection, Row
from sitroom.store.rows import record_from_row

__all__ = ["FUZZY_MATCH_SCORE", "canonicalize", "entity_from_row", "normalize_name"]

# token_sort_ratio at which two names of the same label are one entity. 92 accepts spelling
# variants of one name ("Zelenskyy"/"Zelensky" scores 94, "Volodymyr Zelenskyy"/"Zelenskyy
# Volodymyr" 100) but not different people who share a surname ("Joe Biden"/"Hunter Biden"
# ~ 67) or outfits that differ by one word ("Russian army"/"Russian navy" ~ 83).
FUZZY_MATCH_SCORE = 92
# Names shorter than this are only merged on exact match: "US" vs "UN" is one edit apart.
MIN_FUZZY_LENGTH = 6

_LEADING_THE = re.compile(r"^the\s+")
_PUNCT = re.compile(r"[^\w\s'-]")


def normalize_name(name: str) -> str:
    """Lowercased name without a leading "the", stray punctuation or possessive 's."""
    text = normalize_for_id(name)
    text = _LEADING_THE.sub("", text)
    text = re.sub(r"'s$", "", text)
    return re.sub(r"\s+", " ", _PUNCT.sub(" ", text)).strip()


def entity_from_row(row: Row) -> Entity:
    """The Entity an ``entities`` row holds (its columns are the Entity fields)."""
    return record_from_row(Entity, row)


def _merge(existing: Iterable[str], extra: Iterable[str]) -> list[str]:
    merged = list(existing)
    merged += [x for x in dict.fromkeys(extra) if x and x not in merged]
    return merged


def _same_token(a: str, b: str) -> bool:
    if a == b:
        return True
    return min(len(a), len(b)) >= MIN_FUZZY_LENGTH and fuzz.ratio(a, b) >= FUZZY_MATCH_SCORE


def _by_surname(main: str, choices: dict[str, int]) -> int | None:
    """A person named by surname alone ("Zelenskyy") is the one known person with that surname
    ("Volodymyr Zelenskyy"), and vice versa; two candidates ("Joe"/"Hunter Biden") mean no merge."""
    tokens = main.split()
    if len(tokens) == 1:
        found = {
            eid
            for norm, eid in choices.items()
            if " " in norm and _same_token(norm.split()[-1], main)
        }
    else:
        found = {
            eid
            for norm, eid in choices.items()
            if " " not in norm and _same_token(norm, tokens[-1])
        }
    return found.pop() if len(found) == 1 else None


def _find(conn: Connection, norms: list[str], label: str) -> int | None:
    for norm in norms:
        row = conn.execute(
            "SELECT entity_id FROM entity_names WHERE norm = ? AND label = ?", (norm, label)
        ).fetchone()
        if row:
            return int(row[0])
    main = norms[0]
    choices = {
        row[0]: int(row[1])
        for row in conn.query("SELECT norm, entity_id FROM entity_names WHERE label = ?", (label,))
    }
    if len(main) >= MIN_FUZZY_LENGTH:
        long_choices = [norm for norm in choices if len(norm) >= MIN_FUZZY_LENGTH]
        best = process.extractOne(
            main, long_choices, scorer=fuzz.token_sort_ratio, score_cutoff=FUZZY_MATCH_SCORE
        )
        if best is not None:
            return choices[best[0]]
    return _by_surname(main, choices) if label == "PERSON" else None


def canonicalize(conn: Connection, entity: Entity) -> int:
    """Id of the canonical entity for ``entity``, creating or enriching it; in the caller's transaction."""
    names = [entity.name, *entity.aliases]
    norms = [n for n in dict.fromkeys(normalize_name(x) for x in names) if n]
    if not norms:
        norms = [normalize_for_id(entity.name) or entity.name]
    entity_id = _find(conn, norms, entity.label)
    if entity_id is None:
        row = conn.execute(
            "INSERT INTO entities (name, label, norm, aliases, roles, weapon_class)"
            " VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
            (
                entity.name,
                entity.label,
                norms[0],
                json.dumps(_merge([], entity.aliases), ensure_ascii=False),
                json.dumps(_merge([], entity.roles), ensure_ascii=False),
                entity.weapon_class,
            ),
        ).fetchone()
        entity_id = int(row[0])
    else:
        row = conn.execute("SELECT * FROM entities WHERE id = ?", (entity_id,)).fetchone()
        name = row["name"]
        if (
            len(entity.name.split()) > len(name.split())
            and normalize_name(entity.name) != row["norm"]
        ):
            # The fuller form of a person's name becomes the canonical one; the short one stays an alias.
            name = entity.name
            conn.execute(
                "UPDATE entities SET name = ?, norm = ? WHERE id = ?",
                (name, normalize_name(name), entity_id),
            )
        aliases = _merge(
            json.loads(row["aliases"]), [n for n in [row["name"], *names] if n != name]
        )
        roles = _merge(json.loads(row["roles"]), entity.roles)
        new_aliases = json.dumps(aliases, ensure_ascii=False)
        new_roles = json.dumps(roles, ensure_ascii=False)
        stored_class = row["weapon_class"]
        weapon_class = entity.weapon_class if stored_class is None else stored_class
        # Most mentions of a known entity add nothing: no write then (a bulk load's hot path).
        if (new_aliases, new_roles, weapon_class) != (
            row["aliases"],
            row["roles"],
            stored_class,
        ):
            conn.execute(
                "UPDATE entities SET aliases = ?, roles = ?, weapon_class = ? WHERE id = ?",
                (new_aliases, new_roles, weapon_class, entity_id),
            )
    conn.executemany(
        "INSERT INTO entity_names (norm, label, entity_id) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
        [(norm, entity.label, entity_id) for norm in norms],
    )
    return entity_id
