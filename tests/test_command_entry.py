"""The `gridmap` command is composed above the rooms: gridmap.cli runs the
Qt-free commands (also as `python -m gridmap`), gridmap_command adds the
window, `print` and `bench`, which gridmap may not import."""

import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

import benchmarks
from gridmap.cli import COMMANDS
from gridmap.cli import main as qt_free_main
from gridmap_command import main

ROOT = Path(__file__).resolve().parent.parent


def test_the_installed_script_is_the_composed_command():
    scripts = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["scripts"]
    assert scripts == {"gridmap": "gridmap_command:main"}


@pytest.mark.parametrize("argv", [["print", "x.gpkg", "--all"], ["bench", "validate"], [], ["x.gpkg"],
                                  ["--screenshot", "w.png"]])
def test_python_m_gridmap_points_to_the_gridmap_command_for_what_needs_qt(argv, capsys):
    assert qt_free_main(argv) == 2
    err = capsys.readouterr().err
    assert "is not in `python -m gridmap`" in err and "run the installed `gridmap` command" in err


def test_python_m_gridmap_runs_a_qt_free_command_in_a_fresh_process(tmp_path):
    result = subprocess.run([sys.executable, "-m", "gridmap", "print", str(tmp_path / "p.gpkg"), "--all"],
                            capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert result.returncode == 2 and "`gridmap print` is not in `python -m gridmap`" in result.stderr
    assert "Traceback" not in result.stderr
    result = subprocess.run([sys.executable, "-m", "gridmap", "info", str(tmp_path / "none.gpkg")],
                            capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert result.returncode == 1 and "none.gpkg" in result.stderr and "Traceback" not in result.stderr


def test_help_lists_every_command_in_the_gridmap_command_and_only_the_qt_free_ones_in_python_m_gridmap(capsys):
    with pytest.raises(SystemExit):
        main(["--help"])
    full = capsys.readouterr().out
    with pytest.raises(SystemExit):
        qt_free_main(["--help"])
    qt_free = capsys.readouterr().out
    listed = [line.split()[0] for line in full.splitlines() if line.startswith("    ") and line.split()[0] in COMMANDS]
    assert listed == list(COMMANDS)
    assert "    print" not in qt_free and "    bench" not in qt_free and "    validate" in qt_free


def test_every_benchmark_is_a_module_of_benchmarks_with_a_run():
    import importlib

    for name, (module, _) in benchmarks.BENCHMARKS.items():
        assert callable(importlib.import_module(f"benchmarks.{module}").run), name


def test_a_benchmark_s_bad_option_is_a_usage_error_not_a_traceback(capsys):
    with pytest.raises(SystemExit) as stop:
        main(["bench", "validate", "--no-such-option"])
    assert stop.value.code == 2 and "unrecognized arguments: --no-such-option" in capsys.readouterr().err
