"""Staff dragged from the roster: the data a drag carries, read by every drop target."""

from __future__ import annotations

from PySide6.QtCore import QMimeData

STAFF_MIME = "application/x-gridmap-staff"  # staff ids, comma-separated


def staff_mime(ids: list[int], text: str) -> QMimeData:
    mime = QMimeData()
    mime.setData(STAFF_MIME, ",".join(map(str, ids)).encode())
    mime.setText(text)
    return mime


def staff_ids_from(mime: QMimeData) -> list[int]:
    if mime is None or not mime.hasFormat(STAFF_MIME):
        return []
    text = bytes(mime.data(STAFF_MIME).data()).decode()
    return [int(v) for v in text.split(",") if v.strip().isdecimal()]
