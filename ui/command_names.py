"""Command labels as the Undo/Redo menu shows them (translatable).

Commands are Qt-free and label themselves in English; every label a command
can carry is listed here so that lupdate collects it.
"""

from PySide6.QtCore import QT_TRANSLATE_NOOP

LABELS = (
    QT_TRANSLATE_NOOP("Commands", "Edit household"),
    QT_TRANSLATE_NOOP("Commands", "Edit households"),
    QT_TRANSLATE_NOOP("Commands", "Change household tags"),
    QT_TRANSLATE_NOOP("Commands", "Change building footprint"),
    QT_TRANSLATE_NOOP("Commands", "Change zone boundary"),
)
