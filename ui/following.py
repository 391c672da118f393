"""Panels that follow one open project's edits: hand the change signal over
from the old project to the new one (either may be None)."""

from __future__ import annotations

from collections.abc import Callable


def follow(old, new, slot: Callable) -> None:
    if old is not None and old.changed.is_connected(slot):
        old.changed.disconnect(slot)
    if new is not None:
        new.changed.connect(slot)
