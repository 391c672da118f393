"""The map canvas and its tools."""
