"""Why a GIS file cannot be read, in the user's language: the file, what is
wrong and what to do, on lines of their own (the templates are in
gridmap/gis/messages.py, for lupdate); any other error as ``reason_text``
says it. The command line prints the error's English instead."""

from __future__ import annotations

from gridmap.errors import FileProblem
from ui.reason_text import in_user_language, reason_text


def read_problem_text(error: Exception) -> str:
    if not isinstance(error, FileProblem):
        return reason_text(error)
    lines = (in_user_language(part) for part in (error.problem, error.advice))
    return f"{error.path}\n\n" + "\n".join(line for line in lines if line)
