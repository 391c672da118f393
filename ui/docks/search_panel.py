"""Search: a box in the toolbar and a results list. Typing lists hits; Enter
(or a click) selects a hit and frames it on the map."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal
from PySide6.QtWidgets import QLabel, QLineEdit, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from gridmap.search import Hit, search
from gridmap.selection import Item, Selection

HIT_ROLE = Qt.ItemDataRole.UserRole
TYPING_PAUSE_MS = 150


def kind_label(kind: str) -> str:
    return {
        "zone": QCoreApplication.translate("Search", "Zone"),
        "compound": QCoreApplication.translate("Search", "Compound"),
        "building": QCoreApplication.translate("Search", "Building"),
        "household": QCoreApplication.translate("Search", "Household"),
        "staff": QCoreApplication.translate("Search", "Staff"),
    }.get(kind, kind)


class SearchBox(QLineEdit):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("searchBox")
        self.setClearButtonEnabled(True)
        self.setPlaceholderText(self.tr("Search: grid, compound, 5号楼, 5-2-301, name or phone"))
        self.setMinimumWidth(260)


class SearchPanel(QWidget):
    """The results list; it drives and is driven by the ``SearchBox``."""

    frame_requested = Signal(object)  # Item

    def __init__(self, box: SearchBox, selection: Selection, parent=None) -> None:
        super().__init__(parent)
        self.box = box
        self.selection = selection
        self.project = None
        self.summary = QLabel(self)
        self.results = QListWidget(self)
        self.results.setObjectName("searchResults")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.summary)
        layout.addWidget(self.results)
        self._timer = QTimer(self, singleShot=True, interval=TYPING_PAUSE_MS)
        self._timer.timeout.connect(self.run)
        box.textEdited.connect(lambda _text: self._timer.start())
        box.returnPressed.connect(self.activate_current)
        self.results.itemActivated.connect(self._activate)
        self.results.itemClicked.connect(self._activate)

    def set_project(self, project) -> None:
        self.project = project
        self.results.clear()
        self.summary.clear()

    def run(self) -> list[Hit]:
        """Search now for the box's text and list the hits."""
        self._timer.stop()
        hits = search(self.project, self.box.text()) if self.project else []
        self.results.clear()
        for hit in hits:
            item = QListWidgetItem(f"{hit.title}    {kind_label(hit.kind)} · {hit.context}")
            item.setData(HIT_ROLE, hit)
            self.results.addItem(item)
        if hits:
            self.results.setCurrentRow(0)
        text = self.box.text().strip()
        self.summary.setText(self.tr("%n result(s)", "", len(hits)) if text else "")
        return hits

    def activate_current(self) -> None:
        """Enter in the box: search if the list is stale, then frame the current hit."""
        if self._timer.isActive() or self.results.count() == 0:
            self.run()
        item = self.results.currentItem()
        if item is not None:
            self._activate(item)

    def _activate(self, item: QListWidgetItem) -> None:
        hit: Hit = item.data(HIT_ROLE)
        target = Item(hit.kind, hit.id)
        self.selection.set(target, source=self)
        self.frame_requested.emit(target)
