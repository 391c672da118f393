"""The Cases dock's dialogs: a new case (category, source, urgency, reporter,
phone, description, place), one step of a case (a note, and for 派发/改派 the
person it goes to) and a visit (who, when, which households, what was found)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QComboBox, QDateEdit, QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QListWidget, QListWidgetItem,
    QPlainTextEdit, QWidget,
)

from gridmap.cases import workflow
from gridmap.cases.settings import CaseSettings
from gridmap.model.entities import CASE_SOURCES, CASE_URGENCIES
from gridmap.workbooks import values
from gridmap.zone_tree import ZoneTree

if TYPE_CHECKING:
    from gridmap.model.entities import Case
    from gridmap.project import Project


def staff_choices(project: Project, zone_id: int | None) -> list[tuple[int, str]]:
    """(staff id, "name（role, place）") of the people posted at ``zone_id`` and the zones
    above it (the grid's, then the community's), each once, nearest first."""
    zones, staff = project.tables["zones"], project.tables["staff"]
    ancestors = ZoneTree(zones).ancestors(zone_id)
    posts = [a for a in project.tables["assignments"].values() if a.target_kind == "zone" and a.target_id in ancestors]
    posts.sort(key=lambda a: (ancestors.index(a.target_id), a.id))
    out, seen = [], set()
    for post in posts:
        person = staff.get(post.staff_id)
        if person is not None and person.id not in seen:
            seen.add(person.id)
            out.append((person.id, f"{person.name}（{post.role}，{zones[post.target_id].name}）"))
    return out


def household_label(project: Project, household_id: int) -> str:
    """"1号楼 2单元 301" as the colour plan names a household."""
    home = project.tables["households"][household_id]
    building = project.tables["buildings"].get(home.building_id)
    unit = project.tables["units"].get(home.unit_id) if home.unit_id is not None else None
    parts = [building.number if building is not None else "", f"{unit.number}单元" if unit else "", home.room]
    return " ".join(p for p in parts if p)


def _form_dialog(dialog: QDialog) -> tuple[QFormLayout, QLabel]:
    form = QFormLayout(dialog)
    error = QLabel()
    error.setObjectName("caseDialogError")
    error.setStyleSheet("color: #c00000")
    error.setWordWrap(True)
    return form, error


def _buttons(dialog: QDialog, form: QFormLayout, error: QLabel) -> None:
    form.addRow(error)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    form.addRow(buttons)


class NewCaseDialog(QDialog):
    """A new case at one of ``places``: (label, ReportCase place keywords)."""

    def __init__(self, project: Project, places: list[tuple[str, dict]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("newCaseDialog")
        self.setWindowTitle(self.tr("New Case"))
        self.category = QComboBox()
        self.category.setObjectName("caseCategory")
        self.category.addItems(CaseSettings.from_meta(project.meta).category_names)
        self.source = QComboBox()
        self.source.setObjectName("caseSource")
        self.source.addItems(list(CASE_SOURCES))
        self.urgency = QComboBox()
        self.urgency.setObjectName("caseUrgency")
        self.urgency.addItems(list(CASE_URGENCIES))
        self.reporter = QLineEdit()
        self.reporter.setObjectName("caseReporter")
        self.phone = QLineEdit()
        self.phone.setObjectName("casePhone")
        self.phone.setPlaceholderText("13812345678 / 0371-61234567")
        self.description = QPlainTextEdit()
        self.description.setObjectName("caseDescription")
        self.description.setFixedHeight(70)
        self.place = QComboBox()
        self.place.setObjectName("casePlace")
        for label, place in places:
            self.place.addItem(label, place)
        self.address = QLineEdit()
        self.address.setObjectName("caseAddress")
        self.address.setPlaceholderText(self.tr("As reported, e.g. 新华街 5-2-301"))
        form, self.error = _form_dialog(self)
        form.addRow(self.tr("Category"), self.category)
        form.addRow(self.tr("Source"), self.source)
        form.addRow(self.tr("Urgency"), self.urgency)
        form.addRow(self.tr("Reporter"), self.reporter)
        form.addRow(self.tr("Phone"), self.phone)
        form.addRow(self.tr("Description"), self.description)
        form.addRow(self.tr("Place"), self.place)
        form.addRow(self.tr("Address"), self.address)
        if not places:
            self.error.setText(self.tr("Select a building or a household, or click a point on the map, "
                                       "before reporting a case there."))
        _buttons(self, form, self.error)

    def values(self) -> dict:
        """ReportCase's keywords."""
        return {"category": self.category.currentText(), "source": self.source.currentText(),
                "urgency": self.urgency.currentText(), "reporter": self.reporter.text().strip(),
                "reporter_phone": self.phone.text().strip(), "description": self.description.toPlainText().strip(),
                "address": self.address.text().strip(), **(self.place.currentData() or {})}

    def accept(self) -> None:
        """Refuse what can be corrected here: no place, no description, a malformed phone."""
        fields = self.values()
        if self.place.currentData() is None:
            self.error.setText(self.tr("The case needs a place: select a building or a household, or click a "
                                       "point on the map."))
            return
        if not fields["description"]:
            self.error.setText(self.tr("Say what the case is about."))
            return
        if fields["reporter_phone"]:
            try:
                values.phone(fields["reporter_phone"])
            except ValueError:
                self.error.setText(self.tr("%1 is neither an 11-digit mobile nor a landline with its area code "
                                           "(0371-61234567).").replace("%1", fields["reporter_phone"]))
                return
        super().accept()


class StepDialog(QDialog):
    """A note for one step of a case; 派发 and 改派 pick the person too."""

    def __init__(self, case: Case, action: str, people: list[tuple[int, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("caseStepDialog")
        self.setWindowTitle(self.tr("%1: case %2").replace("%1", action).replace("%2", case.number))
        self.action = action
        self.person = QComboBox()
        self.person.setObjectName("casePerson")
        for staff_id, label in people:
            self.person.addItem(label, staff_id)
        if case.assignee_id is not None:
            self.person.setCurrentIndex(max(0, self.person.findData(case.assignee_id)))
        self.note = QLineEdit()
        self.note.setObjectName("caseNote")
        form, self.error = _form_dialog(self)
        form.addRow(self.tr("Case"), QLabel(f"{case.number}  {case.category}  {case.status}"))
        if action in workflow.NEEDS_ASSIGNEE:
            form.addRow(self.tr("To"), self.person)
            if not people:
                self.error.setText(self.tr("Nobody holds a post at this case's grid or community."))
        form.addRow(self.tr("Note"), self.note)
        _buttons(self, form, self.error)

    @property
    def assignee_id(self) -> int | None:
        return self.person.currentData() if self.action in workflow.NEEDS_ASSIGNEE else None

    def accept(self) -> None:
        if self.action in workflow.NEEDS_ASSIGNEE and self.assignee_id is None:
            self.error.setText(self.tr("Choose the person the case goes to."))
            return
        super().accept()


class VisitDialog(QDialog):
    """A visit: who, on which day, which of ``households`` (ticked), what was found."""

    def __init__(self, people: list[tuple[int, str]], households: list[tuple[int, str]], today: dt.date,
                 parent: QWidget | None = None, staff_id: int | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("visitDialog")
        self.setWindowTitle(self.tr("Record Visit"))
        self.person = QComboBox()
        self.person.setObjectName("visitPerson")
        for person_id, label in people:
            self.person.addItem(label, person_id)
        if staff_id is not None:
            self.person.setCurrentIndex(max(0, self.person.findData(staff_id)))
        self.day = QDateEdit(QDate(today.year, today.month, today.day))
        self.day.setObjectName("visitDate")
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("yyyy-MM-dd")
        self.day.setMaximumDate(QDate(today.year, today.month, today.day))
        self.households = QListWidget()
        self.households.setObjectName("visitHouseholds")
        for household_id, label in households:
            item = QListWidgetItem(label)
            item.setData(Qt.ItemDataRole.UserRole, household_id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.households.addItem(item)
        self.households.setMinimumHeight(140)
        self.found = QLineEdit()
        self.found.setObjectName("visitFound")
        self.found.setPlaceholderText(self.tr("What was found, e.g. 正常"))
        self.note = QLineEdit()
        self.note.setObjectName("visitNote")
        form, self.error = _form_dialog(self)
        form.addRow(self.tr("Staff member"), self.person)
        form.addRow(self.tr("Date"), self.day)
        form.addRow(self.tr("Households"), self.households)
        form.addRow(self.tr("Findings"), self.found)
        form.addRow(self.tr("Note"), self.note)
        _buttons(self, form, self.error)

    def set_ticked(self, household_ids: set[int]) -> None:
        for row in range(self.households.count()):
            item = self.households.item(row)
            checked = item.data(Qt.ItemDataRole.UserRole) in household_ids
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)

    def values(self) -> dict:
        """RecordVisit's arguments."""
        found = self.found.text().strip() or "正常"
        ticked = [self.households.item(r).data(Qt.ItemDataRole.UserRole) for r in range(self.households.count())
                  if self.households.item(r).checkState() == Qt.CheckState.Checked]
        return {"staff_id": self.person.currentData(), "visited_on": self.day.date().toPython(),
                "households": [(h, found) for h in ticked], "note": self.note.text().strip()}

    def accept(self) -> None:
        fields = self.values()
        if fields["staff_id"] is None:
            self.error.setText(self.tr("Choose who visited."))
            return
        if not fields["households"]:
            self.error.setText(self.tr("Tick the households visited."))
            return
        super().accept()
