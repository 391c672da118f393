"""The atom graph: its connected pieces, and regions grown through it.

A neighbour table gives, per atom, each neighbour and a value for the
boundary between them (what it costs, or how long it is).
"""

from __future__ import annotations

import heapq
from collections.abc import Collection, Mapping, Sequence

import numpy as np

Neighbours = Sequence[Mapping[int, float]]


def components(nbrs: Neighbours, nodes) -> list[list[int]]:
    """The connected pieces of ``nodes``, each in the order it was reached."""
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


def grow(nbrs: Neighbours, part: Collection[int], keys) -> list[int]:
    """The atoms of the connected ``part`` in the order a region grown from
    the lowest key takes them: always the lowest key among those it touches,
    so every prefix is one piece."""
    start = min(part, key=keys.__getitem__)
    queued = {start}
    heap = [(keys[start], start)]
    order = []
    while heap:
        _, v = heapq.heappop(heap)
        order.append(v)
        for u in nbrs[v]:
            if u in part and u not in queued:
                queued.add(u)
                heapq.heappush(heap, (keys[u], u))
    return order


def prefix_edges(order: list[int], values: Neighbours) -> tuple[np.ndarray, np.ndarray]:
    """For every prefix of ``order`` (a sweep over a part): the sum of the
    values on edges inside the prefix, and on edges from it to the rest of
    the part."""
    rank = {v: i for i, v in enumerate(order)}
    inner = [0.0] * len(order)
    touching = [0.0] * len(order)
    for i, v in enumerate(order):
        for u, value in values[v].items():
            j = rank.get(u)
            if j is not None:
                touching[i] += value
                if j < i:
                    inner[i] += value
    inside = np.cumsum(inner)
    return inside, np.cumsum(touching) - 2 * inside
