"""A public wall sheet shows no flat's occupancy: not which is empty (空户) or
away (在外), nor any room's tag. Its building pages give each building's people
and counts; the internal sheet keeps the nine-colour plans, room by room.
Read back from the PDF's text (pdftotext) and the PNG's pixels."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QImage

from gridmap.charts.content import ChartSource, plan_for_chart
from gridmap.charts.privacy import INTERNAL, Privacy
from gridmap_command import main
from gridmap.project import Project
from layers.render.plan import OCCUPANCY_COLORS

OCCUPANCY_WORDS = tuple(OCCUPANCY_COLORS)  # 常住 租户 空户 在外


@pytest.fixture(scope="module")
def compound(demo_module_copy):
    """The first compound whose name no other compound has and whose buildings
    hold households: (name, room numbers, households per unit of its first building)."""
    project = Project.open(demo_module_copy, read_only=True)
    try:
        source = ChartSource(project)
        names = [c.name for c in project.tables["compounds"].values()]
        for c in source.compounds():
            homes = [h for b in source.buildings_of[c.id] for h in source.households_of.get(b.id, ())]
            if names.count(c.name) == 1 and any(h.occupancy in ("空户", "在外") for h in homes):
                card = source.charts(c).buildings[0]
                return c.name, {h.room for h in homes}, card
    finally:
        project.close()
    raise AssertionError("no compound with empty or away flats")


def _print(path: Path, name: str, out: Path, *mode: str) -> tuple[list[str], list[QImage]]:
    assert main(["print", str(path), "--compound", name, "--charts", "3", "--insets", "--png", "40", *mode,
                 "--out", str(out)]) == 0
    pdf, = out.glob("*.pdf")
    pages = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True,
                           text=True).stdout.split("\f")[:-1]
    pngs = sorted(out.glob("*.png"), key=lambda p: int(p.stem.rsplit("-", 1)[1]))
    return pages, [QImage(str(p)) for p in pngs]


def _near(image: QImage, hex_code: str, tolerance: int = 12) -> int:
    """Pixels within ``tolerance`` of the colour, every other pixel looked at."""
    want = QColor(hex_code)
    return sum(1 for x in range(0, image.width(), 2) for y in range(0, image.height(), 2)
               if (c := image.pixelColor(x, y)) and abs(c.red() - want.red()) <= tolerance
               and abs(c.green() - want.green()) <= tolerance and abs(c.blue() - want.blue()) <= tolerance)


def test_the_public_building_pages_show_people_and_counts_not_flats(demo_module_copy, compound, tmp_path):
    name, rooms, card = compound
    pages, images = _print(demo_module_copy, name, tmp_path)
    building_pages = pages[1:]
    assert building_pages and len(images) == len(pages)
    text = "\n".join(building_pages)
    words = set(text.split())
    assert not [w for w in OCCUPANCY_WORDS if w in "\n".join(pages)]  # no 空户, 在外… anywhere on the chart
    assert not rooms & words  # no room number
    assert "不含逐户信息" in text
    # what the wall needs: the building, its units counted, its head
    assert card.number in text and f"{card.households}户" in text
    assert all(f"{households}户" in text for _unit, households in card.unit_households)
    head = next(p for p in card.heads if p.role == "楼栋长")
    assert f"楼栋长 {head.name} {head.phone}" in " ".join(text.split())
    for image in images[1:]:  # the building pages: no flat painted in an occupancy colour
        assert _near(image, OCCUPANCY_COLORS["在外"]) == 0 and _near(image, OCCUPANCY_COLORS["租户"]) == 0


def test_the_internal_building_pages_keep_the_nine_colour_plans(demo_module_copy, compound, tmp_path):
    name, rooms, _card = compound
    pages, images = _print(demo_module_copy, name, tmp_path, "--mode", "internal")
    text = "\n".join(pages[1:])
    assert "九色动态图" in text and "空户" in text and "在外" in text
    assert len(rooms & set(text.split())) >= len(rooms) // 2
    assert sum(_near(image, OCCUPANCY_COLORS["在外"]) for image in images[1:]) > 50
    assert sum(_near(image, OCCUPANCY_COLORS["租户"]) for image in images[1:]) > 50


def test_a_public_source_gives_no_room_by_room_plan(demo_module_copy):
    project = Project.open(demo_module_copy, read_only=True)
    try:
        building = next(iter(project.tables["buildings"]))
        assert not Privacy().shows_rooms and Privacy(INTERNAL).shows_rooms
        with pytest.raises(ValueError):
            plan_for_chart(ChartSource(project), building)
        layout, households = plan_for_chart(ChartSource(project, Privacy(INTERNAL)), building)
        assert set(layout.cells.values()) <= set(households)
    finally:
        project.close()
