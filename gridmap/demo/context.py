"""What the demo builders share: the growing tables, id counters and random streams."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from gridmap.demo.people import PeopleMaker
from gridmap.demo.recipe import Recipe
from gridmap.model.tables import TABLE_ORDER, TABLES


class DemoContext:
    def __init__(self, recipe: Recipe) -> None:
        self.recipe = recipe
        self.today: dt.date = recipe.raw["date"]
        self.tables: dict[str, list[Any]] = {name: [] for name in TABLE_ORDER}
        self._next = dict.fromkeys(TABLE_ORDER, 1)
        self.people = PeopleMaker(self.rng("people"), recipe.names)

    def rng(self, stream: str) -> random.Random:
        """An independent random stream, so that changing one part of the recipe
        does not reshuffle the rest. String seeds are hashed with SHA-512: stable."""
        return random.Random(f"{self.recipe.seed}:{stream}")

    def add(self, table: str, record_type: type, **values: Any) -> Any:
        """Create a record with the next id of ``table`` and keep it."""
        key = TABLES[table].key
        if key not in values:
            values[key] = self._next[table]
        self._next[table] = values[key] + 1
        record = record_type(**values)
        self.tables[table].append(record)
        return record
