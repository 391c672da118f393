"""Workbooks written byte by byte, the way an attacker (or a broken exporter)
would: an .xlsx package of hand-written XML, an .ods, and an .xls (BIFF8
records in an OLE2 compound file) with cells and DIMENSIONS anywhere."""

from __future__ import annotations

import struct
import zipfile
from pathlib import Path

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
HEADER_CELLS = '<c r="A1" t="inlineStr"><is><t>楼栋</t></is></c><c r="B1" t="inlineStr"><is><t>房号</t></is></c>'
FIRST_ROW = '<c r="A2" t="inlineStr"><is><t>1号楼</t></is></c><c r="B2" t="inlineStr"><is><t>101</t></is></c>'


def xlsx(path: Path, sheet_data: str, *, dimension: str = "A1:B2", root: str = "worksheet",
         namespaces: str = f'xmlns="{MAIN}"', shared_strings: str | None = None) -> Path:
    """An .xlsx whose one sheet (住户) holds ``sheet_data`` as its <sheetData>."""
    strings_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"
    parts = {
        "[Content_Types].xml": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            '<Override PartName="/xl/worksheets/sheet1.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
            + (f'<Override PartName="/xl/sharedStrings.xml" ContentType="{strings_type}"/>' if shared_strings else "")
            + "</Types>"),
        "_rels/.rels": (
            '<?xml version="1.0" encoding="UTF-8"?><Relationships '
            'xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{RELS}/officeDocument" Target="xl/workbook.xml"/></Relationships>'),
        "xl/workbook.xml": (
            f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{MAIN}" xmlns:r="{RELS}">'
            '<sheets><sheet name="住户" sheetId="1" r:id="rId1"/></sheets></workbook>'),
        "xl/_rels/workbook.xml.rels": (
            '<?xml version="1.0" encoding="UTF-8"?><Relationships '
            'xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{RELS}/worksheet" Target="worksheets/sheet1.xml"/>'
            + (f'<Relationship Id="rId2" Type="{RELS}/sharedStrings" Target="sharedStrings.xml"/>'
               if shared_strings else "")
            + "</Relationships>"),
        "xl/worksheets/sheet1.xml": (
            f'<?xml version="1.0" encoding="UTF-8"?><{root} {namespaces}><dimension ref="{dimension}"/>'
            f'<sheetData>{sheet_data}</sheetData></{root}>'),
    }
    if shared_strings:
        parts["xl/sharedStrings.xml"] = shared_strings
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
        for name, text in parts.items():
            package.writestr(name, text)
    return path


def ods(path: Path, table: str, *more: str) -> Path:
    """An .ods whose table 住户 holds ``table`` (rows), and tables 表2, 表3 … ``more``."""
    table += "".join(f'</table:table><table:table table:name="表{n}">{rows}' for n, rows in enumerate(more, 2))
    content = (
        '<?xml version="1.0" encoding="UTF-8"?><office:document-content '
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
        f'<office:body><office:spreadsheet><table:table table:name="住户">{table}</table:table>'
        '</office:spreadsheet></office:body></office:document-content>')
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
        'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
        '<manifest:file-entry manifest:full-path="/" '
        'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>')
    with zipfile.ZipFile(path, "w") as package:
        package.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet")
        package.writestr("content.xml", content, zipfile.ZIP_DEFLATED)
        package.writestr("META-INF/manifest.xml", manifest, zipfile.ZIP_DEFLATED)
    return path


def ods_text(text: str, repeat: int = 1) -> str:
    """An .ods cell holding ``text``, ``repeat`` times across."""
    times = f' table:number-columns-repeated="{repeat}"' if repeat > 1 else ""
    return f'<table:table-cell office:value-type="string"{times}><text:p>{text}</text:p></table:table-cell>'


def ods_header() -> str:
    return (f"<table:table-row>{ods_text('楼栋')}{ods_text('房号')}</table:table-row>"
            f"<table:table-row>{ods_text('1号楼')}{ods_text('101')}</table:table-row>")


# -- .xls ----------------------------------------------------------------------------------------


def _record(kind: int, body: bytes) -> bytes:
    return struct.pack("<HH", kind, len(body)) + body


def label(row: int, column: int, text: str) -> bytes:
    """A LABEL record: text at (row, column), both from 0."""
    return _record(0x0204, struct.pack("<HHHHB", row, column, 0, len(text), 1) + text.encode("utf-16-le"))


def number(row: int, column: int, value: float) -> bytes:
    return _record(0x0203, struct.pack("<HHHd", row, column, 0, value))


def header_labels() -> list[bytes]:
    return [label(0, 0, "楼栋"), label(0, 1, "房号"), label(1, 0, "1号楼"), label(1, 1, "101")]


def xls(path: Path, cells: list[bytes], dimensions: tuple[int, int, int, int] = (0, 2, 0, 2)) -> Path:
    """An .xls (BIFF8) with one sheet (住户) of ``cells`` and a DIMENSIONS
    record of (first row, last row + 1, first column, last column + 1)."""
    name = "住户"

    def bof(kind: int) -> bytes:
        return _record(0x0809, struct.pack("<HHHHII", 0x0600, kind, 0x0DBB, 0x07CC, 0, 0x06))

    def globals_at(position: int) -> bytes:
        sheet = struct.pack("<IBBBB", position, 0, 0, len(name), 1) + name.encode("utf-16-le")
        return bof(0x05) + _record(0x0042, struct.pack("<H", 1200)) + _record(0x0085, sheet) + _record(0x000A, b"")

    sheet = bof(0x10) + _record(0x0200, struct.pack("<IIHHH", *dimensions, 0)) + b"".join(cells) \
        + _record(0x000A, b"")
    stream = globals_at(len(globals_at(0))) + sheet
    path.write_bytes(_compound_file(stream))
    return path


def _compound_file(stream: bytes) -> bytes:
    """An OLE2 compound file (version 3) holding ``stream`` as "Workbook":
    sector 0 the FAT, 1 the directory, then the stream (at least 4 KB, so that
    it is not in the mini stream)."""
    stream = stream.ljust(4096, b"\0")
    count = -(-len(stream) // 512)
    if count + 2 > 128:
        raise ValueError("one FAT sector holds 128 sectors")
    fat = [0xFFFFFFFD, 0xFFFFFFFE] + [s + 1 for s in range(2, count + 1)] + [0xFFFFFFFE]
    fat += [0xFFFFFFFF] * (128 - len(fat))
    header = (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(16) + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6)
              + bytes(6) + struct.pack("<IIIIIIIII", 0, 1, 1, 0, 4096, 0xFFFFFFFE, 0, 0xFFFFFFFE, 0)
              + struct.pack("<I", 0) + struct.pack("<I", 0xFFFFFFFF) * 108)

    def entry(name: str, kind: int, child: int, start: int, size: int) -> bytes:
        raw = (name + "\0").encode("utf-16-le")
        return (raw.ljust(64, b"\0") + struct.pack("<HBBIII", len(raw), kind, 1, 0xFFFFFFFF, 0xFFFFFFFF, child)
                + bytes(16) + struct.pack("<IQQIQ", 0, 0, 0, start, size))

    empty = bytes(64) + struct.pack("<HBBIII", 0, 0, 0, 0xFFFFFFFF, 0xFFFFFFFF, 0xFFFFFFFF) + bytes(48)
    directory = entry("Root Entry", 5, 1, 0xFFFFFFFE, 0) + entry("Workbook", 2, 0xFFFFFFFF, 2, len(stream)) \
        + empty * 2
    return header + struct.pack("<128I", *fat) + directory + stream.ljust(count * 512, b"\0")
