"""Add or edit one staff member: name, phone, roles (the usual ones as check
boxes, custom ones typed), community, whether the phone goes on the wall, note."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFormLayout, QGridLayout, QLabel, QLineEdit, QWidget,
)

from gridmap.model.entities import STAFF_ROLES, Staff
from gridmap.workbooks import values

ROLE_SEPARATORS = "、,，;； "


class StaffDialog(QDialog):
    def __init__(self, communities: list[tuple[int, str]], staff: Staff | None = None,
                 parent: QWidget | None = None, *, roles: frozenset[str] = frozenset(),
                 community_id: int | None = None) -> None:
        """``roles`` and ``community_id`` come filled in for a new member."""
        super().__init__(parent)
        self.setObjectName("staffDialog")
        self.setWindowTitle(self.tr("Edit Staff Member") if staff else self.tr("Add Staff Member"))
        self.name = QLineEdit(staff.name if staff else "")
        self.name.setObjectName("staffName")
        self.phone = QLineEdit(staff.phone if staff else "")
        self.phone.setObjectName("staffPhone")
        self.phone.setPlaceholderText("13812345678 / 0371-61234567")
        roles = set(staff.roles) if staff else set(roles)
        self.role_boxes: dict[str, QCheckBox] = {}
        grid = QGridLayout()
        for n, role in enumerate(STAFF_ROLES):
            box = QCheckBox(role)
            box.setChecked(role in roles)
            self.role_boxes[role] = box
            grid.addWidget(box, n // 4, n % 4)
        self.custom_roles = QLineEdit("、".join(sorted(roles - set(STAFF_ROLES))))
        self.custom_roles.setPlaceholderText(self.tr("Other roles, separated by 、"))
        self.community = QComboBox()
        self.community.addItem("—", None)
        for zone_id, name in communities:
            self.community.addItem(name, zone_id)
        community_id = staff.community_id if staff is not None else community_id
        if community_id is not None:
            self.community.setCurrentIndex(max(0, self.community.findData(community_id)))
        self.public = QCheckBox(self.tr("Phone may be shown on public charts (a grid hotline)"))
        self.public.setChecked(bool(staff and staff.phone_public))
        self.note = QLineEdit(staff.note if staff else "")
        self.error = QLabel()
        self.error.setObjectName("staffError")
        self.error.setStyleSheet("color: #c00000")
        form = QFormLayout(self)
        form.addRow(self.tr("Name"), self.name)
        form.addRow(self.tr("Phone"), self.phone)
        form.addRow(self.tr("Roles"), grid)
        form.addRow("", self.custom_roles)
        form.addRow(self.tr("Community"), self.community)
        form.addRow("", self.public)
        form.addRow(self.tr("Note"), self.note)
        form.addRow(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def values(self) -> dict:
        custom = self.custom_roles.text()
        for separator in ROLE_SEPARATORS:
            custom = custom.replace(separator, "、")
        roles = {r for r, box in self.role_boxes.items() if box.isChecked()} | {r for r in custom.split("、") if r}
        return {"name": self.name.text().strip(), "phone": self.phone.text().strip(), "roles": frozenset(roles),
                "community_id": self.community.currentData(), "phone_public": self.public.isChecked(),
                "note": self.note.text().strip()}

    def accept(self) -> None:
        """Refuse a blank name or a malformed phone here, where it can be corrected."""
        fields = self.values()
        if not fields["name"]:
            self.error.setText(self.tr("A staff member needs a name."))
            return
        if fields["phone"]:
            try:
                values.phone(fields["phone"])
            except ValueError:
                self.error.setText(self.tr("%1 is neither an 11-digit mobile nor a landline with its area code "
                                           "(0371-61234567).").replace("%1", fields["phone"]))
                return
        super().accept()
