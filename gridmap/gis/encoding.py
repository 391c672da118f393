"""Which text encoding a shapefile's attribute table uses, read without GDAL.

Chinese shapefiles often hold GBK text with no ``.cpg`` file, and GDAL then
reads it as ISO-8859-1 and garbles it (pyogrio issue #380). The order here is:
the ``.cpg`` file, then the DBF header's language driver id, then the bytes
themselves, tried as UTF-8, GBK and GB18030. A declaration that the bytes
contradict is overridden, and ``EncodingGuess.detail`` says so.
"""

from __future__ import annotations

import codecs
import struct
import unicodedata
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from gridmap.errors import GisFileError
from gridmap.gis.messages import encoding_reason, file_error

DETECTION_RECORD_LIMIT = 20_000
CANDIDATES = ("utf-8", "gbk", "gb18030")  # UTF-8 first: GBK bytes rarely pass as UTF-8

# DBF language driver id (header byte 29) -> (Python codec, what it means).
# Learned from GDAL's OGRShapeLayer::ConvertCodePage (ogr/ogrsf_frmts/shape/
# ogrshapelayer.cpp) and the dBASE LDID list it cites; only ids that matter for
# Chinese, neighbouring and Western data are kept. 0x00 means "none given".
LANGUAGE_IDS = {
    0x01: ("cp437", "US MS-DOS"),
    0x02: ("cp850", "international MS-DOS"),
    0x03: ("cp1252", "Windows ANSI"),
    0x13: ("cp932", "Japanese Shift-JIS"),
    0x4D: ("gbk", "GBK"),
    0x4E: ("cp949", "Korean"),
    0x4F: ("cp950", "Big5"),
    0x50: ("cp874", "Thai"),
    # "The current ANSI code page" of the machine that wrote it: 1252 in the
    # West, 936 (GBK) in China. GDAL reads it as ISO-8859-1.
    0x57: ("cp1252", "ANSI (the writer's Windows code page, taken as 1252)"),
    0x58: ("cp1252", "Western European ANSI"),
    0x59: ("cp1252", "Spanish ANSI"),
    0x78: ("cp950", "Big5 (Windows)"),
    0x79: ("cp949", "Korean (Windows)"),
    0x7A: ("gbk", "PRC GBK (code page 936)"),
    0x7B: ("cp932", "Japanese (Windows)"),
    0x7C: ("cp874", "Thai (Windows)"),
    0xC8: ("cp1250", "Eastern European (Windows)"),
    0xC9: ("cp1251", "Russian (Windows)"),
}

# .cpg contents (upper case, without "-", "_" and spaces) -> Python codec.
# GB2312 files almost always hold GBK-only characters too, so GB2312 reads as GBK.
_CPG_NAMES = {
    "UTF8": "utf-8", "65001": "utf-8",
    "GBK": "gbk", "936": "gbk", "CP936": "gbk", "MS936": "gbk", "WINDOWS936": "gbk",
    "GB2312": "gbk", "EUCCN": "gbk",
    "GB18030": "gb18030", "54936": "gb18030",
    "BIG5": "cp950", "950": "cp950",
    "LATIN1": "iso8859-1",
}
_GDAL_NAMES = {"utf-8": "UTF-8", "gbk": "GBK", "gb18030": "GB18030"}


@dataclass(frozen=True)
class EncodingGuess:
    """The encoding to read a shapefile's text with, and why.

    Attributes
    ----------
    encoding : str
        A Python codec name ("utf-8", "gbk", "gb18030", "cp1252", ...).
    source : str
        "cpg", "ldid", "content" or "default".
    detail : str
        One sentence for the user on how it was found.
    tried : tuple of (str, int)
        Each encoding tested against the text and on how many text values
        (non-ASCII values and field names) it failed.
    """

    encoding: str
    source: str
    detail: str
    tried: tuple[tuple[str, int], ...] = ()


@dataclass(frozen=True)
class _Declared:
    codec: str
    source: str  # "cpg" or "ldid"
    detail: str  # when it is used: "from the .cpg file (936)"
    claim: str  # when it is not: "the .cpg file says 936"


def detect_shapefile_encoding(path: str | Path) -> EncodingGuess:
    """Find the text encoding of the shapefile at ``path`` (.shp or .dbf).

    A ``.cpg`` file wins, then the DBF language driver id, as long as every
    text value decodes with it; a single-byte code page (which decodes any
    bytes) also yields to UTF-8, GBK or GB18030 when one of those decodes the
    non-ASCII text cleanly. Only the first ``DETECTION_RECORD_LIMIT`` records
    are read.

    Raises
    ------
    GisFileError
        When the .dbf is missing, unreadable or damaged.
    """
    dbf = _dbf_beside(Path(path))
    ldid, names, fields = _scan_dbf(dbf, DETECTION_RECORD_LIMIT)
    declared, notes = _declaration(dbf, ldid)
    # (bytes, fills its field) -> how often; ASCII decodes alike in every candidate
    samples = Counter((name, False) for name in names if not name.isascii())
    for width, values in fields:
        samples.update((v, len(v) == width) for v in values if not v.isascii())

    if not samples:
        if declared:
            return EncodingGuess(declared.codec, declared.source, _noted(declared.detail, notes),
                                 ((declared.codec, 0),))
        return EncodingGuess("utf-8", "default", _noted(encoding_reason("ascii"), notes))

    tried = []
    if declared:
        tried.append((declared.codec, _failures(declared.codec, samples)))
        if tried[0][1] == 0 and not _single_byte(declared.codec):
            return EncodingGuess(declared.codec, declared.source, _noted(declared.detail, notes), tuple(tried))
    for codec in CANDIDATES:
        if declared and codec == declared.codec:
            continue
        tried.append((codec, _failures(codec, samples)))
        if tried[-1][1] == 0:
            return EncodingGuess(codec, "content", _noted(_content_detail(codec, declared, tried), notes), tuple(tried))
    if declared and tried[0][1] == 0:  # a clean single-byte declaration, and nothing better
        return EncodingGuess(declared.codec, declared.source, _noted(declared.detail, notes), tuple(tried))

    codec, failed = min(tried, key=lambda item: item[1])  # ties go to the declaration, then to CANDIDATES order
    total = sum(samples.values())
    detail = encoding_reason("fewest_failures", codec=_label(codec), failed=failed, total=total)
    source = declared.source if declared and codec == declared.codec else "content"
    return EncodingGuess(codec, source, _noted(detail, notes), tuple(tried))


def _noted(detail: str, notes: list[str]) -> str:
    """``detail``, then each note after a semicolon."""
    for note in notes:
        detail = encoding_reason("with_note", detail=detail, note=note)
    return detail


def read_dbf_text_fields(path: str | Path, max_records: int | None = DETECTION_RECORD_LIMIT) -> dict[str, list[bytes]]:
    """The raw bytes of every character (type C) field of a .dbf, by field name.

    Records are streamed; at most ``max_records`` are read (the first 20,000 by
    default, enough to detect an encoding; None reads all). Deleted records are
    skipped; values lose their trailing spaces and NULs. Field names are
    decoded as UTF-8, else GBK, else Latin-1, for display only.
    """
    _, names, fields = _scan_dbf(_dbf_beside(Path(path)), max_records)
    return {_name_text(name): values for name, (_, values) in zip(names, fields)}


def write_cpg(shp_path: str | Path, encoding: str) -> Path:
    """Write the .cpg beside an exported shapefile ("UTF-8", "GBK" or
    "GB18030"), replacing any .cpg already there; returns its path."""
    try:
        codec = codecs.lookup(encoding).name
    except LookupError:
        codec = None
    if codec not in _GDAL_NAMES:
        raise ValueError(f"shapefiles are exported as UTF-8, GBK or GB18030, not {encoding!r}")
    shp_path = Path(shp_path)
    cpg = _beside(shp_path, ".cpg") or shp_path.with_suffix(".cpg")
    cpg.write_text(_GDAL_NAMES[codec], encoding="ascii")
    return cpg


def open_options_for(guess: EncodingGuess) -> dict:
    """Keyword arguments for ``pyogrio.read_dataframe`` / ``read_info`` that
    decode the shapefile's text with ``guess.encoding``.

    pyogrio hands ``encoding`` to GDAL's SHAPE_ENCODING, which overrides the
    .cpg and the language id; GDAL recodes with iconv, so the name must be one
    iconv knows (Python aliases such as "latin-1" silently fail there).
    """
    return {"encoding": gdal_encoding_name(guess.encoding)}


def gdal_encoding_name(codec: str) -> str:
    """The name GDAL (iconv) knows for a Python codec: "UTF-8", "GBK", "CP1252", "ISO-8859-1"."""
    name = codecs.lookup(codec).name
    if name in _GDAL_NAMES:
        return _GDAL_NAMES[name]
    if name.startswith("iso8859-"):
        return "ISO-8859-" + name[len("iso8859-"):]
    return name.upper()


# -- declarations --------------------------------------------------------------

def _declaration(dbf: Path, ldid: int) -> tuple[_Declared | None, list[str]]:
    notes = []
    cpg = _beside(dbf, ".cpg")
    if cpg is not None:
        label = cpg.read_bytes()[:100].decode("latin-1").strip().lstrip("\ufeff")
        codec = _codec_from_cpg(label)
        if codec:
            return _Declared(codec, "cpg", encoding_reason("from_cpg", label=label),
                             encoding_reason("cpg_says", label=label)), notes
        notes.append(encoding_reason("cpg_no_encoding", label=repr(label)))
    if ldid in LANGUAGE_IDS:
        codec, _meaning = LANGUAGE_IDS[ldid]
        return _Declared(codec, "ldid", encoding_reason("from_ldid", ldid=f"0x{ldid:02X}", meaning=ldid),
                         encoding_reason("ldid_says", ldid=f"0x{ldid:02X}", meaning=ldid)), notes
    if ldid:
        notes.append(encoding_reason("ldid_unknown", ldid=f"0x{ldid:02X}"))
    return None, notes


def _codec_from_cpg(label: str) -> str | None:
    key = label.upper().replace("-", "").replace("_", "").replace(" ", "")
    if key in _CPG_NAMES:
        name = _CPG_NAMES[key]
    elif key.removeprefix("ISO").startswith("8859"):
        name = "iso8859-" + key.removeprefix("ISO")[4:]
    elif key.removeprefix("CP").isdecimal():
        name = "cp" + key.removeprefix("CP")  # a Windows code page number, as ArcGIS writes it
    else:
        name = label
    try:
        b"\0\0\0\0".decode(name)  # a text encoding, not "base64" (b"" decodes with any codec), even UTF-32
        return codecs.lookup(name).name
    except (LookupError, ValueError):
        return None


def _content_detail(codec: str, declared: _Declared | None, tried: list[tuple[str, int]]) -> str:
    if declared is None:
        failed = [_label(c) for c, n in tried if n]
        if not failed:
            return encoding_reason("decodes", codec=_label(codec))
        either = failed[0]
        for other in failed[1:]:
            either = encoding_reason("either", first=either, second=other)
        return encoding_reason("decodes_not", codec=_label(codec), failed=either)
    n = tried[0][1]
    key = "overridden_single_byte" if not n else "overridden_one" if n == 1 else "overridden_many"
    return encoding_reason(key, claim=declared.claim, count=n, declared=_label(declared.codec), codec=_label(codec))


def _label(codec: str) -> str:
    return gdal_encoding_name(codec)


def _single_byte(codec: str) -> bool:
    # 0xB0 is a character of its own in every single-byte code page, and only
    # part of one in UTF-8 and the CJK multi-byte encodings.
    try:
        return len(b"\xb0\xb0".decode(codec)) == 2
    except UnicodeDecodeError:
        return False


def _failures(codec: str, samples: Counter) -> int:
    return sum(n for (raw, fills), n in samples.items() if not _decodes_cleanly(raw, codec, fills))


def _decodes_cleanly(raw: bytes, codec: str, fills_field: bool) -> bool:
    try:
        if fills_field:  # the writer may have cut the last character in half to fit
            text = codecs.getincrementaldecoder(codec)().decode(raw, final=False)
        else:
            text = raw.decode(codec)
    except UnicodeDecodeError:
        return False
    return not any(ch == "\ufffd" or (unicodedata.category(ch) in ("Cc", "Co") and ch not in "\t\n\r")
                   for ch in text)


def _name_text(raw: bytes) -> str:
    for codec in ("utf-8", "gbk"):
        try:
            return raw.decode(codec)
        except UnicodeDecodeError:
            pass
    return raw.decode("latin-1")


# -- files ----------------------------------------------------------------------

def _beside(path: Path, suffix: str) -> Path | None:
    """The file with ``path``'s stem and ``suffix`` in any case, if there is one."""
    stem = path.name[: -len(path.suffix)] if path.suffix else path.name
    want = (stem + suffix).lower()
    try:
        found = [p for p in path.parent.iterdir() if p.name.lower() == want and p.name.startswith(stem)]
    except OSError:
        return None
    found = sorted((p for p in found if p.is_file()), key=lambda p: p.name != stem + suffix)
    return found[0] if found else None


def _dbf_beside(path: Path) -> Path:
    if path.is_dir():
        raise file_error(path, "is_folder", "choose_shp_inside")
    dbf = _beside(path, ".dbf")
    if dbf is not None:
        return dbf
    if not path.exists():
        raise file_error(path, "does_not_exist")
    stem = path.name[: -len(path.suffix)] if path.suffix else path.name
    raise file_error(path, "no_dbf", "copy_dbf", stem=stem)


def _scan_dbf(dbf: Path, max_records: int | None) -> tuple[int, list[bytes], list[tuple[int, list[bytes]]]]:
    """(language id, C field names, [(width, values)] per C field), streamed."""
    try:
        size = dbf.stat().st_size
        with dbf.open("rb") as f:
            head = f.read(32)
            if len(head) < 32:
                raise _damaged(dbf, "dbf_too_short", size=size)
            n_records, header_len, record_len = struct.unpack("<IHH", head[4:12])
            ldid = head[29]
            if header_len < 33 or header_len > size:
                raise _damaged(dbf, "dbf_header_beyond", claimed=header_len, size=size)
            descriptors = head + f.read(header_len - 32)
            # the list of 32-byte field descriptors ends with a 0x0D where the next would start
            end = next((at for at in range(32, header_len, 32) if descriptors[at] == 0x0D), None)
            if end is None:
                raise _damaged(dbf, "dbf_no_end_marker")
            names, columns, offset = [], [], 1  # byte 0 of a record is the deletion flag
            for at in range(32, end, 32):
                item = descriptors[at:at + 32]
                kind = item[11:12]
                width = item[16] if kind in b"NF" else item[16] + 256 * item[17]  # as shapelib reads it
                if kind == b"C":
                    names.append(item[:11].split(b"\0", 1)[0].strip())
                    columns.append((offset, width))
                offset += width
            if offset != record_len:
                raise _damaged(dbf, "dbf_record_width", width=offset, claimed=record_len)
            whole = (size - header_len) // record_len
            if whole < n_records:
                raise _damaged(dbf, "dbf_cut_short", promised=n_records, whole=whole)
            fields = [(width, []) for _, width in columns]
            todo = n_records if max_records is None else min(n_records, max_records)
            f.seek(header_len)
            while todo > 0:
                batch = min(todo, max(1, (1 << 22) // record_len))  # about 4 MB at a time
                chunk = f.read(batch * record_len)
                todo -= batch
                for start in range(0, len(chunk), record_len):
                    if chunk[start] == 0x2A:  # "*": deleted
                        continue
                    for (col, width), (_, values) in zip(columns, fields):
                        values.append(chunk[start + col:start + col + width].rstrip(b" \0"))
    except OSError as exc:
        raise file_error(dbf, "dbf_unreadable", error=exc.strerror or str(exc)) from exc
    return ldid, names, fields


def _damaged(dbf: Path, problem: str, **params) -> GisFileError:
    """The table is not what a DBF must be: ``problem`` (a key of messages.FILE_PROBLEMS)."""
    return file_error(dbf, problem, "copy_shapefile_again", **params)
