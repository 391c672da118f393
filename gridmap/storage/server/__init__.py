"""The shared store: a project kept in a PostgreSQL database with PostGIS, which
many desks open at once (``store.ServerStore``). Its tables are the GeoPackage's,
as ordinary PostGIS layers that QGIS lists and draws."""
