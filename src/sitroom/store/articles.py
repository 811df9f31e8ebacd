"""Articles, their blocks, the sources they came from, and feed links: save and load."""

from __future__ import annotations

import re
import time
from collections.abc import Iterable
from dataclasses import dataclass, fields, replace
from typing import cast

from sitroom.errors import BadRequest, NotFound
from sitroom.records import Article, Block, Link
from sitroom.store.bounds import check_limit, check_offset
from sitroom.store.connection import Connection, Row
from sitroom.store.dedup import index_of, signature, to_bytes
from sitroom.store.rows import encode, record_from_row

__all__ = [
    "ArticlePage",
    "ArticleSummary",
    "SaveResult",
    "SourceRow",
    "find_source",
    "get_article",
    "list_articles",
    "record_source",
    "resolve_article_id",
    "save_articles",
    "save_links",
]

# Shortest id prefix `sitroom show` accepts: 4 hex digits are 65 536 values, enough to be
# unique in a small store, and short enough to type.
MIN_ID_PREFIX = 4
# Listing page size cap: keeps one API/CLI request bounded.
MAX_LIMIT = 1000

# The articles table holds every Article field but its blocks (a table of their own).
_ARTICLE_COLUMNS = tuple(f.name for f in fields(Article) if f.name != "blocks")
_BLOCK_COLUMNS = tuple(f.name for f in fields(Block))
# A cursor's row number: decimal digits only ("²".isdigit() is true, int("²") fails).
_SEQ = re.compile(r"[0-9]{1,19}")
_MAX_SEQ = 2**63 - 1  # SQLite's largest integer


def _now() -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())


@dataclass(frozen=True, slots=True, kw_only=True)
class SaveResult:
    """What :func:`save_articles` did: ids stored new, already present, and near-duplicates.

    ``near_duplicate`` ids are also in ``new``: a near-duplicate is stored and linked.
    ``articles`` are the stored versions (``duplicate_of`` filled in) of the new ones.
    """

    new: tuple[str, ...] = ()
    duplicate: tuple[str, ...] = ()
    near_duplicate: tuple[str, ...] = ()
    articles: tuple[Article, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class ArticleSummary:
    """One row of an article listing (no body)."""

    id: str
    title: str | None
    outlet: str | None
    published: str | None
    url: str | None
    source: str | None
    duplicate_of: str | None
    pipeline_version: str | None
    chars: int


@dataclass(frozen=True, slots=True, kw_only=True)
class ArticlePage:
    items: tuple[ArticleSummary, ...]
    next_cursor: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class SourceRow:
    id: int
    path: str
    format: str | None
    sha256: str | None
    size: int | None
    read_at: str
    status: str
    error: str | None
    article_count: int


# ArticleSummary's fields are articles columns, but for the body's length.
_SUMMARY_COLUMNS = ", ".join(
    "length(text) AS chars" if f.name == "chars" else f.name for f in fields(ArticleSummary)
)


def _summary(row: Row) -> ArticleSummary:
    return record_from_row(ArticleSummary, row)


def _check_blocks(article: Article) -> None:
    for block in article.blocks:
        if article.text[block.start : block.end] != block.text:
            raise ValueError(
                f"article {article.id}: block {block.start}:{block.end} does not match its text"
            )


def _insert(conn: Connection, article: Article, sig: bytes | None, source_id: int | None) -> int:
    """Insert the article and its blocks; return its ``seq``."""
    values = [encode(getattr(article, name)) for name in _ARTICLE_COLUMNS]
    columns = ", ".join(_ARTICLE_COLUMNS)
    marks = ", ".join("?" for _ in _ARTICLE_COLUMNS)
    seq = conn.scalar(
        f"INSERT INTO articles ({columns}, source_id, minhash, ingested_at) VALUES ({marks}, ?, ?, ?)"
        " RETURNING seq",
        (*values, source_id, sig, _now()),
    )
    block_columns = ", ".join(f'"{name}"' for name in _BLOCK_COLUMNS)
    conn.executemany(
        f"INSERT INTO blocks (article_id, seq, {block_columns})"
        f" VALUES (?, ?, {', '.join('?' for _ in _BLOCK_COLUMNS)})",
        [
            (article.id, i, *(encode(getattr(b, name)) for name in _BLOCK_COLUMNS))
            for i, b in enumerate(article.blocks)
        ],
    )
    return cast(int, seq)  # RETURNING an INTEGER PRIMARY KEY: an int on both backends


def save_articles(
    db: Connection, articles: Iterable[Article], *, source_id: int | None = None
) -> SaveResult:
    """Store articles not yet present, linking near-duplicates with ``duplicate_of``.

    An article whose id is already stored changes nothing. All of them are written in one
    transaction (or the caller's, when one is open).

    Raises:
        ValueError: a block's span does not match the article text.
    """
    new: list[str] = []
    duplicate: list[str] = []
    near: list[str] = []
    stored: list[Article] = []
    index = index_of(db)
    with db.transaction() as conn:
        for article in articles:
            _check_blocks(article)
            if conn.execute("SELECT 1 FROM articles WHERE id = ?", (article.id,)).fetchone():
                duplicate.append(article.id)
                continue
            minhash = signature(article.text)
            duplicate_of = article.duplicate_of
            if duplicate_of is None and minhash is not None:
                duplicate_of = index.find(db, minhash)
            if duplicate_of == article.id:
                duplicate_of = None
            article = replace(article, duplicate_of=duplicate_of)
            seq = _insert(conn, article, None if minhash is None else to_bytes(minhash), source_id)
            if minhash is not None:
                index.add(db, seq, minhash)
            new.append(article.id)
            stored.append(article)
            if duplicate_of:
                near.append(article.id)
    return SaveResult(
        new=tuple(new),
        duplicate=tuple(duplicate),
        near_duplicate=tuple(near),
        articles=tuple(stored),
    )


def get_article(db: Connection, article_id: str) -> Article:
    """The stored article with this id, blocks included.

    Raises:
        NotFound: no article has this id.
    """
    row = db.one(f"SELECT {', '.join(_ARTICLE_COLUMNS)} FROM articles WHERE id = ?", (article_id,))
    if row is None:
        raise NotFound(f"no article with id {article_id!r}; list ids with `sitroom articles`")
    blocks = tuple(
        record_from_row(Block, b)
        for b in db.query("SELECT * FROM blocks WHERE article_id = ? ORDER BY seq", (article_id,))
    )
    return record_from_row(Article, row, blocks=blocks)


def resolve_article_id(db: Connection, prefix: str) -> str:
    """The full id of the one article whose id starts with ``prefix``.

    Raises:
        NotFound: no article matches.
        BadRequest: the prefix is too short or matches several articles.
    """
    prefix = prefix.strip().lower()
    if db.scalar("SELECT 1 FROM articles WHERE id = ?", (prefix,)):
        return prefix
    if len(prefix) < MIN_ID_PREFIX:
        raise BadRequest(
            f"article id prefix {prefix!r} is too short: give at least {MIN_ID_PREFIX} characters"
        )
    escaped = prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    ids = [
        row[0]
        for row in db.query(
            "SELECT id FROM articles WHERE id LIKE ? ESCAPE '\\' ORDER BY id LIMIT 3",
            (escaped + "%",),
        )
    ]
    if not ids:
        raise NotFound(f"no article with id {prefix!r}; list ids with `sitroom articles`")
    if len(ids) > 1:
        raise BadRequest(
            f"article id prefix {prefix!r} is ambiguous ({', '.join(ids)}, ...); give more characters"
        )
    return str(ids[0])


def _parse_cursor(cursor: str) -> tuple[str, int]:
    published, _, seq = cursor.rpartition("|")
    if not _SEQ.fullmatch(seq) or int(seq) > _MAX_SEQ:
        raise BadRequest(f"bad cursor {cursor!r}: pass the next_cursor of a previous page")
    return published, int(seq)


def list_articles(
    db: Connection,
    *,
    limit: int = 50,
    offset: int = 0,
    cursor: str | None = None,
    outlet: str | None = None,
    since: str | None = None,
    until: str | None = None,
) -> ArticlePage:
    """Articles newest first (unknown dates last), filtered by outlet and published date.

    ``since``/``until`` are ISO dates or prefixes (``2024-11``), both inclusive. Pages
    follow either ``offset`` or the ``cursor`` returned as ``next_cursor``.
    """
    check_limit(limit, MAX_LIMIT)
    check_offset(offset)
    where = []
    params: list[object] = []
    if outlet:
        where.append(db.dialect.nocase_equals("outlet"))
        params.append(outlet)
    if since:
        where.append("published >= ?")
        params.append(since)
    if until:
        where.append("substr(published, 1, ?) <= ?")
        params += [len(until), until]
    if cursor:
        published, seq = _parse_cursor(cursor)
        where.append("(coalesce(published, '') < ? OR (coalesce(published, '') = ? AND seq < ?))")
        params += [published, published, seq]
    sql = (
        f"SELECT seq, {_SUMMARY_COLUMNS} FROM articles"
        + (" WHERE " + " AND ".join(where) if where else "")
        + " ORDER BY coalesce(published, '') DESC, seq DESC LIMIT ? OFFSET ?"
    )
    rows = db.query(sql, (*params, limit + 1, offset))
    items = tuple(_summary(row) for row in rows[:limit])
    next_cursor = None
    if len(rows) > limit:
        last = rows[limit - 1]
        next_cursor = f"{last['published'] or ''}|{last['seq']}"
    return ArticlePage(items=items, next_cursor=next_cursor)


def find_source(db: Connection, sha256: str) -> SourceRow | None:
    """The recorded input whose bytes hash to ``sha256``, if any."""
    row = db.one("SELECT * FROM sources WHERE sha256 = ?", (sha256,))
    return None if row is None else record_from_row(SourceRow, row)


def record_source(
    db: Connection,
    *,
    path: str,
    fmt: str | None,
    sha256: str | None,
    size: int | None,
    status: str,
    error: str | None = None,
    article_count: int = 0,
) -> int:
    """Insert or update (by content hash) the row for one input; return its id."""
    with db.transaction() as conn:
        if sha256:
            existing = conn.execute("SELECT id FROM sources WHERE sha256 = ?", (sha256,)).fetchone()
        else:  # unreadable input: one row per path, updated on each retry
            existing = conn.execute(
                "SELECT id FROM sources WHERE path = ? AND sha256 IS NULL", (path,)
            ).fetchone()
        if existing:
            conn.execute(
                "UPDATE sources SET path = ?, format = ?, size = ?, read_at = ?, status = ?,"
                " error = ?, article_count = ? WHERE id = ?",
                (path, fmt, size, _now(), status, error, article_count, existing[0]),
            )
            return int(existing[0])
        row = conn.execute(
            "INSERT INTO sources (path, format, sha256, size, read_at, status, error, article_count)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
            (path, fmt, sha256, size, _now(), status, error, article_count),
        ).fetchone()
        return int(row[0])


def save_links(db: Connection, links: Iterable[Link], *, source_id: int | None = None) -> int:
    """Record feed links to fetch later; return how many were new."""
    new = 0
    with db.transaction() as conn:
        for link in links:  # one by one: each statement's rowcount says whether it was new
            new += conn.execute(
                "INSERT INTO links (url, title, published, source, source_id)"
                " VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                (link.url, link.title, link.published, link.source, source_id),
            ).rowcount
    return new
