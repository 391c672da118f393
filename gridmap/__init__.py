"""gridmap: the Qt-free core of the community grid-governance GIS.

The domain model, the project file (a GeoPackage), the command stack, the
algorithms and the command-line interface live here. Nothing in this package
imports Qt; ``tests/test_boundaries.py`` enforces that.
"""

__version__ = "0.1.0"
