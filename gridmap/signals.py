"""A minimal observer so that the Qt-free model can announce changes.

Views (Qt widgets, layers) connect callables; the model emits plain Python
values. Kept deliberately tiny: synchronous, ordered, no threads.
"""

from __future__ import annotations

from typing import Any
from collections.abc import Callable


class Signal:
    """An ordered list of callbacks called with the emitted arguments.

    Examples
    --------
    >>> changed = Signal()
    >>> seen = []
    >>> changed.connect(seen.append)
    >>> changed.emit(3)
    >>> seen
    [3]
    """

    __slots__ = ("_slots",)

    def __init__(self) -> None:
        self._slots: list[Callable[..., Any]] = []

    def connect(self, slot: Callable[..., Any]) -> None:
        if slot not in self._slots:
            self._slots.append(slot)

    def disconnect(self, slot: Callable[..., Any]) -> None:
        self._slots.remove(slot)

    def is_connected(self, slot: Callable[..., Any]) -> bool:
        return slot in self._slots

    def emit(self, *args: Any) -> None:
        # Copy: a slot may disconnect itself while being called.
        for slot in list(self._slots):
            slot(*args)

    def __len__(self) -> int:
        return len(self._slots)
