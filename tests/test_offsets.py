"""The GCJ-02 and BD-09 offsets: published values, round trips, geometries."""

import numpy as np
import pytest
import shapely
from pyproj import Geod
from shapely.affinity import translate
from shapely.geometry import GeometryCollection, LineString, MultiPolygon, Point, Polygon

from gridmap.errors import CoordinateError, GridmapError
from gridmap.gis import offsets
from gridmap.gis.offsets import (
    bd09_to_gcj02,
    bd09_to_wgs84,
    convert_geometry,
    gcj02_to_bd09,
    gcj02_to_wgs84,
    wgs84_to_bd09,
    wgs84_to_gcj02,
)

GEOD = Geod(ellps="WGS84")

# (WGS84 lon, lat) -> (GCJ-02 lon, lat), as published (full double precision).
WGS_TO_GCJ = [
    # Shanghai, Shenzhen, Beijing: googollee/eviltransform, python/test.py (TESTS)
    # https://github.com/googollee/eviltransform/blob/master/python/test.py
    ((121.5272106, 31.1774276), (121.531541859215, 31.17530398364597)),
    ((113.912316, 22.543847), (113.9171764808363, 22.540796131694766)),
    ((116.377817, 39.911954), (116.38404722455657, 39.91334545536069)),
    # Tian'anmen: dromara/hutool,
    # hutool-core/src/test/java/org/dromara/hutool/core/util/CoordinateUtilTest.java (wgs84ToGcj02Test)
    ((116.404, 39.915), (116.41024449916938, 39.91640428150164)),
]

# (GCJ-02 lon, lat) -> (BD-09 lon, lat), with the precision each source publishes.
GCJ_TO_BD = [
    # dromara/hutool, hutool-core/src/test/java/org/dromara/hutool/core/util/CoordinateUtilTest.java
    # (gcj02ToBd09Test), full double precision
    ((116.404, 39.915), (116.41036949371029, 39.92133699351022), 1e-12),
    # hujiulong/gcoord, test/unit/crs/GCJ02.spec.ts ('GCJ02 to BD09'), 8 decimals
    ((123.0, 45.0), (123.00636499, 45.00636899), 1e-8),
]

# (WGS84 lon, lat) -> (BD-09 lon, lat): dromara/hutool, same file
# (wgs84toBd09Test, and wgs84toBd09Test2 which cites https://tool.lu/coordinate/).
WGS_TO_BD = [
    ((116.404, 39.915), (116.41662724378733, 39.922699552216216)),
    ((122.99395597, 44.99804071), (123.00636516028885, 45.0063690918959)),
]


def metres(lon1, lat1, lon2, lat2) -> np.ndarray:
    return GEOD.inv(lon1, lat1, lon2, lat2)[2]


def china_points(n=10_000, seed=20240508):
    """Random points over mainland China, Hainan and Taiwan (well inside the offsets' box)."""
    rng = np.random.default_rng(seed)
    return rng.uniform(73.5, 135.0, n), rng.uniform(18.0, 53.5, n)


@pytest.mark.parametrize(("wgs", "gcj"), WGS_TO_GCJ)
def test_wgs84_to_gcj02_gives_the_published_values(wgs, gcj):
    lon, lat = wgs84_to_gcj02(*wgs)
    assert lon == pytest.approx(gcj[0], abs=1e-12)
    assert lat == pytest.approx(gcj[1], abs=1e-12)


@pytest.mark.parametrize(("wgs", "gcj"), WGS_TO_GCJ)
def test_gcj02_to_wgs84_recovers_the_published_wgs84_point(wgs, gcj):
    lon, lat = gcj02_to_wgs84(*gcj)
    assert lon == pytest.approx(wgs[0], abs=1e-9)
    assert lat == pytest.approx(wgs[1], abs=1e-9)


@pytest.mark.parametrize(("gcj", "bd", "precision"), GCJ_TO_BD)
def test_gcj02_to_bd09_gives_the_published_values(gcj, bd, precision):
    lon, lat = gcj02_to_bd09(*gcj)
    assert lon == pytest.approx(bd[0], abs=precision)
    assert lat == pytest.approx(bd[1], abs=precision)
    back = bd09_to_gcj02(*bd)
    assert back[0] == pytest.approx(gcj[0], abs=precision + 1e-9)
    assert back[1] == pytest.approx(gcj[1], abs=precision + 1e-9)


@pytest.mark.parametrize(("wgs", "bd"), WGS_TO_BD)
def test_wgs84_to_bd09_gives_the_published_values(wgs, bd):
    lon, lat = wgs84_to_bd09(*wgs)
    assert lon == pytest.approx(bd[0], abs=1e-12)
    assert lat == pytest.approx(bd[1], abs=1e-12)


def test_published_approximate_inverses_agree_to_their_stated_precision():
    # hujiulong/gcoord test/unit/crs/GCJ02.spec.ts and BD09.spec.ts use toBeCloseTo(x, 5),
    # i.e. within 5e-6 degrees; their inverses are approximations, ours close the round trip.
    assert np.allclose(gcj02_to_wgs84(123, 45), (122.99395597, 44.99804071), rtol=0, atol=5e-6)
    assert np.allclose(bd09_to_gcj02(123, 45), (122.99363304, 44.99365430), rtol=0, atol=5e-6)
    assert np.allclose(bd09_to_wgs84(123, 45), (122.98762210, 44.99171540), rtol=0, atol=5e-6)


def test_round_trips_over_china_close_within_a_centimetre():
    lon, lat = china_points()
    for forward, inverse in [
        (wgs84_to_gcj02, gcj02_to_wgs84),
        (gcj02_to_bd09, bd09_to_gcj02),
        (wgs84_to_bd09, bd09_to_wgs84),
    ]:
        back_lon, back_lat = inverse(*forward(lon, lat))
        assert metres(lon, lat, back_lon, back_lat).max() < 0.01, forward.__name__


def test_round_trips_on_a_regular_grid_close_within_a_centimetre():
    lon, lat = np.meshgrid(np.arange(73.5, 135.01, 0.25), np.arange(18.0, 53.51, 0.25))
    back_lon, back_lat = bd09_to_wgs84(*wgs84_to_bd09(lon, lat))
    assert back_lon.shape == lon.shape
    assert metres(lon.ravel(), lat.ravel(), back_lon.ravel(), back_lat.ravel()).max() < 0.01


def test_points_outside_china_are_unchanged_by_gcj02():
    lon = np.array([24.9, 151.2, -74.0, 183.0, 139.7, 100.0, 100.0])  # Helsinki, Sydney, New York, ...
    lat = np.array([60.2, -33.9, 40.7, 45.0, 35.7, 56.0, 0.5])  # ..., Tokyo, north and south of the box
    for function in (wgs84_to_gcj02, gcj02_to_wgs84):
        out_lon, out_lat = function(lon, lat)
        assert np.array_equal(out_lon, lon) and np.array_equal(out_lat, lat)


def test_the_offsets_are_hundreds_of_metres_in_beijing_and_zhengzhou():
    lon, lat = np.array([116.397, 113.665]), np.array([39.909, 34.757])  # Tian'anmen, Zhengzhou
    gcj = wgs84_to_gcj02(lon, lat)
    bd = gcj02_to_bd09(*gcj)
    assert np.all((metres(lon, lat, *gcj) > 300) & (metres(lon, lat, *gcj) < 800))
    assert np.all((metres(*gcj, *bd) > 500) & (metres(*gcj, *bd) < 1200))


def test_scalars_shapes_and_missing_values():
    lon, lat = wgs84_to_gcj02(113.665, 34.757)
    assert lon.shape == () and isinstance(float(lon), float)
    lon, lat = gcj02_to_wgs84([[113.0, np.nan], [114.0, 115.0]], 34.7)
    assert lon.shape == (2, 2) and np.isnan(lon[0, 1]) and np.isfinite(lat).sum() == 4
    assert bd09_to_gcj02(np.array([]), np.array([]))[0].shape == (0,)


def test_an_inverse_that_cannot_converge_says_so(monkeypatch):
    monkeypatch.setattr(offsets, "MAX_ITERATIONS", 1)
    with pytest.raises(CoordinateError, match="GCJ-02 offset did not converge") as caught:
        gcj02_to_wgs84(113.67, 34.77)
    assert isinstance(caught.value, GridmapError)


def test_convert_geometry_moves_every_vertex_of_every_kind_of_geometry():
    poly = Polygon([(113.6, 34.7), (113.7, 34.7), (113.7, 34.8), (113.6, 34.8)],
                   [[(113.62, 34.72), (113.64, 34.72), (113.64, 34.74)]])
    geoms = np.array([
        Point(113.65, 34.75),
        LineString([(116.3, 39.9), (116.4, 39.95), (116.5, 39.9)]),
        poly,
        MultiPolygon([poly, translate(poly, 1, 1)]),
        GeometryCollection([Point(121.5, 31.2), LineString([(121.4, 31.1), (121.6, 31.3)])]),
        Point(113.65, 34.75, 12.5),
        Polygon(),
        None,
    ], dtype=object)
    gcj = convert_geometry(geoms, "gcj02", inverse=False)
    coords = shapely.get_coordinates(geoms)
    expected = np.column_stack(wgs84_to_gcj02(coords[:, 0], coords[:, 1]))
    assert np.array_equal(shapely.get_coordinates(gcj), expected)
    assert list(shapely.get_type_id(gcj)) == list(shapely.get_type_id(geoms))
    assert shapely.get_coordinates(gcj[5], include_z=True)[0, 2] == 12.5
    assert gcj[7] is None and gcj[6].is_empty
    for name in ("gcj02", "GCJ-02", "bd09"):
        there = convert_geometry(geoms, name, inverse=False)
        back = convert_geometry(there, name)
        assert np.abs(shapely.get_coordinates(back) - coords).max() < 1e-9


def test_convert_geometry_refuses_an_unknown_offset():
    with pytest.raises(CoordinateError, match="'mars'"):
        convert_geometry(Point(113.6, 34.7), "mars")
