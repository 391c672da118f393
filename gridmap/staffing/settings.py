"""How many of each role a zone needs, kept in the project's metadata (key
``staffing``, JSON) so that every copy of a project is checked the same way.

Defaults from the field notes: each grid has exactly one grid chief and at
least two grid members; each building with households a building head; every
occupied household one linked party member, who should not carry more than 30.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from collections.abc import Iterable

from gridmap.levels import depths
from gridmap.model.entities import GRID, LEVEL_ROLES, Level

META_KEY = "staffing"

# the role of a level (entities.LEVEL_ROLES) → staff role → (at least, at most); None for no upper bound.
# Micro-grids ask nothing by default: their building heads and party members are checked building by building.
DEFAULT_ROLES: dict[str, dict[str, tuple[int, int | None]]] = {GRID: {"网格长": (1, 1), "网格员": (2, None)}}


def wanted(count: int, low: int, high: int | None) -> str | None:
    """What a zone holding ``count`` of a role lacks against its band, in
    words ("exactly 1", "at least 2", "at most 3"); None when it is within."""
    if low <= count and (high is None or count <= high):
        return None
    if low == high:
        return f"exactly {low}"
    return f"at least {low}" if count < low else f"at most {high}"


@dataclass(frozen=True)
class StaffingSettings:
    roles: dict[str, dict[str, tuple[int, int | None]]] = field(
        default_factory=lambda: {k: dict(v) for k, v in DEFAULT_ROLES.items()})
    building_heads: int = 1  # per building with households
    party_links: bool = True  # every occupied household has one linked party member
    party_cap: int = 30  # households a party member can look after

    @classmethod
    def from_meta(cls, meta: dict[str, str], levels: Iterable[Level] = ()) -> StaffingSettings:
        """The project's settings; defaults for what it does not set (or sets badly).

        Files of schema 5 and earlier key the roles by depth ("3"): ``levels`` (the
        project's) says which role that depth plays."""
        try:
            raw = json.loads(meta.get(META_KEY, "{}"))
        except ValueError:
            raw = {}
        if not isinstance(raw, dict):
            return cls()
        default = cls()
        roles = default.roles
        if isinstance(raw.get("roles"), dict):  # a project's roles replace ours
            roles = {}
            at = depths(levels)
            for level, wanted in raw["roles"].items():
                level_role = at.role_at(int(level)) if str(level).isdecimal() else level
                if level_role not in LEVEL_ROLES:
                    continue
                try:
                    roles[level_role] = {str(role): (int(low), None if high is None else int(high))
                                         for role, (low, high) in wanted.items()}
                except (TypeError, ValueError, AttributeError):
                    continue

        def number(key: str, fallback: int) -> int:
            value = raw.get(key, fallback)
            return value if isinstance(value, int) and not isinstance(value, bool) and value >= 0 else fallback

        return cls(roles=roles, building_heads=number("building_heads", default.building_heads),
                   party_links=bool(raw.get("party_links", default.party_links)),
                   party_cap=number("party_cap", default.party_cap))

    def to_meta(self) -> str:
        return json.dumps({"roles": {level: {role: list(band) for role, band in wanted.items()}
                                     for level, wanted in self.roles.items()},
                           "building_heads": self.building_heads, "party_links": self.party_links,
                           "party_cap": self.party_cap}, ensure_ascii=False)
