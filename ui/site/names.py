"""Display names of site feature kinds and gate states (translatable)."""

from PySide6.QtCore import QCoreApplication, QT_TRANSLATE_NOOP

_NAMES = {
    "gate": QT_TRANSLATE_NOOP("SiteFeatures", "Gate"),
    "checkpoint": QT_TRANSLATE_NOOP("SiteFeatures", "Checkpoint"),
    "sampling": QT_TRANSLATE_NOOP("SiteFeatures", "Sampling point"),
    "supply": QT_TRANSLATE_NOOP("SiteFeatures", "Supply point"),
    "route": QT_TRANSLATE_NOOP("SiteFeatures", "Route"),
    "closed-loop": QT_TRANSLATE_NOOP("SiteFeatures", "Closed loop"),
    "isolation": QT_TRANSLATE_NOOP("SiteFeatures", "Isolation route"),
    "open": QT_TRANSLATE_NOOP("SiteFeatures", "Open"),
    "closed": QT_TRANSLATE_NOOP("SiteFeatures", "Closed"),
}


def site_name(key: str) -> str:
    """The display name of a site kind (gate, route, …) or gate state (open, closed)."""
    return QCoreApplication.translate("SiteFeatures", _NAMES.get(key, key))
