"""The renderers: a fixed small project drawn into an image and compared with
the stored picture; stitched pan frames equal whole frames; level of detail."""

import os
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtGui import QImage, QPainter

from layers.model import LayerSet
from layers.render.frames import FrameRenderer
from layers.render.map_renderer import render_map
from layers.scene import MapScene
from layers.view import MapView

IMAGES = Path(__file__).parent / "images"


def _pixels(image: QImage) -> np.ndarray:
    image = image.convertToFormat(QImage.Format.Format_ARGB32)
    return np.frombuffer(image.constBits(), dtype=np.uint8).reshape(image.height(), image.width(), 4).copy()


def _render(scene, view, layers=None) -> QImage:
    image = QImage(view.width, view.height, QImage.Format.Format_ARGB32_Premultiplied)
    painter = QPainter(image)
    render_map(painter, scene, layers or LayerSet(), view)
    painter.end()
    return image


def test_small_project_matches_the_stored_picture(qapp, project):
    scene = MapScene(project)
    view = MapView.fit(scene.bounds, 480, 260)
    image = _render(scene, view)
    stored = IMAGES / "small_project.png"
    if os.environ.get("GRIDMAP_UPDATE_IMAGES"):
        image.save(str(stored))
        pytest.skip(f"wrote {stored}; look at it and commit it")
    assert stored.exists(), f"{stored} is missing: run with GRIDMAP_UPDATE_IMAGES=1, look at it, commit it"
    got, want = _pixels(image).astype(int), _pixels(QImage(str(stored))).astype(int)
    assert got.shape == want.shape
    differing = (np.abs(got - want).max(axis=2) > 48).mean()
    assert differing < 0.002, f"{differing:.2%} of pixels differ from {stored.name}"


@pytest.fixture(scope="module")
def demo_scene(qapp, demo_module_copy):
    from gridmap.project import Project

    project = Project.open(demo_module_copy)
    yield MapScene(project)
    project.close()


def test_a_stitched_pan_frame_equals_a_whole_frame(demo_scene):
    layers = LayerSet()
    view = MapView.fit(demo_scene.bounds, 900, 600).zoomed(3.0)
    frames = FrameRenderer(demo_scene, layers)
    frames.render(view)
    moved = view.panned(-137, 58)
    stitched = _pixels(frames.render(moved))
    assert frames.reused == 1
    whole = _pixels(_render(demo_scene, moved, layers))
    differing = (np.abs(stitched.astype(int) - whole.astype(int)).max(axis=2) > 40).mean()
    assert differing < 0.003, f"{differing:.2%} of pixels differ"
    frames.render(moved.zoomed(1.5))  # a zoom cannot reuse the frame
    assert frames.reused == 1 and frames.rendered == 2


def test_far_out_buildings_are_blocks_and_close_in_footprints(demo_scene, monkeypatch):
    from layers.render import renderers

    calls = []
    original = renderers._building_blocks
    monkeypatch.setattr(renderers, "_building_blocks", lambda *a: calls.append("blocks") or original(*a))
    far = MapView(demo_scene.bounds[0] + 700, demo_scene.bounds[1] + 500, 30.0, 400, 300)  # 30 m per pixel
    _render(demo_scene, far)
    _render(demo_scene, MapView(far.cx, far.cy, 0.5, 400, 300))
    assert calls == ["blocks"]


def test_grid_fill_gives_neighbours_different_colours(demo_scene):
    from gridmap.spatial.colouring import neighbours

    leaves = np.flatnonzero(demo_scene.zone_is_leaf)
    adjacency = neighbours(demo_scene.features["zones"].geometries[leaves])
    colours = demo_scene.zone_colour[leaves]
    assert len(leaves) == 31
    assert all(colours[i] != colours[j] for i, nb in enumerate(adjacency) for j in nb)
