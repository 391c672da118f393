"""The commands a newcomer runs: the window's screenshot and the render benchmark."""

import json
import subprocess
import sys

import numpy as np
import pytest
from PySide6.QtGui import QImage

from ui.fonts import has_cjk_font

pytestmark = pytest.mark.slow


def test_cjk_font_is_installed(qapp):
    assert has_cjk_font(), "install fonts-noto-cjk (tools/install.sh does)"


def test_screenshot_of_the_demo(tmp_path):
    out = tmp_path / "w.png"
    result = subprocess.run([sys.executable, "-m", "gridmap_command", "--screenshot", str(out), "--size", "1280x800"],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1280, 800)
    pixels = np.frombuffer(image.convertToFormat(QImage.Format.Format_RGB32).constBits(), dtype=np.uint32)
    assert len(np.unique(pixels)) > 200  # a map, not a blank window
    assert "warning" not in result.stderr  # e.g. no missing CJK font


def test_screenshot_of_a_file_that_is_not_a_project(tmp_path):
    bad = tmp_path / "bad.gpkg"
    bad.write_text("x", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "gridmap_command", str(bad), "--screenshot",
                             str(tmp_path / "w.png")], capture_output=True, text=True, timeout=120)
    assert result.returncode == 1 and "not a GeoPackage" in result.stderr and "Traceback" not in result.stderr


def test_render_benchmark_runs_and_reports_its_baseline():
    result = subprocess.run([sys.executable, "-m", "gridmap_command", "bench", "render", "--columns", "8",
                             "--rows", "6", "--per-block", "8", "--size", "640x400"],
                            capture_output=True, text=True, timeout=300)
    report = json.loads(result.stdout)
    assert report["buildings"] == 8 * 6 * 8 and report["zones"] > 48
    for key in ("open_s", "full_extent_ms", "zoomed_frame_ms", "pan_p95_ms"):
        assert report[key] > 0
    assert report["baseline"]["full_extent_ms"] > 0 and report["pan_frames_reused"] == 60
    assert result.returncode == (0 if all(report["met"].values()) else 1)


def test_a_missing_cjk_font_is_reported(qapp, tmp_path, demo_copy, monkeypatch, capsys):
    import ui.fonts
    from ui.app import run

    monkeypatch.setattr(ui.fonts, "has_cjk_font", lambda: False)
    out = tmp_path / "w.png"
    assert run([str(demo_copy), "--screenshot", str(out), "--size", "900x600"]) == 0
    err = capsys.readouterr().err
    assert "Noto Sans CJK SC" in err and "fonts-noto-cjk" in err and out.exists()
