"""The Qt boundary: gridmap/ never imports Qt; layers/ only under layers/render/."""

import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
QT_MODULES = ("PySide6", "PyQt5", "PyQt6", "PySide2", "shiboken6", "qtpy", "pyqtgraph", "pytestqt")


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module.split(".")[0])
    return found


def _qt_free_files():
    yield from (ROOT / "gridmap").rglob("*.py")
    yield from (p for p in (ROOT / "layers").rglob("*.py") if "render" not in p.relative_to(ROOT / "layers").parts)


@pytest.mark.parametrize("path", sorted(_qt_free_files()), ids=lambda p: str(p.relative_to(ROOT)))
def test_no_qt_import_in_qt_free_rooms(path):
    qt = _imports(path) & set(QT_MODULES)
    assert not qt, f"{path.relative_to(ROOT)} imports {sorted(qt)}; Qt belongs in ui/ or layers/render/"


@pytest.mark.parametrize("path", sorted((ROOT / "gridmap").rglob("*.py")), ids=lambda p: str(p.relative_to(ROOT)))
def test_gridmap_imports_no_room_above_it(path):
    # Imports inside functions count too: the CLI's window, print and bench live in gridmap_command.
    above = _imports(path) & {"ui", "layers", "benchmarks", "gridmap_command"}
    assert not above, f"{path.relative_to(ROOT)} imports {sorted(above)}; gridmap is the bottom room"


def test_importing_every_gridmap_module_loads_no_qt():
    # Catches indirect imports (a dependency that pulls Qt in) that the AST scan cannot see.
    modules = sorted(
        ".".join(p.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")
        for p in (ROOT / "gridmap").rglob("*.py") if p.name != "__main__.py")
    code = ("import importlib, sys\n"
            f"for m in {modules!r}: importlib.import_module(m)\n"
            f"print(sorted(m for m in sys.modules if m.split('.')[0] in {QT_MODULES!r}))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert out.stdout.strip() == "[]"


def test_the_check_catches_a_qt_import(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text("from PySide6.QtCore import QObject\n", encoding="utf-8")
    assert "PySide6" in _imports(bad)
