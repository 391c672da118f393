"""Edit ▸ Partition Zone: divide a zone into balanced grids (gridmap/partition),
preview the proposal on the map with its quality report, and apply it as one undo step."""
