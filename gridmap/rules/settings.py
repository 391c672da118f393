"""How strict the rules are: kept in the project's metadata (key ``rules``, JSON)
so that every copy of a project is checked the same way."""

from __future__ import annotations

import json
from dataclasses import dataclass, field

META_KEY = "rules"

# standards.md: urban comprehensive grids hold "in principle 300–500 households".
DEFAULT_BANDS = {3: (300, 500)}


@dataclass(frozen=True)
class RuleSettings:
    tolerance: float = 0.5  # metres: gaps and overlaps narrower than this are drawing noise
    bands: dict[int, tuple[int, int]] = field(default_factory=lambda: dict(DEFAULT_BANDS))  # level → households

    @classmethod
    def from_meta(cls, meta: dict[str, str]) -> "RuleSettings":
        """The project's settings; defaults for what it does not set (or sets badly)."""
        try:
            raw = json.loads(meta.get(META_KEY, "{}"))
        except ValueError:
            raw = {}
        if not isinstance(raw, dict):
            raw = {}
        settings = cls()
        tolerance = raw.get("tolerance", settings.tolerance)
        given = raw.get("bands")
        bands = dict(settings.bands) if not isinstance(given, dict) else {}  # a project's bands replace ours
        for level, band in (given if isinstance(given, dict) else {}).items():
            try:
                low, high = band
                bands[int(level)] = (int(low), int(high))
            except (TypeError, ValueError):
                continue
        good = isinstance(tolerance, (int, float)) and not isinstance(tolerance, bool) and tolerance >= 0
        return cls(tolerance=float(tolerance) if good else settings.tolerance, bands=bands)

    def to_meta(self) -> str:
        return json.dumps({"tolerance": self.tolerance, "bands": {str(k): list(v) for k, v in self.bands.items()}})
