"""``gridmap partition``: divide a zone into balanced grids that follow the
streets (a proposal and its report; ``--apply`` puts it into the project as one
undoable step), or report on the grids it has now."""

from __future__ import annotations

import json
import re
from pathlib import Path

from gridmap.errors import GridmapError
from gridmap.model.entities import DEDICATED_GRID
from gridmap.staffing.settings import wanted


def add_parser(commands) -> None:
    part = commands.add_parser(
        "partition", help="divide a zone into grids of even households that follow streets and compound walls; "
                          "prints the proposal's report, --apply writes it (one undoable step)")
    part.add_argument("file", type=Path, help="project file (.gpkg)")
    part.add_argument("--zone", required=True, help="code (or name) of the zone to divide, e.g. a community")
    how = part.add_mutually_exclusive_group()
    how.add_argument("--grids", type=int, help="how many grids in all (locked ones included)")
    how.add_argument("--households", metavar="MIN-MAX", help="a band of households per grid, e.g. 300-500: "
                                                              "as many grids as that takes")
    how.add_argument("--rebalance", action="store_true",
                     help="keep the grids there are and move as few buildings as it takes into the band")
    how.add_argument("--report", action="store_true", help="only report on the zone's grids as they are")
    part.add_argument("--band", metavar="MIN-MAX", help="with --rebalance: the band (default the mean ± tolerance)")
    part.add_argument("--lock", default="",
                      help="codes of grids to keep as they are, comma-separated; dedicated grids (专属网格: a "
                           "school's, a hospital's, a park's) are kept anyway")
    part.add_argument("--unlock", default="", help="codes of dedicated grids to divide all the same, comma-separated")
    part.add_argument("--split-compounds", action="store_true",
                      help="cut compounds between buildings even where one would fit in a grid")
    part.add_argument("--tolerance", type=float, default=10.0, help="with --grids: the band is the mean ± this "
                                                                     "percentage (default 10)")
    part.add_argument("--weights", choices=["auto", "households", "estimate"], default="auto",
                      help="households from the roster, or estimated from footprint area × floors (auto: the "
                           "roster where the zone has one)")
    part.add_argument("--apply", action="store_true", help="write the proposal into the project")
    part.add_argument("--json", action="store_true", help="the report as JSON")


def _band(text: str | None) -> tuple[int, int] | None:
    if text is None:
        return None
    m = re.fullmatch(r"\s*(\d+)\s*[-–~,]\s*(\d+)\s*", text)
    if not m or int(m.group(1)) <= 0 or int(m.group(1)) > int(m.group(2)):
        raise GridmapError(f"a band is MIN-MAX households with 0 < MIN ≤ MAX, e.g. 300-500 (got {text!r})")
    return int(m.group(1)), int(m.group(2))


def _codes(text: str) -> list[str]:
    return [c.strip() for c in text.split(",") if c.strip()]


def _find_zone(project, key: str):
    zones = project.tables["zones"].values()
    found = [z for z in zones if z.code == key] or [z for z in zones if z.name == key]
    if not found:
        raise GridmapError(f"no zone has the code or name {key!r} (see `gridmap info FILE`)")
    if len(found) > 1:
        raise GridmapError(f"{len(found)} zones are called {key!r}: give the code instead")
    return found[0]


def run(args) -> int:
    from gridmap.commands.partition import ApplyProposal
    from gridmap.partition.proposal import Options, assess_zone, make_proposal
    from gridmap.project import Project

    if not args.file.exists():
        raise GridmapError(f"{args.file} does not exist")
    project = Project.open(args.file, read_only=not args.apply)
    try:
        zone = _find_zone(project, args.zone)
        if args.report:
            quality = assess_zone(project, zone.id, args.weights)
            _print({"zone": zone.code, "name": zone.name, **quality.as_dict()} if args.json else quality,
                    zone, args.json)
            return 0
        grids = {z.code: z for z in project.tables["zones"].values() if z.parent_id == zone.id}
        locked, unlocked = _codes(args.lock), _codes(args.unlock)
        unknown = [c for c in locked + unlocked if c not in grids]
        if unknown:
            raise GridmapError(f"{', '.join(unknown)}: not a grid of {zone.name}")
        ordinary = [c for c in unlocked if grids[c].kind != DEDICATED_GRID]
        if ordinary:
            raise GridmapError(f"{', '.join(ordinary)}: not a dedicated grid (only those are kept without --lock)")
        locked += [c for c, z in grids.items() if z.kind == DEDICATED_GRID and c not in unlocked + locked]
        if not (args.grids or args.households or args.rebalance):
            raise GridmapError("say --grids N, --households MIN-MAX, --rebalance or --report")
        options = Options(grids=args.grids, band=_band(args.households) or _band(args.band),
                          locked=frozenset(grids[c].id for c in locked), rebalance=args.rebalance,
                          split_compounds=args.split_compounds, tolerance=args.tolerance / 100, weights=args.weights)
        proposal = make_proposal(project, zone.id, options)
        applied = project.undo_stack.push(ApplyProposal(proposal)) if args.apply else False
        names = {s.id: s.name for s in project.tables["staff"].values()}
        zones = {z.id: z.code for z in proposal.replaced}
        _print(proposal_dict(proposal, applied) if args.json else proposal, zone, args.json, applied, names, zones)
    finally:
        project.close()
    return 0


def proposal_dict(proposal, applied: bool = False) -> dict:
    q = proposal.quality
    return {
        **q.as_dict(),
        "zone": proposal.zone.code, "name": proposal.zone.name,
        "grid_count": len(proposal.grids) + len(proposal.locked),
        "band": [round(x, 1) for x in proposal.band], "seconds": round(proposal.seconds, 3),
        "weights": "estimated" if proposal.weights_estimated else "households",
        "split_compounds": proposal.split_compounds, "moved_buildings": proposal.moved_buildings,
        "out_of_band": [g.code or g.name or "new" for g in q.outside_band(*proposal.band)],
        "carried": [{"staff_id": c.assignment.staff_id, "role": c.assignment.role, "from": c.old_zone,
                     "to": _grid_name(proposal, c.new_grid)} for c in proposal.carried],
        "orphaned": [{"staff_id": c.assignment.staff_id, "role": c.assignment.role, "from": c.old_zone}
                     for c in proposal.orphaned],
        "staff_gaps": [{"grid": _grid_name(proposal, gap.grid), "role": gap.role, "count": gap.count, "low": gap.low,
                        "high": gap.high} for gap in proposal.staff_gaps],
        "applied": applied,
    }


def _print(what, zone, as_json: bool, applied: bool = False, names=None, zones=None) -> None:
    if as_json:
        print(json.dumps(what, ensure_ascii=False, indent=2))
        return
    proposal = what if hasattr(what, "quality") else None
    q = proposal.quality if proposal else what
    print(f"{zone.name} ({zone.code}): {len(q.grids)} grids, mean {q.mean:.0f} households")
    print(f"  {'code':<18}{'name':<10}{'households':>11}{'deviation':>10}{'Polsby-Popper':>14}{'parts':>6}")
    for row, g in enumerate(q.grids):  # the locked grids come first, not held to the mean
        deviation = f"{'kept':>10}" if row < q.locked else f"{g.deviation:>+10.1%}"
        print(f"  {g.code or '(new)':<18}{g.name or '':<10}{g.households:>11}{deviation}"
              f"{g.polsby_popper:>14.2f}{g.parts:>6}")
    print(f"  max deviation {q.max_deviation:.1%}, mean Polsby-Popper {q.mean_polsby_popper:.2f}, "
          f"boundary on streets or walls {q.street_share:.0%} of {q.boundary_length:,.0f} m")
    print(f"  compounds split: {', '.join(q.compounds_split) or 'none'}; buildings split: {q.buildings_split}; "
          f"contiguous: {'yes' if q.contiguous else 'no'}; coverage: "
          + ("valid" if q.coverage_ok() else f"gaps {q.gap_area:.3f} m², overlaps {q.overlap_area:.3f} m², "
                                             f"outside {q.outside_area:.3f} m²"))
    if proposal is None:
        return
    low, high = proposal.band
    off = q.outside_band(low, high)
    print(f"  band {low:.0f}–{high:.0f}: " + (f"{len(off)} grids outside" if off else "every grid inside")
          + (" (households estimated from footprints)" if proposal.weights_estimated else "")
          + f"; made in {proposal.seconds:.2f} s")
    if off and not proposal.options.split_compounds and not proposal.options.rebalance:
        print("  compounds were kept whole: --split-compounds lets the proposal cut them between buildings")
    if proposal.split_compounds:
        print(f"  too big for one grid, so cut between buildings: {', '.join(proposal.split_compounds)}")
    if proposal.options.rebalance:
        print(f"  buildings moved: {proposal.moved_buildings}")
    names, zones = names or {}, zones or {}
    for c in proposal.carried:
        print(f"  post carried: {names.get(c.assignment.staff_id, c.assignment.staff_id)} {c.assignment.role}: "
              f"{zones.get(c.old_zone, c.old_zone)} → {_grid_name(proposal, c.new_grid)}")
    for c in proposal.orphaned:
        print(f"  post orphaned: {names.get(c.assignment.staff_id, c.assignment.staff_id)} {c.assignment.role} "
              f"of {zones.get(c.old_zone, c.old_zone)} (the old grid held no buildings)")
    for gap in proposal.staff_gaps:
        print(f"  staffing after applying: {_grid_name(proposal, gap.grid)} has {gap.count} {gap.role} "
              f"(wants {wanted(gap.count, gap.low, gap.high)})")
    print("  written to the project" if applied else "  not written (add --apply)")


def _grid_name(proposal, index: int) -> str:
    return proposal.grids[index].code or f"new {index + 1}"
