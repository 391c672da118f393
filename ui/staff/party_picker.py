"""党员联户 picker: choose the party member who looks after the households
chosen on the plan, then confirm what will change.

Page one lists the party members, nearest first (the households' grid, their
community, the rest) under group labels, each with grid, community, masked
phone and load, filtered live by the search box; arrows and Enter work from
the search box. Page two states the change (link, replace or remove) and is
confirmed there; Escape goes back. The caller pushes the one undo step."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView, QDialog, QDialogButtonBox, QHBoxLayout, QHeaderView, QLabel, QLineEdit, QPushButton,
    QStackedWidget, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget,
)

from gridmap.staffing.party import (
    ELSEWHERE, SAME_COMMUNITY, SAME_GRID, PartyMember, holders, households_place, load_after_link,
    party_members, room_label,
)

if TYPE_CHECKING:
    from gridmap.project import Project

MEMBER = Qt.ItemDataRole.UserRole  # a row's PartyMember
STEPS = {Qt.Key.Key_Up: -1, Qt.Key.Key_Down: 1, Qt.Key.Key_PageUp: -10, Qt.Key.Key_PageDown: 10}
WARNING = QColor("#c00000")
ROOMS_SHOWN = 6
NAME_SHOWN = 24  # characters of a name in a sentence; the list shows it whole


def _plain(label: QLabel) -> QLabel:
    """A label that shows names as typed: "<b>" in a name is not markup."""
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    return label


def short(name: str) -> str:
    return name if len(name) <= NAME_SHOWN else name[:NAME_SHOWN - 1] + "…"


class PartyPicker(QDialog):
    """After ``accepted``: ``action`` is "link" (to ``member``) or "unlink"."""

    def __init__(self, project: Project, household_ids: list[int], cap: int,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("partyPicker")
        self.setWindowTitle(self.tr("Link to a Party Member"))
        self.project, self.household_ids, self.cap = project, list(household_ids), cap
        self.members = party_members(project, household_ids)
        self.by_id = {m.staff_id: m for m in self.members}
        self.holders_of = holders(project, household_ids)
        self.linked = Counter(s for people in self.holders_of.values() for s in people)  # person → households
        self.loads = Counter(link.staff_id for link in project.tables["party_links"].values())  # everyone's, now
        self.place = households_place(project, household_ids)
        self.action: str | None = None
        self.member: PartyMember | None = None
        self.pages = QStackedWidget()
        self.pages.addWidget(self._picker_page())
        self.pages.addWidget(self._confirm_page())
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages)
        project.closed.connect(self.reject)  # the project is gone: nothing left to link
        self._fill()
        self.filter("")
        self.search.setFocus()
        screen = (parent.screen() if parent else QGuiApplication.primaryScreen()).availableGeometry()
        self.resize(min(860, screen.width() - 40), min(600, screen.height() - 60))

    # -- words ---------------------------------------------------------------------

    def describe(self, member: PartyMember) -> str:
        """张三 (第2网格, 138****1234): what tells namesakes apart."""
        where = member.grid or member.community or "—"
        if member.nearness == ELSEWHERE and member.grid and member.community:
            where = f"{member.community} {member.grid}"
        return (self.tr("%1 (%2, %3)").replace("%1", short(member.name)).replace("%2", where)
                .replace("%3", member.masked or self.tr("no phone")))

    def where(self) -> str:
        """新华小区 3号楼, or the first buildings when the rooms span several."""
        shown = "、".join(self.place.buildings[:3])
        return shown + ("…" if len(self.place.buildings) > 3 else "")

    def _holders(self) -> list[tuple[PartyMember | None, int, int]]:
        """(member, staff id, households) for each person the households are linked to now."""
        return [(self.by_id.get(s), s, n) for s, n in sorted(self.linked.items(), key=lambda p: (-p[1], p[0]))]

    def _holder_name(self, member: PartyMember | None, staff_id: int) -> str:
        if member is not None:
            return self.describe(member)
        staff = self.project.tables["staff"].get(staff_id)  # linked, but no longer holding the role
        return short(staff.name) if staff else str(staff_id)

    # -- page one: the list --------------------------------------------------------

    def _picker_page(self) -> QWidget:
        page = QWidget()
        rooms = [room_label(self.project, h) for h in self.household_ids[:ROOMS_SHOWN]]
        intro = QLabel(self.tr("Choose the party member who looks after %1 households of %2 (%3).")
                       .replace("%1", f"{len(self.household_ids):,}").replace("%2", self.where())
                       .replace("%3", "、".join(rooms) + ("…" if len(self.household_ids) > ROOMS_SHOWN else "")))
        intro.setObjectName("partyPickerIntro")
        _plain(intro)
        self.current = _plain(QLabel())
        self.current.setObjectName("partyPickerCurrent")
        self.unlink_button = QPushButton(self.tr("Remove Link…"))
        self.unlink_button.setObjectName("partyPickerUnlink")
        self.unlink_button.setAutoDefault(False)
        self.unlink_button.clicked.connect(self.ask_unlink)
        holders = self._holders()
        if holders:
            parts = [self.tr("%1: %2 households").replace("%1", self._holder_name(m, s)).replace("%2", f"{n:,}")
                     for m, s, n in holders]
            self.current.setText(self.tr("Now linked to %1. Choosing someone else replaces them.")
                                 .replace("%1", "；".join(parts)))
        current_row = QHBoxLayout()
        current_row.addWidget(self.current, 1)
        current_row.addWidget(self.unlink_button)
        self.current.setVisible(bool(holders))
        self.unlink_button.setVisible(bool(holders))
        self.search = QLineEdit()
        self.search.setObjectName("partyPickerSearch")
        self.search.setClearButtonEnabled(True)
        self.search.setPlaceholderText(self.tr("Search by name, pinyin initials, phone digits or grid"))
        self.search.textChanged.connect(self.filter)
        self.search.installEventFilter(self)
        self.tree = QTreeWidget()
        self.tree.setObjectName("partyPickerList")
        self.tree.setColumnCount(5)
        self.tree.setHeaderLabels([self.tr("Name"), self.tr("Grid"), self.tr("Community"), self.tr("Phone"),
                                   self.tr("Linked households (cap %1)").replace("%1", str(self.cap))])
        self.tree.setRootIsDecorated(False)
        self.tree.setIndentation(14)
        self.tree.setUniformRowHeights(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.installEventFilter(self)
        self.tree.itemDoubleClicked.connect(lambda item, _column: self.choose(item.data(0, MEMBER)))
        self.tree.currentItemChanged.connect(lambda *_: self._enable_choose())
        header = self.tree.header()
        header.setStretchLastSection(False)
        for column, width in enumerate((110, 150, 150, 120)):
            header.resizeSection(column, width)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.count = _plain(QLabel())
        self.count.setObjectName("partyPickerCount")
        buttons = QDialogButtonBox()
        self.choose_button = buttons.addButton(self.tr("Choose…"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.choose_button.setObjectName("partyPickerChoose")
        self.choose_button.clicked.connect(lambda: self.choose(self.chosen()))
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel).clicked.connect(self.reject)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(intro)
        layout.addLayout(current_row)
        layout.addWidget(self.search)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.count)
        layout.addWidget(buttons)
        return page

    def _fill(self) -> None:
        zones = self.project.tables["zones"]
        grid = zones[self.place.grid_id].name if self.place.grid_id in zones else "—"
        community = zones[self.place.community_id].name if self.place.community_id in zones else "—"
        titles = {SAME_GRID: self.tr("This grid: %1").replace("%1", grid),
                  SAME_COMMUNITY: self.tr("This community: %1").replace("%1", community),
                  ELSEWHERE: self.tr("Other communities")}
        bold = QFont(self.tree.font())
        bold.setBold(True)
        self.groups: dict[int, QTreeWidgetItem] = {}
        for member in self.members:
            group = self.groups.get(member.nearness)
            if group is None:
                group = self.groups[member.nearness] = QTreeWidgetItem(self.tree)
                group.setData(0, Qt.ItemDataRole.UserRole + 1, titles[member.nearness])
                group.setFlags(Qt.ItemFlag.ItemIsEnabled)  # a label, not a choice (move() steps over it)
                group.setFont(0, bold)
                group.setForeground(0, QBrush(self.palette().windowText().color()))
                group.setExpanded(True)
                group.setFirstColumnSpanned(True)
            load = f"{member.load:,} / {self.cap:,}"
            if member.load > self.cap:  # said in words too, not by colour alone
                load = self.tr("%1, over the cap").replace("%1", load)
            item = QTreeWidgetItem(group, [member.name, member.grid or "—", member.community or "—",
                                           member.masked or self.tr("no phone"), load])
            item.setData(0, MEMBER, member)
            item.setToolTip(0, member.name)  # a long name, whole
            item.setTextAlignment(4, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if member.load > self.cap:
                item.setForeground(4, QBrush(WARNING))
                item.setFont(4, bold)
                item.setToolTip(4, self.tr("Above the cap of %1 households a party member looks after")
                                .replace("%1", str(self.cap)))

    def member_items(self) -> list[QTreeWidgetItem]:
        return [g.child(i) for g in self.groups.values() for i in range(g.childCount())]

    def visible_members(self) -> list[PartyMember]:
        return [item.data(0, MEMBER) for item in self.member_items() if not item.isHidden()]

    def filter(self, text: str) -> None:
        """Show the members the search finds; keep a visible one current."""
        shown = 0
        for group in self.groups.values():
            visible = 0
            for i in range(group.childCount()):
                item = group.child(i)
                item.setHidden(not item.data(0, MEMBER).matches(text))
                visible += not item.isHidden()
            group.setHidden(not visible)
            group.setText(0, self.tr("%1 (%2)").replace("%1", group.data(0, Qt.ItemDataRole.UserRole + 1))
                          .replace("%2", f"{visible:,}"))
            shown += visible
        total = len(self.members)
        if not shown:
            self.count.setText(self.tr("No party member matches “%1”.").replace("%1", text.strip()))
            self.count.setStyleSheet("color: #c00000")
        else:
            self.count.setText((self.tr("%1 party members") if shown == total else
                                self.tr("%1 of %2 party members match")).replace("%1", f"{shown:,}")
                               .replace("%2", f"{total:,}"))
            self.count.setStyleSheet("")
        current = self.tree.currentItem()
        if current is None or current.isHidden() or current.data(0, MEMBER) is None:
            first = next((item for item in self.member_items() if not item.isHidden()), None)
            self.tree.setCurrentItem(first)
            if first is not None:
                self.tree.scrollToItem(first)
        self._enable_choose()

    def chosen(self) -> PartyMember | None:
        item = self.tree.currentItem()
        return item.data(0, MEMBER) if item is not None and not item.isHidden() else None

    def _enable_choose(self) -> None:
        self.choose_button.setEnabled(self.chosen() is not None)

    def move(self, step: int) -> None:
        """Make the member ``step`` rows down (up if negative) current, over the group labels."""
        items = [item for item in self.member_items() if not item.isHidden()]
        if not items:
            return
        current = self.tree.currentItem()
        at = items.index(current) if current in items else -1 if step > 0 else len(items)
        item = items[max(0, min(len(items) - 1, at + step))]
        self.tree.setCurrentItem(item)
        self.tree.scrollToItem(item)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() != QEvent.Type.KeyPress or watched not in (self.search, self.tree):
            return super().eventFilter(watched, event)
        key = event.key()
        if key in STEPS:  # from the search box too: type, then arrow down to the one meant
            self.move(STEPS[key])
            return True
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.choose(self.chosen())
            return True
        if watched is self.tree and event.text().isprintable() and event.text().strip():
            self.search.setFocus()  # typing in the list types into the search
            QCoreApplication.sendEvent(self.search, event)
            return True
        return super().eventFilter(watched, event)

    # -- page two: the confirmation ------------------------------------------------

    def _confirm_page(self) -> QWidget:
        page = QWidget()
        self.statement = _plain(QLabel())
        self.statement.setObjectName("partyPickerStatement")
        self.statement.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        font = QFont(self.statement.font())
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.statement.setFont(font)
        self.warning = _plain(QLabel())
        self.warning.setObjectName("partyPickerWarning")
        self.warning.setStyleSheet("color: #c00000")
        buttons = QDialogButtonBox()
        self.back_button = buttons.addButton(self.tr("Back"), QDialogButtonBox.ButtonRole.ResetRole)
        self.back_button.setAutoDefault(False)
        self.back_button.clicked.connect(self.back)
        self.confirm_button = buttons.addButton("", QDialogButtonBox.ButtonRole.AcceptRole)
        self.confirm_button.setObjectName("partyPickerConfirm")
        self.confirm_button.clicked.connect(self.accept)
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel).clicked.connect(self.reject)
        self.changes = QTreeWidget()  # room by room: who looks after it now, and after
        self.changes.setObjectName("partyPickerChanges")
        self.changes.setRootIsDecorated(False)
        self.changes.setUniformRowHeights(True)
        self.changes.setHeaderLabels([self.tr("Room"), self.tr("Party member now"), self.tr("After")])
        self.changes.header().resizeSection(0, 160)
        self.changes.header().resizeSection(1, 300)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.statement)
        layout.addWidget(self.warning)
        layout.addWidget(self.changes, 1)
        layout.addWidget(buttons)
        return page

    def choose(self, member: PartyMember | None) -> None:
        """Go to the confirmation of linking the households to ``member``."""
        if member is None:
            return
        self.action, self.member = "link", member
        count = len(self.household_ids)
        after = load_after_link(member, self.linked, count)
        others = [(m, s, n) for m, s, n in self._holders() if s != member.staff_id]
        lines = [self.tr("Link %1 households of %2 to %3?").replace("%1", f"{count:,}")
                 .replace("%2", self.where()).replace("%3", self.describe(member))]
        for holder, staff_id, n in others:
            lines.append(self.tr("%1 of them are now linked to %2, who is replaced (their load becomes %3).")
                         .replace("%1", f"{n:,}").replace("%2", self._holder_name(holder, staff_id))
                         .replace("%3", f"{self.loads[staff_id] - n:,}"))
        if self.linked.get(member.staff_id):
            lines.append(self.tr("%1 of them are linked to %2 already.")
                         .replace("%1", f"{self.linked[member.staff_id]:,}").replace("%2", short(member.name)))
        lines.append(self.tr("%1's load becomes %2 households (now %3).").replace("%1", short(member.name))
                     .replace("%2", f"{after:,}").replace("%3", f"{member.load:,}"))
        nothing = self.linked.get(member.staff_id, 0) == count and not others
        if nothing:
            lines = [self.tr("These %1 households are linked to %2 already: nothing to change.")
                     .replace("%1", f"{count:,}").replace("%2", self.describe(member))]
        self.warning.setText(self.tr("That is above the cap of %1 households a party member looks after.")
                             .replace("%1", str(self.cap)) if after > self.cap and not nothing else "")
        self._confirm("\n".join(lines), self.tr("Replace") if others else self.tr("Link"), not nothing,
                      self.describe(member))

    def ask_unlink(self) -> None:
        """Go to the confirmation of removing the households' party member."""
        self.action, self.member = "unlink", None
        count = len(self.holders_of)
        lines = [self.tr("Remove the party member of %1 households of %2?").replace("%1", f"{count:,}")
                 .replace("%2", self.where())]
        for holder, staff_id, n in self._holders():
            lines.append(self.tr("%1 gives up %2 households; their load becomes %3.")
                         .replace("%1", self._holder_name(holder, staff_id)).replace("%2", f"{n:,}")
                         .replace("%3", f"{self.loads[staff_id] - n:,}"))
        self.warning.setText(self.tr("Until a party member is linked, these households show as a problem."))
        self._confirm("\n".join(lines), self.tr("Remove Link"), True, "—")

    def _confirm(self, text: str, button: str, possible: bool, after: str) -> None:
        self.statement.setText(text)
        self.changes.clear()
        for household in self.household_ids:
            now = [self._holder_name(self.by_id.get(s), s) for s in self.holders_of.get(household, ())]
            QTreeWidgetItem(self.changes, [room_label(self.project, household), "、".join(now) or "—", after])
        self.confirm_button.setText(button)
        self.confirm_button.setEnabled(possible)
        self.pages.setCurrentIndex(1)
        self.confirm_button.setDefault(possible)
        (self.confirm_button if possible else self.back_button).setFocus()

    def back(self) -> None:
        self.action, self.member = None, None
        self.pages.setCurrentIndex(0)
        self.search.setFocus()

    def done(self, result: int) -> None:
        if self.project.closed.is_connected(self.reject):
            self.project.closed.disconnect(self.reject)
        super().done(result)

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt's name
        """Escape on the confirmation goes back to the list; on the list it closes."""
        if event.key() == Qt.Key.Key_Escape and self.pages.currentIndex() == 1:
            self.back()
            return
        super().keyPressEvent(event)
