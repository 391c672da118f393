"""How strict the rules are: kept in the project's metadata (key ``rules``, JSON)
so that every copy of a project is checked the same way."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from collections.abc import Iterable

from gridmap.levels import depths
from gridmap.model.entities import GRID, LEVEL_ROLES, Level

META_KEY = "rules"

# standards.md: urban comprehensive grids hold "in principle 300–500 households". No
# figure is published for micro-grids (阳光花苑: 12 grids, 58 micro-grids): they have no
# band unless a project sets one (bands by role, e.g. {"micro_grid": [60, 120]}).
DEFAULT_BANDS = {GRID: (300, 500)}


@dataclass(frozen=True)
class RuleSettings:
    tolerance: float = 0.5  # metres: gaps and overlaps narrower than this are drawing noise
    bands: dict[str, tuple[int, int]] = field(default_factory=lambda: dict(DEFAULT_BANDS))  # level role → households

    @classmethod
    def from_meta(cls, meta: dict[str, str], levels: Iterable[Level] = ()) -> RuleSettings:
        """The project's settings; defaults for what it does not set (or sets badly).

        Files of schema 5 and earlier key the bands by depth ("3"): ``levels`` (the
        project's) says which role that depth plays."""
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
        roles = depths(levels)
        for key, band in (given if isinstance(given, dict) else {}).items():
            role = roles.role_at(int(key)) if str(key).isdecimal() else key
            try:
                low, high = band
                if role in LEVEL_ROLES:
                    bands[role] = (int(low), int(high))
            except (TypeError, ValueError):
                continue
        good = isinstance(tolerance, (int, float)) and not isinstance(tolerance, bool) and tolerance >= 0
        return cls(tolerance=float(tolerance) if good else settings.tolerance, bands=bands)

    def to_meta(self) -> str:
        return json.dumps({"tolerance": self.tolerance, "bands": {k: list(v) for k, v in self.bands.items()}})
