"""How far each sheet of a workbook reaches, found before calamine reads it.

calamine holds a sheet as one dense block from A1 to the last used cell, so a
5 KB workbook with one value in XFD1048576 asks for 17 billion cells (512 GiB)
and the process aborts; an .xls DIMENSIONS record or the text count of an
.xlsx can ask for as much before a cell is read. So the parts are looked at
here first, as they are stored: a zip's declared sizes, the ``r`` of every
cell in the sheet XML (never the ``<dimension>`` it claims), ODF's repeated
rows and columns, the BIFF records of an .xls. A workbook that reaches beyond
anything a street office fills is refused, naming the cell to look at; so is
an .xls or .ods whose sheets together do (calamine reads those all on opening),
and an .xlsb, whose records are not looked at here.
"""

from __future__ import annotations

import re
import struct
import xml.etree.ElementTree as ET
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import IO
from collections.abc import Iterator
from xml.parsers import expat

from gridmap.workbooks.compound_file import compound_streams
from gridmap.workbooks.errors import WorkbookError

MOST_CELLS = 5_000_000  # rows × columns of one sheet; a 10,000-household roster has 130,000
MOST_MEGABYTES = 1024  # a workbook's parts unpacked; that 10,000-household roster is 8 MB
_ZIP, _OLE = b"PK\x03\x04", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_CHUNK = 1 << 22


@dataclass(frozen=True)
class Extent:
    """A sheet's used area from A1: ``rows`` × ``columns`` (an upper bound
    below :data:`MOST_CELLS`, exact above it)."""

    sheet: str
    rows: int
    columns: int

    @property
    def cells(self) -> int:
        return self.rows * self.columns

    @property
    def corner(self) -> str:
        """The last used cell as Excel names it ("XFD1048576")."""
        return f"{column_name(self.columns)}{self.rows}"


def column_name(number: int) -> str:
    """1 → "A", 27 → "AA", 16384 → "XFD"."""
    name = ""
    while number > 0:
        number, rest = divmod(number - 1, 26)
        name = chr(65 + rest) + name
    return name or "A"


def check_workbook(path: Path) -> list[Extent]:
    """The extent of every sheet calamine would read from ``path``; a
    :class:`WorkbookError` for a sheet beyond :data:`MOST_CELLS`, a zip that
    unpacks beyond :data:`MOST_MEGABYTES`, or a part that asks for more.
    A file that is neither a zip nor an OLE2 file is left to calamine to refuse."""
    with open(path, "rb") as handle:
        magic = handle.read(8)
    if magic.startswith(_ZIP):
        extents, at_once = _zip_extents(path)
    elif magic == _OLE:
        extents, at_once = _xls_extents(path), True
    else:
        return []
    for extent in extents:
        if extent.cells > MOST_CELLS:
            raise WorkbookError(path, "too_far", sheet=extent.sheet, cell=extent.corner, rows=extent.rows,
                                columns=extent.columns, most=MOST_CELLS)
    if at_once and sum(e.cells for e in extents) > MOST_CELLS:  # .xls and .ods: every sheet read on opening
        raise WorkbookError(path, "too_much", cells=sum(e.cells for e in extents), most=MOST_CELLS)
    return extents


def _unreadable(path: Path, reason: object) -> WorkbookError:
    return WorkbookError(path, "unreadable", reason=reason)


# -- zip packages: .xlsx and .ods ---------------------------------------------------------------


def _zip_extents(path: Path) -> tuple[list[Extent], bool]:
    """The sheets' extents, and whether calamine reads them all on opening (.ods)."""
    try:
        with zipfile.ZipFile(path) as package:
            parts = package.infolist()
            size = sum(p.file_size for p in parts)
            if size > MOST_MEGABYTES << 20:
                raise WorkbookError(path, "too_big", size=size >> 20, most=MOST_MEGABYTES)
            names = {p.filename for p in parts}
            if "xl/workbook.bin" in names:
                raise WorkbookError(path, "xlsb")
            if "xl/workbook.xml" in names:
                return _xlsx_extents(path, package), False
            if "content.xml" in names:
                return _ods_extents(path, package), True
            return [], False
    except (zipfile.BadZipFile, NotImplementedError, RuntimeError, EOFError, OSError, zlib.error, ET.ParseError,
            expat.ExpatError) as exc:  # a lying size fails its CRC here, before calamine unpacks it
        raise _unreadable(path, exc) from None


def _parts(package: zipfile.ZipFile, name: str) -> list[zipfile.ZipInfo]:
    """Every part stored under ``name``: a crafted zip may hold two, and who
    knows which one calamine reads."""
    return [info for info in package.infolist() if info.filename == name]


def _elements(package: zipfile.ZipFile, name: str) -> Iterator[ET.Element]:
    """The elements of a small XML part, each complete, then dropped."""
    for info in _parts(package, name):
        with package.open(info) as stream:
            for _event, element in ET.iterparse(stream):
                yield element
                element.clear()


def _local(tag: str) -> str:
    return tag.rpartition("}")[2].rpartition(":")[2]


_XLSX_STRINGS = "xl/sharedStrings.xml"


def _xlsx_extents(path: Path, package: zipfile.ZipFile) -> list[Extent]:
    targets: dict[str, tuple[str, str]] = {}  # relationship id → (type, part)
    for element in _elements(package, "xl/_rels/workbook.xml.rels"):
        if _local(element.tag) == "Relationship":
            targets[element.get("Id", "")] = (element.get("Type", ""), _xlsx_part(element.get("Target", "")))
    strings = {_XLSX_STRINGS} | {part for kind, part in targets.values() if kind.endswith("/sharedStrings")}
    for info in (info for name in strings for info in _parts(package, name)):
        with package.open(info) as stream:
            count = _declared_strings(stream)
        if count > MOST_CELLS:
            raise WorkbookError(path, "too_many_texts", count=count, most=MOST_CELLS)
    sheets: list[tuple[str, str]] = []
    for element in _elements(package, "xl/workbook.xml"):
        if _local(element.tag) == "sheet":
            rel = next((v for k, v in element.attrib.items() if _local(k) == "id"), "")
            if rel in targets:
                sheets.append((element.get("name", rel), targets[rel][1]))
    extents = []
    for sheet, part in sheets:
        for info in _parts(package, part):
            with package.open(info) as stream:
                extent = _xlsx_sheet(sheet, stream)
            if extent.cells > MOST_CELLS:  # the quick bound is not exact: count again, cell by cell
                with package.open(info) as stream:
                    extent = _xlsx_sheet_exactly(path, sheet, stream)
            extents.append(extent)
    return extents


def _xlsx_part(target: str) -> str:
    """A relationship's target as a part name, the way calamine resolves it."""
    if target.startswith("/"):
        return target[1:]
    if target.startswith("xl/"):
        return target
    return str(PurePosixPath("xl") / target)


def _declared_strings(stream: IO[bytes]) -> int:
    """The ``uniqueCount`` on the root of a shared-strings part: calamine sets
    that much room aside before it reads one string."""
    for _event, element in ET.iterparse(stream, events=("start",)):
        text = element.get("uniqueCount", "")
        return int(text) if text.isascii() and text.isdecimal() else 0
    return 0


# Every cell start tag that is not <c r="A1"> … <c r="Z99999"> (one letter, up to
# five digits): in a roster, the cells of column AA on, of row 100,000 on, and
# any cell written in another form; the next pattern reads the ordinary ones.
_NOTABLE = re.compile(rb'<c(?=[\s/>])(?! r="[A-Z]0*[1-9][0-9]{0,4}")')
_PLAIN_CELL = re.compile(rb'<c r="([A-Z]{1,3})([0-9]{1,7})"([^>]*)>')
_PREFIXED = re.compile(rb":c[\s/>]")  # <x:c …>: calamine goes by the local name
_SMALL = (99_999, 26)  # what a sheet without notable cells reaches at most: 2.6 million cells
_UNUSUAL = 1 << 40  # rows of a sheet written in another form: beyond any bound, so counted exactly


def _xlsx_sheet(sheet: str, stream: IO[bytes]) -> Extent:
    """An upper bound of a sheet's extent, in one pass of two patterns over
    its XML: 30 ms for the demo's 10,931 households, which take 150 to read.
    A cell in an unusual form sends the sheet to :func:`_xlsx_sheet_exactly`."""
    rows, columns = _SMALL
    carry = b""
    while True:
        chunk = stream.read(_CHUNK)
        text = carry + chunk
        cut = text.rfind(b"<") if chunk else len(text)
        part, carry = (text[:cut], text[cut:]) if cut > 0 else (text, b"")  # a tag never spans two parts
        if _PREFIXED.search(part):
            return Extent(sheet, _UNUSUAL, 1)
        for match in _NOTABLE.finditer(part):
            cell = _PLAIN_CELL.match(part, match.start())
            if cell is None:
                return Extent(sheet, _UNUSUAL, 1)
            if not cell.group(3).endswith(b"/"):  # <c …/> holds nothing: calamine leaves it out
                rows = max(rows, int(cell.group(2)))
                columns = max(columns, _column_number(cell.group(1)))
        if not chunk:
            return Extent(sheet, rows, columns)


def _column_number(letters: bytes | str) -> int:
    number = 0
    for letter in letters.upper() if isinstance(letters, str) else letters.decode("ascii").upper():
        number = number * 26 + ord(letter) - 64
    return number


_REFERENCE = re.compile(r"([A-Za-z]*)([0-9]*)")


def _xlsx_sheet_exactly(path: Path, sheet: str, stream: IO[bytes]) -> Extent:
    """A sheet's exact extent, every element parsed the way calamine places
    cells: by their ``r``, or after the cell before (a row without ``r``
    follows the row before)."""
    state = {"row": 0, "column": 0, "cell": None, "rows": 0, "columns": 0}

    def start(name: str, attrs: dict[str, str]) -> None:
        local = name.rpartition(":")[2]
        cell = state["cell"]
        if cell is not None:  # a value (or formula) inside the cell: it counts
            state["rows"] = max(state["rows"], cell[0] + 1)
            state["columns"] = max(state["columns"], cell[1] + 1)
            state["cell"] = None
        if local == "row" and "r" in attrs:
            state["row"] = _row_number(path, attrs["r"]) - 1
        elif local == "c":
            if "r" in attrs:
                match = _REFERENCE.fullmatch(attrs["r"])
                if match is None or not match.group(1):
                    raise _unreadable(path, f"a cell of {sheet} is at {attrs['r']!r}")
                state["column"] = _column_number(match.group(1)) - 1
                row = _row_number(path, match.group(2)) - 1 if match.group(2) else state["row"]
            else:
                row = state["row"]
            state["cell"] = (row, state["column"])

    def end(name: str) -> None:
        local = name.rpartition(":")[2]
        if local == "row":
            state["row"] += 1
            state["column"] = 0
        elif local == "c":
            state["cell"] = None
            state["column"] += 1

    parser = expat.ParserCreate()
    parser.StartElementHandler, parser.EndElementHandler = start, end
    parser.ParseFile(stream)
    return Extent(sheet, state["rows"], state["columns"])


def _row_number(path: Path, text: str) -> int:
    if not (text.isascii() and text.isdecimal()):
        raise _unreadable(path, f"a row is numbered {text!r}")
    return int(text)


# -- OpenDocument spreadsheets -------------------------------------------------------------------


def _ods_extents(path: Path, package: zipfile.ZipFile) -> list[Extent]:
    """Each table's extent: rows and cells repeat (``number-rows-repeated``,
    ``number-columns-repeated``), and a repeat counts where what it repeats
    holds a value (LibreOffice ends every sheet with a million empty rows)."""
    extents = []
    for info in _parts(package, "content.xml"):
        with package.open(info) as stream:
            content = stream.read()
        found = _ods_tables(path, content)
        if found is None or any(e.cells > MOST_CELLS for e in found):  # the quick bound is not exact
            found = _ods_tables_exactly(path, content)
        extents += found
    return extents


# calamine knows ODF's elements by their usual prefixes (table:, office:), as here
_ODS_TABLE = re.compile(rb"<table:table(?=[\s>/])([^>]*)>")
_ODS_TABLE_END = re.compile(rb"</table:table\s*>")
_ODS_ROW = re.compile(rb"<table:table-row(?=[\s>/])([^>]*)>")
_ODS_CELL = re.compile(rb"<table:(?:covered-)?table-cell(?=[\s>/])([^>]*)>")
_ODS_VALUE = re.compile(rb"office:[a-z-]*value|table:formula")  # what makes a cell hold something for calamine
_ODS_NAME = re.compile(rb'table:name="([^"]*)"')


def _ods_tables(path: Path, content: bytes) -> list[Extent] | None:
    """An upper bound of each table's extent, row by row with bytes' own
    searches (a fifth of the time parsing every element takes); None when the
    XML is not in the plain form this needs: CDATA, comments, a DOCTYPE or a
    processing instruction (text a pattern could take for markup), nested tables."""
    declaration = content.find(b"?>") + 2 if content.startswith(b"<?xml") else 0
    if b"<!" in content or content.find(b"<?", declaration) >= 0:
        return None
    starts = [m for m in _ODS_TABLE.finditer(content) if not m.group(1).endswith(b"/")]
    ends = [m.start() for m in _ODS_TABLE_END.finditer(content)]
    if len(starts) != len(ends) or any(s.end() > e or (n + 1 < len(starts) and starts[n + 1].start() < e)
                                       for n, (s, e) in enumerate(zip(starts, ends))):
        return None  # a table inside a table
    extents = []
    for start, end in zip(starts, ends):
        name = _ODS_NAME.search(start.group(1))
        row = rows = columns = 0
        for match in _ODS_ROW.finditer(content, start.end(), end):
            attrs = match.group(1)
            repeat = _ods_repeat(path, attrs, b"table:number-rows-repeated") if b"rows-repeated" in attrs else 1
            if not attrs.endswith(b"/"):
                body = (match.end(), content.find(b"</table:table-row>", match.end(), end))
                width = _ods_row_width(path, content, *body)
                if width and (repeat == 1 or _ODS_VALUE.search(content, *body)):  # a repeated empty row is none
                    rows = row + repeat
                    columns = max(columns, width)
            row += repeat
        extents.append(Extent(name.group(1).decode("utf-8", "replace") if name else f"#{len(extents) + 1}",
                              rows, columns))
    return extents


def _ods_row_width(path: Path, content: bytes, start: int, end: int) -> int:
    """How far across the row in ``content[start:end]`` may hold something:
    its cells (at most), or (with repeats) where the repeats of the last cell
    with a value end."""
    if content.find(b"columns-repeated", start, end) < 0:
        return content.count(b"<table:", start, end)  # its cells, covered ones too
    column = width = 0
    for cell in _ODS_CELL.finditer(content, start, end):
        column += _ods_repeat(path, cell.group(1), b"table:number-columns-repeated")
        if _ODS_VALUE.search(cell.group(1)):
            width = column
    return width


def _ods_repeat(path: Path, attrs: bytes, name: bytes) -> int:
    at = attrs.find(name + b'="')
    if at < 0:
        return 1
    text = attrs[at + len(name) + 2: attrs.find(b'"', at + len(name) + 2)]
    if not text.isdigit() or len(text) > 12:
        raise _unreadable(path, f"{name.decode()} is {text.decode('utf-8', 'replace')!r}")
    return max(int(text), 1)


def _ods_tables_exactly(path: Path, content: bytes) -> list[Extent]:
    """The tables' extents with every element parsed (any prefix, any form):
    for what :func:`_ods_tables` leaves."""
    extents: list[Extent] = []
    tables: list[dict] = []  # a table inside a cell is its own table

    def attribute(attrs: dict[str, str], name: str, default: str = "") -> str:
        return next((v for k, v in attrs.items() if k.rpartition(":")[2] == name), default)

    def repeat(attrs: dict[str, str], name: str) -> int:
        text = attribute(attrs, name, "1")
        if not (text.isascii() and text.isdecimal()) or len(text) > 12:
            raise _unreadable(path, f"{name} is {text!r}")
        return max(int(text), 1)

    def start(name: str, attrs: dict[str, str]) -> None:
        local = name.rpartition(":")[2]
        table = tables[-1] if tables else None
        if table is not None and table["cell"] is not None:
            _ods_fill(table)  # anything inside a cell counts, to be safe
        if local == "table":
            tables.append({"name": attribute(attrs, "name", f"#{len(extents) + 1}"), "row": 0, "row_repeat": 1,
                           "column": 0, "cell": None, "filled": False, "rows": 0, "columns": 0})
        elif table is None:
            return
        elif local == "table-row":
            table.update(row_repeat=repeat(attrs, "number-rows-repeated"), column=0, filled=False)
        elif local in ("table-cell", "covered-table-cell"):
            table["cell"] = repeat(attrs, "number-columns-repeated")
            if any(k.rpartition(":")[2] in ("value-type", "formula") or k.endswith("value") for k in attrs):
                _ods_fill(table)

    def end(name: str) -> None:
        local = name.rpartition(":")[2]
        if not tables:
            return
        table = tables[-1]
        if local == "table":
            tables.pop()
            if not tables:
                extents.append(Extent(table["name"], table["rows"], table["columns"]))
        elif local in ("table-cell", "covered-table-cell") and table["cell"] is not None:
            table["column"] += table["cell"]
            table["cell"] = None
        elif local == "table-row":
            if table["filled"]:
                table["rows"] = max(table["rows"], table["row"] + table["row_repeat"])
            table["row"] += table["row_repeat"]

    parser = expat.ParserCreate()
    parser.StartElementHandler, parser.EndElementHandler = start, end
    parser.Parse(content, True)
    return extents


def _ods_fill(table: dict) -> None:
    table["columns"] = max(table["columns"], table["column"] + table["cell"])
    table["filled"] = True


# -- Excel 97–2003 (.xls): BIFF records in an OLE2 compound file --------------------------------

_DIMENSIONS, _EOF, _BOUNDSHEET, _BOF = 0x0200, 0x000A, 0x0085, 0x0809
_CELLS = (0x0203, 0x0204, 0x0205, 0x027E, 0x00FD, 0x0006)  # number, label, bool, rk, shared text, formula
_MULRK = 0x00BD


def _xls_extents(path: Path) -> list[Extent]:
    data = path.read_bytes()
    if len(data) > MOST_MEGABYTES << 20:
        raise WorkbookError(path, "too_big", size=len(data) >> 20, most=MOST_MEGABYTES)
    try:
        streams = compound_streams(data, ("workbook", "book"))
        return [extent for stream in streams for extent in _biff_extents(stream)]
    except (struct.error, IndexError, ValueError, KeyError) as exc:
        raise _unreadable(path, f"damaged compound file: {exc}") from None


def _records(stream: bytes, offset: int) -> Iterator[tuple[int, bytes]]:
    """BIFF records from ``offset`` to the next EOF record or the end."""
    while offset + 4 <= len(stream):
        kind, length = struct.unpack_from("<HH", stream, offset)
        yield kind, stream[offset + 4: offset + 4 + length]
        if kind == _EOF:
            return
        offset += 4 + length


def _biff_extents(stream: bytes) -> list[Extent]:
    """Each sheet's extent as calamine builds it: the bounding box of its cell
    records, or what its DIMENSIONS record makes calamine set aside, if more."""
    sheets: list[tuple[int, str]] = []
    biff8 = True
    for kind, body in _records(stream, 0):
        if kind == _BOF and len(body) >= 2:
            biff8 = struct.unpack_from("<H", body)[0] not in (0x0002, 0x0007, 0x0200, 0x0300, 0x0400, 0x0500)
        elif kind == _BOUNDSHEET and len(body) >= 7:
            count = body[6]
            if biff8 and len(body) >= 8:
                raw = body[8: 8 + count * (2 if body[7] & 1 else 1)]
                name = raw.decode("utf-16-le" if body[7] & 1 else "latin-1", "replace")
            else:
                name = body[7: 7 + count].decode("gbk", "replace")
            sheets.append((struct.unpack_from("<I", body)[0], name.replace("\0", "")))
    extents = []
    for position, name in sheets:
        extent = Extent(name, 0, 0)
        for kind, body in _records(stream, position):
            if kind in _CELLS and len(body) >= 4:
                row, column = struct.unpack_from("<HH", body)
            elif kind == _MULRK and len(body) >= 6:
                row, column = struct.unpack_from("<H", body)[0], struct.unpack_from("<H", body, len(body) - 2)[0]
            elif kind == _DIMENSIONS and len(body) in (10, 14):
                claim = _claimed(name, body)  # calamine sets this much aside before the first cell
                if claim.cells > extent.cells:
                    extent = claim
                continue
            else:
                continue
            extent = Extent(name, max(extent.rows, row + 1), max(extent.columns, column + 1))
        extents.append(extent)
    return extents


def _claimed(sheet: str, body: bytes) -> Extent:
    """The area a DIMENSIONS record claims, with calamine's u32 arithmetic
    (a last row before the first wraps around to 4 billion)."""
    if len(body) == 14:
        first_row, last_row, first_column, last_column = struct.unpack_from("<IIHH", body)
    else:
        first_row, last_row, first_column, last_column = struct.unpack_from("<HHHH", body)
    if last_row < 1 or last_column < 1:
        return Extent(sheet, 1, 1)
    return Extent(sheet, (last_row - first_row) % (1 << 32), (last_column - first_column) % (1 << 32))
