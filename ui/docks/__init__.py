"""Dock widgets around the map: hierarchy tree, attributes, layers, search."""
