"""Paper: ISO A sizes, orientation, and the page unit every sheet is laid out in.

Sheets are laid out once, on A3, in units of 1/96 inch (the renderers' pixel);
A4 to A0 share the A3 page's shape (√2), so any of them is the same layout
scaled, text and lines included.
"""

from __future__ import annotations

from dataclasses import dataclass

MM_PER_INCH = 25.4
UNITS_PER_INCH = 96.0
A_SIZES_MM: dict[str, tuple[float, float]] = {  # portrait width, height
    "A4": (210.0, 297.0), "A3": (297.0, 420.0), "A2": (420.0, 594.0), "A1": (594.0, 841.0), "A0": (841.0, 1189.0),
}
LAYOUT_PAPER = "A3"


def mm_to_units(mm: float) -> float:
    return mm / MM_PER_INCH * UNITS_PER_INCH


@dataclass(frozen=True)
class Paper:
    size: str = "A3"
    landscape: bool = True

    def __post_init__(self) -> None:
        if self.size not in A_SIZES_MM:
            raise ValueError(f"paper is one of {', '.join(A_SIZES_MM)}, not {self.size!r}")

    @property
    def mm(self) -> tuple[float, float]:
        w, h = A_SIZES_MM[self.size]
        return (h, w) if self.landscape else (w, h)

    @property
    def layout_units(self) -> tuple[float, float]:
        """The page in layout units: always A3's, in this orientation."""
        w, h = A_SIZES_MM[LAYOUT_PAPER]
        w, h = (h, w) if self.landscape else (w, h)
        return mm_to_units(w), mm_to_units(h)

    @property
    def scale(self) -> float:
        """Paper size over layout size (A4 ≈ 0.707, A0 = 2.83)."""
        return A_SIZES_MM[self.size][0] / A_SIZES_MM[LAYOUT_PAPER][0]

    def pixels(self, dpi: float) -> tuple[int, int]:
        w, h = self.mm
        return round(w / MM_PER_INCH * dpi), round(h / MM_PER_INCH * dpi)

    @classmethod
    def parse(cls, size: str, orientation: str = "landscape") -> Paper:
        if orientation not in ("landscape", "portrait"):
            raise ValueError(f"orientation is landscape or portrait, not {orientation!r}")
        return cls(size.upper(), orientation == "landscape")
