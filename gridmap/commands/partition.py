"""Putting a partition proposal into the project as one undoable step."""

from __future__ import annotations

from typing import TYPE_CHECKING

import shapely

from gridmap.commands.stack import Command
from gridmap.model.changes import RowChange
from gridmap.partition.proposal import PartitionError, Proposal, current_snapshot
from gridmap.topology.edit import ZoneEdit, zone_shape
from gridmap.topology.messages import shape_named

if TYPE_CHECKING:
    from gridmap.project import Project


class ApplyProposal(Command):
    """The proposal's grids replace the zone's old ones: a grid that mostly is
    an old one keeps its id, code, name and staff; the others are new; zone
    posts follow the households (see gridmap/partition/proposal.py). The first
    grid divided into micro-grids adds the micro-grid level to the project."""

    def __init__(self, proposal: Proposal) -> None:
        super().__init__()
        self.proposal = proposal
        self.label = "Partition zone"

    def build(self, project: Project) -> tuple[RowChange, ...]:
        proposal = self.proposal
        if current_snapshot(project, proposal) != proposal.snapshot:
            raise PartitionError("stale", zone=proposal.zone.name)
        edit = ZoneEdit(project)
        parent = edit.zones[proposal.zone.id]
        level = proposal.level
        added = level.depth not in project.tables["levels"]
        if added:
            edit.extra.append(RowChange("levels", None, level))
        ids: list[int] = []
        for number, grid in enumerate(proposal.grids, 1):
            shape = zone_shape(grid.geometry, shape_named("proposed_grid"))
            several = shapely.get_num_geometries(shape) > 1
            if grid.old_id is not None:
                old = edit.zones[grid.old_id]
                edit.put(old._replace(geometry=shape, parts_allowed=old.parts_allowed or several))
                ids.append(old.id)
            else:
                # new_zone names a zone after its level in the project, which has not the added one yet
                zone = edit.new_zone(parent, shape, f"第{number}{level.name}" if added else None)
                if several:
                    edit.put(zone._replace(parts_allowed=True))
                ids.append(zone.id)
        for zone in proposal.locked:  # the same shapes, with the new grids' corners that lie on their edges
            if not zone.geometry.equals_exact(edit.zones[zone.id].geometry, 0.0):
                edit.put(edit.zones[zone.id]._replace(geometry=zone.geometry))
        kept = set(ids)
        gone = [z.id for z in proposal.replaced if z.id not in kept]
        for zone_id in gone:
            edit.remove(zone_id)
        self._posts(project, edit, ids)
        for person in project.tables["staff"].values():  # staff homed in a zone that goes (communities)
            if person.community_id in gone:
                heir = self._heir_of(person.community_id, ids)
                edit.extra.append(RowChange("staff", person, person._replace(community_id=heir)))
        return edit.changes()

    def _heir_of(self, old_zone: int, ids: list[int]) -> int | None:
        for carry in self.proposal.carries:
            if carry.old_zone == old_zone and carry.new_grid is not None:
                return ids[carry.new_grid]
        return None

    def _posts(self, project: Project, edit: ZoneEdit, ids: list[int]) -> None:
        assignments = project.tables["assignments"]
        held = {(a.staff_id, a.role, a.target_id) for a in assignments.values() if a.target_kind == "zone"}
        moving = {c.assignment.id for c in self.proposal.carries}
        held -= {(a.staff_id, a.role, a.target_id) for a in assignments.values() if a.id in moving}
        for carry in self.proposal.carries:
            post = assignments.get(carry.assignment.id)
            if post is None:
                continue
            if carry.new_grid is None:
                edit.extra.append(RowChange("assignments", post, None))
                continue
            target = ids[carry.new_grid]
            if (post.staff_id, post.role, target) in held:  # already holds that post there
                edit.extra.append(RowChange("assignments", post, None))
            else:
                held.add((post.staff_id, post.role, target))
                if target != post.target_id:
                    edit.extra.append(RowChange("assignments", post, post._replace(target_id=target)))

