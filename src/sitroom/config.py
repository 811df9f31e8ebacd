"""Every setting sitroom reads: name, default and help, declared once.

Precedence: defaults < ``sitroom.toml`` in the working directory < ``SITROOM_*``
environment variables < command-line flags (applied by the CLI).
"""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

__all__ = [
    "DB_URL_SCHEMES",
    "SETTINGS",
    "Setting",
    "Settings",
    "is_db_url",
    "load_settings",
    "redact_db_url",
]

# A ``db`` setting starting with one of these is a PostgreSQL server, else a SQLite file.
DB_URL_SCHEMES = ("postgresql://", "postgres://")
_DB_PASSWORD = re.compile(r"(://[^:/@]*):[^@]*@")


def is_db_url(db: str) -> bool:
    """Whether ``db`` names a PostgreSQL database (a URL) rather than a SQLite file."""
    return db.startswith(DB_URL_SCHEMES)


def redact_db_url(db: str) -> str:
    """``db`` with a URL's password replaced, fit for messages, logs and cache keys."""
    return _DB_PASSWORD.sub(r"\1:***@", db)


@dataclass(frozen=True, slots=True)
class Setting:
    name: str
    default: object
    help: str


SETTINGS: tuple[Setting, ...] = (
    Setting(
        "db",
        "sitroom.db",
        "SQLite database file, or a PostgreSQL URL postgresql://user@host:port/name"
        " (env SITROOM_DB, flag --db).",
    ),
    Setting("token", None, "Token that write requests to the API must carry (env SITROOM_TOKEN)."),
    Setting(
        "max_input_bytes",
        256 * 1024 * 1024,
        "Inputs larger than this are refused; a compressed archive may not decompress to more.",
    ),
    Setting(
        "max_record_bytes",
        32 * 1024 * 1024,
        "One record larger than this (a WARC payload, a JSON line) is skipped with a reason.",
    ),
    Setting(
        "ingest_batch_chars",
        4_000_000,
        "Characters of article text ingest holds before it commits: a big input (JSON Lines, "
        "WARC, a large feed) is stored in batches of this size, which bounds memory and shows "
        "progress; an interrupted input is read again and keeps what was committed.",
    ),
    Setting(
        "input_timeout_s",
        60.0,
        "Seconds the text extraction of one HTML page may take before it is stopped and skipped.",
    ),
    Setting("max_upload_bytes", 20 * 1024 * 1024, "API uploads larger than this get 413."),
    Setting(
        "near_duplicate_threshold",
        0.8,
        "MinHash Jaccard estimate at which articles are near-duplicates.",
    ),
    Setting("extract", True, "Run extraction (entities, quotes, claims, ...) during ingest."),
    Setting("host", "127.0.0.1", "Address `sitroom serve` binds to."),
    Setting("port", 8000, "Port `sitroom serve` listens on."),
    Setting(
        "allowed_hosts",
        "",
        "Host names the server answers to besides localhost, 127.0.0.1, ::1 and --host "
        "(comma-separated; any other Host header gets 400, against DNS rebinding).",
    ),
)


@dataclass(frozen=True, slots=True)
class Settings:
    db: str = "sitroom.db"
    token: str | None = None
    max_input_bytes: int = 256 * 1024 * 1024
    max_record_bytes: int = 32 * 1024 * 1024
    ingest_batch_chars: int = 4_000_000
    input_timeout_s: float = 60.0
    max_upload_bytes: int = 20 * 1024 * 1024
    near_duplicate_threshold: float = 0.8
    extract: bool = True
    host: str = "127.0.0.1"
    port: int = 8000
    allowed_hosts: str = ""

    @property
    def db_path(self) -> Path:
        """The SQLite file (meaningless for a PostgreSQL URL: open ``db`` itself)."""
        return Path(self.db)

    @property
    def db_is_url(self) -> bool:
        return is_db_url(self.db)

    @property
    def db_key(self) -> str:
        """One name per database: the URL (password hidden), or the file's resolved path."""
        return redact_db_url(self.db) if self.db_is_url else str(Path(self.db).resolve())

    @property
    def db_label(self) -> str:
        """The database as messages name it (a URL's password hidden)."""
        return redact_db_url(self.db)


def _coerce(value: str, default: object) -> object:
    if isinstance(default, bool):
        return value.strip().lower() in {"1", "true", "yes", "on"}
    if isinstance(default, int):
        return int(value)
    if isinstance(default, float):
        return float(value)
    return value


def load_settings(
    *, cwd: Path | None = None, env: dict[str, str] | None = None, **overrides: object
) -> Settings:
    """Build Settings from defaults, ``sitroom.toml``, ``SITROOM_*`` env vars and overrides.

    Overrides whose value is None are ignored, so CLI flags can be passed straight through.
    """
    env = dict(os.environ) if env is None else env
    settings = Settings()
    toml_path = (cwd or Path.cwd()) / "sitroom.toml"
    if toml_path.is_file():
        data = tomllib.loads(toml_path.read_text(encoding="utf-8"))
        known = {f.name for f in fields(Settings)}
        settings = _replace(settings, {k: v for k, v in data.items() if k in known})
    defaults = {s.name: s.default for s in SETTINGS}
    from_env = {
        name: _coerce(env[f"SITROOM_{name.upper()}"], defaults[name])
        for name in defaults
        if f"SITROOM_{name.upper()}" in env
    }
    settings = _replace(settings, from_env)
    return _replace(settings, {k: v for k, v in overrides.items() if v is not None})


def _replace(settings: Settings, changes: Mapping[str, object]) -> Settings:
    # Each field has its own type, so a mixed mapping cannot be typed per key for `**`:
    # the values come from TOML, the environment (coerced by _coerce) or CLI flags.
    kwargs: dict[str, Any] = dict(changes)
    return replace(settings, **kwargs)
