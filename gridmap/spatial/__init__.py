"""Vectorised geometry work (shapely 2 arrays, STRtree)."""
