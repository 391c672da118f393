"""Start the window: ``gridmap [FILE.gpkg | postgresql://…] [--screenshot OUT.png] [--lang zh_CN|en]``."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

EXIT_ERROR = 1


def _arguments(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="gridmap", description="Open the gridmap window.")
    parser.add_argument("file", nargs="?", help="a project (.gpkg), or a shared one on a database server "
                                                "(postgresql://user@host:port/database); the built-in demo if "
                                                "left out")
    parser.add_argument("--screenshot", type=Path, metavar="OUT.png",
                        help="render the whole window once into OUT.png and exit")
    parser.add_argument("--size", default="1600x1000", help="window size for --screenshot (default 1600x1000)")
    parser.add_argument("--lang", choices=("zh_CN", "en"), help="interface language (default: the setting, 中文)")
    return parser.parse_args(argv)


def run(argv: list[str]) -> int:
    args = _arguments(argv)
    has_screen = bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
                      or os.environ.get("QT_QPA_PLATFORM"))
    if args.screenshot and not has_screen:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"  # a picture needs no screen
    elif not has_screen and sys.platform.startswith("linux"):
        # Qt would abort with a core dump; say what to do instead.
        print("gridmap: error: no screen to show the window on (DISPLAY is not set). Run it on a desktop, "
              "or on a virtual screen with `xvfb-run gridmap`, or take a picture with "
              "`gridmap --screenshot OUT.png`.", file=sys.stderr)
        return EXIT_ERROR

    from PySide6.QtWidgets import QApplication

    from gridmap.demo.cache import demo_path
    from gridmap.errors import ProjectFileError, ServerError
    from gridmap.storage.server.address import is_server_address, shown
    from gridmap.project import Project
    from gridmap.storage.lock import describe_process
    from ui.fonts import use_cjk_font
    from ui.i18n import install_translators
    from ui.main_window import MainWindow
    from ui.project_file import ProjectFiles
    from ui.settings import Settings
    from ui.shared.opening import SharedProjects

    describe_process("window")

    app = QApplication.instance() or QApplication(["gridmap"])
    app.setApplicationName("gridmap")
    app.setOrganizationName("gridmap")
    settings = Settings.default()
    language = args.lang or settings.language
    install_translators(app, language)
    has_font = use_cjk_font(app)

    shared = bool(args.file) and is_server_address(args.file)
    try:
        path = args.file if shared else Path(args.file) if args.file else demo_path()
    except OSError as error:
        print(f"gridmap: error: cannot write the demo project ({error}). "
              "Set GRIDMAP_DATA_HOME to a folder you can write to.", file=sys.stderr)
        return EXIT_ERROR
    if args.screenshot:
        try:
            project = Project.open(path, read_only=True)  # a picture changes nothing, and needs no lock
        except (ProjectFileError, ServerError) as error:
            print(f"gridmap: error: {error}", file=sys.stderr)
            return EXIT_ERROR
    else:
        if shared:  # its password from the keyring, else asked in the dialog
            project = SharedProjects(settings).open(path)
        else:
            project = ProjectFiles(None).open(path)  # read-only if another program holds it, once the user agrees
        if project is None:
            print(f"gridmap: error: {shown(path) if shared else path} was not opened", file=sys.stderr)
            return EXIT_ERROR
        _report_bugs_in_a_dialog()

    window = MainWindow(settings)
    window.set_project(project)
    if args.file:
        settings.add_recent(args.file)
    if not has_font:
        message = app.translate("App", "No Chinese font (Noto Sans CJK SC) is installed: Chinese text may show "
                                       "as boxes. Install fonts-noto-cjk.")
        print(f"gridmap: warning: {message}", file=sys.stderr)
        window.statusBar().showMessage(message)

    if args.screenshot:
        width, height = (int(v) for v in args.size.lower().split("x"))
        window.resize(width, height)
        window.read_only_badge.hide()  # opened read-only only to take no lock: pictured as the user sees it
        if shared:
            window.live.follow(None)  # a picture hears no other desk: no connection left listening
        window.show()
        for _ in range(3):  # the docks' tab bars settle over a few rounds of layout
            app.processEvents()
        window.canvas.zoom_full()  # fit the map to the canvas's final size
        app.processEvents()
        image = window.grab()
        window.close()
        from gridmap.outputs import OutputError
        from ui.printing.output import write_png

        try:
            write_png(args.screenshot, image.toImage())  # never onto a project, never half a file
        except OutputError as error:
            print(f"gridmap: error: {error}", file=sys.stderr)
            return EXIT_ERROR
        print(f"wrote {args.screenshot}")
        return 0
    window.show()
    return app.exec()


def _report_bugs_in_a_dialog() -> None:
    """A failure that is gridmap's own fault shows a sentence and where the
    details were logged, instead of a traceback on a terminal nobody watches."""
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QMessageBox

    from gridmap.error_log import record

    def hook(kind, error, trace) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, error, trace)
            return
        log = record(error.with_traceback(trace))
        text = QCoreApplication.translate(
            "App", "gridmap met an internal error (%1). This is a fault in gridmap, not in your data; every change "
                   "made before it was saved.").replace("%1", f"{kind.__name__}: {error}")
        if log is not None:
            text += "\n\n" + QCoreApplication.translate("App", "Details are in %1.").replace("%1", str(log))
        QMessageBox.critical(None, "gridmap", text)

    sys.excepthook = hook
