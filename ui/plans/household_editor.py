"""Edit the households chosen on a plan: one or many at once. A field left as
"—" (the households differ, and nothing was chosen) stays as each has it.

Tags act at once: one click on a tag sets it on every chosen household (a box
half-checked because some have it becomes checked), the next click clears it
from all, each click one undo step. The other fields wait for Apply; an edit
made meanwhile (a tag, an undo) does not throw away what was typed."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from contextlib import ExitStack
from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QSignalBlocker, Qt
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QFormLayout, QLabel, QLineEdit, QPushButton, QSpinBox, QVBoxLayout, QWidget,
)

from gridmap.commands.households import EditHouseholds
from gridmap.errors import EditError, ProjectWriteError
from gridmap.model.entities import OCCUPANCIES
from gridmap.model.validation import clean_text
from gridmap.plans.dynamic import history
from gridmap.staffing.party import room_label
from gridmap.workbooks.values import masked_phone
from ui.file_messages import write_problem_text
from ui.reason_text import reason_text

if TYPE_CHECKING:
    from gridmap.project import Project

MIXED = "—"


class TagBox(QCheckBox):
    """A tag's box: shown half-checked when only some chosen households have the
    tag, but a click always goes to checked (all) or from checked to clear (none)."""

    def nextCheckState(self) -> None:  # noqa: N802 - Qt's name
        self.setCheckState(Qt.CheckState.Unchecked if self.checkState() == Qt.CheckState.Checked
                           else Qt.CheckState.Checked)


class HouseholdEditor(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("householdEditor")
        self.project: Project | None = None
        self.household_ids: tuple[int, ...] = ()
        self.pending: set[str] = set()  # fields changed here and not applied yet
        self.heading = QLabel()
        self.heading.setObjectName("householdHeading")
        self.heading.setTextFormat(Qt.TextFormat.PlainText)  # room numbers from a roster are never markup
        self.heading.setWordWrap(True)
        self.heading.setStyleSheet("font-weight: bold;")
        self.hint = QLabel(self.tr("Click a room to choose it; Shift+click chooses the rectangle from the last "
                                   "room, Ctrl+click adds or removes one, dragging chooses a rectangle; arrows "
                                   "move, Shift+arrows extend, Ctrl+A takes every room."))
        self.hint.setObjectName("planHint")
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("color: #555555;")
        self.occupancy = QComboBox()
        self.occupancy.setObjectName("householdOccupancy")
        self.occupancy.setToolTip(self.tr("Who lives there: 常住, 租户, 空户 or 在外 (— leaves each as it is)"))
        self.people = QSpinBox()
        self.people.setObjectName("householdPeople")
        self.people.setRange(-1, 99)
        self.people.setSpecialValueText(MIXED)  # -1: the households differ
        self.people.setToolTip(self.tr("People living in the household (— leaves each as it is)"))
        self.party = QLabel()  # 党员联户: who looks after the chosen households
        self.party.setObjectName("householdPartyMember")
        self.party.setTextFormat(Qt.TextFormat.PlainText)  # a name is never markup
        self.party.setWordWrap(True)
        self.party.setToolTip(self.tr("The party member who looks after the household (党员联户)"))
        self.follow_up = QCheckBox(self.tr("Follow up"))
        self.follow_up.setTristate(True)
        self.follow_up.setToolTip(self.tr("The household waits for a follow-up visit"))
        self.checked_today = QCheckBox(self.tr("Checked today"))
        self.checked_today.setToolTip(self.tr("Record today's visit as the last check"))
        self.note = QLineEdit()
        self.note.setObjectName("householdNote")
        self.note.setToolTip(self.tr("A note on the household, for the staff only"))
        self.tags: dict[str, QCheckBox] = {}
        self.tag_box = QVBoxLayout()  # one tag a line: the editor stays narrow beside the plan
        self.tags_hint = QLabel(self.tr("A click on a tag sets it on every chosen room; a second click clears it."))
        self.tags_hint.setWordWrap(True)
        self.tags_hint.setStyleSheet("color: #555555;")
        self.tag_box.addWidget(self.tags_hint)
        self.apply_button = QPushButton(self.tr("Apply"))
        self.apply_button.setObjectName("applyHouseholds")
        self.apply_button.setToolTip(self.tr("Save occupancy, people, follow-up, visit and note for the chosen "
                                             "rooms, as one step that Undo takes back"))
        self.apply_button.clicked.connect(self.apply)
        self.read_only_note = QLabel(self.tr("The project is open read-only: the households can be looked at, "
                                             "not changed."))
        self.read_only_note.setObjectName("householdReadOnly")
        self.read_only_note.setWordWrap(True)
        self.read_only_note.hide()
        self.message = QLabel()
        self.message.setObjectName("householdMessage")
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #c00000;")
        self.history = QLabel()  # the one household's logged changes
        self.history.setObjectName("householdHistory")
        self.history.setTextFormat(Qt.TextFormat.PlainText)  # old and new notes, as typed
        self.history.setWordWrap(True)
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.addRow(self.tr("Occupancy"), self.occupancy)
        form.addRow(self.tr("People"), self.people)
        form.addRow(self.tr("Party member"), self.party)
        form.addRow(self.tr("Tags"), self.tag_box)
        form.addRow(self.tr("Note"), self.note)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.read_only_note)
        layout.addWidget(self.hint)
        layout.addLayout(form)
        layout.addWidget(self.follow_up)
        layout.addWidget(self.checked_today)
        layout.addWidget(self.apply_button)
        layout.addWidget(self.message)
        layout.addWidget(self.history)
        layout.addStretch(1)
        self.occupancy.currentIndexChanged.connect(lambda: self.pending.add("occupancy"))
        self.people.valueChanged.connect(lambda: self.pending.add("people"))
        self.follow_up.stateChanged.connect(lambda: self.pending.add("follow_up"))
        self.checked_today.stateChanged.connect(lambda: self.pending.add("last_checked"))
        self.note.textChanged.connect(lambda: self.pending.add("note"))
        self._set_enabled(False)

    def _fields(self) -> tuple[QWidget, ...]:
        """The fields that wait for Apply."""
        return self.occupancy, self.people, self.follow_up, self.checked_today, self.note

    def _quietly(self) -> ExitStack:
        """The fields' signals blocked: filling them is not a change to apply."""
        stack = ExitStack()
        for widget in self._fields():
            stack.enter_context(QSignalBlocker(widget))
        return stack

    def _set_enabled(self, enabled: bool) -> None:
        """Everything but the hint, which says how to choose rooms."""
        for widget in (*self._fields(), self.apply_button, *self.tags.values()):
            widget.setEnabled(enabled)

    def edit(self, project: Project, household_ids, keep_pending: bool = False) -> None:
        """Show the households ``household_ids`` (all fields the same → shown,
        else "—"). ``keep_pending``: the same households after an edit, keep what
        was changed here and not applied yet."""
        households = project.tables["households"]
        ids = tuple(sorted(h for h in household_ids if h in households))  # an undo may have taken some away
        if not (keep_pending and ids == self.household_ids and project is self.project):
            self.pending.clear()
        self.project, self.household_ids = project, ids
        homes = [households[h] for h in ids]
        self.message.clear()
        self.read_only_note.setVisible(project.read_only)
        if not self.tags:
            for tag in sorted(project.tag_defs, key=lambda t: t.position):
                box = TagBox(tag.name)
                box.setTristate(True)
                box.setToolTip(self.tr("Set or clear %1 on every chosen room (one undoable step)")
                               .replace("%1", tag.name))
                box.clicked.connect(lambda _checked=False, name=tag.name: self.set_tag(name))
                self.tags[tag.name] = box
                self.tag_box.addWidget(box)
        self._set_enabled(bool(homes) and not project.read_only)
        if not homes:
            self.history.clear()
            self.party.clear()
            self.heading.setText(self.tr("No room chosen"))
            self._blank()
            return
        rooms = "、".join(room_label(project, h.id) for h in homes[:12]) + ("…" if len(homes) > 12 else "")
        self.heading.setText(rooms if len(homes) == 1 else
                             self.tr("%1 rooms: %2").replace("%1", str(len(homes))).replace("%2", rooms))
        with self._quietly():
            self._load_fields(homes)
        for name, box in self.tags.items():
            having = sum(name in h.tags for h in homes)
            box.setCheckState(Qt.CheckState.Checked if having == len(homes) else
                              Qt.CheckState.Unchecked if having == 0 else Qt.CheckState.PartiallyChecked)
        self.party.setText(_party_text(project, ids))
        self.history.setText(_history_text(project, homes[0].id) if len(homes) == 1 else "")

    def _blank(self) -> None:
        """No room chosen: no field shows the values of rooms chosen before."""
        with self._quietly():
            self.occupancy.clear()
            self.people.setValue(-1)
            self.follow_up.setCheckState(Qt.CheckState.Unchecked)
            self.checked_today.setChecked(False)
            self.note.clear()
        for box in self.tags.values():
            box.setCheckState(Qt.CheckState.Unchecked)

    def _load_fields(self, homes) -> None:
        """The fields from the households, but those changed here and not applied."""
        if "occupancy" not in self.pending:
            self.occupancy.clear()
            same = {h.occupancy for h in homes}
            self.occupancy.addItems(([MIXED] if len(same) > 1 else []) + list(OCCUPANCIES))
            self.occupancy.setCurrentText(same.pop() if len(same) == 1 else MIXED)
        if "people" not in self.pending:
            people = {h.people for h in homes}
            self.people.setValue(people.pop() if len(people) == 1 else -1)
        if "follow_up" not in self.pending:
            follow = {h.follow_up for h in homes}
            self.follow_up.setCheckState(Qt.CheckState.PartiallyChecked if len(follow) > 1 else
                                         Qt.CheckState.Checked if follow.pop() else Qt.CheckState.Unchecked)
        if "last_checked" not in self.pending:
            self.checked_today.setChecked(False)
        if "note" not in self.pending:
            notes = {h.note for h in homes}
            self.note.setText(notes.pop() if len(notes) == 1 else "")
            self.note.setPlaceholderText(MIXED if len({h.note for h in homes}) > 1 else "")

    def set_tag(self, name: str) -> bool:
        """The tag's box was clicked: set it on all chosen households or clear it
        from all, as the box now says; one undoable step."""
        if self.project is None or not self.household_ids:
            return False
        on = self.tags[name].checkState() == Qt.CheckState.Checked
        return self._push(EditHouseholds(self.household_ids, add_tags=[name] if on else [],
                                         remove_tags=[] if on else [name]))

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
            values["note"] = clean_text(self.note.text(), note=True)  # a pasted control character is dropped
        add = [n for n, b in self.tags.items() if b.checkState() == Qt.CheckState.Checked]
        remove = [n for n, b in self.tags.items() if b.checkState() == Qt.CheckState.Unchecked]
        try:
            command = EditHouseholds(self.household_ids, add_tags=add, remove_tags=remove, **values)
        except EditError as exc:
            self.message.setText(reason_text(exc))
            return False
        done = self._push(command)
        if done:
            self.edit(self.project, self.household_ids)  # applied: nothing pending, "checked today" unticked
        return done

    def _push(self, command) -> bool:
        """Do ``command``; refused, show the households as they still are (a tag's
        box goes back to what they have; what was typed stays) and say why."""
        try:
            return self.project.undo_stack.push(command)
        except EditError as exc:
            self.edit(self.project, self.household_ids, keep_pending=True)
            self.message.setText(write_problem_text(exc) if isinstance(exc, ProjectWriteError) else reason_text(exc))
            return False


def _party_text(project: Project, household_ids) -> str:
    """Who looks after the households (党员联户): "张三 138****5678", or for many
    "张三 3 户、李四 1 户；未联户 2 户"."""
    staff = project.tables["staff"]
    member_of = {link.household_id: link.staff_id for link in project.tables["party_links"].values()
                 if link.staff_id in staff}
    chosen = set(household_ids)
    counts = Counter(member_of.get(h) for h in chosen)
    none = counts.pop(None, 0)
    if len(chosen) == 1:
        if not counts:
            return QCoreApplication.translate("HouseholdEditor", "None linked")
        person = staff[next(iter(counts))]
        return f"{person.name} {masked_phone(person.phone)}".strip()
    parts = [QCoreApplication.translate("HouseholdEditor", "%1: %2 households").replace("%1", staff[s].name)
             .replace("%2", str(n)) for s, n in counts.most_common()]
    if none:
        parts.append(QCoreApplication.translate("HouseholdEditor", "none linked: %1 households")
                     .replace("%1", str(none)))
    return "；".join(parts)


FIELD_NAMES = {
    "occupancy": QT_TRANSLATE_NOOP("HouseholdEditor", "Occupancy"),
    "tags": QT_TRANSLATE_NOOP("HouseholdEditor", "Tags"),
    "people": QT_TRANSLATE_NOOP("HouseholdEditor", "People"),
    "last_checked": QT_TRANSLATE_NOOP("HouseholdEditor", "Last checked"),
    "follow_up": QT_TRANSLATE_NOOP("HouseholdEditor", "Follow up"),
    "note": QT_TRANSLATE_NOOP("HouseholdEditor", "Note"),
}


def _history_text(project: Project, household_id: int, last: int = 8) -> str:
    """The household's latest logged changes, newest first: when, who, field old → new."""
    lines = []
    undone_mark = QCoreApplication.translate("HouseholdEditor", " (undone)")
    for e in reversed(history(project, household_id)[-last:]):
        field = QCoreApplication.translate("HouseholdEditor", FIELD_NAMES[e.field]) if e.field in FIELD_NAMES \
            else e.field
        undone = undone_mark if e.action == "undo" else ""
        lines.append(f"{e.at:%Y-%m-%d %H:%M} {e.who} {field}: {e.old or '—'} → {e.new or '—'}{undone}")
    return "\n".join(lines)
