import datetime as dt
import hashlib
import itertools
import os
import shutil
import subprocess
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from gridmap.demo.build import write_demo  # noqa: E402
from tests.factories import small_project  # noqa: E402


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
        return dt.datetime(2026, 11, 2, 8, 0, tzinfo=dt.timezone.utc) + dt.timedelta(seconds=next(self._ticks))


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
    """The main window on a copy of the demo, shown offscreen at 1400 × 900."""
    from gridmap.project import Project
    from ui.main_window import MainWindow
    from ui.settings import Settings

    w = MainWindow(Settings.default())
    qtbot.addWidget(w)
    w.resize(1400, 900)
    w.set_project(Project.open(demo_copy))
    w.show()
    qtbot.waitExposed(w)
    yield w
    w.close()


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
