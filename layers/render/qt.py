"""Small Qt helpers for the renderers: numpy vertices → QPainterPath, fonts, colours
(labels are in labels.py)."""

from __future__ import annotations

import ctypes
from functools import cache, lru_cache

import numpy as np
import shiboken6
from PySide6.QtGui import QColor, QFont, QPainterPath
from pyqtgraph.functions import arrayToQPath

from layers.features import PathParts
from layers.view import MapView

CJK_FAMILY = "Noto Sans CJK SC"  # asked for by name: fallback would pick Japanese glyph forms


def path_in_pixels(parts: PathParts, view: MapView) -> QPainterPath:
    """One QPainterPath of all parts, in the view's pixel coordinates.

    In pixels rather than map metres so that 7-digit projected coordinates never
    reach Qt's fixed-point rasteriser.
    """
    if not len(parts):
        return QPainterPath()
    return build_path(view.to_pixels(parts.xy), parts.connect)


def build_path(xy: np.ndarray, connect: np.ndarray) -> QPainterPath:
    """A path through the points ``xy``; ``connect[i]`` = 1 joins point i to i + 1."""
    if not len(xy):
        return QPainterPath()
    if _direct_paths_work():
        return _path_direct(xy, connect)
    return arrayToQPath(xy[:, 0], xy[:, 1], connect=connect, finiteCheck=False)


# QPainterPath::Element as Qt lays it out: x, y (double), type (int), padded to 24 bytes.
_ELEMENT = np.dtype({"names": ["x", "y", "type"], "formats": ["<f8", "<f8", "<i4"], "itemsize": 24})
try:  # where Qt's private path data keeps its element pointer and count (pyqtgraph ≥ 0.14 knows Qt 6.10+)
    from pyqtgraph.Qt.internals import QPainterPathPrivate
    _DATA_AT, _SIZE_AT = QPainterPathPrivate.data.offset, QPainterPathPrivate.size.offset
except (ImportError, AttributeError):
    _DATA_AT = _SIZE_AT = None


def _private(path: QPainterPath) -> int:
    return ctypes.c_void_p.from_address(shiboken6.getCppPointer(path)[0]).value or 0


def _path_direct(px: np.ndarray, connect: np.ndarray) -> QPainterPath:
    """Write the path's elements straight into its memory: 15× faster than Qt's
    binary path format, which reads every number through a QDataStream."""
    n = len(px)
    path = QPainterPath()
    path.reserve(n)  # makes the private part, marks cached bounds stale
    private = _private(path)
    ctypes.c_ssize_t.from_address(private + _SIZE_AT).value = n
    data = ctypes.c_void_p.from_address(private + _DATA_AT).value
    elements = np.frombuffer(shiboken6.VoidPtr(data, n * _ELEMENT.itemsize, True), dtype=_ELEMENT)
    elements["x"] = px[:, 0]
    elements["y"] = px[:, 1]
    elements["type"][0] = 0  # QPainterPath.MoveToElement
    elements["type"][1:] = connect[:-1]  # a vertex joined from the one before is a LineToElement (1)
    return path


@cache
def _direct_paths_work() -> bool:
    """Whether this Qt keeps paths where we think: first read a path Qt built
    (nothing written), then compare a path written directly with Qt's own
    format. Checked once; otherwise the slow way is used."""
    if _DATA_AT is None:
        return False
    probe = QPainterPath()
    probe.moveTo(1.5, 2.5)
    probe.lineTo(3.5, 4.5)
    probe.lineTo(-7.25, 8.0)
    private = _private(probe)
    if not private or ctypes.c_ssize_t.from_address(private + _SIZE_AT).value != 3:
        return False
    data = ctypes.c_void_p.from_address(private + _DATA_AT).value
    if not data:
        return False
    seen = np.frombuffer(shiboken6.VoidPtr(data, 3 * _ELEMENT.itemsize, False), dtype=_ELEMENT)
    if seen["x"].tolist() != [1.5, 3.5, -7.25] or seen["y"].tolist() != [2.5, 4.5, 8.0] \
            or seen["type"].tolist() != [0, 1, 1]:
        return False
    px = np.array([[0.5, 1.0], [10.0, 1.0], [10.0, 8.25], [0.5, 1.0], [20.0, 20.0], [30.0, 25.0]])
    connect = np.array([1, 1, 1, 0, 1, 0], dtype=np.int32)
    direct = _path_direct(px, connect)
    reference = arrayToQPath(px[:, 0], px[:, 1], connect=connect, finiteCheck=False)
    return direct == reference and direct.boundingRect() == reference.boundingRect()


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
