"""Coordinate reference systems: parsing, the metric CRS for a place, reprojection."""

import numpy as np
import pytest
import shapely
from pyproj import CRS, Transformer
from shapely.geometry import Polygon

from gridmap.errors import CoordinateError, GridmapError
from gridmap.gis.crs import is_geographic, metric_crs_for, parse_crs, to_project
from gridmap.gis.offsets import wgs84_to_bd09, wgs84_to_gcj02

ZHENGZHOU = (113.67, 34.77)


@pytest.mark.parametrize("text", [
    "EPSG:4547", "4547", 4547, " epsg:4547 ",
    CRS.from_epsg(4547).to_wkt(),
    "+proj=tmerc +lat_0=0 +lon_0=114 +k=1 +x_0=500000 +y_0=0 +ellps=GRS80 +units=m +no_defs +type=crs",
])
def test_parse_crs_reads_codes_wkt_and_proj_strings(text):
    crs = parse_crs(text)
    assert crs.is_projected
    # The same grid as EPSG:4547 (a PROJ string has no EPSG datum name, so compare places).
    here = Transformer.from_crs(4326, crs, always_xy=True).transform(*ZHENGZHOU)
    assert here == pytest.approx(Transformer.from_crs(4326, 4547, always_xy=True).transform(*ZHENGZHOU), abs=1e-3)


@pytest.mark.parametrize("text", ["EPSG:999999", "999999", "not a crs", "+proj=nonsense", ""])
def test_parse_crs_names_the_text_it_cannot_read(text):
    with pytest.raises(CoordinateError) as caught:
        parse_crs(text)
    assert repr(text) in str(caught.value)
    assert isinstance(caught.value, GridmapError)


def test_the_gauss_kruger_codes_match_the_proj_database():
    for code, cm in zip(range(4534, 4555), range(75, 136, 3)):
        crs = CRS.from_epsg(code)
        assert crs.name == f"CGCS2000 / 3-degree Gauss-Kruger CM {cm}E"
        lon_0 = [p.value for p in crs.coordinate_operation.params if p.name == "Longitude of natural origin"]
        assert lon_0 == [cm]
        for lon in (cm - 1.4, cm, cm + 1.4):
            assert metric_crs_for(lon, 35.0) == code


@pytest.mark.parametrize(("place", "lon", "lat", "code"), [
    ("Zhengzhou", *ZHENGZHOU, 4547),  # CM 114E, the demo's CRS
    ("Urumqi", 87.6, 43.8, 4538),  # CM 87E
    ("Harbin", 126.6, 45.75, 4551),  # CM 126E
    ("Helsinki", 24.9, 60.2, 32635),
    ("Sydney", 151.2, -33.9, 32756),
])
def test_metric_crs_for_well_known_places(place, lon, lat, code):
    assert metric_crs_for(lon, lat) == code, place


def test_metric_crs_for_refuses_what_is_not_lon_lat():
    with pytest.raises(CoordinateError, match="longitude, latitude"):
        metric_crs_for(500000.0, 3850000.0)


def test_is_geographic():
    assert is_geographic("EPSG:4326") and is_geographic(4490)
    assert not is_geographic("EPSG:4547") and not is_geographic(3857)


def test_to_project_without_an_offset_is_a_plain_reprojection():
    lon, lat = np.array([113.60, 113.67, 113.75]), np.array([34.70, 34.77, 34.80])
    out = to_project(shapely.points(lon, lat), "EPSG:4326", 4547)
    x, y = Transformer.from_crs(4326, 4547, always_xy=True).transform(lon, lat)
    assert np.allclose(shapely.get_coordinates(out), np.column_stack([x, y]), rtol=0, atol=1e-6)


@pytest.mark.parametrize(("offset", "forward"), [("gcj02", wgs84_to_gcj02), ("bd09", wgs84_to_bd09)])
def test_offset_points_land_within_a_metre_of_their_wgs84_truth(offset, forward):
    rng = np.random.default_rng(7)
    lon = ZHENGZHOU[0] + rng.uniform(-0.2, 0.2, 500)
    lat = ZHENGZHOU[1] + rng.uniform(-0.2, 0.2, 500)
    truth = to_project(shapely.points(lon, lat), "EPSG:4326", 4547)
    shifted = shapely.points(*forward(lon, lat))
    plain = to_project(shifted, "EPSG:4326", 4547)
    corrected = to_project(shifted, "EPSG:4326", 4547, offset=offset)
    assert shapely.distance(corrected, truth).max() < 1.0
    assert shapely.distance(plain, truth).min() > 100.0  # without the offset: hundreds of metres off


def test_to_project_moves_polygons_vertex_by_vertex():
    ring = [(113.66, 34.76), (113.68, 34.76), (113.68, 34.78), (113.66, 34.78)]
    gcj_ring = list(zip(*wgs84_to_gcj02(*np.array(ring).T)))
    out = to_project(np.array([Polygon(gcj_ring)]), "4490", "EPSG:4547", offset="GCJ-02")
    truth = to_project(Polygon(ring), "EPSG:4326", 4547)
    assert shapely.get_num_coordinates(out[0]) == 5
    assert shapely.hausdorff_distance(out[0], truth) < 1.0
    assert 4.0e6 < out[0].area < 4.1e6  # about 1.83 km x 2.22 km


def test_an_offset_on_a_projected_source_is_refused():
    with pytest.raises(CoordinateError, match=r"gcj02 offset.*projected"):
        to_project(shapely.points([500000.0], [3850000.0]), "EPSG:4547", 4547, offset="gcj02")


def test_coordinates_a_crs_cannot_express_are_reported():
    with pytest.raises(CoordinateError, match="cannot be expressed"):
        to_project(shapely.points([0.0], [95.0]), "EPSG:4326", 4547)
