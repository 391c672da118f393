"""The colour plan of a building (九色动态图) in the window."""
