"""A partition proposal for one zone of a project: what its new grids (or
micro-grids, see roles.py) are, how good they are, and what becomes of the old
ones' codes and staff.

Making a proposal changes nothing; ``gridmap.commands.partition.ApplyProposal``
puts it into the project as one undoable step.
"""

from __future__ import annotations

import math
import time
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING
from collections.abc import Callable

import numpy as np
import shapely
from shapely.geometry.base import BaseGeometry

from gridmap.errors import EditError
from gridmap.model.entities import DEDICATED_GRID, MOST_FLOORS, Assignment, Level, Zone
from gridmap.partition.atoms import cut_area
from gridmap.partition.locked import fitted, noded
from gridmap.partition.messages import ASK_FEWER, ASK_FEWER_OR_SPLIT, REFUSALS
from gridmap.partition.quality import Quality, assess
from gridmap.partition.roles import parts_level, target_of
from gridmap.partition.solve import Infeasible, divide, rebalance
from gridmap.staffing.settings import StaffingSettings, wanted

if TYPE_CHECKING:
    from gridmap.project import Project

FLAT_AREA = 90.0  # square metres of floor per home, for estimating households from footprints
USABLE = 0.75  # of a building's gross floor area, the part that is homes
MATCH = 0.5  # a new grid keeps an old grid's code when they overlap by this much (intersection over union)


class PartitionError(EditError):
    """The zone cannot be partitioned as asked; the message says why and what
    to do. ``key`` names it in messages.REFUSALS and ``params`` fill its
    blanks (``advice`` is itself a message), so the window can say it in the
    user's language."""

    def __init__(self, key: str, **params) -> None:
        self.key, self.params = key, params
        super().__init__(self.text())

    def text(self, translate: Callable[[str], str] = str) -> str:
        """The message, through ``translate`` (English template → the user's language)."""
        params = {name: translate(value) if name == "advice" else value for name, value in self.params.items()}
        return translate(REFUSALS[self.key]).format(**params)


@dataclass(frozen=True)
class Options:
    grids: int | None = None  # how many child grids in all (locked ones included)
    band: tuple[int, int] | None = None  # or a household band: as many grids as it takes
    locked: frozenset[int] = frozenset()  # child zones kept as they are
    rebalance: bool = False  # move as few buildings as it takes, instead of drawing anew
    split_compounds: bool = False  # cut compounds that would fit in one grid too
    tolerance: float = 0.10  # with a number of grids: the band is the mean ± this
    weights: str = "auto"  # households | estimate | auto (households where the zone has any)


@dataclass
class NewGrid:
    geometry: BaseGeometry
    households: int
    buildings: list[int]  # building ids
    old_id: int | None  # the old grid whose id, code and name it keeps
    code: str = ""
    name: str = ""


@dataclass
class Carry:
    assignment: Assignment
    old_zone: int
    new_grid: int | None  # index into Proposal.grids; None: orphaned


@dataclass(frozen=True)
class StaffGap:
    """A proposed grid that the carried posts leave with too few or too many
    holders of a role, by the project's staffing rules for its level."""
    grid: int  # index into Proposal.grids
    role: str
    count: int
    low: int
    high: int | None


@dataclass
class Proposal:
    zone: Zone
    options: Options
    level: Level  # the level of the new grids (a micro-grid level the project lacks is added on applying)
    grids: list[NewGrid]
    locked: list[Zone]
    replaced: list[Zone]  # the old children the proposal replaces
    quality: Quality
    band: tuple[float, float]
    carries: list[Carry] = field(default_factory=list)
    moved_buildings: int = 0
    seconds: float = 0.0
    split_compounds: list[str] = field(default_factory=list)  # too big for one grid, so cut
    weights_estimated: bool = False
    snapshot: tuple = ()
    region: BaseGeometry | None = None  # what was divided: the zone less its locked grids
    staff_gaps: list[StaffGap] = field(default_factory=list)  # posts to fill or thin out after applying

    @property
    def carried(self) -> list[Carry]:
        return [c for c in self.carries if c.new_grid is not None]

    @property
    def orphaned(self) -> list[Carry]:
        return [c for c in self.carries if c.new_grid is None]


def estimated_households(footprints: np.ndarray, floors: np.ndarray) -> np.ndarray:
    """Homes a building would hold: three quarters of its floor area, 90 m² a home
    (floors from 1 to ``MOST_FLOORS``: a million floors in an old file is a typo)."""
    storeys = np.clip(np.asarray(floors, dtype=float), 1, MOST_FLOORS)
    return np.maximum(1, np.floor(shapely.area(footprints) * storeys * USABLE / FLAT_AREA)).astype(int)


def grid_count(households: float, band: tuple[int, int]) -> int:
    """How many grids put the mean nearest the middle of ``band``, within it if any count can."""
    low, high = band
    fewest, most = max(1, math.ceil(households / high)), max(1, math.floor(households / low))
    ideal = max(1, round(households / ((low + high) / 2)))
    if fewest <= most:
        return min(max(ideal, fewest), most)
    return fewest if abs(households / fewest - high) <= abs(households / max(most, 1) - low) else max(most, 1)


def default_options(project: Project, zone_id: int) -> Options:
    """How a zone is divided unless told otherwise: parts in the household band
    of their role (roles.TARGETS), dedicated parts (a school's, a park's) kept."""
    zones = project.tables["zones"]
    zone = zones.get(zone_id)
    if zone is None:
        raise PartitionError("no_zone", zone=zone_id)
    target = target_of(project, zone)
    if target is None:
        raise PartitionError("not_partitionable", zone=zone.name)
    kept = frozenset(z.id for z in zones.values() if z.parent_id == zone_id and z.kind == DEDICATED_GRID)
    return Options(band=target.band, locked=kept)


def make_proposal(project: Project, zone_id: int, options: Options,
                  progress: Callable[[float], None] | None = None,
                  cancelled: Callable[[], bool] | None = None) -> Proposal:
    """A proposal for ``zone_id`` under ``options``; PartitionError if it cannot be made."""
    started = time.perf_counter()
    t = project.tables
    zone = t["zones"].get(zone_id)
    if zone is None:
        raise PartitionError("no_zone", zone=zone_id)
    level = parts_level(project, zone)
    if level is None:
        below = next((lv.name for lv in project.levels if lv.depth == zone.level + 1), "")
        raise PartitionError("other_level" if target_of(project, zone) else "not_partitionable",
                             zone=zone.name, level=below)
    children = _children(t["zones"], zone)
    nested = [z for z in children if any(c.parent_id == z.id for c in t["zones"].values())]
    if nested:
        raise PartitionError("nested", child=nested[0].name, zone=zone.name)
    unknown = set(options.locked) - {z.id for z in children}
    if unknown:
        raise PartitionError("lock_outside", zone=zone.name)
    locked = [z for z in children if z.id in options.locked]
    replaced = [z for z in children if z.id not in options.locked]
    if options.rebalance and not replaced:
        raise PartitionError("nothing_to_rebalance", zone=zone.name)
    region = zone.geometry
    if locked:
        region = shapely.difference(region, shapely.union_all(np.array([z.geometry for z in locked], dtype=object)))
    if region.is_empty or region.area <= 0:
        raise PartitionError("all_locked")

    held = {zone.id} | {z.id for z in replaced}
    buildings = buildings_of(t["buildings"].values(), held, region)
    footprints = np.array([b.geometry for b in buildings], dtype=object)
    per_building = Counter(h.building_id for h in t["households"].values())
    weights, estimated = household_weights(buildings, per_building, options.weights)
    total = float(np.sum(weights))

    if options.rebalance:
        k = len(replaced)
    elif options.band is not None:
        k = grid_count(total, options.band)
    elif options.grids is not None:
        k = options.grids - len(locked)
        if k < 1:
            raise PartitionError("none_left", grids=options.grids, locked=len(locked))
    else:
        raise PartitionError("how_many")
    mean = total / k if k else 0.0
    band = tuple(map(float, options.band)) if options.band else (mean * (1 - options.tolerance),
                                                                   mean * (1 + options.tolerance))
    whole_upto = 0.0 if options.split_compounds else band[1]

    compounds = [c for c in t["compounds"].values() if c.geometry is not None and c.geometry.intersects(region)]
    streets = [s for s in t["streets"].values() if s.geometry is not None and s.geometry.intersects(region)]
    keep_apart = None
    if options.rebalance:
        index = {z.id: i for i, z in enumerate(replaced)}
        keep_apart = np.array([index.get(b.zone_id, -1) for b in buildings])

    try:
        atoms, labels = divide_region(region, footprints, weights, [c.geometry for c in compounds],
                                      [s.geometry for s in streets], k, whole_upto=whole_upto,
                                      tolerance=options.tolerance, old=replaced if options.rebalance else None,
                                      old_of=keep_apart, band=band, progress=_scaled(progress, 0.0, 0.9),
                                      cancelled=cancelled)
    except Infeasible as exc:
        # cutting compounds gives more pieces only where fewer pieces than buildings with households were kept
        splittable = not options.split_compounds and exc.pieces < np.count_nonzero(weights)
        raise PartitionError(exc.key, zone=zone.name, grids=k, pieces=exc.pieces,
                             advice=ASK_FEWER_OR_SPLIT if splittable else ASK_FEWER) from None
    shapes = fitted(atoms.shapes(labels, k), [z.geometry for z in locked])
    locked = [z._replace(geometry=noded(z.geometry, shapes)) for z in locked]
    building_grid = np.where(atoms.building_atom >= 0, labels[np.maximum(atoms.building_atom, 0)], -1)
    grids = [NewGrid(shapes[g], round(weights[building_grid == g].sum()),
                     [b.id for b, x in zip(buildings, building_grid) if x == g], None) for g in range(k)]
    moved = 0
    if options.rebalance:
        for g, grid in enumerate(grids):
            grid.old_id = replaced[g].id
        moved = sum(1 for b, x in zip(buildings, building_grid) if x >= 0 and replaced[x].id != b.zone_id)
    else:
        _match(grids, replaced)
    for grid in grids:
        old = t["zones"].get(grid.old_id) if grid.old_id is not None else None
        grid.code, grid.name = (old.code, old.name) if old else ("", "")
    carries = [] if options.rebalance else _carries(project, per_building, replaced, buildings, building_grid)
    if progress:
        progress(0.95)
    assessed = buildings + [b for b in t["buildings"].values() if b.zone_id in options.locked]
    quality = assess(zone.geometry,
                     [(z.code, z.name, z.geometry) for z in locked] + [(g.code, g.name, g.geometry) for g in grids],
                     np.array([b.geometry for b in assessed], dtype=object),
                     household_weights(assessed, per_building, "estimate" if estimated else "households")[0],
                     [(c.name, c.geometry) for c in compounds], [(s.geometry, s.width) for s in streets],
                     locked=len(locked))
    roles = StaffingSettings.from_meta(project.meta, project.levels).roles.get(level.role, {})
    return Proposal(zone, options, level, grids, locked, replaced, quality, band, carries, moved,
                    time.perf_counter() - started, [compounds[i].name for i in atoms.split_compounds], estimated,
                    _snapshot(zone, children, buildings), region,
                    [] if options.rebalance else staff_gaps(carries, len(grids), roles))


def staff_gaps(carries: list[Carry], grids: int, roles: dict[str, tuple[int, int | None]]) -> list[StaffGap]:
    """What the carried posts leave short or over in each new grid (a person
    carried twice into one grid holds the post once, as ApplyProposal does it)."""
    holders: dict[tuple[int, str], set[int]] = {}
    for carry in carries:
        if carry.new_grid is not None:
            holders.setdefault((carry.new_grid, carry.assignment.role), set()).add(carry.assignment.staff_id)
    gaps = []
    for grid in range(grids):
        for role, (low, high) in roles.items():
            count = len(holders.get((grid, role), ()))
            if wanted(count, low, high) is not None:
                gaps.append(StaffGap(grid, role, count, low, high))
    return gaps


def divide_region(region: BaseGeometry, footprints, weights, compounds, streets, k: int, *, whole_upto: float,
                  tolerance: float = 0.10, old: list[Zone] | None = None, old_of: np.ndarray | None = None,
                  band: tuple[float, float] | None = None, progress: Callable[[float], None] | None = None,
                  cancelled: Callable[[], bool] | None = None):
    """The atoms of ``region`` and a part 0 … k-1 for each: drawn anew, or
    with ``old`` grids (and ``old_of`` per footprint) rebalanced into ``band``."""
    atoms = cut_area(region, footprints, weights, compounds, streets, whole_upto=whole_upto,
                     keep_lines=[shapely.boundary(z.geometry) for z in old] if old else (), keep_apart=old_of,
                     progress=_scaled(progress, 0.0, 0.6), cancelled=cancelled)
    if old:
        labels = rebalance(_old_labels(atoms, old), k, atoms.weight, atoms.neighbours(), band[0], band[1],
                           cancelled=cancelled)
    else:
        labels = divide(atoms, k, tolerance=tolerance, cancelled=cancelled, progress=_scaled(progress, 0.6, 1.0))
    return atoms, labels


def buildings_of(buildings, held: set[int], region: BaseGeometry) -> list:
    """The buildings linked to the zone or its grids, and unlinked ones that
    stand in it (footprints imported before the boundaries)."""
    out = [b for b in buildings if b.zone_id in held]
    loose = [b for b in buildings if b.zone_id is None]
    if loose:
        points = shapely.point_on_surface(np.array([b.geometry for b in loose], dtype=object))
        inside = shapely.contains_xy(region, *shapely.get_coordinates(points).T)
        out += [b for b, i in zip(loose, inside) if i]
    return out


def household_weights(buildings: list, per_building: Counter, mode: str = "auto") -> tuple[np.ndarray, bool]:
    """Households per building, and whether they are estimated: from the roster
    (``households``), from footprint area × floors (``estimate``), or the roster
    unless it has none for these buildings (``auto``)."""
    counted = np.array([per_building[b.id] for b in buildings], dtype=float)
    estimated = mode == "estimate" or (mode == "auto" and counted.sum() == 0)
    if estimated and buildings:
        return estimated_households(np.array([b.geometry for b in buildings], dtype=object),
                                    np.array([b.floors for b in buildings])).astype(float), True
    return counted, estimated


def _scaled(progress: Callable[[float], None] | None, lo: float, hi: float) -> Callable[[float], None] | None:
    """``progress`` for a step that covers lo … hi of the whole."""
    return None if progress is None else (lambda f: progress(lo + (hi - lo) * f))


def _children(zones, zone: Zone) -> list[Zone]:
    return sorted((z for z in zones.values() if z.parent_id == zone.id), key=lambda z: z.code)


def _snapshot(zone: Zone, children: list[Zone], buildings: list) -> tuple:
    """What the proposal was made from; applying it to anything else is refused."""
    return (zone, tuple(children), tuple(buildings))


def current_snapshot(project: Project, proposal: Proposal) -> tuple:
    t = project.tables
    zone = t["zones"].get(proposal.zone.id)
    if zone is None:
        return ()
    held = {zone.id} | {z.id for z in proposal.replaced}
    return _snapshot(zone, _children(t["zones"], zone), buildings_of(t["buildings"].values(), held, proposal.region))


def _old_labels(atoms, replaced: list[Zone]) -> np.ndarray:
    """Each atom's old grid: the one holding most of its area."""
    shapes = np.array([z.geometry for z in replaced], dtype=object)
    fi, gi = shapely.STRtree(shapes).query(shapely.point_on_surface(atoms.faces), predicate="intersects")
    face_old = np.zeros(len(atoms.faces), dtype=np.int64)
    face_old[fi] = gi
    share = np.zeros((atoms.count, len(replaced)))
    np.add.at(share, (atoms.face_atom, face_old), shapely.area(atoms.faces))
    return share.argmax(axis=1)


def _match(grids: list[NewGrid], replaced: list[Zone]) -> None:
    """Old codes stay where a new grid mostly is an old one (by area, intersection
    over union). A dedicated grid divided anew passes its code on to none: a
    grid of households is no school's or park's grid."""
    replaced = [z for z in replaced if z.kind != DEDICATED_GRID]
    if not replaced:
        return
    new = np.array([g.geometry for g in grids], dtype=object)
    old = np.array([z.geometry for z in replaced], dtype=object)
    ni, oi = shapely.STRtree(old).query(new, predicate="intersects")
    common = shapely.area(shapely.intersection(new[ni], old[oi]))
    iou = common / (shapely.area(new[ni]) + shapely.area(old[oi]) - common)
    taken_new, taken_old = set(), set()
    for j in np.argsort(-iou):
        n, o = int(ni[j]), int(oi[j])
        if iou[j] < MATCH:
            break
        if n not in taken_new and o not in taken_old:
            grids[n].old_id = replaced[o].id
            taken_new.add(n)
            taken_old.add(o)


def _carries(project: Project, per_building: Counter, replaced: list[Zone], buildings: list,
             building_grid: np.ndarray) -> list[Carry]:
    """Each old grid's zone posts go to the new grid that takes most of its
    households (of its buildings, if it had no households); an old grid with
    no buildings leaves its posts orphaned."""
    taken: dict[int, Counter] = {z.id: Counter() for z in replaced}
    households: dict[int, Counter] = {z.id: Counter() for z in replaced}
    for b, g in zip(buildings, building_grid.tolist()):
        if b.zone_id in taken and g >= 0:
            taken[b.zone_id][g] += 1
            if per_building[b.id]:
                households[b.zone_id][g] += per_building[b.id]
    heir: dict[int, int | None] = {}
    for zone in replaced:
        best = households[zone.id].most_common(1) or taken[zone.id].most_common(1)
        heir[zone.id] = best[0][0] if best else None
    return [Carry(a, a.target_id, heir[a.target_id]) for a in sorted(project.tables["assignments"].values())
            if a.target_kind == "zone" and a.target_id in heir]


def assess_zone(project: Project, zone_id: int, weights: str = "auto") -> Quality:
    """The quality report of the grids a zone has now, drawn by hand or not."""
    t = project.tables
    zone = t["zones"].get(zone_id)
    if zone is None:
        raise PartitionError("no_zone", zone=zone_id)
    children = _children(t["zones"], zone)
    if not children:
        raise PartitionError("no_grids", zone=zone.name)
    held = {zone.id} | {z.id for z in children}
    buildings = [b for b in t["buildings"].values() if b.zone_id in held]
    per_building = Counter(h.building_id for h in t["households"].values())
    compounds = [c for c in t["compounds"].values() if c.geometry is not None and c.geometry.intersects(zone.geometry)]
    streets = [s for s in t["streets"].values() if s.geometry is not None and s.geometry.intersects(zone.geometry)]
    return assess(zone.geometry, [(z.code, z.name, z.geometry) for z in children],
                  np.array([b.geometry for b in buildings], dtype=object),
                  household_weights(buildings, per_building, weights)[0],
                  [(c.name, c.geometry) for c in compounds], [(s.geometry, s.width) for s in streets])
