"""Display names of the layer kinds (translatable)."""

from PySide6.QtCore import QCoreApplication, QT_TRANSLATE_NOOP

_NAMES = {
    "grid_fill": QT_TRANSLATE_NOOP("Layers", "Grid fill"),
    "compounds": QT_TRANSLATE_NOOP("Layers", "Compounds"),
    "streets": QT_TRANSLATE_NOOP("Layers", "Streets"),
    "buildings": QT_TRANSLATE_NOOP("Layers", "Buildings"),
    "zone_boundaries": QT_TRANSLATE_NOOP("Layers", "Zone boundaries"),
    "site_routes": QT_TRANSLATE_NOOP("Layers", "Routes"),
    "site_points": QT_TRANSLATE_NOOP("Layers", "Gates and service points"),
    "cases": QT_TRANSLATE_NOOP("Layers", "Cases"),
    "case_density": QT_TRANSLATE_NOOP("Layers", "Cases per grid"),
}


def layer_name(kind: str) -> str:
    return QCoreApplication.translate("Layers", _NAMES.get(kind, kind))
