"""An error in the user's language: gridmap raises some with a
:class:`~gridmap.reasons.Reason` as their message (marked for translation in a
``messages.py``); any other error is said as it is."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from gridmap.reasons import Reason, translated


def in_user_language(text: str) -> str:
    """``text`` translated if it is a :class:`~gridmap.reasons.Reason`; any other text as it is."""
    return translated(text, QCoreApplication.translate)


def reason_text(error: Exception) -> str:
    message = error.args[0] if len(error.args) == 1 else None
    return in_user_language(message) if isinstance(message, Reason) else str(error)
