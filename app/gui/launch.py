"""Start the desktop application: ``run_gui(argv)`` is called by the composition root.

``argv`` is one of: ``[]`` (last study, else the bundled example), ``["open", FILE]``, or
``["--screenshot", OUT.png, [FILE]]`` (render the window offscreen to a PNG and exit).
Everything the window needs is built here and passed in: no globals.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

START = time.perf_counter()

EXAMPLE = ("examples", "electric-kettle.xlsx")


@dataclass(frozen=True, slots=True)
class GuiArgs:
    open_path: Path | None = None
    screenshot: Path | None = None


class UsageError(ValueError):
    pass


def parse_args(argv: Sequence[str]) -> GuiArgs:
    args = list(argv)
    if not args:
        return GuiArgs()
    if args[0] == "open":
        if len(args) != 2:
            raise UsageError("usage: pcf-workbench open FILE")
        return GuiArgs(open_path=Path(args[1]))
    if args[0].startswith("--screenshot"):
        if "=" in args[0]:
            out, rest = args[0].split("=", 1)[1], args[1:]
        elif len(args) >= 2:
            out, rest = args[1], args[2:]
        else:
            raise UsageError("usage: pcf-workbench --screenshot OUT.png [FILE]")
        if len(rest) > 1:
            raise UsageError("usage: pcf-workbench --screenshot OUT.png [FILE]")
        return GuiArgs(open_path=Path(rest[0]) if rest else None, screenshot=Path(out))
    raise UsageError(f"unknown arguments: {' '.join(args)}")


def example_path() -> Path | None:
    from app.paths import resource_path

    try:
        path = resource_path(*EXAMPLE)
    except FileNotFoundError:
        return None
    return path if path.is_file() else None


def register_fonts(app) -> list[str]:
    """Register the bundled CJK font and put it after the UI font, so Chinese always renders."""
    from PySide6.QtGui import QFont, QFontDatabase

    from app.paths import resource_path

    families: list[str] = []
    try:
        font_file = resource_path("fonts", "wqy-microhei.ttc")
    except FileNotFoundError:
        return families
    font_id = QFontDatabase.addApplicationFont(str(font_file))
    if font_id >= 0:
        families = list(QFontDatabase.applicationFontFamilies(font_id))
    if families:
        font = QFont(app.font())
        font.setFamilies([font.family(), *families[:1]])
        app.setFont(font)
    return families


def make_application(argv0: str = "pcf-workbench"):
    from PySide6.QtWidgets import QApplication

    from app.gui.settings import APPLICATION, ORGANIZATION

    app = QApplication.instance()
    if app is None:
        app = QApplication([argv0])
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationName(APPLICATION)
    app.setApplicationDisplayName("PCF Workbench")
    register_fonts(app)
    return app


def build_window(ctx, settings=None, prompter=None, study=None, user_settings=None):
    """The main window over a fresh document (tests use this with a fake prompter).

    With ``user_settings`` (the per-user preferences: language, autosave, recent files) the
    window gets Edit → Preferences… and its project controller uses them.
    """
    from app.core.edits import StudyDocument
    from app.gui.document import DocumentBridge
    from app.gui.main_window import MainWindow, blank_study
    from app.gui.prompter import QtPrompter
    from app.gui.settings import GuiSettings

    document = StudyDocument(study or blank_study())
    bridge = DocumentBridge(document)
    qt_prompter = prompter or QtPrompter()
    window = MainWindow(ctx, bridge, settings or GuiSettings(), qt_prompter, user_settings=user_settings)
    bridge.setParent(window)
    if isinstance(qt_prompter, QtPrompter):
        qt_prompter.parent = window
    if user_settings is not None:
        from app.gui.preferences import add_preferences_action

        add_preferences_action(window, user_settings)
    return window


def initial_path(args: GuiArgs, user_settings) -> Path | None:
    if args.open_path is not None:
        return args.open_path
    if args.screenshot is None:
        last = user_settings.last_file()
        if last is not None and last.is_file():
            return last
    return example_path()


def run_gui(argv: Sequence[str]) -> int:
    try:
        args = parse_args(argv)
    except UsageError as exc:
        print(exc, file=sys.stderr)
        return 2
    if args.screenshot is not None:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    app = make_application(sys.argv[0] if sys.argv else "pcf-workbench")

    from app.gui.i18n import install_language
    from app.gui.settings import GuiSettings
    from app.services.context import open_context
    from app.services.settings import UserSettings

    user_settings = UserSettings()
    language = install_language(user_settings.language)  # before any widget exists; kept alive here
    ctx = open_context()
    gui_settings = GuiSettings()
    gui_settings.import_legacy_recent(user_settings)
    # The one UserSettings: the language above, and the window's project controller (recent files, autosave).
    window = build_window(ctx, gui_settings, user_settings=user_settings)
    path = initial_path(args, user_settings)
    try:
        if args.screenshot is not None:
            return _screenshot(app, window, path, args.screenshot)
        window.show()
        if os.environ.get("PCF_WORKBENCH_STARTUP_PROBE"):
            _report_startup(app)
        recovered = window.projects.offer_recovery()  # after a crash: the autosaved copy first
        if path is not None and not recovered:
            window.open_path(path, ask=False)
        return app.exec()
    finally:
        ctx.close()
        language.uninstall()


def _report_startup(app) -> None:
    """Benchmark hook: print seconds from process start to the first event-loop turn after show."""
    from PySide6.QtCore import QTimer

    def done() -> None:
        elapsed = time.perf_counter() - _process_start()
        print(f"STARTUP {elapsed:.4f}", flush=True)
        app.quit()

    QTimer.singleShot(0, done)


def _process_start() -> float:
    """perf_counter time of process start (``PCF_WORKBENCH_T0`` from the benchmark, else import time)."""
    t0 = os.environ.get("PCF_WORKBENCH_T0")
    if t0:
        return time.perf_counter() - (time.time() - float(t0))
    return START


def _screenshot(app, window, path: Path | None, out: Path) -> int:
    from PySide6.QtCore import QEventLoop, QTimer

    window.resize(1500, 900)
    window.show()
    loop = QEventLoop()
    ok = {"loaded": path is None}
    if path is not None:
        window.studyLoaded.connect(lambda success: (ok.__setitem__("loaded", success), None))
        # The blank window's first result may come before the file is read: wait for the file's.
        window.resultShown.connect(lambda _r: loop.quit() if ok["loaded"] else None)
        window.studyLoaded.connect(lambda success: None if success else loop.quit())
        window.open_path(path, ask=False)
    else:
        window.resultShown.connect(lambda _r: loop.quit())
        window.calc.run_now()
    QTimer.singleShot(60_000, loop.quit)
    loop.exec()
    if not ok["loaded"]:
        for row in range(window.problems_model.rowCount()):
            print(f"error: {window.problems_model.problem_row(row).shown}", file=sys.stderr)
        window.close()
        return 2
    window.navigate(1)  # raw materials: the multi-level BOM is the most telling page
    editor = window.current_editor()
    if editor is not None:
        editor.view.expandAll()
        first = editor.model.index(0, 0)
        if first.isValid():
            editor.view.setCurrentIndex(first)
    for _ in range(3):
        app.processEvents()
    image = window.grab()
    out.parent.mkdir(parents=True, exist_ok=True)
    saved = image.save(str(out), "PNG")
    window.bridge.undo_stack.setClean()
    window.close()
    if not saved:
        print(f"error: could not write {out}", file=sys.stderr)
        return 1
    print(f"screenshot written to {out}")
    return 0
