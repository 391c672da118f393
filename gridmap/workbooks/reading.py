"""A table read from a workbook: .xlsx, .xls or .ods through calamine (a Rust
reader, 15× faster than openpyxl on a 10,000-row roster), or .csv in UTF-8 or
GBK (what Excel in China saves). The header row is found, not assumed: rosters
often carry a title or a notice above it. Every cell comes back as text, the
way the user typed it (a phone stored as a number keeps its digits); the
roster that reads it cleans it field by field (``values.cleaned_cells``). A
workbook whose sheets reach too far is refused before calamine sets memory
aside for it (:mod:`gridmap.workbooks.extent`).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from collections.abc import Iterable, Mapping

from gridmap.workbooks.errors import WorkbookError
from gridmap.workbooks.extent import check_workbook

__all__ = ["HEADER_SEARCH_ROWS", "SheetRow", "SheetTable", "WorkbookError", "cell_text", "header_key", "read_table"]

HEADER_SEARCH_ROWS = 12  # the header is within the first rows of a sheet
_DECORATION = re.compile(r"[\s*＊:：]|[（(][^）)]*[)）]")  # spaces, required marks, notes in brackets


@dataclass(frozen=True)
class SheetRow:
    number: int  # the row number Excel shows, so the user can find the row
    values: Mapping[str, str]  # field → text, "" for a blank cell


@dataclass(frozen=True)
class SheetTable:
    path: Path
    sheet: str
    fields: tuple[str, ...]  # the recognised columns, left to right
    ignored: tuple[str, ...]  # headers that are not imported (e.g. 身份证号)
    rows: tuple[SheetRow, ...]


def header_key(text: str) -> str:
    """A header as compared: no spaces, required marks or bracketed notes ("房号（必填）" → "房号")."""
    return _DECORATION.sub("", text)


def cell_text(value: Any) -> str:
    """A cell's value as text: whole numbers without ".0", dates as ISO."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value).strip()


def read_table(path: str | Path, headers: Mapping[str, Iterable[str]], required: Iterable[str]) -> SheetTable:
    """The first sheet of ``path`` whose header row names all ``required`` fields.

    ``headers`` maps each field to the header spellings that mean it.
    """
    path = Path(path)
    spellings = {header_key(h): field for field, names in headers.items() for h in (field, *names)}
    required = tuple(required)
    for sheet, rows in _sheets(path):
        for index, raw in enumerate(rows[:HEADER_SEARCH_ROWS]):
            row = [cell_text(v) for v in raw]
            found = {spellings[k] for k in map(header_key, row) if k in spellings}
            if all(f in found for f in required):
                body = ([cell_text(v) for v in r] for r in rows[index + 1:])  # only the sheet that is used
                return _table(path, sheet, spellings, row, body, index + 2)
    # the columns as the sheet must spell them (the user reads 楼栋, not the field's name)
    raise WorkbookError(path, "no_header", columns="、".join(next(iter(headers[f]), f) for f in required))


def _table(path: Path, sheet: str, spellings: dict[str, str], header: list[str], rows: Iterable[list[str]],
           first_number: int) -> SheetTable:
    columns: list[tuple[int, str]] = []
    ignored = []
    for i, name in enumerate(header):
        field = spellings.get(header_key(name))
        if field is not None and field not in (f for _, f in columns):
            columns.append((i, field))
        elif name:
            ignored.append(name)
    table_rows = []
    for offset, row in enumerate(rows):
        values = {f: (row[i] if i < len(row) else "") for i, f in columns}
        if any(values.values()):
            table_rows.append(SheetRow(first_number + offset, values))
    return SheetTable(path, sheet, tuple(f for _, f in columns), tuple(ignored), tuple(table_rows))


def _sheets(path: Path) -> Iterable[tuple[str, list[list[Any]]]]:
    """Each sheet's name and rows of raw cell values (numbers, dates, text)."""
    if not path.exists():
        raise WorkbookError(path, "missing")
    if path.is_dir():
        raise WorkbookError(path, "folder")
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return [(path.stem, _csv_rows(path))]
    return _workbook_sheets(path)


def _workbook_sheets(path: Path) -> Iterable[tuple[str, list[list[Any]]]]:
    from python_calamine import CalamineError, CalamineWorkbook, PasswordError

    try:
        check_workbook(path)
        book = CalamineWorkbook.from_path(str(path))
        for name in book.sheet_names:
            yield name, book.get_sheet_by_name(name).to_python(skip_empty_area=False)
    except PasswordError:
        raise WorkbookError(path, "password") from None
    except (CalamineError, OSError, ValueError) as exc:
        raise WorkbookError(path, "unreadable", reason=exc) from None
    except BaseException as exc:  # a Rust panic comes out as pyo3's PanicException, a BaseException
        if type(exc).__name__ != "PanicException":
            raise
        raise WorkbookError(path, "unreadable", reason=exc) from None


def _csv_rows(path: Path) -> list[list[str]]:
    data = path.read_bytes()
    for encoding in ("utf-8-sig", "gb18030"):  # Excel in China saves CSV as GBK; gb18030 reads it all
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise WorkbookError(path, "encoding")
    reader = csv.reader(io.StringIO(text))
    try:
        return [[cell.strip() for cell in row] for row in reader]
    except csv.Error as exc:  # a field beyond csv's 128 KB limit: an unclosed quotation mark, mostly
        raise WorkbookError(path, "csv_cell", line=reader.line_num, reason=exc) from None
