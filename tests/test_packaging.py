"""What a plain (non-editable) install ships: every package of the tree."""

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_every_package_is_listed_in_pyproject():
    listed = set(tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"])
    tops = ("gridmap", "layers", "ui", "benchmarks", "gridmap_command")
    found = {".".join(p.parent.relative_to(ROOT).parts) for top in tops for p in (ROOT / top).rglob("__init__.py")}
    assert found - listed == set(), "add these to [tool.setuptools] packages"
