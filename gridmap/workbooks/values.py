"""Cell values as people type them in rosters: text, phone numbers, dates,
yes/no, counts. Each parser returns the value or raises ``ValueError`` with
nothing else to say: the caller names the row and the column.

Text comes in as the editing API lets it in (:func:`cleaned_cells`, after
``gridmap.model.validation``): a control character pasted from another system
becomes a space instead of breaking every Excel file written later. Where a
number is expected, digits are read as NFKC gives them (:func:`number_text`):
"３０１" and "30¹" are room 301, and ``int`` never sees a superscript
("²".isdigit() is True, int("²") fails).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable, Mapping

from gridmap.model.validation import LONGEST_NAME, LONGEST_NOTE, clean_text
from gridmap.workbooks.messages import RowIssue

# 11-digit mobile (1[3-9]…), or a landline with its area code (010, 0371 …) and
# 7–8 digits, optionally an extension; separators as people write them. ASCII
# digits only: \d would take Arabic-Indic or Devanagari digits too.
_MOBILE = re.compile(r"1[3-9]\d{9}", re.ASCII)
_LANDLINE = re.compile(r"0\d{2,3}-?[2-9]\d{6,7}(?:-\d{1,6})?", re.ASCII)
_SEPARATORS = re.compile(r"[\s()（）—–]")
_DATE = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?", re.ASCII)
# What an XML file cannot hold at all (C0 controls but tab, line feed and
# carriage return; lone surrogates; U+FFFE and U+FFFF): openpyxl refuses the
# first, writes the others into a file Excel will not open.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
CELL_LIMIT = 32_767  # the most characters one Excel cell holds


def xml_text(text: str) -> str:
    """``text`` as a workbook can hold it: line breaks as "\\n", nothing XML forbids."""
    if text.isprintable():  # the usual case, and 20× faster than the pattern
        return text
    return _NOT_XML.sub(" ", text.replace("\r\n", "\n").replace("\r", "\n"))


def cleaned_cells(cells: Mapping[str, str], notes: Iterable[str] = ("note",)) -> dict[str, str]:
    """A row's cells (field → text) as the editing API lets text in: the
    fields in ``notes`` may keep line breaks and tabs, the others hold one line.
    A cell longer than its field may be is cut: check :func:`too_long` first."""
    notes = frozenset(notes)
    return {name: clean_text(xml_text(text), note=name in notes) for name, text in cells.items()}


def too_long(text: str, note: bool = False) -> int | None:
    """The most characters a name (or a note) may have, if ``text`` has more; else None."""
    most = LONGEST_NOTE if note else LONGEST_NAME
    return most if len(text) > most else None


def long_cells(cells: Mapping[str, str], fields: Mapping[str, str]) -> list[RowIssue]:
    """A reason for each of ``fields`` (field → the problem's key: "long_note"
    for a note, else a name's) longer than it may be stored: cleaning would
    cut it, and a row is imported whole or not at all."""
    issues = []
    for name, key in fields.items():
        text = cells.get(name, "")
        most = too_long(text, note=key == "long_note")
        if most is not None:
            issues.append(RowIssue(key, {"length": len(text), "most": most}))
    return issues


def fitted(text: str) -> str:
    """``text`` cut to what one Excel cell holds (32,767 UTF-16 units), never inside an emoji."""
    if len(text) * 2 <= CELL_LIMIT or len(text.encode("utf-16-le")) <= CELL_LIMIT * 2:
        return text
    return text.encode("utf-16-le")[: CELL_LIMIT * 2].decode("utf-16-le", "ignore")


def number_text(text: str) -> str:
    """``text`` with full-width, superscript and circled digits as ASCII (NFKC):
    for cells that hold numbers (unit, room, floor, counts, phones, dates)."""
    return text if text.isascii() else unicodedata.normalize("NFKC", text)


def normalised_numbers(cells: Mapping[str, str], fields: Iterable[str]) -> dict[str, str]:
    """A row's ``cells`` (field → text) with those of ``fields`` as :func:`number_text` gives them."""
    row = dict(cells)
    for name in fields:
        if name in row:
            row[name] = number_text(row[name])
    return row


def is_number(text: str) -> bool:
    """Whether ``text`` is ASCII digits only, which ``int`` always reads."""
    return text.isascii() and text.isdigit()


_YES = {"是", "y", "yes", "true", "1", "√", "✓", "需要", "需跟进"}
_NO = {"否", "n", "no", "false", "0", "×", "✗", "不需要", "无"}


def phone(text: str) -> str:
    """A mobile (13812345678) or landline (0371-61234567) number, normalised;
    ``ValueError`` for anything else."""
    compact = _SEPARATORS.sub("", number_text(text)).replace("－", "-")
    if compact.startswith("+86"):
        compact = compact[3:].lstrip("-")
    if _MOBILE.fullmatch(compact.replace("-", "")):  # 138-1234-5678
        return compact.replace("-", "")
    if _LANDLINE.fullmatch(compact):
        if "-" not in compact:  # put the dash after the area code: 3 digits for 010/02x, else 4
            cut = 3 if compact[1] in "12" else 4
            compact = compact[:cut] + "-" + compact[cut:]
        return compact
    raise ValueError(text)


def masked_phone(number: str) -> str:
    """138****5678: enough to recognise a number, not to call it."""
    digits = number.replace("-", "")
    if len(digits) < 7:
        return "*" * len(number)
    return digits[:3] + "*" * (len(digits) - 7) + digits[-4:]


def date(text: str, today: dt.date | None = None) -> dt.date:
    """2026-11-03, 2026/11/3, 2026.11.3 or 2026年11月3日; not in the future."""
    text = number_text(text)
    try:
        value = dt.date.fromisoformat(text)  # the usual case, and 8× faster than the pattern
    except ValueError:
        match = _DATE.fullmatch(text.strip())
        if not match:
            raise ValueError(text) from None
        value = dt.date(*map(int, match.groups()))
    if today is not None and value > today:
        raise ValueError(text)
    return value


def yes_no(text: str) -> bool:
    key = text.strip().lower()
    if key in _YES:
        return True
    if key in _NO:
        return False
    raise ValueError(text)


def count(text: str, most: int) -> int:
    """A whole number from 0 to ``most`` ("3", "3人")."""
    digits = number_text(text).strip().removesuffix("人").removesuffix("口").strip()
    if not is_number(digits) or int(digits) > most:
        raise ValueError(text)
    return int(digits)
