"""Full-text search over articles and quotes, with ranking and highlighted snippets.

SQLite: FTS5 (bm25 ranking, ``snippet``). PostgreSQL: the ``fts`` tsvector columns of the
m001/m002 migrations (``ts_rank`` with the same title weight, ``ts_headline`` with the same
markers). Both return the same :class:`SearchHit` shape.

Article search ranks a bounded window: the ``SEARCH_WINDOW`` most recently stored matches
(highest ``seq``), not every match, so a word found in every article of a million-article
store costs what it costs in a small one (issue 13). Snippets are built for the page only.
:func:`count_matches` says how many matches there are, up to the window, and whether the
count stopped there (then older matches exist that the ranking did not see).
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass

from sitroom.errors import BadRequest
from sitroom.records import Quote
from sitroom.store.bounds import check_limit, check_offset
from sitroom.store.connection import Connection, Params, Row
from sitroom.store.extraction import quote_from_row

__all__ = [
    "MARK_CLOSE",
    "MARK_OPEN",
    "SEARCH_WINDOW",
    "MatchCount",
    "SearchHit",
    "count_matches",
    "escape_query",
    "search",
    "search_quotes",
]

# Snippet highlight markers: STX/ETX never occur in article text (control characters are
# stripped by the readers), so callers can escape the snippet for HTML and only then turn
# the markers into <mark> tags, or into terminal colours.
MARK_OPEN = "\x02"
MARK_CLOSE = "\x03"
# Tokens of context in a snippet: FTS5's documented maximum is 64; 24 gives about one sentence.
SNIPPET_TOKENS = 24
# bm25 column weights (title, text): a hit in the title says more about the article.
TITLE_WEIGHT = 4.0
TEXT_WEIGHT = 1.0
MAX_LIMIT = 1000
# Matches ranked per article search: the newest this many. Measured on a 100k-article
# synthetic store (bench/bench_million.py, 2 cores at load 4): bm25 over all 100,000 matches
# of "drones" took 135 ms (it reads each match's row sizes); over the newest 10,000 p95 was
# 32 ms, over 5,000 13 ms, which leaves the API room under its 50 ms p95 goal. The window
# keeps that cost flat as the store grows. At least MAX_LIMIT, so every page is inside it.
SEARCH_WINDOW = 5_000
# PostgreSQL: ts_rank's weights for labels {D, C, B, A}; the title is A, the body D, so the
# title counts TITLE_WEIGHT times the body, as in bm25 above.
PG_RANK_WEIGHTS = f"{{{TEXT_WEIGHT / TITLE_WEIGHT}, 0.0, 0.0, 1.0}}"
# PostgreSQL: ts_headline's options, for one fragment of about SNIPPET_TOKENS words.
PG_HEADLINE = (
    f'StartSel="{MARK_OPEN}", StopSel="{MARK_CLOSE}", MaxFragments=1,'
    f" MaxWords={SNIPPET_TOKENS}, MinWords={SNIPPET_TOKENS // 2}"
)

_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


@dataclass(frozen=True, slots=True, kw_only=True)
class SearchHit:
    """One matching article; ``snippet`` marks matched terms with MARK_OPEN/MARK_CLOSE."""

    article_id: str
    title: str | None
    snippet: str
    score: float  # -bm25: higher is better
    published: str | None
    outlet: str | None

    def marked(self, open_: str = "[", close: str = "]") -> str:
        """The snippet with the highlight markers replaced by ``open_``/``close``."""
        return self.snippet.replace(MARK_OPEN, open_).replace(MARK_CLOSE, close)


def escape_query(q: str) -> str:
    """Turn free text into an FTS5 query of quoted tokens, so no punctuation is syntax.

    Every whitespace-separated token becomes a double-quoted string (inner quotes doubled);
    FTS5 then ANDs them. ``NEAR``, ``-``, ``*``, ``:`` and parentheses lose their meaning.
    """
    tokens = _CONTROL.sub(" ", q).split()
    return " ".join('"' + token.replace('"', '""') + '"' for token in tokens)


@dataclass(frozen=True, slots=True, kw_only=True)
class MatchCount:
    """How many articles match a query, counted up to the ranking window."""

    matches: int  # at most the window
    capped: bool  # more matches exist than were counted (and ranked)


def search(
    db: Connection,
    q: str,
    *,
    limit: int = 20,
    offset: int = 0,
    raw: bool = False,
    window: int = SEARCH_WINDOW,
) -> list[SearchHit]:
    """Articles matching ``q``, best first among the ``window`` most recently stored matches.

    ``raw=True`` passes ``q`` to FTS5 as written (AND/OR/NOT, "phrases", prefix*, NEAR).

    Raises:
        BadRequest: ``raw`` syntax FTS5 rejects, or a bad limit or offset.
    """
    check_limit(limit, MAX_LIMIT)
    check_offset(offset)
    if db.dialect.is_postgres:
        text = _pg_text(q, raw=raw)
        if not text.strip():
            return []
        # The window (newest matches, GIN index), then rank it and page, then build snippets
        # for that page only (ts_headline re-parses each article's text: the costly part).
        sql = (
            "SELECT a.id, a.title, a.published, a.outlet, hit.rank,"
            " ts_headline('sitroom', a.text, hit.query, ?) AS snippet"
            " FROM (SELECT w.seq, w.query, ts_rank(CAST(? AS real[]), w.fts, w.query) AS rank"
            " FROM (SELECT a.seq, a.fts, query"
            f" FROM articles a, {_pg_query(raw=raw)} query WHERE a.fts @@ query"
            " ORDER BY a.seq DESC LIMIT ?) w"
            " ORDER BY rank DESC, w.seq LIMIT ? OFFSET ?) hit"
            " JOIN articles a ON a.seq = hit.seq ORDER BY hit.rank DESC, a.seq"
        )
        params: Params = (PG_HEADLINE, PG_RANK_WEIGHTS, text, window, limit, offset)
        rows = _match(db, sql, params, q, raw=raw)
        sign = 1.0
    else:
        match = q if raw else escape_query(q)
        if not match.strip():
            return []
        # The window (newest rowids first), bm25 over it, the page; then snippet() and the
        # article columns for the page's rows only (CROSS JOIN keeps that loop order).
        sql = (
            "SELECT a.id, a.title, a.published, a.outlet, hit.rank,"
            f" snippet(articles_fts, 1, ?, ?, '…', {SNIPPET_TOKENS}) AS snippet"
            " FROM (SELECT seq, rank FROM (SELECT rowid AS seq,"
            f" bm25(articles_fts, {TITLE_WEIGHT}, {TEXT_WEIGHT}) AS rank"
            " FROM articles_fts WHERE articles_fts MATCH ? ORDER BY rowid DESC LIMIT ?)"
            " ORDER BY rank, seq LIMIT ? OFFSET ?) hit"
            " CROSS JOIN articles_fts ON articles_fts.rowid = hit.seq"
            " JOIN articles a ON a.seq = hit.seq"
            " WHERE articles_fts MATCH ? ORDER BY hit.rank, hit.seq"
        )
        params = (MARK_OPEN, MARK_CLOSE, match, window, limit, offset, match)
        rows = _match(db, sql, params, q, raw=raw)
        sign = -1.0  # bm25: lower is better
    return [
        SearchHit(
            article_id=row["id"],
            title=row["title"],
            snippet=row["snippet"] or "",
            score=sign * float(row["rank"]),
            published=row["published"],
            outlet=row["outlet"],
        )
        for row in rows
    ]


def count_matches(
    db: Connection, q: str, *, raw: bool = False, window: int = SEARCH_WINDOW
) -> MatchCount:
    """How many articles match ``q``, counted up to ``window`` (the matches :func:`search` ranks).

    Raises:
        BadRequest: ``raw`` syntax FTS5 rejects.
    """
    if db.dialect.is_postgres:
        text = _pg_text(q, raw=raw)
        sql = (
            f"SELECT count(*) AS n FROM (SELECT 1 FROM articles a, {_pg_query(raw=raw)} query"
            " WHERE a.fts @@ query LIMIT ?) m"
        )
    else:
        text = q if raw else escape_query(q)
        sql = (
            "SELECT count(*) AS n FROM (SELECT rowid FROM articles_fts"
            " WHERE articles_fts MATCH ? LIMIT ?)"
        )
    if not text.strip():
        return MatchCount(matches=0, capped=False)
    found = int(_match(db, sql, (text, window + 1), q, raw=raw)[0]["n"])
    return MatchCount(matches=min(found, window), capped=found > window)


def _pg_text(q: str, *, raw: bool) -> str:
    """The query text for PostgreSQL; in ``raw`` mode an unclosed phrase is refused.

    ``websearch_to_tsquery`` accepts any text, but a lone ``"`` almost always means a
    phrase cut short; FTS5 refuses it too, so both backends answer it the same way.
    """
    text = _CONTROL.sub(" ", q)
    if raw and text.count('"') % 2:
        raise BadRequest(f'bad search syntax in {q!r}: unclosed ". Close the phrase, or drop --raw')
    return text


def _pg_query(*, raw: bool) -> str:
    """The tsquery of the (one) parameter: web-search syntax when ``raw``, else plain words."""
    function = "websearch_to_tsquery" if raw else "plainto_tsquery"
    return f"{function}('sitroom', ?)"


def _match(db: Connection, sql: str, params: Params, q: str, *, raw: bool) -> list[Row]:
    try:
        return db.query(sql, params)
    except sqlite3.OperationalError as e:
        if not raw:
            raise
        raise BadRequest(
            f"bad search syntax in {q!r}: {e}. Quote words with punctuation, or drop --raw"
        ) from e


def search_quotes(db: Connection, q: str, *, limit: int = 20, raw: bool = False) -> list[Quote]:
    """Stored quotes whose text matches ``q`` (same query rules as :func:`search`), best first.

    Raises:
        BadRequest: ``raw`` syntax FTS5 rejects, or a bad limit.
    """
    check_limit(limit, MAX_LIMIT)
    if db.dialect.is_postgres:
        text = _pg_text(q, raw=raw)
        if not text.strip():
            return []
        sql = (
            f"SELECT q.* FROM quotes q, {_pg_query(raw=raw)} query"
            " WHERE q.fts @@ query ORDER BY ts_rank(q.fts, query) DESC, q.id LIMIT ?"
        )
        return [quote_from_row(row) for row in _match(db, sql, (text, limit), q, raw=raw)]
    match = q if raw else escape_query(q)
    if not match.strip():
        return []
    sql = (
        "SELECT q.* FROM quotes_fts JOIN quotes q ON q.id = quotes_fts.rowid"
        " WHERE quotes_fts MATCH ? ORDER BY bm25(quotes_fts), q.id LIMIT ?"
    )
    return [quote_from_row(row) for row in _match(db, sql, (match, limit), q, raw=raw)]
