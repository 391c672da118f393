"""Snapping geometry (layers/snapping.py) on its own: no canvas, no Qt."""

import subprocess
import sys

import numpy as np
import shapely
from shapely.geometry import LineString, box

from layers.features import FeatureGeometry
from layers.snapping import rings_through, segment_near, snap_point, snap_to_lines, trace


def _features(**tables) -> dict[str, FeatureGeometry]:
    """Two grids side by side (0..100 and 100..200 × 0..100), a compound wall in
    the first, a building in the second, a street along y = 120."""
    shapes = {"zones": [box(0, 0, 100, 100), box(100, 0, 200, 100)], "compounds": [box(10, 10, 60, 60)],
              "buildings": [box(130, 30, 150, 50)], "streets": [LineString([(0, 120), (200, 120)])]} | tables
    return {name: FeatureGeometry(np.arange(1, len(geoms) + 1), np.array(geoms, dtype=object))
            for name, geoms in shapes.items()}


def test_snap_point_takes_the_nearest_vertex_within_reach_of_the_tables_asked():
    features = _features()
    assert snap_point(features, 101.5, 99.0, reach=3.0) == (100.0, 100.0)  # the corner both grids share
    assert snap_point(features, 131.0, 31.0, reach=3.0) == (130.0, 30.0)  # a building's corner
    assert snap_point(features, 131.0, 31.0, reach=3.0, tables=("zones",)) is None
    assert snap_point(features, 105.0, 99.0, reach=3.0) is None  # out of reach


def test_snap_point_passes_over_the_excluded_vertex():
    features = _features()
    assert snap_point(features, 100.0, 100.0, reach=1.0) == (100.0, 100.0)
    assert snap_point(features, 100.0, 100.0, reach=1.0, exclude=(100.0, 100.0)) is None
    assert snap_point(features, 100.0, 99.0, reach=200.0, tables=("zones",), exclude=(100.0, 100.0)) == (100.0, 0.0)


def test_snap_to_lines_finds_the_foot_on_a_street_a_wall_or_a_boundary():
    features = _features()
    assert snap_to_lines(features, 50.0, 118.0, reach=3.0) == (50.0, 120.0)  # the street itself
    assert snap_to_lines(features, 30.0, 58.5, reach=3.0) == (30.0, 60.0)  # the compound's wall
    assert snap_to_lines(features, 99.0, 50.0, reach=3.0) == (100.0, 50.0)  # the grids' shared boundary
    assert snap_to_lines(features, 30.0, 58.5, reach=3.0, tables=("streets",)) is None
    assert snap_to_lines(_features(compounds=[]), 30.0, 58.5, reach=3.0, tables=("compounds",)) is None


def test_trace_follows_the_shorter_way_round_a_boundary():
    features = _features()
    assert trace(features, (0.0, 50.0), (50.0, 100.0)) == [(0.0, 100.0)]  # round the corner
    assert trace(features, (50.0, 100.0), (0.0, 50.0)) == [(0.0, 100.0)]
    assert trace(features, (0.0, 20.0), (0.0, 80.0)) == []  # along one side: no vertex between
    assert trace(features, (50.0, 50.0), (0.0, 50.0)) == []  # one point inside: no shared boundary


def test_segment_near_gives_the_segment_and_the_foot():
    features = _features()
    a, b, foot = segment_near(features, 150.0, 98.0, reach=3.0)
    assert {a, b} == {(100.0, 100.0), (200.0, 100.0)} and foot == (150.0, 100.0)
    assert segment_near(features, 150.0, 50.0, reach=3.0) is None


def test_rings_through_a_shared_vertex_has_both_grids():
    features = _features()
    rings, moving = rings_through(features, (100.0, 0.0))
    assert len(rings) == 2 and all(mask.sum() >= 1 for mask in moving)
    for ring, mask in zip(rings, moving, strict=True):
        assert shapely.get_coordinates(shapely.points(ring[mask])).tolist()[0] == [100.0, 0.0]
    assert rings_through(features, (50.0, 50.0)) == ([], [])


def test_snapping_imports_no_qt():
    code = "import sys, layers.snapping; print(any(m.startswith('PySide6') for m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
