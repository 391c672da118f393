"""The parts of the fast drawing path: paths written straight into Qt's memory,
pieces built once per table and drawn under the view's transform, shared
boundaries drawn once, and street names placed from the visible segments only."""

import numpy as np
import pytest
import shapely
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QPainter
from pyqtgraph.functions import arrayToQPath

from layers.features import FeatureGeometry
from layers.placement import line_label_anchors
from layers.render.prepared import pieces
from layers.render.qt import _direct_paths_work, build_path, color, path_in_pixels
from layers.view import MapView


def _squares(n: int, size: float = 10.0, gap: float = 0.0, origin=(500_000.0, 3_400_000.0)) -> FeatureGeometry:
    """An n × n lattice of squares in projected metres (gap 0: neighbours share edges)."""
    ox, oy = origin
    boxes = [shapely.box(ox + i * (size + gap), oy + j * (size + gap), ox + i * (size + gap) + size,
                         oy + j * (size + gap) + size) for j in range(n) for i in range(n)]
    return FeatureGeometry(np.arange(1, len(boxes) + 1), np.array(boxes, dtype=object))


def test_paths_written_directly_equal_qts_own_format(qapp):
    assert _direct_paths_work()  # on the pinned Qt the fast way is the one used
    rng = np.random.default_rng(7)
    xy = rng.uniform(-500, 2500, size=(997, 2))
    connect = (rng.uniform(size=997) > 0.15).astype(np.int32)
    direct = build_path(xy, connect)
    reference = arrayToQPath(xy[:, 0], xy[:, 1], connect=connect, finiteCheck=False)
    assert direct.elementCount() == reference.elementCount() == 997
    assert direct == reference
    assert direct.boundingRect() == reference.boundingRect()
    # a path built directly can be extended like any other
    direct.lineTo(1.0, 2.0)
    assert direct.elementCount() == 998


def test_without_the_fast_way_paths_come_out_the_same(qapp, monkeypatch):
    import layers.render.qt as qt

    xy = np.array([[0.0, 0.0], [5.0, 0.0], [5.0, 5.0], [9.0, 9.0], [12.0, 9.0]])
    connect = np.array([1, 1, 0, 1, 0], dtype=np.int32)
    fast = build_path(xy, connect)
    monkeypatch.setattr(qt, "_direct_paths_work", lambda: False)  # as on a Qt whose layout is unknown
    assert build_path(xy, connect) == fast


def test_pieces_hold_every_feature_once_and_never_mix_groups(qapp):
    fg = _squares(30, gap=2.0)  # 900 squares, 5 vertices each
    groups = np.arange(len(fg)) % 3
    made = pieces(fg, "test", lambda: (np.arange(len(fg)), groups), chunk_vertices=40)
    assert made.vertices.sum() == 900 * 5
    assert all(v <= 40 for v in made.vertices)
    assert sorted(np.unique(made.group).tolist()) == [0, 1, 2]
    for g in range(3):  # each group's pieces carry exactly that group's vertices
        assert made.vertices[made.group == g].sum() == 300 * 5
    assert pieces(fg, "test", lambda: pytest.fail("built twice")) is made
    # a piece's bounds cover its squares: every square lies in some piece of its group
    centres = (fg.bounds[:, :2] + fg.bounds[:, 2:]) / 2
    for (cx, cy), g in zip(centres, groups):
        b = made.bounds[made.group == g]
        assert ((b[:, 0] <= cx) & (cx <= b[:, 2]) & (b[:, 1] <= cy) & (cy <= b[:, 3])).any()


def _image(draw, view) -> np.ndarray:
    image = QImage(view.width, view.height, QImage.Format.Format_RGB32)
    image.fill(0xFFFFFFFF)
    painter = QPainter(image)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(color("#806040"))
    draw(painter)
    painter.end()
    return np.frombuffer(image.constBits(), dtype=np.uint8).reshape(view.height, view.width, 4).copy()


def test_pieces_draw_the_same_pixels_as_one_path_in_pixels(qapp):
    fg = _squares(40, size=7.3, gap=1.9)
    made = pieces(fg, "all", lambda: (np.arange(len(fg)), np.zeros(len(fg), dtype=np.int64)))
    full = MapView.fit(fg.bounds_all, 400, 300)
    view = full.zoomed(2.6, (150.0, 100.0))  # part of the lattice, cut by the edges
    shown = made.in_view(view)
    assert 0 < len(shown) < len(made.paths)  # the others are never drawn
    got = _image(lambda p: made.draw(p, view, shown), view)
    want = _image(lambda p: p.drawPath(path_in_pixels(fg.parts(fg.query(view.extent)), view)), view)
    assert (got != 255).any()
    assert np.array_equal(got, want)


def test_a_shared_boundary_is_kept_once_per_group():
    fg = _squares(2)  # four squares meeting at a point: four inner edges, each shared
    flags = fg.unshared_segments(np.zeros(4, dtype=np.int64))
    drawn = fg.parts(None, flags)
    segments = int(drawn.connect.sum())
    assert segments == 16 - 4  # 4 squares × 4 edges, 4 of them twice
    # in different groups nothing is dropped
    assert int(fg.parts(None, fg.unshared_segments(np.arange(4))).connect.sum()) == 16
    # an edge shared the other way round is still found
    reversed_ = FeatureGeometry(np.array([1, 2]), np.array([
        shapely.Polygon([(0, 0), (1, 0), (1, 1), (0, 1)]),
        shapely.Polygon([(1, 0), (2, 0), (2, 1), (1, 1)]).reverse()], dtype=object))
    assert int(reversed_.parts(None, reversed_.unshared_segments(np.zeros(2, dtype=np.int64))).connect.sum()) == 7


def test_street_name_spots_are_fixed_by_the_street_not_the_view():
    line = shapely.LineString([(0, 0), (600, 0), (600, 400)])  # 1,000 m, a bend at 600
    fg = FeatureGeometry(np.array([1]), np.array([line], dtype=object))
    assert fg.along.tolist() == [0.0, 600.0, 1000.0]
    everything = line_label_anchors(fg, np.array([0]), 300.0, (-10, -10, 1000, 1000))
    # three names a third of the length apart, at (k + ½) · 1000 / 3
    assert np.allclose(everything.xy, [[166.667, 0], [500, 0], [600, 233.333]], atol=1e-3)
    assert np.allclose(everything.angle, [0, 0, np.pi / 2])
    assert everything.part_length.tolist() == [1000.0] * 3
    # a view of the bend's upright leg finds just the spot there, at the same place
    strip = line_label_anchors(fg, np.array([0]), 300.0, (590, 100, 700, 300))
    assert np.allclose(strip.xy, [[600, 233.333]], atol=1e-3)
    # a short street carries one name at its middle
    short = FeatureGeometry(np.array([1]), np.array([shapely.LineString([(0, 0), (100, 0)])], dtype=object))
    assert np.allclose(line_label_anchors(short, np.array([0]), 300.0, (-1, -1, 101, 1)).xy, [[50, 0]])


def test_spatial_rank_orders_neighbours_together():
    fg = _squares(16)
    rank = fg.spatial_rank
    assert sorted(rank.tolist()) == list(range(256))
    # Z-order: the four squares of each 2 × 2 block are consecutive
    order = np.argsort(rank)
    blocks = [(i % 16 // 2, i // 16 // 2) for i in order]
    assert all(len(set(blocks[k:k + 4])) == 1 for k in range(0, 256, 4))
