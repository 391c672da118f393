"""Helpers for building many objects at once."""

from __future__ import annotations

import gc
from contextlib import contextmanager
from typing import Iterator


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while hundreds of thousands of
    long-lived objects are made: none of them is garbage, and the collector
    would walk them again and again (a third of the time of opening a city)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
