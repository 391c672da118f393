"""Open the main window and every dialog of the app on a screen of a given size
(the offscreen platform, configured) and print their sizes as JSON:
``python -m tests.screen_sizes DEMO.gpkg WIDTHxHEIGHT``. Run by
tests/test_fits_small_screen.py in a process of its own, as the screen of a
process is fixed when Qt starts."""

from __future__ import annotations

import json
import os
import sys
import tempfile
from pathlib import Path


def _screen(width: int, height: int) -> None:
    config = Path(tempfile.mkdtemp()) / "screen.json"
    config.write_text(json.dumps({"synchronousWindowSystem": True, "windowFrameMargins": False, "screens": [
        {"name": "laptop", "x": 0, "y": 0, "width": width, "height": height, "logicalDpi": 96,
         "logicalBaseDpi": 96, "dpr": 1}]}), encoding="utf-8")
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={config}"


def measure(demo: Path, out: Path) -> dict[str, dict]:
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QApplication, QFileDialog, QInputDialog, QMessageBox, QPushButton, QTabBar

    from gridmap.project import Project
    from gridmap.staffing.settings import StaffingSettings
    from ui.busy import worker_progress
    from ui.fonts import use_cjk_font
    from ui.i18n import install_translators
    from ui.main_window import MainWindow
    from ui.output_saved import show_saved
    from ui.settings import Settings
    from ui.site.site_dialog import SitePointDialog
    from ui.staff.party_picker import PartyPicker
    from ui.staff.staff_dialog import StaffDialog

    app = QApplication(["gridmap"])
    install_translators(app, "zh_CN")
    use_cjk_font(app)
    sizes: dict[str, dict] = {}

    def record(name: str, widget, close: bool = True) -> None:
        widget.show()
        for _ in range(3):
            app.processEvents()
        sizes[name] = {"size": [widget.width(), widget.height()],
                       "hint": [widget.sizeHint().width(), widget.sizeHint().height()],
                       "minimum": [widget.minimumSizeHint().width(), widget.minimumSizeHint().height()]}
        if close:
            widget.close()

    window = MainWindow(Settings.default())
    project = Project.open(demo)
    window.set_project(project)
    record("main window", window, close=False)
    bars = [tuple(bar.tabText(i) for i in range(bar.count())) for bar in window.findChildren(QTabBar)
            if bar.parent() is window and bar.isVisible()]
    sizes["main window"]["dock tab bars"] = sorted(bars)  # each group of tabbed docks shows one
    tables = project.tables
    zones = tables["zones"]
    community = next(z for z in zones.values() if z.parent_id in zones and zones[z.parent_id].parent_id not in zones)
    building = next(b for b in tables["buildings"].values() if b.compound_id is not None)

    print_dialog = window.print_actions.open_dialog(show=False)
    record("print dialog", print_dialog, close=False)
    record("print preview", print_dialog.preview())
    print_dialog.close()
    record("internal charts question", QMessageBox(QMessageBox.Icon.Question, print_dialog.tr("Internal charts"),
                                                   print_dialog.tr(
        "Internal charts show unmasked phone numbers and sensitive household marks. They are stamped 内部资料 and "
        "must not be posted where the public can see them. Print internal charts?"),
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, window))
    roster = window.household_roster_actions.export_roster(str(out / "住户花名册.xlsx"))
    for box in [w for w in app.topLevelWidgets() if w.objectName() == "outputSaved" and w.isVisible()]:
        record("output saved", box)
    files = [out / f"示例街道_新华街社区_第{n}号小区-三张图-内部资料.pdf" for n in range(30)]
    record("output saved (a batch)", show_saved(window, window.settings, files))
    record("roster preview", window.household_roster_actions.import_roster(str(roster), show=False))
    communities = [(z.id, z.name) for z in zones.values() if z.level == community.level]
    record("staff dialog", StaffDialog(communities, None, window))
    record("site point dialog", SitePointDialog("gate", window))
    households = [h.id for h in tables["households"].values() if h.building_id == building.id][:3]
    record("party member picker", PartyPicker(project, households, StaffingSettings.from_meta(project.meta).party_cap,
                                              window))
    record("import layer dialog", window.gis_actions.open_import(show=False))
    largest = max((z for z in zones.values() if z.level == community.level),
                  key=lambda c: sum(z.parent_id == c.id for z in zones.values()))  # the longest list of grids
    record("partition dialog", window.partition_actions.open_dialog(largest.id, show=True))
    window.view_actions.open_plan(building.id)
    plan = getattr(window, "plan_window", None)
    if plan is not None:
        record("colour plan window", plan, close=False)
    next(b for w in app.topLevelWidgets() for b in w.findChildren(QPushButton)
         if b.objectName() == "compoundSheetButton").click()
    sheet = next(w for w in app.topLevelWidgets() if w.objectName() == "compoundSheetWindow" and w.isVisible())
    record("compound sheet window", sheet)
    choose = QInputDialog(window)  # as ZoneActions.choose asks for a neighbour
    choose.setLabelText(QCoreApplication.translate("ZoneActions", "Give the area, buildings and staff posts of %1 to:")
                        .replace("%1", community.name))
    choose.setComboBoxItems([z.name for z in zones.values() if z.parent_id == community.id])
    record("choose a zone", choose)
    record("progress", worker_progress(window, print_dialog.tr("Print Three Charts"), print_dialog.tr("Printing…"),
                                       print_dialog.tr("Cancel"), 30))
    record("file dialog", QFileDialog(window, "导出地图", str(out), "PDF (*.pdf);;PNG (*.png)"))
    window.close()
    return sizes


if __name__ == "__main__":
    width, height = (int(v) for v in sys.argv[2].split("x"))
    _screen(width, height)
    with tempfile.TemporaryDirectory() as folder:
        print(json.dumps(measure(Path(sys.argv[1]), Path(folder)), ensure_ascii=False))
