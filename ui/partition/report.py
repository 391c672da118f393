"""The quality report of a proposal or of a zone's current grids: a table of
grids (households, deviation, compactness, parts; rows outside the band
tinted), summary lines, and where the old grids' staff posts go. Staff names
show (an internal tool); no resident data does."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import QTableWidget, QTableWidgetItem

from layers.render.qt import color

if TYPE_CHECKING:
    from gridmap.partition.proposal import Proposal, StaffGap
    from gridmap.partition.quality import Quality
    from gridmap.project import Project

OUT_OF_BAND_FILL = "#f6d5d1"
WARNING_INK = "#c0392b"


def _item(text: str, number: bool = False) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
    if number:
        item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    return item


def outside(households: float, band: tuple[float, float]) -> bool:
    low, high = band
    return not low - 1e-9 <= households <= high + 1e-9


class PartitionReport(QObject):
    """A QObject only for ``tr`` (lupdate files the strings under this class's name)."""

    def grid_headers(self) -> list[str]:
        return [self.tr("Code"), self.tr("Name"), self.tr("Households"), self.tr("Deviation"),
                self.tr("Polsby–Popper"), self.tr("Parts")]

    def post_headers(self) -> list[str]:
        return [self.tr("Staff"), self.tr("Role"), self.tr("From grid"), self.tr("To grid")]

    def fill_grids(self, table: QTableWidget, quality: Quality, band: tuple[float, float], locked: int = 0) -> None:
        """One row a grid, in the order of ``quality.grids`` (the first ``locked`` are locked)."""
        table.setRowCount(len(quality.grids))
        tip = self.tr("Outside the band of %1–%2 households").replace("%1", f"{band[0]:,.0f}") \
            .replace("%2", f"{band[1]:,.0f}")
        for row, g in enumerate(quality.grids):
            name = g.name or "—"
            if row < locked:
                name = self.tr("%1 (locked)").replace("%1", name)
            cells = [_item(g.code or self.tr("New")), _item(name), _item(f"{g.households:,}", True),
                     # a locked grid is not part of the mean it would deviate from
                     _item("—" if row < locked else f"{g.deviation * 100:+.1f}%", True),
                     _item(f"{g.polsby_popper:.2f}", True),
                     _item(str(g.parts), True)]
            for column, cell in enumerate(cells):
                if row >= locked and outside(g.households, band):  # locked grids are not held to the band
                    cell.setBackground(QBrush(color(OUT_OF_BAND_FILL)))
                    cell.setToolTip(tip)
                if column == 5 and g.parts > 1:
                    cell.setForeground(QBrush(color(WARNING_INK)))
                table.setItem(row, column, cell)
        table.resizeColumnsToContents()

    def summary(self, quality: Quality, band: tuple[float, float]) -> list[str]:
        """The lines under the table, shared by proposals and current grids."""
        q = quality
        lines = [
            self.tr("Max deviation from the mean: %1 (band %2–%3 households)").replace(
                "%1", f"{q.max_deviation * 100:.1f}%").replace("%2", f"{band[0]:,.0f}").replace(
                "%3", f"{band[1]:,.0f}"),
            self.tr("Mean compactness (Polsby–Popper): %1").replace("%1", f"{q.mean_polsby_popper:.2f}"),
            self.tr("Boundary between grids along streets or walls: %1 of %2 m").replace(
                "%1", f"{q.street_share * 100:.0f}%").replace("%2", f"{q.boundary_length:,.0f}"),
            self.tr("Compounds split: %1").replace("%1", "、".join(q.compounds_split) or self.tr("none")),
            self.tr("Buildings split: %1").replace("%1", str(q.buildings_split)),
        ]
        if q.coverage_ok():
            lines.append(self.tr("Coverage: valid (the grids tile the zone)"))
        else:
            lines.append(self.tr("Coverage: gaps %1 m², overlaps %2 m², outside the zone %3 m²").replace(
                "%1", f"{q.gap_area:,.0f}").replace("%2", f"{q.overlap_area:,.0f}").replace(
                "%3", f"{q.outside_area:,.0f}"))
        if not q.contiguous:
            lines.append(self.tr("Some grids are in several pieces (see Parts)"))
        if q.buildings_outside:
            lines.append(self.tr("Buildings in no grid: %1").replace("%1", str(q.buildings_outside)))
        return lines

    def proposal_summary(self, proposal: Proposal) -> list[str]:
        lines = self.summary(proposal.quality, proposal.band)
        options = proposal.options
        if proposal.quality.outside_band(*proposal.band) and not options.split_compounds and not options.rebalance:
            lines.append(self.tr("Compounds were kept whole: tick “Allow compounds to be split” to let the proposal "
                                 "cut them between buildings"))
        if proposal.split_compounds:
            lines.append(self.tr("Cut because too big for one grid: %1")
                         .replace("%1", "、".join(proposal.split_compounds)))
        if options.rebalance:
            lines.append(self.tr("Buildings moved: %1").replace("%1", str(proposal.moved_buildings)))
            lines.append(self.tr("Staff posts stay with their grids"))  # every grid keeps its id
        else:
            lines.append(self.tr("Staff posts carried: %1; orphaned (removed): %2")
                         .replace("%1", str(len(proposal.carried))).replace("%2", str(len(proposal.orphaned))))
        if proposal.staff_gaps:
            lines.append(self.tr("Posts to fill or thin out after applying: %1")
                         .replace("%1", "；".join(self.gap_text(proposal, gap) for gap in proposal.staff_gaps)))
        if proposal.weights_estimated:
            lines.append(self.tr("Households estimated from footprint area × floors"))
        lines.append(self.tr("Made in %1 s").replace("%1", f"{proposal.seconds:.2f}"))
        return lines

    def gap_text(self, proposal: Proposal, gap: StaffGap) -> str:
        if gap.low == gap.high:
            want = self.tr("exactly %1").replace("%1", str(gap.low))
        elif gap.count < gap.low:
            want = self.tr("at least %1").replace("%1", str(gap.low))
        else:
            want = self.tr("at most %1").replace("%1", str(gap.high))
        return self.tr("%1: %2 %3 (wants %4)").replace("%1", self.grid_title(proposal, gap.grid)) \
            .replace("%2", gap.role).replace("%3", str(gap.count)).replace("%4", want)

    def grid_title(self, proposal: Proposal, index: int) -> str:
        """How a proposed grid is named in the posts table: its kept name and its row, or its row."""
        grid = proposal.grids[index]
        row = len(proposal.locked) + index + 1
        return f"{grid.name} ({row})" if grid.name else self.tr("New grid %1").replace("%1", str(row))

    def fill_posts(self, table: QTableWidget, project: Project, proposal: Proposal | None) -> None:
        """Where each zone post of a replaced grid goes; orphaned posts tinted."""
        carries = [] if proposal is None else proposal.carries
        table.setRowCount(len(carries))
        staff, zones = project.tables["staff"], project.tables["zones"]
        for row, carry in enumerate(carries):
            person = staff.get(carry.assignment.staff_id)
            old = zones.get(carry.old_zone)
            to = self.grid_title(proposal, carry.new_grid) if carry.new_grid is not None \
                else self.tr("none: the post is removed")
            cells = [_item(person.name if person else "?"), _item(carry.assignment.role),
                     _item(old.name if old else str(carry.old_zone)), _item(to)]
            for column, cell in enumerate(cells):
                if carry.new_grid is None:
                    cell.setBackground(QBrush(color(OUT_OF_BAND_FILL)))
                table.setItem(row, column, cell)
        table.resizeColumnsToContents()
