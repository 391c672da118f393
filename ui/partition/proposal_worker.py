"""Making a partition proposal off the UI thread: the map stays drawn and Cancel
answers. The project must not change meanwhile (the progress bar is modal)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Signal

from gridmap.errors import GridmapError
from gridmap.partition.proposal import Options, PartitionError, Proposal, make_proposal
from ui.busy import Worker

if TYPE_CHECKING:
    from gridmap.project import Project


class ProposalWorker(Worker):
    progressed = Signal(float)  # 0..1

    def __init__(self, project: Project, zone_id: int, options: Options, parent=None) -> None:
        super().__init__(parent)
        self.project, self.zone_id, self.options = project, zone_id, options
        self.proposal: Proposal | None = None

    def work(self, cancelled) -> None:
        self.proposal = make_proposal(self.project, self.zone_id, self.options, progress=self.progressed.emit,
                              cancelled=cancelled)

    def explain(self, error: Exception) -> str:
        if isinstance(error, GridmapError):  # PartitionError: says why and what to do
            return in_words(error)
        return super().explain(error)


def in_words(error: Exception) -> str:
    """A refused partition in the user's language (messages.REFUSALS); any other error as it is."""
    if isinstance(error, PartitionError):
        return error.text(lambda text: QCoreApplication.translate("Partition", text))
    return str(error)
