"""No English reaches the Chinese UI.

The window on the demo, with every menu, action, dock, toolbar and widget;
the dialogs; Qt's own file dialog and message boxes; the charts' context menu;
every undo label a command can carry; every rule title; every reason a GIS
import, a roster import or a partition can give — each text is scanned for a
run of three or more Latin letters that is not a name the user knows as it is
(gridmap, PDF, Excel, EPSG, file types, codes…)."""

from __future__ import annotations

import ast
import html
import re
from pathlib import Path

import pytest
import shapely
from PySide6.QtCore import QCoreApplication, QModelIndex, QPoint, Qt, QTimer
from PySide6.QtGui import QAction, QContextMenuEvent
from PySide6.QtWidgets import (
    QAbstractButton, QAbstractItemView, QApplication, QComboBox, QFileDialog, QGraphicsTextItem, QGraphicsView,
    QGroupBox, QHeaderView, QInputDialog, QLabel, QLineEdit, QMenu, QMessageBox, QPlainTextEdit, QProgressDialog,
    QTabBar, QTextEdit, QWidget,
)

from gridmap.selection import Item

ROOT = Path(__file__).resolve().parents[1]
LATIN_RUN = re.compile(r"[A-Za-z]{3,}")
# Names a Chinese user reads as they are: the program, formats and file types,
# standards and coordinate systems, programs, the keys (as printed on them), units, fonts, values.
ALLOWED = {word.lower() for word in [
    "gridmap", "PDF", "PNG", "SVG", "JPG", "JPEG", "Excel", "WPS", "GIS", "GPS", "OSM", "OpenStreetMap", "EPSG", "CRS",
    "CGCS", "WGS", "GCJ", "GeoPackage", "Shapefile", "GeoJSON", "FlatGeobuf", "GDAL", "GEOS", "UTF", "GBK", "xlsx",
    "xlsb", "xls", "csv", "gpkg", "shp", "shx", "dbf", "prj", "cpg", "json", "geojson", "fgb", "pbf", "osm", "html",
    "Ctrl", "Shift", "Alt", "Del", "Esc", "Enter", "Tab", "Home", "End", "PgUp", "PgDn", "Backspace", "Space", "Ins",
    "dpi", "nan", "inf", "KiB", "MiB", "GiB", "Noto", "Sans", "CJK", "Gauss", "Kruger", "Mercator", "Polsby", "Popper",
    "cjt", "ASCII", "ANSI", "DOS", "JIS", "Windows", "Big",
]}
TAGS = re.compile(r"<[^>]+>")
PATH = re.compile(r"(?:[A-Za-z]:)?[\\/][^\s，。；：、）)]+")  # a file or a folder
COMMAND = re.compile(r"\bgridmap [a-z-]+|\b[a-z0-9]+(?:-[a-z0-9]+)+\b")  # "gridmap repair", "fonts-noto-cjk"


def english_words(text: str) -> list[str]:
    """The runs of Latin letters in ``text`` (markup, paths, commands taken out) that are not allowed."""
    plain = html.unescape(TAGS.sub(" ", text or ""))
    plain = COMMAND.sub(" ", PATH.sub(" ", plain))
    return [w for w in LATIN_RUN.findall(plain) if w.lower() not in ALLOWED]


def leaks(texts) -> list[str]:
    """"where: text" of every text with English in it, one a line (a readable failure)."""
    found = sorted({(where, text) for where, text in texts if english_words(text) and not _own_name(where, text)})
    return [f"{where}: {text!r}" for where, text in found]


def _own_name(where: str, text: str) -> bool:
    """The language menu names English in English, as every program does."""
    return "actionEnglish" in where and english_words(text) == ["English"]


# -- what a widget shows ------------------------------------------------------------


def action_texts(action: QAction, where: str, seen: set[int]):
    if id(action) in seen:
        return
    seen.add(id(action))
    name = action.objectName() or action.text()
    for kind, text in (("text", action.text()), ("tip", action.toolTip()), ("status", action.statusTip()),
                       ("what", action.whatsThis()), ("icon text", action.iconText())):
        yield f"{where} ▸ {name} ({kind})", text
    if action.menu() is not None:
        yield from menu_texts(action.menu(), f"{where} ▸ {name}", seen)


def menu_texts(menu: QMenu, where: str, seen: set[int]):
    yield f"{where} (title)", menu.title()
    menu.aboutToShow.emit()  # menus filled on demand (recent files, layers…)
    for action in menu.actions():
        yield from action_texts(action, where, seen)


def model_texts(view: QAbstractItemView, where: str, most: int = 300):
    model = view.model()
    if model is None:
        return
    top = QModelIndex()
    for orientation in (Qt.Orientation.Horizontal, Qt.Orientation.Vertical):
        count = _columns(model, top) if orientation == Qt.Orientation.Horizontal else model.rowCount(top)
        for section in range(min(count, 300)):
            for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                value = model.headerData(section, orientation, role)
                if isinstance(value, str):
                    yield f"{where} header {section}", value
    stack, done = [view.rootIndex()], 0
    while stack and done < most:
        parent = stack.pop()
        for row in range(model.rowCount(parent)):
            for column in range(_columns(model, parent)):
                index = model.index(row, column, parent)
                for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole,
                             Qt.ItemDataRole.StatusTipRole):
                    value = index.data(role)
                    if isinstance(value, str):
                        yield f"{where} [{row},{column}]", value
            done += 1
            stack.append(model.index(row, 0, parent))


def _columns(model, parent: QModelIndex) -> int:
    try:
        return model.columnCount(parent)
    except TypeError:  # a list model keeps it private: one column
        return 1


def widget_texts(top: QWidget, where: str = "", data: bool = True):
    """Every text ``top`` and the widgets in it show or can show (tips, items, menus);
    without ``data``, the items of its lists and tables are left out (a file list's names)."""
    where = where or top.objectName() or type(top).__name__
    seen: set[int] = set()
    for widget in [top, *top.findChildren(QWidget)]:
        here = f"{where}/{widget.objectName() or type(widget).__name__}"
        if widget.isWindow():
            yield f"{here} (title)", widget.windowTitle()
        for kind, text in (("tip", widget.toolTip()), ("status", widget.statusTip()),
                           ("what", widget.whatsThis()), ("accessible", widget.accessibleName())):
            yield f"{here} ({kind})", text
        if isinstance(widget, (QLabel, QAbstractButton)):
            yield here, widget.text()
        if isinstance(widget, QLineEdit):
            yield f"{here} (placeholder)", widget.placeholderText()
        if isinstance(widget, (QTextEdit, QPlainTextEdit)):
            yield f"{here} (placeholder)", widget.placeholderText()
            yield here, widget.toPlainText()
        if isinstance(widget, QGroupBox):
            yield here, widget.title()
        if isinstance(widget, QComboBox):
            yield from ((f"{here} item {i}", widget.itemText(i)) for i in range(widget.count()))
        if isinstance(widget, QTabBar):
            for i in range(widget.count()):
                yield f"{here} tab {i}", widget.tabText(i)
                yield f"{here} tab {i} (tip)", widget.tabToolTip(i)
        if isinstance(widget, QAbstractItemView) and not isinstance(widget, QHeaderView):
            yield from model_texts(widget, here, most=300 if data else 0)
        if isinstance(widget, QMenu):
            yield from menu_texts(widget, here, seen)
        if isinstance(widget, QGraphicsView) and widget.scene() is not None:  # the charts' titles, names, values
            yield from ((f"{here} item", item.toPlainText()) for item in widget.scene().items()
                        if isinstance(item, QGraphicsTextItem))
        for action in QWidget.actions(widget):  # a window may call its own attribute "actions"
            yield from action_texts(action, here, seen)


# -- the window ---------------------------------------------------------------------


def test_the_word_finder_finds_english_and_lets_names_pass():
    assert english_words("Import features") == ["Import", "features"]
    assert english_words("<b>导入</b>要素") == []
    assert english_words("导出 PDF、PNG 与 Excel（EPSG:4547，UTF-8，.gpkg）") == []
    assert english_words("保存到 /home/user/maps/demo.gpkg") == []
    assert english_words("&Look in:") == ["Look"]


def test_the_main_window_speaks_chinese_everywhere(window, qtbot):
    zones = window.project.tables["zones"]
    grid = next(z for z in zones.values() if not any(c.parent_id == z.id for c in zones.values()))
    window.selection.set(Item("zone", grid.id))  # the panels fill for a grid
    for dock in window.docks.values():
        dock.show()
    window.docks["workload"].raise_()
    qtbot.wait(50)
    texts = list(widget_texts(window, "window"))  # the menu bar's menus, submenus and actions too
    window.selection.set(Item("building", next(iter(window.project.tables["buildings"]))))
    texts += widget_texts(window.attributes, "building attributes")
    texts = [(where, text.replace(window.project.path.name, "")) for where, text in texts]  # the user's file name
    assert len(texts) > 500
    assert any("网格" in text for where, text in texts if "workloadChart" in where)  # the chart's own words
    assert "\n".join(leaks(texts)) == ""


def _popup_texts(qtbot, viewport: QWidget, at: QPoint) -> list[tuple[str, str]]:
    """(where, text) of the context menu a right-click at ``at`` opens (its submenus too)."""
    shown: list[tuple[str, str]] = []

    def look():
        menu = QApplication.activePopupWidget()
        if isinstance(menu, QMenu):
            shown.extend(menu_texts(menu, "popup", set()))
            menu.close()

    QTimer.singleShot(0, look)
    QApplication.sendEvent(viewport, QContextMenuEvent(QContextMenuEvent.Reason.Mouse, at, viewport.mapToGlobal(at)))
    qtbot.wait(10)
    return shown


POPUPS_OFFSCREEN = pytest.mark.qt_log_ignore("This plugin does not support raise",
                                             "This plugin does not support grabbing the keyboard")


@POPUPS_OFFSCREEN
def test_the_charts_offer_a_chinese_menu_instead_of_pyqtgraphs(window, qtbot, tmp_path):
    from ui.chart_menu import ChartMenu

    window.docks["workload"].show()
    window.docks["workload"].raise_()
    window.workload.refill()
    for panel in (window.stats, window.workload):
        chart = panel.chart
        assert not chart.getPlotItem().menuEnabled()  # View All, Export..., Plot Options: never shown
        assert not chart.getPlotItem().getViewBox().menuEnabled()
        shown = _popup_texts(qtbot, chart.viewport(), QPoint(20, 20))
        assert [text for where, text in shown if where.endswith("(text)")] == ["复制数据", "复制图片", "保存图片…"]
        menu = chart.findChild(ChartMenu)
        menu.copy_data()
        bars = panel.value_bars
        assert bars.names and QApplication.clipboard().text() == "".join(
            f"{n}\t{v:g}\n" for n, v in zip(bars.names, bars.values))
        saved = menu.save_image(str(tmp_path / panel.objectName()))
        assert saved.suffix == ".png" and saved.read_bytes()[:4] == b"\x89PNG"


@POPUPS_OFFSCREEN
def test_the_context_menus_of_the_tree_and_the_problems_speak_chinese(window, qtbot):
    from gridmap.commands.geometry import SetZoneGeometry

    tree = window.tree.view
    first = tree.model().index(0, 0)
    tree.setCurrentIndex(first)
    shown = _popup_texts(qtbot, tree.viewport(), tree.visualRect(first).center())
    grid = next(z for z in window.project.tables["zones"].values() if z.level == 3)
    window.project.undo_stack.push(SetZoneGeometry(grid.id, grid.geometry.buffer(-5)))  # a gap to show
    problems = window.problems.list
    window.problems.check()
    assert problems.topLevelItemCount() > 0
    problems.setCurrentItem(problems.topLevelItem(0))
    shown += _popup_texts(qtbot, problems.viewport(), problems.visualItemRect(problems.topLevelItem(0)).center())
    assert shown and "\n".join(leaks(shown)) == ""


# -- Qt's own dialogs -------------------------------------------------------------


@pytest.mark.parametrize("mode", ["open", "save", "folder"])
def test_qts_file_dialog_speaks_chinese(qtbot, tmp_path, mode):
    """The dialog Qt draws itself (no desktop's own): "Look in", "Files of type", "Folder" were English."""
    (tmp_path / "项目").mkdir()
    dialog = QFileDialog(None, "打开项目", str(tmp_path), "项目 (*.gpkg)")
    qtbot.addWidget(dialog)
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    if mode == "save":
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    elif mode == "folder":
        dialog.setFileMode(QFileDialog.FileMode.Directory)
    dialog.resize(800, 500)
    dialog.show()
    qtbot.waitExposed(dialog)
    texts = list(widget_texts(dialog, "file dialog", data=False))  # files and folders are named as they are
    assert "查找范围(&L)：" in [text for _where, text in texts]
    files = dialog.findChild(QAbstractItemView, "treeView").model()
    qtbot.waitUntil(lambda: files.index(str(tmp_path / "项目")).isValid())
    folder = files.index(str(tmp_path / "项目"))
    assert folder.siblingAtColumn(2).data() == "文件夹"  # the type of a folder
    assert "\n".join(leaks(texts)) == ""


def test_a_text_without_a_translation_stays_as_written():
    """Qt's missing strings are filled in (ui.i18n.QtGaps) without blanking every other untranslated text."""
    assert QCoreApplication.translate("NoSuchContext", "As written") == "As written"
    assert QCoreApplication.translate("QFileDialog", "Files of &type:") == "文件类型(&T)："


def test_qts_message_boxes_and_input_dialogs_speak_chinese(qtbot):
    buttons = QMessageBox.StandardButton
    box = QMessageBox(QMessageBox.Icon.Question, "确认", "要保存吗？")
    qtbot.addWidget(box)
    for button in (buttons.Ok, buttons.Save, buttons.SaveAll, buttons.Open, buttons.Yes, buttons.YesToAll, buttons.No,
                   buttons.NoToAll, buttons.Abort, buttons.Retry, buttons.Ignore, buttons.Close, buttons.Cancel,
                   buttons.Discard, buttons.Help, buttons.Apply, buttons.Reset, buttons.RestoreDefaults):
        box.addButton(button)
    box.setDetailedText("详情")
    texts = list(widget_texts(box, "message box"))
    for dialog in (QInputDialog(), QProgressDialog()):
        qtbot.addWidget(dialog)
        dialog.show()
        texts += widget_texts(dialog)
    line = QLineEdit()
    qtbot.addWidget(line)
    texts += menu_texts(line.createStandardContextMenu(), "line edit menu", set())
    assert len(texts) > 40 and "\n".join(leaks(texts)) == ""


# -- what the program says: undo labels, rule titles, reasons ---------------------


def _command_labels() -> set[str]:
    """Every label a command can carry, read from the code: ``label = …`` and
    ``self.label = …`` (each string in the expression), ``label`` defaults and
    the ``…_LABELS`` tables."""
    labels = set()

    def strings(node) -> set[str]:  # the texts an expression can give ("A" if … else "B", x or "A", {k: "A"})
        if isinstance(node, ast.Constant):
            return {node.value} if isinstance(node.value, str) and node.value else set()
        if isinstance(node, ast.IfExp):
            return strings(node.body) | strings(node.orelse)
        if isinstance(node, ast.BoolOp):
            return set().union(*map(strings, node.values))
        if isinstance(node, ast.Dict):
            return set().union(*map(strings, node.values))
        return set()

    for path in (ROOT / "gridmap").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, (ast.Assign, ast.AnnAssign)):
                targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                names = {t.id if isinstance(t, ast.Name) else t.attr if isinstance(t, ast.Attribute) else ""
                         for t in targets}
                if node.value is not None and ("label" in names or any(n.endswith("_LABELS") for n in names)):
                    labels |= strings(node.value)
            elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.name == "__init__":
                args = node.args.args + node.args.kwonlyargs
                defaults = [None] * (len(node.args.args) - len(node.args.defaults)) + node.args.defaults \
                    + node.args.kw_defaults
                labels |= {d.value for a, d in zip(args, defaults) if a.arg == "label" and isinstance(d, ast.Constant)
                           and d.value}
    return labels


def test_every_undo_label_is_said_in_chinese():
    from gridmap.commands.stack import Command
    from gridmap.gis.importing import ImportFeatures

    labels = _command_labels()
    assert {"Import features", "Split zone", "Make shape valid", "Add gate", "Partition zone"} <= labels
    assert ImportFeatures.label in labels and issubclass(ImportFeatures, Command)
    said = {label: QCoreApplication.translate("Commands", label) for label in labels}
    assert "\n".join(f"{label} → {text}" for label, text in sorted(said.items()) if english_words(text)) == ""


def test_the_undo_menu_says_import_features_in_chinese(window, tmp_path):
    from gridmap.gis.importing import ImportFeatures, preview_import
    from gridmap.gis.reading import read_source

    source = read_source(_layer(window.project, tmp_path))
    preview = preview_import(window.project, source, "buildings")
    assert preview.records and window.project.undo_stack.push(ImportFeatures(preview))
    assert window.undo_actions.undo.text() == "撤销 导入要素"


def _translatables() -> set[tuple[str, str]]:
    """(context, English) of every QT_TRANSLATE_NOOP in gridmap and ui."""
    found = set()
    for path in [*(ROOT / "gridmap").rglob("*.py"), *(ROOT / "ui").rglob("*.py")]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "QT_TRANSLATE_NOOP":
                context, text = (a.value for a in node.args[:2])
                found.add((context, text))
    return found


def test_every_marked_message_is_said_in_chinese():
    """Rule titles and fixes, roster, workbook, partition, plan, shape, coordinate and GIS import reasons…"""
    found = _translatables()
    contexts = {context for context, _text in found}
    assert {"Rules", "Roster", "Workbooks", "Partition", "Plan", "GisImport", "Shapes", "Coordinates"} <= contexts
    said = {(c, t): QCoreApplication.translate(c, t) for c, t in found}
    assert "\n".join(f"{c}: {t} → {text}" for (c, t), text in sorted(said.items())
                     if english_words(re.sub(r"\{[^}]*\}", " ", text))) == ""


def test_every_rule_has_a_chinese_title():
    from gridmap.rules.problems import RULES
    from ui.docks.problems import rule_title

    titles = {rule: rule_title(rule) for rule in RULES}
    assert "\n".join(f"{rule} → {title}" for rule, title in titles.items() if english_words(title) or not title) == ""


def test_the_chinese_catalogue_holds_no_english():
    import xml.etree.ElementTree as ET

    bad = []
    for context in ET.parse(ROOT / "resources" / "translations" / "gridmap_zh_CN.ts").getroot().iter("context"):
        for message in context.iter("message"):
            translation = message.find("translation")
            text = translation.text or "".join(n.text or "" for n in translation.iter("numerusform"))
            if english_words(re.sub(r"\{[^}]*\}", " ", text)):
                bad.append(f"{context.findtext('name')}: {message.findtext('source')} → {text}")
    assert "\n".join(bad) == ""


# -- GIS import reasons, in the dialog ----------------------------------------------


def _layer(project, tmp_path) -> Path:
    """A GeoPackage in the project's coordinates, inside its office: a building that
    crosses itself (a bow tie), one with a bell in its number and a floor count in
    words, and a point where polygons are wanted."""
    import geopandas as gpd

    office = shapely.union_all([z.geometry for z in project.tables["zones"].values() if z.parent_id is None])
    x, y = shapely.get_coordinates(office.representative_point())[0]
    bow_tie = shapely.Polygon([(x, y), (x + 20, y + 20), (x + 20, y), (x, y + 20)])
    square = shapely.box(x + 30, y, x + 50, y + 20)
    frame = gpd.GeoDataFrame({"楼号": ["1号楼", "2\x07号楼", "3号楼"], "层数": ["6", "十二", "5"]},
                             geometry=[bow_tie, square, shapely.Point(x, y)], crs=f"EPSG:{project.store.srs_id}")
    path = tmp_path / "楼栋.gpkg"
    frame.to_file(path, layer="楼栋")
    return path


def test_the_import_preview_gives_its_reasons_in_chinese(window, qtbot, tmp_path):
    dialog = window.gis_actions.open_import(str(_layer(window.project, tmp_path)), show=False)
    qtbot.addWidget(dialog)
    dialog.target.setCurrentIndex(dialog.target.findData("buildings"))
    assert dialog.read(wait=True).error is None
    p = dialog.preview
    assert len(p.repaired) == 3 and len(p.left_out) == 1  # the bow tie, the bell, 十二 floors; the point
    assert any(why.startswith("Self-intersection at ") for _row, why in p.repaired)  # English for the CLI
    reasons = [dialog.problems.item(i, 1).text() for i in range(dialog.problems.rowCount())]
    crossing = next(r for r in reasons if "自相交" in r)
    assert re.search(r"自相交（位置 \d+\.\d, \d+\.\d）", crossing), crossing
    texts = list(widget_texts(dialog, "import dialog"))
    assert "\n".join(leaks(texts)) == ""


def test_geos_reasons_are_said_in_both_languages():
    from gridmap.spatial.messages import GEOS_PROBLEMS, geos_reason, validity_reason

    bow_tie = shapely.Polygon([(465680, 3846600), (465700, 3846620), (465700, 3846600), (465680, 3846620)])
    reason = validity_reason(bow_tie)
    assert reason == "Self-intersection at 465690.0, 3846610.0"
    assert reason.text(QCoreApplication.translate) == "自相交（位置 465690.0, 3846610.0）"
    degrees = geos_reason("Ring Self-intersection[113.6512345 34.7501 ]".replace(" ]", "]"))
    assert degrees.text(QCoreApplication.translate) == "环自相交（位置 113.651235, 34.7501）"
    for problem in GEOS_PROBLEMS:
        said = geos_reason(f"{problem}[1 2]").text(QCoreApplication.translate)
        assert not english_words(said), said
    assert geos_reason("Valid Geometry") == "Valid Geometry"  # not a problem GEOS names: as it is


# -- the dialogs ------------------------------------------------------------------


def test_the_dialogs_speak_chinese(window, qtbot, tmp_path):
    from gridmap.staffing.settings import StaffingSettings
    from ui.output_saved import OutputSaved
    from ui.printing.dialog import PrintDialog
    from ui.site.site_dialog import SitePointDialog
    from ui.staff.party_picker import PartyPicker
    from ui.staff.staff_dialog import StaffDialog

    project = window.project
    zones = project.tables["zones"]
    communities = [(z.id, z.name) for z in zones.values() if z.level == 2]
    community = next(z for z in zones.values() if z.level == 2)
    households = sorted(project.tables["households"])[:3]
    staff = next(iter(project.tables["staff"].values()))
    (tmp_path / "图1.pdf").write_bytes(b"%PDF-1.4\n")
    dialogs = [
        PrintDialog(project, str(tmp_path)),
        window.partition_actions.open_dialog(community.id, show=False),
        StaffDialog(communities, None, window),
        StaffDialog(communities, staff, window),
        SitePointDialog("gate", window),
        PartyPicker(project, households, StaffingSettings.from_meta(project.meta).party_cap, window),
        OutputSaved([tmp_path / "图1.pdf"], window),
    ]
    texts = []
    for dialog in dialogs:
        qtbot.addWidget(dialog)
        dialog.resize(900, 700)
        dialog.show()
        qtbot.waitExposed(dialog)
        texts += widget_texts(dialog)
        dialog.close()
    assert len(texts) > 200 and "\n".join(leaks(texts)) == ""


def test_a_shapefiles_text_encoding_is_explained_in_chinese(window, qtbot, tmp_path):
    from tests.test_gis_import import _gbk_shapefile

    dialog = window.gis_actions.open_import(str(_gbk_shapefile(tmp_path)), show=False)
    qtbot.addWidget(dialog)
    assert dialog.read(wait=True).error is None
    assert "GBK" in dialog.summary.text()  # the encoding found, and why
    assert english_words(dialog.summary.text()) == []


# -- refused edits: every reason marked, said in Chinese where the window shows it ----------

def _gridmap_sources() -> list[tuple[str, str]]:
    return [(str(p.relative_to(ROOT)), p.read_text(encoding="utf-8")) for p in sorted((ROOT / "gridmap").rglob("*.py"))]


def _edit_error_classes(sources: list[tuple[str, str]]) -> set[str]:
    """EditError and every class of ``sources`` and gridmap derived from it (by name)."""
    classes, bases = {"EditError"}, {}
    for _file, code in [*_gridmap_sources(), *sources]:
        for node in ast.walk(ast.parse(code)):
            if isinstance(node, ast.ClassDef):
                bases[node.name] = {getattr(b, "id", getattr(b, "attr", "")) for b in node.bases}
    while True:
        more = {name for name, of in bases.items() if of & classes} - classes
        if not more:
            return classes
        classes |= more


def _keyed_templates() -> dict[str, tuple[str, dict[str, str]]]:
    """What each refusal helper and keyed error takes a key of: its context and templates."""
    from gridmap.commands import messages as edits
    from gridmap.gis import messages as gis
    from gridmap.model import messages as records
    from gridmap.partition import messages as partition
    from gridmap.topology import messages as zones
    from gridmap.zone_names import messages as names

    return {
        "gridmap.commands.messages.refusal": (edits.CONTEXT, edits.REFUSALS),
        "gridmap.commands.messages.word": (edits.CONTEXT, edits.WORDS),
        "gridmap.topology.messages.refusal": (zones.CONTEXT, zones.REFUSALS),
        "gridmap.topology.messages.shape_named": (zones.CONTEXT, zones.SHAPES),
        "gridmap.model.messages.record_refusal": (records.RECORDS, records.REFUSALS),
        "_refused": (records.RECORDS, records.REFUSALS),  # gridmap/model/validation.py
        "gridmap.gis.messages.file_error": (gis.CONTEXT, gis.FILE_PROBLEMS),  # (path, problem, advice)
        "gridmap.gis.messages.file_problem": (gis.CONTEXT, gis.FILE_PROBLEMS),
        "_damaged": (gis.CONTEXT, gis.FILE_PROBLEMS),  # gridmap/gis/encoding.py: a DBF table's problem
        "gridmap.gis.messages.crs_problem": (gis.CONTEXT, gis.CRS_PROBLEMS),
        "PartitionError": ("Partition", partition.REFUSALS),
        "ZoneNameError": (names.CONTEXT, names.REFUSALS),
    }


def _refusal_sites(sources: list[tuple[str, str]]) -> tuple[list[str], list[tuple[str, str, str]]]:
    """In ``sources`` ((file, code) pairs): the raises that give an EditError plain English, and
    the (where, context, template) of every keyed one (every template of its table where the key is computed).
    ProjectWriteError is the file's refusal, not a rule's: FileWatch.write_failed says it by its kind."""
    return _message_sites(sources, dict.fromkeys(_edit_error_classes(sources) - {"ProjectWriteError"}, (0,)))


TWO_KEYS = {"file_error"}  # file_error(path, problem, advice)
# GIS errors and where their messages are: GisFileError(path, problem, advice), CoordinateError(message)
GIS_ERRORS = {"GisFileError": (1, 2), "CoordinateError": (0,)}


def _message_sites(sources: list[tuple[str, str]], messages: dict[str, tuple[int, ...]]):
    """In ``sources``: the errors of ``messages`` (class name → positions of its message
    arguments) made with plain English, and the (where, context, template) of every keyed message."""
    helpers = _keyed_templates()
    english, keyed = [], []
    for file, code in sources:
        tree = ast.parse(code)
        imported = {alias.asname or alias.name: f"{node.module}.{alias.name}" for node in ast.walk(tree)
                    if isinstance(node, ast.ImportFrom) and node.module for alias in node.names}
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            name = getattr(node.func, "id", getattr(node.func, "attr", ""))
            where = f"{file}:{node.lineno}"
            helper = helpers.get(imported.get(name, name), helpers.get(name))
            if helper is not None:
                context, templates = helper
                keys = [a.value for a in node.args if isinstance(a, ast.Constant) and isinstance(a.value, str)]
                keys = keys[:2] if name in TWO_KEYS else keys[:1]
                keyed += [(where, context, templates.get(key, f"no such key: {key}")) for key in keys] or \
                    [(where, context, template) for template in templates.values()]
            elif name in messages:
                english += [f"{where}: {ast.unparse(node.args[at])}" for at in messages[name]
                            if at < len(node.args) and _plain_text(node.args[at])]
    return english, keyed


def _plain_text(message: ast.expr) -> bool:
    """A message written out (a literal, an f-string, a sum, ``str(…)``), not a marked template."""
    if isinstance(message, ast.Constant):
        return bool(message.value)  # GisFileError(path, problem, "") gives no advice
    return isinstance(message, (ast.JoinedStr, ast.BinOp)) or \
        (isinstance(message, ast.Call) and getattr(message.func, "id", "") == "str")


# Blanks a translation says that its English leaves to {description}
MORE_BLANKS = {"this edit would break a rule: {description}": {"rule", "places"},
               "this edit would break a rule: {description} (and {count} more)": {"rule", "places"}}


def _blanks(text: str) -> set[str]:
    import string

    return {field.split("!")[0] for _literal, field, _spec, _conversion in string.Formatter().parse(text) if field}


def test_every_refused_edit_gives_a_reason_said_in_chinese():
    """Every EditError gridmap raises carries a marked template (no English text of its own),
    and every template has a Chinese translation that fills only blanks it is given."""
    english, keyed = _refusal_sites(_gridmap_sources())
    assert english == []
    assert len(keyed) > 70 and not [k for k in keyed if k[2].startswith("no such key")]
    assert "\n".join(_untranslated(keyed)) == ""


def _untranslated(keyed: list[tuple[str, str, str]]) -> list[str]:
    """"where: template → translation" of each template without a Chinese translation
    that fills only blanks it is given."""
    wrong = []
    for where, context, template in sorted(set(keyed)):
        said = QCoreApplication.translate(context, template)
        if said == template or english_words(re.sub(r"\{[^}]*\}", " ", said)) or \
                not _blanks(said) <= _blanks(template) | MORE_BLANKS.get(template, set()):
            wrong.append(f"{where}: {template} → {said}")
    return wrong


def test_every_gis_file_and_coordinate_problem_is_said_in_chinese():
    """Every GisFileError and CoordinateError gridmap raises carries marked templates (a
    shapefile's damaged table, an unknown coordinate system, shapes the project cannot
    hold…), each raised somewhere and each with a Chinese translation."""
    from gridmap.gis import messages as gis

    english, keyed = _message_sites(_gridmap_sources(), GIS_ERRORS)
    assert english == []
    keyed = [site for site in keyed if site[1] == gis.CONTEXT]
    raised = {template for _where, _context, template in keyed}
    assert set(gis.FILE_PROBLEMS.values()) | set(gis.CRS_PROBLEMS.values()) <= raised  # none left unused
    assert not [site for site in keyed if site[2].startswith("no such key")]
    assert "\n".join(_untranslated(keyed)) == ""


def test_the_refusal_finder_sees_english_and_unknown_keys():
    code = """
from gridmap.commands.messages import refusal
class Stale(NoParentHere):
    pass
raise EditError(f"there is no zone {zone}")
raise Stale("the plan is " + "stale")
raise refusal("no_such_refusal")
raise refusal("gone")
"""
    english, keyed = _refusal_sites([("sample.py", code)])
    assert english == ['sample.py:5: f\'there is no zone {zone}\'', "sample.py:6: 'the plan is ' + 'stale'"]
    assert keyed == [("sample.py:7", "Edits", "no such key: no_such_refusal"),
                     ("sample.py:8", "Edits", "the building or the grid is gone")]
    contexts = {context for _where, context, _template in _refusal_sites(_gridmap_sources())[1]}
    assert {"ZoneDrawing", "Edits", "Records", "GisImport", "Partition", "ZoneNames"} <= contexts


def test_the_gis_error_finder_sees_english_and_unknown_keys():
    from gridmap.gis.messages import CRS_PROBLEMS, FILE_PROBLEMS

    code = """
from gridmap.gis.messages import crs_problem, file_error, file_problem
raise GisFileError(path, "is a folder.", "")
raise GisFileError(path, file_problem("is_folder"), "Choose the .shp file inside it.")
raise CoordinateError(f"Unknown coordinate reference system {text!r}")
raise CoordinateError(crs_problem("unknown_crs", text=text))
raise file_error(path, "no_such_problem", "copy_dbf")
"""
    english, keyed = _message_sites([("sample.py", code)], GIS_ERRORS)
    assert english == ["sample.py:3: 'is a folder.'", "sample.py:4: 'Choose the .shp file inside it.'",
                       "sample.py:5: f'Unknown coordinate reference system {text!r}'"]
    assert sorted(keyed) == [("sample.py:4", "GisImport", FILE_PROBLEMS["is_folder"]),
                             ("sample.py:6", "GisImport", CRS_PROBLEMS["unknown_crs"]),
                             ("sample.py:7", "GisImport", FILE_PROBLEMS["copy_dbf"]),
                             ("sample.py:7", "GisImport", "no such key: no_such_problem")]




def _refused_in_chinese(w, before: dict, expected: str) -> str:
    """The status bar's refusal, checked to be Chinese, to say ``expected`` and to match the callout."""
    message = w.statusBar().currentMessage()
    assert message.startswith("未执行：") and expected in message, message
    assert english_words(message) == [] and w.canvas.refusal.caption == message
    assert w.project.tables["zones"] == before
    return message


def test_refusals_on_the_map_say_why_in_chinese(small_window, qtbot):
    from tests.factories import X0, Y0
    from tests.test_vertex_handles import SHARED, _click, _drag

    w = small_window
    zones = dict(w.project.tables["zones"])
    w.tool_actions.tool_vertices.trigger()
    _drag(w.canvas.tool, w.canvas, SHARED, (X0 + 40, Y0 + 100))  # the boundary would cut 2号楼
    message = _refused_in_chinese(w, zones, "会违反规则“楼栋被边界切开”")
    assert "2号楼" in message

    w.tool_actions.tool_split.trigger()  # a cut inside 第1网格 that reaches no edge
    _click(w.canvas.tool, w.canvas, X0 + 10, Y0 + 80)
    _click(w.canvas.tool, w.canvas, X0 + 30, Y0 + 80)
    _refused_in_chinese(w, zones, "请从第1网格的一边画到另一边，只穿过一次（现在会分成 1 块）")

    w.tool_actions.tool_paint.trigger()  # 3号楼, 第2网格's only building, painted into 第1网格
    _click(w.canvas.tool, w.canvas, X0 + 50, Y0 + 80)
    _click(w.canvas.tool, w.canvas, X0 + 150, Y0 + 45)
    _refused_in_chinese(w, zones, "这样会把第2网格的楼栋全部移走：请改为合并网格")

    w.office_actions.draw(3)  # a grid whose outline crosses itself (a bow tie)
    w.canvas.tool.points = [(X0 + 10, Y0 + 60), (X0 + 40, Y0 + 90), (X0 + 40, Y0 + 60), (X0 + 10, Y0 + 90)]
    assert not w.canvas.tool.finish("第3网格")
    _refused_in_chinese(w, zones, "自相交")

    w.site_actions.draw("route")  # a route of one point clicked twice
    w.canvas.tool.points = [(X0 + 10, Y0 + 20), (X0 + 10, Y0 + 20)]
    assert not w.canvas.tool.finish()
    _refused_in_chinese(w, zones, "路线至少需要两个不同的点")

    assert not w.zone_naming.rename(3, "  ")  # a rename to an empty name: a message box says why
    qtbot.waitUntil(lambda: w.zone_naming.refusal is not None)
    assert w.zone_naming.refusal.text() == "区域名称不能为空"
    w.zone_naming.refusal.close()


def test_a_refused_quick_fix_says_why_in_chinese(small_window):
    """A fix chosen from a list that is a moment old (it is checked again 250 ms after an
    edit): the grid it would link the building to was deleted meanwhile."""
    from gridmap.commands.fixes import RelinkBuilding
    from gridmap.commands.zones import DeleteZone

    w = small_window
    project = w.project
    project.undo_stack.push(RelinkBuilding(3, 3))  # 3号楼, in 第2网格, linked to 第1网格
    w.problems.check()
    row = next(i for i, p in enumerate(w.problems.problems) if p.rule == "building_link")
    w.problems.list.setCurrentItem(w.problems.list.topLevelItem(row))
    project.undo_stack.push(DeleteZone(4, 3))  # 第2网格, where 3号楼 stands, goes to 第1网格
    assert not w.problems.fix(0)
    assert w.problems.summary.text() == "未执行：该楼栋或网格已不存在"


def test_a_gis_file_that_cannot_be_read_is_explained_in_chinese(small_window, qtbot, tmp_path):
    broken = tmp_path / "楼栋.gpkg"
    broken.write_bytes(b"not a GeoPackage at all\n" * 64)
    dialog = small_window.gis_actions.open_import(str(broken), show=False)
    qtbot.addWidget(dialog)
    assert dialog.summary.text() == (f"{broken}\n\nGDAL 无法读取该文件\n请确认文件完整，且为 GIS 格式（GeoPackage、"
                                     "Shapefile、GeoJSON、FlatGeobuf、OpenStreetMap .pbf/.osm）")
    lone = tmp_path / "道路.shp"  # a shapefile without its index and attribute table
    lone.write_bytes(b"\0" * 100)
    dialog.set_file(str(lone))
    assert dialog.summary.text() == (f"{lone}\n\n缺少该 Shapefile 的索引文件（.shx）\n"
                                     "请把 道路.shx 复制到 道路.shp 所在的文件夹：一个 Shapefile 由多个文件组成")
    assert english_words(dialog.summary.text().split("\n", 1)[1]) == []


# -- GIS files and coordinates the import dialog cannot use -----------------------------

def _read_in_dialog(w, qtbot, path: Path, target: str = "compounds", crs: str = "", offset: str | None = None):
    """The import dialog on ``path``, read (coordinate system ``crs`` and map ``offset``, if given)."""
    dialog = w.gis_actions.open_import(str(path), show=False)
    qtbot.addWidget(dialog)
    dialog.target.setCurrentIndex(dialog.target.findData(target))
    dialog.crs.setText(crs)
    if offset:
        dialog.offset.setCurrentIndex(dialog.offset.findData(offset))
    dialog.read(wait=True)
    return dialog


@pytest.mark.parametrize("label", ["KOI9", "base64"])
def test_a_cpg_that_names_no_text_encoding_is_explained_in_chinese(small_window, qtbot, tmp_path, label):
    """A .cpg naming an encoding nobody knows, or a codec that is no text encoding ("base64":
    reading stopped with a traceback and the dialog said it was cancelled): the text is read
    as what it decodes as, and the summary says why in Chinese."""
    from tests.test_gis_import import _gbk_shapefile

    shp = _gbk_shapefile(tmp_path)
    shp.with_suffix(".cpg").write_text(label, encoding="ascii")
    dialog = _read_in_dialog(small_window, qtbot, shp)
    assert dialog.source is not None and dialog.source.encoding == "GBK"
    # its Chinese, read right
    assert sorted(dialog.source.frame["名称"]) == ["新华里小区", "机械厂家属院", "纺织厂小区"]
    summary = dialog.summary.text()
    assert f"文字编码：文字按 GBK 解码无误，按 UTF-8 则不能；.cpg 文件标明为 '{label}'，这不是一种文字编码" in summary
    assert english_words(summary.replace(label, "")) == []  # the file's own label, quoted as it is


def test_a_damaged_attribute_table_is_explained_in_chinese(small_window, qtbot, tmp_path):
    from tests.test_gis_import import _gbk_shapefile

    shp = _gbk_shapefile(tmp_path)
    dbf = shp.with_suffix(".dbf")
    dbf.write_bytes(dbf.read_bytes()[:-10])  # the last record cut short
    dialog = _read_in_dialog(small_window, qtbot, shp)
    assert dialog.source is None and not dialog.import_button.isEnabled()
    assert dialog.summary.text() == (f"{dbf}\n\n文件不完整：表头声明有 3 条记录，但文件在第 2 条之后就结束了\n"
                                     "请从来源处重新复制该 Shapefile："
                                     "它的各个文件（.shp、.shx、.dbf、.prj、.cpg）须放在一起")


def test_coordinates_the_project_cannot_use_are_explained_in_chinese(small_window, qtbot, tmp_path):
    """Shapes 2,000 km east of the project, in Web Mercator; a coordinate system typed
    wrong; a map offset on projected coordinates; a shapefile without its .prj."""
    import geopandas as gpd

    from tests.factories import X0, Y0
    from tests.test_gis_import import _gbk_shapefile

    w = small_window
    srs = w.project.store.srs_id
    far = tmp_path / "远处.gpkg"
    shapes = [shapely.box(X0 + 2_000_000 + i * 20, Y0, X0 + 2_000_010 + i * 20, Y0 + 10) for i in range(2)]
    gpd.GeoDataFrame({"名称": ["甲", "乙"]}, geometry=shapes, crs=f"EPSG:{srs}").to_crs(3857).to_file(far)
    unprojected = _gbk_shapefile(tmp_path)
    unprojected.with_suffix(".prj").unlink()
    before = dict(w.project.tables["compounds"])
    said = []
    for path, crs, offset in ((far, "", None), (far, "EPSG:999999", None), (far, "", "gcj02"),
                              (unprojected, "", None)):
        dialog = _read_in_dialog(w, qtbot, path, crs=crs, offset=offset)
        assert dialog.source is not None and dialog.preview is None and not dialog.import_button.isEnabled()
        said.append(dialog.summary.text())
        dialog.close()
    assert said == [
        f"没有一个图形能放入项目坐标系 EPSG:{srs} 的范围（共 2 个）：请检查源数据的坐标系，可在“坐标系”一栏中指定。",
        "无法识别坐标系“EPSG:999999”：请填写 EPSG 代码（例如 EPSG:4547），或完整的坐标系定义文本。",
        ("地图偏移只适用于经纬度坐标，而源数据使用的是投影坐标系："
         "请把“地图偏移”设为“无”，或指定经纬度坐标系（例如 EPSG:4490）。"),
        "compounds.shp 未声明坐标系：请在“坐标系”一栏中指定，例如 EPSG:4490（CGCS2000 经纬度）。",
    ]
    assert w.project.tables["compounds"] == before


def test_a_new_project_that_cannot_be_made_says_why_in_chinese(small_window, tmp_path, monkeypatch):
    from tests.test_gis_import import _gbk_shapefile

    told = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: told.append((title, text)))
    unprojected = _gbk_shapefile(tmp_path)
    unprojected.with_suffix(".prj").unlink()
    actions = small_window.gis_actions
    assert actions.new_project_from(str(unprojected), str(tmp_path / "新项目.gpkg"), show=False) is None
    existing, with_crs = small_window.project.path, tmp_path / "有坐标系"
    with_crs.mkdir()
    assert actions.new_project_from(str(_gbk_shapefile(with_crs)), str(existing), show=False) is None
    assert told == [("无法新建项目", ("compounds.shp 未声明坐标系，无法据此确定新项目的坐标系：请为该文件补上坐标系"
                                   "（例如 Shapefile 的 .prj 文件）后重试。")),
                    ("无法新建项目", f"{existing} 已存在：新项目需要一个新文件")]
    assert not (tmp_path / "新项目.gpkg").exists() and small_window.project.path == existing
