"""Single-atom moves between neighbouring parts that never split a part:
to even the households out, to shorten the boundaries, or to bring parts
into a band with as few moves as possible."""

from __future__ import annotations

import numpy as np

from gridmap.cancel import Cancelled
from gridmap.partition.graph import Neighbours
import itertools

MAX_PASSES = 40


class Refiner:
    """Parts of the atom graph, and moves of single atoms between them."""

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
        self.labnp = np.array(self.lab, dtype=np.int64)
        pairs = [(a, b) for a in range(len(nbrs)) for b in nbrs[a] if a < b]
        self.edges = np.array(pairs, dtype=np.int64).reshape(-1, 2)

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
        """Whether part ``g`` stays in one piece without ``v``: whether v's
        neighbours in g still reach each other. Mostly they touch directly;
        else a search runs from each of them in turn, a step at a time,
        searches that meet join, and the first group of searches to run dry
        (the smaller side, if v is a cut) says no."""
        lab, nbrs = self.lab, self.nbrs
        inner = [u for u in nbrs[v] if lab[u] == g]
        if len(inner) <= 1:
            return len(self.members[g]) > 1
        owner = {u: i for i, u in enumerate(inner)}
        owner[v] = -1
        group = list(range(len(inner)))

        def find(i: int) -> int:
            while group[i] != i:
                group[i] = group[group[i]]
                i = group[i]
            return i

        groups = len(inner)
        for i, u in enumerate(inner):  # neighbours of v that touch each other
            for x in nbrs[u]:
                j = owner.get(x, -1)
                if j >= 0 and find(i) != find(j):
                    group[find(i)] = find(j)
                    groups -= 1
        if groups == 1:
            return True
        frontier = [[u] for u in inner]
        while True:
            for i, stack in enumerate(frontier):
                if not stack:
                    continue
                x = stack.pop()
                for u in nbrs[x]:
                    j = owner.get(u)
                    if j is None:
                        if lab[u] == g:
                            owner[u] = i
                            stack.append(u)
                    elif j >= 0 and find(i) != find(j):
                        group[find(i)] = find(j)
                        groups -= 1
                        if groups == 1:
                            return True
            if len({find(i) for i, stack in enumerate(frontier) if stack}) < groups:
                return False  # a group searched all it reaches without meeting the others

    def _move(self, v: int, g: int, h: int) -> None:
        self.lab[v] = h
        self.labnp[v] = h
        self.members[g].discard(v)
        self.members[h].add(v)
        self.W[g] -= self.w[v]
        self.W[h] += self.w[v]

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
        for src, dst in itertools.pairwise(path):
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
        return False

    def shorten(self, limit: list[float]) -> None:
        """Shorten the boundaries: move an atom where that costs less boundary
        and leaves both parts within their ``limit`` of the mean (households),
        or no further off than they already are."""
        T, W, w, lab = self.T, self.W, self.w, self.lab

        def choose(v: int) -> int:
            g, wv = lab[v], w[v]
            best, best_change = -1, -1e-9
            for h in {lab[u] for u in self.nbrs[v]} - {g}:
                if abs(W[g] - wv - T) > max(limit[g], abs(W[g] - T)) or \
                        abs(W[h] + wv - T) > max(limit[h], abs(W[h] - T)):
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
