"""A throwaway PostgreSQL server for tests: ``initdb`` + ``pg_ctl start`` in a temporary folder.

PostgreSQL refuses to run as root (CI runs as root), so there the server runs as the
``postgres`` user (``runuser -u postgres --``) in a folder it owns. It listens on a free
port on 127.0.0.1 (and a unix socket in its own folder), trusts local connections, and is
stopped and deleted by :meth:`PgServer.stop`. Each test gets a fresh database from
:meth:`PgServer.create_database`.
"""

from __future__ import annotations

import glob
import itertools
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import psycopg

__all__ = ["PgServer", "find_bindir", "start_server"]

SUPERUSER = "sitroom"


def find_bindir() -> Path | None:
    """The folder of ``initdb``/``pg_ctl`` (Debian keeps them out of PATH), newest first."""
    found = sorted(
        glob.glob("/usr/lib/postgresql/*/bin/initdb"),
        key=lambda p: int(Path(p).parts[-3]) if Path(p).parts[-3].isdigit() else 0,
        reverse=True,
    )
    if found:
        return Path(found[0]).parent
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class PgServer:
    bindir: Path
    folder: Path
    port: int
    as_user: list[str]
    _names: itertools.count[int] = field(default_factory=itertools.count)

    @property
    def admin_url(self) -> str:
        return self.url("postgres")

    def url(self, name: str) -> str:
        return f"postgresql://{SUPERUSER}@127.0.0.1:{self.port}/{name}"

    def _run(self, *args: str) -> None:
        subprocess.run(
            [*self.as_user, *args], check=True, capture_output=True, text=True, timeout=120
        )

    def create_database(self, prefix: str = "t") -> str:
        """A new empty database (C collation: strings sort as on SQLite); its URL."""
        name = f"{prefix}_{os.getpid()}_{next(self._names)}"
        with psycopg.connect(self.admin_url, autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}" TEMPLATE template0 ENCODING UTF8 LOCALE "C"')
        return self.url(name)

    def stop(self) -> None:
        try:
            self._run(
                str(self.bindir / "pg_ctl"),
                "-D",
                str(self.folder / "data"),
                "-m",
                "immediate",
                "stop",
            )
        finally:
            shutil.rmtree(self.folder, ignore_errors=True)


def start_server(bindir: Path) -> PgServer:
    """initdb and start a server in a new temporary folder (as ``postgres`` when root)."""
    folder = Path(tempfile.mkdtemp(prefix="sitroom-pg-"))
    as_user: list[str] = []
    if os.geteuid() == 0:
        user = pwd.getpwnam("postgres")
        os.chown(folder, user.pw_uid, user.pw_gid)
        as_user = ["runuser", "-u", "postgres", "--"]
    server = PgServer(bindir=bindir, folder=folder, port=_free_port(), as_user=as_user)
    data = folder / "data"
    try:
        server._run(
            str(bindir / "initdb"), "-D", str(data), "-U", SUPERUSER, "--auth=trust",
            "-E", "UTF8", "--locale=C", "--no-sync",
        )  # fmt: skip
        # fsync off: a test server loses nothing that matters on a crash, and runs faster.
        options = (
            f"-p {server.port} -k {folder} -c listen_addresses=127.0.0.1"
            " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        )
        server._run(
            str(bindir / "pg_ctl"), "-D", str(data), "-o", options,
            "-l", str(folder / "server.log"), "-w", "-t", "60", "start",
        )  # fmt: skip
    except subprocess.CalledProcessError as e:
        log = folder / "server.log"
        detail = log.read_text(errors="replace")[-2000:] if log.exists() else ""
        shutil.rmtree(folder, ignore_errors=True)
        raise RuntimeError(f"could not start PostgreSQL: {e.stderr}\n{detail}") from e
    return server
