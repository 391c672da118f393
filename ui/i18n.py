"""Translators: gridmap's own (resources/translations) and Qt's standard dialogs."""

from __future__ import annotations

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication

from gridmap.paths import resource_file

_installed: list[QTranslator] = []

# Qt's own strings that qtbase_zh_CN.qm lacks, so that Qt's file dialog showed
# them in English: Qt 6 gave the dialog's labels mnemonics ("Look in:" became
# "&Look in:") and moved the file types' words to a new context, and the
# catalogue that ships with Qt still has only the old ones.
QT_GAPS_ZH_CN: dict[tuple[str, str], str] = {
    ("QFileDialog", "&Look in:"): "查找范围(&L)：",
    ("QFileDialog", "Files of &type:"): "文件类型(&T)：",
    ("QAbstractFileIconProvider", "Folder"): "文件夹",
    ("QAbstractFileIconProvider", "File Folder"): "文件夹",
    ("QAbstractFileIconProvider", "Drive"): "驱动器",
    ("QAbstractFileIconProvider", "Shortcut"): "快捷方式",
    ("QAbstractFileIconProvider", "Alias"): "替身",
    ("QAbstractFileIconProvider", "Unknown"): "未知",
}


class QtGaps(QTranslator):
    """The few strings Qt's catalogue lacks (``QT_GAPS_ZH_CN``); asked only when
    every other translator has no answer, as it is installed first."""

    def __init__(self, texts: dict[tuple[str, str], str], parent=None) -> None:
        super().__init__(parent)
        self.texts = texts

    def translate(self, context: str, source: str, disambiguation: str | None = None, n: int = -1) -> str | None:
        return self.texts.get((context, source))  # None, not "": Qt takes "" as the translation

    def isEmpty(self) -> bool:  # noqa: N802 - Qt's name
        return False


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
    gaps = QtGaps(QT_GAPS_ZH_CN, app)  # installed first: Qt asks the last installed first
    app.installTranslator(gaps)
    _installed.append(gaps)
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
