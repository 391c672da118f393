"""OpenStreetMap XML with nodes that are no place on Earth (lat="nan",
lon="inf", lat="91"): GDAL's OSM driver stops at the first and reads nothing.

So that the rest of the file comes in, each such node is moved to a marker
spot GDAL accepts (near the South Pole, one spot per node) in a copy of the
file; the shapes through a marker are then set aside, saying which node was
bad. The original file is never changed.
"""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import shapely

GDAL_COMPLAINT = "Invalid lon="  # what GDAL says of such a node
MARKER_LAT = -89.123456
MARKER_LON0, MARKER_STEP = -179.0, 0.001  # node k of the bad ones goes to lon MARKER_LON0 + k * MARKER_STEP
MOST_MARKERS = 300_000  # within the longitudes left for markers

_NODE = re.compile(rb"<node\b[^>]*>")
_ATTRIBUTE = re.compile(rb"""\b(lat|lon|id)\s*=\s*(["'])(.*?)\2""")


def _is_place(lat: bytes | None, lon: bytes | None) -> bool:
    try:
        return -90.0 <= float(lat) <= 90.0 and -180.0 <= float(lon) <= 180.0
    except (TypeError, ValueError):
        return lat is None or lon is None  # a node without a position is GDAL's to judge


def with_markers(path: Path, folder: Path) -> tuple[Path, list[str]] | None:
    """A copy of ``path`` in ``folder`` with each unplaceable node on its marker,
    and what each marked node was ("node 7 (lat 'nan', lon '113.674')"); None
    if the file has no such node (or too many to mark)."""
    bad: list[str] = []

    def mark(match: re.Match) -> bytes:
        element = match.group()
        values = {m.group(1): m.group(3) for m in _ATTRIBUTE.finditer(element)}
        if _is_place(values.get(b"lat"), values.get(b"lon")):
            return element
        place = {b"lat": f"{MARKER_LAT}", b"lon": f"{MARKER_LON0 + len(bad) * MARKER_STEP:.3f}"}
        bad.append(f"node {values.get(b'id', b'?').decode(errors='replace')} "
                   f"(lat {values[b'lat'].decode(errors='replace')[:20]!r}, "
                   f"lon {values[b'lon'].decode(errors='replace')[:20]!r})")
        return _ATTRIBUTE.sub(lambda m: m.group(1) + b'="' + place[m.group(1)].encode() + b'"'
                              if m.group(1) in place else m.group(), element)

    fixed = _NODE.sub(mark, path.read_bytes())
    if not bad or len(bad) > MOST_MARKERS:
        return None
    copy = folder / path.name
    copy.write_bytes(fixed)
    return copy, bad


def marked_shapes(geometries: np.ndarray, bad: list[str]) -> dict[int, str]:
    """Position in ``geometries`` → why it is set aside, for each shape through a marker."""
    coords, owner = shapely.get_coordinates(geometries, return_index=True)
    hit = coords[:, 1] == MARKER_LAT
    reasons: dict[int, list[str]] = {}
    for at, lon in zip(owner[hit], coords[hit, 0]):
        k = round((lon - MARKER_LON0) / MARKER_STEP)
        if 0 <= k < len(bad) and bad[k] not in reasons.setdefault(int(at), []):
            reasons[int(at)].append(bad[k])
    return {at: f"a node of it is no place on Earth: {', '.join(nodes)}" for at, nodes in reasons.items()}
