"""Ask for a new site point: its kind, its name and, for a gate, whether it is
open or closed."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QWidget

from gridmap.model.entities import GATE_STATES, SITE_POINT_KINDS
from ui.site.names import site_name


class SitePointDialog(QDialog):
    def __init__(self, kind: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sitePointDialog")
        self.setWindowTitle(self.tr("New Site Point"))
        self.kind = QComboBox()
        self.kind.setObjectName("siteKind")
        for k in SITE_POINT_KINDS:
            self.kind.addItem(site_name(k), k)
        self.kind.setCurrentIndex(max(0, self.kind.findData(kind)))
        self.name = QLineEdit(site_name(self.kind.currentData()))
        self.name.setObjectName("siteName")
        self.name.selectAll()
        self.state = QComboBox()
        self.state.setObjectName("gateState")
        for s in GATE_STATES:
            self.state.addItem(site_name(s), s)
        self.state_label = QLabel(self.tr("Gate is"))
        self.error = QLabel()
        self.error.setStyleSheet("color: #c00000")
        form = QFormLayout(self)
        form.addRow(self.tr("Kind"), self.kind)
        form.addRow(self.tr("Name"), self.name)
        form.addRow(self.state_label, self.state)
        form.addRow(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self._default_name = self.name.text()
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self._kind_changed()

    def _kind_changed(self, *_args) -> None:
        kind = self.kind.currentData()
        if self.name.text() == self._default_name:  # not typed over: the name follows the kind
            self._default_name = site_name(kind)
            self.name.setText(self._default_name)
        self.state.setVisible(kind == "gate")
        self.state_label.setVisible(kind == "gate")

    def values(self) -> tuple[str, str, str]:
        """(kind, name, state); the state is "" except for gates."""
        kind = self.kind.currentData()
        return kind, self.name.text().strip(), self.state.currentData() if kind == "gate" else ""

    def accept(self) -> None:
        if not self.name.text().strip():
            self.error.setText(self.tr("A site point needs a name."))
            return
        super().accept()
