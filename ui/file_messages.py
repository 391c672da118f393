"""What went wrong with a project file, in the user's language: one sentence
for what happened and one for what to do, chosen by the error's kind (the
command line prints the error's English instead)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication

from gridmap.errors import ProjectWriteError


def _tr(text: str) -> str:
    return QCoreApplication.translate("ProjectFile", text)


def project_file_text(path: str | Path, error: Exception) -> str:
    """Why ``path`` cannot be opened (a ``ProjectFileError`` by its kind), or an
    edit of it was not saved (a ``ProjectWriteError``)."""
    kind = getattr(error, "kind", "")
    texts = {
        "not-found": (_tr("The file does not exist."), _tr("Check the path and try again.")),
        "not-geopackage": (_tr("This file is not a GeoPackage (.gpkg) project."),
                           _tr("To bring in other data, use File ▸ GIS Data ▸ Import.")),
        "not-a-project": (_tr("This GeoPackage is not a gridmap project, or lacks its tables."),
                          _tr("To use its layers, create a project and import them.")),
        "newer-schema": (_tr("The project was saved by a newer gridmap."),
                         _tr("Update gridmap to open it. The file was not changed.")),
        "damaged": (_tr("The file is damaged and cannot be read."), _tr("Open a backup copy.")),
        "in-use": (_tr("Another program is using the project."),
                   _tr("Close it there, or wait until that program has finished, and try again.")),
        "read-only": (_tr("The project file or its folder is read-only."),
                      _tr("Copy it to a folder you may write to.")),
        "foreign-objects": (_tr("The file holds database objects gridmap did not make."),
                            _tr("Open it read-only, or remove them (gridmap repair).")),
    }
    if isinstance(error, ProjectWriteError):
        return write_problem_text(error)
    problem, advice = texts.get(kind, (_tr("The file cannot be opened."), _tr("Open a backup copy.")))
    return f"{path}\n\n{problem}\n{advice}"


def write_problem_text(error: ProjectWriteError) -> str:
    """Why an edit was not saved, and what to do."""
    texts = {
        "changed": (_tr("Another program has changed the project file since it was opened."),
                    _tr("Reload the project (F5), then make the change again.")),
        "replaced": (_tr("The project file was replaced by another file while open."),
                     _tr("Reload it (F5), or keep what is shown here with File ▸ Save As.")),
        "gone": (_tr("The project file was deleted or moved while open."),
                 _tr("Keep what is shown here with File ▸ Save As.")),
        "read-only": (_tr("The project is open read-only."),
                      _tr("Save a copy in a folder you may write to (File ▸ Save As), or reload it once no "
                          "other program holds it.")),
        "disk-full": (_tr("The disk is full."), _tr("Free some space on the disk, then do it again.")),
        "in-use": (_tr("Another program is writing to the project file."), _tr("Wait a moment and do it again.")),
        "refused": (_tr("The project file refused the change."),
                    _tr("Check the project (Problems panel); if it happens again, the file may be damaged.")),
    }
    problem, advice = texts.get(error.kind, (_tr("The change could not be saved (the disk failed?)."),
                                             _tr("Check the disk or network drive, then do it again, or save "
                                                 "a copy with File ▸ Save As.")))
    return f"{error.path}\n\n{problem} {_tr('Nothing was changed.')}\n{advice}"


def saving_problem_text(path: str | Path, error: Exception) -> str:
    """Why the project could not be saved to ``path`` (Save As)."""
    from gridmap.outputs import OutputError
    from ui.output_problems import output_problem_text

    if isinstance(error, OutputError):
        return output_problem_text(error)
    if getattr(error, "kind", "") in ("in-use", "read-only"):
        return project_file_text(path, error)
    return f"{path}\n\n{_tr('The project could not be saved there.')}\n{error}"
