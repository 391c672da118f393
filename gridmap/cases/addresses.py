"""A hotline's address text (12345 工单的问题地址) matched to a building or a
household of the project, by the project's own address forms.

People write "新华街社区新华里小区5号楼2单元301", "新华里5-2-301", "新华街 5-2-301",
"XX小区3号楼", with full-width digits, a city and district in front, "门口"
behind. The text is read as the names it holds (communities and compounds,
whole or without their 社区 / 小区 / 花园 / 家属院) and a building-unit-room
("5-2-301", "5号楼2单元301", "5栋301", "3号楼", or a building's own name such
as "住院楼"). The result is the household when the room is found, else the
building, else no place and why: a place the project does not know, no such
building there, or several buildings that fit (named, so that the user can
add the compound).

One ``AddressBook`` is built per import: names are looked up by substring in a
dictionary (a few dozen lookups a row), buildings by number, households by
(building, unit, room); 10,000 rows take a fraction of a second.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING

from gridmap.cases.messages import Issue
from gridmap.hierarchy import natural_key
from gridmap.levels import project_depths
from gridmap.model.entities import Building
from gridmap.workbooks.places import building_key
from gridmap.zone_tree import ZoneTree

if TYPE_CHECKING:
    from gridmap.project import Project

LONGEST_ADDRESS = 200  # characters read: a longer cell is a description pasted in the wrong column
SHOWN_BUILDINGS = 4  # an ambiguous address names this many of the buildings it fits

# The suffixes a name is often written without: "新华里" for 新华里小区, "新华街" for 新华街社区.
_COMMUNITY_SUFFIXES = ("社区居委会", "居委会", "社区")
_COMPOUND_SUFFIXES = ("小区", "家属院", "家属区", "花园", "大院")
_OFFICE_SUFFIXES = ("街道办事处", "办事处", "街道")

_DASH = "[-_—–~/]"
_BUILDING_MARK = "号楼|号院|号|栋|幢|座|#楼|#|楼"
_ROOM_END = " ?(?:室|号|户)?(?!\\d)"
# matched on NFKC text whose runs of white space are one space (see gridmap/search.py for why " ?")
_FULL = re.compile(  # building-unit-room: "5-2-301", "5号楼2单元301", "5栋-2-301室"
    rf"(?<!\d)(?P<b>\d+) ?(?:(?P<mark>{_BUILDING_MARK}) ?{_DASH}? ?|{_DASH} ?)(?P<u>\d+) ?"
    rf"(?:单元 ?{_DASH}? ?|{_DASH} ?)(?P<r>\d+){_ROOM_END}")
_BUILDING_ROOM = re.compile(  # building and room, no unit: "5号楼301", "5-301"
    rf"(?<!\d)(?P<b>\d+) ?(?:(?P<mark>号楼|栋|幢|座|#楼|#) ?{_DASH}? ?|{_DASH} ?)(?P<r>\d{{3,4}}){_ROOM_END}")
_BUILDING_ONLY = re.compile(rf"(?<!\d)(?P<b>\d+) ?(?P<mark>{_BUILDING_MARK})")
# What is not a place name: a province, city, district or office in front; where at the place.
_ADMIN = re.compile(r"^ ?[\u4e00-\u9fff]{2,12}?(?:省|自治区|市|(?<![小社校园])区|县|街道|镇|乡)")
_FILLER = re.compile(r"附近|门口|对面|旁边|楼下|楼上|楼道|院内|小区内|东门|西门|南门|北门|大门|路口|周边|一带|处")
_CHINESE_WORD = re.compile(r"[\u4e00-\u9fff]{2,}")


@dataclass(frozen=True)
class AddressMatch:
    """Where an address is: a household, else a building, else nowhere with the ``issue`` why."""

    building_id: int | None = None
    household_id: int | None = None
    label: str = ""  # the place as the project names it: "新华里小区 1号楼 2单元301"
    issue: Issue | None = None  # why no place was found
    remark: Issue | None = None  # found, but not all of it: the room is not there

    @property
    def kind(self) -> str | None:
        if self.household_id is not None:
            return "household"
        return "building" if self.building_id is not None else None


def normalised(text: str) -> str:
    """``text`` as matched: NFKC (full-width digits, spaces and dashes as ASCII), one space between words."""
    return " ".join(unicodedata.normalize("NFKC", text[:LONGEST_ADDRESS]).split())


def _shortened(name: str, suffixes: tuple[str, ...]) -> str | None:
    for suffix in suffixes:
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            return name[: -len(suffix)]
    return None


class _Names:
    """Strings to find inside a text, each with what it names: every substring
    that starts with a name's first character is looked up, longest first."""

    def __init__(self) -> None:
        self.entries: dict[str, set[tuple[str, int]]] = defaultdict(set)

    def add(self, name: str, what: tuple[str, int]) -> None:
        name = normalised(name)
        if len(name) >= 2:
            self.entries[name].add(what)

    def freeze(self) -> None:
        self.lengths = sorted({len(n) for n in self.entries}, reverse=True)
        self.firsts = {n[0] for n in self.entries}

    def found(self, text: str) -> list[tuple[int, int, set[tuple[str, int]]]]:
        """(start, end, what) of the longest name at each place, none inside a longer one."""
        hits = []
        for i, ch in enumerate(text):
            if ch not in self.firsts:
                continue
            for length in self.lengths:
                what = self.entries.get(text[i:i + length]) if i + length <= len(text) else None
                if what:
                    hits.append((i, i + length, what))
                    break
        return [h for h in hits if not any(o[0] <= h[0] and h[1] <= o[1] and o[1] - o[0] > h[1] - h[0]
                                           for o in hits)]


class AddressBook:
    """The project's places, indexed once for many addresses."""

    def __init__(self, project: Project) -> None:
        tables = project.tables
        zones = tables["zones"]
        tree = ZoneTree(zones)
        depths = project_depths(project)
        self.compounds = tables["compounds"]
        self.zones = zones
        self.buildings: dict[int, Building] = tables["buildings"]
        self.names = _Names()
        for c in self.compounds.values():
            for name in (c.name, _shortened(c.name.strip(), _COMPOUND_SUFFIXES)):
                if name:
                    self.names.add(name, ("compound", c.id))
        for z in zones.values():
            if z.level == depths.community:
                kind, suffixes = "community", _COMMUNITY_SUFFIXES
            elif z.level < depths.community:
                kind, suffixes = "office", _OFFICE_SUFFIXES  # above the community: only taken out of the text
            else:
                continue
            for name in (z.name, _shortened(z.name.strip(), suffixes)):
                if name:
                    self.names.add(name, (kind, z.id))
        self.names.freeze()
        self.community_of: dict[int, int | None] = {}
        self.by_number: dict[str, list[Building]] = defaultdict(list)  # "5" → every 5号楼, 5栋, 5号
        self.by_name = _Names()  # buildings named, not numbered: 住院楼, 解放路商铺1
        for b in sorted(self.buildings.values(), key=lambda b: b.id):
            key = building_key(normalised(b.number))
            if key.isascii() and key.isdigit():
                self.by_number[str(int(key))].append(b)
            else:
                self.by_name.add(b.number, ("building", b.id))
            self.community_of[b.id] = tree.ancestor_at(b.zone_id, depths.community)
        self.by_name.freeze()
        unit_numbers = {u.id: u.number for u in tables["units"].values()}
        self.households: dict[tuple[int, int, str], int] = {}
        self.rooms: dict[tuple[int, str], list[int]] = defaultdict(list)  # (building, room) → households
        for h in sorted(tables["households"].values(), key=lambda h: h.id):
            unit = unit_numbers.get(h.unit_id)
            if unit is not None:
                self.households.setdefault((h.building_id, unit, h.room), h.id)
            self.rooms[(h.building_id, h.room)].append(h.id)
        self._known: dict[str, AddressMatch] = {}

    def match(self, text: str) -> AddressMatch:
        """Where ``text`` is (see the module's docstring); the same text is looked up once."""
        text = normalised(text)
        found = self._known.get(text)
        if found is None:
            found = self._known[text] = self._match(text)
        return found

    # -- the parts of an address ----------------------------------------------

    def _match(self, text: str) -> AddressMatch:
        if not text:
            return AddressMatch(issue=Issue("blank_address"))
        compounds: set[int] = set()
        communities: set[int] = set()
        rest = text
        for start, end, what in self.names.found(text):
            compounds |= {i for kind, i in what if kind == "compound"}
            communities |= {i for kind, i in what if kind == "community"}
            rest = rest[:start] + " " * (end - start) + rest[end:]  # kept in place: spans stay valid
        numbered = _FULL.search(rest) or _BUILDING_ROOM.search(rest) or _BUILDING_ONLY.search(rest)
        if numbered:
            candidates = self.by_number.get(str(int(numbered["b"])), [])
            shown = numbered["b"] + (numbered["mark"] or "号楼")
            rest = rest[:numbered.start()] + " " + rest[numbered.end():]
        else:
            named = self.by_name.found(rest)
            candidates = [self.buildings[i] for _, _, what in named for _, i in sorted(what)]
            shown = " ".join(rest[s:e] for s, e, _ in named)
            for start, end, _ in named:
                rest = rest[:start] + " " * (end - start) + rest[end:]
        if compounds:
            candidates = [b for b in candidates if b.compound_id in compounds]
        if communities:
            candidates = [b for b in candidates if self.community_of.get(b.id) in communities]
        if len(candidates) == 1:
            return self._placed(candidates[0], numbered)
        unknown = _unknown_words(rest)
        if unknown and not compounds:
            return AddressMatch(issue=Issue("unknown_place", {"place": unknown}))
        if not shown:
            return AddressMatch(issue=Issue("no_building_named", {"address": text}))
        if not candidates:
            place = " ".join([self.zones[z].name for z in sorted(communities)]
                             + [self.compounds[c].name for c in sorted(compounds)])
            return AddressMatch(issue=Issue("no_building", {"building": shown, "place": place}) if place
                                else Issue("no_building_anywhere", {"building": shown}))
        labels = self._labels(candidates)
        return AddressMatch(issue=Issue("ambiguous_building", {
            "building": shown, "count": len(candidates),
            "buildings": "、".join(labels[:SHOWN_BUILDINGS]) + ("…" if len(labels) > SHOWN_BUILDINGS else "")}))

    def _placed(self, building: Building, numbered: re.Match | None) -> AddressMatch:
        """The household the unit and room name in ``building``, else the building itself."""
        label = self._labels([building])[0]
        room = numbered.groupdict().get("r") if numbered else None
        if not room:
            return AddressMatch(building.id, label=label)
        unit = numbered.groupdict().get("u")
        rooms = (room, str(int(room)))  # "0301" is room 301
        household, fits = None, []
        if unit is not None:
            household = next((self.households[k] for r in rooms
                              if (k := (building.id, int(unit), r)) in self.households), None)
        else:
            fits = next((self.rooms[k] for r in rooms if (k := (building.id, r)) in self.rooms), [])
            household = fits[0] if len(fits) == 1 else None
        room_label = f"{int(unit)}单元{room}" if unit is not None else room
        if household is None and len(fits) > 1:  # "5号楼301" where every unit has a 301
            return AddressMatch(building.id, label=label, remark=Issue(
                "room_in_units", {"building": label, "room": room_label, "count": len(fits)}))
        if household is None:
            return AddressMatch(building.id, label=label,
                                remark=Issue("no_room", {"building": label, "room": room_label}))
        return AddressMatch(building.id, household, f"{label} {room_label}")

    def _labels(self, buildings: list[Building]) -> list[str]:
        """How each building is named to the user: compound and number; the
        community, then the building's code, where that alone is not unique."""
        def compound(b: Building) -> str:
            c = self.compounds.get(b.compound_id)
            return c.name if c else ""

        def community(b: Building) -> str:
            z = self.zones.get(self.community_of.get(b.id))
            return z.name if z else ""

        buildings = sorted(buildings, key=lambda b: (community(b), compound(b), natural_key(b.number), b.id))
        labels = [" ".join(x for x in (compound(b), b.number) if x) for b in buildings]
        if len(set(labels)) < len(labels):
            labels = [" ".join(x for x in (community(b), compound(b), b.number) if x) for b in buildings]
        if len(set(labels)) < len(labels):
            labels = [f"{label} ({b.code})" for label, b in zip(labels, buildings)]
        return labels


def _unknown_words(rest: str) -> str:
    """The Chinese words left once the known names, the building and what is
    not a place name (a city in front, "门口" behind) are taken out."""
    rest = rest.strip()
    while (admin := _ADMIN.match(rest)) is not None:
        rest = rest[admin.end():].strip()
    return " ".join(_CHINESE_WORD.findall(_FILLER.sub(" ", rest)))


def match_address(project: Project, text: str) -> AddressMatch:
    """Where ``text`` is in ``project`` (for one address; an import keeps one :class:`AddressBook`)."""
    return AddressBook(project).match(text)
