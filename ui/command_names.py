"""Command labels as the Undo/Redo menu shows them (translatable).

Commands are Qt-free and label themselves in English; every label a command
can carry is listed here so that lupdate collects it.
"""

from PySide6.QtCore import QT_TRANSLATE_NOOP

LABELS = (
    QT_TRANSLATE_NOOP("Commands", "Edit household"),
    QT_TRANSLATE_NOOP("Commands", "Edit households"),
    QT_TRANSLATE_NOOP("Commands", "Change household tags"),
    QT_TRANSLATE_NOOP("Commands", "Import household roster"),
    QT_TRANSLATE_NOOP("Commands", "Add staff member"),
    QT_TRANSLATE_NOOP("Commands", "Edit staff member"),
    QT_TRANSLATE_NOOP("Commands", "Remove staff member"),
    QT_TRANSLATE_NOOP("Commands", "Assign staff"),
    QT_TRANSLATE_NOOP("Commands", "Remove assignment"),
    QT_TRANSLATE_NOOP("Commands", "Link households to a party member"),
    QT_TRANSLATE_NOOP("Commands", "Unlink households"),
    QT_TRANSLATE_NOOP("Commands", "Import staff roster"),
    QT_TRANSLATE_NOOP("Commands", "Change building footprint"),
    QT_TRANSLATE_NOOP("Commands", "Change zone boundary"),
    QT_TRANSLATE_NOOP("Commands", "Split zone"),
    QT_TRANSLATE_NOOP("Commands", "Merge zones"),
    QT_TRANSLATE_NOOP("Commands", "Delete zone"),
    QT_TRANSLATE_NOOP("Commands", "Move zone to another parent"),
    QT_TRANSLATE_NOOP("Commands", "Draw zone"),
    QT_TRANSLATE_NOOP("Commands", "Move vertex"),
    QT_TRANSLATE_NOOP("Commands", "Add vertex"),
    QT_TRANSLATE_NOOP("Commands", "Delete vertex"),
    QT_TRANSLATE_NOOP("Commands", "Move buildings to another grid"),
    QT_TRANSLATE_NOOP("Commands", "Fill gap"),
    QT_TRANSLATE_NOOP("Commands", "Trim zone"),
    QT_TRANSLATE_NOOP("Commands", "Remove overlap"),
    QT_TRANSLATE_NOOP("Commands", "Trim to parent"),
    QT_TRANSLATE_NOOP("Commands", "Snap vertices"),
    QT_TRANSLATE_NOOP("Commands", "Make shape valid"),
    QT_TRANSLATE_NOOP("Commands", "Link building to its grid"),
    QT_TRANSLATE_NOOP("Commands", "Regenerate zone codes"),
    QT_TRANSLATE_NOOP("Commands", "Renumber zone codes"),
)
