"""What the web map says about each feature, in its tooltips and popups, with
privacy applied as on the charts (gridmap.charts.privacy): staff names with
their phones masked on a public map unless meant for the wall, the community
hotline, counts of households. Never a resident's name, phone or tag: no
resident record is read here at all, and households only as counts.

A popup travels in the page as a :class:`Card` (a short JSON array) and is
laid out by ``CARD_JS`` when it opens: the markup is not repeated for each of
thousands of buildings. Every value is HTML-escaped where it is gathered; the
page puts these strings into the DOM as they are.
"""

from __future__ import annotations

from collections import Counter
from html import escape
from typing import TYPE_CHECKING, NamedTuple
from collections.abc import Iterable

from gridmap.charts.content import (
    COMMUNITY_ROLES, GATE_STATE_NAMES, ROUTE_KIND_NAMES, SITE_KIND_NAMES, ChartSource, Person,
)
from gridmap.charts.privacy import Privacy
from gridmap.household_stats import household_counts
from gridmap.model.entities import (
    DEDICATED_GRID, OCCUPANCIES, STAFF_ROLES, Building, Compound, SitePoint, SiteRoute, Street, Zone,
)

if TYPE_CHECKING:
    from gridmap.project import Project

NO_HOTLINE = "未登记"


def _role_order(role: str) -> tuple[int, str]:
    return (STAFF_ROLES.index(role) if role in STAFF_ROLES else len(STAFF_ROLES), role)


class Card(NamedTuple):
    """A popup: a title, a grey line under it, rows of label → value; all
    already HTML-escaped (a value may join lines with <br>)."""

    title: str
    subtitle: str
    rows: tuple[tuple[str, str], ...]

    def as_json(self) -> list:
        return [self.title, self.subtitle, [list(r) for r in self.rows]]

    def html(self) -> str:
        """The markup CARD_JS makes of it in the page."""
        body = "".join(f"<tr><th>{label}</th><td>{value}</td></tr>" for label, value in self.rows)
        sub = f'<div class="gm-code">{self.subtitle}</div>' if self.subtitle else ""
        return f'<div class="gm-card"><h4>{self.title}</h4>{sub}<table>{body}</table></div>'


# Card.html in the page: gmCard([title, subtitle, [[label, value], ...]]).
CARD_JS = """function gmCard(c) {
    var rows = c[2].map(function (r) { return "<tr><th>" + r[0] + "</th><td>" + r[1] + "</td></tr>"; });
    return '<div class="gm-card"><h4>' + c[0] + "</h4>" + (c[1] ? '<div class="gm-code">' + c[1] + "</div>" : "")
        + "<table>" + rows.join("") + "</table></div>";
}"""


def _card(title: str, subtitle: str, rows: Iterable[tuple[str, str]]) -> Card:
    return Card(title, subtitle, tuple(rows))


class PopupText:
    """Tooltips and popups for one project in one privacy mode."""

    def __init__(self, project: Project, privacy: Privacy) -> None:
        self.privacy = privacy
        self.source = ChartSource(project, privacy)  # the charts' indexes: posts, units, hotlines
        self.tables = project.tables
        self.counts = household_counts(project)
        self.level_names = {lv.depth: lv.name for lv in project.levels}
        self.buildings_in_zone = Counter(b.zone_id for b in self.tables["buildings"].values())

    # -- pieces ------------------------------------------------------------------

    def people(self, target_kind: str, target_id: int, roles: Iterable[str] | None = None) -> list[Person]:
        """Who holds a post at a zone, building or unit, phones as the mode allows."""
        staff = self.tables["staff"]
        wanted = None if roles is None else set(roles)
        posts = sorted((a for a in self.source.posts.get((target_kind, target_id), ())
                        if wanted is None or a.role in wanted), key=lambda a: _role_order(a.role))
        return [Person(a.role, staff[a.staff_id].name, self.privacy.staff_phone(staff[a.staff_id])) for a in posts]

    @staticmethod
    def _post_rows(people: Iterable[Person]) -> list[tuple[str, str]]:
        """One row per role: "网格员  王雯 177****7791<br>李强 139****0000"."""
        rows: dict[str, list[str]] = {}
        for p in people:
            rows.setdefault(escape(p.role), []).append(" ".join(escape(x) for x in (p.name, p.phone) if x))
        return [(role, "<br>".join(names)) for role, names in rows.items()]

    def _hotline(self, zone_id: int | None) -> str:
        community = self.source.tree.ancestor_at(zone_id, self.source.depths.community)
        if community is None:
            return ""
        return self.source.hotlines.get(self.tables["zones"][community].code, "")

    def _household_rows(self, zone: Zone) -> list[tuple[str, str]]:
        counts = self.counts.get(zone.id)
        if counts is None:
            return []
        band = " · ".join(f"{name} {counts.occupancy.get(name, 0)}" for name in OCCUPANCIES)
        return [("户数", f"{counts.households} 户"), ("按居住情况", band)]

    # -- features ----------------------------------------------------------------

    def zone_tooltip(self, zone: Zone) -> str:
        """The name, below the community level with its community's ("新华街社区 第1网格"),
        a micro-grid's with its grid's too ("新华街社区 第1网格 第2微网格")."""
        depths, tree, zones = self.source.depths, self.source.tree, self.tables["zones"]
        names = [zone.name]
        if zone.level > depths.grid:
            grid = zones.get(tree.ancestor_at(zone.id, depths.grid))
            if grid is not None:
                names.insert(0, grid.name)
        if zone.level > depths.community:
            community = zones.get(tree.ancestor_at(zone.id, depths.community))
            if community is not None:
                names.insert(0, community.name)
        return escape(" ".join(names))

    def zone_popup(self, zone: Zone, leaf: bool) -> Card:
        """A zone's card: a grid's or a micro-grid's buildings and posts; a zone above them, how many it holds."""
        zones, depths, tree = self.tables["zones"], self.source.depths, self.source.tree
        level = escape(self.level_names.get(zone.level, str(zone.level)))
        rows: list[tuple[str, str]] = []
        parent = zones.get(zone.parent_id)
        if parent is not None:
            rows.append(("所属", escape(parent.name)))
        if zone.kind:
            rows.append(("类型", escape(zone.kind)))
        if not (zone.kind == DEDICATED_GRID and (leaf or zone.level == depths.grid)):  # no household band
            rows += self._household_rows(zone)
        if leaf or zone.level >= depths.grid:
            inside = sum(self.buildings_in_zone.get(z, 0) for z in tree.walk(zone.id))
            rows.append(("楼栋", f"{inside} 栋"))
            if not leaf:  # a grid divided into micro-grids
                rows.append((escape(self.level_names.get(zone.level + 1, "")) or "微网格",
                             f"{len(tree.children.get(zone.id, ()))} 个"))
            rows += self._post_rows(self.people("zone", zone.id))
        else:
            grids = sum(depths.counts_as_grid(zones[z].level, tree.is_leaf(z)) for z in tree.walk(zone.id))
            rows.append((escape(self.level_names.get(depths.grid, "")) or "网格", f"{grids} 个"))
            if zone.level == depths.community:
                rows += self._post_rows(self.people("zone", zone.id, COMMUNITY_ROLES))
        if zone.level >= depths.community:
            rows.append(("社区服务电话", escape(self._hotline(zone.id) or NO_HOTLINE)))
        return _card(escape(zone.name), f"{level} · {escape(zone.code)}", rows)

    def compound_tooltip(self, compound: Compound) -> str:
        return escape(compound.name)

    def compound_popup(self, compound: Compound) -> Card:
        buildings = self.source.buildings_of.get(compound.id, [])
        households = sum(len(self.source.households_of.get(b.id, ())) for b in buildings)
        rows = [("楼栋", f"{len(buildings)} 栋"), ("户数", f"{households} 户")]
        return _card(escape(compound.name), escape(compound.kind), rows)

    def building_tooltip(self, building: Building) -> str:
        compound = self.tables["compounds"].get(building.compound_id)
        return escape(" ".join(x for x in (compound.name if compound else "", building.number) if x))

    def building_popup(self, building: Building) -> Card:
        zones = self.tables["zones"]
        compound = self.tables["compounds"].get(building.compound_id)
        grid = zones.get(building.zone_id)
        units = sorted(self.source.units_of.get(building.id, ()), key=lambda u: u.number)
        rows = []
        if compound is not None:
            rows.append(("小区", escape(compound.name)))
        if grid is not None:
            rows.append(("网格", escape(grid.name)))
        rows += [("单元", f"{len(units)} 个"), ("层数", f"{building.floors} 层"),
                 ("户数", f"{len(self.source.households_of.get(building.id, ()))} 户")]
        heads = self.people("building", building.id) + [
            Person(f"{u.number}单元{p.role}", p.name, p.phone) for u in units for p in self.people("unit", u.id)]
        rows += self._post_rows(heads)
        return _card(escape(building.number), escape(building.kind), rows)

    def street_tooltip(self, street: Street) -> str:
        return escape(street.name)

    def site_tooltip(self, point: SitePoint) -> str:
        state = f"（{GATE_STATE_NAMES.get(point.state, '')}）" if point.kind == "gate" and point.state else ""
        return escape(point.name + state)

    def site_popup(self, point: SitePoint) -> Card:
        """Kind, gate state, compound and whoever keeps it (a checkpoint's staff), phones as allowed."""
        compound = self.tables["compounds"].get(point.compound_id)
        rows = [("类别", SITE_KIND_NAMES.get(point.kind, escape(point.kind)))]
        if point.kind == "gate":
            rows.append(("状态", GATE_STATE_NAMES.get(point.state, "未定")))
        if compound is not None:
            rows.append(("小区", escape(compound.name)))
        rows += self._post_rows(self.people("site_point", point.id))
        return _card(escape(point.name), "", rows)

    def route_tooltip(self, route: SiteRoute) -> str:
        return escape(f"{ROUTE_KIND_NAMES.get(route.kind, route.kind)}：{route.name}")
