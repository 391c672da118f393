"""How many units, floors and rooms each demo building has, fitted exactly to
reported figures where the recipe gives them."""

from __future__ import annotations

import random
from dataclasses import dataclass, field

SLAB_ROOM_WIDTH = 6.5  # metres of frontage per dwelling on a floor (一梯两户 ≈ 13 m a unit)
TOWER_UNIT_SIDE = 24.0
MIN_FLOORS = 5
MAX_FLOORS = 33


@dataclass
class BuildingPlan:
    units: int
    floors: int
    rooms_per_floor: int
    kind: str
    ground_cuts: list[int] = field(default_factory=list)  # rooms per unit lost to ground-floor shops

    @property
    def households(self) -> int:
        return self.units * self.floors * self.rooms_per_floor - sum(self.ground_cuts)

    def size(self) -> tuple[float, float]:
        """Footprint (east–west, north–south) in metres."""
        if self.kind == "公建":  # school or office block: no homes
            return 60.0, 16.0
        if self.kind == "塔楼":
            return self.units * TOWER_UNIT_SIDE, TOWER_UNIT_SIDE
        return self.units * self.rooms_per_floor * SLAB_ROOM_WIDTH, 11.0 + 2.0 * (self.rooms_per_floor > 2)


def plan_buildings(style: dict, count: int, rng: random.Random,
                   exact: dict[str, int] | None = None) -> list[BuildingPlan]:
    """Draw ``count`` buildings from ``style``; with ``exact``, adjust until the
    totals of units and households equal the given figures."""
    plans = [BuildingPlan(rng.choice(style["units"]), rng.choice(style["floors"]),
                          rng.choice(style["rooms_per_floor"]), style["kind"]) for _ in range(count)]
    if exact:
        if exact["buildings"] != count:
            raise ValueError(f"recipe: {exact['buildings']} buildings wanted, the blocks hold {count}")
        _fit_units(plans, exact["units"], rng, min(style["units"]), max(style["units"]))
        _fit_households(plans, exact["households"], rng)
    for plan in plans:
        if len(plan.ground_cuts) != plan.units:
            plan.ground_cuts = [0] * plan.units
    return plans


def _fit_units(plans: list[BuildingPlan], target: int, rng: random.Random, low: int, high: int) -> None:
    while (total := sum(p.units for p in plans)) != target:
        step = 1 if total < target else -1
        movable = [p for p in plans if low <= p.units + step <= high]
        if not movable:
            raise ValueError(f"recipe: cannot reach {target} units with {low}–{high} per building")
        rng.choice(movable).units += step


def _fit_households(plans: list[BuildingPlan], target: int, rng: random.Random) -> None:
    """Raise or lower whole floors until within reach, then take single rooms off
    ground floors (shops and entrances take them in old slab blocks)."""
    for plan in plans:
        plan.ground_cuts = [0] * plan.units
    while True:
        total = sum(p.households for p in plans)
        cuttable = sum(p.units * (p.rooms_per_floor - 1) for p in plans)
        if total < target:
            rng.choice([p for p in plans if p.floors < MAX_FLOORS]).floors += 1
        elif total - target > cuttable:
            rng.choice([p for p in plans if p.floors > MIN_FLOORS]).floors -= 1
        else:
            break
    excess = sum(p.households for p in plans) - target
    slots = [(p, u) for p in plans for u in range(p.units)]
    rng.shuffle(slots)
    while excess:
        for plan, unit in slots:
            if excess and plan.ground_cuts[unit] < plan.rooms_per_floor - 1:
                plan.ground_cuts[unit] += 1
                excess -= 1


def fit_band(plans: list[BuildingPlan], low: int, high: int, rng: random.Random, most_floors: int,
             least_floors: int = MIN_FLOORS) -> None:
    """Raise or lower whole floors until the plans hold ``low``–``high``
    households: a grid drawn to its band, as planners draw them."""
    while (total := sum(p.households for p in plans)) < low:
        taller = [p for p in plans if p.floors < most_floors]
        if not taller:
            raise ValueError(f"recipe: {len(plans)} buildings cannot hold {low} households")
        rng.choice(taller).floors += 1
    while total > high:
        lower = [p for p in plans if p.floors > least_floors]
        if not lower:
            raise ValueError(f"recipe: {len(plans)} buildings hold more than {high} households")
        rng.choice(lower).floors -= 1
        total = sum(p.households for p in plans)
