"""What went wrong with a project file, in the user's language: one sentence
for what happened and one for what to do, chosen by the error's kind (the
command line prints the error's English instead)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from gridmap.errors import ProjectWriteError, ServerError
from ui.shared.messages import is_shared_error, server_problem_text, shared_write_text

# Marked where lupdate finds them, translated when shown: (problem, advice) per kind.
_CANNOT_OPEN = {
    "not-found": (QT_TRANSLATE_NOOP("ProjectFile", "The file does not exist."),
                  QT_TRANSLATE_NOOP("ProjectFile", "Check the path and try again.")),
    "not-geopackage": (QT_TRANSLATE_NOOP("ProjectFile", "This file is not a GeoPackage (.gpkg) project."),
                       QT_TRANSLATE_NOOP("ProjectFile", "To bring in other data, use File ▸ GIS Data ▸ Import.")),
    "not-a-project": (QT_TRANSLATE_NOOP("ProjectFile", "This GeoPackage is not a gridmap project, or lacks its "
                                                       "tables."),
                      QT_TRANSLATE_NOOP("ProjectFile", "To use its layers, create a project and import them.")),
    "newer-schema": (QT_TRANSLATE_NOOP("ProjectFile", "The project was saved by a newer gridmap."),
                     QT_TRANSLATE_NOOP("ProjectFile", "Update gridmap to open it. The file was not changed.")),
    "damaged": (QT_TRANSLATE_NOOP("ProjectFile", "The file is damaged and cannot be read."),
                QT_TRANSLATE_NOOP("ProjectFile", "Open a backup copy.")),
    "in-use": (QT_TRANSLATE_NOOP("ProjectFile", "Another program is using the project."),
               QT_TRANSLATE_NOOP("ProjectFile", "Close it there, or wait until that program has finished, and try "
                                                "again.")),
    "read-only": (QT_TRANSLATE_NOOP("ProjectFile", "The project file or its folder is read-only."),
                  QT_TRANSLATE_NOOP("ProjectFile", "Copy it to a folder you may write to.")),
    "foreign-objects": (QT_TRANSLATE_NOOP("ProjectFile", "The file holds database objects gridmap did not make."),
                        QT_TRANSLATE_NOOP("ProjectFile", "Open it read-only, or remove them (gridmap repair).")),
    "interrupted": (QT_TRANSLATE_NOOP("ProjectFile", "A program stopped in the middle of saving this file; it is "
                                                     "not damaged, but must be put back in order first."),
                    QT_TRANSLATE_NOOP("ProjectFile", "Open it for editing once, or ask whoever may write to it to do "
                                                     "so.")),
    "": (QT_TRANSLATE_NOOP("ProjectFile", "The file cannot be opened."),
         QT_TRANSLATE_NOOP("ProjectFile", "Open a backup copy.")),
}
_NOT_SAVED = {
    "viewing": (QT_TRANSLATE_NOOP("ProjectFile", "The project is open read-only."),
                QT_TRANSLATE_NOOP("ProjectFile", "Save a copy in a folder you may write to (File ▸ Save As), or "
                                                 "reload it once no other program holds it.")),
    "read-only": (QT_TRANSLATE_NOOP("ProjectFile", "The project file has become read-only."),
                  QT_TRANSLATE_NOOP("ProjectFile", "Save a copy in a folder you may write to (File ▸ Save As), or "
                                                   "remove the write protection.")),
    "disk-full": (QT_TRANSLATE_NOOP("ProjectFile", "The disk is full."),
                  QT_TRANSLATE_NOOP("ProjectFile", "Free some space on the disk, then do it again.")),
    "in-use": (QT_TRANSLATE_NOOP("ProjectFile", "Another program is writing to the project file."),
               QT_TRANSLATE_NOOP("ProjectFile", "Wait a moment and do it again.")),
    "conflict": (QT_TRANSLATE_NOOP("ProjectFile", "Someone else changed the same record since you read it."),
                 QT_TRANSLATE_NOOP("ProjectFile", "Reload to see their change, then make yours again.")),
    "denied": (QT_TRANSLATE_NOOP("ProjectFile", "This offline copy holds the record only as a neighbour, for "
                                                "snapping; it is not yours to change here."),
               QT_TRANSLATE_NOOP("ProjectFile", "Change it on the shared project, or ask its community.")),
    "no-ids": (QT_TRANSLATE_NOOP("ProjectFile", "This offline copy has used up the ids set aside for its new "
                                                "records."),
               QT_TRANSLATE_NOOP("ProjectFile", "Check the copy in (gridmap checkin), then check out a new one.")),
    "refused": (QT_TRANSLATE_NOOP("ProjectFile", "The project file refused the change."),
                QT_TRANSLATE_NOOP("ProjectFile", "Check the project (Problems panel); if it happens again, the file "
                                                 "may be damaged.")),
    "": (QT_TRANSLATE_NOOP("ProjectFile", "The change could not be saved (the disk failed?)."),
         QT_TRANSLATE_NOOP("ProjectFile", "Check the disk or network drive, then do it again, or save a copy with "
                                          "File ▸ Save As.")),
}
_NOTHING_CHANGED = QT_TRANSLATE_NOOP("ProjectFile", "Nothing was changed.")
_NOT_SAVED_THERE = QT_TRANSLATE_NOOP("ProjectFile", "The project could not be saved there.")


def _tr(text: str) -> str:
    return QCoreApplication.translate("ProjectFile", text)


def _lines(table: dict, kind: str) -> tuple[str, str]:
    problem, advice = table.get(kind, table[""])
    return _tr(problem), _tr(advice)


def project_file_text(path: str | Path, error: Exception) -> str:
    """Why ``path`` cannot be opened (a ``ProjectFileError``, by its kind), or an
    edit of it was not saved (a ``ProjectWriteError``)."""
    if isinstance(error, ProjectWriteError):
        return write_problem_text(error)
    if isinstance(error, ServerError):
        return server_problem_text(error)
    problem, advice = _lines(_CANNOT_OPEN, getattr(error, "kind", ""))
    return f"{path}\n\n{problem}\n{advice}"


def write_problem_text(error: ProjectWriteError) -> str:
    """Why an edit was not saved, and what to do."""
    if is_shared_error(error):
        return shared_write_text(error)
    problem, advice = _lines(_NOT_SAVED, error.kind)
    return f"{error.path}\n\n{problem} {_tr(_NOTHING_CHANGED)}\n{advice}"


def saving_problem_text(path: str | Path, error: Exception) -> str:
    """Why the project could not be saved to ``path`` (Save As)."""
    from gridmap.outputs import OutputError
    from ui.output_problems import output_problem_text

    if isinstance(error, OutputError):
        return output_problem_text(error)
    if isinstance(error, ServerError):  # a shared project's server, gone while its copy was read
        return f"{path}\n\n{_tr(_NOT_SAVED_THERE)}\n\n{server_problem_text(error)}"
    if getattr(error, "kind", "") in ("in-use", "read-only"):
        return project_file_text(path, error)
    return f"{path}\n\n{_tr(_NOT_SAVED_THERE)}\n{error}"
