"""Where a failure that is gridmap's own fault (a bug, not the user's input) is
written down: the user gets a sentence and the log's name, never a traceback,
and whoever fixes it gets the traceback from the log."""

from __future__ import annotations

import datetime as dt
import traceback
from pathlib import Path

from gridmap import __version__

_MOST_BYTES = 1 << 20  # keep the last megabyte or so: the log is for the latest failures


def log_path() -> Path:
    from gridmap.demo.cache import data_home

    return data_home() / "errors.log"


def record(error: BaseException) -> Path | None:
    """Append ``error`` with its traceback to the log; the log's path, or None
    when it cannot be written (then there is nothing more to do)."""
    path = log_path()
    text = "".join(traceback.format_exception(error))
    entry = f"--- {dt.datetime.now().astimezone().isoformat(timespec='seconds')} gridmap {__version__}\n{text}\n"
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.exists() and path.stat().st_size > _MOST_BYTES:
            path.write_text(path.read_text(encoding="utf-8", errors="replace")[-_MOST_BYTES // 2:], encoding="utf-8")
        with open(path, "a", encoding="utf-8") as log:
            log.write(entry)
    except OSError:
        return None
    return path
