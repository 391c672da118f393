"""Public means public in every output at once: every public file the demo can be
turned into (GIS layers, workbooks, the web map, the wall charts) scanned for
every resident's name, phone and ID number, every household note and every
sensitive tag: 0 hits."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pyogrio
import pytest
from python_calamine import CalamineWorkbook

from gridmap.project import Project

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parents[1]
_SPLIT = re.compile(r"[\s,，、;；:：()（）\[\]{}<>\"'/|·—-]+")


def _gridmap(*args) -> None:
    result = subprocess.run([sys.executable, "-m", "gridmap_command", *map(str, args)], capture_output=True, text=True,
                            timeout=600, cwd=ROOT)
    assert result.returncode == 0, result.stderr


def _layers_text(path: Path) -> str:
    parts = []
    for name, _kind in pyogrio.list_layers(path):
        frame = pyogrio.read_dataframe(path, layer=name, read_geometry=False)
        parts.append(frame.to_csv(index=False))
    return "\n".join(parts)


def _workbook_text(path: Path) -> str:
    book = CalamineWorkbook.from_path(str(path))
    return "\n".join(str(cell) for name in book.sheet_names for row in book.get_sheet_by_name(name).to_python()
                     for cell in row if cell not in ("", None))


@pytest.fixture(scope="module")
def public_outputs(demo_file, tmp_path_factory) -> dict[str, str]:
    """Output → its text, for every public output of the demo."""
    out = tmp_path_factory.mktemp("public")
    _gridmap("export", demo_file, "--format", "gpkg", "--out", out / "map.gpkg")
    _gridmap("export", demo_file, "--format", "shp", "--out", out / "shp", "--encoding", "gbk")
    _gridmap("export", demo_file, "--format", "geojson", "--out", out / "geojson")
    _gridmap("export", demo_file, "--format", "xlsx", "--out", out / "project.xlsx")
    _gridmap("export", demo_file, "--format", "html", "--out", out / "map.html")
    _gridmap("households", demo_file, "--export", out / "roster.xlsx")
    _gridmap("staff", demo_file, "--coverage", out / "coverage.xlsx")
    _gridmap("print", demo_file, "--all", "--out", out / "charts")
    texts = {"map.gpkg": _layers_text(out / "map.gpkg"), "map.html": (out / "map.html").read_text(encoding="utf-8")}
    texts |= {f"shp/{p.name}": _layers_text(p) for p in sorted((out / "shp").glob("*.shp"))}
    texts |= {f"geojson/{p.name}": p.read_text(encoding="utf-8") for p in sorted((out / "geojson").glob("*"))}
    texts |= {name: _workbook_text(out / name) for name in ("project.xlsx", "roster.xlsx", "coverage.xlsx")}
    for pdf in sorted((out / "charts").glob("*.pdf")):
        texts[f"charts/{pdf.name}"] = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                                                     check=True).stdout
    return texts


@pytest.fixture(scope="module")
def secrets(demo_file) -> dict[str, set[str]]:
    project = Project.open(demo_file, read_only=True)
    try:
        t = project.tables
        staff = {s.name for s in t["staff"].values()}  # grid staff are named on the boards, on purpose
        return {"names": {r.name for r in t["residents"].values()} - staff,
                "phones": {r.phone for r in t["residents"].values() if r.phone},
                "id numbers": {r.id_number for r in t["residents"].values() if r.id_number},
                "notes": {h.note for h in t["households"].values() if h.note},
                "sensitive tags": {d.name for d in project.tag_defs if d.sensitive}}
    finally:
        project.close()


def test_every_public_output_of_the_demo_holds_no_personal_data(public_outputs, secrets):
    assert len(public_outputs) >= 25 and sum(k.startswith("charts/") for k in public_outputs) == 40
    assert len(secrets["names"]) > 1000 and len(secrets["notes"]) > 5
    hits = {}
    for output, text in public_outputs.items():
        words = set(_SPLIT.split(text))
        found = sorted(secrets["names"] & words)
        found += [s for kind in ("phones", "id numbers", "notes", "sensitive tags") for s in secrets[kind] if s in text]
        if found:
            hits[output] = found[:5]
    assert hits == {}


def test_the_scan_finds_what_an_internal_output_holds(demo_file, secrets, tmp_path):
    """The same scan on the internal roster finds names, phones and notes: it can see a leak."""
    _gridmap("households", demo_file, "--export", tmp_path / "internal.xlsx", "--personal")
    text = _workbook_text(tmp_path / "internal.xlsx")
    assert secrets["names"] & set(_SPLIT.split(text))
    assert [p for p in secrets["phones"] if p in text] and [n for n in secrets["notes"] if n in text]
