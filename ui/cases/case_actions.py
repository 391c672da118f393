"""What the Cases dock and the menus ask of cases and visits: report a case,
take a step (asking for a note, and the person for 派发/改派), escalate the
overdue ones, add a photo, record a visit; the link to the map (the layer
draws the cases the dock lists, a click on a case selects it in the dock, the
selected case is ringed). Every edit is one undo step; a refusal is said in a
message, never a traceback."""

from __future__ import annotations

import importlib
import importlib.util
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import shapely
from PySide6.QtCore import QEvent, QObject, QPointF, Qt, Signal
from PySide6.QtGui import QImage, QKeySequence, QPainter, QPen
from PySide6.QtWidgets import QDialog, QFileDialog, QInputDialog

from gridmap.commands.cases import AddCasePhotos, CaseStep, EscalateOverdue, ReportCase
from gridmap.commands.visits import RecordVisit
from gridmap.errors import GridmapError
from gridmap.levels import project_depths
from gridmap.model.entities import CHINA_TIME
from layers.render.cases import hit_case, set_shown
from layers.render.qt import color
from ui.cases.case_dialogs import NewCaseDialog, StepDialog, VisitDialog, household_label, staff_choices
from ui.canvas.tools import PanSelectTool
from ui.context import AppContext
from ui.imports.workbook_files import write_or_explain
from ui.new_action import new_action
from ui.output_saved import output_folder, show_saved
from ui.reason_text import reason_text

if TYPE_CHECKING:
    from layers.model import LayerSet
    from layers.view import MapView
    from ui.cases.cases_panel import CasesPanel

CLICK_SLOP = 4  # pixels a press may move and still be a click
HIT_PIXELS = 7
PHOTO_FILTER = "*.jpg *.jpeg *.png"


def ask(dialog: QDialog) -> bool:
    """Show ``dialog`` and say whether it was accepted (tests put a hand that fills it here)."""
    return dialog.exec() == QDialog.DialogCode.Accepted


class CaseMarker(QObject):
    """The selected case, ringed over the map (an overlay of the canvas)."""

    changed = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.point: tuple[float, float] | None = None

    def set_point(self, point: tuple[float, float] | None) -> None:
        if point != self.point:
            self.point = point
            self.changed.emit()

    def paint(self, painter: QPainter, view: MapView) -> None:
        if self.point is None:
            return
        (x, y), = view.to_pixels(np.array([self.point]))
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setPen(QPen(color("#00a2ff"), 3.0))
        painter.drawEllipse(QPointF(x, y), 11, 11)
        painter.restore()


class CaseActions(QObject):
    def __init__(self, ctx: AppContext, panel: CasesPanel, layers: LayerSet) -> None:
        super().__init__(ctx.dialog_parent)
        self.ctx, self.panel, self.layers = ctx, panel, layers
        self.ask = ask
        self.clicked_point: tuple[float, float] | None = None  # the last point clicked on the map
        self._press: tuple[float, float] | None = None
        parent = ctx.dialog_parent
        self.new_case = new_action(parent, self.tr("New &Case…"), QKeySequence("Ctrl+Shift+N"), self.report,
                                   "actionNewCase")
        self.new_case.setStatusTip(self.tr("Report a case at the selected building or household, or at the point "
                                           "last clicked on the map"))
        self.record_visit = new_action(parent, self.tr("Record &Visit…"), None, self.visit, "actionRecordVisit")
        self.escalate = new_action(parent, self.tr("&Escalate Overdue Cases"), None, self.escalate_overdue,
                                   "actionEscalateOverdue")
        self.marker = CaseMarker(self)
        ctx.canvas.add_overlay(self.marker)
        ctx.canvas.installEventFilter(self)
        ctx.current.changed.connect(self._follow)
        panel.new_requested.connect(self.report)
        panel.visit_requested.connect(self.visit)
        panel.escalate_requested.connect(self.escalate_overdue)
        panel.step_requested.connect(self.step)
        panel.photo_requested.connect(self.add_photo)
        panel.slip_requested.connect(self.print_slip)
        panel.report_requested.connect(self.monthly_report)
        panel.shown_changed.connect(self._show_on_map)
        panel.case_chosen.connect(self._chosen)
        panel.density_toggled.connect(lambda on: layers.set_visible("case_density", on))
        layers.changed.connect(self._layers_changed)
        self._layers_changed()

    @property
    def project(self):
        return self.ctx.project

    def _follow(self, project) -> None:
        editable = project is not None and not project.read_only
        for action in (self.new_case, self.record_visit, self.escalate):
            action.setEnabled(editable)
        self.clicked_point = None
        self.marker.set_point(None)

    def push(self, command) -> bool:
        """One undo step; a refusal is told in a message box and the status bar."""
        if self.project is None:
            return False
        try:
            return bool(self.project.undo_stack.push(command))
        except GridmapError as error:
            text = reason_text(error)
            self.ctx.messages.status(self.tr("Not done: %1").replace("%1", text), 10000)
            self.ctx.messages.warn(self.tr("Cases"), text)
            return False

    # -- cases --------------------------------------------------------------------------------

    def places(self) -> list[tuple[str, dict]]:
        """Where a new case can be: the selected household or building, the point last clicked."""
        project, item, out = self.project, self.ctx.selection.item, []
        if item is not None and item.kind == "household" and item.id in project.tables["households"]:
            out.append((self.tr("Household %1").replace("%1", household_label(project, item.id)),
                        {"household_id": item.id}))
            item = None
            building = project.tables["buildings"].get(project.tables["households"][out[0][1]["household_id"]]
                                                       .building_id)
            if building is not None:
                out.append((self.tr("Building %1").replace("%1", building.number), {"building_id": building.id}))
        if item is not None and item.kind == "building" and item.id in project.tables["buildings"]:
            out.append((self.tr("Building %1").replace("%1", project.tables["buildings"][item.id].number),
                        {"building_id": item.id}))
        if self.clicked_point is not None:
            x, y = self.clicked_point
            out.append((self.tr("The point clicked on the map (%1, %2)").replace("%1", f"{x:,.0f}")
                        .replace("%2", f"{y:,.0f}"), {"point": shapely.Point(x, y)}))
        return out

    def report(self) -> int | None:
        """Report a new case; the id of the case, or None if not done."""
        if self.project is None or self.project.read_only:
            return None
        dialog = NewCaseDialog(self.project, self.places(), self.ctx.dialog_parent)
        if not self.ask(dialog):
            return None
        try:
            command = ReportCase(**dialog.values())
        except GridmapError as error:  # a bad phone or source: refused before the stack
            self.ctx.messages.warn(self.tr("Cases"), reason_text(error))
            return None
        if not self.push(command):
            return None
        self.panel.select_case(command.case_id)
        return command.case_id

    def step(self, case_id: int, action: str) -> bool:
        """One step of the loop on a case, asking for a note (and the person for 派发/改派)."""
        case = self.project.tables["cases"].get(case_id) if self.project is not None else None
        if case is None:
            return False
        people = staff_choices(self.project, case.zone_id)
        if case.assignee_id is not None and case.assignee_id not in {p for p, _ in people} \
                and case.assignee_id in self.project.tables["staff"]:
            people.insert(0, (case.assignee_id, self.project.tables["staff"][case.assignee_id].name))
        dialog = StepDialog(case, action, people, self.ctx.dialog_parent)
        if not self.ask(dialog):
            return False
        return self.push(CaseStep(case_id, action, dialog.note.text().strip(), dialog.assignee_id))

    def escalate_overdue(self) -> bool:
        return self.push(EscalateOverdue())

    def add_photo(self, case_id: int, path: str | None = None) -> bool:
        """A photo from a file (JPEG or PNG), kept in the project."""
        if path is None:
            path, _ = QFileDialog.getOpenFileName(self.ctx.dialog_parent, self.tr("Add Photo"),
                                                  self.ctx.settings.last_folder,
                                                  self.tr("Photos (%1)").replace("%1", PHOTO_FILTER))
        if not path:
            return False
        try:
            data = Path(path).read_bytes()
        except OSError as error:
            self.ctx.messages.warn(self.tr("Add Photo"), self.tr("Cannot read %1: %2").replace("%1", path)
                                   .replace("%2", error.strerror or str(error)))
            return False
        if QImage.fromData(data).isNull():
            self.ctx.messages.warn(self.tr("Add Photo"), self.tr("%1 is not a JPEG or PNG photo.")
                                   .replace("%1", Path(path).name))
            return False
        return self.push(AddCasePhotos(case_id, [(Path(path).name, data)]))

    def _pdf_path(self, title: str, name: str) -> str | None:
        path, _ = QFileDialog.getSaveFileName(self.ctx.dialog_parent, title, str(output_folder(self.ctx.settings)
                                                                                   / name), self.tr("PDF (*.pdf)"))
        if path and not path.lower().endswith(".pdf"):
            path += ".pdf"
        return path or None

    def _write_pdf(self, path: str, write) -> Path | None:
        """``write()`` (whole or not at all), then say where the file is."""
        written = write_or_explain(self.ctx.dialog_parent, path, write)
        if written is None:
            return None
        show_saved(self.ctx.dialog_parent, self.ctx.settings, [path])
        return Path(path)

    def print_slip(self, case_id: int, path: str | None = None) -> Path | None:
        """The dispatch slip (派单) of a case as a PDF (internal: it names the reporter)."""
        from ui.printing.case_slip import write_case_slip

        case = self.project.tables["cases"].get(case_id) if self.project is not None else None
        if case is None:
            return None
        path = path or self._pdf_path(self.tr("Print Dispatch Slip"), f"派单_{case.number}.pdf")
        return self._write_pdf(path, lambda: write_case_slip(self.project, case_id, path)) if path else None

    def report_zone(self) -> int | None:
        """The zone a monthly report is for: the selected zone (a building's grid), else the first community."""
        project, item = self.project, self.ctx.selection.item
        zones = project.tables["zones"]
        if item is not None and item.kind == "building" and item.id in project.tables["buildings"]:
            return project.tables["buildings"][item.id].zone_id
        if item is not None and item.kind == "zone" and item.id in zones:
            return item.id
        communities = sorted(project.zones_at(project_depths(project).community), key=lambda z: (z.code, z.id))
        return communities[0].id if communities else None

    def monthly_report(self, month: str | None = None, path: str | None = None) -> Path | None:
        """The monthly case report (PDF) of the selected grid or community, for a month asked for."""
        from ui.printing.case_report import write_monthly_report

        project = self.project
        zone_id = self.report_zone() if project is not None else None
        if zone_id is None:
            return None
        if month is None:
            months = sorted({c.reported_at.astimezone(CHINA_TIME).strftime("%Y-%m")
                             for c in project.tables["cases"].values()}, reverse=True)
            if not months:
                self.ctx.messages.inform(self.tr("Monthly Report"), self.tr("The project holds no case yet."))
                return None
            month, ok = QInputDialog.getItem(self.ctx.dialog_parent, self.tr("Monthly Report"),
                                             self.tr("Month of %1:").replace("%1",
                                                                           project.tables["zones"][zone_id].name),
                                             months, 0, False)
            if not ok:
                return None
        name = f"案件月报_{project.tables['zones'][zone_id].name}_{month}.pdf"
        path = path or self._pdf_path(self.tr("Monthly Report"), name)
        return self._write_pdf(path, lambda: write_monthly_report(project, zone_id, month, path)) if path else None

    # -- visits -------------------------------------------------------------------------------

    def visit(self) -> bool:
        """Record a visit to households of the selected building (or household's building)."""
        project = self.project
        if project is None or project.read_only:
            return False
        item, ticked = self.ctx.selection.item, set()
        building_id = None
        if item is not None and item.kind == "household" and item.id in project.tables["households"]:
            building_id, ticked = project.tables["households"][item.id].building_id, {item.id}
        elif item is not None and item.kind == "building" and item.id in project.tables["buildings"]:
            building_id = item.id
        if building_id is None:
            self.ctx.messages.inform(self.tr("Record Visit"), self.tr("Select the building visited (on the map or "
                                                                      "in the tree) first."))
            return False
        building = project.tables["buildings"][building_id]
        homes = sorted((h for h in project.tables["households"].values() if h.building_id == building_id),
                       key=lambda h: (h.unit_id or 0, h.floor, h.room, h.id))
        people = staff_choices(project, building.zone_id) or [
            (s.id, s.name) for s in sorted(project.tables["staff"].values(), key=lambda s: s.id)]
        today = project.clock().astimezone(CHINA_TIME).date()
        dialog = VisitDialog(people, [(h.id, household_label(project, h.id)) for h in homes], today,
                             self.ctx.dialog_parent, staff_id=self.panel.person.currentData())
        dialog.set_ticked(ticked)
        if not self.ask(dialog):
            return False
        try:
            command = RecordVisit(**dialog.values())
        except GridmapError as error:
            self.ctx.messages.warn(self.tr("Record Visit"), reason_text(error))
            return False
        return self.push(command)

    # -- the map ------------------------------------------------------------------------------

    def _show_on_map(self, ids: list[int]) -> None:
        scene = self.ctx.canvas.scene
        if scene is not None and self.project is not None and scene.project is self.project:
            set_shown(scene, ids, self.project.clock())
            self.ctx.canvas.refresh()
        self._chosen(self.panel.case_id)

    def _chosen(self, case_id: int | None) -> None:
        case = self.project.tables["cases"].get(case_id) if self.project is not None and case_id is not None \
            else None
        geometry = case.geometry if case is not None else None
        point = None if geometry is None or geometry.is_empty else (geometry.x, geometry.y)
        self.marker.set_point(point)
        if point is not None and self.ctx.canvas.scene is not None:
            minx, miny, maxx, maxy = self.ctx.canvas.view.extent
            if not (minx <= point[0] <= maxx and miny <= point[1] <= maxy):
                self.ctx.canvas.zoom_to((point[0], point[1], point[0], point[1]), min_span=300.0)

    def _layers_changed(self) -> None:
        density = self.layers.get("case_density").visible if "case_density" in self.layers.kinds() else False
        if self.panel.density.isChecked() != density:
            self.panel.density.blockSignals(True)
            self.panel.density.setChecked(density)
            self.panel.density.blockSignals(False)

    def case_at(self, x: float, y: float) -> int | None:
        """The shown case at map point (x, y) (the cases layer on), else None."""
        scene = self.ctx.canvas.scene
        if scene is None or "cases" not in self.layers.kinds() or not self.layers.get("cases").visible:
            return None
        return hit_case(scene, x, y, HIT_PIXELS * self.ctx.canvas.view.resolution)

    def map_clicked(self, x: float, y: float) -> int | None:
        """A click at map point (x, y) with the select tool: remembered as a place for a
        new case; a case there is selected in the dock."""
        self.clicked_point = (x, y)
        case_id = self.case_at(x, y)
        if case_id is not None:
            self.panel.select_case(case_id)
            dock = self.panel.parentWidget()
            if dock is not None and hasattr(dock, "raise_"):
                dock.show()
                dock.raise_()
        return case_id

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt's name
        """Clicks on the map (press and release in one place, the select tool active)."""
        kind = event.type()
        if kind == QEvent.Type.MouseButtonPress and event.button() == Qt.MouseButton.LeftButton:
            self._press = (event.position().x(), event.position().y())
        elif kind == QEvent.Type.MouseButtonRelease and event.button() == Qt.MouseButton.LeftButton \
                and self._press is not None:
            px, py = event.position().x(), event.position().y()
            start, self._press = self._press, None
            canvas = self.ctx.canvas
            if abs(px - start[0]) + abs(py - start[1]) <= CLICK_SLOP and type(canvas.tool) is PanSelectTool \
                    and canvas.scene is not None:
                self.map_clicked(*canvas.view.to_map(px, py))
        return False


def optional_module(name: str):
    """A module another part of the program may not have yet (None then)."""
    try:
        if importlib.util.find_spec(name) is None:
            return None
    except ModuleNotFoundError:
        return None
    return importlib.import_module(name)
