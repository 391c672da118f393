"""A 1366×768 laptop, less a 40-pixel taskbar: the main window and every dialog
the app opens fit at their default size (tests/screen_sizes.py opens them on a
screen of that size, in a process of its own)."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

SCREEN = (1366, 728)  # 1366×768 less the taskbar
DIALOGS = ("print dialog", "print preview", "internal charts question", "output saved", "output saved (a batch)",
           "roster preview", "staff dialog", "site point dialog", "party member picker", "import layer dialog",
           "partition dialog", "colour plan window", "compound sheet window", "choose a zone", "progress",
           "file dialog")


@pytest.fixture(scope="module")
def sizes(demo_module_copy, tmp_path_factory) -> dict[str, dict]:
    env = dict(os.environ, GRIDMAP_CONFIG_DIR=str(tmp_path_factory.mktemp("config")))
    screen = "x".join(map(str, SCREEN))
    done = subprocess.run([sys.executable, "-m", "tests.screen_sizes", str(demo_module_copy), screen],
                          capture_output=True, text=True, timeout=300, env=env, cwd=Path(__file__).parent.parent)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def _fits(size) -> bool:
    return size[0] <= SCREEN[0] and size[1] <= SCREEN[1]


def test_the_main_window_opens_within_the_screen_and_can_shrink_to_it(sizes):
    window = sizes["main window"]
    assert _fits(window["size"]), window  # 1400×900 wanted: as much as there is
    assert _fits(window["minimum"]), window  # docks, toolbar with the search box, status bar
    bars = [tuple(tabs) for tabs in window["dock tab bars"]]
    assert len(bars) == len(set(bars)) == 3, bars  # no tab bar left over a dock from before the layout


@pytest.mark.parametrize("name", DIALOGS)
def test_every_dialog_fits_at_its_default_size(sizes, name):
    dialog = sizes[name]
    assert _fits(dialog["size"]) and _fits(dialog["minimum"]), dialog
