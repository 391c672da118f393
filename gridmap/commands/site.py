"""Site features: gates, checkpoints, sampling and supply points, routes and
closed loops. Each edit is one undo step; the compound a feature belongs to is
found from where it lies, so it follows every move."""

from __future__ import annotations

from typing import TYPE_CHECKING
from collections.abc import Iterable

import shapely
from shapely.geometry import LineString, MultiLineString, Point
from shapely.geometry.base import BaseGeometry

from gridmap.commands.messages import refusal, word
from gridmap.commands.stack import Command
from gridmap.levels import project_depths
from gridmap.model.changes import RowChange
from gridmap.model.entities import (
    GATE_STATES, SITE_POINT_KINDS, SITE_ROUTE_KINDS, SitePoint, SiteRoute,
)

if TYPE_CHECKING:
    from gridmap.project import Project

ADD_POINT_LABELS = {"gate": "Add gate", "checkpoint": "Add checkpoint", "sampling": "Add sampling point",
                    "supply": "Add supply point"}
ADD_ROUTE_LABELS = {"route": "Add route", "closed-loop": "Add closed loop", "isolation": "Add isolation route"}


# -- checks and derived values ---------------------------------------------------------

def _name(name: str, what: str) -> str:
    name = (name or "").strip()
    if not name:
        raise refusal("needs_name", what=word(what))
    return name


def _point_kind(kind: str) -> str:
    if kind not in SITE_POINT_KINDS:
        raise refusal("point_kind", kinds=", ".join(SITE_POINT_KINDS), kind=kind)
    return kind


def _route_kind(kind: str) -> str:
    if kind not in SITE_ROUTE_KINDS:
        raise refusal("route_kind", kinds=", ".join(SITE_ROUTE_KINDS), kind=kind)
    return kind


def _state(kind: str, state: str | None) -> str:
    """The stored state: gates are open (by default) or closed, other kinds have none."""
    if kind == "gate":
        state = state or "open"
        if state not in GATE_STATES:
            raise refusal("gate_state", states=" or ".join(GATE_STATES), state=state)
        return state
    if state:
        raise refusal("only_gates", kind=kind)
    return ""


def _point(point) -> Point:
    point = point if isinstance(point, BaseGeometry) else Point(*point)
    if point.geom_type != "Point" or point.is_empty or not all(map(_finite, point.coords[0])):
        raise refusal("one_position")
    return point


def _finite(v: float) -> bool:
    return v == v and abs(v) != float("inf")


def route_shape(kind: str, geometry) -> MultiLineString:
    """The route as stored: a multi-line; each line of a closed loop ends where it starts."""
    if not isinstance(geometry, BaseGeometry):
        coords = [tuple(c) for c in geometry]
        geometry = LineString(coords) if len(coords) >= 2 else LineString()
    if geometry.geom_type not in ("LineString", "MultiLineString"):
        raise refusal("route_not_line", kind=geometry.geom_type)
    lines = []
    for line in shapely.get_parts(geometry):
        coords = [tuple(c) for c in line.coords]
        distinct = len(set(coords))
        if kind == "closed-loop":
            if distinct < 3:
                raise refusal("loop_points")
            if coords[0] != coords[-1]:
                coords.append(coords[0])
        elif distinct < 2:
            raise refusal("route_points")
        lines.append(LineString(coords))
    if not lines:
        raise refusal("route_points")
    return MultiLineString(lines)


def _office_check(project: Project, shape: BaseGeometry, what: str) -> None:
    """Refuse a feature outside the street office's area (if the project has one)."""
    offices = [z.geometry for z in project.zones_at(project_depths(project).office) if z.geometry is not None]
    if not offices:
        return
    inside = shapely.covers if shape.geom_type == "Point" else shapely.intersects
    if not any(inside(office, shape) for office in offices):
        raise refusal("outside_office", what=word(what))


def compound_at(project: Project, shape: BaseGeometry) -> int | None:
    """The compound a site feature belongs to: the one covering a point (its wall
    counts, gates sit on it), the one holding most of a route; None outside all."""
    best, best_length = None, 0.0
    for compound in project.tables["compounds"].values():
        if compound.geometry is None or not compound.geometry.intersects(shape):
            continue
        if shape.geom_type == "Point":
            if compound.geometry.covers(shape):
                return compound.id
            continue
        length = compound.geometry.intersection(shape).length
        if length > best_length:
            best, best_length = compound.id, length
    return best


def _existing(project: Project, table: str, key: int, what: str):
    record = project.tables[table].get(key)
    if record is None:
        raise refusal("no_record", what=word(what), key=key)
    return record


# -- site points ---------------------------------------------------------------------------

class AddSitePoint(Command):
    """Place a gate, checkpoint, sampling or supply point."""

    def __init__(self, kind: str, name: str, point, state: str | None = None) -> None:
        super().__init__()
        self.kind = _point_kind(kind)
        self.name = _name(name, "site point")
        self.point = _point(point)
        self.state = _state(self.kind, state)
        self.label = ADD_POINT_LABELS[self.kind]
        self.point_id: int | None = None

    def build(self, project: Project) -> tuple[RowChange, ...]:
        _office_check(project, self.point, "site point")
        if self.point_id is None:
            self.point_id = project.new_id("site_points")
        record = SitePoint(self.point_id, self.kind, self.name, compound_at(project, self.point), self.point,
                           self.state)
        return (RowChange("site_points", None, record),)


class MoveSitePoint(Command):
    """Put a site point somewhere else; it joins the compound it now lies in."""

    label = "Move site point"

    def __init__(self, point_id: int, point) -> None:
        super().__init__()
        self.point_id, self.point = point_id, _point(point)

    def build(self, project: Project) -> tuple[RowChange, ...]:
        before = _existing(project, "site_points", self.point_id, "site point")
        _office_check(project, self.point, "site point")
        after = before._replace(geometry=self.point, compound_id=compound_at(project, self.point))
        return (RowChange("site_points", before, after),) if after != before else ()


class EditSitePoint(Command):
    """Rename a site point, change its kind, open or close a gate. A point that
    becomes a gate is open unless told otherwise; one that stops being a gate
    loses its state."""

    def __init__(self, point_id: int, *, name: str | None = None, kind: str | None = None,
                 state: str | None = None) -> None:
        super().__init__()
        self.point_id = point_id
        self.name = None if name is None else _name(name, "site point")
        self.kind = None if kind is None else _point_kind(kind)
        if state not in (None, "", *GATE_STATES):
            raise refusal("gate_state", states=" or ".join(GATE_STATES), state=state)
        self.state = state
        if state is not None and name is None and kind is None:
            self.label = "Close gate" if state == "closed" else "Open gate"
        elif name is not None and kind is None and state is None:
            self.label = "Rename site point"
        else:
            self.label = "Edit site point"

    def build(self, project: Project) -> tuple[RowChange, ...]:
        before: SitePoint = _existing(project, "site_points", self.point_id, "site point")
        kind = self.kind or before.kind
        if self.state is not None:
            state = self.state
        else:  # keep a gate's state; a new gate opens, other kinds have none
            state = before.state if kind == "gate" and before.kind == "gate" else None
        after = before._replace(name=self.name or before.name, kind=kind, state=_state(kind, state))
        return (RowChange("site_points", before, after),) if after != before else ()


class RemoveSitePoint(Command):
    """Delete a site point with the staff posts at it (a checkpoint's duty
    roster), so undo brings both back."""

    label = "Delete site point"

    def __init__(self, point_id: int) -> None:
        super().__init__()
        self.point_id = point_id

    def build(self, project: Project) -> tuple[RowChange, ...]:
        point = _existing(project, "site_points", self.point_id, "site point")
        posts = [RowChange("assignments", a, None) for a in project.tables["assignments"].values()
                 if a.target_kind == "site_point" and a.target_id == self.point_id]
        return (*posts, RowChange("site_points", point, None))


# -- routes -----------------------------------------------------------------------------------

class AddSiteRoute(Command):
    """Draw a route or a closed loop (which is closed if drawn open)."""

    def __init__(self, kind: str, name: str, line: Iterable[tuple[float, float]] | BaseGeometry) -> None:
        super().__init__()
        self.kind = _route_kind(kind)
        self.name = _name(name, "route")
        self.geometry = route_shape(self.kind, line)
        self.label = ADD_ROUTE_LABELS[self.kind]
        self.route_id: int | None = None

    def build(self, project: Project) -> tuple[RowChange, ...]:
        _office_check(project, self.geometry, "route")
        if self.route_id is None:
            self.route_id = project.new_id("site_routes")
        record = SiteRoute(self.route_id, self.kind, self.name, compound_at(project, self.geometry), self.geometry)
        return (RowChange("site_routes", None, record),)


class EditSiteRoute(Command):
    """Rename a route or change its kind (a route made a closed loop is closed)."""

    def __init__(self, route_id: int, *, name: str | None = None, kind: str | None = None) -> None:
        super().__init__()
        self.route_id = route_id
        self.name = None if name is None else _name(name, "route")
        self.kind = None if kind is None else _route_kind(kind)
        self.label = "Rename route" if kind is None else "Edit route"

    def build(self, project: Project) -> tuple[RowChange, ...]:
        before: SiteRoute = _existing(project, "site_routes", self.route_id, "route")
        kind = self.kind or before.kind
        geometry = route_shape(kind, before.geometry) if kind != before.kind else before.geometry
        after = before._replace(name=self.name or before.name, kind=kind, geometry=geometry)
        return (RowChange("site_routes", before, after),) if after != before else ()


class ReshapeSiteRoute(Command):
    """Give a route a new line; it joins the compound that now holds most of it."""

    label = "Reshape route"

    def __init__(self, route_id: int, geometry: BaseGeometry | Iterable[tuple[float, float]]) -> None:
        super().__init__()
        self.route_id, self.geometry = route_id, geometry

    def build(self, project: Project) -> tuple[RowChange, ...]:
        before: SiteRoute = _existing(project, "site_routes", self.route_id, "route")
        shape = route_shape(before.kind, self.geometry)
        _office_check(project, shape, "route")
        after = before._replace(geometry=shape, compound_id=compound_at(project, shape))
        return (RowChange("site_routes", before, after),) if after != before else ()


class RemoveSiteRoute(Command):
    label = "Delete route"

    def __init__(self, route_id: int) -> None:
        super().__init__()
        self.route_id = route_id

    def build(self, project: Project) -> tuple[RowChange, ...]:
        return (RowChange("site_routes", _existing(project, "site_routes", self.route_id, "route"), None),)
