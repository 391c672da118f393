"""A synthetic city for benchmarks: a regular street grid of walled blocks,
each block a grid zone with a few dozen building footprints. Big (100,000+
buildings, 3,000+ zones) and fast to make; no households or people."""

from __future__ import annotations

import numpy as np
import shapely
from shapely.geometry import LineString, MultiLineString, MultiPolygon

from gridmap.levels import depths
from gridmap.model.entities import default_levels, DEFAULT_TAGS, Building, Compound, Street, TagDef, Zone

BLOCK_W, BLOCK_H = 150.0, 130.0
X0, Y0 = 450000.0, 3830000.0  # EPSG:4547, near Zhengzhou


def synthetic_city(columns: int = 60, rows: int = 50, per_block: int = 34, community_span: int = 10,
                   seed: int = 7) -> dict[str, list]:
    """Tables of a city of ``columns × rows`` blocks (one grid each) grouped into
    communities of ``community_span²`` blocks, ``per_block`` buildings per block."""
    rng = np.random.default_rng(seed)
    tables: dict[str, list] = {
        "levels": default_levels(),
        "tag_defs": [TagDef(i + 1, n, c, s, i) for i, (n, c, s) in enumerate(DEFAULT_TAGS)],
        "zones": [], "compounds": [], "buildings": [], "streets": [],
    }
    width, height = columns * BLOCK_W, rows * BLOCK_H
    zones, roles = tables["zones"], depths(tables["levels"])
    zones.append(Zone(1, "410100001", "合成城市", roles.office, None,
                      MultiPolygon([shapely.box(X0, Y0, X0 + width, Y0 + height)])))
    community_of = {}
    for ci in range(0, columns, community_span):
        for ri in range(0, rows, community_span):
            zone_id = len(zones) + 1
            c1, r1 = min(ci + community_span, columns), min(ri + community_span, rows)
            zones.append(Zone(zone_id, f"410100001{zone_id:03d}", f"社区{zone_id - 1}", roles.community, 1,
                              MultiPolygon([
                shapely.box(X0 + ci * BLOCK_W, Y0 + ri * BLOCK_H, X0 + c1 * BLOCK_W, Y0 + r1 * BLOCK_H)])))
            for c in range(ci, c1):
                for r in range(ri, r1):
                    community_of[(c, r)] = zone_id
    # Footprints: per block a jittered 6 × ceil(per_block / 6) lattice of slabs.
    cols_in_block = 6
    rows_in_block = -(-per_block // cols_in_block)
    slot_w, slot_h = (BLOCK_W - 30) / cols_in_block, (BLOCK_H - 30) / rows_in_block
    for c in range(columns):
        for r in range(rows):
            bx, by = X0 + c * BLOCK_W, Y0 + r * BLOCK_H
            grid_id = len(zones) + 1
            parent = community_of[(c, r)]
            zones.append(Zone(grid_id, f"{zones[parent - 1].code}{grid_id:04d}", f"网格{grid_id}", roles.grid, parent,
                              MultiPolygon([shapely.box(bx, by, bx + BLOCK_W, by + BLOCK_H)])))
            compound_id = len(tables["compounds"]) + 1
            tables["compounds"].append(Compound(compound_id, f"小区{compound_id}", "小区", MultiPolygon(
                [shapely.box(bx + 8, by + 8, bx + BLOCK_W - 8, by + BLOCK_H - 8)])))
            k = np.arange(per_block)
            sx = bx + 15 + (k % cols_in_block) * slot_w + rng.uniform(1, 3, per_block)
            sy = by + 15 + (k // cols_in_block) * slot_h + rng.uniform(1, 3, per_block)
            w = rng.uniform(8, slot_w - 4, per_block)
            h = rng.uniform(6, min(12, slot_h - 4), per_block)
            boxes = shapely.box(np.round(sx, 1), np.round(sy, 1), np.round(sx + w, 1), np.round(sy + h, 1))
            first = len(tables["buildings"])
            tables["buildings"].extend(
                Building(first + i + 1, f"{i + 1}号楼", f"{first + i + 1:06d}", compound_id, grid_id, 6, "板楼",
                         MultiPolygon([b])) for i, b in enumerate(boxes))
    streets = tables["streets"]
    for c in range(columns + 1):
        x = X0 + c * BLOCK_W
        streets.append(Street(len(streets) + 1, f"经{c}路", "支路", 16.0,
                              MultiLineString([LineString([(x, Y0 - 20), (x, Y0 + height + 20)])])))
    for r in range(rows + 1):
        y = Y0 + r * BLOCK_H
        streets.append(Street(len(streets) + 1, f"纬{r}路", "支路", 16.0,
                              MultiLineString([LineString([(X0 - 20, y), (X0 + width + 20, y)])])))
    return tables
