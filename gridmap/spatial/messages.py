"""Why a shape is not valid, as GEOS says it ("Self-intersection[465686.9 3846611.4]"),
turned into a :class:`~gridmap.reasons.Reason` the window can say in Chinese:
"Self-intersection at 465686.9, 3846611.4" / "自相交（位置 465686.9, 3846611.4）".

The templates are collected by lupdate (tools/translations.sh feeds every
messages.py of gridmap to it).
"""

from __future__ import annotations

import math
import re

import shapely

from gridmap.reasons import Reason
from gridmap.workbooks.messages import QT_TRANSLATE_NOOP

CONTEXT = "Shapes"
AT_PLACE = QT_TRANSLATE_NOOP("Shapes", "{problem} at {x}, {y}")
# What GEOS's IsValidOp reports (TopologyValidationError), word for word.
GEOS_PROBLEMS = (
    QT_TRANSLATE_NOOP("Shapes", "Topology Validation Error"),
    QT_TRANSLATE_NOOP("Shapes", "Repeated Point"),
    QT_TRANSLATE_NOOP("Shapes", "Hole lies outside shell"),
    QT_TRANSLATE_NOOP("Shapes", "Holes are nested"),
    QT_TRANSLATE_NOOP("Shapes", "Interior is disconnected"),
    QT_TRANSLATE_NOOP("Shapes", "Self-intersection"),
    QT_TRANSLATE_NOOP("Shapes", "Ring Self-intersection"),
    QT_TRANSLATE_NOOP("Shapes", "Nested shells"),
    QT_TRANSLATE_NOOP("Shapes", "Duplicate Rings"),
    QT_TRANSLATE_NOOP("Shapes", "Too few points in geometry component"),
    QT_TRANSLATE_NOOP("Shapes", "Invalid Coordinate"),
    QT_TRANSLATE_NOOP("Shapes", "Ring is not closed"),
)
_GEOS_REASON = re.compile(r"^(?P<problem>[^\[]+)\[(?P<x>\S+) (?P<y>\S+)\]$")


def validity_reason(geometry) -> str:
    """Why ``geometry`` is not valid, with the place in the geometry's own coordinates."""
    return geos_reason(shapely.is_valid_reason(geometry))


def geos_reason(text: str) -> str:
    """GEOS's "Problem[x y]" as a Reason; a text GEOS words otherwise stays as it is."""
    found = _GEOS_REASON.match(text or "")
    if found is None or found["problem"] not in GEOS_PROBLEMS:
        return text
    try:
        x, y = float(found["x"]), float(found["y"])
    except ValueError:
        return text
    return Reason(CONTEXT, AT_PLACE, problem=Reason(CONTEXT, found["problem"]), x=coordinate(x, y, x),
                  y=coordinate(x, y, y))


def coordinate(x: float, y: float, value: float) -> str:
    """``value`` to a tenth of a metre, or to six decimals (about 0.1 m) when (x, y) look like degrees."""
    degrees = all(math.isfinite(v) for v in (x, y)) and abs(x) <= 180 and abs(y) <= 90
    return f"{value:.6f}".rstrip("0").rstrip(".") if degrees else f"{value:.1f}"
