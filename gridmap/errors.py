"""Errors that reach the user. Each names the file and says what to do.

``ProjectFileError`` and its kinds carry structured fields (``path``,
``kind``) so that the UI can translate them; ``str()`` gives an English
sentence for the CLI and logs.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import NamedTuple


class GridmapError(Exception):
    """Base class for errors caused by input or user action, not by a bug."""


class FileProblem(GridmapError):
    """Something wrong with a file: ``path``, ``problem`` and ``advice`` (what to do)."""

    def __init__(self, path: str | Path, problem: str, advice: str = "") -> None:
        self.path = Path(path)
        self.problem = problem
        self.advice = advice
        text = f"{self.path}: {problem}"
        if advice:
            text += f" {advice}"
        super().__init__(text)


class ProjectFileError(FileProblem):
    """A file cannot be used as a gridmap project. Nothing on disk was changed."""

    kind = "unreadable"


class NotFoundError(ProjectFileError):
    kind = "not-found"


class NotGeoPackageError(ProjectFileError):
    kind = "not-geopackage"


class NotAProjectError(ProjectFileError):
    kind = "not-a-project"


class NewerSchemaError(ProjectFileError):
    kind = "newer-schema"


class DamagedFileError(ProjectFileError):
    kind = "damaged"


class InUseError(ProjectFileError):
    """Another program holds the project for writing; ``holder`` says who, when known."""

    kind = "in-use"

    def __init__(self, path: str | Path, problem: str, advice: str = "", holder=None) -> None:
        super().__init__(path, problem, advice)
        self.holder = holder


class ReadOnlyProjectError(ProjectFileError):
    """The project can be read but not edited here (a read-only file, folder or disk)."""

    kind = "read-only"


class InterruptedSaveError(ProjectFileError):
    """A program stopped in the middle of saving the file (its journal is still
    there) and the file cannot be put back in order from here."""

    kind = "interrupted"


class ForeignObjectsError(ProjectFileError):
    """The file holds triggers, views or tables that gridmap did not make; ``objects``
    lists them (``gridmap.storage.foreign.ForeignObject``). It may be read, not edited,
    until they are removed (``gridmap repair``)."""

    kind = "foreign-objects"

    def __init__(self, path: str | Path, problem: str, advice: str = "", objects=()) -> None:
        super().__init__(path, problem, advice)
        self.objects = tuple(objects)


class EditError(GridmapError):
    """An edit was refused because it would break a rule; nothing was changed.
    ``problem`` is the rule problem it would have made, where there is one."""

    def __init__(self, message: str, problem=None) -> None:
        super().__init__(message)
        self.problem = problem


class ProjectWriteError(EditError):
    """An edit was not saved because of the project file, not a rule; nothing changed.

    ``kind``: ``changed`` (another program wrote to the file since it was read),
    ``replaced`` or ``gone`` (the file was replaced, moved or deleted while open),
    ``viewing`` (opened for viewing only), ``read-only`` (the file became read-only),
    ``disk-full``, ``in-use``, ``io`` (the disk failed) or ``refused`` (the file's
    own constraints refused the rows), ``conflict`` (another program changed a row
    this edit changes, in a store written by several at once), ``denied`` (the
    database does not give this user the right, or an offline copy holds the row
    for reference only), ``no-ids`` (an offline copy has used up the ids set aside
    for it) or ``offline`` (the server cannot be reached; the change was not saved)."""

    def __init__(self, path: str | Path, kind: str, message: str, advice: str = "",
                 conflict: Conflict | None = None) -> None:
        super().__init__(f"{path}: {message}" + (f" {advice}" if advice else ""))
        self.path = Path(path)
        self.address = str(path)  # as given: a server's address keeps its // (a Path folds it)
        self.kind = kind
        self.advice = advice
        self.conflict = conflict  # kind "conflict": the row and who changed it, where the store knows


class Conflict(NamedTuple):
    """A row someone else changed since it was read: which, who, when, by which step."""

    table: str
    key: int
    who: str = ""
    at: dt.datetime | None = None
    label: str = ""
    neighbour: bool = False  # a zone next to the one edited (same family), not one of the rows edited


class ServerError(GridmapError):
    """A shared project's database server cannot be used as asked; nothing was changed.

    ``address`` names the database without its password; ``kind``: ``unreachable``
    (no server answers there, or it went away), ``login`` (user or password
    refused), ``no-database``, ``not-a-project`` (the database holds no gridmap
    project, or holds tables in the way of a new one), ``newer-schema``,
    ``no-postgis`` (the PostGIS extension is missing), ``denied`` (the user may
    not do this) or ``refused`` (the server refused the statement)."""

    def __init__(self, address: str, kind: str, problem: str, advice: str = "") -> None:
        super().__init__(f"{address}: {problem}" + (f" {advice}" if advice else ""))
        self.address = address
        self.kind = kind
        self.problem = problem
        self.advice = advice


class CoordinateError(GridmapError):
    """Coordinates or a coordinate reference system cannot be used as given."""


class GisFileError(FileProblem):
    """A GIS file (a shapefile and its parts, a GeoJSON, ...) cannot be read as
    it is. ``path`` names the file at fault; nothing on disk was changed."""
