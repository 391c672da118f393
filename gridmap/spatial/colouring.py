"""Colour classes for leaf grids so that no two neighbours share a colour."""

from __future__ import annotations

import heapq

import numpy as np
import shapely


def neighbours(geometries: np.ndarray) -> list[set[int]]:
    """For each polygon, the indices of those sharing a stretch of boundary with it
    or overlapping it (touching at a corner only does not count, as on any map)."""
    geometries = np.asarray(geometries, dtype=object)
    result: list[set[int]] = [set() for _ in range(len(geometries))]
    if len(geometries) < 2:
        return result
    tree = shapely.STRtree(geometries)
    a, b = tree.query(geometries, predicate="intersects")
    keep = a < b
    a, b = a[keep], b[keep]
    # DE-9IM: interiors meet in an area (overlap), or boundaries meet in a line.
    matrices = shapely.relate(geometries[a], geometries[b])
    for i, j, m in zip(a, b, matrices):
        if m[0] == "2" or m[4] == "1":
            result[i].add(int(j))
            result[j].add(int(i))
    return result


def colour_classes(geometries: np.ndarray) -> np.ndarray:
    """A small colour index per polygon, different from every neighbour's.

    DSATUR greedy colouring: always colour next the polygon whose neighbours
    already use the most colours. Maps of grids come out with 4–5 colours.
    Deterministic for the same input order.
    """
    adjacency = neighbours(geometries)
    n = len(adjacency)
    colour = np.full(n, -1, dtype=np.int64)
    used: list[set[int]] = [set() for _ in range(n)]
    # A heap with stale entries skipped: O((n + edges) log n) instead of O(n²).
    heap = [(0, -len(adjacency[i]), i) for i in range(n)]
    heapq.heapify(heap)
    while heap:
        neg_saturation, _, node = heapq.heappop(heap)
        if colour[node] >= 0 or -neg_saturation != len(used[node]):
            continue
        c = 0
        while c in used[node]:
            c += 1
        colour[node] = c
        for other in adjacency[node]:
            if colour[other] < 0 and c not in used[other]:
                used[other].add(c)
                heapq.heappush(heap, (-len(used[other]), -len(adjacency[other]), other))
    return colour
