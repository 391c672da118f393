"""File ▸ Household Roster ▸ Import in the window: the preview in Chinese, the
import as one undo step that the Statistics dock follows."""

from PySide6.QtCore import Qt

from tests.test_household_roster import write_mixed_roster


def test_preview_dialog_then_import_and_undo(window, qtbot, tmp_path):
    project = window.project
    path = tmp_path / "roster.xlsx"
    known = write_mixed_roster(project, path)
    community = next(z.id for z in project.tables["zones"].values() if z.name == "新华街社区")
    window.stats.show_zone(community)
    households_before = window.stats.counts[community].households
    before = dict(project.tables["households"])

    dialog = window.household_roster_actions.import_roster(str(path), show=False)
    qtbot.addWidget(dialog)
    assert dialog.import_button.text() == "导入 2 行"
    assert dialog.proxy.rowCount() == 6  # errors are shown first
    reasons = [dialog.proxy.index(r, 3).data() for r in range(6)]
    assert reasons[0] == "纺织厂花园 没有 99号楼"
    assert any(r.startswith("电话 1391234567 既不是 11 位手机号") for r in reasons)
    assert any(r.startswith("未知标签 低保") for r in reasons)
    dialog.filter.setCurrentIndex(0)
    assert dialog.proxy.rowCount() == 9
    change = dialog.proxy.index(0, 3).data()
    assert "户主: " in change and "→ 张*" in change and "→ 139****5678" in change  # masked on screen
    assert "张三" not in change and "13912345678" not in change

    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert project.tables["households"][known["changed"].id].note == "新搬来"
    assert window.stats.counts[community].households == households_before + 1
    assert window.undo_actions.undo.text().endswith("导入住户花名册")
    window.undo_actions.undo.trigger()
    assert dict(project.tables["households"]) == before
    assert window.stats.counts[community].households == households_before


def test_an_unreadable_workbook_is_refused_with_its_reason(window, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: shown.append(args[1:3]))
    (tmp_path / "broken.xlsx").write_bytes(b"PK\x03\x04 not really")
    assert window.household_roster_actions.import_roster(str(tmp_path / "broken.xlsx"), show=False) is None
    from PySide6.QtCore import QCoreApplication

    from gridmap.workbooks.messages import WORKBOOK_PROBLEMS

    assert shown[0][0] == "无法读取名单"
    advice = QCoreApplication.translate("Workbooks", WORKBOOK_PROBLEMS["unreadable"][1])  # in the user's language
    assert shown[0][1].startswith(str(tmp_path / "broken.xlsx")) and shown[0][1].endswith(advice)
