"""What a chart may show (standards.md, "Personal information"): a chart for a
public wall shows no resident names, no sensitive tags and nothing room by room
(no occupancy of a flat: counts only), and masks phone numbers unless a staff
member's number is meant for the wall; an internal chart
shows everything, by explicit choice, and says so on the sheet.

Privacy is applied when a chart's content is gathered, so the painter never
holds a value it must not print.
"""

from __future__ import annotations

from dataclasses import dataclass
from collections.abc import Iterable

from gridmap.model.entities import Staff, TagDef
from gridmap.workbooks.values import masked_phone

PUBLIC, INTERNAL = "public", "internal"
MODES: tuple[str, ...] = (PUBLIC, INTERNAL)
INTERNAL_STAMP = "内部资料"  # on every internal sheet
INTERNAL_NOTICE = f"{INTERNAL_STAMP}：含个人信息，不得张贴、外传"  # and this, where there is room for a sentence
PUBLIC_NOTE = "公开版：居民信息不上墙，电话已隐去中间四位"


@dataclass(frozen=True)
class Privacy:
    mode: str = PUBLIC

    def __post_init__(self) -> None:
        if self.mode not in MODES:
            raise ValueError(f"print mode is {' or '.join(MODES)}, not {self.mode!r}")

    @property
    def internal(self) -> bool:
        return self.mode == INTERNAL

    @property
    def shows_rooms(self) -> bool:
        """Whether a sheet may show rooms one by one (the nine-colour plan: which
        flat is lived in, let, empty or away, and its tags). Only inside: on a
        wall, "空户" and "在外" tell a burglar where to go, and whereabouts are
        sensitive personal information (PIPL Art. 28). A public sheet gives a
        building's people and counts instead."""
        return self.internal

    def staff_phone(self, staff: Staff) -> str:
        if self.internal or staff.phone_public:
            return staff.phone
        return masked_phone(staff.phone) if staff.phone else ""

    def shown_tags(self, tags: Iterable[str], tag_defs: Iterable[TagDef]) -> frozenset[str]:
        """The tags a chart may show: sensitive ones (独居, 空巢, 残疾…) only inside."""
        if self.internal:
            return frozenset(tags)
        sensitive = {t.name for t in tag_defs if t.sensitive}
        return frozenset(t for t in tags if t not in sensitive)
