import datetime as dt
import itertools
import os
import shutil
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from gridmap.demo.build import write_demo  # noqa: E402
from tests.factories import small_project  # noqa: E402


@pytest.fixture(scope="session")
def demo_file(tmp_path_factory) -> Path:
    """The demo street office, built once per test session. Do not modify: copy it."""
    path = tmp_path_factory.mktemp("demo") / "demo.gpkg"
    write_demo(path)
    return path


@pytest.fixture
def demo_copy(demo_file, tmp_path) -> Path:
    path = tmp_path / "demo.gpkg"
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
