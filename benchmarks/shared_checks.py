"""What ``gridmap bench shared`` checks once the load is over, from the
desks' records and the server's final state (read as its owner).

Each check gives a list of failures (empty: it holds) and a few counts:

- every acknowledged commit is on the server whole (its history entries, under
  its label and its desk's login) and, where no later commit changed the row,
  the row is what the desk wrote;
- every refused commit wrote nothing and was reported to its desk, and
  each was refused for a conflict, a busy row or the server being gone
  (never by the server's constraints, the rights or the rules: a desk edits
  only its own rows, as the window lets it);
- every commit on the server is one some desk made: a desk's attempt, or the
  killed desk's;
- every commit is whole: the commits table numbers the history without holes,
  one label and one login per commit, and the killed desk's households all
  carry the note of one commit of its;
- the history follows the rows: each field's entries chain (each entry's old
  value is the one before's new value, the first one's the published value)
  and the last one is the row's value now: no commit wrote over another
  unseen;
- each desk's view (after the end) equals what the server gives its login.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from typing import Any

import shapely

from gridmap.model.tables import TABLES
from gridmap.storage.ids import HISTORY_TABLE

REFUSED = ("conflict", "in-use", "denied", "refused", "viewing")
# Refusals a desk editing its own rows never meets: each is a fault of the store (or of the bench)
UNEXPECTED = ("denied", "refused", "viewing", "rules")
LANDED_UNKNOWN = ("offline",)  # the desk was told "not saved"; the commit may have landed all the same


def field_text(table: str, record: Any, field: str) -> str:
    """A field as the history writes it (``gridmap.project.history_entries``)."""
    if record is None:
        return ""
    if field == "*":
        return "present"
    if field == "geometry":
        return "" if record.geometry is None else shapely.to_wkt(record.geometry)
    column = next(c for c in TABLES[table].columns if c.name == field)
    value = column.type.encode(getattr(record, field))
    return "" if value is None else str(value)


def check_load(final: Mapping[str, Mapping[int, Any]], published: Mapping[str, Mapping[int, Any]],
               commits: list[tuple[str, int]], records: list[dict], since: int,
               killed: Iterable[int], killed_login: str, notes: Mapping[str, tuple[str, int]]) -> dict:
    """All the checks above. ``final``: the server's tables now; ``published``:
    as they were published; ``commits``: (who, last history entry) of each row
    of the commits table; ``since``: the last history entry before the load;
    ``killed``: the households the killed desk edits; ``notes``: the note of
    each household edit of the plans → (the desk's name, the edit's number in its plan)."""
    history = final[HISTORY_TABLE]
    after = {key: entry for key, entry in history.items() if key > since}
    by_label: dict[str, list] = defaultdict(list)
    for entry in after.values():
        by_label[entry.label].append(entry)
    attempts = {a.label: (r, a) for r in records for a in r.get("attempts", ())}
    failures: dict[str, list[str]] = {name: [] for name in (
        "acknowledged_in_final_state", "refused_wrote_nothing_and_were_reported", "no_unknown_commits",
        "every_household_edit_landed", "no_unexpected_refusals", "commits_whole", "history_follows_rows",
        "views_equal_server", "desks_finished")}
    counts: Counter = Counter()

    last: dict[tuple[str, int], Any] = {}
    for entry in sorted(history.values(), key=lambda e: e.id):
        last[(entry.table_name, entry.row_id)] = entry
    for label, (record, attempt) in attempts.items():
        counts[f"attempts_{attempt.outcome}"] += 1
        landed = by_label.get(label, [])
        if attempt.outcome in UNEXPECTED:
            failures["no_unexpected_refusals"].append(f"{label}: {attempt.message}")
        if attempt.outcome == "ok":
            _check_acknowledged(label, record, attempt, landed, last, final, failures["acknowledged_in_final_state"])
        elif attempt.outcome in REFUSED:
            if landed:
                failures["refused_wrote_nothing_and_were_reported"].append(
                    f"{label}: refused ({attempt.outcome}) but {len(landed)} history entries are on the server")
            if not attempt.reported:
                failures["refused_wrote_nothing_and_were_reported"].append(f"{label}: refused but not reported")
            if attempt.outcome == "conflict" and not attempt.who:
                counts["conflicts_naming_nobody"] += 1
        elif attempt.outcome in LANDED_UNKNOWN:
            if not attempt.reported:
                failures["refused_wrote_nothing_and_were_reported"].append(f"{label}: offline but not reported")
            if landed:
                counts["landed_though_reported_offline"] += 1
    killed_labels = {label for label in by_label if label.endswith("]") and " [killed " in label}
    for label in sorted(set(by_label) - set(attempts) - killed_labels):
        failures["no_unknown_commits"].append(f"{label}: on the server, made by no desk")

    _check_notes(notes, after, records, failures["every_household_edit_landed"], counts)
    _check_commits(commits, after, since, failures["commits_whole"])
    _check_killed(final, by_label, killed_labels, sorted(killed), killed_login, failures["commits_whole"], counts)
    _check_history(history, final, published, failures["history_follows_rows"])
    for record in records:
        if "crashed" in record:
            failures["desks_finished"].append(f"{record['name']} crashed:\n{record['crashed']}")
            continue
        differ = [name for name, found in record["view"].items() if record["server"].get(name) != found]
        if differ:
            failures["views_equal_server"].append(
                f"{record['name']}: {', '.join(differ)} differ from the server's (rows "
                + ", ".join(f"{n} {record['view'][n].rows}/{record['server'][n].rows}" for n in differ) + ")")
    return {"failures": failures, "counts": dict(counts)}


def _check_acknowledged(label: str, record: dict, attempt, landed: list, last: dict, final: Mapping,
                        failures: list[str]) -> None:
    ids = sorted(e.id for e in landed)
    if ids != sorted(attempt.entries):
        failures.append(f"{label}: acknowledged with history {list(attempt.entries)[:5]}…, the server has "
                        f"{ids[:5]}…")
        return
    if any(e.who != record["login"] for e in landed):
        failures.append(f"{label}: the history names {sorted({e.who for e in landed})}, not {record['login']}")
    for table, key, row in attempt.changes:
        newest = last.get((table, key))
        if newest is None or newest.label != label:
            continue  # a later commit changed the row: its own check covers it
        if final[table].get(key) != row:
            failures.append(f"{label}: {table} {key} is not what the desk committed, and no later commit "
                            "changed it")


def _check_notes(notes: Mapping[str, tuple[str, int]], after: Mapping[int, Any], records: list[dict],
                 failures: list[str], counts: Counter) -> None:
    """Each household edit of the plans is on the server (a commit setting its
    note), unless its desk gave it up after a reported refusal."""
    landed: dict[str, set[str]] = defaultdict(set)
    for entry in after.values():
        if entry.table_name == "households" and entry.field == "note" and entry.new in notes:
            landed[entry.new].add(entry.label)
    landing = ("ok", "offline", "nothing")
    dropped = {(r["name"], int(a.label.rsplit(" ", 1)[1].split(".")[0])) for r in records
               for a in r.get("attempts", ()) if a.kind == "household" and a.outcome not in landing}
    for note, (desk, number) in notes.items():
        if not landed.get(note) and (desk, number) not in dropped:
            failures.append(f"{desk}'s edit {number} ({note!r}) is not on the server, and was not refused")
    counts["household_edits_landed"] = sum(1 for note in notes if landed.get(note))
    counts["household_edits_landed_twice"] = sum(1 for note in notes if len(landed.get(note, ())) > 1)


def _check_commits(commits: list[tuple[str, int]], after: Mapping[int, Any], since: int,
                   failures: list[str]) -> None:
    """The commits table cuts the history after ``since`` into whole commits:
    the entries after one commit's last up to the next one's last are all of one
    label, by the login that committed; no entry is outside a commit. (A number
    no entry has is no fault: a store may skip some.)"""
    previous = since
    placed = 0
    for who, last_entry in sorted((c for c in commits if c[1] > since), key=lambda c: c[1]):
        entries = [after[key] for key in range(previous + 1, last_entry + 1) if key in after]
        if last_entry not in after:
            failures.append(f"the commit ending at history entry {last_entry} has no such entry")
        labels, logins = {e.label for e in entries}, {e.who for e in entries}
        if entries and (len(labels) != 1 or logins != {who}):
            failures.append(f"the commit ending at history entry {last_entry} mixes {sorted(labels)[:3]} "
                            f"by {sorted(logins)} (committed by {who})")
        placed += len(entries)
        previous = last_entry
    if placed != len(after):
        failures.append(f"{len(after) - placed} history entries belong to no commit")


def _check_killed(final: Mapping, by_label: Mapping[str, list], labels: set[str], households: list[int],
                  login: str, failures: list[str], counts: Counter) -> None:
    counts["killed_desk_commits"] = len(labels)
    if not households:
        return
    notes = {final["households"][key].note for key in households if key in final["households"]}
    if len(notes) != 1:
        failures.append(f"the killed desk's households carry the notes {sorted(notes)}: a commit is half written")
        return
    for label in labels:
        rows = {e.row_id for e in by_label[label]}
        if rows != set(households) or {e.who for e in by_label[label]} != {login}:
            failures.append(f"{label}: the killed desk's commit has history for {sorted(rows)}, not {households}")
    note = notes.pop()
    if labels and not any(label.endswith(f" [killed {note.removeprefix('kill-')}]") for label in labels):
        failures.append(f"the killed desk's households hold {note!r}, which no commit of its wrote")


def _check_history(history: Mapping[int, Any], final: Mapping, published: Mapping, failures: list[str]) -> None:
    chains: dict[tuple[str, int, str], list] = defaultdict(list)
    for entry in sorted(history.values(), key=lambda e: e.id):
        chains[(entry.table_name, entry.row_id, entry.field)].append(entry)
    for (table, key, field), entries in chains.items():
        first = published.get(table, {}).get(key)
        was = field_text(table, first, field) if first is not None or field == "*" else entries[0].old
        for entry in entries:  # (a row added later starts where its first entry says)
            if entry.old != was:
                failures.append(f"{table} {key} {field}: history entry {entry.id} ({entry.label}) changed "
                                f"{_short(entry.old)} but the value was {_short(was)}: a change was written over")
                break
            was = entry.new
        now = field_text(table, final[table].get(key), field)
        if was != now and (field == "*" or key in final[table]):  # a row removed keeps its fields' last entries
            failures.append(f"{table} {key} {field}: the history ends at {_short(was)}, the row holds {_short(now)}")
        if len(failures) > 20:
            return


def _short(text: str) -> str:
    return repr(text if len(text) < 40 else text[:37] + "…")
