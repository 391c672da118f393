"""What a refused partition says, in English with named blanks.

The window shows them translated (tools/translations.sh feeds this file to
lupdate, as it does the roster's messages); the command line prints them as
they are.
"""

from __future__ import annotations

from gridmap.workbooks.messages import QT_TRANSLATE_NOOP

ASK_FEWER = QT_TRANSLATE_NOOP("Partition", "ask for fewer grids")
ASK_FEWER_OR_SPLIT = QT_TRANSLATE_NOOP("Partition", "ask for fewer grids, or allow compounds to be split")

REFUSALS: dict[str, str] = {
    "no_zone": QT_TRANSLATE_NOOP("Partition", "there is no zone {zone}"),
    "not_partitionable": QT_TRANSLATE_NOOP(
        "Partition", "{zone} is neither a community nor a grid: communities are partitioned into grids, "
                     "and grids into micro-grids"),
    "other_level": QT_TRANSLATE_NOOP(
        "Partition", "{zone} cannot be partitioned: the level below it, {level}, is neither grids nor micro-grids"),
    "nested": QT_TRANSLATE_NOOP(
        "Partition", "{child} holds zones of its own: partition the zones under {zone} one level down, "
                     "or merge their children first"),
    "lock_outside": QT_TRANSLATE_NOOP("Partition", "only grids of {zone} can be locked"),
    "nothing_to_rebalance": QT_TRANSLATE_NOOP("Partition", "{zone} has no grids to rebalance: partition it first"),
    "all_locked": QT_TRANSLATE_NOOP("Partition", "the locked grids cover all of the zone: nothing is left to divide"),
    "none_left": QT_TRANSLATE_NOOP("Partition", "{grids} grids in all leaves none beside the {locked} locked"),
    "how_many": QT_TRANSLATE_NOOP("Partition", "say how many grids, or the band of households a grid should hold"),
    "too_few_pieces": QT_TRANSLATE_NOOP(
        "Partition", "{zone} cannot be divided into {grids} grids: it holds only {pieces} pieces with households "
                     "(whole compounds and buildings outside them); {advice}"),
    "pieces_apart": QT_TRANSLATE_NOOP(
        "Partition", "{zone} cannot be divided into {grids} grids: its {pieces} pieces with households (whole "
                     "compounds and buildings outside them) do not lie so that every grid, in one piece, gets one; "
                     "{advice}"),
    "separate_pieces": QT_TRANSLATE_NOOP(
        "Partition", "{zone} cannot be divided into {grids} grids: the area is in {pieces} separate pieces; "
                     "{advice}"),
    "no_grids": QT_TRANSLATE_NOOP("Partition", "{zone} has no grids yet"),
    "stale": QT_TRANSLATE_NOOP(
        "Partition", "{zone} or its buildings changed since the proposal was made: make it again"),
}
