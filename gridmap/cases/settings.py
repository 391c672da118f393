"""How a project handles cases, kept in its metadata (key ``cases``, JSON) so
that every copy routes and times cases alike: the categories with their
deadline (hours) and the roles that handle them, the urgency factors, the roles a
case escalates to one and two levels above its grid, and the visit coverage
wanted (share of households visited within so many days)."""

from __future__ import annotations

import datetime as dt
import json
import math
from dataclasses import dataclass, field

from gridmap.model.entities import CASE_URGENCIES

META_KEY = "cases"


@dataclass(frozen=True)
class Category:
    name: str
    hours: float  # from report to the deadline, at urgency 一般
    roles: tuple[str, ...]  # who at the grid handles it, the first role held wins


DEFAULT_CATEGORIES: tuple[Category, ...] = (
    Category("矛盾纠纷", 72, ("网格长", "网格员")),
    Category("安全隐患", 24, ("网格长", "网格员")),
    Category("环境卫生", 48, ("网格员", "网格长")),
    Category("设施维修", 72, ("物业", "网格员", "网格长")),
    Category("民生求助", 48, ("网格员", "网格长")),
    Category("其他", 120, ("网格员", "网格长")),
)
# urgency → share of the category's time
DEFAULT_URGENCY: dict[str, float] = dict(zip(CASE_URGENCIES, (1.0, 0.5, 0.25)))
# escalation level (1: the community, 2: the office) → the roles that take an overdue case there;
# none held (the office keeps no roster by default): the case is marked and stays with its person
DEFAULT_ESCALATION: dict[int, tuple[str, ...]] = {1: ("社区书记", "网格党支部书记"), 2: ()}


@dataclass(frozen=True)
class CaseSettings:
    categories: tuple[Category, ...] = DEFAULT_CATEGORIES
    urgency: dict[str, float] = field(default_factory=lambda: dict(DEFAULT_URGENCY))
    escalation: dict[int, tuple[str, ...]] = field(default_factory=lambda: dict(DEFAULT_ESCALATION))
    visit_days: int = 90  # a household counts as visited within this many days
    visit_target: float = 0.8  # a grid below this share of households visited is listed as a problem

    @property
    def category_names(self) -> list[str]:
        return [c.name for c in self.categories]

    def category(self, name: str) -> Category:
        """The category ``name``; an unknown one (an old case, a renamed category) is handled as the last."""
        return next((c for c in self.categories if c.name == name), self.categories[-1])

    def deadline(self, category: str, urgency: str, reported_at: dt.datetime) -> dt.datetime:
        hours = self.category(category).hours * self.urgency.get(urgency, 1.0)
        return reported_at + dt.timedelta(hours=hours)

    @classmethod
    def from_meta(cls, meta: dict[str, str]) -> CaseSettings:
        """The project's settings; defaults for what it does not set or sets badly."""
        try:
            raw = json.loads(meta.get(META_KEY, "{}"))
        except ValueError:
            raw = {}
        if not isinstance(raw, dict):
            return cls()
        default = cls()
        categories = _categories(raw.get("categories")) or default.categories
        urgency = {k: float(v) for k, v in (raw.get("urgency") or {}).items()
                   if k in CASE_URGENCIES and _positive(v)} if isinstance(raw.get("urgency"), dict) else {}
        escalation = default.escalation
        if isinstance(raw.get("escalation"), dict):
            escalation = {int(k): tuple(str(r) for r in v) for k, v in raw["escalation"].items()
                          if str(k).isdigit() and isinstance(v, list)} or escalation
        days = raw.get("visit_days")
        target = raw.get("visit_target")
        return cls(categories, {**default.urgency, **urgency}, escalation,
                   int(days) if _positive(days) and float(days) <= 3660 else default.visit_days,
                   float(target) if _positive(target) and float(target) <= 1 else default.visit_target)

    def to_meta(self) -> str:
        return json.dumps({
            "categories": [{"name": c.name, "hours": c.hours, "roles": list(c.roles)} for c in self.categories],
            "urgency": self.urgency, "escalation": {str(k): list(v) for k, v in self.escalation.items()},
            "visit_days": self.visit_days, "visit_target": self.visit_target}, ensure_ascii=False)


def _positive(value: object) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value) and value > 0


def _categories(raw: object) -> tuple[Category, ...]:
    if not isinstance(raw, list):
        return ()
    found = []
    for item in raw:
        if (isinstance(item, dict) and isinstance(item.get("name"), str) and item["name"].strip()
                and _positive(item.get("hours")) and isinstance(item.get("roles", []), list)):
            found.append(Category(item["name"].strip(), float(item["hours"]),
                                  tuple(str(r) for r in item.get("roles", [])) or ("网格员",)))
    return tuple(found)
