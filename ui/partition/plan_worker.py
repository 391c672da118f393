"""Making a partition plan off the UI thread: the map stays drawn and Cancel
answers. The project must not change meanwhile (the progress bar is modal)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QThread, Signal

from gridmap.cancel import Cancelled
from gridmap.errors import GridmapError
from gridmap.partition.plan import Options, Plan, make_plan

if TYPE_CHECKING:
    from gridmap.project import Project


class PlanWorker(QThread):
    progressed = Signal(float)  # 0..1

    def __init__(self, project: "Project", zone_id: int, options: Options, parent=None) -> None:
        super().__init__(parent)
        self.project, self.zone_id, self.options = project, zone_id, options
        self.cancel_requested = False
        self.plan: Plan | None = None
        self.error: str | None = None
        self.cancelled = False

    def run(self) -> None:
        try:
            self.plan = make_plan(self.project, self.zone_id, self.options, progress=self.progressed.emit,
                                  cancelled=lambda: self.cancel_requested)
        except Cancelled:
            self.cancelled = True
        except GridmapError as error:  # PartitionError: says why and what to do
            self.error = str(error)
        except Exception as error:  # noqa: BLE001 (a thread's failure must reach the user, not vanish)
            self.error = f"{type(error).__name__}: {error}"
