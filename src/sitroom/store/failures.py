"""Articles whose extraction failed (table ``extract_failures``), kept until one succeeds."""

from __future__ import annotations

import time
from dataclasses import dataclass

from sitroom.store.connection import Connection

__all__ = [
    "ExtractFailureRow",
    "clear_extract_failure",
    "list_extract_failures",
    "record_extract_failure",
]


@dataclass(frozen=True, slots=True, kw_only=True)
class ExtractFailureRow:
    article_id: str
    message: str
    pipeline_version: str | None
    failed_at: str


def record_extract_failure(
    db: Connection, article_id: str, *, message: str, pipeline_version: str | None
) -> None:
    """Remember that ``article_id`` failed extraction (replacing an earlier failure)."""
    with db.transaction() as conn:
        conn.execute(
            "INSERT INTO extract_failures"
            " (article_id, message, pipeline_version, failed_at) VALUES (?, ?, ?, ?)"
            " ON CONFLICT (article_id) DO UPDATE SET message = excluded.message,"
            " pipeline_version = excluded.pipeline_version, failed_at = excluded.failed_at",
            (
                article_id,
                message,
                pipeline_version,
                time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
            ),
        )


def clear_extract_failure(db: Connection, article_id: str) -> None:
    """Forget an earlier failure of ``article_id`` (its extraction has now succeeded)."""
    with db.transaction() as conn:
        conn.execute("DELETE FROM extract_failures WHERE article_id = ?", (article_id,))


def list_extract_failures(db: Connection) -> list[ExtractFailureRow]:
    """Every article whose last extraction failed, oldest failure first."""
    rows = db.query(
        "SELECT article_id, message, pipeline_version, failed_at FROM extract_failures"
        " ORDER BY failed_at, article_id"
    )
    return [
        ExtractFailureRow(
            article_id=row["article_id"],
            message=row["message"],
            pipeline_version=row["pipeline_version"],
            failed_at=row["failed_at"],
        )
        for row in rows
    ]
