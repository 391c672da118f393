"""Households and residents of a demo building: occupancy, tags, check dates, people."""

from __future__ import annotations

import datetime as dt
import random

from gridmap.demo.buildings import BuildingPlan
from gridmap.demo.context import DemoContext
from gridmap.model.entities import Building, Household, Resident, Unit


def add_units_and_households(ctx: DemoContext, building: Building, plan: BuildingPlan,
                             rng: random.Random, occupancy: dict[str, int] | None = None) -> list[Household]:
    """Units 1..n west→east; rooms "<floor><nn>" on every floor, fewer on the
    ground floor. ``occupancy``: weights replacing the recipe's (a village rents more)."""
    mix = ctx.recipe.raw["households"]
    if occupancy:
        mix = {**mix, "occupancy": occupancy}
    households = []
    for number in range(1, plan.units + 1):
        unit = ctx.add("units", Unit, building_id=building.id, number=number,
                       rooms_per_floor=plan.rooms_per_floor)
        for floor in range(1, plan.floors + 1):
            rooms = plan.rooms_per_floor - (plan.ground_cuts[number - 1] if floor == 1 else 0)
            for room in range(1, rooms + 1):
                households.append(_household(ctx, building, unit, floor, f"{floor}{room:02d}", mix, rng))
    return households


def _household(ctx: DemoContext, building: Building, unit: Unit, floor: int, room: str,
               mix: dict, rng: random.Random) -> Household:
    occupancy = rng.choices(list(mix["occupancy"]), list(mix["occupancy"].values()))[0]
    tags: set[str] = set()
    people = 0
    if occupancy != "空户":
        chance = mix["tags"]
        roll = rng.random()
        if roll < chance["独居"]:
            tags.add("独居")
            people = 1
        elif roll < chance["独居"] + chance["空巢"] and occupancy == "常住":
            tags.add("空巢")
            people = rng.choice((1, 2, 2))
        else:
            people = rng.choices((1, 2, 3, 4, 5), (12, 30, 33, 18, 7))[0]
        for tag in ("残疾", "志愿者", "微信进群"):
            if rng.random() < chance[tag]:
                tags.add(tag)
    if rng.random() < mix["never_checked"]:
        checked = None
    else:
        checked = ctx.today - dt.timedelta(days=rng.randrange(mix["checked_within_days"]))
    vulnerable = bool(tags & {"独居", "空巢", "残疾"})
    follow_up = rng.random() < mix["follow_up"] * (4 if vulnerable else 1)
    note = rng.choice(mix["notes"]) if rng.random() < 0.05 else ""
    household = ctx.add("households", Household, building_id=building.id, unit_id=unit.id, floor=floor,
                        room=room, occupancy=occupancy, tags=frozenset(tags), people=people,
                        last_checked=checked, follow_up=follow_up, note=note)
    _add_residents(ctx, household, rng)
    return household


def _add_residents(ctx: DemoContext, household: Household, rng: random.Random) -> None:
    maker = ctx.people
    elderly = bool(household.tags & {"独居", "空巢"})
    family = maker.surname()
    for index in range(household.people):
        head = index == 0
        sex = rng.choice("mf")
        if head or index == 1:
            min_age, max_age = (65, 90) if elderly else (24, 78)
        else:
            min_age, max_age = 1, 30
        surname = family if index != 1 else None  # a spouse keeps their own surname
        birth = maker.birth_date(ctx.today, min_age, max_age)
        ctx.add("residents", Resident, household_id=household.id, name=maker.name(sex, surname),
                phone=maker.phone() if head or (rng.random() < 0.5 and min_age >= 18) else "",
                id_number=maker.id_number(birth, sex), is_head=head)
