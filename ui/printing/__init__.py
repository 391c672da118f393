"""Printing: the three charts and map sheets on paper (PDF, PNG, printer), batch and preview."""
