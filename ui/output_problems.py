"""An output that could not be written, in the user's language: what went
wrong and what to do (the command line prints the English of the error)."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from gridmap.outputs import OutputError

# Marked where lupdate finds them, translated when shown: (problem, advice) per kind.
_REASONS = {
    "project": (QT_TRANSLATE_NOOP("Outputs", "This is a gridmap project: writing there would replace its "
                                             "households, staff and map."),
                QT_TRANSLATE_NOOP("Outputs", "Choose another file name.")),
    "no-folder": (QT_TRANSLATE_NOOP("Outputs", "The folder does not exist."),
                  QT_TRANSLATE_NOOP("Outputs", "Create the folder first, or choose another.")),
    "is-folder": (QT_TRANSLATE_NOOP("Outputs", "This is a folder."),
                  QT_TRANSLATE_NOOP("Outputs", "Give a file name inside it.")),
    "not-folder": (QT_TRANSLATE_NOOP("Outputs", "This is a file, not a folder."),
                   QT_TRANSLATE_NOOP("Outputs", "Give a folder for the output (it is made if missing).")),
    "read-only": (QT_TRANSLATE_NOOP("Outputs", "The file or its folder is read-only."),
                  QT_TRANSLATE_NOOP("Outputs", "Choose a folder you may write to (or ask whoever manages this "
                                               "computer).")),
    "disk-full": (QT_TRANSLATE_NOOP("Outputs", "The disk is full."),
                  QT_TRANSLATE_NOOP("Outputs", "Free some space or choose another disk; any earlier file of that "
                                               "name is unchanged.")),
    "name": (QT_TRANSLATE_NOOP("Outputs", "The name is too long or not allowed."),
             QT_TRANSLATE_NOOP("Outputs", "Choose a shorter name.")),
    "incomplete": (QT_TRANSLATE_NOOP("Outputs", "The file came out incomplete."),
                   QT_TRANSLATE_NOOP("Outputs", "Try again, or choose another folder; any earlier file of that "
                                                "name is unchanged.")),
}


def output_problem_text(error: OutputError) -> str:
    """The file, the reason and the advice, translated by the error's kind.

    Parameters
    ----------
    error : OutputError
        What :mod:`gridmap.outputs` raised.

    Returns
    -------
    str
        The path, a blank line, then the problem and the advice on a line each.
    """
    if error.kind in _REASONS:
        problem, advice = (QCoreApplication.translate("Outputs", text) for text in _REASONS[error.kind])
    else:  # "failed": the system's own words, which have no translation here
        problem = QCoreApplication.translate("Outputs", "It cannot be written (%1).").replace(
            "%1", error.detail or error.problem)
        advice = QCoreApplication.translate("Outputs",
                                            "Try another folder; any earlier file of that name is unchanged.")
    return f"{error.path}\n\n{problem}\n{advice}"
