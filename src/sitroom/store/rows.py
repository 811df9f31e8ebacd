"""Records <-> SQLite rows, derived from the record's dataclass fields.

A table holding a record has one column per field, of the same name; containers (tuples,
dicts) are stored as JSON and booleans as 0/1. So a field added to a record needs a column
(a migration) and nothing else: reading and writing follow its type hint.
"""

from __future__ import annotations

import functools
import json
import types
from collections.abc import Mapping
from dataclasses import fields, is_dataclass
from typing import TYPE_CHECKING, Any, TypeVar, Union, get_args, get_origin, get_type_hints

from sitroom.store.connection import Row, SQLValue

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

__all__ = [
    "decode",
    "encode",
    "field_names",
    "field_types",
    "from_json",
    "record_from_json",
    "record_from_row",
]

D = TypeVar("D", bound="DataclassInstance")


@functools.cache
def field_types(kind: type[DataclassInstance]) -> dict[str, object]:
    """The record's field types, resolved once (``get_type_hints`` evaluates strings)."""
    return get_type_hints(kind)


def field_names(kind: type[DataclassInstance]) -> tuple[str, ...]:
    """The record's field names, in declaration order."""
    return tuple(f.name for f in fields(kind))


def encode(value: object) -> SQLValue:
    """A field value as SQLite stores it: containers as JSON, booleans as 0/1."""
    if isinstance(value, tuple | list):
        return json.dumps(list(value), ensure_ascii=False)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, bool):
        return int(value)
    if value is None or isinstance(value, int | float | str | bytes):
        return value
    raise TypeError(f"cannot store a {type(value).__name__} in a column: {value!r}")


def _required(hint: object) -> object:
    """``X`` for ``X | None``; ``object`` for wider unions."""
    if get_origin(hint) not in (Union, types.UnionType):
        return hint
    others = [arg for arg in get_args(hint) if arg is not type(None)]
    return others[0] if len(others) == 1 else object


def decode(hint: object, value: SQLValue) -> object:
    """A column value as the field typed ``hint`` holds it (the inverse of :func:`encode`)."""
    if value is None and hint is not _required(hint):
        return None
    hint = _required(hint)
    origin = get_origin(hint) or hint
    if origin is tuple:
        return from_json(hint, json.loads(str(value)) if value is not None else [])
    if origin is dict:
        return from_json(hint, json.loads(str(value)) if value is not None else {})
    if hint is bool and value is not None:
        return bool(value)
    return value


def from_json(hint: object, value: object) -> object:
    """A JSON-loaded value as the field typed ``hint`` holds it: arrays become tuples and
    objects nested records, as far as the hint says."""
    hint = _required(hint)
    if isinstance(hint, type) and is_dataclass(hint) and isinstance(value, dict):
        return record_from_json(hint, value)
    if get_origin(hint) is not tuple:
        return value
    if isinstance(value, dict):
        # A JSON object read into a tuple field: its (key, value) pairs, sorted, so the
        # record compares and hashes (EventRow.quantities).
        value = sorted([key, item] for key, item in value.items())
    if not isinstance(value, list):
        return value
    args = get_args(hint)
    if len(args) == 2 and args[1] is Ellipsis:
        return tuple(from_json(args[0], item) for item in value)
    if len(args) == len(value):
        return tuple(from_json(arg, item) for arg, item in zip(args, value, strict=True))
    return tuple(value)


def record_from_json(kind: type[D], data: Mapping[str, object]) -> D:
    """A ``kind`` record from its ``dataclasses.asdict`` JSON (missing keys: defaults)."""
    types_ = field_types(kind)
    values: dict[str, Any] = {
        name: from_json(types_[name], data[name]) for name in field_names(kind) if name in data
    }
    return kind(**values)


def record_from_row(kind: type[D], row: Row, **given: object) -> D:
    """A ``kind`` record from the row's columns named after its fields.

    ``given`` fields are not read from the row (values the query computes elsewhere).
    """
    types_ = field_types(kind)
    # Any: each value's type is the one its field declares, which mypy cannot follow here.
    values: dict[str, Any] = {
        name: given[name] if name in given else decode(types_[name], row[name])
        for name in field_names(kind)
    }
    return kind(**values)
