"""The colour plan and the compound sheet as pictures: every room's square in
its occupancy colour, every tag mark in its tag colour, legend counts that add
up, and every character of the text in the CJK font (no missing-glyph boxes)."""

import pytest
from PySide6.QtGui import QColor, QImage, QPainter, QRawFont

from gridmap.plans.layout import plan_layout
from gridmap.project import Project
from layers.render.labels import label_font
from layers.render.plan import (
    EMPTY_ROOM, OCCUPANCY_COLORS, SHEET_TITLE, PlanGeometry, draw_plan, draw_sheet, legend_counts, sheet_positions,
)

EXPECTED_COLORS = {"常住": "#1a1a1a", "租户": "#7b3fa0", "空户": "#b3b3b3", "在外": "#e67e22"}  # the issue's list


@pytest.fixture(scope="module")
def demo(demo_module_copy):
    project = Project.open(demo_module_copy)
    yield project
    project.close()


def _layout(project, building_id):
    tables = project.tables
    return plan_layout(tables["buildings"][building_id],
                       [u for u in tables["units"].values() if u.building_id == building_id],
                       [h for h in tables["households"].values() if h.building_id == building_id])


def _picture(width, height, draw):
    image = QImage(int(width) + 1, int(height) + 1, QImage.Format.Format_RGB32)
    image.fill(QColor("#ffffff"))
    painter = QPainter(image)
    draw(painter)
    painter.end()
    return image


def _check_cells(image, layout, households, tag_defs, origin=(0.0, 0.0), geometry=PlanGeometry()):
    """Every room's fill and every tag mark, read back from the pixels."""
    tag_colors = {t.name: t.color for t in tag_defs}
    order = [t.name for t in sorted(tag_defs, key=lambda t: t.position)]
    rows, cols = layout.shape
    checked = 0
    for row in range(rows):
        for column in range(cols):
            rect = geometry.cell_rect(row, column).translated(*origin)
            household = households.get(layout.cells.get((row, column)))
            # under the number, over the marks
            fill = image.pixelColor(int(rect.center().x()), int(rect.top() + 19)).name()
            assert fill == (EXPECTED_COLORS[household.occupancy] if household else EMPTY_ROOM), (row, column)
            if household is None:
                continue
            marks = [t for t in order if t in household.tags]
            size = min(7.0, (geometry.cell - 4) / max(len(marks), 1))
            for k, tag in enumerate(marks):
                x = rect.left() + 2 + k * size + (size - 1) / 2
                y = rect.bottom() - size - 2 + (size - 1) / 2
                assert image.pixelColor(int(x), int(y)).name() == tag_colors[tag], (row, column, tag)
            checked += 1
    return checked


def test_the_issue_colours_are_the_plan_colours():
    assert OCCUPANCY_COLORS == EXPECTED_COLORS


def test_a_plan_picture_has_every_room_in_its_colour_and_every_tag_mark(demo, tmp_path):
    households = demo.tables["households"]
    tags = demo.tag_defs
    layout = _layout(demo, 1)
    width, height = PlanGeometry().size(layout)
    image = _picture(width, height, lambda p: draw_plan(p, layout, households, tags))
    image.save(str(tmp_path / "plan.png"))
    assert _check_cells(image, layout, households, tags) == len(layout.cells) == 84
    occupancy, tag_counts = legend_counts(layout, households)
    homes = [h for h in households.values() if h.building_id == 1]
    assert sum(occupancy.values()) == 84
    assert dict(occupancy) == {o: sum(h.occupancy == o for h in homes) for o in {h.occupancy for h in homes}}
    assert dict(tag_counts) == {t: sum(t in h.tags for h in homes) for t in {t for h in homes for t in h.tags}}
    # at least one room of each colour and a mark of each tag, or the picture proves less
    assert set(occupancy) == set(EXPECTED_COLORS) and set(tag_counts) == {t.name for t in tags}


def test_a_compound_sheet_picture_has_every_building(demo, tmp_path):
    tables = demo.tables
    compound = tables["buildings"][1].compound_id
    buildings = sorted((b for b in tables["buildings"].values() if b.compound_id == compound),
                       key=lambda b: (len(b.number), b.number))
    layouts = [_layout(demo, b.id) for b in buildings]
    positions, (width, height) = sheet_positions(layouts)
    image = _picture(width, height, lambda p: draw_sheet(p, [b.number for b in buildings], layouts,
                                                         tables["households"], demo.tag_defs))
    image.save(str(tmp_path / "sheet.png"))
    checked = sum(_check_cells(image, layout, tables["households"], demo.tag_defs, (x, y + SHEET_TITLE))
                  for layout, (x, y) in zip(layouts, positions))
    assert checked == sum(1 for h in tables["households"].values() if h.building_id in {b.id for b in buildings})


def test_every_character_on_a_plan_is_in_the_cjk_font(demo):
    """A missing glyph would be drawn as a box: the font must have every one."""
    texts = ["1单元", "其他", "12F", "B1"] + list(OCCUPANCY_COLORS) + [t.name for t in demo.tag_defs]
    texts += [b.number for b in demo.tables["buildings"].values()]
    for size, bold in ((7.0, False), (8.0, False), (10.0, True)):
        font = label_font(size, bold=bold).qfont
        raw = QRawFont.fromFont(font)
        assert raw.isValid() and "CJK" in raw.familyName()
        # the int overload: PySide turns some str into the wrong QChar
        missing = {ch for text in texts for ch in text if not raw.supportsCharacter(ord(ch))}
        assert not missing, f"{font.family()} has no glyph for {''.join(sorted(missing))}"
