"""Typed settings in one place, stored with QSettings (an INI file).

Tests point ``GRIDMAP_CONFIG_DIR`` at a temporary folder so they never touch
the user's settings.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

MAX_RECENT = 8
MAX_CONNECTIONS = 12
CONNECTION_KEYS = ("host", "port", "database", "user")  # what a remembered server connection keeps
LANGUAGES = ("zh_CN", "en")


class Settings:
    def __init__(self, store: QSettings) -> None:
        self._store = store

    @classmethod
    def default(cls) -> Settings:
        folder = os.environ.get("GRIDMAP_CONFIG_DIR")
        if folder:
            return cls(QSettings(str(Path(folder) / "gridmap.ini"), QSettings.Format.IniFormat))
        return cls(QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, "gridmap", "gridmap"))

    def sync(self) -> None:
        self._store.sync()

    # -- language ------------------------------------------------------------
    @property
    def language(self) -> str:
        value = str(self._store.value("ui/language", "zh_CN"))
        return value if value in LANGUAGES else "zh_CN"

    @language.setter
    def language(self, value: str) -> None:
        if value not in LANGUAGES:
            raise ValueError(f"language must be one of {LANGUAGES}")
        self._store.setValue("ui/language", value)

    # -- recent files --------------------------------------------------------
    @property
    def recent_files(self) -> list[str]:
        value = self._store.value("files/recent", [])
        if isinstance(value, str):  # QSettings gives a lone string for a one-item list
            value = [value]
        return [str(v) for v in (value or [])]

    def add_recent(self, path: str | Path) -> None:
        """``path`` first in the list: a file by its full path, a shared project by its address (never a password)."""
        from gridmap.storage.server.address import is_server_address, shown

        text = shown(str(path)) if is_server_address(str(path)) else str(Path(path).resolve())
        files = [text] + [f for f in self.recent_files if f != text]
        self._store.setValue("files/recent", files[:MAX_RECENT])

    def remove_recent(self, path: str) -> None:
        self._store.setValue("files/recent", [f for f in self.recent_files if f != path])

    @property
    def last_folder(self) -> str:
        return str(self._store.value("files/last_folder", str(Path.home())))

    @last_folder.setter
    def last_folder(self, value: str) -> None:
        self._store.setValue("files/last_folder", value)

    @property
    def output_folder(self) -> str:
        """Where the last chart, map or workbook was written ("" before the first)."""
        return str(self._store.value("files/output_folder", ""))

    @output_folder.setter
    def output_folder(self, value: str) -> None:
        self._store.setValue("files/output_folder", value)

    # -- shared projects -------------------------------------------------------
    @property
    def shared_connections(self) -> list[dict[str, str]]:
        """The database servers a shared project was opened from, last used first: host, port,
        database and user each (passwords are never kept here: see ui/shared/passwords.py)."""
        try:
            value = json.loads(str(self._store.value("shared/connections", "[]")))
        except json.JSONDecodeError:
            return []
        if not isinstance(value, list):
            return []
        return [{key: str(item[key]) for key in CONNECTION_KEYS} for item in value
                if isinstance(item, dict) and all(key in item for key in CONNECTION_KEYS)]

    @shared_connections.setter
    def shared_connections(self, value: list[dict[str, str]]) -> None:
        kept = [{key: str(item[key]) for key in CONNECTION_KEYS} for item in value]
        self._store.setValue("shared/connections", json.dumps(kept[:MAX_CONNECTIONS], ensure_ascii=False))

    # -- window layout ---------------------------------------------------------
    def _bytes(self, key: str) -> QByteArray | None:
        """A saved geometry or state; None if there is none (or something else is stored)."""
        value = self._store.value(key)
        return value if isinstance(value, QByteArray) else None

    @property
    def window_geometry(self) -> QByteArray | None:
        return self._bytes("window/geometry")

    @window_geometry.setter
    def window_geometry(self, value: QByteArray) -> None:
        self._store.setValue("window/geometry", value)

    @property
    def window_state(self) -> QByteArray | None:
        return self._bytes("window/state")

    @window_state.setter
    def window_state(self, value: QByteArray) -> None:
        self._store.setValue("window/state", value)

    @property
    def layer_state(self) -> list[dict]:
        try:
            value = json.loads(str(self._store.value("map/layers", "[]")))
        except json.JSONDecodeError:
            return []
        return value if isinstance(value, list) else []

    @layer_state.setter
    def layer_state(self, value: list[dict]) -> None:
        self._store.setValue("map/layers", json.dumps(value))

    # -- the colour plan window --------------------------------------------------
    @property
    def plan_geometry(self) -> QByteArray | None:
        return self._bytes("plan/geometry")

    @plan_geometry.setter
    def plan_geometry(self, value: QByteArray) -> None:
        self._store.setValue("plan/geometry", value)

    @property
    def plan_splitter(self) -> QByteArray | None:
        return self._bytes("plan/splitter")

    @plan_splitter.setter
    def plan_splitter(self, value: QByteArray) -> None:
        self._store.setValue("plan/splitter", value)

    @property
    def plan_zoom(self) -> float:
        """The plan's zoom factor; 0 means fit the plan to the window."""
        try:
            value = float(self._store.value("plan/zoom", 0.0))
        except (TypeError, ValueError):
            return 0.0
        return value if value == 0.0 or 0.1 <= value <= 10.0 else 0.0

    @plan_zoom.setter
    def plan_zoom(self, value: float) -> None:
        self._store.setValue("plan/zoom", float(value))
