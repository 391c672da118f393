"""Why a workbook cannot be read at all, in words the window translates."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from gridmap.errors import GridmapError
from gridmap.workbooks.messages import WORKBOOK_PROBLEMS


class WorkbookError(GridmapError):
    """A workbook cannot be read as the table asked for. Nothing was written.

    ``key`` names the problem in :data:`~gridmap.workbooks.messages.WORKBOOK_PROBLEMS`
    and ``params`` fill its blanks; ``problem`` and ``advice`` are the English
    sentences (the window translates the templates instead).
    """

    def __init__(self, path: str | Path, key: str, **params: Any) -> None:
        self.path, self.key, self.params = Path(path), key, params
        problem, advice = WORKBOOK_PROBLEMS[key]
        self.problem, self.advice = problem.format(**params), advice.format(**params)
        super().__init__(f"{self.path}: {self.problem} {self.advice}")
