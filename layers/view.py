"""What a map frame shows: centre, resolution and pixel size. Qt-free, shared by
the canvas, printing and the benchmark."""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np

METRES_PER_INCH = 0.0254


@dataclass(frozen=True)
class MapView:
    """A frame of ``width`` × ``height`` pixels centred on ``(cx, cy)`` (map metres),
    at ``resolution`` metres per pixel; ``dpi`` turns that into a map scale."""

    cx: float
    cy: float
    resolution: float
    width: int
    height: int
    dpi: float = 96.0
    # On paper a pixel is 1/96 inch whatever the device: lines scale with the
    # painter and none is a device-thin hairline (see renderers._pen).
    paper: bool = False

    @classmethod
    def fit(cls, bounds: tuple[float, float, float, float], width: int, height: int,
            margin: float = 0.03, dpi: float = 96.0, min_resolution: float = 0.05) -> MapView:
        """The view showing ``bounds`` whole, with a small margin."""
        minx, miny, maxx, maxy = bounds
        span_x = max(maxx - minx, 1e-9) * (1 + 2 * margin)
        span_y = max(maxy - miny, 1e-9) * (1 + 2 * margin)
        resolution = max(span_x / max(width, 1), span_y / max(height, 1), min_resolution)
        return cls((minx + maxx) / 2, (miny + maxy) / 2, resolution, width, height, dpi)

    @property
    def extent(self) -> tuple[float, float, float, float]:
        half_w = self.width * self.resolution / 2
        half_h = self.height * self.resolution / 2
        return (self.cx - half_w, self.cy - half_h, self.cx + half_w, self.cy + half_h)

    @property
    def scale(self) -> float:
        """The scale denominator: 1 : scale on a screen of ``dpi``."""
        return self.resolution * self.dpi / METRES_PER_INCH

    def to_pixels(self, xy: np.ndarray) -> np.ndarray:
        """(n, 2) map coordinates → (n, 2) pixel coordinates (y down)."""
        minx, _, _, maxy = self.extent
        out = np.empty_like(xy, dtype=np.float64)
        out[:, 0] = (xy[:, 0] - minx) / self.resolution
        out[:, 1] = (maxy - xy[:, 1]) / self.resolution
        return out

    def to_map(self, px: float, py: float) -> tuple[float, float]:
        minx, _, _, maxy = self.extent
        return minx + px * self.resolution, maxy - py * self.resolution

    def panned(self, dx_pixels: float, dy_pixels: float) -> MapView:
        """The view moved so that content shifts by (dx, dy) pixels on screen."""
        return replace(self, cx=self.cx - dx_pixels * self.resolution, cy=self.cy + dy_pixels * self.resolution)

    def zoomed(self, factor: float, anchor_px: tuple[float, float] | None = None,
               min_resolution: float = 0.02, max_resolution: float = 5000.0) -> MapView:
        """Zoom in by ``factor`` (> 1 in, < 1 out) keeping ``anchor_px`` fixed on screen."""
        resolution = min(max(self.resolution / factor, min_resolution), max_resolution)
        if anchor_px is None:
            return replace(self, resolution=resolution)
        ax, ay = self.to_map(*anchor_px)
        # keep the map point under the anchor pixel where it is
        cx = ax - (anchor_px[0] - self.width / 2) * resolution
        cy = ay + (anchor_px[1] - self.height / 2) * resolution
        return replace(self, cx=cx, cy=cy, resolution=resolution)

    def resized(self, width: int, height: int) -> MapView:
        return replace(self, width=width, height=height)
