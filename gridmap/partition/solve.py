"""Dividing the atom graph into k connected parts with nearly equal households
and short boundaries that keep to the streets.

A first plan comes from recursive bisection: each cut grows one side from an
end of the area, atom by atom in sweep order and always through neighbours,
and stops where the households are right and the boundary costs least (a
boundary along a street costs a fraction of one between buildings). Then
single atoms move between neighbouring grids, first to even the households
out, then to shorten the boundaries, and never so that a grid falls in two.
"""

from __future__ import annotations

import heapq
import math
from typing import Callable, Sequence

import numpy as np

from gridmap.cancel import Cancelled

Neighbours = Sequence[dict[int, float]]
SLACK = 0.015  # of a grid's households: cuts this much less even than the best are still weighed for length
MAX_PASSES = 40


class Infeasible(ValueError):
    """The area cannot be divided as asked (too few buildings for the grids)."""


def divide(weight: np.ndarray, xy: np.ndarray, area: np.ndarray, nbrs: Neighbours, k: int, *,
           tolerance: float = 0.02, cancelled: Callable[[], bool] | None = None,
           progress: Callable[[float], None] | None = None) -> np.ndarray:
    """A label 0 … k-1 per atom: k connected parts, households within
    ``tolerance`` of the mean where the atoms allow it."""
    n = len(weight)
    weight = np.asarray(weight, dtype=float)
    if weight.sum() <= 0:
        weight = np.asarray(area, dtype=float)  # nothing to count: divide the ground
    if int((weight > 0).sum()) < k:
        raise Infeasible(f"it holds only {int((weight > 0).sum())} pieces with households (whole compounds and "
                         f"buildings outside them) for {k} grids")
    labels = np.full(n, -1, dtype=np.int64)
    parts = _components(nbrs, range(n))
    shares = _allocate([float(weight[p].sum()) for p in parts], k)
    next_label = 0
    pending: list[tuple[list[int], int, int]] = []
    for part, grids in zip(parts, shares):
        if grids:
            pending.append((part, grids, next_label))
            next_label += grids
    solver = _Bisector(weight, xy, area, nbrs, cancelled)
    done = 0
    while pending:
        part, grids, first = pending.pop()
        if grids == 1:
            labels[part] = first
            done += 1
            if progress:
                progress(0.6 * done / k)
            continue
        side_a, side_b = solver.bisect(part, grids // 2, grids)
        pending.append((side_b, grids - grids // 2, first + grids // 2))
        pending.append((side_a, grids // 2, first))
    _attach_strays(labels, xy, parts, shares)
    refine = _Refiner(labels, k, weight, nbrs, cancelled)
    refine.balance(tolerance)
    if progress:
        progress(0.8)
    refine.shorten(tolerance)
    if progress:
        progress(1.0)
    return refine.labels


def rebalance(labels: np.ndarray, k: int, weight: np.ndarray, nbrs: Neighbours, low: float, high: float, *,
              cancelled: Callable[[], bool] | None = None) -> np.ndarray:
    """``labels`` with as few atoms moved as it takes to bring every part into
    [low, high] households (as near as the atoms allow)."""
    refine = _Refiner(np.array(labels, dtype=np.int64), k, np.asarray(weight, dtype=float), nbrs, cancelled)
    refine.into_band(low, high)
    return refine.labels


def _components(nbrs: Neighbours, nodes) -> list[list[int]]:
    nodes = list(nodes)
    allowed = set(nodes)
    seen: set[int] = set()
    out = []
    for start in nodes:
        if start in seen:
            continue
        seen.add(start)
        comp, stack = [start], [start]
        while stack:
            v = stack.pop()
            for u in nbrs[v]:
                if u in allowed and u not in seen:
                    seen.add(u)
                    comp.append(u)
                    stack.append(u)
        out.append(comp)
    return out


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
            raise Infeasible(f"the area is in {sum(1 for s in shares if s)} separate pieces: more than {k} grids")
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
    def __init__(self, weight, xy, area, nbrs, cancelled) -> None:
        self.weight, self.xy, self.area, self.nbrs, self.cancelled = weight, xy, area, nbrs, cancelled
        self.w = weight.tolist()

    def bisect(self, part: list[int], grids_a: int, grids: int) -> tuple[list[int], list[int]]:
        if self.cancelled is not None and self.cancelled():
            raise Cancelled()
        idx = np.asarray(part)
        total = float(self.weight[idx].sum())
        target = total * grids_a / grids
        slack = SLACK * total / grids
        member = bytearray(len(self.w))
        for v in part:
            member[v] = 1
        candidates = []
        for key in self._sweep_keys(idx):
            order, weights, cuts = self._sweep(part, key, member)
            candidates.append(self._cut(order, weights, cuts, target, slack, member))
        best_dev = min(c[0] for c in candidates)
        dev, cut, side = min((c for c in candidates if c[0] <= best_dev + slack), key=lambda c: c[1])
        rest = [v for v in part if v not in side]
        return sorted(side), rest

    def _sweep_keys(self, idx: np.ndarray):
        xy = self.xy[idx]
        w = self.area[idx] + 1e-9
        centre = (xy * w[:, None]).sum(axis=0) / w.sum()
        d = xy - centre
        cov = (d * w[:, None]).T @ d
        values, vectors = np.linalg.eigh(cov)
        base = math.atan2(vectors[1, -1], vectors[0, -1])  # the long axis: cuts go across it
        turns = (0.0, math.pi / 4, math.pi / 2, 3 * math.pi / 4) if len(idx) < 4000 else (0.0, math.pi / 2)
        for turn in turns:
            along = d @ np.array([math.cos(base + turn), math.sin(base + turn)])
            full = np.zeros(len(self.w))
            full[idx] = along
            yield full
            yield -full

    def _sweep(self, part: list[int], key: np.ndarray, member: bytearray):
        """Grow from the atom first in ``key`` order through neighbours, in key order."""
        nbrs, w, keys = self.nbrs, self.w, key.tolist()
        start = min(part, key=keys.__getitem__)
        taken = bytearray(len(w))
        queued = bytearray(len(w))
        queued[start] = 1
        heap = [(keys[start], start)]
        order, weights, cuts = [], [], []
        total = cut = 0.0
        while heap:
            _, v = heapq.heappop(heap)
            taken[v] = 1
            total += w[v]
            for u, c in nbrs[v].items():
                if not member[u]:
                    continue
                if taken[u]:
                    cut -= c
                else:
                    cut += c
                    if not queued[u]:
                        queued[u] = 1
                        heapq.heappush(heap, (keys[u], u))
            order.append(v)
            weights.append(total)
            cuts.append(cut)
        return order, np.array(weights), np.array(cuts)

    def _cut(self, order, weights, cuts, target, slack, member):
        """The cheapest prefix about as even as the most even one, with the
        other side made whole again (its cut-off bits join the grown side)."""
        dev = np.abs(weights[:-1] - target)
        if not len(dev):
            return (math.inf, math.inf, set(order))
        near = np.flatnonzero(dev <= dev.min() + slack)
        i = int(near[np.argmin(cuts[near])])
        side = set(order[:i + 1])
        rest = [v for v in order[i + 1:]]
        pieces = _components(self.nbrs, rest)
        if len(pieces) > 1:
            keep = max(pieces, key=lambda p: sum(self.w[v] for v in p))
            for piece in pieces:
                if piece is not keep:
                    side.update(piece)
        total = sum(self.w[v] for v in side)
        cut = sum(c for v in side for u, c in self.nbrs[v].items() if member[u] and u not in side)
        return (abs(total - target), cut, side)


class _Refiner:
    """Single-atom moves between neighbouring parts that keep every part in one piece."""

    def __init__(self, labels: np.ndarray, k: int, weight: np.ndarray, nbrs: Neighbours, cancelled) -> None:
        self.lab = labels.tolist()
        self.k, self.nbrs, self.cancelled = k, nbrs, cancelled
        self.w = weight.tolist()
        self.members: list[set[int]] = [set() for _ in range(k)]
        for v, g in enumerate(self.lab):
            if g >= 0:
                self.members[g].add(v)
        self.W = [sum(self.w[v] for v in m) for m in self.members]
        self.T = sum(self.W) / k
        self.moved: set[int] = set()
        self.labnp = np.array(self.lab, dtype=np.int64)
        self.edges = np.array([(a, b) for a in range(len(nbrs)) for b in nbrs[a] if a < b], dtype=np.int64).reshape(-1, 2)

    @property
    def labels(self) -> np.ndarray:
        return np.array(self.lab, dtype=np.int64)

    def _check(self) -> None:
        if self.cancelled is not None and self.cancelled():
            raise Cancelled()

    def _boundary(self) -> list[int]:
        lab = self.lab
        return [v for v in range(len(lab)) if any(lab[u] != lab[v] for u in self.nbrs[v])]

    def _stays_whole(self, v: int, g: int) -> bool:
        """Whether part ``g`` stays in one piece without ``v``: enough that v's
        neighbours in g still reach each other."""
        lab, nbrs = self.lab, self.nbrs
        inner = [u for u in nbrs[v] if lab[u] == g]
        if len(inner) <= 1:
            return len(self.members[g]) > 1
        targets = set(inner[1:])
        seen = {v, inner[0]}
        stack = [inner[0]]
        while stack:
            x = stack.pop()
            for u in nbrs[x]:
                if u not in seen and lab[u] == g:
                    if u in targets:
                        targets.discard(u)
                        if not targets:
                            return True
                    seen.add(u)
                    stack.append(u)
        return not targets

    def _move(self, v: int, g: int, h: int) -> None:
        self.lab[v] = h
        self.labnp[v] = h
        self.members[g].discard(v)
        self.members[h].add(v)
        self.W[g] -= self.w[v]
        self.W[h] += self.w[v]
        self.moved.add(v)

    def _cost_change(self, v: int, g: int, h: int) -> float:
        """What the boundary costs more (or less, negative) with v moved from g to h."""
        change = 0.0
        for u, c in self.nbrs[v].items():
            if self.lab[u] == g:
                change += c
            elif self.lab[u] == h:
                change -= c
        return change

    def balance(self, tolerance: float) -> None:
        """Even the households out: single moves downhill, then chains of moves
        through the parts between a heavy part and a light one."""
        self._descend(tolerance)
        if self._chains(tolerance):
            self._descend(tolerance)

    def _descend(self, tolerance: float) -> None:
        """Move atoms from heavier parts to lighter neighbours while one of the
        two is off the mean by more than ``tolerance`` (each move lowers the
        sum of squared deviations)."""
        T, W, w, lab = self.T, self.W, self.w, self.lab
        band = tolerance * T

        def choose(v: int) -> int:
            g, wv = lab[v], w[v]
            best, best_gain = -1, 0.0
            if wv > 0:
                for h in {lab[u] for u in self.nbrs[v]} - {g}:
                    if W[g] - W[h] <= wv or (abs(W[g] - T) <= band and abs(W[h] - T) <= band):
                        continue
                    gain = self._evener(g, h, wv) - 1e-6 * self._cost_change(v, g, h)
                    if gain > best_gain:
                        best, best_gain = h, gain
            return best

        self._passes(MAX_PASSES * 5, choose, lambda v: -abs(W[lab[v]] - T))

    def _passes(self, limit: int, choose, order=None) -> None:
        """Passes over the boundary atoms, each moved to the part ``choose``
        names (-1: stays) if its own part stays whole, until a pass moves none."""
        for _ in range(limit):
            self._check()
            moved = 0
            boundary = self._boundary()
            for v in sorted(boundary, key=order) if order else boundary:
                g, h = self.lab[v], choose(v)
                if h >= 0 and self._stays_whole(v, g):
                    self._move(v, g, h)
                    moved += 1
            if not moved:
                return

    def _evener(self, g: int, h: int, wv: float) -> float:
        """How much the sum of squared deviations falls with ``wv`` moved from g to h."""
        T, W = self.T, self.W
        return (W[g] - T) ** 2 + (W[h] - T) ** 2 - (W[g] - wv - T) ** 2 - (W[h] + wv - T) ** 2

    def _part_graph(self) -> list[set[int]]:
        a, b = self.labnp[self.edges[:, 0]], self.labnp[self.edges[:, 1]]
        out: list[set[int]] = [set() for _ in range(self.k)]
        for x, y in np.unique(np.column_stack([a, b])[a != b], axis=0).tolist():
            out[x].add(y)
        return out

    def _chains(self, tolerance: float, targets: int = 6) -> bool:
        """Where no single move helps (a heavy part's neighbours are all about
        as heavy), pass households along a path of parts to a light one: each
        part on the way gives on about what it takes. Kept only if the sum of
        squared deviations falls. True if anything moved."""
        T, W = self.T, self.W
        band = tolerance * T
        tried: set[tuple[int, int]] = set()
        anything = False
        for _ in range(20 * self.k):
            self._check()
            graph = self._part_graph()
            worst = sorted(range(self.k), key=lambda g: -abs(W[g] - T))
            done = False
            for g in worst:
                if abs(W[g] - T) <= band:
                    break
                heavy = W[g] > T
                parent = {g: -1}
                queue, found = [g], 0
                for x in queue:
                    for y in sorted(graph[x]):
                        if y in parent:
                            continue
                        parent[y] = x
                        queue.append(y)
                        if (W[y] < T) == heavy and (g, y) not in tried:
                            path = [y]
                            while parent[path[-1]] != -1:
                                path.append(parent[path[-1]])
                            path.reverse()  # g … y
                            tried.add((g, y))
                            if self._pass_along(path if heavy else path[::-1]):
                                done = anything = True
                                tried.clear()
                                break
                            found += 1
                            if found >= targets:
                                break
                    if done or found >= targets:
                        break
                if done:
                    break
            if not done:
                return anything
        return anything

    def _pass_along(self, path: list[int]) -> bool:
        """Move atoms from path[0] towards path[-1], one step at a time."""
        T, W, w, lab = self.T, self.W, self.w, self.lab
        before = {g: W[g] for g in path}
        amount = min(W[path[0]] - T, T - W[path[-1]])
        if amount <= 0:
            return False
        done: list[tuple[int, int, int]] = []
        wanted = amount
        for src, dst in zip(path, path[1:]):
            options = sorted((abs(w[v] - wanted), v) for v in self.members[src]
                             if w[v] > 0 and any(lab[u] == dst for u in self.nbrs[v]))
            for _, v in options:
                if self._stays_whole(v, src):
                    self._move(v, src, dst)
                    done.append((v, src, dst))
                    wanted = w[v]  # the next part gives on about what it got
                    break
            else:
                break
        complete = len(done) == len(path) - 1
        if complete and sum((W[g] - T) ** 2 for g in path) < sum((x - T) ** 2 for x in before.values()) - 1e-9:
            return True
        for v, src, dst in reversed(done):
            self._move(v, dst, src)
            self.moved.discard(v)
        return False

    def shorten(self, tolerance: float) -> None:
        """Shorten the boundaries: move an atom where that costs less boundary
        and leaves both parts within ``tolerance`` of the mean, or no further
        off than they already are."""
        T, W, w, lab = self.T, self.W, self.w, self.lab
        band = tolerance * T

        def choose(v: int) -> int:
            g, wv = lab[v], w[v]
            best, best_change = -1, -1e-9
            for h in {lab[u] for u in self.nbrs[v]} - {g}:
                if abs(W[g] - wv - T) > max(band, abs(W[g] - T)) or abs(W[h] + wv - T) > max(band, abs(W[h] - T)):
                    continue
                change = self._cost_change(v, g, h)
                if change < best_change:
                    best, best_change = h, change
            return best

        self._passes(MAX_PASSES, choose)

    def into_band(self, low: float, high: float) -> None:
        """Move as few atoms as it takes to bring parts into [low, high]: the
        heaviest useful atom first, from a part out of the band to a
        neighbour with room, or along a chain of neighbours when no
        neighbour has room (each move lowers the sum of squared deviations)."""
        W, w, lab = self.W, self.w, self.lab

        def outside(x: float) -> float:
            return max(0.0, x - high, low - x)

        for _ in range(len(lab) + 1):
            self._check()
            if all(not outside(x) for x in W):
                return
            candidates = []
            for v in self._boundary():
                g, wv = lab[v], w[v]
                if wv <= 0:
                    continue
                for h in {lab[u] for u in self.nbrs[v]} - {g}:
                    if not (outside(W[g]) or outside(W[h])) or W[g] - W[h] <= wv:
                        continue
                    fixed = outside(W[g]) + outside(W[h]) - outside(W[g] - wv) - outside(W[h] + wv)
                    candidates.append(((fixed, self._evener(g, h, wv)), v, g, h))
            candidates.sort(key=lambda c: c[0], reverse=True)
            for _, v, g, h in candidates:
                if self._stays_whole(v, g):
                    self._move(v, g, h)
                    break
            else:
                return
