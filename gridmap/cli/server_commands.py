"""``gridmap server init`` and ``gridmap publish``: a database made ready for a
shared project, and a GeoPackage project copied into it whole."""

from __future__ import annotations

import datetime as dt
import json
import time
from pathlib import Path

from gridmap.cli.output import table
from gridmap.errors import ServerError

ADDRESS_FORM = "postgresql://user@host:port/database"


def run(args) -> int:
    """``gridmap server ACTION``."""
    if args.server_command == "init":
        return init(args.url)
    raise AssertionError(f"no server action {args.server_command!r}")  # argparse allows only the ones above


def init(url: str) -> int:
    from gridmap.storage.server.database import make_ready

    _require_address(url)
    ready = make_ready(url)
    if ready.made_database:
        print(f"{ready.address}: made the database")
    if ready.added_postgis:
        print(f"{ready.address}: added PostGIS {ready.postgis}")
    # The rights' group roles (office planner, community chief, viewer) are made here, once
    # gridmap/storage/server/rights.py exists: it is the next step of making a server ready.
    fresh = ready.made_database or ready.added_postgis
    print(f"{ready.address} is ready{'' if fresh else ' already'} (PostGIS {ready.postgis})"
          + ("." if fresh else ": nothing to do."))
    if ready.project is None:
        print(f"It holds no project yet; publish one with: gridmap publish FILE.gpkg {ready.address}")
    else:
        print(f"It holds the project {ready.project or '(untitled)'}; open it with: gridmap {ready.address}")
    return 0


def publish(path: str | Path, url: str, as_json: bool) -> int:
    from gridmap.storage.server.address import shown
    from gridmap.storage.server.publish import publish as copy

    if isinstance(path, str):  # an address where the file goes
        raise ServerError(shown(path), "address", "is a database address, not a project file.",
                          "The file comes first: gridmap publish FILE.gpkg URL.")
    _require_address(url)
    started = time.perf_counter()
    done = copy(path, url, moment=dt.datetime.now(dt.UTC))
    seconds = time.perf_counter() - started
    rows = sum(s.rows for s in done.sums.values())
    if as_json:
        print(json.dumps({"file": str(done.path), "address": done.address, "title": done.title, "epsg": done.epsg,
                          "made_database": done.readiness.made_database,
                          "added_postgis": done.readiness.added_postgis,
                          "tables": {name: {"rows": s.rows, "checksum": s.digest} for name, s in done.sums.items()},
                          "rows": rows, "seconds": round(seconds, 2)}, ensure_ascii=False, indent=2))
        return 0
    if done.readiness.made_database:
        print(f"{done.address}: made the database (it did not exist)")
    if done.readiness.added_postgis:
        print(f"{done.address}: added PostGIS {done.readiness.postgis}")
    print(f"published {done.path} ({done.title or 'untitled'}, EPSG:{done.epsg}) to {done.address}")
    print(table(["table", "checksum", "rows"], [[name, s.digest, f"{s.rows:,}"] for name, s in done.sums.items()]))
    print(f"{len(done.sums)} tables, {rows:,} rows, read back before the commit: every count and checksum equals "
          f"the file's ({seconds:.1f} s)")
    return 0


def _require_address(url: str) -> None:
    from gridmap.storage.server.address import is_server_address, shown

    if not is_server_address(url):
        raise ServerError(shown(url), "address", "is not a database address.", f"Write it as {ADDRESS_FORM}.")
