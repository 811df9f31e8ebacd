"""The typed face of the store: :func:`open_store` and :class:`Store`, one method per operation.

Callers hold a ``Store`` (``db``) and call ``db.search("kyiv")``, ``db.get_article(id)``; the
methods delegate to the query modules, which take the low-level
:class:`~sitroom.store.connection.Connection` (``db.connection``). Keyword defaults here
match the query functions' (``tests/store/test_facade.py`` checks it).
"""

from __future__ import annotations

import sqlite3
import warnings
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Self

import psycopg

from sitroom.config import Settings
from sitroom.errors import StoreError
from sitroom.records import Article, Claim, Event, Extraction, Link, Place, Quote
from sitroom.records.reconciled import (
    ClaimGroup,
    ClaimRow,
    EventCluster,
    EventRow,
    GraphEdge,
    ReconciledUpdate,
    SpeakerCount,
)
from sitroom.store import articles, extraction, failures, migrations, reconciled, search, stats
from sitroom.store.articles import ArticlePage, SaveResult, SourceRow
from sitroom.store.bounds import MAX_OFFSET
from sitroom.store.connection import Connection, connect
from sitroom.store.extraction import EntityRow
from sitroom.store.failures import ExtractFailureRow
from sitroom.store.postgres import connect_postgres, is_url, redact
from sitroom.store.search import SEARCH_WINDOW, MatchCount, SearchHit

__all__ = ["Store", "open_store"]

MEMORY = ":memory:"


class Store:
    """An open, migrated sitroom database. Use as a context manager or call :meth:`close`."""

    # Largest ``offset`` a listing accepts (past it: BadRequest); SQLite integers are 64-bit.
    MAX_OFFSET = MAX_OFFSET

    def __init__(self, connection: Connection) -> None:
        self.connection = connection

    # -- lifecycle ---------------------------------------------------------------------
    @property
    def path(self) -> str:
        return self.connection.path

    @property
    def settings(self) -> Settings:
        return self.connection.settings

    def close(self) -> None:
        self.connection.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """Run the block's store calls in one write transaction (nested calls join it)."""
        with self.connection.transaction():
            yield

    # -- schema --------------------------------------------------------------------------
    def migrate(self) -> list[int]:
        """Apply the migrations not yet applied; return their versions."""
        return migrations.migrate(self.connection)

    def schema_versions(self) -> list[int]:
        """Migration versions recorded as applied."""
        return migrations.applied_versions(self.connection)

    # -- articles and their sources -------------------------------------------------------
    def save_articles(
        self, items: Iterable[Article], *, source_id: int | None = None
    ) -> SaveResult:
        """Store articles not yet present, linking near-duplicates (see :mod:`.articles`)."""
        return articles.save_articles(self.connection, items, source_id=source_id)

    def get_article(self, article_id: str) -> Article:
        """The stored article with this id, blocks included; NotFound otherwise."""
        return articles.get_article(self.connection, article_id)

    def resolve_article_id(self, prefix: str) -> str:
        """The full id of the one article whose id starts with ``prefix``."""
        return articles.resolve_article_id(self.connection, prefix)

    def list_articles(
        self,
        *,
        limit: int = 50,
        offset: int = 0,
        cursor: str | None = None,
        outlet: str | None = None,
        since: str | None = None,
        until: str | None = None,
    ) -> ArticlePage:
        """Articles newest first, filtered by outlet and published date."""
        return articles.list_articles(
            self.connection,
            limit=limit,
            offset=offset,
            cursor=cursor,
            outlet=outlet,
            since=since,
            until=until,
        )

    def find_source(self, sha256: str) -> SourceRow | None:
        """The recorded input with these bytes, if any."""
        return articles.find_source(self.connection, sha256)

    def record_source(
        self,
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
        return articles.record_source(
            self.connection,
            path=path,
            fmt=fmt,
            sha256=sha256,
            size=size,
            status=status,
            error=error,
            article_count=article_count,
        )

    def save_links(self, links: Iterable[Link], *, source_id: int | None = None) -> int:
        """Record feed links to fetch later; return how many were new."""
        return articles.save_links(self.connection, links, source_id=source_id)

    # -- extracted records ---------------------------------------------------------------
    def save_extraction(self, records: Extraction, *, pipeline_version: str) -> None:
        """Replace the article's derived records with ``records``, in one transaction."""
        extraction.save_extraction(self.connection, records, pipeline_version=pipeline_version)

    def save_extractions(self, batch: Iterable[Extraction], *, pipeline_version: str) -> None:
        """:meth:`save_extraction` for each, in one transaction with one statement per table."""
        extraction.save_extractions(self.connection, batch, pipeline_version=pipeline_version)

    def get_extraction(self, article_id: str) -> Extraction:
        """Every stored record of the article; NotFound when it is not stored."""
        return extraction.get_extraction(self.connection, article_id)

    def list_quotes(
        self, *, speaker: str | None = None, article_id: str | None = None, limit: int = 50
    ) -> list[Quote]:
        """Quotes, optionally by a speaker or its canonical actor (case-insensitive substring)."""
        return extraction.list_quotes(
            self.connection, speaker=speaker, article_id=article_id, limit=limit
        )

    def list_claims(
        self, *, about: str | None = None, article_id: str | None = None, limit: int = 50
    ) -> list[Claim]:
        """Numeric claims, optionally about something."""
        return extraction.list_claims(
            self.connection, about=about, article_id=article_id, limit=limit
        )

    def list_places(
        self,
        *,
        name: str | None = None,
        country: str | None = None,
        article_id: str | None = None,
        limit: int = 50,
    ) -> list[Place]:
        """Resolved place mentions, optionally by name substring or ISO country code."""
        return extraction.list_places(
            self.connection, name=name, country=country, article_id=article_id, limit=limit
        )

    def list_events(
        self,
        *,
        type: str | None = None,
        actor: str | None = None,
        place: str | None = None,
        since: str | None = None,
        until: str | None = None,
        article_id: str | None = None,
        limit: int = 50,
    ) -> list[Event]:
        """Events filtered by type, actor/place substring and date range."""
        return extraction.list_events(
            self.connection,
            type=type,
            actor=actor,
            place=place,
            since=since,
            until=until,
            article_id=article_id,
            limit=limit,
        )

    def list_entities(
        self, *, label: str | None = None, name: str | None = None, limit: int = 50
    ) -> list[EntityRow]:
        """Canonical entities, most mentioned first."""
        return extraction.list_entities(self.connection, label=label, name=name, limit=limit)

    def articles_needing_processing(
        self, pipeline_version: str | None, *, limit: int | None = None
    ) -> list[str]:
        """Ids of articles not yet processed by ``pipeline_version``, in ingest order."""
        return extraction.articles_needing_processing(
            self.connection, pipeline_version, limit=limit
        )

    # -- search and counts ---------------------------------------------------------------
    def search(
        self,
        q: str,
        *,
        limit: int = 20,
        offset: int = 0,
        raw: bool = False,
        window: int = SEARCH_WINDOW,
    ) -> list[SearchHit]:
        """Articles matching ``q``, best first among the ``window`` newest matches (``raw``: FTS5 syntax)."""
        return search.search(self.connection, q, limit=limit, offset=offset, raw=raw, window=window)

    def count_matches(
        self, q: str, *, raw: bool = False, window: int = SEARCH_WINDOW
    ) -> MatchCount:
        """How many articles match ``q``, counted up to ``window``; ``capped`` when more do."""
        return search.count_matches(self.connection, q, raw=raw, window=window)

    def search_quotes(self, q: str, *, limit: int = 20, raw: bool = False) -> list[Quote]:
        """Stored quotes whose text matches ``q``, best first."""
        return search.search_quotes(self.connection, q, limit=limit, raw=raw)

    def stats(self) -> dict[str, int]:
        """Counts of articles, sources by status, links and records per type."""
        return stats.stats(self.connection)

    # -- articles whose extraction failed (kept until a reprocess succeeds) ----------------
    def record_extract_failure(
        self, article_id: str, *, message: str, pipeline_version: str | None
    ) -> None:
        """Remember that ``article_id`` failed extraction (replacing an earlier failure)."""
        failures.record_extract_failure(
            self.connection, article_id, message=message, pipeline_version=pipeline_version
        )

    def clear_extract_failure(self, article_id: str) -> None:
        """Forget an earlier failure of ``article_id`` (its extraction has now succeeded)."""
        failures.clear_extract_failure(self.connection, article_id)

    def list_extract_failures(self) -> list[ExtractFailureRow]:
        """Every article whose last extraction failed, oldest failure first."""
        return failures.list_extract_failures(self.connection)

    # -- the cross-article tables (read and written by sitroom.reconcile) ------------------
    def last_fingerprint(self) -> str | None:
        """The fingerprint recorded by the last :meth:`replace_reconciled`."""
        return reconciled.last_fingerprint(self.connection)

    def load_event_rows(
        self,
        *,
        articles: Iterable[str] | None = None,
        blocks: Iterable[str] | None = None,
        edges: Iterable[str] | None = None,
        names: Iterable[str] | None = None,
    ) -> list[EventRow]:
        """Stored events with their article's outlet and date: all, or those of these
        articles, reconciled blocks or graph edges, or with one of these actor/target names."""
        return reconciled.load_event_rows(
            self.connection, articles=articles, blocks=blocks, edges=edges, names=names
        )

    def event_members(
        self, *, articles: Iterable[str] = (), events: Iterable[int] = ()
    ) -> list[tuple[int, str, str | None]]:
        """(event id, block, graph edge) of the reconciled events of these articles or ids."""
        return reconciled.event_members(self.connection, articles=articles, events=events)

    def claim_members(self, articles: Iterable[str]) -> list[str]:
        """The buckets the reconciled claims of these articles were grouped in."""
        return reconciled.claim_members(self.connection, articles)

    def pending_articles(self) -> list[str]:
        """Articles whose records changed since the last reconcile."""
        return reconciled.pending_articles(self.connection)

    def name_counts(self) -> dict[str, dict[str, int]]:
        """Occurrences of each event actor/target ("event") and quote speaker ("speaker")."""
        return reconciled.name_counts(self.connection)

    def person_roles(self) -> list[tuple[str, str, str]]:
        """(article id, entity, role) of every PERSON mention with a role (its title)."""
        return reconciled.person_roles(self.connection)

    def load_speaker_counts(self) -> list[SpeakerCount]:
        """Every named quote speaker, each spelling of it, and its number of quotes."""
        return reconciled.load_speaker_counts(self.connection)

    def read_actor_names(self) -> dict[str, str]:
        """Stored name -> canonical actor, as the last reconcile wrote them."""
        return reconciled.read_actor_names(self.connection)

    def read_target_names(self) -> dict[str, str]:
        """Stored name -> canonical actor as an event's target, as last reconciled."""
        return reconciled.read_target_names(self.connection)

    def load_claim_rows(self, *, articles: Iterable[str] | None = None) -> list[ClaimRow]:
        """Stored claims (all, or those of these articles) with their article's outlet, date
        and sentence."""
        return reconciled.load_claim_rows(self.connection, articles=articles)

    def load_claim_block_rows(self, blocks: Iterable[str]) -> list[tuple[ClaimRow, str]]:
        """The reconciled claims of these buckets, each with its stored referent (JSON)."""
        return reconciled.load_claim_block_rows(self.connection, blocks)

    def write_reconciled(self, update: ReconciledUpdate, *, fingerprint: str) -> None:
        """Apply one reconcile's update to the cross-article tables, atomically."""
        reconciled.write_reconciled(self.connection, update, fingerprint=fingerprint)

    def reconciled_counts(self) -> dict[str, int]:
        """Events, clusters, claims, groups, contradictions and edges stored."""
        return reconciled.reconciled_counts(self.connection)

    def replace_reconciled(
        self,
        clusters: Sequence[EventCluster],
        groups: Sequence[ClaimGroup],
        edges: Sequence[GraphEdge],
        *,
        actor_names: Mapping[str, str] | None = None,
        fingerprint: str | None = None,
    ) -> None:
        """Swap the stored clusters, groups, edges and actor names for these, atomically."""
        reconciled.replace_reconciled(
            self.connection,
            clusters,
            groups,
            edges,
            actor_names=actor_names,
            fingerprint=fingerprint,
        )

    def read_event_clusters(
        self,
        *,
        type: str | None = None,
        actor: str | None = None,
        place: str | None = None,
        since: str | None = None,
        until: str | None = None,
        limit: int = 100,
    ) -> list[EventCluster]:
        """Stored event clusters, newest first."""
        return reconciled.read_event_clusters(
            self.connection,
            type=type,
            actor=actor,
            place=place,
            since=since,
            until=until,
            limit=limit,
        )

    def read_event_corroboration(self) -> dict[int, int]:
        """Event id -> independent sources of its stored cluster."""
        return reconciled.read_event_corroboration(self.connection)

    def read_claim_groups(
        self, *, about: str | None = None, contradictions_only: bool = False
    ) -> list[ClaimGroup]:
        """Stored claim groups, biggest first."""
        return reconciled.read_claim_groups(
            self.connection, about=about, contradictions_only=contradictions_only
        )

    def read_graph_edges(self) -> list[GraphEdge]:
        """Stored actor-graph edges."""
        return reconciled.read_graph_edges(self.connection)

    def place_coordinates(self) -> dict[str, tuple[str | None, float | None, float | None]]:
        """Resolved place name -> (country, lat, lon)."""
        return reconciled.place_coordinates(self.connection)


def open_store(
    path: str | Path | None = None,
    *,
    settings: Settings | None = None,
    migrate: bool = True,
    readonly: bool = False,
) -> Store:
    """Open (creating if needed) and migrate the database at ``path``.

    ``path`` defaults to ``settings.db``: a SQLite file, ``":memory:"`` (a private in-memory
    store), or a PostgreSQL URL (``postgresql://user@host:5432/name``; the database must
    exist, the tables are created in it).
    ``migrate=False`` leaves the schema as it is (for ``sitroom db migrate`` to report).
    ``readonly=True`` is for commands that only read records (everything but ingest,
    reprocess and ``db migrate``): a path with no file is refused instead of created, and a
    schema newer than this code is read with a warning instead of refused. Such a store
    still applies missing migrations and refreshes derived tables (reconcile).

    Raises:
        StoreError: no database at ``path`` (``readonly``), the file cannot be opened, is not
            a sitroom database, or was written by a newer sitroom (unless ``readonly``).
    """
    settings = settings or Settings()
    target = str(path if path is not None else settings.db)
    db: Connection
    if is_url(target):
        db = connect_postgres(target, settings=settings)
    else:
        if target != MEMORY:
            _check_path(Path(target), readonly=readonly)
        db = connect(target, settings=settings)
    try:
        newer = _check_schema(db, readonly=readonly)
        if migrate and not newer:
            migrations.migrate(db)
    except (sqlite3.DatabaseError, psycopg.Error) as e:
        db.close()
        raise StoreError(f"cannot use database {redact(target)}: {e}") from e
    except StoreError:
        db.close()
        raise
    return Store(db)


def _check_path(path: Path, *, readonly: bool) -> None:
    if readonly and not path.exists():
        raise StoreError(
            f"no database at {path}: run `sitroom ingest ... --db {path}` first, or check the path"
        )
    if not path.parent.is_dir():
        raise StoreError(f"cannot open database {path}: folder {path.parent} does not exist")


def _check_schema(db: Connection, *, readonly: bool) -> bool:
    """Whether the schema is newer than this code; refused (StoreError) unless ``readonly``."""
    found = max(migrations.applied_versions(db), default=0)
    known = migrations.latest_version()
    if found <= known:
        return False
    message = (
        f"database {db.path} has schema version {found}, newer than this sitroom knows"
        f" ({known}): it was written by a newer sitroom"
    )
    if not readonly:
        raise StoreError(f"{message}; upgrade sitroom to write to it")
    warnings.warn(f"{message}; reading it anyway, without migrating", stacklevel=3)
    return True
