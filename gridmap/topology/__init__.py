"""Editing zone boundaries safely: shared vertices, building shares, the rule guard."""
