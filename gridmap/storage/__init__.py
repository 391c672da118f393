"""The project file: a GeoPackage written and read with plain SQLite."""
