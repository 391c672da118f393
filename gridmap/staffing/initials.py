"""Pinyin initials of Chinese names ("zs" for 张三), for typing a name quickly
in a search box, with no pinyin dictionary: the 3,755 common characters of
GB 2312 (level 1, 0xB0A1–0xD7F9) are ordered by their reading, so the letter
follows from the code. Rarer characters (level 2, ordered by radical) give no
letter and stand as "·", which no search text matches."""

from __future__ import annotations

from bisect import bisect_right

# the first level-1 code of each initial letter (i, u and v start no reading)
_STARTS = (0xB0A1, 0xB0C5, 0xB2C1, 0xB4EE, 0xB6EA, 0xB7A2, 0xB8C1, 0xB9FE, 0xBBF7, 0xBFA6, 0xC0AC, 0xC2E8,
           0xC4C3, 0xC5B6, 0xC5BE, 0xC6DA, 0xC8BB, 0xC8F6, 0xCBFA, 0xCDDA, 0xCEF4, 0xD1B9, 0xD4D1)
_LETTERS = "abcdefghjklmnopqrstwxyz"
_LAST = 0xD7F9
UNKNOWN = "·"


def initial(char: str) -> str:
    """The letter a character's reading starts with; the character itself
    (lower case) for Latin letters and digits; ``UNKNOWN`` otherwise."""
    if char.isascii():
        return char.lower() if char.isalnum() else UNKNOWN
    try:
        code = char.encode("gb2312")
    except UnicodeEncodeError:
        return UNKNOWN
    value = code[0] << 8 | code[1]
    if not _STARTS[0] <= value <= _LAST:
        return UNKNOWN
    return _LETTERS[bisect_right(_STARTS, value) - 1]


def initials(text: str) -> str:
    return "".join(initial(c) for c in text if not c.isspace())
