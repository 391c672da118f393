"""Cell values as people type them in rosters: phone numbers, dates, yes/no,
counts. Each parser returns the value or raises ``ValueError`` with nothing
else to say: the caller names the row and the column."""

from __future__ import annotations

import datetime as dt
import re

# 11-digit mobile (1[3-9]…), or a landline with its area code (010, 0371 …) and
# 7–8 digits, optionally an extension; separators as people write them.
_MOBILE = re.compile(r"1[3-9]\d{9}")
_LANDLINE = re.compile(r"0\d{2,3}-?[2-9]\d{6,7}(?:-\d{1,6})?")
_SEPARATORS = re.compile(r"[\s()（）—–]")
_DATE = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?")
_YES = {"是", "y", "yes", "true", "1", "√", "✓", "需要", "需跟进"}
_NO = {"否", "n", "no", "false", "0", "×", "✗", "不需要", "无"}


def phone(text: str) -> str:
    """A mobile (13812345678) or landline (0371-61234567) number, normalised;
    ``ValueError`` for anything else."""
    compact = _SEPARATORS.sub("", text).replace("－", "-")
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
    digits = text.strip().removesuffix("人").removesuffix("口").strip()
    if not digits.isdigit() or int(digits) > most:
        raise ValueError(text)
    return int(digits)
