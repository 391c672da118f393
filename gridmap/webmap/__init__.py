"""The offline web map (issue 8): a project's grids, compounds and buildings as
one self-contained HTML file that opens in any browser with no network.
Qt-free; Leaflet is vendored under ``resources/webmap/`` and inlined."""

from gridmap.webmap.build import WebMapSummary, render_web_map, write_web_map

__all__ = ["WebMapSummary", "render_web_map", "write_web_map"]
