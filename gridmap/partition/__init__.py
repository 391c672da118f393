"""Automatic partitioning of a zone into balanced, compact grids that follow streets."""
