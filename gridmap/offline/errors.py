"""What stands in the way of a check-out or a check-in, in words."""

from __future__ import annotations

from pathlib import Path

from gridmap.errors import GridmapError


class OfflineError(GridmapError):
    """A check-out or check-in that cannot be done as asked; nothing was written.
    ``where`` names the server (without password) or the copy, ``problem`` what
    is wrong and ``advice`` what to do."""

    def __init__(self, where: str | Path, problem: str, advice: str = "") -> None:
        super().__init__(f"{where}: {problem}" + (f" {advice}" if advice else ""))
        self.where = str(where)
        self.problem = problem
        self.advice = advice
