"""Edit the households chosen on a plan: one or many at once. A field left as
"—" (the households differ, and nothing was chosen) stays as each has it."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QFormLayout, QLabel, QLineEdit, QPushButton, QSpinBox, QVBoxLayout, QWidget,
)

from gridmap.commands.households import UpdateHouseholds
from gridmap.errors import EditError
from gridmap.model.entities import OCCUPANCIES
from gridmap.plans.dynamic import history

if TYPE_CHECKING:
    from gridmap.project import Project

MIXED = "—"


class HouseholdEditor(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("householdEditor")
        self.project: Project | None = None
        self.household_ids: tuple[int, ...] = ()
        self.heading = QLabel()
        self.occupancy = QComboBox()
        self.people = QSpinBox()
        self.people.setRange(-1, 99)
        self.people.setSpecialValueText(MIXED)  # -1: the households differ
        self.follow_up = QCheckBox(self.tr("Follow up"))
        self.follow_up.setTristate(True)
        self.checked_today = QCheckBox(self.tr("Checked today"))
        self.note = QLineEdit()
        self.tags: dict[str, QCheckBox] = {}
        self.tag_box = QVBoxLayout()  # one tag a line: the editor stays narrow beside the plan
        self.apply_button = QPushButton(self.tr("Apply"))
        self.apply_button.setObjectName("applyHouseholds")
        self.apply_button.clicked.connect(self.apply)
        self.message = QLabel()
        self.history = QLabel()  # the one household's logged changes
        self.history.setObjectName("householdHistory")
        self.history.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("Occupancy"), self.occupancy)
        form.addRow(self.tr("People"), self.people)
        form.addRow(self.tr("Tags"), self.tag_box)
        form.addRow(self.tr("Note"), self.note)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(form)
        layout.addWidget(self.follow_up)
        layout.addWidget(self.checked_today)
        layout.addWidget(self.apply_button)
        layout.addWidget(self.message)
        layout.addWidget(self.history)
        layout.addStretch(1)
        self.setMaximumWidth(260)
        self.setEnabled(False)

    def edit(self, project: "Project", household_ids) -> None:
        """Show the households ``household_ids`` (all fields the same → shown,
        else "—")."""
        self.project = project
        self.household_ids = tuple(sorted(household_ids))
        homes = [project.tables["households"][h] for h in self.household_ids]
        self.setEnabled(bool(homes))
        self.message.clear()
        if not self.tags:
            for tag in sorted(project.tag_defs, key=lambda t: t.position):
                box = QCheckBox(tag.name)
                box.setTristate(True)
                self.tags[tag.name] = box
                self.tag_box.addWidget(box)
        if not homes:
            self.history.clear()
            self.heading.setText(self.tr("Click rooms on the plan (Shift or Ctrl for more)"))
            return
        self.heading.setText(", ".join(h.room for h in homes[:6]) + ("…" if len(homes) > 6 else ""))
        self.occupancy.clear()
        same = {h.occupancy for h in homes}
        self.occupancy.addItems(([MIXED] if len(same) > 1 else []) + list(OCCUPANCIES))
        self.occupancy.setCurrentText(same.pop() if len(same) == 1 else MIXED)
        people = {h.people for h in homes}
        self.people.setValue(people.pop() if len(people) == 1 else -1)
        follow = {h.follow_up for h in homes}
        self.follow_up.setCheckState(Qt.CheckState.PartiallyChecked if len(follow) > 1 else
                                     Qt.CheckState.Checked if follow.pop() else Qt.CheckState.Unchecked)
        self.checked_today.setChecked(False)
        for name, box in self.tags.items():
            having = sum(name in h.tags for h in homes)
            box.setCheckState(Qt.CheckState.Checked if having == len(homes) else
                              Qt.CheckState.Unchecked if having == 0 else Qt.CheckState.PartiallyChecked)
        self.history.setText(_history_text(project, homes[0].id) if len(homes) == 1 else "")
        notes = {h.note for h in homes}
        self.note.setText(notes.pop() if len(notes) == 1 else "")
        self.note.setPlaceholderText(MIXED if len({h.note for h in homes}) > 1 else "")

    def apply(self) -> bool:
        """One undoable edit of everything that was set."""
        if self.project is None or not self.household_ids:
            return False
        values: dict = {}
        if self.occupancy.currentText() != MIXED:
            values["occupancy"] = self.occupancy.currentText()
        if self.people.value() >= 0:
            values["people"] = self.people.value()
        if self.follow_up.checkState() != Qt.CheckState.PartiallyChecked:
            values["follow_up"] = self.follow_up.checkState() == Qt.CheckState.Checked
        if self.checked_today.isChecked():
            values["last_checked"] = dt.date.today()
        if self.note.text() or not self.note.placeholderText():
            values["note"] = self.note.text()
        add = [n for n, b in self.tags.items() if b.checkState() == Qt.CheckState.Checked]
        remove = [n for n, b in self.tags.items() if b.checkState() == Qt.CheckState.Unchecked]
        try:
            return self.project.undo_stack.push(UpdateHouseholds(self.household_ids, values, add, remove))
        except EditError as exc:
            self.message.setText(str(exc))
            return False


FIELD_NAMES = {
    "occupancy": QT_TRANSLATE_NOOP("HouseholdEditor", "Occupancy"),
    "tags": QT_TRANSLATE_NOOP("HouseholdEditor", "Tags"),
    "people": QT_TRANSLATE_NOOP("HouseholdEditor", "People"),
    "last_checked": QT_TRANSLATE_NOOP("HouseholdEditor", "Last checked"),
    "follow_up": QT_TRANSLATE_NOOP("HouseholdEditor", "Follow up"),
    "note": QT_TRANSLATE_NOOP("HouseholdEditor", "Note"),
}


def _history_text(project: "Project", household_id: int, last: int = 8) -> str:
    """The household's latest logged changes, newest first: when, who, field old → new."""
    lines = []
    undone_mark = QCoreApplication.translate("HouseholdEditor", " (undone)")
    for e in reversed(history(project, household_id)[-last:]):
        field = QCoreApplication.translate("HouseholdEditor", FIELD_NAMES[e.field]) if e.field in FIELD_NAMES \
            else e.field
        undone = undone_mark if e.action == "undo" else ""
        lines.append(f"{e.at:%Y-%m-%d %H:%M} {e.who} {field}: {e.old or '—'} → {e.new or '—'}{undone}")
    return "\n".join(lines)
