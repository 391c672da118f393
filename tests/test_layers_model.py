"""The Qt-free side of the map: prepared vertices, views, colouring, layer list."""

import numpy as np
import pytest
import shapely
from hypothesis import given, settings
from hypothesis import strategies as st

from gridmap.spatial.colouring import colour_classes, neighbours
from layers.features import FeatureGeometry
from layers.model import DEFAULT_ORDER, LayerSet
from layers.view import MapView


def _reference_rings(geoms):
    """Every ring's vertices, per feature, the slow and obvious way."""
    out = []
    for g in geoms:
        rings = []
        for part in shapely.get_parts(g):
            rings += [np.asarray(r.coords) for r in shapely.get_rings(part)]
        out.append(rings)
    return out


polygon = st.builds(
    lambda x, y, w, h, hole: (shapely.box(x, y, x + w, y + h).difference(
        shapely.box(x + w * 0.3, y + h * 0.3, x + w * 0.6, y + h * 0.6)) if hole else shapely.box(x, y, x + w, y + h)),
    st.floats(0, 1000), st.floats(0, 1000), st.floats(1, 50), st.floats(1, 50), st.booleans())
feature = st.one_of(polygon, st.lists(polygon, min_size=1, max_size=3).map(
    lambda ps: shapely.MultiPolygon(list(ps))))


@settings(max_examples=60, deadline=None)
@given(st.lists(feature, min_size=1, max_size=12), st.data())
def test_prepared_rings_match_shapely(geoms, data):
    fg = FeatureGeometry(np.arange(len(geoms)), np.array(geoms, dtype=object))
    chosen = np.array(sorted(data.draw(st.sets(st.integers(0, len(geoms) - 1), min_size=1))))
    parts = fg.parts(chosen)
    expected = [ring for i in chosen for ring in _reference_rings([geoms[i]])[0]]
    ends = np.flatnonzero(parts.connect == 0)
    got = np.split(parts.xy, ends[:-1] + 1)
    assert len(got) == len(expected)
    for a, b in zip(got, expected):
        np.testing.assert_array_equal(a, b)


def test_lines_are_parts_too():
    lines = np.array([shapely.LineString([(0, 0), (1, 1), (2, 0)]),
                      shapely.MultiLineString([[(0, 0), (1, 1)], [(3, 3), (4, 4)]])], dtype=object)
    fg = FeatureGeometry(np.array([1, 2]), lines)
    assert fg.parts().connect.tolist() == [1, 1, 0, 1, 0, 1, 0]
    assert fg.parts(np.array([1])).xy.tolist() == [[0, 0], [1, 1], [3, 3], [4, 4]]


def test_query_uses_the_index():
    boxes = np.array([shapely.box(i * 10, 0, i * 10 + 5, 5) for i in range(100)], dtype=object)
    fg = FeatureGeometry(np.arange(100) + 1000, boxes)
    assert fg.query((12, 1, 31, 2)).tolist() == [1, 2, 3]
    assert fg.index_of[1005] == 5


def test_view_round_trips_and_zooms_about_the_cursor():
    view = MapView.fit((470000, 3849000, 471400, 3849900), 1400, 900)
    x, y = view.to_map(350.0, 200.0)
    assert np.allclose(view.to_pixels(np.array([[x, y]])), [[350, 200]])
    zoomed = view.zoomed(2.0, (350.0, 200.0))
    assert zoomed.resolution == pytest.approx(view.resolution / 2)
    assert np.allclose(zoomed.to_pixels(np.array([[x, y]])), [[350, 200]])  # the point under the cursor stays
    panned = view.panned(100, -50)
    assert np.allclose(panned.to_pixels(np.array([[x, y]])), [[450, 150]])
    assert view.scale == pytest.approx(view.resolution * 96 / 0.0254)


def test_neighbours_never_share_a_colour_and_corners_do_not_count():
    cells = np.array([shapely.box(i, j, i + 1, j + 1) for i in range(7) for j in range(6)], dtype=object)
    colours = colour_classes(cells)
    adjacency = neighbours(cells)
    assert all(colours[i] != colours[j] for i, nb in enumerate(adjacency) for j in nb)
    assert adjacency[0] == {1, 6}  # (0,0) touches (0,1) and (1,0); (1,1) only at a corner
    assert colours.max() + 1 <= 4


def test_layer_set_order_visibility_opacity_and_state():
    layers = LayerSet()
    events = []
    layers.changed.connect(lambda: events.append(1))
    layers.set_visible("buildings", False)
    layers.set_opacity("grid_fill", 0.4)
    layers.move("streets", 0)
    assert layers.kinds()[0] == "streets" and not layers.get("buildings").visible
    assert layers.get("grid_fill").opacity == 0.4 and len(events) == 3
    other = LayerSet()
    other.restore(layers.state() + [{"kind": "unknown"}])
    assert other.state() == layers.state()
    assert set(other.kinds()) == set(DEFAULT_ORDER)
