"""The project's addresses as rosters write them: communities and compounds by
name, buildings by number ("5号楼", "5栋", "5#", "5"), units, rooms. Built once
per import, so that checking 10,000 rows is a dictionary lookup each."""

from __future__ import annotations

import re
from collections import defaultdict
from typing import TYPE_CHECKING
from collections.abc import Mapping

from gridmap.levels import project_depths
from gridmap.model.entities import Building, Household, Resident, Unit
from gridmap.workbooks.messages import RowIssue
from gridmap.zone_tree import ZoneTree

if TYPE_CHECKING:
    from gridmap.project import Project

_BUILDING_SUFFIX = re.compile(r"(号楼|号|栋|幢|座|楼|#)$")


def building_key(text: str) -> str:
    """"5号楼", "5栋", "5#", "5" → "5": how rosters name one building."""
    return _BUILDING_SUFFIX.sub("", text.replace(" ", "")) or text


class Addresses:
    """The project's addresses, indexed once per preview."""

    def __init__(self, project: Project) -> None:
        tables = project.tables
        self.zones = tables["zones"]
        self.tree = ZoneTree(self.zones)
        self.compounds = tables["compounds"]
        self.site_points = tables["site_points"]
        self.compound_ids = defaultdict(list)
        for c in self.compounds.values():
            self.compound_ids[c.name.strip()].append(c.id)
        self.buildings_by_key: dict[str, list[Building]] = defaultdict(list)
        for b in tables["buildings"].values():
            self.buildings_by_key[building_key(b.number)].append(b)
        self.units: dict[tuple[int, int], Unit] = {(u.building_id, u.number): u for u in tables["units"].values()}
        unit_numbers = {u.id: u.number for u in tables["units"].values()}
        self.households: dict[tuple[int, int | None, str], Household] = {}
        for h in sorted(tables["households"].values(), key=lambda h: h.id):
            self.households.setdefault((h.building_id, unit_numbers.get(h.unit_id), h.room), h)
        self.heads: dict[int, Resident] = {}
        for r in sorted(tables["residents"].values(), key=lambda r: (not r.is_head, r.id)):
            self.heads.setdefault(r.household_id, r)
        self.tag_names = [t.name for t in project.tag_defs]
        self.community_depth = project_depths(project).community
        self.communities: dict[str, set[int]] = defaultdict(set)
        for z in self.zones.values():
            if z.level == self.community_depth:
                self.communities[z.name].add(z.id)

    def community_of(self, building: Building) -> int | None:
        return self.tree.ancestor_at(building.zone_id, self.community_depth)

    def building(self, v: Mapping[str, str], issues: list) -> Building | None:
        """The one building a row's 社区/小区/楼栋 cells name; None (and the reason) otherwise."""
        text = v.get("building", "")
        if not text:
            issues.append(RowIssue("missing_building"))
            return None
        candidates = self.buildings_by_key.get(building_key(text), [])
        compound = v.get("compound", "")
        if compound:
            ids = self.compound_ids.get(compound.strip())
            if not ids:
                issues.append(RowIssue("no_compound", {"compound": compound}))
                return None
            candidates = [b for b in candidates if b.compound_id in ids]
        community = v.get("community", "")
        if community:
            wanted = self.communities.get(community)
            if not wanted:
                issues.append(RowIssue("no_community", {"community": community}))
                return None
            candidates = [b for b in candidates if self.community_of(b) in wanted]
        if not candidates:
            place = compound or community
            issues.append(RowIssue("no_building", {"building": text, "place": place}) if place
                          else RowIssue("no_building_anywhere", {"building": text}))
            return None
        if len(candidates) > 1:
            names = sorted({self.compounds[b.compound_id].name if b.compound_id in self.compounds else "?"
                            for b in candidates})
            shown = "、".join(names[:4]) + ("…" if len(names) > 4 else "")
            issues.append(RowIssue("ambiguous_building", {"building": text, "count": len(candidates),
                                                          "compounds": shown}))
            return None
        return candidates[0]
