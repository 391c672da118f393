"""What the commands print: exit codes, rules reports, and tables that line up
with Chinese text (a CJK character takes two columns of a terminal)."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

EXIT_ERROR = 1
EXIT_USAGE = 2


def shown(where: str | Path) -> str:
    """A project's place as printed: a file's path, or a server's address without its password."""
    from gridmap.storage.server.address import is_server_address

    if not is_server_address(str(where)):
        return str(where)
    from gridmap.storage.server.address import shown as without_password

    return without_password(str(where))


def print_report(found: dict, as_json: bool, noun: str, path: str | Path) -> int:
    """A rules report as JSON or one line per problem and a count; the exit code."""
    if as_json:
        print(json.dumps(found, ensure_ascii=False, indent=2))
    else:
        for item in found["items"]:
            print(item["message"])
        print(f"{found['problems']} {noun}{'s' if found['problems'] != 1 else ''} in {shown(path)}")
    return EXIT_ERROR if found["problems"] else 0


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def table(header: list[str], rows: list[list]) -> str:
    """Columns padded to their widest cell: the first two left-aligned (code and
    name), the others right-aligned (counts)."""
    cells = [header] + [[str(v) for v in row] for row in rows]
    widths = [max(_width(row[i]) for row in cells) for i in range(len(header))]

    def line(row: list[str]) -> str:
        return "  ".join(cell + " " * (w - _width(cell)) if i < 2 else " " * (w - _width(cell)) + cell
                         for i, (cell, w) in enumerate(zip(row, widths, strict=True))).rstrip()
    return "\n".join(line(r) for r in cells)


def format_summary(summary: dict) -> str:
    """``gridmap info``'s text: the file, the levels, the zones that hold others."""
    lines = [f"{summary['title'] or Path(summary['file']).name}", f"{summary['file']}  {summary['crs']}  "
             f"schema {summary['schema_version']}" + ("  sample data" if summary["sample_data"] else ""), ""]
    lines.append(table(["level", "name", "zones", "buildings", "units", "households"],
                       [[lv["depth"], lv["name"], lv["zones"], lv["buildings"], lv["units"], lv["households"]]
                        for lv in summary["levels"]]))
    parents = [z for z in summary["zones"] if z["children"]]
    if parents:
        lines.append("")
        lines.append(table(
            ["code", "name", "grids", "buildings", "units", "households", "grid chiefs", "grid members"],
            [[z["code"], z["name"], z["grids"], z["buildings"], z["units"], z["households"],
              z["grid_chiefs"], z["grid_members"]] for z in parents]))
    return "\n".join(lines)
