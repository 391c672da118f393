"""Map layers: a Qt-free layer model; QPainter renderers live under ``layers.render``."""
