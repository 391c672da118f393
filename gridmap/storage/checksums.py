"""Checksums of a project's tables, to prove a copy whole: the same records give
the same digest whatever store holds them (GeoPackage or server)."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from typing import Any, NamedTuple

import shapely

from gridmap.model.tables import TABLE_ORDER, TABLES


class TableSum(NamedTuple):
    rows: int
    digest: str  # sha256 of the records' stored forms, in id order (hex, first 16 characters)


def table_sums(tables: Mapping[str, Mapping[int, Any]]) -> dict[str, TableSum]:
    """Every table's row count and digest."""
    sums = {}
    for name in TABLE_ORDER:
        spec = TABLES[name]
        records = tables.get(name, {})
        digest = hashlib.sha256()
        for key in sorted(records):
            record = records[key]
            digest.update(repr(spec.to_row(record)).encode())
            if spec.is_features:
                shape = record.geometry
                digest.update(b"-" if shape is None else shapely.to_wkb(shape, byte_order=1))
        sums[name] = TableSum(len(records), digest.hexdigest()[:16])
    return sums
