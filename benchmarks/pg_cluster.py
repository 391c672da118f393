"""A private, throw-away PostgreSQL + PostGIS server for tests, benchmarks and CI.

``PgCluster.start()`` runs Debian's ``initdb`` and ``pg_ctl`` (the highest version under
/usr/lib/postgresql) on a fresh temporary folder that holds the data and the Unix socket, listening on a
free port of 127.0.0.1 only. The superuser ``postgres`` has a random password and TCP logins need it
(scram-sha-256), so a URL from :meth:`PgCluster.new_database` or :meth:`PgCluster.url` logs in as a
desktop would. The server is tuned for tests, not for keeping data through a power cut (fsync off).
Under pytest the fixtures ``pg_cluster`` (one per session) and ``pg_url`` (a fresh database with PostGIS
per test) of tests/conftest.py hand these out.

Stdlib only: SQL goes through ``psql`` on the Unix socket, since only gridmap.storage imports psycopg
(the import contracts of pyproject.toml).
"""

from __future__ import annotations

import atexit
import contextlib
import os
import pwd
import re
import secrets
import shlex
import shutil
import socket
import subprocess
import tempfile
import time
import uuid
from pathlib import Path
from urllib.parse import quote

POSTGRESQL_ROOT = Path("/usr/lib/postgresql")
INSTALL_ADVICE = ("install PostgreSQL and PostGIS: `sudo apt-get install postgresql postgresql-15-postgis-3` "
                  "(Debian 12; another release names its own version), or run `tools/install.sh --test`")
HOST = "127.0.0.1"
SUPERUSER = "postgres"
# PostgreSQL refuses to run as root: as root, the folder is handed to this system user (Debian's package
# makes it) and initdb/pg_ctl run as it.
SYSTEM_USER = "postgres"
# Every new database is a copy of this one, made once per cluster with CREATE EXTENSION postgis: copying
# is several times faster than adding PostGIS to each database.
POSTGIS_TEMPLATE = "gridmap_postgis_template"
START_TIMEOUT_S = 60
STOP_TIMEOUT_S = 30
LOG_TAIL_LINES = 30
PORT_TRIES = 5

# A test server: fast rather than safe against a power cut. A killed server process (stop_immediate)
# still loses nothing committed, since the pages written stay in the OS's cache.
SETTINGS = {
    "fsync": "off",
    "full_page_writes": "off",
    "max_connections": "200",
    "shared_buffers": "128MB",
}

_left_running: set[PgCluster] = set()


def postgresql_bin() -> Path:
    """The bin folder of the highest PostgreSQL version installed, with initdb and pg_ctl.

    Raises
    ------
    RuntimeError
        When no PostgreSQL server is installed, with the command that installs one.
    """
    found = []
    for folder in POSTGRESQL_ROOT.glob("*/bin"):
        version = folder.parent.name
        if re.fullmatch(r"\d+(\.\d+)?", version) and all((folder / tool).is_file() for tool in ("initdb", "pg_ctl")):
            found.append((tuple(int(part) for part in version.split(".")), folder))
    if not found:
        raise RuntimeError(f"no PostgreSQL server under {POSTGRESQL_ROOT} (initdb and pg_ctl): {INSTALL_ADVICE}")
    return max(found)[1]


def free_port() -> int:
    """A TCP port of 127.0.0.1 that nothing listens on now."""
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def _wait_for_exit(pid: int) -> None:
    """Wait until the server process has ended: pg_ctl stop returns once the server removed its pid file,
    a moment before the process is gone and its port and shared memory are free."""
    deadline = time.monotonic() + STOP_TIMEOUT_S
    while time.monotonic() < deadline:
        try:
            os.kill(pid, 0)
            if Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] == "Z":
                return  # ended, not yet reaped by its parent
        except (ProcessLookupError, FileNotFoundError):
            return
        time.sleep(0.01)
    raise RuntimeError(f"the PostgreSQL server (process {pid}) still runs {STOP_TIMEOUT_S} s after pg_ctl stop")


def _quote_identifier(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _environment() -> dict[str, str]:
    """Ours without libpq's PG* variables, which could point the tools at another server."""
    return {key: value for key, value in os.environ.items() if not key.startswith("PG")}


class PgCluster:
    """A running private PostgreSQL server in a temporary folder; see the module's docstring.

    Made by :meth:`start`; a context manager that stops it on leaving. A cluster never stopped is
    stopped when the Python process ends (atexit).

    Attributes
    ----------
    folder : Path
        The temporary folder: ``data`` (the cluster), ``server.log`` and the Unix socket.
    port : int
        The TCP port on 127.0.0.1.
    password : str
        The superuser's password.
    """

    def __init__(self, bin_dir: Path, folder: Path, port: int, password: str) -> None:
        self.bin_dir = bin_dir
        self.folder = folder
        self.port = port
        self.password = password
        self.running = False
        self._has_template = False

    @property
    def data(self) -> Path:
        return self.folder / "data"

    @property
    def log(self) -> Path:
        return self.folder / "server.log"

    # -- life ----------------------------------------------------------------------------------------------

    @classmethod
    def start(cls) -> PgCluster:
        """A new cluster, initialised and accepting connections.

        Raises
        ------
        RuntimeError
            When PostgreSQL is not installed (with the advice to install it) or the server does not
            start (with the tail of its log).
        """
        bin_dir = postgresql_bin()
        as_root = os.geteuid() == 0
        if as_root:
            try:
                pwd.getpwnam(SYSTEM_USER)
            except KeyError:
                raise RuntimeError(f"running as root, PostgreSQL needs the system user {SYSTEM_USER!r} to run as, "
                                   f"and there is none: {INSTALL_ADVICE}") from None
        folder = Path(tempfile.mkdtemp(prefix="gridmap-pg-"))
        cluster = cls(bin_dir, folder, free_port(), secrets.token_urlsafe(24))
        _left_running.add(cluster)
        try:
            if as_root:
                shutil.chown(folder, SYSTEM_USER, SYSTEM_USER)
            cluster._initdb()
            cluster._launch(new_port_if_taken=True)
        except BaseException:
            cluster.stop(mode="immediate")
            raise
        return cluster

    def stop(self, mode: str = "fast") -> None:
        """Stop the server (``pg_ctl stop -m mode``, if it runs) and remove its folder. Safe to call again."""
        try:
            if self.running:
                try:
                    self._pg_ctl("stop", "-m", mode)
                except RuntimeError:
                    with contextlib.suppress(RuntimeError):  # never a server left on a removed folder
                        self._pg_ctl("stop", "-m", "immediate")
                    raise
            elif (self.data / "postmaster.pid").exists():  # a start that timed out may have left a server
                with contextlib.suppress(RuntimeError):
                    self._pg_ctl("stop", "-m", "immediate")
        finally:
            self.running = False
            shutil.rmtree(self.folder, ignore_errors=True)
            _left_running.discard(self)

    def stop_immediate(self) -> None:
        """Kill the server as a crash would (``pg_ctl -m immediate``), keeping its folder for :meth:`start_again`."""
        self._pg_ctl("stop", "-m", "immediate")
        self.running = False

    def start_again(self) -> None:
        """Start the server of this folder and port again after :meth:`stop_immediate` (crash recovery runs)."""
        if not self.data.is_dir():
            raise RuntimeError(f"the cluster in {self.folder} was stopped for good (its folder is removed); "
                               "start a new one with PgCluster.start()")
        if not self.running:
            self._launch(new_port_if_taken=False)

    def __enter__(self) -> PgCluster:
        return self

    def __exit__(self, *exc_info) -> None:
        self.stop()

    def __repr__(self) -> str:
        return f"<PgCluster {HOST}:{self.port} in {self.folder}{'' if self.running else ' (stopped)'}>"

    # -- databases -----------------------------------------------------------------------------------------

    def url(self, dbname: str, user: str, password: str) -> str:
        """A postgresql:// URL for ``user`` with ``password`` on database ``dbname``, over TCP."""
        return (f"postgresql://{quote(user, safe='')}:{quote(password, safe='')}@{HOST}:{self.port}/"
                f"{quote(dbname, safe='')}")

    def admin_url(self, dbname: str = "postgres") -> str:
        """The superuser's URL for ``dbname``."""
        return self.url(dbname, SUPERUSER, self.password)

    def new_database(self, name: str | None = None) -> str:
        """Create a database with PostGIS (a random name unless given); its superuser URL.

        Raises
        ------
        RuntimeError
            When PostGIS is not installed for this PostgreSQL version, or the database cannot be made.
        """
        if not self._has_template:
            self._make_postgis_template()
        name = name or f"test_{uuid.uuid4().hex[:12]}"
        self.sql(f"CREATE DATABASE {_quote_identifier(name)} TEMPLATE {POSTGIS_TEMPLATE}")
        return self.admin_url(name)

    def drop_database(self, name: str) -> None:
        """Drop a database if it exists, closing whatever connections it still has (``WITH (FORCE)``)."""
        self.sql(f"DROP DATABASE IF EXISTS {_quote_identifier(name)} WITH (FORCE)")

    def sql(self, *statements: str, dbname: str = "postgres") -> str:
        """Run statements as the superuser through ``psql`` on the Unix socket, each in its own transaction
        (so CREATE DATABASE may be one); psql's unaligned output of the last."""
        command = [str(self.bin_dir / "psql"), "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1",
                   "-h", str(self.folder), "-p", str(self.port), "-U", SUPERUSER, "-d", dbname]
        for statement in statements:
            command += ["-c", statement]
        # as root too, psql runs as root: the socket's folder belongs to postgres, and "trust" lets any
        # local user log in as the superuser
        done = subprocess.run(command, capture_output=True, text=True, env=_environment(), check=False)
        if done.returncode:
            raise RuntimeError(f"psql on {self!r} failed: {done.stderr.strip()}")
        return done.stdout.strip()

    def _make_postgis_template(self) -> None:
        if self.sql("SELECT count(*) FROM pg_available_extensions WHERE name = 'postgis'") != "1":
            raise RuntimeError(f"PostgreSQL {self.bin_dir.parent.name} has no PostGIS extension: {INSTALL_ADVICE}")
        self.sql(f"CREATE DATABASE {POSTGIS_TEMPLATE}")
        self.sql("CREATE EXTENSION postgis", dbname=POSTGIS_TEMPLATE)
        # no connections: CREATE DATABASE … TEMPLATE refuses a template someone is connected to
        self.sql(f"ALTER DATABASE {POSTGIS_TEMPLATE} WITH IS_TEMPLATE true ALLOW_CONNECTIONS false")
        self._has_template = True

    # -- the tools -----------------------------------------------------------------------------------------

    def _as_owner(self, command: list[str]) -> list[str]:
        """``command`` as the folder's owner: the postgres user when we are root."""
        if os.geteuid() != 0:
            return command
        if shutil.which("runuser"):
            return ["runuser", "-u", SYSTEM_USER, "--", *command]
        return ["su", SYSTEM_USER, "-s", "/bin/sh", "-c", shlex.join(command)]

    def _run_tool(self, tool: str, *args: str) -> subprocess.CompletedProcess:
        return subprocess.run(self._as_owner([str(self.bin_dir / tool), *args]), capture_output=True, text=True,
                              env=_environment(), cwd=self.folder, check=False)

    def _initdb(self) -> None:
        pwfile = self.folder / "pwfile"
        pwfile.write_text(self.password + "\n")
        pwfile.chmod(0o600)
        if os.geteuid() == 0:
            shutil.chown(pwfile, SYSTEM_USER, SYSTEM_USER)
        try:
            done = self._run_tool("initdb", "-D", str(self.data), "-U", SUPERUSER, f"--pwfile={pwfile}",
                                  "--auth-local=trust", "--auth-host=scram-sha-256",
                                  "--encoding=UTF8", "--locale=C.UTF-8", "--no-sync")
        finally:
            pwfile.unlink()
        if done.returncode:
            raise RuntimeError(f"initdb failed in {self.data}: {(done.stderr or done.stdout).strip()}")
        settings = {"listen_addresses": f"'{HOST}'", "unix_socket_directories": f"'{self.folder}'", **SETTINGS}
        with (self.data / "postgresql.conf").open("a") as conf:  # initdb made it, the owner stays
            conf.write("\n# a private test server (benchmarks/pg_cluster.py)\n")
            conf.writelines(f"{key} = {value}\n" for key, value in settings.items())

    def _pg_ctl(self, action: str, *args: str) -> None:
        pid = self._server_pid() if action == "stop" else None
        done = self._run_tool("pg_ctl", action, "-D", str(self.data), "-w", "-t", str(START_TIMEOUT_S), *args)
        if done.returncode:
            raise RuntimeError(f"pg_ctl {action} failed for {self!r}: {(done.stderr or done.stdout).strip()}\n"
                               f"the server log ends:\n{self._log_tail()}")
        if pid is not None:
            _wait_for_exit(pid)

    def _server_pid(self) -> int | None:
        try:
            return int((self.data / "postmaster.pid").read_text().split()[0])
        except (OSError, ValueError, IndexError):
            return None

    def _launch(self, new_port_if_taken: bool) -> None:
        """pg_ctl start on ``self.port``; another free port if that one was taken meanwhile."""
        for attempt in range(PORT_TRIES):
            start_of_log = self.log.stat().st_size if self.log.exists() else 0
            try:
                # the port on the command line, not in postgresql.conf, so that a retry needs no rewrite
                self._pg_ctl("start", "-l", str(self.log), "-o", f"-p {self.port}")
            except RuntimeError:
                new_log = self._log_tail(since=start_of_log)
                taken = "could not bind" in new_log or "could not create any TCP/IP sockets" in new_log
                if not (new_port_if_taken and taken) or attempt == PORT_TRIES - 1:
                    raise
                self.port = free_port()
                continue
            self.running = True
            return

    def _log_tail(self, since: int = 0) -> str:
        try:
            with self.log.open("rb") as log:
                log.seek(since)
                text = log.read().decode("utf-8", errors="replace")
        except OSError:
            return "(no server log)"
        return "\n".join(text.splitlines()[-LOG_TAIL_LINES:])


@atexit.register
def _stop_left_running() -> None:
    """Stop clusters whose owner never stopped them: no server outlives the Python process."""
    for cluster in list(_left_running):
        with contextlib.suppress(RuntimeError):  # already gone: the folder is removed all the same
            cluster.stop(mode="immediate")
