"""A reason that can be said in English and in the user's language.

gridmap itself speaks English (the command line, the logs, the tests); the
window shows the same reasons translated. A :class:`Reason` is the English
text — a ``str``, so every caller that prints, compares or joins it keeps
working — and remembers its template (a ``QT_TRANSLATE_NOOP`` in a
``messages.py``, which lupdate collects) and its blanks, so that
``reason.text(QCoreApplication.translate)`` says it in the user's language.
"""

from __future__ import annotations

from typing import Any
from collections.abc import Callable

Translate = Callable[[str, str], str]  # (context, English template) -> the template in the user's language


def english(_context: str, text: str) -> str:
    return text


class Reason(str):
    """``template.format(**params)`` in English; a blank may hold a Reason of its own (a word
    like "polygon", GEOS's "Self-intersection"), which is translated with it."""

    context: str
    template: str
    params: dict[str, Any]

    def __new__(cls, context: str, template: str, **params: Any) -> Reason:
        reason = super().__new__(cls, _filled(context, template, params, english))
        reason.context, reason.template, reason.params = context, template, params
        return reason

    def __reduce__(self):  # a str subclass with its own __new__: say how to rebuild it (copy, pickle)
        return _rebuild, (self.context, self.template, self.params)

    def text(self, translate: Translate = english) -> str:
        return _filled(self.context, self.template, self.params, translate)


def translated(reason: str, translate: Translate) -> str:
    """``reason`` through ``translate`` if it is a :class:`Reason`; any other text as it is."""
    return reason.text(translate) if isinstance(reason, Reason) else reason


def _filled(context: str, template: str, params: dict[str, Any], translate: Translate) -> str:
    blanks = {name: value.text(translate) if isinstance(value, Reason) else value for name, value in params.items()}
    return translate(context, template).format(**blanks)


def _rebuild(context: str, template: str, params: dict[str, Any]) -> Reason:
    return Reason(context, template, **params)
