"""Values that hang or brick, at the editing API: the checks every commit makes
(``check_changes``: types, sane ranges, control characters, lengths, shapes
whose coordinates are numbers within the project's CRS), and ``clean_text``,
what the import doors let in. (Files that already hold such values:
tests/test_stored_values.py; the GIS import: tests/test_values_import.py.)"""

from __future__ import annotations

import datetime as dt
import time
import warnings

import numpy as np
import pytest
import shapely
from shapely.geometry import MultiPolygon, Point

from gridmap.commands.households import EditHouseholds
from gridmap.errors import EditError
from gridmap.model.changes import RowChange
from gridmap.model.entities import Street, Zone
from gridmap.model.tables import TABLE_ORDER
from gridmap.model.validation import check_changes, clean_text, usable_widths
from gridmap.project import Project
from tests.factories import X0, Y0, box

TAGS = {"独居", "空巢", "残疾", "志愿者", "微信进群"}


def _with_nan() -> MultiPolygon:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # shapely notes the NaN we put there
        return MultiPolygon([shapely.Polygon([(X0, Y0), (X0 + 9, np.nan), (X0, Y0 + 9)])])


def _check(project, table: str, key: int, **values) -> None:
    """check_changes on one record of ``project`` changed as ``values`` say."""
    before = project.tables[table][key]
    check_changes([RowChange(table, before, before._replace(**values))], 4547, TAGS)


# -- the editing API -----------------------------------------------------------------

@pytest.mark.parametrize("table, key, values, words", [
    ("households", 4, {"last_checked": dt.datetime(2026, 11, 2, 8, 30)},
     "households 4: last_checked must be a date, not datetime '2026-11-02 08:30:00'"),
    ("households", 4, {"people": "3"}, "households 4: people must be a whole number, not str '3'"),
    ("households", 4, {"people": True}, "households 4: people must be a whole number, not bool 'True'"),
    ("households", 4, {"floor": np.int64(2)}, "households 4: floor must be a whole number, not numpy.int64 '2'"),
    ("households", 4, {"follow_up": 1}, "households 4: follow_up must be true or false, not int '1'"),
    ("households", 4, {"tags": {"独居"}}, "households 4: tags must be a set of names, not set"),
    ("households", 4, {"room": None}, "households 4: room must be text, not nothing"),
    ("streets", 1, {"width": float("nan")}, "streets 1: width must be a finite number, not nan"),
    ("streets", 1, {"width": float("inf")}, "streets 1: width must be a finite number, not inf"),
    ("streets", 1, {"width": -3.0}, "streets 1: width cannot be negative (-3.0)"),
    ("streets", 1, {"width": 1e9}, "streets 1: width 1000000000.0 is beyond the sane range 0 to 200"),
    ("buildings", 1, {"floors": 1_000_000}, "buildings 1: floors 1000000 is beyond the sane range 0 to 200"),
    ("households", 4, {"floor": 201}, "households 4: floor 201 is beyond the sane range -20 to 200"),
    ("households", 4, {"people": 100}, "households 4: people 100 is beyond the sane range 0 to 99"),
    ("households", 4, {"last_checked": dt.date(1899, 12, 31)},
     "households 4: last_checked 1899-12-31 is not a plausible date"),
    ("households", 4, {"last_checked": dt.date(9999, 1, 1)},
     "households 4: last_checked 9999-01-01 is not a plausible date (from 1900-01-01 to 2099-12-31)"),
    ("zones", 3, {"name": "第1网格\x07"}, "zones 3: name holds the control character U+0007; names hold none"),
    ("zones", 3, {"name": "第1\n网格"}, "zones 3: name holds the control character U+000A"),
    ("zones", 3, {"name": "第1网格\u202e"}, "zones 3: name holds the control character U+202E"),
    ("zones", 3, {"name": "\ud800"}, "zones 3: name holds the control character U+D800"),
    ("households", 4, {"note": "门铃坏了\x00"}, ("households 4: note holds the control character U+0000; only "
                                               "line feeds and tabs are allowed in a note")),
    ("households", 4, {"note": "\x85"}, "households 4: note holds the control character U+0085"),
    ("staff", 1, {"roles": frozenset({"网格长\x1b"})}, "staff 1: roles holds the control character U+001B"),
    ("zones", 3, {"name": "网" * 10_001}, "zones 3: name is 10,001 characters long; at most 500 are allowed"),
    ("households", 4, {"note": "记" * 10_001}, "households 4: note is 10,001 characters long; at most 10,000"),
    ("buildings", 1, {"geometry": shapely.box(X0, Y0, X0 + 5, Y0 + 5)},
     "buildings 1: the shape must be a MultiPolygon, not a Polygon"),
    ("buildings", 1, {"geometry": MultiPolygon([shapely.Polygon([(X0, Y0), (1e308, Y0), (X0, Y0 + 9)])])},
     "buildings 1: the shape is refused: a coordinate (1e+308, 3.849e+06) lies far outside the area EPSG:4547"),
    ("buildings", 1, {"geometry": _with_nan()},
     "buildings 1: the shape is refused: a coordinate is not a number (470009, nan)"),
    ("site_points", 1, {"geometry": Point(X0 + 2_000_000, Y0)},
     "site_points 1: the shape is refused: a coordinate (2.47e+06, 3.849e+06) lies far outside"),
])
def test_the_editing_api_refuses_wrong_types_absurd_values_and_control_characters(project, table, key, values,
                                                                                   words):
    with pytest.raises(EditError) as refused:
        _check(project, table, key, **values)
    assert str(refused.value).startswith(words), str(refused.value)


@pytest.mark.parametrize("table, key, values", [
    ("households", 4, {"note": "第一行\n第二行\t缩进", "last_checked": dt.date(2099, 12, 31)}),
    ("households", 4, {"floor": -20, "people": 99, "last_checked": dt.date(1900, 1, 1)}),
    ("buildings", 1, {"floors": 200, "number": "楼" * 500}),
    ("streets", 1, {"width": 200, "name": "新华街"}),  # a whole number is a width too
    ("streets", 1, {"width": np.float64(16.5)}),
    ("zones", 3, {"parts_allowed": np.bool_(True)}),  # what shapely's predicates give
    ("zones", 3, {"geometry": box(-900_000, 0, -899_000, 100)}),  # 900 km west of Zhengzhou: within the margin
    ("households", 4, {"last_checked": None, "tags": frozenset({"独居", "志愿者"})}),
])
def test_sane_values_pass(project, table, key, values):
    _check(project, table, key, **values)


def test_every_record_of_the_demo_passes(demo_file):
    """No false alarm: the demo's 11,506 households, 307 buildings and all the
    rest, checked as one change set that inserts them all."""
    project = Project.open(demo_file, read_only=True)
    try:
        changes = [RowChange(name, None, record) for name in TABLE_ORDER if name != "change_log"
                   for record in project.tables[name].values()]
        tags = {t.name for t in project.tables["tag_defs"].values()}
        started = time.perf_counter()
        check_changes(changes, project.store.srs_id, tags)
        assert time.perf_counter() - started < 2.0  # about 0.1 s: column by column, not value by value
    finally:
        project.close()


def test_a_datetime_through_the_household_command_is_refused_before_anything_happens(project):
    data = project.path.read_bytes()
    with pytest.raises(EditError, match="households: last_checked must be a date, not datetime"):
        EditHouseholds([4], last_checked=dt.datetime(2026, 11, 2, 8, 30, tzinfo=dt.UTC))
    with pytest.raises(EditError, match=r"households: note holds the control character U\+0007"):
        EditHouseholds([4], note="\x07")
    assert project.path.read_bytes() == data and not project.tables["change_log"]


def test_clean_text_is_what_the_doors_let_in():
    assert clean_text("  5号楼\x07 ") == "5号楼"
    assert clean_text("新华\t街\r\n") == "新华 街"
    assert clean_text("一\r\n二\u2028三\t四\x00", note=True) == "一\n二\n三\t四"
    assert clean_text("\u202e楼") == "楼" and clean_text(None) == "" and clean_text(12) == "12"
    assert len(clean_text("名" * 20_000)) == 500 and len(clean_text("记" * 20_000, note=True)) == 10_000


def test_zone_geometry_checks_run_over_every_shape_at_once(project):
    """A change set of many shapes is checked in one pass over all their vertices."""
    zone: Zone = project.tables["zones"][3]
    changes = [RowChange("zones", zone, zone._replace(id=100 + i, geometry=box(i, 0, i + 1, 1))) for i in range(5000)]
    started = time.perf_counter()
    check_changes(changes, 4547, TAGS)
    assert time.perf_counter() - started < 1.0
    bad = zone._replace(id=99, geometry=box(0, 0, 1, np.inf))
    with pytest.raises(EditError, match="zones 99: the shape is refused: a coordinate is not a number"):
        check_changes(changes + [RowChange("zones", zone, bad)], 4547, TAGS)


def test_a_street_record_of_another_kind_is_refused(project):
    street = project.tables["streets"][1]
    with pytest.raises(EditError, match="streets: a Zone is not a Street record"):
        check_changes([RowChange("streets", street, project.tables["zones"][3])], 4547, TAGS)
    assert isinstance(street, Street)


def test_street_widths_to_compute_with():
    assert usable_widths([16.0, float("inf"), float("nan"), -3.0, 1e9, "wide", None, 0]).tolist() == \
        [16.0, 12.0, 12.0, 12.0, 12.0, 12.0, 12.0, 0.0]


def test_superscript_digits_in_stored_text_never_reach_int():
    """'²'.isdigit() is True but int('²') fails: names and codes sort and parse without it."""
    from gridmap.hierarchy import natural_key

    assert sorted(["10号楼", "2²号楼", "2号楼"], key=natural_key)[-1] == "10号楼"  # it used to raise ValueError
    from gridmap.codes import serial_of

    assert serial_of("4101040990010²", "410104099001", 2) is None
