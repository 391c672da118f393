"""Small Qt helpers for the renderers: numpy vertices → QPainterPath, fonts, colours."""

from __future__ import annotations

from functools import lru_cache

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QPainterPath, QStaticText, QTransform
from pyqtgraph.functions import arrayToQPath

from layers.features import PathParts
from layers.view import MapView

CJK_FAMILY = "Noto Sans CJK SC"  # asked for by name: fallback would pick Japanese glyph forms


def path_in_pixels(parts: PathParts, view: MapView) -> QPainterPath:
    """One QPainterPath of all parts, in the view's pixel coordinates.

    Built from numpy in one call (pyqtgraph writes Qt's binary path format), and
    in pixels rather than map metres so that 7-digit projected coordinates never
    reach Qt's fixed-point rasteriser.
    """
    if not len(parts):
        return QPainterPath()
    px = view.to_pixels(parts.xy)
    return arrayToQPath(px[:, 0], px[:, 1], connect=parts.connect, finiteCheck=False)


@lru_cache(maxsize=64)
def font(point_size: float, bold: bool = False) -> QFont:
    f = QFont(CJK_FAMILY)
    f.setPointSizeF(point_size)
    f.setBold(bold)
    f.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
    return f


@lru_cache(maxsize=256)
def color(hex_code: str, alpha: int = 255) -> QColor:
    c = QColor(hex_code)
    c.setAlpha(alpha)
    return c


_STATIC: dict[tuple[str, str], QStaticText] = {}
_STATIC_LIMIT = 20000


def static_text(text: str, with_font: QFont, font_key: str | None = None) -> QStaticText:
    """A laid-out label, cached: drawing it again costs a blit of its glyphs.
    Pass ``font_key`` (``with_font.key()``) when drawing many labels in one font."""
    key = (text, font_key or with_font.key())
    label = _STATIC.get(key)
    if label is None:
        if len(_STATIC) >= _STATIC_LIMIT:
            _STATIC.clear()
        label = QStaticText(text)
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.prepare(QTransform(), with_font)
        _STATIC[key] = label
    return label
