"""Where the app keeps its copy of the demo project, built on first use."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from gridmap import __version__
from gridmap.paths import data_file


def data_home() -> Path:
    """The user's data folder for gridmap (XDG; ``GRIDMAP_DATA_HOME`` overrides)."""
    override = os.environ.get("GRIDMAP_DATA_HOME")
    if override:
        return Path(override)
    base = os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share"
    return Path(base) / "gridmap"


def demo_path() -> Path:
    """The demo project for this recipe, written if it is not there yet.

    The name carries a hash of the recipe, the version, the schema and the
    generator's revision, so any of them changing gives a fresh file, and edits
    made to an older copy are left alone.
    """
    from gridmap.demo.build import GENERATOR_REVISION
    from gridmap.storage.schema import SCHEMA_VERSION

    digest = hashlib.sha256(f"{__version__} {SCHEMA_VERSION} {GENERATOR_REVISION}".encode())
    for name in ("recipe.toml", "names.toml"):
        digest.update(data_file("demo", name).read_bytes())
    path = data_home() / f"demo-{digest.hexdigest()[:12]}.gpkg"
    if not path.exists():
        from gridmap.demo.build import write_demo

        path.parent.mkdir(parents=True, exist_ok=True)
        write_demo(path)
    return path
