"""Choosing rooms on a colour plan as in a spreadsheet. The plan is a table of
floors (rows, top floor first) × room columns (unit by unit, west to east), so a
range is the rectangle between two rooms, as between two cells of a sheet:

- a click picks one room and makes it the anchor;
- Shift+click picks the rectangle from the anchor to the room clicked;
- Ctrl+click adds or removes one room and moves the anchor there;
- a drag picks the rectangle it spans (with Ctrl, added to what was chosen);
- arrows move the current room, Shift+arrows stretch the rectangle from the anchor.
"""

from __future__ import annotations

from dataclasses import dataclass, field

Cell = tuple[int, int]  # (row, column) of a PlanLayout


def rectangle(a: Cell, b: Cell) -> frozenset[Cell]:
    """Every cell of the rectangle with corners ``a`` and ``b``."""
    (r0, c0), (r1, c1) = a, b
    return frozenset((r, c) for r in range(min(r0, r1), max(r0, r1) + 1)
                     for c in range(min(c0, c1), max(c0, c1) + 1))


@dataclass
class RoomSelection:
    shape: tuple[int, int] = (0, 0)  # rows, columns of the plan
    cells: frozenset[Cell] = frozenset()
    anchor: Cell | None = None  # where a Shift range starts
    current: Cell | None = None  # the room arrows move from
    base: frozenset[Cell] = field(default=frozenset())  # kept under the range being drawn (Ctrl)

    def reshape(self, shape: tuple[int, int]) -> None:
        """The plan was redrawn (an edit, an undo): keep what still fits."""
        rows, cols = shape
        inside = {c for c in self.cells if c[0] < rows and c[1] < cols}
        self.shape, self.cells = shape, frozenset(inside)
        self.base = frozenset(c for c in self.base if c in inside)
        if self.anchor not in inside:
            self.anchor = None
        if self.current not in inside:
            self.current = self.anchor

    def set(self, cells) -> None:
        """Choose ``cells`` (e.g. from a program or a test); the last becomes current."""
        self.cells = frozenset(cells)
        self.anchor = self.current = max(self.cells) if self.cells else None
        self.base = frozenset()

    def clear(self) -> None:
        self.set(())

    def press(self, cell: Cell | None, shift: bool = False, ctrl: bool = False) -> None:
        """A mouse press on ``cell`` (None: beside the rooms)."""
        if cell is None:
            if not (shift or ctrl):
                self.clear()
            return
        if shift and self.anchor is not None:
            if not ctrl:
                self.base = frozenset()
            self.current = cell
            self.cells = self.base | rectangle(self.anchor, cell)
        elif ctrl:
            self.base = self.cells
            self.cells = self.cells ^ {cell}
            self.anchor = self.current = cell
        else:
            self.base = frozenset()
            self.cells = frozenset({cell})
            self.anchor = self.current = cell

    def drag_to(self, cell: Cell | None) -> None:
        """The mouse, still pressed, is over ``cell``: the rectangle from the anchor."""
        if cell is None or self.anchor is None or cell == self.current:
            return
        self.current = cell
        self.cells = self.base | rectangle(self.anchor, cell)

    def move(self, rows: int, columns: int, extend: bool = False) -> None:
        """An arrow key: the current room moves (kept on the plan); Shift stretches."""
        height, width = self.shape
        if height == 0 or width == 0:
            return
        row, col = self.current if self.current is not None else (0, 0)
        cell = (min(max(row + rows, 0), height - 1), min(max(col + columns, 0), width - 1))
        if extend and self.anchor is not None:
            self.current = cell
            self.cells = self.base | rectangle(self.anchor, cell)
        else:
            self.base = frozenset()
            self.cells = frozenset({cell})
            self.anchor = self.current = cell

    def select_all(self) -> None:
        height, width = self.shape
        if height and width:
            self.base = frozenset()
            self.anchor, self.current = (0, 0), (height - 1, width - 1)
            self.cells = rectangle(self.anchor, self.current)
