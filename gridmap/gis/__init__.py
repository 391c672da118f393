"""Coordinates and real GIS data in and out, without Qt."""
