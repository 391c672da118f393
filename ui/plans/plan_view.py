"""The colour plan panel: the building's name and its buttons, the view controls
(zoom, fit, what to highlight), the plan in a scroll area and the editor beside
it. It follows the project's edits (and their undo); the plan window holds it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, QEvent, QPointF, QRect, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QDateEdit, QFrame, QHBoxLayout, QLabel, QPushButton, QScrollArea, QSpinBox, QSplitter,
    QToolButton, QVBoxLayout, QWidget,
)

from gridmap.plans.dynamic import changed_since, not_checked_for, waiting_for_follow_up
from ui.plans.household_editor import HouseholdEditor
from ui.plans.plan_canvas import ZOOM_RANGE, PlanCanvas
from ui.plans.sheet_view import SheetCanvas

if TYPE_CHECKING:
    from gridmap.project import Project

ZOOM_STEP = 1.25
PLAN_TABLES = ("households", "units", "buildings", "party_links")  # an edit of these redraws the plan
FIT_MOST = 3.0  # fitting a small plan to a big window stops here: rooms the size of a thumb, not a hand


class PlanPanel(QWidget):
    link_requested = Signal(object)  # household ids chosen on the plan: link them to a party member
    title_changed = Signal(str)
    cleared = Signal()  # the project was closed: nothing to show

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("planPanel")
        self.project: Project | None = None
        self.building_id: int | None = None
        self.fit_mode = True  # the plan follows the window's size until zoomed by hand
        self.title = QLabel()
        self.title.setObjectName("planTitle")
        self.title.setTextFormat(Qt.TextFormat.PlainText)  # a compound's name is never markup
        self.title.setStyleSheet("font-size: 15px; font-weight: bold;")
        self.canvas = PlanCanvas()
        self.scroll = QScrollArea()
        self.scroll.setObjectName("planScroll")
        self.scroll.setWidget(self.canvas)
        self.scroll.setWidgetResizable(False)
        self.scroll.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.scroll.viewport().installEventFilter(self)
        self.editor = HouseholdEditor()
        self.sheet_button = QPushButton(self.tr("Compound Sheet"))
        self.sheet_button.setObjectName("compoundSheetButton")
        self.sheet_button.setToolTip(self.tr("Every building of this compound side by side, in a window of its own"))
        self.sheet_button.clicked.connect(self.show_sheet)
        self.sheet_window: QScrollArea | None = None
        self.link_button = QPushButton(self.tr("Link to Party Member…"))
        self.link_button.setObjectName("linkPartyMember")
        self.link_button.setToolTip(self.tr("党员联户: the chosen rooms are looked after by one party member"))
        self.link_button.setEnabled(False)  # until rooms with households are chosen
        self.link_button.clicked.connect(
            lambda: self.link_requested.emit(sorted(self.canvas.selected_households())))
        header = QHBoxLayout()
        header.addWidget(self.title, 1)
        header.addWidget(self.link_button)
        header.addWidget(self.sheet_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(header)
        layout.addLayout(self._view_controls())
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("planSplitter")
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.scroll)
        editor_scroll = QScrollArea()  # a long tag list scrolls rather than pushing the window taller
        editor_scroll.setObjectName("planEditorScroll")
        editor_scroll.setWidget(self.editor)
        editor_scroll.setWidgetResizable(True)
        editor_scroll.setFrameShape(QFrame.Shape.NoFrame)
        editor_scroll.setMinimumWidth(280)
        self.splitter.addWidget(editor_scroll)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 0)
        self.splitter.setSizes([1000, 330])
        layout.addWidget(self.splitter, 1)
        self.canvas.selection_changed.connect(self._chosen)
        self.canvas.current_moved.connect(self._keep_in_view)
        self.canvas.zoom_requested.connect(self.zoom_by)
        self._shortcuts()

    def _view_controls(self) -> QHBoxLayout:
        """Zoom (−, the factor, +, fit) and what to ring, each with its label."""
        self.zoom_out_button = self._tool_button("−", self.tr("Zoom out (Ctrl+-, Ctrl+wheel)"),
                                                 lambda: self.zoom_by(1 / ZOOM_STEP), "planZoomOut")
        self.zoom_in_button = self._tool_button("+", self.tr("Zoom in (Ctrl+=, Ctrl+wheel)"),
                                                lambda: self.zoom_by(ZOOM_STEP), "planZoomIn")
        self.zoom_label = QLabel("100%")
        self.zoom_label.setObjectName("planZoomFactor")
        self.zoom_label.setMinimumWidth(self.zoom_label.fontMetrics().horizontalAdvance("400%") + 6)
        self.zoom_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.zoom_label.setToolTip(self.tr("Zoom factor of the plan"))
        self.fit_button = QPushButton(self.tr("Fit"))
        self.fit_button.setObjectName("planFit")
        self.fit_button.setToolTip(self.tr("Fit the whole plan in the window (Ctrl+0)"))
        self.fit_button.clicked.connect(self.fit)
        # what to ring: changed since a day, waiting for a follow-up, not checked for N days
        self.highlight = QComboBox()
        self.highlight.setObjectName("planHighlight")
        self.highlight.setToolTip(self.tr("Ring the rooms that need attention"))
        self.highlight.addItem(self.tr("Highlight nothing"), "none")
        self.highlight.addItem(self.tr("Changed since"), "changed")
        self.highlight.addItem(self.tr("Waiting for a follow-up"), "follow_up")
        self.highlight.addItem(self.tr("Not checked for more than (days)"), "unchecked")
        self.highlight.addItem(self.tr("No party member linked"), "unlinked")
        self.since = QDateEdit(QDate.currentDate().addDays(-7))
        self.since.setObjectName("planSince")
        self.since.setCalendarPopup(True)
        self.since.setDisplayFormat("yyyy-MM-dd")
        self.since.setToolTip(self.tr("Ring the rooms changed on or after this day"))
        self.since_label = QLabel(self.tr("Start date:"))
        self.since_label.setBuddy(self.since)
        self.days = QSpinBox()
        self.days.setObjectName("planDays")
        self.days.setRange(1, 3650)
        self.days.setValue(90)
        self.days.setToolTip(self.tr("Ring the rooms not checked for more than this many days"))
        self.days_label = QLabel(self.tr("Days:"))
        self.days_label.setBuddy(self.days)
        for signal in (self.highlight.currentIndexChanged, self.since.dateChanged, self.days.valueChanged):
            signal.connect(self.refresh_highlight)
        self.party_marks = QCheckBox(self.tr("Mark party links"))
        self.party_marks.setObjectName("planPartyMarks")
        self.party_marks.setToolTip(self.tr("A red corner on each room whose household a party member looks after "
                                            "(党员联户)"))
        self.party_marks.toggled.connect(self._mark_party_links)
        zoom_label = QLabel(self.tr("Zoom:"))
        zoom_label.setBuddy(self.zoom_in_button)
        highlight_label = QLabel(self.tr("Highlight:"))
        highlight_label.setBuddy(self.highlight)
        row = QHBoxLayout()
        for widget in (zoom_label, self.zoom_out_button, self.zoom_label, self.zoom_in_button, self.fit_button):
            row.addWidget(widget)
        row.addSpacing(18)
        for widget in (highlight_label, self.highlight, self.since_label, self.since, self.days_label, self.days):
            row.addWidget(widget)
        row.addSpacing(18)
        row.addWidget(self.party_marks)
        row.addStretch(1)
        self.refresh_highlight()
        return row

    def _chosen(self, household_ids) -> None:
        self.editor.edit(self.project, household_ids)
        self.link_button.setEnabled(bool(household_ids) and not self.project.read_only)

    def _mark_party_links(self, on: bool) -> None:
        self.canvas.show_linked = on
        self.canvas.update()

    def _tool_button(self, text: str, tip: str, slot, name: str) -> QToolButton:
        button = QToolButton()
        button.setObjectName(name)
        button.setText(text)
        button.setToolTip(tip)
        button.setAccessibleName(tip)
        button.setMinimumWidth(30)
        button.clicked.connect(slot)
        return button

    def _shortcuts(self) -> None:
        keys = [(QKeySequence.StandardKey.ZoomIn, lambda: self.zoom_by(ZOOM_STEP)),
                (QKeySequence("Ctrl+="), lambda: self.zoom_by(ZOOM_STEP)),
                (QKeySequence.StandardKey.ZoomOut, lambda: self.zoom_by(1 / ZOOM_STEP)),
                (QKeySequence("Ctrl+0"), self.fit)]
        for key, slot in keys:
            shortcut = QShortcut(key, self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)

    # -- zoom ------------------------------------------------------------------------

    def set_zoom(self, zoom: float) -> None:
        """Show the plan at ``zoom`` (0: fit it to the window)."""
        if zoom <= 0:
            self.fit()
        else:
            self.fit_mode = False
            self._show_zoom(self.canvas.set_zoom(zoom))

    def zoom_by(self, factor: float, about: QPointF | None = None) -> None:
        """Zoom by ``factor``, keeping the point ``about`` (canvas pixels; default:
        the middle of the view) where it is on the screen."""
        before = self.canvas.zoom
        viewport = self.scroll.viewport()
        if about is None:
            about = QPointF(self.canvas.mapFrom(viewport, viewport.rect().center()))
        on_screen = QPointF(self.canvas.mapTo(viewport, about.toPoint()))
        self.fit_mode = False
        after = self.canvas.set_zoom(before * factor)
        self._show_zoom(after)
        moved = about * (after / before)
        self.scroll.horizontalScrollBar().setValue(int(moved.x() - on_screen.x()))
        self.scroll.verticalScrollBar().setValue(int(moved.y() - on_screen.y()))

    def fit(self) -> None:
        """The whole plan in the view (up to ``FIT_MOST`` times its size); stays
        fitted as the window is resized, until zoomed by hand."""
        self.fit_mode = True
        width, height = self.canvas.plan_size()
        if not width or not height:
            return
        view = self.scroll.viewport().size()
        zoom = min((view.width() - 4) / width, (view.height() - 4) / height, FIT_MOST)
        self._show_zoom(self.canvas.set_zoom(max(zoom, ZOOM_RANGE[0])))

    def _show_zoom(self, zoom: float) -> None:
        self.zoom_label.setText(f"{round(zoom * 100)}%")
        self.zoom_out_button.setEnabled(zoom > ZOOM_RANGE[0])
        self.zoom_in_button.setEnabled(zoom < ZOOM_RANGE[1])

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt's name
        if watched is self.scroll.viewport() and event.type() == QEvent.Type.Resize and self.fit_mode:
            self.fit()
        return super().eventFilter(watched, event)

    def _keep_in_view(self, rect: QRect) -> None:
        self.scroll.ensureVisible(rect.center().x(), rect.center().y(), rect.width() // 2 + 8, rect.height() // 2 + 8)

    # -- the building and the project -------------------------------------------------

    def show_building(self, project: Project, building_id: int) -> None:
        self.set_project(project)
        self.building_id = building_id
        building = project.tables["buildings"][building_id]
        compound = project.tables["compounds"].get(building.compound_id)
        self.title.setText(f"{compound.name if compound else ''} {building.number}".strip())
        self.canvas.show_building(project, building_id)
        if self.fit_mode:
            self.fit()
        else:
            self._show_zoom(self.canvas.zoom)
        self.sheet_button.setEnabled(True)
        self._chosen(())
        self.refresh_highlight()
        self.title_changed.emit(self.title.text())

    def show_sheet(self) -> SheetCanvas | None:
        """The whole compound of the building shown, side by side, in its own window."""
        if self.project is None or self.building_id is None:
            return None
        compound = self.project.tables["buildings"][self.building_id].compound_id
        if compound not in self.project.tables["compounds"]:
            return None
        sheet = SheetCanvas()
        sheet.show_compound(self.project, compound)
        if self.sheet_window is not None:
            self.sheet_window.close()
        window = QScrollArea(self.window())  # a child window: it closes with the program
        window.setWindowFlag(Qt.WindowType.Window)
        window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        window.setObjectName("compoundSheetWindow")
        window.setWindowTitle(self.project.tables["compounds"][compound].name)
        window.setWidget(sheet)
        screen = self.screen().availableGeometry()
        window.resize(min(sheet.width() + 24, screen.width() - 40), min(sheet.height() + 24, screen.height() - 60))
        window.destroyed.connect(lambda: setattr(self, "sheet_window", None) if self.sheet_window is window else None)
        window.show()
        self.sheet_window = window  # kept: one sheet window at a time
        return sheet

    def refresh_highlight(self, *_args) -> None:
        """Ring the households the chosen highlight picks out."""
        mode = self.highlight.currentData()
        for widget, shown in ((self.since, mode == "changed"), (self.since_label, mode == "changed"),
                              (self.days, mode == "unchecked"), (self.days_label, mode == "unchecked")):
            widget.setVisible(shown)
        if self.project is None or self.building_id is None:
            return
        homes = [h for h in self.project.tables["households"].values() if h.building_id == self.building_id]
        if mode == "changed":
            picked = changed_since(self.project, self.since.date().toPython())
        elif mode == "follow_up":
            picked = waiting_for_follow_up(homes)
        elif mode == "unchecked":
            picked = not_checked_for(homes, self.days.value())
        elif mode == "unlinked":
            picked = frozenset(h.id for h in homes) - self.canvas.linked
        else:
            picked = frozenset()
        self.canvas.highlighted = picked & {h.id for h in homes}
        self.canvas.update()

    def set_project(self, project: Project | None) -> None:
        if self.project is project:
            return
        if self.project is not None and self.project.changed.is_connected(self._changed):
            self.project.changed.disconnect(self._changed)
        self.project, self.building_id = project, None
        if project is not None:
            project.changed.connect(self._changed)
        else:
            self.canvas.clear()
            self.editor.project = None
            self.title.clear()
            self.title_changed.emit("")
            if self.sheet_window is not None:
                self.sheet_window.close()
            self.cleared.emit()

    def _changed(self, changes) -> None:
        if self.building_id is None or not any(c.table in PLAN_TABLES for c in changes):
            return
        if self.building_id not in self.project.tables["buildings"]:
            self._building_gone()
        elif self.canvas.layout_ is None:  # back again (a redo): shown afresh
            self.show_building(self.project, self.building_id)
        else:
            self.canvas.show_building(self.project, self.building_id, keep_selection=True)
            if self.fit_mode:
                self.fit()
            self.editor.edit(self.project, self.canvas.selected_households(), keep_pending=True)
            self.refresh_highlight()

    def _building_gone(self) -> None:
        """The building was taken away (an undo, a merge): nothing of it is left
        to choose or edit; the window says so, and a redo brings the plan back."""
        if self.canvas.layout_ is None:
            return
        self.canvas.clear()
        self._chosen(())
        self.sheet_button.setEnabled(False)
        self.title.setText(self.tr("%1 no longer exists: an undo or an edit removed it").replace(
            "%1", self.title.text()))
        self.title_changed.emit(self.title.text())
