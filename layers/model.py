"""The layer list: which layers exist, their order, visibility and opacity.
Qt-free; the layer panel and the canvas both follow its ``changed`` signal."""

from __future__ import annotations

from dataclasses import dataclass, replace

from gridmap.signals import Signal


@dataclass(frozen=True)
class Layer:
    """One entry of the layer list. ``kind`` picks the renderer and the data."""

    kind: str
    visible: bool = True
    opacity: float = 1.0


# Bottom to top: grid fills under everything, boundaries and site features on top.
DEFAULT_ORDER = ("grid_fill", "compounds", "streets", "buildings", "zone_boundaries",
                 "site_routes", "site_points")
# The window's list adds the cases (有呼必应): their density over the grid fills, off
# until asked for, and their symbols over all but the few gates and service points.
# Not in DEFAULT_ORDER: other maps (print, previews) carry no case, which is personal data.
WINDOW_ORDER = ("grid_fill", "case_density", *DEFAULT_ORDER[1:-1], "cases", DEFAULT_ORDER[-1])
HIDDEN_AT_FIRST = frozenset({"case_density"})


class LayerSet:
    """Layers in drawing order (first is drawn first, i.e. at the bottom)."""

    def __init__(self, kinds: tuple[str, ...] = DEFAULT_ORDER) -> None:
        self._layers = [Layer(kind, kind not in HIDDEN_AT_FIRST) for kind in kinds]
        self.changed = Signal()  # emitted with no arguments after any change

    def __iter__(self):
        return iter(list(self._layers))

    def __len__(self) -> int:
        return len(self._layers)

    def get(self, kind: str) -> Layer:
        return next(layer for layer in self._layers if layer.kind == kind)

    def kinds(self) -> list[str]:
        return [layer.kind for layer in self._layers]

    def set_visible(self, kind: str, visible: bool) -> None:
        self._update(kind, visible=visible)

    def set_opacity(self, kind: str, opacity: float) -> None:
        self._update(kind, opacity=min(max(opacity, 0.0), 1.0))

    def move(self, kind: str, position: int) -> None:
        """Put ``kind`` at drawing position ``position`` (0 = bottom)."""
        layer = self.get(kind)
        self._layers.remove(layer)
        self._layers.insert(max(0, min(position, len(self._layers))), layer)
        self.changed.emit()

    def _update(self, kind: str, **values) -> None:
        index = self.kinds().index(kind)
        new = replace(self._layers[index], **values)
        if new != self._layers[index]:
            self._layers[index] = new
            self.changed.emit()

    def state(self) -> list[dict]:
        """For saving in settings."""
        return [{"kind": layer.kind, "visible": layer.visible, "opacity": layer.opacity} for layer in self._layers]

    def restore(self, state: list[dict]) -> None:
        """Apply a saved state; unknown kinds are ignored, missing ones keep their place."""
        known = {layer.kind: layer for layer in self._layers}
        restored = [Layer(s["kind"], bool(s.get("visible", True)), float(s.get("opacity", 1.0)))
                    for s in state if isinstance(s, dict) and s.get("kind") in known]
        seen = {layer.kind for layer in restored}
        self._layers = restored + [layer for layer in self._layers if layer.kind not in seen]
        self.changed.emit()
