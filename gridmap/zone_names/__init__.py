"""Zone names: what a name may be (``rules``), and naming a zone's children by
their serial in reading order, codes to match (``serials``)."""
