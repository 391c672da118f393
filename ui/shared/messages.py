"""What went wrong with a shared project's server, in the user's language: why
it cannot be opened (a ``ServerError``, by its kind), why an edit was not saved
there (a ``ProjectWriteError``), and a refused edit's conflict: which record,
who changed it and when. The command line prints the errors' English instead."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from gridmap.model.entities import CHINA_TIME
from gridmap.errors import ProjectWriteError, ServerError
from gridmap.model.messages import RECORDS, TABLE_NAMES
from gridmap.storage.server.address import is_server_address

if TYPE_CHECKING:
    from gridmap.errors import Conflict
    from gridmap.project import Project

CONTEXT = "Shared"
# what names a record in a conflict (a resident's name is personal: never said)
NAMES = {"zones": "name", "compounds": "name", "staff": "name", "buildings": "number"}

_CANNOT_OPEN = {  # (problem, advice) per ServerError kind
    "unreachable": (QT_TRANSLATE_NOOP("Shared", "The database server cannot be reached."),
                    QT_TRANSLATE_NOOP("Shared", "Check the server's name and port, the network, and that the "
                                                "database server is running.")),
    "login": (QT_TRANSLATE_NOOP("Shared", "The server refused the user name or password."),
              QT_TRANSLATE_NOOP("Shared", "Check them, or ask the office's administrator for an account.")),
    "no-database": (QT_TRANSLATE_NOOP("Shared", "The server has no database of that name."),
                    QT_TRANSLATE_NOOP("Shared", "Check the database's name.")),
    "not-a-project": (QT_TRANSLATE_NOOP("Shared", "This database holds no gridmap project that can be opened "
                                                  "here."),
                      QT_TRANSLATE_NOOP("Shared", "Check the database's name; a project is put there with "
                                                  "gridmap publish.")),
    "newer-schema": (QT_TRANSLATE_NOOP("Shared", "The shared project was saved by a newer gridmap."),
                     QT_TRANSLATE_NOOP("Shared", "Update gridmap to open it. Nothing was changed.")),
    "denied": (QT_TRANSLATE_NOOP("Shared", "The server does not let this user open the project."),
               QT_TRANSLATE_NOOP("Shared", "Ask the office's administrator for access.")),
    "no-postgis": (QT_TRANSLATE_NOOP("Shared", "The database server has no PostGIS."),
                   QT_TRANSLATE_NOOP("Shared", "Ask the server's administrator to install it.")),
    "address": (QT_TRANSLATE_NOOP("Shared", "This is not a database server's address."),
                QT_TRANSLATE_NOOP("Shared", "Check the server, port, database and user name.")),
    "refused": (QT_TRANSLATE_NOOP("Shared", "The server refused the request."),
                QT_TRANSLATE_NOOP("Shared", "Nothing was changed. If it happens again, ask the office's "
                                            "administrator.")),
    "": (QT_TRANSLATE_NOOP("Shared", "The shared project cannot be opened."),
         QT_TRANSLATE_NOOP("Shared", "Check the connection and try again.")),
}
_NOT_SAVED = {  # (problem, advice) per ProjectWriteError kind, for a project on a server
    "viewing": (QT_TRANSLATE_NOOP("Shared", "The shared project is open for viewing only."),
                QT_TRANSLATE_NOOP("Shared", "Open it again from the server to edit it.")),
    "offline": (QT_TRANSLATE_NOOP("Shared", "The database server cannot be reached (offline)."),
                QT_TRANSLATE_NOOP("Shared", "gridmap reconnects by itself; make the change again once the status "
                                            "bar says the server is back.")),
    "conflict": (QT_TRANSLATE_NOOP("Shared", "Someone else changed the same record since you read it."),
                 QT_TRANSLATE_NOOP("Shared", "Your view now shows their change; make yours again if it is still "
                                             "needed.")),
    "in-use": (QT_TRANSLATE_NOOP("Shared", "Another desk was saving the same records at that moment."),
               QT_TRANSLATE_NOOP("Shared", "Wait a moment and do it again.")),
    "denied": (QT_TRANSLATE_NOOP("Shared", "The server does not give you the right to make this change."),
               QT_TRANSLATE_NOOP("Shared", "Edit only your own community, or ask the office's administrator.")),
    "refused": (QT_TRANSLATE_NOOP("Shared", "The server refused the change."),
                QT_TRANSLATE_NOOP("Shared", "Reload the project from the server (F5), then make the change "
                                            "again.")),
    "": (QT_TRANSLATE_NOOP("Shared", "The change could not be saved on the server."),
         QT_TRANSLATE_NOOP("Shared", "Do it again; if it happens again, reload the project from the server (F5).")),
}
_NOTHING_CHANGED = QT_TRANSLATE_NOOP("Shared", "Your change was not saved.")
_CONFLICT = {
    "edit": QT_TRANSLATE_NOOP("Shared", "%1 was changed by %2%3 since you read it. Your change was not saved, so "
                                        "that their work is not written over."),
    "undo": QT_TRANSLATE_NOOP("Shared", "%1 was changed by %2%3 after your step. Undo takes back only your own "
                                        "steps, never someone else's work, so nothing was undone."),
    "redo": QT_TRANSLATE_NOOP("Shared", "%1 was changed by %2%3 after you undid your step. Redoing it would write "
                                        "over their work, so nothing was redone."),
    "neighbour": QT_TRANSLATE_NOOP("Shared", "The neighbouring zone %1 was changed by %2%3 since you read it. Your "
                                             "change was not saved, so that the two cannot leave a gap or an "
                                             "overlap."),
}
_CONFLICT_ADVICE = QT_TRANSLATE_NOOP("Shared", "Your view now shows their change; check it and make yours again if "
                                               "it is still needed.")
_SOMEONE = QT_TRANSLATE_NOOP("Shared", "someone else")
_WHEN = QT_TRANSLATE_NOOP("Shared", "at %1")
_STEP = QT_TRANSLATE_NOOP("Shared", "“%1”")  # the command they made
_DETAILS = QT_TRANSLATE_NOOP("Shared", " (%1)")
_AND = QT_TRANSLATE_NOOP("Shared", ", ")
_RECORD = QT_TRANSLATE_NOOP("Shared", "%1 %2 (%3)")  # table, id, name


def tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


def _lines(table: dict, kind: str) -> tuple[str, str]:
    problem, advice = table.get(kind, table[""])
    return tr(problem), tr(advice)


def server_problem_text(error: Exception, address: str = "") -> str:
    """Why the shared project at ``address`` cannot be opened or read (a ``ServerError`` by its kind; any other
    ``GridmapError`` as a project that cannot be opened), and what to do."""
    if isinstance(error, ProjectWriteError):
        return shared_write_text(error)
    problem, advice = _lines(_CANNOT_OPEN, error.kind if isinstance(error, ServerError) else "")
    return f"{getattr(error, 'address', '') or address}\n\n{problem}\n{advice}"


def written_address(error: ProjectWriteError) -> str:
    """Where an edit was refused: the file, or the server's address."""
    return error.address


def is_shared_error(error: ProjectWriteError) -> bool:
    """Whether ``error`` refused an edit of a project on a database server."""
    return is_server_address(written_address(error))


def shared_write_text(error: ProjectWriteError) -> str:
    """Why an edit was not saved on the server, and what to do."""
    problem, advice = _lines(_NOT_SAVED, error.kind)
    return f"{written_address(error)}\n\n{problem} {tr(_NOTHING_CHANGED)}\n{advice}"


def is_neighbour_conflict(error: ProjectWriteError) -> bool:
    """A boundary edit refused because a neighbouring zone changed (not the zone edited itself)."""
    return error.kind == "conflict" and error.conflict is not None and error.conflict.neighbour


def conflict_text(error: ProjectWriteError, project: Project | None, step: str = "edit") -> str:
    """What someone else changed, who and when, and why ``step`` (``edit``, ``undo``, ``redo``) was refused."""
    conflict = error.conflict
    if conflict is None:
        return shared_write_text(error)
    kind = "neighbour" if is_neighbour_conflict(error) else step
    what = (_name(conflict, project) or str(conflict.key)) if kind == "neighbour" else record_text(conflict, project)
    details = []
    if conflict.at is not None:
        details.append(tr(_WHEN).replace("%1", conflict.at.astimezone(CHINA_TIME).strftime("%m-%d %H:%M:%S")))
    if conflict.label:
        details.append(tr(_STEP).replace("%1", QCoreApplication.translate("Commands", conflict.label)))
    when = tr(_DETAILS).replace("%1", tr(_AND).join(details)) if details else ""
    text = tr(_CONFLICT.get(kind, _CONFLICT["edit"])).replace("%1", what) \
        .replace("%2", conflict.who or tr(_SOMEONE)).replace("%3", when)
    return f"{text}\n{tr(_CONFLICT_ADVICE)}"


def record_text(conflict: Conflict, project: Project | None) -> str:
    """The record, as the user knows it: its table, its id and, where it has one that is not personal, its name."""
    table = QCoreApplication.translate(RECORDS, TABLE_NAMES.get(conflict.table, conflict.table))
    name = _name(conflict, project)
    if not name:
        return f"{table} {conflict.key}"
    return tr(_RECORD).replace("%1", table).replace("%2", str(conflict.key)).replace("%3", str(name))


def _name(conflict: Conflict, project: Project | None) -> str:
    """The record's name as the project holds it now (its caught-up value), "" where it has none to show."""
    record = project.tables.get(conflict.table, {}).get(conflict.key) if project is not None else None
    return str(getattr(record, NAMES.get(conflict.table, ""), "") or "") if record is not None else ""
