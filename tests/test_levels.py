"""Which depth plays which role (gridmap.levels), whatever a project's levels table holds."""

from gridmap.levels import Depths, depths
from gridmap.model.entities import COMMUNITY, GRID, MICRO_GRID, OFFICE, Level, Zone, default_levels


def _levels(*roles: str) -> list[Level]:
    return [Level(d, f"第{d}级", "", role) for d, role in enumerate(roles, 1)]


def test_the_roles_of_the_table_are_found_and_the_missing_ones_placed_next_to_a_neighbour():
    assert depths(default_levels()) == Depths(1, 2, 3, 4)  # micro-grids: the level below the grids
    assert depths([]) == Depths(1, 2, 3, 4)
    with_area = depths(_levels(OFFICE, COMMUNITY, "", GRID, MICRO_GRID))  # a 片区 between community and grid
    assert with_area == Depths(1, 2, 4, 5) and with_area.role_at(3) == "" and with_area.role_at(4) == GRID
    # a project whose tree starts at the communities: no office level above them
    assert depths(_levels(COMMUNITY, GRID)) == Depths(0, 1, 2, 3)
    # an old file whose levels say no role: the default depths
    assert depths(_levels("", "", "")) == Depths(1, 2, 3, 4)
    assert with_area.is_upper(2) and not with_area.is_upper(3)


def test_the_grid_of_a_zone_is_the_grid_above_a_micro_grid_or_the_zone_itself():
    at = Depths()
    zones = {1: Zone(1, "1", "街道", 1, None, None), 2: Zone(2, "2", "社区", 2, 1, None),
             3: Zone(3, "3", "第1网格", 3, 2, None), 4: Zone(4, "4", "第2微网格", 4, 3, None),
             5: Zone(5, "5", "空社区", 2, 1, None)}
    assert [at.grid_of(zones, z) for z in (4, 3, 5, None, 99)] == [3, 3, 5, None, None]
    assert at.grid_name(zones, 4) == "第1网格 第2微网格" and at.grid_name(zones, 3) == "第1网格"
    assert at.counts_as_grid(3, leaf=False) and at.counts_as_grid(2, leaf=True)
    assert not at.counts_as_grid(2, leaf=False) and not at.counts_as_grid(4, leaf=True)
