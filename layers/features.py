"""Geometry of one table prepared for fast drawing: a spatial index, bounds and
all vertices as one flat array, so a frame gathers what it shows with numpy
instead of looping over features in Python."""

from __future__ import annotations

import threading
from dataclasses import dataclass
from functools import cached_property

import numpy as np
import shapely

from gridmap.spatial.shapes import total_bounds


@dataclass
class PathParts:
    """Vertices of some features as drawable parts (rings or lines)."""

    xy: np.ndarray  # (n, 2) map coordinates
    connect: np.ndarray  # (n,) int32: 1 = joined to the next vertex, 0 = a part ends here

    def __len__(self) -> int:
        return len(self.xy)


class FeatureGeometry:
    """The geometries of one table with their ids, in a fixed order.

    Parameters
    ----------
    ids : array of int
        Record ids, one per geometry.
    geometries : array of shapely geometries
        Polygons, lines or points (one kind per table).
    """

    def __init__(self, ids: np.ndarray, geometries: np.ndarray) -> None:
        self.ids = np.asarray(ids, dtype=np.int64)
        self.geometries = np.asarray(geometries, dtype=object)
        self.bounds = shapely.bounds(self.geometries) if len(self.geometries) else np.empty((0, 4))
        self.bounds_all = total_bounds(self.bounds)  # the whole table's extent, None if it has no geometry
        self.tree = shapely.STRtree(self.geometries)
        self._vertex_lock = threading.Lock()
        self._vertex_data: tuple[np.ndarray, np.ndarray, np.ndarray] | None = None

    @property
    def _vertices(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(xy, part_start, feature_parts), prepared on first need (far out,
        buildings are drawn from their bounds alone) or ahead of it by
        :meth:`prepare` on a worker thread; shapely and numpy release the GIL."""
        if self._vertex_data is None:
            with self._vertex_lock:
                if self._vertex_data is None:
                    self._vertex_data = self._prepare_vertices()
        return self._vertex_data

    def prepare(self) -> None:
        """Prepare the vertices now (safe to call from another thread)."""
        self._vertices

    @property
    def xy(self) -> np.ndarray:
        return self._vertices[0]

    @property
    def part_start(self) -> np.ndarray:
        """Part p has vertices xy[part_start[p]:part_start[p + 1]]."""
        return self._vertices[1]

    @property
    def feature_parts(self) -> np.ndarray:
        """Feature f owns parts feature_parts[f]:feature_parts[f + 1]."""
        return self._vertices[2]

    @cached_property
    def index_of(self) -> dict[int, int]:
        """Record id → position (built on first use: a selection, not a frame)."""
        return {int(i): n for n, i in enumerate(self.ids)}

    @classmethod
    def from_records(cls, records) -> "FeatureGeometry":
        records = list(records)
        return cls(np.array([r.id for r in records], dtype=np.int64),
                   np.array([r.geometry for r in records], dtype=object))

    def _prepare_vertices(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        geoms = self.geometries
        if not len(geoms):
            return np.empty((0, 2)), np.zeros(1, dtype=np.int64), np.zeros(1, dtype=np.int64)
        types = shapely.get_type_id(geoms)
        if np.isin(types, (shapely.GeometryType.POLYGON, shapely.GeometryType.MULTIPOLYGON)).all():
            xy, part_lengths, part_feature = _polygon_rings(geoms)
        else:  # lines and points: every single part is one part of a path
            parts, part_feature = shapely.get_parts(geoms, return_index=True)
            xy = shapely.get_coordinates(parts)
            part_lengths = shapely.get_num_coordinates(parts)
        part_start = np.concatenate([[0], np.cumsum(part_lengths)]).astype(np.int64)
        feature_parts = np.concatenate(
            [[0], np.cumsum(np.bincount(part_feature, minlength=len(geoms)))]).astype(np.int64)
        return xy, part_start, feature_parts

    def __len__(self) -> int:
        return len(self.ids)

    def query(self, extent: tuple[float, float, float, float]) -> np.ndarray:
        """Indices (sorted) of the features whose bounds meet ``extent``."""
        if not len(self.ids):
            return np.empty(0, dtype=np.int64)
        return np.sort(self.tree.query(shapely.box(*extent)))

    def parts(self, indices: np.ndarray | None = None) -> PathParts:
        """The vertices of the features at ``indices`` (all if None), ready for a path."""
        if indices is None:
            starts, stops = self.part_start[:-1], self.part_start[1:]
        else:
            first = self.feature_parts[indices]
            last = self.feature_parts[np.asarray(indices) + 1]
            part_ids = _ranges(first, last - first)
            starts, stops = self.part_start[part_ids], self.part_start[part_ids + 1]
        lengths = stops - starts
        vertex_ids = _ranges(starts, lengths)
        connect = np.ones(len(vertex_ids), dtype=np.int32)
        ends = np.cumsum(lengths) - 1
        connect[ends[lengths > 0]] = 0
        return PathParts(self.xy[vertex_ids], connect)


def _ranges(starts: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    """Concatenated ``arange(s, s + n)`` for each start s and length n, vectorised."""
    starts = np.asarray(starts, dtype=np.int64)
    lengths = np.asarray(lengths, dtype=np.int64)
    total = int(lengths.sum())
    if total == 0:
        return np.empty(0, dtype=np.int64)
    offsets = np.repeat(starts - np.concatenate([[0], np.cumsum(lengths)[:-1]]), lengths)
    return offsets + np.arange(total, dtype=np.int64)


def _polygon_rings(geoms: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """All ring vertices of polygonal features, with each ring's length and feature.

    Most footprints and zones are one ring; that is recognised with numpy alone
    (the first vertex recurs once, as the last), so only features with holes or
    several parts pay for shapely's per-ring objects.
    """
    xy, vertex_feature = shapely.get_coordinates(geoms, return_index=True)
    counts = np.bincount(vertex_feature, minlength=len(geoms))
    starts = np.concatenate([[0], np.cumsum(counts)[:-1]])
    first = xy[starts[vertex_feature]]
    repeats = np.bincount(vertex_feature[(xy == first).all(axis=1)], minlength=len(geoms))
    ends = np.maximum(starts + counts - 1, 0)
    closes_at_end = (xy[ends] == xy[starts]).all(axis=1) if len(xy) else np.zeros(len(geoms), bool)
    # one ring: the first vertex comes back exactly once, as the last vertex
    complex_ = np.flatnonzero(~((repeats == 2) & closes_at_end) & (counts > 0))
    ring_counts = np.ones(len(geoms), dtype=np.int64)
    ring_counts[counts == 0] = 0
    lengths_of = {}
    if len(complex_):
        parts, part_of = shapely.get_parts(geoms[complex_], return_index=True)
        rings, ring_of = shapely.get_rings(parts, return_index=True)
        ring_feature = complex_[part_of[ring_of]]
        ring_lengths = shapely.get_num_coordinates(rings)
        ring_counts[complex_] = np.bincount(ring_feature, minlength=len(geoms))[complex_]
        order = np.argsort(ring_feature, kind="stable")
        for f, length in zip(ring_feature[order], ring_lengths[order]):
            lengths_of.setdefault(int(f), []).append(int(length))
    part_feature = np.repeat(np.arange(len(geoms)), ring_counts)
    part_lengths = np.repeat(counts, ring_counts)  # right for one-ring features
    if lengths_of:
        first_part = np.concatenate([[0], np.cumsum(ring_counts)[:-1]])
        for f, lengths in lengths_of.items():
            part_lengths[first_part[f]:first_part[f] + len(lengths)] = lengths
    return xy, part_lengths, part_feature
