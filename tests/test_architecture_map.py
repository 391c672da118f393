"""The README's architecture map names every package and every top-level folder.

A package is a folder with an ``__init__.py`` (gridmap/partition, ui/site, benchmarks…); a
top-level folder is any folder of the repository that git keeps (tools, docs…). The map is
the first code block under "## Architecture": a top-level folder starts a line as ``name/``,
a package inside it is named as ``name/`` anywhere in that folder's part of the map.
"""

from __future__ import annotations

import fnmatch
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ENTRY = re.compile(r"^([\w.-]+)/", re.MULTILINE)  # a top-level folder, at the start of a line


def architecture_map(readme: str) -> dict[str, str]:
    """Each top-level folder the map names → its part of the map (its lines up to the next one)."""
    section = readme.split("\n## Architecture", 1)[1].split("\n## ", 1)[0]
    block = section.split("```", 2)[1]
    starts = list(ENTRY.finditer(block))
    return {m.group(1): block[m.start():nxt.start() if nxt else len(block)]
            for m, nxt in zip(starts, [*starts[1:], None])}


def folders(root: Path) -> list[str]:
    """The repository's top-level folders and its packages, as paths ("gridmap/cli"), leaving out
    hidden folders and what .gitignore names (the venv, build output, caches)."""
    ignored = [line.strip().strip("/") for line in (root / ".gitignore").read_text(encoding="utf-8").splitlines()
               if line.strip().endswith("/")]

    def kept(path: Path) -> bool:
        parts = path.relative_to(root).parts
        return not any(p.startswith(".") or any(fnmatch.fnmatch(p, pattern) for pattern in ignored) for p in parts)

    top = {p.name for p in root.iterdir() if p.is_dir() and kept(p)}
    packages = {init.parent.relative_to(root).as_posix() for init in root.rglob("__init__.py") if kept(init.parent)}
    return sorted(top | packages)


def unnamed(readme: str, paths: list[str]) -> list[str]:
    """The paths the map does not name, each where it belongs."""
    parts = architecture_map(readme)
    missing = []
    for path in paths:
        top, *inner = path.split("/")
        if top not in parts or (inner and not re.search(rf"(?<!\w){re.escape(inner[-1])}/", parts[top])):
            missing.append(path)
    return missing


def test_the_map_names_every_package_and_top_level_folder():
    paths = folders(ROOT)
    assert {"gridmap", "gridmap/partition", "layers/render", "ui/printing", "tools", "tests"} <= set(paths)
    assert unnamed((ROOT / "README.md").read_text(encoding="utf-8"), paths) == []


def test_a_package_left_out_of_the_map_is_found(tmp_path):
    readme = """# x

## Architecture

```
gridmap/     the core
  model/       records
  cli/         the command
ui/          the window: canvas (canvas/), docks
tools/       scripts
```

## Next
"""
    for path in ["gridmap/model", "gridmap/cli", "gridmap/webmap", "ui/canvas", "ui/gis", "layers", "tools"]:
        (tmp_path / path).mkdir(parents=True)
        if path != "tools":
            (tmp_path / path / "__init__.py").touch()
    (tmp_path / "gridmap" / "__init__.py").touch()
    (tmp_path / "ui" / "__init__.py").touch()
    (tmp_path / ".venv" / "lib").mkdir(parents=True)
    (tmp_path / ".venv" / "lib" / "__init__.py").touch()
    (tmp_path / "build" / "lib").mkdir(parents=True)
    (tmp_path / "build" / "lib" / "__init__.py").touch()
    (tmp_path / ".gitignore").write_text("build/\n.venv/\n", encoding="utf-8")
    paths = folders(tmp_path)
    assert paths == ["gridmap", "gridmap/cli", "gridmap/model", "gridmap/webmap", "layers", "tools", "ui",
                     "ui/canvas", "ui/gis"]
    # "gis/" is not named under ui/ and webmap is named nowhere; "model/" counts only under gridmap/
    assert unnamed(readme, paths) == ["gridmap/webmap", "layers", "ui/gis"]
