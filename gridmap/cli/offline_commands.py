"""``gridmap checkout`` and ``gridmap checkin``: an offline copy of one
community of a shared project, and its edits sent back (``gridmap.offline``)."""

from __future__ import annotations

import argparse
import datetime as dt
import json
from pathlib import Path
from typing import Any

from gridmap.cli.output import EXIT_ERROR, table

ADDRESS_FORM = "postgresql://user@host:port/database"


def add_checkout_parser(commands) -> None:
    checkout = commands.add_parser(
        "checkout", help="take an offline copy of one community of a shared project: its rows editable, its "
                         "neighbours read-only for snapping, ids set aside on the server for its new rows")
    checkout.add_argument("url", help=f"the shared project: {ADDRESS_FORM} (the password from the address, "
                                      "PGPASSWORD or ~/.pgpass; it is never kept in the copy)")
    checkout.add_argument("--community", metavar="CODE", required=True, help="the community's zone code")
    checkout.add_argument("output", type=Path, help="the new .gpkg file of the copy (never written over)")
    checkout.add_argument("--json", action="store_true", help="print JSON instead of a table")


def add_checkin_parser(commands) -> None:
    checkin = commands.add_parser(
        "checkin", help="send an offline copy's edits back to its shared project; rows changed on both sides are "
                        "listed and nothing is written until each is chosen with --mine or --theirs; exit 1 when "
                        "nothing was written for conflicts or broken rules")
    checkin.add_argument("file", type=Path, help="the offline copy (.gpkg) made by gridmap checkout")
    checkin.add_argument("--url", help="the shared project's address, when it is not the one the copy came from "
                                       "(e.g. with a user name or password)")
    side = checkin.add_mutually_exclusive_group()
    side.add_argument("--mine", action="store_true", help="for rows changed on both sides, send the copy's values")
    side.add_argument("--theirs", action="store_true", help="for rows changed on both sides, keep the server's "
                                                            "values (the copy takes them)")
    checkin.add_argument("--dry-run", action="store_true", help="compare and check the rules, write nothing")
    checkin.add_argument("--json", action="store_true", help="print JSON (for a dialog) instead of lines")


def run(args: argparse.Namespace) -> int:
    if args.command == "checkout":
        return checkout(args.url, args.community, args.output, args.json)
    choice = "mine" if args.mine else "theirs" if args.theirs else None
    return checkin(args.file, args.url, choice, args.dry_run, args.json)


def checkout(url: str, code: str, output: Path, as_json: bool) -> int:
    from gridmap.errors import ServerError
    from gridmap.offline.checkout import checkout as take, counts
    from gridmap.storage.server.address import is_server_address, shown

    if not is_server_address(url):
        raise ServerError(shown(url), "address", "is not a database address.",
                          f"Write it as {ADDRESS_FORM}; the copy's file comes last.")
    done = take(url, code, output, moment=dt.datetime.now(dt.UTC))
    tables = counts(done.selection)
    if as_json:
        print(json.dumps({"copy": str(done.path), "server": done.address,
                          "community": {"id": done.community.id, "code": done.community.code,
                                        "name": done.community.name},
                          "tables": tables, "left_out": done.selection.left_out,
                          "ids": {"first": done.ids.start, "last": done.ids.stop - 1, "count": len(done.ids)},
                          "server_history": done.server_history}, ensure_ascii=False, indent=2))
        return 0
    print(f"checked out {done.community.name} ({done.community.code}) of {done.address} to {done.path}")
    print(table(["table", "editable", "read-only"],
                [[name, f"{c['editable']:,}", f"{c['read_only']:,}"] for name, c in tables.items()]))
    for name, n in done.selection.left_out.items():
        print(f"left out {n:,} {name} row(s) that refer to rows this user may not read")
    print(f"ids {done.ids.start:,}–{done.ids.stop - 1:,} are set aside for the copy's new rows ({len(done.ids):,})")
    print(f"Edit it offline (gridmap {done.path}); send the edits back with: gridmap checkin {done.path}")
    return 0


def _when(value: Any) -> str:
    return value.strftime("%Y-%m-%d %H:%M") if isinstance(value, dt.datetime) else str(value or "")


def _row(outcome) -> dict[str, Any]:
    return {"table": outcome.table, "id": outcome.key, "status": outcome.status, "action": outcome.action,
            "resolved": outcome.resolved or None, "labels": list(outcome.edit.labels),
            "fields": [{"field": d.field, "mine": d.mine, "theirs": d.theirs, "changed_here": d.here,
                        "changed_there": d.there, "by": d.by or None} for d in outcome.differences],
            "server_changes": [{"who": s.who, "at": _when(s.at), "label": s.label, "fields": list(s.fields)}
                               for s in outcome.server_changes]}


def _lines(outcome, written: bool) -> list[str]:
    """An outcome in lines: what (was or would be) done, and for a conflict each field's two values."""
    what = f"{outcome.table} {outcome.key}"
    if outcome.status == "unchanged":
        return [f"unchanged    {what}: no change left to send, or the server has the same values"]
    if outcome.status == "applied":
        chosen = " (conflict: the copy's values chosen)" if outcome.resolved else ""
        head = [f"{'applied ' if written else 'to apply'}     {what} ({outcome.action}){chosen}"]
        if not outcome.resolved:
            return head
    elif outcome.status == "kept-theirs":
        done = "kept theirs" if written else "keep theirs"
        head = [f"{done}  {what}: the server's values stay, and the copy takes them"]
    else:
        by = "; ".join(f"{s.who}, {_when(s.at)}, {s.label!r}" for s in outcome.server_changes[-3:])
        head = [f"conflict     {what}: changed in the copy and on the server" + (f" (by {by})" if by else "")]
    width = max((len(d.field) for d in outcome.differences), default=0)
    return head + [f"    {d.field:<{width}}  mine: {d.mine or '—'}  theirs: {d.theirs or '—'}"
                   + (f"  (changed by {d.by})" if d.there and d.by else "") for d in outcome.differences]


def checkin(path: Path, url: str | None, choice: str | None, dry_run: bool, as_json: bool) -> int:
    from gridmap.offline.changes import count
    from gridmap.offline.checkin import checkin as send

    done = send(path, url=url, choice=choice, dry_run=dry_run, moment=dt.datetime.now(dt.UTC))
    counts = count(done.outcomes)
    code = EXIT_ERROR if done.refused else 0
    if as_json:
        print(json.dumps({"copy": str(done.path), "server": done.address, "community": done.community,
                          "choice": done.choice, "dry_run": done.dry_run, "written": done.written,
                          "rebased": done.rebased, "refused": done.refused or None, "counts": counts,
                          "rows": [_row(o) for o in done.outcomes], "problems": done.problems,
                          "warnings": done.warnings}, ensure_ascii=False, indent=2))
        return code
    written = done.written or (not done.refused and not dry_run)  # nothing to send to the server is done too
    for outcome in done.outcomes:
        for line in _lines(outcome, written):
            print(line)
    for item in done.problems:
        print(f"would break: {item['message']}")
    for item in done.warnings:
        print(f"note: {item['message']}")
    tally = (f"{counts['applied']} {'applied' if written else 'to apply'}, {counts['kept-theirs']} "
             f"{'kept theirs' if written else 'to keep theirs'}, {counts['conflict']} "
             f"conflict{'s' if counts['conflict'] != 1 else ''}, {counts['unchanged']} unchanged")
    if done.refused == "conflicts":
        print(f"{tally}: nothing was written. For the rows changed on both sides, choose the copy's values "
              f"(gridmap checkin {path} --mine) or the server's (--theirs).")
    elif done.refused == "rules":
        print(f"{tally}: nothing was written, since the edits would break the rules above. Correct them in the "
              "copy, then check in again.")
    elif dry_run:
        print(f"{tally} (dry run): nothing was written.")
    elif not done.outcomes:
        print(f"{path} holds no edits since it was checked out or last checked in: nothing to send.")
    else:
        after = ("the copy is up to date with them: edit on and check in again" if done.rebased else
                 "the copy could not be brought up to date and is marked as checked in: check out again for more "
                 "edits")
        print(f"checked in {path} to {done.address} ({done.community}): {tally}; {after}.")
    return code
