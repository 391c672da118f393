"""No public output shows a case: every public file the demo (with its year of
cases, and a photo added) can be turned into — GIS layers, the public
workbook, the web map, a public wall chart, `gridmap stats` — is scanned for
every case number, reporter name and phone, description and photo: 0 hits.
The same scan on an internal dispatch slip finds them, so it can see a leak."""

from __future__ import annotations

import base64
import re
import subprocess
import sys
from pathlib import Path

import pyogrio
import pytest

from gridmap.commands.cases import AddCasePhotos
from gridmap.project import Project
from tests.test_public_outputs import _layers_text, _workbook_text

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parents[1]
_SPLIT = re.compile(r"[\s,，、;；:：()（）\[\]{}<>\"'/|·—-]+")
# a photo whose bytes are nowhere else: a PNG header and a marker no output could make by chance
PHOTO = b"\x89PNG\r\n\x1a\n" + b"gridmap-private-photo-" + bytes(range(200, 256)) * 4


def _gridmap(*args) -> str:
    result = subprocess.run([sys.executable, "-m", "gridmap_command", *map(str, args)], capture_output=True, text=True,
                            timeout=600, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    return result.stdout


def _pdf_text(path: Path) -> str:
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout


@pytest.fixture(scope="module")
def project_file(demo_module_copy) -> Path:
    """The demo with a photo on its first case."""
    project = Project.open(demo_module_copy)
    try:
        project.undo_stack.push(AddCasePhotos(min(project.tables["cases"]), [("现场.png", PHOTO)]))
    finally:
        project.close()
    return demo_module_copy


@pytest.fixture(scope="module")
def secrets(project_file) -> dict[str, set]:
    project = Project.open(project_file, read_only=True)
    try:
        t = project.tables
        public_names = {s.name for s in t["staff"].values()}  # grid staff are named on the boards, on purpose
        cases = t["cases"].values()
        compound = next(c.name for c in t["compounds"].values() if c.kind == "小区")
        return {"numbers": {c.number for c in cases},
                "reporters": {c.reporter for c in cases if c.reporter} - public_names,
                "phones": {c.reporter_phone for c in cases if c.reporter_phone},
                "descriptions": {c.description for c in cases if c.description},
                "photos": {p.data for p in t["case_photos"].values()},
                "compound": {compound}}
    finally:
        project.close()


@pytest.fixture(scope="module")
def public_outputs(project_file, secrets, tmp_path_factory) -> tuple[dict[str, str], dict[str, bytes], Path]:
    """Output → its text, output file → its bytes, for every public output; and their folder."""
    out = tmp_path_factory.mktemp("public-cases")
    _gridmap("export", project_file, "--format", "gpkg", "--out", out / "map.gpkg")
    _gridmap("export", project_file, "--format", "shp", "--out", out / "shp")
    _gridmap("export", project_file, "--format", "geojson", "--out", out / "geojson")
    _gridmap("export", project_file, "--format", "xlsx", "--out", out / "project.xlsx")
    _gridmap("export", project_file, "--format", "html", "--out", out / "map.html")
    _gridmap("print", project_file, "--compound", next(iter(secrets["compound"])), "--mode", "public",
             "--out", out / "charts")
    texts = {"map.gpkg": _layers_text(out / "map.gpkg"), "map.html": (out / "map.html").read_text(encoding="utf-8"),
             "project.xlsx": _workbook_text(out / "project.xlsx"), "stats": _gridmap("stats", project_file),
             "stats --json": _gridmap("stats", project_file, "--json")}
    texts |= {f"shp/{p.name}": _layers_text(p) for p in sorted((out / "shp").glob("*.shp"))}
    texts |= {f"geojson/{p.name}": p.read_text(encoding="utf-8") for p in sorted((out / "geojson").glob("*"))}
    texts |= {f"charts/{p.name}": _pdf_text(p) for p in sorted((out / "charts").glob("*.pdf"))}
    files = {str(p.relative_to(out)): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}
    return texts, files, out


def _hits(text: str, secrets: dict[str, set]) -> list[str]:
    words = set(_SPLIT.split(text))
    found = sorted(secrets["reporters"] & words)
    found += [s for kind in ("numbers", "phones", "descriptions") for s in secrets[kind] if s in text]
    return found


def test_the_demo_has_a_year_of_cases_to_leak(secrets):
    assert len(secrets["numbers"]) > 1500 and len(secrets["reporters"]) > 500 and len(secrets["phones"]) > 1000
    assert len(secrets["descriptions"]) > 20 and len(secrets["photos"]) == 1


def test_no_public_output_holds_a_case(public_outputs, secrets):
    texts, files, _ = public_outputs
    assert {"map.gpkg", "map.html", "project.xlsx", "stats", "stats --json"} <= set(texts)
    assert any(k.startswith("shp/") for k in texts) and any(k.startswith("geojson/") for k in texts)
    assert any(k.startswith("charts/") for k in texts)
    hits = {output: found[:5] for output, text in texts.items() if (found := _hits(text, secrets))}
    assert hits == {}
    photo = next(iter(secrets["photos"]))
    marks = (photo, photo[8:40], base64.b64encode(photo)[:40])
    assert [name for name, data in files.items() if any(m in data for m in marks)] == []


def test_gis_exports_leave_the_case_tables_out(public_outputs):
    _, files, out = public_outputs
    layers = {name for name, _ in pyogrio.list_layers(out / "map.gpkg")}
    exported = {Path(name).stem for name in files if name.startswith(("shp/", "geojson/"))}
    assert "buildings" in layers and "buildings" in exported  # the check looks at real layer names
    assert not [n for n in layers | exported if "case" in n or "visit" in n]


def test_the_scan_sees_a_case_in_an_internal_slip(project_file, secrets, tmp_path):
    from ui.printing.case_slip import write_case_slip

    project = Project.open(project_file, read_only=True)
    try:
        case = next(c for c in project.tables["cases"].values() if c.reporter in secrets["reporters"])
        write_case_slip(project, case.id, tmp_path / "slip.pdf")
    finally:
        project.close()
    text = _pdf_text(tmp_path / "slip.pdf")
    assert case.number in _hits(text, secrets) and case.reporter in _hits(text, secrets)
    assert case.reporter_phone not in text  # the slip masks the reporter's phone: 138****5678
