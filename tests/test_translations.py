"""Every string the UI shows goes through Qt's translation and has a Chinese
translation; the compiled .qm matches the .ts."""

import shutil
import sys
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
TS = ROOT / "resources" / "translations" / "gridmap_zh_CN.ts"
QM = TS.with_suffix(".qm")


def _tool(name: str) -> str | None:
    """A Qt tool from this Python's environment first (a venv need not be on PATH)."""
    beside = Path(sys.executable).parent / name
    return str(beside) if beside.exists() else shutil.which(name)


def _messages(ts: Path) -> dict[tuple[str, str], str | None]:
    out = {}
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name")
        for message in context.iter("message"):
            translation = message.find("translation")
            finished = translation.get("type") not in ("unfinished", "vanished", "obsolete")
            text = translation.text or "".join(n.text or "" for n in translation.iter("numerusform"))
            out[(name, message.findtext("source"))] = text if finished else None
    return out


@pytest.fixture(scope="module")
def extracted(tmp_path_factory):
    """What lupdate finds in the code today."""
    lupdate = _tool("pyside6-lupdate")
    assert lupdate, "pyside6-lupdate comes with PySide6"
    ts = tmp_path_factory.mktemp("ts") / "now.ts"
    shutil.copyfile(TS, ts)
    sources = sorted(str(p) for p in [*(ROOT / "ui").rglob("*.py"), *(ROOT / "gridmap").rglob("messages.py")])
    subprocess.run([lupdate, "-no-obsolete", "-locations", "none", *sources, "-ts", str(ts)],
                   check=True, capture_output=True)
    return _messages(ts)


def test_every_ui_string_has_a_chinese_translation(extracted):
    missing = [key for key, text in extracted.items() if not text]
    assert not missing, f"untranslated (run tools/translations.sh, then translate): {missing[:10]}"
    assert len(extracted) > 80


def test_the_ts_file_is_current(extracted):
    assert set(extracted) == set(_messages(TS)), "run tools/translations.sh"


def test_the_qm_file_is_compiled_from_the_ts(tmp_path):
    lrelease = _tool("pyside6-lrelease")
    assert lrelease, "pyside6-lrelease comes with PySide6"
    fresh = tmp_path / "fresh.qm"
    subprocess.run([lrelease, "-silent", str(TS), "-qm", str(fresh)], check=True)
    assert fresh.read_bytes() == QM.read_bytes(), "run tools/translations.sh"


def test_english_is_a_setting(qtbot, qapp):
    from ui.i18n import install_translators
    from ui.main_window import MainWindow
    from ui.settings import Settings

    try:
        install_translators(qapp, "en")
        window = MainWindow(Settings.default())
        qtbot.addWidget(window)
        assert next(a.text() for a in window.menuBar().actions()) == "&File"
        window.close()
    finally:
        install_translators(qapp, "zh_CN")
