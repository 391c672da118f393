"""Dividing the atom graph into k connected parts with nearly equal households,
round shapes and boundaries that keep to the streets.

A first division comes from recursive bisection: each cut grows one side from an
end of the area, atom by atom in sweep order and always through neighbours,
and stops where the households are right and the boundary costs least (a
boundary along a street costs a fraction of one between buildings). Then
single atoms move between neighbouring grids to even the households out
(refine.py), and a grid still off is re-cut together with a neighbour; then
pairs of grids are re-cut and atoms moved or swapped to make the grids rounder
within the balance reached (compact.py); last, boundaries are shortened where
that costs no evenness. No move ever splits a grid in two.
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable

import numpy as np

from gridmap.cancel import Cancelled
from gridmap.partition.atoms import Atoms
from gridmap.partition.compact import Compactor
from gridmap.partition.graph import Neighbours, components, grow, prefix_edges
from gridmap.partition.refine import Refiner

SLACK = 0.015  # of a grid's households: cuts this much less even than the best are still weighed for length
EVEN = 0.02  # balancing aims at every grid within this of the mean (or the tolerance, if tighter)
ROUNDS = 3  # of re-cutting and annealing for round shapes, while a round still helps
ROUNDER = 0.005  # of mean Polsby–Popper: a round that gains less than this is the last


class Infeasible(ValueError):
    """The area cannot be divided as asked: ``key`` says why (a key of
    messages.REFUSALS), ``pieces`` how many it has where it needs ``k``."""

    def __init__(self, key: str, pieces: int, k: int) -> None:
        self.key, self.pieces = key, pieces
        super().__init__(f"{key}: {pieces} pieces for {k} grids")


def divide(atoms: Atoms, k: int, *, tolerance: float = 0.10, cancelled: Callable[[], bool] | None = None,
           progress: Callable[[float], None] | None = None) -> np.ndarray:
    """A label 0 … k-1 per atom: k connected parts, households even where the
    atoms allow it and never further off than ``tolerance`` for the sake of
    a rounder shape."""
    weight = np.asarray(atoms.weight, dtype=float)
    if weight.sum() <= 0:
        weight = np.asarray(atoms.area, dtype=float)  # nothing to count: divide the ground
    if int((weight > 0).sum()) < k:
        raise Infeasible("too_few_pieces", int((weight > 0).sum()), k)
    nbrs = atoms.neighbours()
    labels = _bisected(weight, atoms.xy, atoms.area, nbrs, k, cancelled, progress)
    parts = Compactor(labels, k, weight, nbrs, cancelled, atoms)
    even = min(EVEN, tolerance)
    parts.balance(even)
    parts.even_out(even)
    if progress:
        progress(0.65)
    bound = parts.bounds(tolerance)
    chance = random.Random(0)  # the same atoms give the same division
    for round_ in range(ROUNDS):
        before = parts.roundness()
        parts.recombine(bound, chance)
        parts.anneal(bound, chance)
        if progress:
            progress(0.65 + 0.3 * (round_ + 1) / ROUNDS)
        if parts.roundness() < before + ROUNDER:
            break
    parts.shorten([min(even * parts.T, room) for room in bound])
    if progress:
        progress(1.0)
    return parts.labels


def rebalance(labels: np.ndarray, k: int, weight: np.ndarray, nbrs: Neighbours, low: float, high: float, *,
              cancelled: Callable[[], bool] | None = None) -> np.ndarray:
    """``labels`` with as few atoms moved as it takes to bring every part into
    [low, high] households (as near as the atoms allow)."""
    parts = Refiner(np.array(labels, dtype=np.int64), k, np.asarray(weight, dtype=float), nbrs, cancelled)
    parts.into_band(low, high)
    return parts.labels


def _bisected(weight, xy, area, nbrs: Neighbours, k: int, cancelled, progress) -> np.ndarray:
    """The first division: the separate pieces of the area share the grids out,
    and each piece is cut in two, and the halves again, down to one grid."""
    labels = np.full(len(weight), -1, dtype=np.int64)
    parts = components(nbrs, range(len(weight)))
    shares = _allocate([float(weight[p].sum()) for p in parts], k)
    next_label = 0
    pending: list[tuple[list[int], int, int]] = []
    for part, grids in zip(parts, shares):
        if grids:
            pending.append((part, grids, next_label))
            next_label += grids
    solver = _Bisector(weight, xy, area, nbrs, k, cancelled)
    done = 0
    while pending:
        part, grids, first = pending.pop()
        if grids == 1:
            labels[part] = first
            done += 1
            if progress:
                progress(0.5 * done / k)
            continue
        side_a, side_b = solver.bisect(part, grids // 2, grids)
        pending.append((side_b, grids - grids // 2, first + grids // 2))
        pending.append((side_a, grids // 2, first))
    _attach_strays(labels, xy, parts, shares)
    return labels


def _allocate(totals: list[float], k: int) -> list[int]:
    """Grids per separate piece of the area, by largest remainder; a piece too
    small for a grid of its own gets none (it joins the nearest grid)."""
    whole = sum(totals)
    mean = whole / k
    quota = [t / mean for t in totals]
    shares = [int(q) for q in quota]
    for i, q in enumerate(quota):
        if shares[i] == 0 and q >= 0.5:
            shares[i] = 1
    while sum(shares) > k:
        i = max((i for i, s in enumerate(shares) if s > 1 or (s == 1 and quota[i] < 1)),
                key=lambda i: shares[i] - quota[i], default=None)
        if i is None:
            raise Infeasible("separate_pieces", sum(1 for s in shares if s), k)
        shares[i] -= 1
    while sum(shares) < k:
        i = max(range(len(totals)), key=lambda i: quota[i] - shares[i])
        shares[i] += 1
    return shares


def _attach_strays(labels: np.ndarray, xy: np.ndarray, parts: list[list[int]], shares: list[int]) -> None:
    """Pieces without a grid of their own join the grid nearest to them."""
    placed = np.flatnonzero(labels >= 0)
    for part, grids in zip(parts, shares):
        if grids:
            continue
        centre = xy[part].mean(axis=0)
        nearest = placed[np.argmin(np.hypot(*(xy[placed] - centre).T))]
        labels[part] = labels[nearest]


class _Bisector:
    """Cuts a part in two along the cheapest boundary that shares its households as asked."""

    def __init__(self, weight, xy, area, nbrs, k: int, cancelled) -> None:
        self.weight, self.xy, self.area, self.nbrs, self.k, self.cancelled = weight, xy, area, nbrs, k, cancelled
        self.w = weight.tolist()

    def bisect(self, part: list[int], grids_a: int, grids: int) -> tuple[list[int], list[int]]:
        if self.cancelled is not None and self.cancelled():
            raise Cancelled()
        idx = np.asarray(part)
        total = float(self.weight[idx].sum())
        target = total * grids_a / grids
        slack = SLACK * total / grids
        member = set(part)
        need = (grids_a, grids - grids_a)
        candidates = []
        for keys in self._sweep_keys(idx):
            order = grow(self.nbrs, member, keys)
            _, cuts = prefix_edges(order, self.nbrs)
            candidates.append(self._cut(order, np.cumsum(self.weight[order]), cuts, target, slack, member, need))
        best_dev = min(c[0] for c in candidates)
        if best_dev == math.inf:  # no cut leaves each side a building (or compound) per grid
            # said of the whole area: the planner asked for k grids, not for this part's share
            raise Infeasible("pieces_apart", int((self.weight > 0).sum()), self.k)
        _dev, _cut, side = min((c for c in candidates if c[0] <= best_dev + slack), key=lambda c: c[1])
        rest = [v for v in part if v not in side]
        return sorted(side), rest

    def _sweep_keys(self, idx: np.ndarray):
        """Sweep orders across the part's long axis and at angles to it, from either end."""
        xy = self.xy[idx]
        w = self.area[idx] + 1e-9
        centre = (xy * w[:, None]).sum(axis=0) / w.sum()
        d = xy - centre
        cov = (d * w[:, None]).T @ d
        _values, vectors = np.linalg.eigh(cov)
        base = math.atan2(vectors[1, -1], vectors[0, -1])  # the long axis: cuts go across it
        turns = (0.0, math.pi / 4, math.pi / 2, 3 * math.pi / 4) if len(idx) < 4000 else (0.0, math.pi / 2)
        atoms = idx.tolist()
        for turn in turns:
            along = (d @ np.array([math.cos(base + turn), math.sin(base + turn)])).tolist()
            yield dict(zip(atoms, along))
            yield dict(zip(atoms, [-x for x in along]))

    def _cut(self, order, weights, cuts, target, slack, member: set[int], need: tuple[int, int]):
        """The cheapest prefix about as even as the most even one, with the
        other side made whole again (its cut-off bits join the grown side);
        each side keeps at least ``need`` atoms with households, one per grid."""
        counted = np.cumsum(self.weight[order] > 0)
        allowed = (counted[:-1] >= need[0]) & (counted[-1] - counted[:-1] >= need[1])
        if not allowed.any():
            return (math.inf, math.inf, set(order))
        dev = np.where(allowed, np.abs(weights[:-1] - target), math.inf)
        near = np.flatnonzero(dev <= dev.min() + slack)
        i = int(near[np.argmin(cuts[near])])
        side = set(order[:i + 1])
        pieces = components(self.nbrs, order[i + 1:])
        if len(pieces) > 1:
            keep = max(pieces, key=lambda p: sum(self.w[v] for v in p))
            for piece in pieces:
                if piece is not keep:
                    side.update(piece)
            if sum(1 for v in keep if self.w[v] > 0) < need[1]:
                return (math.inf, math.inf, side)
        total = sum(self.w[v] for v in side)
        cut = sum(c for v in side for u, c in self.nbrs[v].items() if u in member and u not in side)
        return (abs(total - target), cut, side)
