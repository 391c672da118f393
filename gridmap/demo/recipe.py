"""The demo recipe as read from ``data/demo/*.toml``."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from typing import Any

from gridmap.paths import data_file


@dataclass(frozen=True)
class CommunitySpec:
    name: str
    columns: tuple[int, int]
    rows: tuple[int, int]
    style: str
    grid_members_per_grid: int
    exact: dict[str, int] | None = None
    dedicated: tuple[tuple[int, int, str, str], ...] = ()

    def blocks(self) -> list[tuple[int, int]]:
        """(column, row) of each block, north→south then west→east (reading order)."""
        return [(c, r) for r in range(self.rows[0], self.rows[1] + 1)
                for c in range(self.columns[0], self.columns[1] + 1)]


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
            name=c["name"], columns=tuple(c["columns"]), rows=tuple(c["rows"]), style=c["style"],
            grid_members_per_grid=c["grid_members_per_grid"], exact=c.get("exact"),
            dedicated=tuple(tuple(d) for d in c.get("dedicated", ())),
        )
        for c in raw["communities"]
    )
    return Recipe(raw, names, communities)
