"""The CJK font: asked for by name, because Qt's fallback picks Japanese glyph forms."""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from layers.render.qt import CJK_FAMILY


def has_cjk_font() -> bool:
    return CJK_FAMILY in QFontDatabase.families()


def use_cjk_font(app: QApplication, point_size: float = 9.5) -> bool:
    """Make the CJK font the application font; False if it is not installed."""
    if not has_cjk_font():
        return False
    font = QFont(CJK_FAMILY)
    font.setPointSizeF(point_size)
    app.setFont(font)
    return True


def offscreen_app():
    """A QApplication for the benchmarks: no screen needed, CJK font set."""
    import os

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(["gridmap-bench"])
    use_cjk_font(app)
    return app
