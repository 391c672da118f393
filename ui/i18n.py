"""Translators: gridmap's own (resources/translations) and Qt's standard dialogs."""

from __future__ import annotations

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication

from gridmap.paths import resource_file

_installed: list[QTranslator] = []


def install_translators(app: QApplication, language: str) -> bool:
    """Install the translators for ``language`` ("zh_CN" or "en"); English is the
    source language and needs none. Returns False if the .qm file is missing."""
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    if language == "en":
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
        return True
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    ok = True
    own = QTranslator(app)
    if own.load(str(resource_file("translations", f"gridmap_{language}.qm"))):
        app.installTranslator(own)
        _installed.append(own)
    else:
        ok = False
    qt = QTranslator(app)
    if qt.load(f"qtbase_{language}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt)
        _installed.append(qt)
    return ok
