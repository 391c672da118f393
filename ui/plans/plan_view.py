"""A building's colour plan as a widget: drawn by layers/render/plan.py, one
square per room; a click selects a room (Shift/Ctrl add to the selection)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, QSize, Qt, Signal
from PySide6.QtGui import QMouseEvent, QPainter
from PySide6.QtWidgets import (
    QComboBox, QDateEdit, QHBoxLayout, QLabel, QPushButton, QScrollArea, QSpinBox, QVBoxLayout, QWidget,
)

from gridmap.plans.dynamic import changed_since, not_checked_for, waiting_for_follow_up
from gridmap.plans.layout import PlanLayout, plan_layout
from layers.render.plan import PlanGeometry, draw_plan, draw_sheet, sheet_positions
from layers.render.qt import color
from ui.plans.household_editor import HouseholdEditor

if TYPE_CHECKING:
    from gridmap.project import Project


class PlanCanvas(QWidget):
    selection_changed = Signal(object)  # frozenset of household ids

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("planCanvas")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.geometry_ = PlanGeometry()
        self.project: Project | None = None
        self.layout_: PlanLayout | None = None
        self.selected: frozenset[tuple[int, int]] = frozenset()
        self.highlighted: frozenset[int] = frozenset()  # household ids drawn with a ring

    def show_building(self, project: "Project", building_id: int) -> None:
        self.project = project
        building = project.tables["buildings"][building_id]
        units = [u for u in project.tables["units"].values() if u.building_id == building_id]
        homes = [h for h in project.tables["households"].values() if h.building_id == building_id]
        self.layout_ = plan_layout(building, units, homes)
        self.selected = frozenset()
        width, height = self.geometry_.size(self.layout_)
        self.setFixedSize(QSize(int(max(width, 320)), int(height)))
        self.update()

    def selected_households(self) -> frozenset[int]:
        cells = self.layout_.cells if self.layout_ else {}
        return frozenset(cells[c] for c in self.selected if c in cells)

    def paintEvent(self, _event) -> None:  # noqa: N802 - Qt's name
        painter = QPainter(self)
        painter.fillRect(self.rect(), color("#ffffff"))
        if self.layout_ is not None and self.project is not None:
            draw_plan(painter, self.layout_, self.project.tables["households"], self.project.tag_defs,
                      self.geometry_, self.selected, self.highlighted)
        painter.end()

    def keyPressEvent(self, event) -> None:  # noqa: N802
        """Arrows move between rooms (Shift extends the selection)."""
        moves = {Qt.Key.Key_Left: (0, -1), Qt.Key.Key_Right: (0, 1), Qt.Key.Key_Up: (-1, 0), Qt.Key.Key_Down: (1, 0)}
        if self.layout_ is None or event.key() not in moves:
            super().keyPressEvent(event)
            return
        rows, cols = self.layout_.shape
        row, col = max(self.selected) if self.selected else (0, 0)
        dr, dc = moves[event.key()]
        cell = (min(max(row + dr, 0), rows - 1), min(max(col + dc, 0), cols - 1))
        extend = event.modifiers() & Qt.KeyboardModifier.ShiftModifier
        self.selected = (self.selected | {cell}) if extend else frozenset({cell})
        self.update()
        self.selection_changed.emit(self.selected_households())

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if self.layout_ is None:
            return
        cell = self.geometry_.cell_at(self.layout_, event.position().x(), event.position().y())
        adding = event.modifiers() & (Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.ControlModifier)
        if cell is None:
            self.selected = frozenset() if not adding else self.selected
        elif adding:
            self.selected = self.selected ^ {cell}
        else:
            self.selected = frozenset({cell})
        self.update()
        self.selection_changed.emit(self.selected_households())


class PlanPanel(QWidget):
    """The plan in a scroll area under the building's name, the editor beside it;
    both follow the project's edits (and their undo)."""

    link_requested = Signal(object)  # household ids chosen on the plan: link them to a party member

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("planPanel")
        self.project: Project | None = None
        self.building_id: int | None = None
        self.title = QLabel()
        self.canvas = PlanCanvas()
        self.editor = HouseholdEditor()
        scroll = QScrollArea()
        scroll.setWidget(self.canvas)
        scroll.setWidgetResizable(False)
        # what to ring: changed since a day, waiting for a follow-up, not checked for N days
        self.highlight = QComboBox()
        self.highlight.setObjectName("planHighlight")
        self.highlight.addItem(self.tr("Highlight nothing"), "none")
        self.highlight.addItem(self.tr("Changed since"), "changed")
        self.highlight.addItem(self.tr("Waiting for a follow-up"), "follow_up")
        self.highlight.addItem(self.tr("Not checked for more than (days)"), "unchecked")
        self.since = QDateEdit(QDate.currentDate().addDays(-7))
        self.since.setCalendarPopup(True)
        self.days = QSpinBox()
        self.days.setRange(1, 3650)
        self.days.setValue(90)
        for signal in (self.highlight.currentIndexChanged, self.since.dateChanged, self.days.valueChanged):
            signal.connect(self.refresh_highlight)
        self.sheet_button = QPushButton(self.tr("Compound Sheet"))
        self.sheet_button.setObjectName("compoundSheetButton")
        self.sheet_button.clicked.connect(self.show_sheet)
        self.sheet_window: QScrollArea | None = None
        self.link_button = QPushButton(self.tr("Link to Party Member…"))
        self.link_button.setObjectName("linkPartyMember")
        self.link_button.setToolTip(self.tr("党员联户: the chosen rooms are looked after by one party member"))
        self.link_button.clicked.connect(
            lambda: self.link_requested.emit(sorted(self.canvas.selected_households())))
        controls = QHBoxLayout()
        controls.addWidget(self.title, 1)
        controls.addWidget(self.link_button)
        controls.addWidget(self.sheet_button)
        controls.addWidget(self.highlight)
        controls.addWidget(self.since)
        controls.addWidget(self.days)
        left = QVBoxLayout()
        left.addLayout(controls)
        left.addWidget(scroll)
        editor_scroll = QScrollArea()  # the editor scrolls: the strip under the map can stay low
        editor_scroll.setWidget(self.editor)
        editor_scroll.setWidgetResizable(True)
        editor_scroll.setMaximumWidth(290)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addLayout(left, 3)
        layout.addWidget(editor_scroll, 2)
        self.canvas.selection_changed.connect(lambda ids: self.editor.edit(self.project, ids))

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return QSize(600, 150)  # shares the strip under the map with the problems

    def show_building(self, project: "Project", building_id: int) -> None:
        self.set_project(project)
        self.building_id = building_id
        building = project.tables["buildings"][building_id]
        compound = project.tables["compounds"].get(building.compound_id)
        self.title.setText(f"{compound.name if compound else ''} {building.number}".strip())
        self.canvas.show_building(project, building_id)
        self.editor.edit(project, ())
        self.refresh_highlight()

    def show_sheet(self) -> SheetCanvas | None:
        """The whole compound of the building shown, side by side, in its own window."""
        if self.project is None or self.building_id is None:
            return None
        compound = self.project.tables["buildings"][self.building_id].compound_id
        if compound not in self.project.tables["compounds"]:
            return None
        sheet = SheetCanvas()
        sheet.show_compound(self.project, compound)
        window = QScrollArea()
        window.setObjectName("compoundSheetWindow")
        window.setWindowTitle(self.project.tables["compounds"][compound].name)
        window.setWidget(sheet)
        window.resize(min(sheet.width() + 24, 1600), min(sheet.height() + 24, 1000))
        window.show()
        self.sheet_window = window  # kept: one sheet window at a time
        return sheet

    def refresh_highlight(self, *_args) -> None:
        """Ring the households the chosen highlight picks out."""
        mode = self.highlight.currentData()
        self.since.setVisible(mode == "changed")
        self.days.setVisible(mode == "unchecked")
        if self.project is None or self.building_id is None:
            return
        homes = [h for h in self.project.tables["households"].values() if h.building_id == self.building_id]
        if mode == "changed":
            picked = changed_since(self.project, self.since.date().toPython())
        elif mode == "follow_up":
            picked = waiting_for_follow_up(homes)
        elif mode == "unchecked":
            picked = not_checked_for(homes, self.days.value())
        else:
            picked = frozenset()
        self.canvas.highlighted = picked & {h.id for h in homes}
        self.canvas.update()

    def set_project(self, project: "Project | None") -> None:
        if self.project is project:
            return
        if self.project is not None and self.project.changed.is_connected(self._changed):
            self.project.changed.disconnect(self._changed)
        self.project, self.building_id = project, None
        if project is not None:
            project.changed.connect(self._changed)
        else:
            self.canvas.project = self.canvas.layout_ = None
            self.editor.project = None
            self.title.clear()

    def _changed(self, changes) -> None:
        if self.building_id is None or self.building_id not in self.project.tables["buildings"]:
            return
        if any(c.table in ("households", "units", "buildings") for c in changes):
            selected = self.canvas.selected
            self.canvas.show_building(self.project, self.building_id)
            self.canvas.selected = selected
            self.editor.edit(self.project, self.canvas.selected_households())
            self.refresh_highlight()


class SheetCanvas(QWidget):
    """A compound's sheet: every building's plan side by side."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sheetCanvas")
        self.project: Project | None = None
        self.titles: list[str] = []
        self.layouts: list[PlanLayout] = []

    def show_compound(self, project: "Project", compound_id: int) -> None:
        self.project = project
        buildings = sorted((b for b in project.tables["buildings"].values() if b.compound_id == compound_id),
                           key=lambda b: (len(b.number), b.number))
        units, homes = {}, {}
        for u in project.tables["units"].values():
            units.setdefault(u.building_id, []).append(u)
        for h in project.tables["households"].values():
            homes.setdefault(h.building_id, []).append(h)
        self.titles = [b.number for b in buildings]
        self.layouts = [plan_layout(b, units.get(b.id, []), homes.get(b.id, [])) for b in buildings]
        _, (width, height) = sheet_positions(self.layouts)
        self.setFixedSize(QSize(int(width) + 8, int(height) + 8))
        self.update()

    def paintEvent(self, _event) -> None:  # noqa: N802 - Qt's name
        painter = QPainter(self)
        painter.fillRect(self.rect(), color("#ffffff"))
        if self.project is not None:
            painter.translate(4, 4)
            draw_sheet(painter, self.titles, self.layouts, self.project.tables["households"], self.project.tag_defs)
        painter.end()
