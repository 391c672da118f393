"""Everything the map draws, prepared from a project: one ``FeatureGeometry``
per feature table plus the per-feature values renderers need (zone levels,
grid colours, label points and texts). Qt-free; kept in step with
``project.changed`` so the canvas never reads the tables in a frame."""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING
from collections.abc import Callable

import numpy as np
import shapely

from gridmap.bulk import collector_paused
from gridmap.levels import project_depths
from gridmap.model.tables import FEATURE_TABLES
from gridmap.signals import Signal
from gridmap.spatial.colouring import colour_classes
from gridmap.spatial.shapes import typical_size
from gridmap.zone_tree import leaf_ids
from layers.features import FeatureGeometry

if TYPE_CHECKING:
    from gridmap.model.changes import RowChange
    from gridmap.project import Project


class MapScene:
    """Prepared geometry of a project. ``changed`` is emitted with the set of
    table names that were re-prepared."""

    def __init__(self, project: Project) -> None:
        self.project = project
        self.changed = Signal()
        self.features: dict[str, FeatureGeometry] = {}
        with collector_paused():
            for table in FEATURE_TABLES:
                self._prepare(table)
        project.changed.connect(self._on_project_changed)

    def prepare_in_background(self, then: Callable[[], None] | None = None) -> threading.Thread:
        """Prepare drawing vertices on a worker thread, biggest tables first, so
        that the first zoom-in after opening does not wait for them; ``then``
        runs on the worker afterwards (the renderers build their paths there)."""
        tables = sorted(self.features.values(), key=len, reverse=True)

        def prepare() -> None:
            for fg in tables:
                fg.prepare()
            self.zone_outline_segments  # noqa: B018 (computed and kept)
            if then is not None:
                then()

        worker = threading.Thread(target=prepare, name="scene-prepare", daemon=True)
        worker.start()
        return worker

    def detach(self) -> None:
        """Stop following the project (safe to call twice)."""
        if self.project.changed.is_connected(self._on_project_changed):
            self.project.changed.disconnect(self._on_project_changed)

    # -- preparation -------------------------------------------------------------

    def _prepare(self, table: str) -> None:
        records = list(self.project.tables[table].values())
        self.features[table] = FeatureGeometry.from_records(records)
        getattr(self, f"_prepare_{table}", lambda _records: None)(records)

    def _prepare_zones(self, zones) -> None:
        self.zone_level = np.array([z.level for z in zones], dtype=np.int64)
        self.zone_depths = project_depths(self.project)  # which level is the grids', the communities'…
        self.zone_names = [z.name for z in zones]
        self.zone_name_length = np.array([len(n) for n in self.zone_names], dtype=np.float64)
        geoms = self.features["zones"].geometries
        self._zone_outline_segments = None  # found on first use
        self._zone_label_xy = None  # placed on first use: it looks at the buildings
        self.zone_typical_size = {int(lv): typical_size(geoms[self.zone_level == lv])
                                  for lv in np.unique(self.zone_level)}
        leaves = leaf_ids(zones)
        self.zone_is_leaf = np.array([z.id in leaves for z in zones], dtype=bool)
        # grids are coloured apart; a micro-grid takes its grid's colour, its outline drawn inside
        at = self.zone_depths
        is_grid = np.array([at.counts_as_grid(z.level, z.id in leaves) for z in zones], dtype=bool)
        self.zone_colour = np.full(len(zones), -1, dtype=np.int64)
        if is_grid.any():
            self.zone_colour[is_grid] = colour_classes(geoms[is_grid])
        colour_of = dict(zip((z.id for z in zones), self.zone_colour.tolist(), strict=True))
        by_id = {z.id: z for z in zones}
        for k in np.flatnonzero(self.zone_level > at.grid).tolist():
            self.zone_colour[k] = colour_of.get(at.grid_of(by_id, zones[k].id), -1)

    @property
    def zone_outline_segments(self) -> np.ndarray:
        """Per zone vertex: 1 where its outline segment is drawn, 0 where a zone of
        the same level drew the same segment (see ``unshared_segments``)."""
        if self._zone_outline_segments is None:
            self._zone_outline_segments = self.features["zones"].unshared_segments(self.zone_level)
        return self._zone_outline_segments

    def zone_label_points(self, indices: np.ndarray) -> np.ndarray:
        """Where the names of the zones at ``indices`` go, placed on first use and kept.

        For grids: the spot of a 5 × 5 lattice inside the grid farthest from any
        building and compound name (a name should not sit on a footprint); for upper levels, a point
        on the surface. Fixed in map units, so names do not jump as the map pans.
        """
        geoms = self.features["zones"].geometries
        if self._zone_label_xy is None:
            self._zone_label_xy = np.full((len(geoms), 2), np.nan)
        missing = indices[np.isnan(self._zone_label_xy[indices, 0])]
        if len(missing):
            grid_like = self.zone_is_leaf[missing] | (self.zone_level[missing] >= self.zone_depths.grid)
            self._zone_label_xy[missing] = _label_points(geoms[missing], grid_like,
                                                         self.features["buildings"], self._compound_name_boxes())
        return self._zone_label_xy[indices]

    def _compound_name_boxes(self) -> np.ndarray:
        """Where compound names sit (top middle inside the wall, see labels.compound_labels),
        roughly, in metres: grid names keep clear of them."""
        bounds = self.features["compounds"].bounds
        if not len(bounds):
            return np.empty(0, dtype=object)
        mid = (bounds[:, 0] + bounds[:, 2]) / 2
        half = np.array([len(n) for n in self.compound_names]) * 1.6 + 2.0
        return shapely.box(mid - half, bounds[:, 3] - 6.0, mid + half, bounds[:, 3])

    def _prepare_buildings(self, buildings) -> None:
        geoms = self.features["buildings"].geometries
        self.building_numbers = [b.number for b in buildings]
        bounds = self.features["buildings"].bounds
        # Labels sit at the centre of the bounding box: footprints are compact,
        # and this costs nothing where a centroid of 100,000 shapes costs 0.1 s.
        self.building_label_xy = (bounds[:, :2] + bounds[:, 2:]) / 2 if len(bounds) else np.empty((0, 2))
        self.building_widths = bounds[:, 2] - bounds[:, 0] if len(bounds) else np.empty(0)
        # The size that decides block-or-footprint drawing: a typical building's side.
        self.building_typical_size = typical_size(geoms)

    def _prepare_compounds(self, compounds) -> None:
        geoms = self.features["compounds"].geometries
        self.compound_names = [c.name for c in compounds]
        self.compound_typical_size = typical_size(geoms)

    def _prepare_streets(self, streets) -> None:
        self.street_names = [s.name for s in streets]
        self.street_widths = np.array([s.width for s in streets], dtype=np.float64)

    def _prepare_site_points(self, points) -> None:
        self.site_point_kinds = [p.kind for p in points]
        self.site_point_names = [p.name for p in points]
        self.site_point_states = [p.state for p in points]

    def _prepare_site_routes(self, routes) -> None:
        self.site_route_kinds = [r.kind for r in routes]

    def _on_project_changed(self, changes: tuple[RowChange, ...]) -> None:
        tables = {c.table for c in changes} & set(FEATURE_TABLES)
        for table in tables:
            self._prepare(table)
        if tables & {"buildings", "compounds"}:  # grid names keep clear of both
            self._zone_label_xy = None
        if tables:
            self.changed.emit(tables)

    # -- queries -----------------------------------------------------------------

    @property
    def bounds(self) -> tuple[float, float, float, float]:
        """The extent of everything there is to see (zones, else all features)."""
        for table in ("zones", "buildings", "streets"):
            if self.features[table].bounds_all is not None:
                return self.features[table].bounds_all
        return (0.0, 0.0, 1000.0, 1000.0)

    def hit(self, table: str, x: float, y: float, tolerance: float) -> int | None:
        """The id of the topmost feature of ``table`` at map point (x, y), or None.

        Polygons hit when they contain the point (smallest first, so a building
        wins over its grid); lines and points within ``tolerance`` metres.
        """
        fg = self.features[table]
        if not len(fg):
            return None
        point = shapely.Point(x, y)
        candidates = fg.tree.query(point.buffer(tolerance))
        if not len(candidates):
            return None
        geoms = fg.geometries[candidates]
        area = shapely.area(geoms)
        if (area > 0).all():
            inside = candidates[shapely.contains_xy(geoms, x, y)]
            if not len(inside):
                return None
            areas = shapely.area(fg.geometries[inside])
            smallest = inside[areas <= areas.min() * (1 + 1e-9)]
            if table == "zones" and len(smallest) > 1:  # one outline at several levels: the deepest zone
                return int(fg.ids[smallest[np.argmax(self.zone_level[smallest])]])
            return int(fg.ids[smallest[0]])
        distance = shapely.distance(geoms, point)
        best = int(np.argmin(distance))
        return int(fg.ids[candidates[best]]) if distance[best] <= tolerance else None


LATTICE = np.array([0.15, 0.3, 0.5, 0.7, 0.85])
NAME_BOX = (9.0, 3.5)  # half width and height (m) of a grid's name at house scale: kept clear of footprints


def _label_points(geoms: np.ndarray, leaf: np.ndarray, buildings: FeatureGeometry,
                  names: np.ndarray) -> np.ndarray:
    if not len(geoms):
        return np.empty((0, 2))
    points = shapely.get_coordinates(shapely.point_on_surface(geoms))
    chosen = np.flatnonzero(leaf)
    if not len(chosen) or not len(buildings):
        return points
    bounds = shapely.bounds(geoms[chosen])
    fx, fy = np.meshgrid(LATTICE, LATTICE)
    fx, fy = fx.ravel(), fy.ravel()  # 25 candidates per zone, the centre among them
    cx = bounds[:, [0]] + (bounds[:, [2]] - bounds[:, [0]]) * fx
    cy = bounds[:, [1]] + (bounds[:, [3]] - bounds[:, [1]]) * fy
    owner = np.repeat(np.arange(len(chosen)), len(fx))
    x, y = cx.ravel(), cy.ravel()
    inside = shapely.contains_xy(geoms[chosen][owner], x, y)
    w, h = NAME_BOX  # a name is wide: measure from its box, not its centre
    boxes = shapely.box(x - w, y - h, x + w, y + h)
    _, distance = buildings.tree.query_nearest(boxes, return_distance=True, all_matches=False)
    if len(names):  # and clear of the compounds' names
        _, to_names = shapely.STRtree(names).query_nearest(boxes, return_distance=True, all_matches=False)
        distance = np.minimum(distance, to_names)
    # clear of buildings first (up to 15 m counts), then nearest the centre
    centre_offset = np.hypot(fx - 0.5, fy - 0.5)[np.arange(len(x)) % len(fx)]
    score = np.where(inside, np.minimum(distance, 15.0) - centre_offset, -np.inf)
    best = score.reshape(len(chosen), len(fx)).argmax(axis=1)
    ok = np.isfinite(score.reshape(len(chosen), len(fx))[np.arange(len(chosen)), best])
    points[chosen[ok]] = np.column_stack([x, y]).reshape(len(chosen), len(fx), 2)[np.arange(len(chosen)), best][ok]
    return points
