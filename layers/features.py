"""Geometry of one table prepared for fast drawing: a spatial index, bounds and
all vertices as one flat array, so a frame gathers what it shows with numpy
instead of looping over features in Python."""

from __future__ import annotations

import threading
from dataclasses import dataclass
from functools import cached_property
from typing import NamedTuple

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
        self._vertex_data: _Vertices | None = None

    @property
    def _vertices(self) -> _Vertices:
        """All vertices and how they group into parts and features, prepared on
        first need (far out, buildings are drawn from their bounds alone) or ahead
        of it by :meth:`prepare` on a worker thread; shapely and numpy release the GIL."""
        if self._vertex_data is None:
            with self._vertex_lock:
                if self._vertex_data is None:
                    self._vertex_data = self._prepare_vertices()
        return self._vertex_data

    def prepare(self) -> None:
        """Prepare the vertices and the drawing order now (safe to call from another thread)."""
        _ = self._vertices, self.spatial_rank  # properties that compute and keep what they return

    @property
    def xy(self) -> np.ndarray:
        return self._vertices.xy

    @property
    def part_start(self) -> np.ndarray:
        """Part p has vertices xy[part_start[p]:part_start[p + 1]]."""
        return self._vertices.part_start

    @property
    def feature_parts(self) -> np.ndarray:
        """Feature f owns parts feature_parts[f]:feature_parts[f + 1]."""
        return self._vertices.feature_parts

    @cached_property
    def along(self) -> np.ndarray:
        """Each vertex's distance from the start of its part, along the part."""
        xy, starts = self.xy, self.part_start
        step = np.zeros(len(xy))
        if len(xy) > 1:
            step[1:] = np.hypot(*(xy[1:] - xy[:-1]).T)
        step[starts[:-1]] = 0.0  # a part starts afresh
        total = np.cumsum(step)
        return total - np.repeat(total[starts[:-1]], np.diff(starts))

    @cached_property
    def spatial_rank(self) -> np.ndarray:
        """Each feature's place along a Z-order curve through the bounds' centres:
        sorting by it puts neighbours next to each other."""
        if not len(self.ids):
            return np.empty(0, dtype=np.int64)
        centres = (self.bounds[:, :2] + self.bounds[:, 2:]) / 2
        low, high = centres.min(axis=0), centres.max(axis=0)
        cells = ((centres - low) / np.maximum(high - low, 1e-9) * 65535).astype(np.uint64)
        code = _spread_bits(cells[:, 0]) | (_spread_bits(cells[:, 1]) << np.uint64(1))
        rank = np.empty(len(code), dtype=np.int64)
        rank[np.argsort(code, kind="stable")] = np.arange(len(code))
        return rank

    @cached_property
    def index_of(self) -> dict[int, int]:
        """Record id → position (built on first use: a selection, not a frame)."""
        return {int(i): n for n, i in enumerate(self.ids)}

    @classmethod
    def from_records(cls, records) -> FeatureGeometry:
        records = list(records)
        return cls(np.array([r.id for r in records], dtype=np.int64),
                   np.array([r.geometry for r in records], dtype=object))

    def _prepare_vertices(self) -> _Vertices:
        geoms = self.geometries
        if not len(geoms):
            return _Vertices.of(np.empty((0, 2)), np.zeros(1, dtype=np.int64), np.zeros(1, dtype=np.int64))
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
        return _Vertices.of(xy, part_start, feature_parts)

    def __len__(self) -> int:
        return len(self.ids)

    def query(self, extent: tuple[float, float, float, float]) -> np.ndarray:
        """Indices (sorted) of the features whose bounds meet ``extent``."""
        if not len(self.ids):
            return np.empty(0, dtype=np.int64)
        return np.sort(self.tree.query(shapely.box(*extent)))

    def parts(self, indices: np.ndarray | None = None, segments: np.ndarray | None = None) -> PathParts:
        """The vertices of the features at ``indices`` (all if None), ready for a
        path. ``segments`` (a flag per vertex, as from :meth:`unshared_segments`)
        leaves out the segments that start at a vertex flagged 0."""
        vertices = self._vertices
        if indices is None:
            xy, connect = vertices.xy, vertices.connect.copy()
            vertex_ids = slice(None)
        else:
            first = vertices.feature_start[indices]
            vertex_ids = _ranges(first, vertices.feature_start[np.asarray(indices) + 1] - first)
            xy, connect = vertices.xy[vertex_ids], vertices.connect[vertex_ids]
        if segments is not None:
            connect &= segments[vertex_ids]
        return PathParts(xy, connect)

    def vertex_offsets(self, indices: np.ndarray) -> np.ndarray:
        """Where each feature at ``indices`` starts in ``parts(indices)``, and the end."""
        starts = self._vertices.feature_start
        return np.concatenate([[0], np.cumsum(starts[np.asarray(indices) + 1] - starts[indices])])

    def unshared_segments(self, groups: np.ndarray) -> np.ndarray:
        """A flag per vertex: 0 where the segment starting there repeats, end for
        end in either direction, a segment of an earlier feature of the same group.

        Neighbouring zones share their boundary; outlining each zone draws it
        twice. Both zones reach into any view that shows the segment, so keeping
        the first copy only never loses a line from a frame.
        """
        xy, starts = self.xy, self.part_start
        keep = np.ones(len(xy), dtype=np.int32)
        if len(xy) < 2:
            return keep
        segment_of = np.arange(len(xy) - 1)
        segment_of = segment_of[~np.isin(segment_of, starts[1:] - 1)]  # the last vertex of a part starts none
        a, b = xy[segment_of], xy[segment_of + 1]
        swap = (a[:, 0] > b[:, 0]) | ((a[:, 0] == b[:, 0]) & (a[:, 1] > b[:, 1]))
        lo, hi = np.where(swap[:, None], b, a), np.where(swap[:, None], a, b)
        feature = np.repeat(np.arange(len(self.ids)), np.diff(self.part_start[self.feature_parts]))[segment_of]
        group = np.asarray(groups)[feature]
        order = np.lexsort((feature, hi[:, 1], hi[:, 0], lo[:, 1], lo[:, 0], group))
        key = np.column_stack([group, lo, hi])[order]
        repeat = np.zeros(len(order), dtype=bool)
        repeat[1:] = (key[1:] == key[:-1]).all(axis=1)
        keep[segment_of[order[repeat]]] = 0
        return keep


class _Vertices(NamedTuple):
    xy: np.ndarray  # (n, 2) every vertex of the table
    part_start: np.ndarray  # part p is xy[part_start[p]:part_start[p + 1]]
    feature_parts: np.ndarray  # feature f owns parts feature_parts[f]:feature_parts[f + 1]
    feature_start: np.ndarray  # feature f is xy[feature_start[f]:feature_start[f + 1]]
    connect: np.ndarray  # int32 per vertex: 1 = joined to the next, 0 = its part ends

    @classmethod
    def of(cls, xy: np.ndarray, part_start: np.ndarray, feature_parts: np.ndarray) -> _Vertices:
        connect = np.ones(len(xy), dtype=np.int32)
        connect[part_start[1:][np.diff(part_start) > 0] - 1] = 0
        return cls(xy, part_start, feature_parts, part_start[feature_parts], connect)


def _spread_bits(values: np.ndarray) -> np.ndarray:
    """16-bit integers with a zero bit put between each two bits (for Z-order codes)."""
    v = values.astype(np.uint64) & np.uint64(0xFFFF)
    for shift, mask in ((8, 0x00FF00FF), (4, 0x0F0F0F0F), (2, 0x33333333), (1, 0x55555555)):
        v = (v | (v << np.uint64(shift))) & np.uint64(mask)
    return v


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
