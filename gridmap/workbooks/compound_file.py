"""The streams of an OLE2 compound file ([MS-CFB]), which holds an .xls
workbook: just enough to find one by name, in pure Python, so that its
records can be looked at before calamine reads them."""

from __future__ import annotations

import struct
from collections.abc import Iterable, Iterator

_FREE, _END = 0xFFFFFFFF, 0xFFFFFFFE


def compound_streams(data: bytes, names: Iterable[str]) -> list[bytes]:
    """The streams of the compound file ``data`` whose names are ``names``
    (any case); ``ValueError``, ``struct.error`` or ``IndexError`` when it is damaged."""
    return CompoundFile(data).streams(names)


class CompoundFile:
    """Just enough of [MS-CFB] to find a stream: sectors chained by the FAT,
    small streams in the mini stream. Chains are bounded, so a loop in a
    damaged file ends in a ``ValueError``."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        shift = struct.unpack_from("<H", data, 0x1E)[0]
        if shift not in (9, 12):
            raise ValueError(f"sector size 2^{shift}")
        self.size = 1 << shift
        (_fat_count, self.first_directory, _signature, self.cutoff, self.first_minifat, _minifat_count,
         first_difat, difat_count) = struct.unpack_from("<IIIIIIII", data, 0x2C)
        fat_sectors = [s for s in struct.unpack_from("<109I", data, 0x4C) if s not in (_FREE, _END)]
        self.sectors = len(data) // self.size + 1  # no chain is longer
        sector, per = first_difat, self.size // 4 - 1
        for _ in range(min(difat_count, self.sectors)):
            if sector in (_FREE, _END):
                break
            entries = struct.unpack_from(f"<{per + 1}I", data, self._offset(sector))
            fat_sectors += [s for s in entries[:per] if s not in (_FREE, _END)]
            sector = entries[per]
        self.fat: list[int] = []
        for s in fat_sectors[: self.sectors]:
            self.fat += struct.unpack_from(f"<{self.size // 4}I", data, self._offset(s))

    def _offset(self, sector: int) -> int:
        offset = (sector + 1) * self.size
        if offset >= len(self.data):  # the last sector may be cut short, not missing
            raise ValueError(f"sector {sector} is beyond the end")
        return offset

    def _chain(self, start: int, fat: list[int]) -> Iterator[int]:
        sector, seen = start, 0
        while sector not in (_END, _FREE):
            if sector >= len(fat) or seen > self.sectors:
                raise ValueError("a sector chain is broken")
            yield sector
            sector, seen = fat[sector], seen + 1

    def _read(self, start: int) -> bytes:
        return b"".join(self.data[self._offset(s): self._offset(s) + self.size] for s in self._chain(start, self.fat))

    def streams(self, names: Iterable[str]) -> list[bytes]:
        """The streams whose names are ``names`` (any case), in directory order."""
        directory = self._read(self.first_directory)
        entries = [directory[i: i + 128] for i in range(0, len(directory) - 127, 128)]
        root = entries[0]
        wanted = set(names)
        found = []
        for entry in entries:
            length = min(struct.unpack_from("<H", entry, 64)[0], 64)
            name = entry[: max(length - 2, 0)].decode("utf-16-le", "replace").casefold()
            if entry[66] != 2 or name not in wanted:
                continue
            start, size = struct.unpack_from("<IQ", entry, 116)
            if self.size == 512:  # version 3 files keep 32 bits
                size &= 0xFFFFFFFF
            found.append(self._mini(start, size, root) if size < self.cutoff else self._read(start)[:size])
        return found

    def _mini(self, start: int, size: int, root: bytes) -> bytes:
        mini_stream = self._read(struct.unpack_from("<I", root, 116)[0])
        table = self._read(self.first_minifat)
        minifat = list(struct.unpack_from(f"<{len(table) // 4}I", table))
        return b"".join(mini_stream[s * 64: s * 64 + 64] for s in self._chain(start, minifat))[:size]
