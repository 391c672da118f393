"""Names on the charts' maps placed as a cartographer would: on a crafted block
of small houses (a village) every house keeps its number, no label lies on
another, tags that find no room are left to the building table and the legend
says so; a street's name gives way to a grid's."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path
from xml.etree import ElementTree

from shapely.geometry import LineString, MultiLineString

from gridmap.charts.label_places import Places, building_tag_texts, sizes_down_to, smallest_size
from gridmap_command import main
from gridmap.model.entities import Building, Street, Unit
from gridmap.project import Project
from tests.factories import MOMENT, X0, Y0, box, small_tables


def _words(pdf: Path, page: int) -> list[tuple[float, float, float, float, str]]:
    xml = subprocess.run(["pdftotext", "-bbox", "-f", str(page), "-l", str(page), str(pdf), "-"], check=True,
                         capture_output=True, text=True).stdout
    root = ElementTree.fromstring(re.sub(r'xmlns="[^"]+"', "", xml, count=1))
    return [(float(w.get("xMin")), float(w.get("yMin")), float(w.get("xMax")), float(w.get("yMax")), w.text or "")
            for w in root.iter("word")]


def _overlapping(words) -> list[tuple[str, str]]:
    return [(a[4], b[4]) for i, a in enumerate(words) for b in words[i + 1:]
            if min(a[2], b[2]) - max(a[0], b[0]) > 1.0 and min(a[3], b[3]) - max(a[1], b[1]) > 1.0]


def _print(tables: dict, tmp_path: Path, charts: str) -> Path:
    path = tmp_path / "labels.gpkg"
    Project.create(path, epsg=4547, tables=tables, meta={"title": "测试"}, moment=MOMENT).close()
    out = tmp_path / "charts"
    assert main(["print", str(path), "--all", "--charts", charts, "--out", str(out)]) == 0
    pdf, = out.glob("*.pdf")
    return pdf


def _village() -> dict:
    """测试小区 filled with 7 × 8 m houses on 1.5 m lanes, one unit each: 126 houses."""
    t = small_tables()
    t["buildings"], t["units"], t["households"], t["party_links"], t["residents"] = [], [], [], [], []
    for row in range(9):
        for col in range(14):
            b = len(t["buildings"]) + 1
            x, y = 8 + col * 8.5, 8 + row * 9.5
            t["buildings"].append(Building(b, f"{b}号", f"{b:05d}", 1, 3 if x < 100 else 4, 2 + b % 3, "平房",
                                           box(x, y, x + 7, y + 8)))
            t["units"].append(Unit(b, b, 1, 2))
    return t


def test_a_village_keeps_every_house_number_and_no_label_lies_on_another(tmp_path):
    tables = _village()
    pdf = _print(tables, tmp_path, "3")
    words = _words(pdf, 1)
    assert not _overlapping(words)
    map_right = min(x0 for x0, _, _, _, w in words if w == "楼栋与楼栋长")  # the tables start right of the map
    on_map = {w.removesuffix("号") for x0, _, x1, _, w in words if x1 < map_right}
    numbers = {b.number.removesuffix("号") for b in tables["buildings"]}
    assert numbers <= on_map, sorted(numbers - on_map, key=int)[:10]
    text = subprocess.run(["pdftotext", "-f", "1", "-l", "1", str(pdf), "-"], check=True, capture_output=True,
                          text=True).stdout
    assert re.search(r"\d+栋的详情见楼栋表", text)  # the tags left out are said to be in the table


def test_a_street_name_gives_way_to_the_grid_name(tmp_path):
    tables = small_tables()
    tables["buildings"] = [b for b in tables["buildings"] if b.zone_id == 4]  # 第1网格's name goes to its centre
    tables["units"] = [u for u in tables["units"] if u.building_id == 3]
    kept = {u.id for u in tables["units"]}
    tables["households"] = [h for h in tables["households"] if h.unit_id in kept]
    tables["party_links"], tables["residents"] = [], []
    tables["streets"].append(Street(2, "测试南北巷", "巷", 4.0,  # through that centre, its name's one spot there too
                                    MultiLineString([LineString([(X0, Y0 + 50), (X0 + 100, Y0 + 50)])])))
    pdf = _print(tables, tmp_path, "1")
    words = _words(pdf, 1)
    assert not _overlapping(words)
    grid = [w for w in words if w[4] == "第1网格" and w[0] < 600]
    lane = [w for w in words if w[4] == "测试南北巷"]
    assert grid and lane  # both on the map: the lane's name moved along its lane


def test_places_take_the_first_free_candidate_and_never_a_taken_one():
    places = Places((0, 0, 100, 100))
    places.take((10, 10, 40, 20))
    places.footprint((50, 50, 60, 60), owner=7)
    assert places.first([(20, 15, 50, 25), (10, 20, 40, 30)]) == 1  # touching is not overlapping
    assert places.first([(20, 15, 50, 25), (90, 90, 110, 95)]) is None  # taken, and off the map
    on_house = (52, 52, 58, 58)
    assert places.first([on_house], clear_of_footprints=True, owner=7) == 0  # its own building
    assert places.first([on_house], clear_of_footprints=True, owner=8) is None  # another's
    assert not places.line_is_clear((0, 55, 100, 55), owner=8) and places.line_is_clear((0, 55, 100, 55), owner=7)
    assert not places.alone_by((62, 50, 70, 58), owner=8, margin=4.0)


def test_tags_shorten_and_shrink_no_further_than_the_paper_allows():
    assert building_tag_texts(1, 3, 6, "王伟") == [("1单元·3层·6户", "楼栋长 王伟"), ("3层·6户", "楼栋长 王伟"),
                                                 ("3层·6户",)]
    assert building_tag_texts(2, 6, 24, "") == [("2单元·6层·24户",)]
    assert building_tag_texts(0, 2, 0, "王伟") == [("2层",)]  # no homes: floors only
    assert sizes_down_to(8.0, smallest_size(1.0)) == [8.0, 7.0, 6.0]  # A3
    assert min(sizes_down_to(8.0, smallest_size(210 / 297))) >= 8.0  # A4 prints a layout point at 0.71 points
