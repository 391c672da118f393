"""How gridmap writes every Excel workbook: cells that say what they hold, and
files written whole or not at all.

- Text that starts the way a formula does (=, +, -, @, tab, carriage return)
  is written as text and marked so (``quotePrefix``): Excel and WPS show
  ``=HYPERLINK(…)`` from a roster, never run it, not even after an edit.
- Characters a workbook cannot hold become spaces (a control character would
  make openpyxl refuse the whole file; U+FFFF makes one Excel cannot open),
  ``_x0041_`` is escaped so that readers do not turn it into "A", and text is
  cut to the 32,767 characters of one cell.
- The file is saved through :func:`gridmap.outputs.written_in_place_of`: it
  never replaces a project, and a full disk leaves the earlier file as it was.
"""

from __future__ import annotations

import contextlib
import re
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING, Any
from collections.abc import Iterable, Sequence

from gridmap.outputs import written_in_place_of
from gridmap.workbooks.values import fitted, xml_text

if TYPE_CHECKING:
    from openpyxl import Workbook
    from openpyxl.worksheet.worksheet import Worksheet

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")  # OWASP's list for CSV injection
_ESCAPE = re.compile(r"_(x[0-9A-Fa-f]{4}_)")  # OOXML's escape of a character: _x0041_ is "A"
_COLUMNS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def safe_text(text: str) -> str:
    """``text`` as a cell stores it and every reader gives it back."""
    text = xml_text(text)
    if "_x" in text:
        text = _ESCAPE.sub(r"_x005F_\1", text)
    return fitted(text)


def append_row(sheet: Worksheet, values: Iterable[Any]) -> None:
    """Append one row; text is made safe (:func:`safe_text`) and text that
    starts like a formula stays text."""
    sheet.append([_cell(sheet, v) if isinstance(v, str) else v for v in values])


def _cell(sheet: Worksheet, text: str) -> Any:
    """``text`` made safe; a cell marked as text if it starts like a formula."""
    from openpyxl.cell.cell import Cell

    text = safe_text(text)
    if not text.startswith(FORMULA_STARTS):
        return text
    cell = Cell(sheet, value=text)
    cell.data_type = "s"  # openpyxl made "=…" a formula
    cell.quotePrefix = True
    return cell


def fill_sheet(sheet: Worksheet, header: Sequence[str], rows: Iterable[Sequence[Any]], *, stamp: str = "",
               title: str = "", widths: Sequence[float] = (), as_text: bool = False) -> None:
    """A sheet of one table: ``stamp`` (red, on top: "内部资料…"), ``title``,
    the bold header, the rows; panes frozen below the header. ``as_text``
    formats every cell as text, so that a room 0301 or a phone typed later
    keeps its digits."""
    from openpyxl.styles import Font

    for line, font in ((stamp, Font(bold=True, color="C00000")), (title, Font(bold=True, size=13))):
        if line:
            append_row(sheet, [line])
            sheet.cell(row=sheet.max_row, column=1).font = font
    append_row(sheet, header)
    header_row = sheet.max_row
    for cell in sheet[header_row]:
        cell.font = Font(bold=True)
    for row in rows:
        append_row(sheet, row)
    for letter, width in zip(_COLUMNS, widths):
        sheet.column_dimensions[letter].width = width
    if as_text:
        for column in sheet.iter_cols(min_row=header_row, max_col=len(header)):
            for cell in column:
                cell.number_format = "@"
    sheet.freeze_panes = sheet.cell(row=header_row + 1, column=1)


def new_book() -> Workbook:
    """An empty workbook (no default sheet): sheets come from ``book.create_sheet``."""
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    return book


def save_book(book: Workbook, path: str | Path) -> Path:
    """Save ``book`` as ``path``, whole or not at all (``OutputError`` says why not)."""
    from openpyxl.writer.excel import ExcelWriter

    with written_in_place_of(path) as temp:
        # openpyxl's own save leaves its zip open when a write fails; ours is let go
        archive = zipfile.ZipFile(temp, "w", zipfile.ZIP_DEFLATED, allowZip64=True)
        try:
            ExcelWriter(book, archive).save()
        except BaseException:
            _abandon(archive)
            raise
    return Path(path)


def _abandon(archive: zipfile.ZipFile) -> None:
    """Let go of a half-written zip without writing its directory: a full disk
    would refuse that again, from ZipFile's ``__del__``, as a traceback."""
    handle, archive.fp = archive.fp, None
    if handle is not None:
        with contextlib.suppress(OSError, ValueError):
            handle.close()
