"""Helpers for building many objects at once."""

from __future__ import annotations

import gc
from contextlib import contextmanager
from collections.abc import Iterator


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


def settle_heap() -> None:
    """Collect once, then move everything alive out of the collector's sight
    (gc.freeze): a project's hundreds of thousands of records live until it is
    closed, and a full collection walking them took 50–80 ms, a pause that
    could land in any frame. Call ``unsettle_heap`` before letting a project
    go, so that its cycles can be collected again."""
    gc.collect()  # what an earlier project left must not be frozen with the rest
    gc.freeze()


def unsettle_heap() -> None:
    gc.unfreeze()
