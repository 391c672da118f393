"""The demo's staff roster: 定格、定人、定职 for every grid and building."""

from __future__ import annotations

import math
import random

from gridmap.demo.context import DemoContext
from gridmap.model.entities import Assignment, Building, Household, PartyLink, Staff, Zone

HOUSEHOLDS_PER_PARTY_MEMBER = 20  # Xiliuhu: 1,056 party members for 21,822 households


def add_staff(ctx: DemoContext, community: Zone, grids: list[Zone], buildings_by_grid: dict[int, list[Building]],
              households_by_building: dict[int, list[Household]], members_per_grid: int,
              rng: random.Random) -> None:
    maker = ctx.people

    def person(roles: set[str], *, public: bool = False, note: str = "") -> Staff:
        return ctx.add("staff", Staff, name=maker.name(rng.choice("mf")), phone=maker.phone(),
                       roles=frozenset(roles), community_id=community.id, phone_public=public, note=note)

    def assign(staff: Staff, kind: str, target: int, role: str) -> None:
        ctx.add("assignments", Assignment, staff_id=staff.id, target_kind=kind, target_id=target, role=role)

    # The three-person team of the community: secretary, area police officer, area doctor.
    for role in ("社区书记", "片警", "片医"):
        assign(person({role}, public=True), "zone", community.id, role)
    first_member: dict[int, Staff] = {}
    for grid in grids:
        assign(person({"网格长"}, public=True), "zone", grid.id, "网格长")
        for _ in range(members_per_grid):
            member = person({"网格员"}, public=True)
            assign(member, "zone", grid.id, "网格员")
            first_member.setdefault(grid.id, member)
        for building in buildings_by_grid.get(grid.id, []):
            _building_staff(ctx, building, households_by_building.get(building.id, []), person, assign, rng)
    volunteers = [person({"志愿者"}) for _ in range(max(4, len(grids) + 2))]
    # Each checkpoint (卡点) is kept by its grid's first member and a volunteer, in
    # turn; two volunteers stay in reserve (机动).
    grid_of_compound = {b.compound_id: grid_id for grid_id, bs in buildings_by_grid.items() for b in bs}
    checkpoints = [p for p in ctx.tables["site_points"]
                   if p.kind == "checkpoint" and grid_of_compound.get(p.compound_id) in first_member]
    for index, point in enumerate(checkpoints):
        assign(first_member[grid_of_compound[point.compound_id]], "site_point", point.id, "网格员")
        assign(volunteers[index % (len(volunteers) - 2)], "site_point", point.id, "志愿者")


def _building_staff(ctx: DemoContext, building: Building, households: list[Household], person, assign,
                    rng: random.Random) -> None:
    if not households:
        return
    head_is_member = rng.random() < 0.6
    head = person({"楼栋长", "联户党员"} if head_is_member else {"楼栋长"})
    assign(head, "building", building.id, "楼栋长")
    members = [head] if head_is_member else []
    needed = math.ceil(len(households) / HOUSEHOLDS_PER_PARTY_MEMBER)
    members += [person({"联户党员"}, note="退休党员") for _ in range(max(0, needed - len(members)))]
    # Every household has one party member responsible (党员联户), dealt in turn.
    for index, household in enumerate(households):
        ctx.add("party_links", PartyLink, staff_id=members[index % len(members)].id, household_id=household.id)
