import datetime as dt
import hashlib
import itertools
import os
import shutil
import subprocess
import uuid
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from gridmap.demo.build import write_demo
from tests.factories import small_project
from tests.windows import shown_window


@pytest.fixture(autouse=True)
def _private_settings(tmp_path_factory, monkeypatch):
    """Settings and the demo cache live in temporary folders, never the user's."""
    monkeypatch.setenv("GRIDMAP_CONFIG_DIR", str(tmp_path_factory.mktemp("config")))
    monkeypatch.setenv("GRIDMAP_DATA_HOME", str(tmp_path_factory.getbasetemp() / "data-home"))


@pytest.fixture(scope="session")
def demo_file(tmp_path_factory) -> Path:
    """The demo street office, built once per test session, for readers (GDAL,
    sqlite3, the CLI's read-only commands). Opening it as a project writes to
    it: use ``demo_copy`` or ``demo_module_copy`` for that."""
    path = tmp_path_factory.mktemp("demo") / "demo.gpkg"
    write_demo(path)
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    yield path
    assert hashlib.sha256(path.read_bytes()).hexdigest() == digest, "a test changed the shared demo file"


@pytest.fixture
def demo_copy(demo_file, tmp_path) -> Path:
    path = tmp_path / "demo.gpkg"
    shutil.copyfile(demo_file, path)
    return path


@pytest.fixture(scope="module")
def demo_module_copy(demo_file, tmp_path_factory) -> Path:
    """A copy of the demo shared by one test module (for tests that only read)."""
    path = tmp_path_factory.mktemp("demo-module") / "demo.gpkg"
    shutil.copyfile(demo_file, path)
    return path


class TickingClock:
    """A clock that moves one second per call: deterministic change-log times."""

    def __init__(self) -> None:
        self._ticks = itertools.count()

    def __call__(self) -> dt.datetime:
        return dt.datetime(2026, 11, 2, 8, 0, tzinfo=dt.UTC) + dt.timedelta(seconds=next(self._ticks))


@pytest.fixture
def project(tmp_path):
    p = small_project(tmp_path / "small.gpkg", user="tester", clock=TickingClock())
    yield p
    p.close()


@pytest.fixture(scope="session", autouse=True)
def _chinese_ui(qapp):
    """The app's defaults: Chinese translations and the CJK font."""
    from ui.fonts import use_cjk_font
    from ui.i18n import install_translators

    install_translators(qapp, "zh_CN")
    use_cjk_font(qapp)
    return qapp


@pytest.fixture
def window(qtbot, demo_copy):
    """The main window on a copy of the demo."""
    from gridmap.project import Project

    w = shown_window(qtbot, Project.open(demo_copy), 1400, 900)
    yield w
    w.close()


@pytest.fixture
def small_window(qtbot, tmp_path):
    """The main window on the small project: 第1网格 (x 0–100, 1号楼 and 2号楼) and
    第2网格 (x 100–200, 3号楼 alone) in one community."""
    w = shown_window(qtbot, small_project(tmp_path / "small.gpkg"), 1400, 900)
    yield w
    w.close()


@pytest.fixture
def broken_window(window, tmp_path):
    """The main window on a small project with four problems (tests/test_rules.py), bands and staffing unchecked."""
    from gridmap.project import Project
    from tests.factories import MOMENT
    from tests.test_rules import NO_BANDS, NO_STAFFING, _four_problems

    path = tmp_path / "broken.gpkg"
    Project.create(path, epsg=4547, tables=_four_problems(), meta={"title": "坏", "rules": NO_BANDS.to_meta(),
                                                                    "staffing": NO_STAFFING},
                   moment=MOMENT).close()
    assert window.open_path(path)
    return window


@pytest.fixture
def small_disk(tmp_path):
    """A disk of 3 MB of its own (a tmpfs; root only), to fill."""
    mount = tmp_path / "disk"
    mount.mkdir()
    if os.geteuid() != 0:
        pytest.skip("a full disk is made with a 3 MB tmpfs, and mounting one needs root")
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=3m", "tmpfs", str(mount)],
                          capture_output=True, text=True)
    if done.returncode:
        pytest.skip(f"mounting a tmpfs is not permitted here: {done.stderr.strip()}")
    yield mount
    if subprocess.run(["umount", str(mount)], capture_output=True).returncode:
        subprocess.run(["umount", "-l", str(mount)], capture_output=True)  # busy: detach now, free when let go


@pytest.fixture
def immutable():
    """``make(path)``: chattr +i on a file or folder (root only), undone after the test."""
    made: list[Path] = []

    def make(path: Path) -> None:
        done = subprocess.run(["chattr", "+i", str(path)], capture_output=True, text=True)
        if done.returncode:
            pytest.skip(f"chattr +i is not permitted here: {done.stderr.strip()}")
        made.append(path)

    yield make
    for path in reversed(made):
        subprocess.run(["chattr", "-i", str(path)], capture_output=True)


@pytest.fixture(scope="session")
def pg_cluster():
    """A private PostgreSQL + PostGIS server (benchmarks/pg_cluster.py), started on first use and stopped at
    the session's end. Never skipped: without PostgreSQL, the tests asking for it fail and say what to install."""
    from benchmarks.pg_cluster import PgCluster

    with PgCluster.start() as cluster:
        yield cluster


@pytest.fixture
def pg_url(pg_cluster) -> str:
    """The superuser's URL of a fresh database with PostGIS on the private server, dropped after the test."""
    name = f"test_{uuid.uuid4().hex[:12]}"
    url = pg_cluster.new_database(name)
    yield url
    pg_cluster.drop_database(name)
