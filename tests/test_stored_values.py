"""Values that hang or brick, already in a file: written behind gridmap's back
with sqlite3 (a datetime in a DATE column, 'NaN' and ∞ widths, a 1e308
coordinate, a million floors). The file still opens, repaired, and says what it
repaired; plans, printing, partitioning and the web map never loop over or
compute with the absurd value."""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import subprocess
import sys
import time

import numpy as np
import pytest
import shapely
from shapely.geometry import LineString, MultiLineString, MultiPolygon, Point

from gridmap.commands.households import EditHouseholds
from gridmap.model.changes import RowChange
from gridmap.model.entities import Building, Household, Unit
from gridmap.plans.layout import plan_layout
from gridmap.project import Project
from gridmap.storage import gpkg
from tests.factories import X0, Y0, box


def _write_behind_gridmap(path, sql: str, *params) -> None:
    """What another program (or a bug of old) may have stored, written with plain sqlite3."""
    conn = sqlite3.connect(path)
    gpkg.register_functions(conn)  # the R-tree triggers need them
    try:
        conn.execute(sql, params)
        conn.commit()
    finally:
        conn.close()


def _substitutes_when_read(path) -> list:
    """What opening the file substitutes (``Project.substitutes``)."""
    project = Project.open(path, read_only=True)
    project.close()
    return project.substitutes


def test_a_file_with_a_datetime_a_nan_width_and_garbage_still_opens_repaired(project):
    path = project.path
    project.close()
    _write_behind_gridmap(path, "UPDATE households SET last_checked = '2026-11-02T08:30:00.123+08:00' WHERE id = 4")
    _write_behind_gridmap(path, "UPDATE households SET last_checked = 'last Tuesday', people = 'two' WHERE id = 5")
    _write_behind_gridmap(path, "UPDATE streets SET width = 'NaN' WHERE id = 1")
    _write_behind_gridmap(path, "UPDATE buildings SET floors = 'six' WHERE id = 2")
    opened = Project.open(path)
    try:
        households = opened.tables["households"]
        assert households[4].last_checked == dt.date(2026, 11, 2)  # a datetime: its date
        assert (households[5].last_checked, households[5].people) == (None, 0)
        assert opened.tables["streets"][1].width == 12.0 and opened.tables["buildings"][2].floors == 1
        assert households[6].last_checked == dt.date(2026, 10, 1)  # the clean ones as they were
        opened.undo_stack.push(EditHouseholds([4], note="已走访"))  # and it can be edited: the date goes back clean
    finally:
        opened.close()
    assert sqlite3.connect(path).execute("SELECT last_checked FROM households WHERE id = 4").fetchone() == \
        ("2026-11-02",)
    assert [str(r) for r in _substitutes_when_read(path)] == [
        "buildings 2: floors 'six' cannot be read as stored; 1 is used",
        "households 5: people 'two' cannot be read as stored; 0 is used",
        "households 5: last_checked 'last Tuesday' cannot be read as stored; it is left blank",
        "streets 1: width 'NaN' cannot be read as stored; 12.0 is used"]
    result = subprocess.run([sys.executable, "-m", "gridmap", "validate", str(path)], capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 1 and "households 5: people 'two' cannot be read as stored" in result.stdout


def _store_building_at_1e308(path) -> None:
    shape = MultiPolygon([shapely.Polygon([(X0 + 20, Y0 + 40), (1e308, Y0 + 40), (X0 + 46, Y0 + 51)])])
    blob, = gpkg.encode_geometries([shape], 4547)
    _write_behind_gridmap(path, "UPDATE buildings SET geom = ? WHERE id = 1", blob)


def test_a_stored_1e308_coordinate_does_not_hang_the_web_map(project, tmp_path):
    path = project.path
    project.close()
    _store_building_at_1e308(path)
    out = tmp_path / "map.html"
    result = subprocess.run([sys.executable, "-m", "gridmap", "export", str(path), "--format", "html", "--out",
                             str(out)], capture_output=True, text=True, timeout=60,  # it used to spin for ever
                            env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr
    assert "楼栋 2," in result.stdout  # 3 buildings, the bad one left out
    assert "1e+308" not in out.read_text(encoding="utf-8") and "Infinity" not in out.read_text(encoding="utf-8")
    assert [str(r) for r in _substitutes_when_read(path)] == [  # what opening the file says
        ("buildings 1: the shape is left out (a coordinate lies far outside any coordinate system's range); "
         "draw it again")]


def test_the_web_maps_geometry_never_passes_on_garbage():
    from gridmap.webmap.geometry import geojson_geometries, lonlat_transformer, to_lonlat

    shapes = [box(0, 0, 10, 10), MultiPolygon([shapely.Polygon([(X0, Y0), (1e308, Y0), (X0, Y0 + 9)])]),
              Point(9e7, 9e7), None]
    started = time.perf_counter()
    out = to_lonlat(shapes, lonlat_transformer(4547))
    assert time.perf_counter() - started < 5
    assert [g is None or g.is_empty for g in out] == [False, True, True, True]
    assert geojson_geometries(out[1:3]) == [{"type": "MultiPolygon", "coordinates": []},
                                            {"type": "Point", "coordinates": []}]


def test_a_plan_caps_a_million_floors_and_absurd_rooms_and_says_so():
    building = Building(1, "1号楼", "00001", None, None, 1_000_000, "板楼", box(0, 0, 20, 10))
    units = [Unit(1, 1, 1, 2), Unit(2, 1, 2, 1_000_000)]
    homes = [Household(1, 1, 1, 3, "301", "常住"), Household(2, 1, 1, 5, "5" + "0" * 5000 + "1", "常住"),
             Household(3, 1, 1, 10**9, "1", "常住"), Household(4, 1, 1, 2, "2²", "常住"),
             Household(5, 1, 1, 3, "300", "常住")]  # room 0: no column for it
    started = time.perf_counter()
    layout = plan_layout(building, units, homes)
    assert time.perf_counter() - started < 1
    assert layout.floors[0] == 200 and layout.floors[-1] == 1 and len(layout.columns) == 2 + 100
    assert layout.capped and layout.hidden == (2, 3, 5)
    assert layout.cells[(200 - 3, 0)] == 1 and layout.cells[(200 - 2, 0)] == 4
    fine = plan_layout(building._replace(floors=6), [Unit(1, 1, 1, 2)], homes[:1])
    assert not fine.capped and fine.hidden == () and fine.shape == (6, 2)


def test_the_capped_plan_draws_and_tells(qapp):
    from PySide6.QtGui import QImage, QPainter

    from layers.render.plan import PlanGeometry, capped_note, draw_plan

    building = Building(1, "1号楼", "00001", None, None, 1_000_000, "板楼", box(0, 0, 20, 10))
    layout = plan_layout(building, [Unit(1, 1, 1, 2)], [Household(1, 1, 1, 10**9, "1", "常住")])
    assert capped_note(layout) in ("超出合理范围的楼层和房间未画出（1 户未显示）",  # once the translation is in
                                   "Floors and rooms beyond sane limits are not drawn (1 households not shown)")
    width, height = PlanGeometry().size(layout)
    assert height < 200 * 40 + 100
    image = QImage(int(width), int(height), QImage.Format.Format_RGB32)
    image.fill(0xFFFFFF)
    painter = QPainter(image)
    draw_plan(painter, layout, {}, [])
    painter.end()
    red = [image.pixelColor(x, y).red() > 150 and image.pixelColor(x, y).green() < 100
           for x in range(0, int(width), 2) for y in range(int(height) - 16, int(height))]
    assert any(red)  # the note, in red, on the last line


def test_printing_the_plans_of_a_million_floor_building_finishes(project, tmp_path):
    path = project.path
    project.close()
    _write_behind_gridmap(path, "UPDATE buildings SET floors = 1000000 WHERE id = 1")
    started = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "gridmap_command", "print", str(path), "--compound", "测试小区",
                             "--charts", "3", "--insets", "--out", str(tmp_path)], capture_output=True, text=True,
                            timeout=300, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr
    assert list(tmp_path.glob("*.pdf"))
    assert time.perf_counter() - started < 60  # a million rows of rooms took minutes


def test_partitioning_survives_a_stored_infinite_width(project):
    from gridmap.cli import main

    path = project.path
    project.close()
    between = MultiLineString([LineString([(X0 + 100, Y0 - 10), (X0 + 100, Y0 + 110)])])  # between the grids
    blob, = gpkg.encode_geometries([between], 4547)
    _write_behind_gridmap(path, "UPDATE streets SET width = 1e999, geom = ? WHERE id = 1", blob)  # SQLite keeps ∞
    assert main(["partition", str(path), "--zone", "410104099001", "--grids", "2"]) == 0
    assert main(["partition", str(path), "--zone", "410104099001", "--report"]) == 0


def test_the_quality_report_computes_with_usable_widths_only():
    from gridmap.partition.quality import assess

    parent = shapely.box(0, 0, 200, 100)
    grids = [("1", "一", shapely.box(0, 0, 100, 100)), ("2", "二", shapely.box(100, 0, 200, 100))]
    street = MultiLineString([LineString([(100, -10), (100, 110)])])
    quality = assess(parent, grids, np.array([shapely.box(10, 10, 20, 20)], dtype=object), np.array([5.0]), [],
                     [(street, float("inf")), (street, float("nan"))])
    assert quality.street_share == pytest.approx(1.0)


def test_estimates_take_at_most_the_tallest_sane_building():
    from gridmap.partition.proposal import estimated_households

    square = np.array([shapely.box(0, 0, 30, 30)], dtype=object)
    assert estimated_households(square, np.array([10**6])).tolist() == \
        estimated_households(square, np.array([200])).tolist() == [1500]


def test_an_absurd_stored_value_does_not_keep_the_rest_of_its_record_from_being_edited(project):
    from gridmap.commands.geometry import SetBuildingFootprint
    from gridmap.errors import EditError

    path = project.path
    project.close()
    _write_behind_gridmap(path, "UPDATE buildings SET floors = 1000000 WHERE id = 1")
    opened = Project.open(path)
    try:
        assert opened.tables["buildings"][1].floors == 1000000  # drawn capped, kept as stored
        opened.undo_stack.push(SetBuildingFootprint(1, shapely.box(X0 + 21, Y0 + 40, X0 + 46, Y0 + 51)))
        assert opened.tables["buildings"][1].geometry.bounds[0] == X0 + 21  # the footprint moved
        with pytest.raises(EditError, match="floors"):  # but nobody types a million floors in
            opened.apply([RowChange("buildings", opened.tables["buildings"][2],
                                    opened.tables["buildings"][2]._replace(floors=1000000))], label="x")
    finally:
        opened.close()
