"""Random text where people type it (grid, compound, street, site and staff names,
household notes), through the editing API as the window cleans it, and then out
through every export: GIS layers (UTF-8 and GBK shapefiles), the workbook, the
web map and a printed chart. Nothing crashes, nothing comes out as a formula,
and what a format can hold comes back as it went in.
(The roster import's own property test is tests/test_workbook_property.py.)"""

from __future__ import annotations

import json

import pyogrio
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from gridmap_command import main
from gridmap.commands.households import EditHouseholds
from gridmap.gis.export import shapefile_text
from gridmap.model.changes import RowChange
from gridmap.model.validation import clean_text
from tests.factories import small_project

pytestmark = pytest.mark.slow

HOSTILE = st.one_of(
    st.text(min_size=1, max_size=40),
    st.sampled_from(["=HYPERLINK(\"http://x\",\"点我\")", "=cmd|'/c calc'!A1", "+1+2", "-3", "@SUM(A1)",
                     "\u202e反转\u202c", "网格😀👨‍👩‍👧", "第３网格²", "\x00\x07\x1b控制", "\t\r\n换行", "_x0041_",
                     "\ufffe\uffff", "<script>alert(1)</script>", "名" * 100_000]),
)


def _gridmap(capsys, *args) -> tuple[int, str]:
    """``gridmap args`` in this process (a subprocess per export would take minutes): code and stderr."""
    capsys.readouterr()
    code = main([str(a) for a in args])
    return code, capsys.readouterr().err


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=HOSTILE)
def test_any_text_goes_out_through_every_export(text, tmp_path_factory, capsys, monkeypatch):
    import gridmap.storage.lock

    monkeypatch.setattr(gridmap.storage.lock, "_program", dict(gridmap.storage.lock._program))  # main() sets it
    folder = tmp_path_factory.mktemp("text")
    project = small_project(folder / "p.gpkg")
    name, note = clean_text(text), clean_text(text, note=True)  # what the window's fields let in
    name = name or "无名"
    t = project.tables
    project.apply([RowChange("zones", t["zones"][3], t["zones"][3]._replace(name=name)),
                   RowChange("compounds", t["compounds"][1], t["compounds"][1]._replace(name=name)),
                   RowChange("streets", t["streets"][1], t["streets"][1]._replace(name=name)),
                   RowChange("site_points", t["site_points"][1], t["site_points"][1]._replace(name=name)),
                   RowChange("staff", t["staff"][1], t["staff"][1]._replace(name=name))], label="names")
    project.undo_stack.push(EditHouseholds([1], note=note))
    project.close()
    path = folder / "p.gpkg"
    for args in (["--format", "gpkg", "--out", folder / "o.gpkg"], ["--format", "shp", "--out", folder / "utf8"],
                 ["--format", "shp", "--out", folder / "gbk", "--encoding", "gbk"],
                 ["--format", "geojson", "--out", folder / "geojson"], ["--format", "xlsx", "--out", folder / "o.xlsx"],
                 ["--format", "xlsx", "--out", folder / "i.xlsx", "--mode", "internal"],
                 ["--format", "html", "--out", folder / "o.html"]):
        code, err = _gridmap(capsys, "export", path, *args)
        assert code == 0 and "Traceback" not in err, (args, err[-2000:])
    code, err = _gridmap(capsys, "print", path, "--compound", name, "--charts", "1", "--out", folder / "charts")
    assert code == 0 and "Traceback" not in err, err[-2000:]
    assert list((folder / "charts").glob("*.pdf"))

    zones = pyogrio.read_dataframe(folder / "o.gpkg", layer="zones", read_geometry=False)
    assert name in set(zones["name"])  # the GeoPackage keeps every character
    for codec in ("utf-8", "gbk"):  # a shapefile what its field holds: said on stderr when it is less
        names = set(pyogrio.read_dataframe(folder / codec.replace("-", "") / "zones.shp", read_geometry=False)["name"])
        assert shapefile_text(name, codec) in names
    features = json.loads((folder / "geojson" / "zones.geojson").read_text(encoding="utf-8"))["features"]
    assert name in {f["properties"]["name"] for f in features}
    book = load_workbook(folder / "i.xlsx")
    cells = [c for sheet in book.worksheets for row in sheet.iter_rows() for c in row if c.value is not None]
    assert not [c.coordinate for c in cells if c.data_type == "f"]  # no formula, whatever the text
    html = (folder / "o.html").read_text(encoding="utf-8")
    assert "<script>alert(1)</script>" not in html
