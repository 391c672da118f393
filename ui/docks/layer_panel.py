"""The layer panel: visibility (check boxes), order (drag), opacity (slider).
Top of the list is drawn last, as in every GIS."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView, QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QSlider, QVBoxLayout, QWidget,
)

from layers.model import LayerSet
from ui.layer_names import layer_name

KIND_ROLE = Qt.ItemDataRole.UserRole


class LayerPanel(QWidget):
    def __init__(self, layers: LayerSet, parent=None) -> None:
        super().__init__(parent)
        self.layers = layers
        self.list = QListWidget(self)
        self.list.setObjectName("layerList")
        self.list.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.opacity = QSlider(Qt.Orientation.Horizontal, self)
        self.opacity.setObjectName("layerOpacity")
        self.opacity.setRange(0, 100)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Opacity"), self))
        row.addWidget(self.opacity)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.list)
        layout.addLayout(row)
        self._updating = False
        self.list.itemChanged.connect(self._on_item_changed)
        self.list.currentItemChanged.connect(self._on_current)
        self.list.model().rowsMoved.connect(self._on_rows_moved)
        self.opacity.valueChanged.connect(self._on_opacity)
        layers.changed.connect(self.reload)
        self.reload()

    def reload(self) -> None:
        current = self.current_kind()
        self._updating = True
        self.list.clear()
        for layer in reversed(list(self.layers)):
            item = QListWidgetItem(layer_name(layer.kind))
            item.setData(KIND_ROLE, layer.kind)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsDragEnabled)
            item.setCheckState(Qt.CheckState.Checked if layer.visible else Qt.CheckState.Unchecked)
            self.list.addItem(item)
            if layer.kind == current:
                self.list.setCurrentItem(item)
        self._updating = False
        self._on_current(self.list.currentItem(), None)

    def current_kind(self) -> str | None:
        item = self.list.currentItem()
        return item.data(KIND_ROLE) if item else None

    def _on_item_changed(self, item: QListWidgetItem) -> None:
        if not self._updating:
            self.layers.set_visible(item.data(KIND_ROLE), item.checkState() == Qt.CheckState.Checked)

    def _on_current(self, item: QListWidgetItem | None, _previous) -> None:
        self.opacity.setEnabled(item is not None)
        if item is not None:
            self._updating = True
            self.opacity.setValue(round(self.layers.get(item.data(KIND_ROLE)).opacity * 100))
            self._updating = False

    def _on_opacity(self, value: int) -> None:
        kind = self.current_kind()
        if kind and not self._updating:
            self.layers.set_opacity(kind, value / 100)

    def _on_rows_moved(self, *_args) -> None:
        if self._updating:
            return
        kinds = [self.list.item(r).data(KIND_ROLE) for r in range(self.list.count())]
        for position, kind in enumerate(reversed(kinds)):
            if self.layers.kinds()[position] != kind:
                self.layers.move(kind, position)
