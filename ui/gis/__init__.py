"""GIS data in the window: the import dialog and the export menu."""
