"""QPainter renderers shared by the canvas and printing (the only Qt in ``layers``)."""
