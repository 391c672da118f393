"""The demo recipe as read from ``data/demo/*.toml``."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from typing import Any

from shapely.geometry import Polygon

from gridmap.paths import data_file


@dataclass(frozen=True)
class CommunitySpec:
    name: str
    area: Polygon  # rough outline, metres from the origin: the blocks whose inner point it holds
    style: str
    grid_members_per_grid: int
    exact: dict[str, int] | None = None
    per_grid: int = 0  # with ``exact``: buildings dealt to each grid


@dataclass(frozen=True)
class Recipe:
    raw: dict[str, Any]
    names: dict[str, Any]
    communities: tuple[CommunitySpec, ...] = field(default=())

    @property
    def seed(self) -> str:
        return self.raw["seed"]


def load_recipe() -> Recipe:
    raw = tomllib.loads(data_file("demo", "recipe.toml").read_text(encoding="utf-8"))
    names = tomllib.loads(data_file("demo", "names.toml").read_text(encoding="utf-8"))
    communities = tuple(
        CommunitySpec(
            name=c["name"], area=Polygon(c["area"]), style=c["style"],
            grid_members_per_grid=c["grid_members_per_grid"], exact=c.get("exact"), per_grid=c.get("per_grid", 0),
        )
        for c in raw["communities"]
    )
    return Recipe(raw, names, communities)
