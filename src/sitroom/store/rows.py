"""Records <-> SQLite rows, derived from the record's dataclass fields.

A table holding a record has one column per field, of the same name; containers (tuples,
dicts) are stored as JSON and booleans as 0/1. So a field added to a record needs a column
(a migration) and nothing else: reading and writing follow its type hint.
"""

from __future__ import annotations

import functools
import json
import types
from collections.abc import Callable, Mapping
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


# Types stored as they are (not bool: it subclasses int, and is stored as 0/1).
_PLAIN = frozenset((str, int, float, bytes, type(None)))


def encode(value: object) -> SQLValue:
    """A field value as SQLite stores it: containers as JSON, booleans as 0/1."""
    if type(value) in _PLAIN:  # most values: checked first, one set lookup
        return value  # type: ignore[return-value]
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


# Reading a big store decodes millions of rows (reconcile loads every event and claim):
# the type hints are taken apart once per hint, into converter functions, never per value.


def _same(value: object) -> object:
    return value


@functools.cache
def _decoder(hint: object) -> Callable[[SQLValue], object]:
    """The function :func:`decode` applies for ``hint``, built once per hint."""
    required = _required(hint)
    optional = required is not hint
    origin = get_origin(required) or required
    if origin is tuple or origin is dict:
        convert = _converter(required)
        empty = "[]" if origin is tuple else "{}"

        def from_text(value: SQLValue) -> object:
            if value is None and optional:
                return None
            return convert(json.loads(str(value) if value is not None else empty))

        return from_text
    if required is bool:
        return lambda value: None if value is None else bool(value)
    return _same


def decode(hint: object, value: SQLValue) -> object:
    """A column value as the field typed ``hint`` holds it (the inverse of :func:`encode`)."""
    return _decoder(hint)(value)


@functools.cache
def _converter(hint: object) -> Callable[[object], object]:
    """The function :func:`from_json` applies for ``hint``, built once per hint."""
    required = _required(hint)
    if isinstance(required, type) and is_dataclass(required):
        kind = required
        return lambda value: record_from_json(kind, value) if isinstance(value, dict) else value
    if get_origin(required) is not tuple:
        return _same
    args = get_args(required)
    variadic = len(args) == 2 and args[1] is Ellipsis
    items = [_converter(arg) for arg in (args[:1] if variadic else args)]

    def to_tuple(value: object) -> object:
        if isinstance(value, dict):
            # A JSON object read into a tuple field: its (key, value) pairs, sorted, so the
            # record compares and hashes (EventRow.quantities).
            value = sorted([key, item] for key, item in value.items())
        if not isinstance(value, list):
            return value
        if variadic:
            return tuple(items[0](item) for item in value)
        if len(items) == len(value):
            return tuple(convert(item) for convert, item in zip(items, value, strict=True))
        return tuple(value)

    return to_tuple


def from_json(hint: object, value: object) -> object:
    """A JSON-loaded value as the field typed ``hint`` holds it: arrays become tuples and
    objects nested records, as far as the hint says."""
    return _converter(hint)(value)


@functools.cache
def _row_plan(
    kind: type[DataclassInstance],
) -> tuple[tuple[str, Callable[[SQLValue], object]], ...]:
    types_ = field_types(kind)
    return tuple((name, _decoder(types_[name])) for name in field_names(kind))


@functools.cache
def _json_plan(kind: type[DataclassInstance]) -> tuple[tuple[str, Callable[[object], object]], ...]:
    types_ = field_types(kind)
    return tuple((name, _converter(types_[name])) for name in field_names(kind))


def record_from_json(kind: type[D], data: Mapping[str, object]) -> D:
    """A ``kind`` record from its ``dataclasses.asdict`` JSON (missing keys: defaults)."""
    # Any: each value's type is the one its field declares, which mypy cannot follow here.
    values: dict[str, Any] = {
        name: convert(data[name]) for name, convert in _json_plan(kind) if name in data
    }
    return kind(**values)


def record_from_row(kind: type[D], row: Row, **given: object) -> D:
    """A ``kind`` record from the row's columns named after its fields.

    ``given`` fields are not read from the row (values the query computes elsewhere).
    """
    values: dict[str, Any] = {
        name: given[name] if name in given else convert(row[name])
        for name, convert in _row_plan(kind)
    }
    return kind(**values)
