"""Attacks on renaming zones and on the path from a GIS file to a grid tree
(issue 18), as a street-office planner slips and as a hostile name would try:
invisible characters, a read-only project, a street office made twice or
named like another, degenerate building layouts, outlines with no area,
serial names written in Chinese numerals, and a partition dialog whose
missing step is cancelled or refused."""

from __future__ import annotations

import pytest
import shapely
from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtWidgets import QApplication, QInputDialog, QLineEdit, QMessageBox, QToolButton
from shapely.geometry import LineString, Polygon

from gridmap.commands.zones import DrawZone, NameBySerial, RenameZone, SplitZone
from gridmap.errors import EditError
from gridmap.model.changes import RowChange
from gridmap.project import Project
from gridmap.topology.office import built_up_outline
from gridmap.zone_names.rules import ZoneNameError
from gridmap.zone_names.serials import chinese_numeral, is_serial_name
from tests.factories import MOMENT, X0, Y0, small_project, small_tables
from tests.windows import shown_window

SPLIT_FIRST_GRID = LineString([(X0 + 53, Y0 - 5), (X0 + 53, Y0 + 105)])  # 第1网格 in two: a new 第3网格 east of it


def _said(context: str, source: str) -> str:
    return QCoreApplication.translate(context, source)


# -- names that look like another, or like nothing -------------------------------------------

@pytest.mark.parametrize("name", [
    "第2网格\u200b",  # a zero-width space: looks exactly like its sibling 第2网格
    "\u200f第2网格",  # a right-to-left mark
    "第2网格\ufeff",  # a byte-order mark, pasted from a file
    "第2网格\u00ad",  # a soft hyphen
    "\u200b",  # a name of nothing at all
    "\u3164",  # the Hangul filler, a letter every font draws blank
])
def test_a_name_with_a_character_that_prints_as_nothing_is_refused(project, name):
    with pytest.raises(ZoneNameError) as refused:
        project.undo_stack.push(RenameZone(3, name))
    assert refused.value.key == "invisible" and f"U+{ord(next(c for c in name if c not in '第2网格')):04X}" in str(
        refused.value)
    assert project.tables["zones"][3].name == "第1网格" and not project.undo_stack.can_undo


def test_a_new_street_office_is_named_by_the_same_rules_as_a_rename(project):
    beside = Polygon([(X0 + 300, Y0), (X0 + 400, Y0), (X0 + 400, Y0 + 100), (X0 + 300, Y0 + 100)])
    for name, key in (("测试街道", "taken_top"), ("测试\u200b街道", "invisible"), ("街" * 41, "long")):
        with pytest.raises(ZoneNameError) as refused:
            project.undo_stack.push(DrawZone(None, beside, name))
        assert refused.value.key == key
    with pytest.raises(ZoneNameError) as refused:  # a grid drawn with a name: its siblings' names are taken
        project.undo_stack.push(DrawZone(2, Polygon([(X0 + 5, Y0 + 5), (X0 + 15, Y0 + 5), (X0 + 15, Y0 + 15)]),
                                         "第２网格", 3))
    assert refused.value.key == "taken"
    assert len(project.tables["zones"]) == 4 and not project.undo_stack.can_undo
    assert project.undo_stack.push(DrawZone(None, beside, "  二号街道 "))
    assert sorted(z.name for z in project.tables["zones"].values() if z.parent_id is None) == ["二号街道", "测试街道"]


def test_a_refused_name_reaches_the_window_in_chinese(small_window, qtbot):
    w = small_window
    assert w.tree.edit_zone_name(3)
    qtbot.waitUntil(lambda: isinstance(w.focusWidget(), QLineEdit))
    w.focusWidget().selectAll()
    w.focusWidget().insert("第2网格\u200b")
    qtbot.keyClick(w.focusWidget(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: w.zone_naming.refusal is not None)
    assert "U+200B" in w.zone_naming.refusal.text()
    assert w.zone_naming.refusal.text() == _said("ZoneNames", ZoneNameError("invisible", code="U+200B").args[0]
                                                 .template).format(code="U+200B")
    assert w.project.tables["zones"][3].name == "第1网格"
    w.zone_naming.refusal.close()


# -- a read-only project ---------------------------------------------------------------------

class ModalCloser:
    """Closes each modal message box as it opens (QMessageBox.warning blocks), keeping its text."""

    def __init__(self) -> None:
        self.texts: list[str] = []
        self.timer = QTimer()
        self.timer.setInterval(20)
        self.timer.timeout.connect(self._close)
        self.timer.start()

    def _close(self) -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            self.texts.append(box.text())
            box.done(0)


def test_renaming_a_read_only_project_says_so_once_in_chinese_and_changes_nothing(qtbot, tmp_path):
    small_project(tmp_path / "small.gpkg").close()
    w = shown_window(qtbot, Project.open(tmp_path / "small.gpkg", read_only=True), 1400, 900)
    closer = ModalCloser()
    assert not w.zone_naming.rename(3, "东片网格")
    assert w.project.tables["zones"][3].name == "第1网格" and not w.project.undo_stack.can_undo
    qtbot.waitUntil(lambda: len(closer.texts) == 1)
    assert _said("ProjectFile", "The project is open read-only.") in closer.texts[0]
    assert w.zone_naming.refusal is None  # not a second box, in English, saying the same
    assert w.zone_naming.box is None
    closer.timer.stop()
    w.close()


# -- naming by serial ------------------------------------------------------------------------

def test_chinese_numerals_are_serials_and_naming_keeps_them(project):
    assert [chinese_numeral(n) for n in (1, 10, 12, 20, 101, 110)] == ["一", "十", "十二", "二十",
                                                                       "一百零一", "一百一十"]
    assert is_serial_name("第十二网格", "网格") and not is_serial_name("第一中学网格", "网格")
    assert project.undo_stack.push(RenameZone(3, "第一网格"))
    assert project.undo_stack.push(RenameZone(4, "第二网格"))
    assert project.undo_stack.push(SplitZone(3, SPLIT_FIRST_GRID))  # the new part is called 第3网格
    assert project.undo_stack.push(NameBySerial([2]))
    kids = sorted((z for z in project.tables["zones"].values() if z.parent_id == 2), key=lambda z: z.geometry.bounds[0])
    assert [(z.name, z.code[-3:]) for z in kids] == [("第一网格", "001"), ("第二网格", "002"), ("第三网格", "003")]


def test_naming_the_street_office_s_grids_names_each_community_s_grids_and_keeps_community_codes(tmp_path):
    from tests.factories import two_communities_tables

    tables = two_communities_tables()
    zones = tables["zones"]
    east, west = (next(i for i, z in enumerate(zones) if z.name == n) for n in ("东社区", "西社区"))
    # the civil affairs codes of the two communities run east to west, against reading order
    zones[east], zones[west] = zones[east]._replace(code=zones[west].code), zones[west]._replace(code=zones[east].code)
    for i, z in enumerate(zones):
        if z.level == 3:
            parent = next(p for p in zones if p.id == z.parent_id)
            zones[i] = z._replace(code=parent.code + z.code[-3:])
    project = Project.create(tmp_path / "two.gpkg", epsg=4547, tables=tables, meta={"title": "二"}, moment=MOMENT)
    try:
        from gridmap.zone_names.serials import parents_to_name

        office = next(z.id for z in project.tables["zones"].values() if z.level == 1)
        communities = {z.id: z.code for z in project.tables["zones"].values() if z.level == 2}
        assert sorted(parents_to_name(project, office)) == sorted(communities)
        project.undo_stack.push(NameBySerial(parents_to_name(project, office)))
        assert {z.id: z.code for z in project.tables["zones"].values() if z.level == 2} == communities
        assert parents_to_name(project, next(iter(communities))) == [next(iter(communities))]
        grid = next(z for z in project.tables["zones"].values() if z.level == 3)
        assert parents_to_name(project, grid.id) == [grid.parent_id]
    finally:
        project.close()


# -- the street office from degenerate data --------------------------------------------------

@pytest.mark.parametrize("footprints", [
    [shapely.box(0, 0, 20, 10), shapely.box(2000, 0, 2020, 10)],  # two hamlets 2 km apart
    [shapely.box(0, 0, 20, 10), shapely.box(30000, 5000, 30020, 5010)],  # 30 km apart
])
def test_the_buildings_outline_holds_buildings_far_apart(footprints):
    """It was empty: the shrink back after joining them ate the whole area."""
    outline = built_up_outline(footprints)
    assert outline.is_valid and outline.area > sum(f.area for f in footprints)
    assert shapely.contains(outline, footprints).all()


def test_an_outline_with_no_area_is_said_to_have_none_and_a_crossing_one_to_cross(project):
    def at(*points):
        return Polygon([(X0 + x, Y0 + y) for x, y in points])

    for outline, key in ((at((10, 10), (20, 20), (30, 30)), "no_area"),  # corners on one line
                         (at((10, 10), (10.0001, 10), (10.0001, 10.0001)), "no_area"),  # a slip of the mouse
                         (at((10, 10), (40, 40), (40, 10), (10, 40)), "crosses")):  # a bow tie (its area sums to 0)
        for parent in (3, None):
            with pytest.raises(EditError) as refused:
                project.undo_stack.push(DrawZone(parent, outline, None, 4 if parent else 1))
            assert refused.value.args[0].template.startswith({"no_area": "the drawn outline encloses",
                                                              "crosses": "the drawn outline crosses"}[key])
    assert len(project.tables["zones"]) == 4


def test_a_street_office_drawn_on_the_old_one_is_refused_in_chinese(qtbot, small_window):
    w = small_window
    w.office_actions.draw(1)
    tool = w.canvas.tool
    tool.points = [(X0 + 10, Y0 + 10), (X0 + 60, Y0 + 10), (X0 + 60, Y0 + 60)]
    assert not tool.finish("二号街道")
    message = w.statusBar().currentMessage()
    assert "测试街道" in message and _said("ZoneDrawing", "the new zone lies wholly on ground {zones} already "
                                                         "holds: draw it beside, or at the level below"
                                           ).format(zones="测试街道") in message
    tool.points = [(X0 + 10, Y0 + 10), (X0 + 20, Y0 + 20), (X0 + 30, Y0 + 30)]
    assert not tool.finish("二号街道")
    assert _said("ZoneDrawing", "the drawn outline encloses (almost) no area: click three or more corners apart "
                                "from each other") in w.statusBar().currentMessage()
    assert len(w.project.tables["zones"]) == 4


# -- communities along streets, and the partition dialog's missing steps --------------------

@pytest.fixture
def bare_window(qtbot, tmp_path):
    """The window on a project of three buildings and one street, with no zone yet."""
    tables = small_tables()
    tables["zones"], tables["assignments"], tables["staff"], tables["party_links"] = [], [], [], []
    tables["buildings"] = [b._replace(zone_id=None) for b in tables["buildings"]]
    project = Project.create(tmp_path / "bare.gpkg", epsg=4547, tables=tables, meta={"title": "测试"}, moment=MOMENT)
    w = shown_window(qtbot, project)
    yield w
    w.close()


def _step(dialog, action) -> QToolButton:
    return next(b for b in dialog.missing.findChildren(QToolButton) if b.defaultAction() is action)


def test_a_missing_step_cancelled_or_refused_leaves_the_dialog_asking_for_it(qtbot, bare_window, monkeypatch):
    w = bare_window
    w.partition_actions.partition.trigger()
    dialog = w.partition_actions.dialog
    office_text = dialog.missing_text.text()
    assert dialog.show_missing() == "office"
    answers = iter([("", False), ("测试\u200b街道", True), ("测试街道", True)])  # cancel, an invisible mark, right
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: next(answers))
    said = []
    monkeypatch.setattr(QMessageBox, "information", lambda parent, title, text: said.append(text))
    qtbot.mouseClick(_step(dialog, w.office_actions.office_from_outline), Qt.MouseButton.LeftButton)
    assert not w.project.tables["zones"] and dialog.missing.isVisible() and dialog.missing_text.text() == office_text
    qtbot.mouseClick(_step(dialog, w.office_actions.office_from_outline), Qt.MouseButton.LeftButton)
    assert not w.project.tables["zones"] and dialog.missing_text.text() == office_text
    assert "U+200B" in w.statusBar().currentMessage()  # in Chinese, where it was refused
    assert _step(dialog, w.office_actions.office_from_outline).isEnabled()
    qtbot.mouseClick(_step(dialog, w.office_actions.office_from_outline), Qt.MouseButton.LeftButton)
    assert [z.name for z in w.project.tables["zones"].values()] == ["测试街道"]
    assert dialog.show_missing() == "communities"
    # the only street lies outside the office and is a branch road: nothing to divide along, and it says why
    monkeypatch.setattr(QInputDialog, "getItem", lambda parent, title, label, items, current, editable:
                        (items[current], True))
    qtbot.mouseClick(_step(dialog, w.office_actions.communities_along_roads), Qt.MouseButton.LeftButton)
    assert said == [_said("OfficeActions", "No road of those classes crosses %1: choose more of them, import "
                                           "streets, or draw the communities.").replace("%1", "测试街道")]
    assert dialog.show_missing() == "communities" and len(w.project.tables["zones"]) == 1


def test_dividing_along_streets_when_the_project_has_none_says_to_import_them(qtbot, bare_window, monkeypatch):
    w = bare_window
    w.project.undo_stack.push(DrawZone(None, shapely.box(X0 - 50, Y0 - 50, X0 + 250, Y0 + 150), "测试街道"))
    street = next(iter(w.project.tables["streets"].values()))
    w.project.commit([RowChange("streets", street, None)], label="test")
    said = []
    monkeypatch.setattr(QMessageBox, "information", lambda parent, title, text: said.append(text))
    assert not w.office_actions.split_along_roads(("主干路",))
    assert said == [_said("OfficeActions", "The project has no streets to divide %1 along: import them (File ▸ GIS "
                                           "Data ▸ Import Layer), or draw the communities.").replace("%1", "测试街道")]


def test_communities_drawn_before_their_street_office_go_under_it(qtbot, bare_window, monkeypatch):
    """The office was a ring around them, and they stayed top zones with no office."""
    w = bare_window
    stack = w.project.undo_stack
    assert stack.push(DrawZone(None, shapely.box(X0 - 20, Y0 - 20, X0 + 100, Y0 + 120), "东社区", 2))
    assert stack.push(DrawZone(None, shapely.box(X0 + 100, Y0 - 20, X0 + 220, Y0 + 120), "西社区", 2))
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("测试街道", True))
    assert w.office_actions.make_office("outline")  # Street Office from the Buildings' Outline
    zones = {z.name: z for z in w.project.tables["zones"].values()}
    office = zones["测试街道"]
    assert (zones["东社区"].parent_id, zones["西社区"].parent_id) == (office.id, office.id)
    assert (zones["东社区"].code, zones["西社区"].code) == (office.code + "001", office.code + "002")
    assert office.geometry.symmetric_difference(shapely.box(X0 - 20, Y0 - 20, X0 + 220, Y0 + 120)).area < 1e-3
    stack.undo()
    assert [(z.name, z.parent_id) for z in w.project.tables["zones"].values()] == [("东社区", None), ("西社区", None)]
    # drawn wider than its communities: the ground beyond them is one more community, so they cover it
    assert stack.push(DrawZone(None, shapely.box(X0 - 20, Y0 - 20, X0 + 400, Y0 + 120), "测试街道", 1))
    office = next(z for z in w.project.tables["zones"].values() if z.level == 1)
    kids = [z for z in w.project.tables["zones"].values() if z.level == 2]
    assert len(kids) == 3 and {z.parent_id for z in kids} == {office.id}
    assert sorted(round(z.geometry.area) for z in kids) == [16800, 16800, 25200]


def test_drawing_at_each_level_with_and_without_a_parent(qtbot, bare_window, monkeypatch):
    w = bare_window
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("东社区", True))

    def draw(level, x0, y0, x1, y1):
        w.office_actions.draw(level)
        w.canvas.tool.points = [(X0 + x0, Y0 + y0), (X0 + x1, Y0 + y0), (X0 + x1, Y0 + y1), (X0 + x0, Y0 + y1)]
        return w.canvas.tool.finish()

    assert draw(2, -20, -20, 220, 120)  # a community and no street office yet: a top zone, named as asked
    community = next(iter(w.project.tables["zones"].values()))
    assert (community.name, community.level, community.parent_id) == ("东社区", 2, None)
    assert draw(3, -20, -20, 100, 120)  # a grid inside it; the rest of the community is a second grid
    grids = [z for z in w.project.tables["zones"].values() if z.level == 3]
    assert len(grids) == 2 and {g.parent_id for g in grids} == {community.id}
    assert not draw(4, 400, 400, 500, 500)  # a micro-grid outside every grid: said where, nothing drawn
    assert _said("DrawZoneTool", "no %1 lies here to hold the new %2: draw it inside one").replace(
        "%1", _said("ZoneLevels", "grid")).replace("%2", _said("ZoneLevels", "micro-grid")) in \
        w.statusBar().currentMessage()
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("测试街道", True))
    assert draw(1, -30, -30, 230, 130)  # the street office around it: the community goes under it
    zones = w.project.tables["zones"]
    office = next(z for z in zones.values() if z.level == 1)
    assert zones[community.id].parent_id == office.id and len(zones) == 5  # and the ring beyond is one more community
    assert all(z.code.startswith(office.code) for z in zones.values())
