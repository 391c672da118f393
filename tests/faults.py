"""Faults made for real in tests: a disk filled up (see the ``small_disk``
fixture in conftest.py for a disk of its own)."""

from __future__ import annotations

import os
from pathlib import Path


def fill(disk: Path, leave: int = 0) -> Path:
    """Fill ``disk`` with one file until about ``leave`` bytes are free; the file."""
    stat = os.statvfs(disk)
    filler = disk / "filler"
    try:
        with open(filler, "wb") as handle:
            handle.write(bytes(max(stat.f_bavail * stat.f_frsize - leave, 0)))
    except OSError:
        pass  # full before the end: as good
    return filler
