"""Rounder grids at the balance already reached.

Bisection and balancing leave the grids even but often long or ragged: a
grid is whatever lay along the sweep. Here each grid's shape is scored by its
Polsby–Popper compactness, 4π·area / perimeter², and two searches raise the
sum: pairs of neighbouring grids are merged and cut again where a sweep finds
a rounder pair (a recombination, as in redistricting's ReCom), and single
atoms are moved or swapped between grids by simulated annealing. Balance is
what the planner asked for, so it is a hard bound on every move, never a
price: a grid may drift no further from the mean than the worst grid after
balancing, and never past the tolerance.

Areas and perimeters are kept per grid and changed move by move (an atom's
outline less twice what it shares with its old grid, plus twice what it
shares with the new), so no shape is ever built here.
"""

from __future__ import annotations

import math
import random
from typing import NamedTuple

import numpy as np

from gridmap.partition.atoms import Atoms
from gridmap.partition.graph import components, grow, prefix_edges
from gridmap.partition.refine import Refiner

SWEEPS = 8  # directions a merged pair is cut in
TRIED = 3  # most promising cuts per sweep checked for a whole remainder
STEPS_PER_ATOM = 50  # annealing moves tried per atom and round
HOT, COLD = 0.05, 0.0003  # annealing temperatures, in Polsby–Popper
SWAP = 0.5  # share of annealing moves that swap two atoms rather than move one
FOUR_PI = 4 * math.pi


def roundness(area: float, perimeter: float) -> float:
    return FOUR_PI * area / (perimeter * perimeter) if perimeter > 0 else 0.0


class _Cut(NamedTuple):
    households: np.ndarray
    area: np.ndarray
    outline: np.ndarray
    rest_area: np.ndarray
    rest_outline: np.ndarray


class Compactor(Refiner):
    """Parts that also know their area and perimeter."""

    def __init__(self, labels: np.ndarray, k: int, weight: np.ndarray, nbrs, cancelled, atoms: Atoms) -> None:
        super().__init__(labels, k, weight, nbrs, cancelled)
        self.atoms, self.weights = atoms, np.asarray(weight, float)  # arrays, for whole sweeps
        self.area, self.outline = atoms.area.tolist(), atoms.perimeter.tolist()  # lists, for one atom at a time
        self.lengths = atoms.neighbours(atoms.edge_length)
        self.A = [0.0] * k
        self.P = [0.0] * k
        for v, g in enumerate(self.lab):
            self.A[g] += self.area[v]
            self.P[g] += self.outline[v] - sum(x for u, x in self.lengths[v].items() if self.lab[u] == g)

    def roundness(self) -> float:
        """The mean Polsby–Popper compactness of the parts."""
        return sum(roundness(a, p) for a, p in zip(self.A, self.P)) / self.k

    def bounds(self, tolerance: float) -> list[float]:
        """Per part, how far its households may be from the mean: as far as
        the worst part is now (but not past ``tolerance``), or as far as it
        is itself if that is further."""
        worst = max(abs(x - self.T) for x in self.W)
        room = min(worst, tolerance * self.T)
        return [max(room, abs(x - self.T)) for x in self.W]

    def _after(self, v: int, g: int, h: int) -> tuple[float, float, float, float]:
        """Area and perimeter of g and of h with v moved from g to h."""
        on_g = on_h = 0.0
        lab = self.lab
        for u, length in self.lengths[v].items():
            x = lab[u]
            if x == g:
                on_g += length
            elif x == h:
                on_h += length
        a, p = self.area[v], self.outline[v]
        return self.A[g] - a, self.P[g] - p + 2 * on_g, self.A[h] + a, self.P[h] + p - 2 * on_h

    def _move(self, v: int, g: int, h: int) -> None:
        self.A[g], self.P[g], self.A[h], self.P[h] = self._after(v, g, h)
        super()._move(v, g, h)

    def _gain(self, v: int, g: int, h: int) -> float:
        """How much rounder g and h are together with v moved from g to h."""
        ag, pg, ah, ph = self._after(v, g, h)
        if ag <= 0:
            return -math.inf
        return (roundness(ag, pg) + roundness(ah, ph)
                - roundness(self.A[g], self.P[g]) - roundness(self.A[h], self.P[h]))

    # -- recombination -------------------------------------------------------------------

    def recombine(self, bound: list[float], chance: random.Random) -> int:
        """Merge each pair of neighbouring parts and cut it again where that
        makes the two rounder together, both within their bounds. Returns the
        pairs re-cut."""
        pairs = sorted((g, h) for g, near in enumerate(self._part_graph()) for h in near if g < h)
        chance.shuffle(pairs)
        recut = 0
        for g, h in pairs:
            self._check()
            total = self.W[g] + self.W[h]
            low = max(self.T - bound[g], total - self.T - bound[h])
            high = min(self.T + bound[g], total - self.T + bound[h])
            if low > high:
                continue

            def rounder(order: list[int], low: float = low, high: float = high) -> np.ndarray:
                cut = self._cuts(order)
                ok = (cut.households >= low - 1e-9) & (cut.households <= high + 1e-9)
                return np.where(ok, FOUR_PI * (cut.area / cut.outline ** 2
                                               + cut.rest_area / cut.rest_outline ** 2), -np.inf)

            now = roundness(self.A[g], self.P[g]) + roundness(self.A[h], self.P[h])
            recut += self._recut(g, h, rounder, now)
        return recut

    def even_out(self, tolerance: float, rounds: int = 5) -> int:
        """Where single moves and chains leave a part off the mean by more
        than ``tolerance`` (whole compounds move only in big steps), merge it
        with a neighbour and cut the pair again where the worse of the two
        comes nearer the mean. Returns the pairs re-cut."""
        T, W = self.T, self.W
        recut = 0
        for _ in range(rounds):
            graph = self._part_graph()
            before = recut
            for g in sorted(range(self.k), key=lambda g: (-abs(W[g] - T), g)):
                self._check()
                if abs(W[g] - T) <= tolerance * T:
                    break
                for h in sorted(graph[g], key=lambda h: (-abs(W[h] - T), h)):
                    total = W[g] + W[h]

                    def evener(order: list[int], total: float = total) -> np.ndarray:
                        households = np.cumsum(self.weights[order])[:-1]
                        return -np.maximum(np.abs(households - T), np.abs(total - households - T))

                    if self._recut(g, h, evener, -max(abs(W[g] - T), abs(W[h] - T))):
                        recut += 1
                        break
            if recut == before:
                break
        return recut

    def _recut(self, g: int, h: int, score, now: float) -> bool:
        """Cut g ∪ h again where a sweep scores higher than ``now`` (``score``
        maps a sweep's order to a score per prefix, -inf where not allowed),
        each side in one piece; g keeps the side grown first. True if it was cut."""
        merged = self.members[g] | self.members[h]
        atoms = sorted(merged)
        d = self.atoms.xy[atoms] - self.atoms.xy[atoms].mean(axis=0)
        best, found = now + 1e-9, None
        for turn in range(SWEEPS):
            angle = 2 * math.pi * turn / SWEEPS
            keys = dict(zip(atoms, (d @ np.array([math.cos(angle), math.sin(angle)])).tolist()))
            order = grow(self.nbrs, merged, keys)
            if len(order) < len(merged):
                return False  # no longer neighbours: an earlier re-cut took their shared edge
            scores = score(order)
            for i in np.argsort(-scores, kind="stable")[:TRIED].tolist():
                if scores[i] <= best:
                    break
                if len(components(self.nbrs, order[i + 1:])) == 1:
                    best, found = float(scores[i]), set(order[:i + 1])
                    break
        if found is None:
            return False
        for v in [v for v in self.members[h] if v in found]:
            self._move(v, h, g)
        for v in [v for v in self.members[g] if v not in found]:
            self._move(v, g, h)
        return True

    def _cuts(self, order: list[int]) -> _Cut:
        """Households, area and outline of each prefix of a sweep (all but
        the whole) and of the rest."""
        inside, cut = prefix_edges(order, self.lengths)
        area = np.cumsum(self.atoms.area[order])
        outline = np.cumsum(self.atoms.perimeter[order]) - 2 * inside
        rest_area = area[-1] - area[:-1]
        rest_outline = outline[-1] - outline[:-1] + 2 * cut[:-1]
        return _Cut(np.cumsum(self.weights[order])[:-1], area[:-1], outline[:-1], rest_area, rest_outline)

    # -- annealing -----------------------------------------------------------------------

    def anneal(self, bound: list[float], chance: random.Random, steps_per_atom: int = STEPS_PER_ATOM) -> None:
        """Simulated annealing over moves of an atom across a boundary and
        swaps of two atoms across one; keeps the roundest parts it saw."""
        lab = self.lab
        ends = self.edges.tolist()
        steps = steps_per_atom * len(lab)
        gained = best_gained = 0.0
        since_best: list[tuple[int, int, int]] = []  # moves made since the roundest state seen
        rand = chance.random
        crossing: list[list[int]] = []
        for tried in range(steps):
            if tried % 1024 == 0:  # the edges between parts, drawn from until the next refresh
                self._check()
                temperature = HOT * (COLD / HOT) ** (tried / steps)
                crossing = [e for e in ends if lab[e[0]] != lab[e[1]]]
                if not crossing:
                    break  # one part, or parts that do not touch: nothing to move
            a, b = crossing[int(rand() * len(crossing))]
            if lab[a] == lab[b]:
                continue  # no longer between parts
            v, u = (a, b) if rand() < 0.5 else (b, a)
            g, h = lab[v], lab[u]
            if rand() < SWAP:
                gain = self._try_swap(v, g, h, bound, temperature, rand, since_best)
            else:
                gain = self._try_move(v, g, h, bound, temperature, rand, since_best)
            if gain is None:
                continue
            gained += gain
            if gained > best_gained + 1e-12:
                best_gained = gained
                since_best.clear()
        for v, g, h in reversed(since_best):
            self._move(v, h, g)

    def _accept(self, gain: float, temperature: float, rand) -> bool:
        return gain >= 0 or rand() < math.exp(gain / temperature)

    def _try_move(self, v, g, h, bound, temperature, rand, journal) -> float | None:
        W, T, wv = self.W, self.T, self.w[v]
        if abs(W[g] - wv - T) > bound[g] or abs(W[h] + wv - T) > bound[h]:
            return None
        gain = self._gain(v, g, h)
        if not self._accept(gain, temperature, rand) or not self._stays_whole(v, g):
            return None
        self._move(v, g, h)
        journal.append((v, g, h))
        return gain

    def _try_swap(self, v, g, h, bound, temperature, rand, journal) -> float | None:
        """v goes from g to h and an atom of h near v comes back to g."""
        lab, lengths = self.lab, self.lengths
        near = [y for x in lengths[v] if lab[x] == g for y in lengths[x] if lab[y] == h and y != v]
        if not near:
            return None
        u = near[int(rand() * len(near))]
        W, T, change = self.W, self.T, self.w[v] - self.w[u]
        if abs(W[g] - change - T) > bound[g] or abs(W[h] + change - T) > bound[h]:
            return None
        if not self._stays_whole(v, g):
            return None
        first = self._gain(v, g, h)
        self._move(v, g, h)
        second = self._gain(u, h, g)
        gain = first + second
        if self._accept(gain, temperature, rand) and self._stays_whole(u, h):
            self._move(u, h, g)
            journal.extend(((v, g, h), (u, h, g)))
            return gain
        self._move(v, h, g)
        return None
