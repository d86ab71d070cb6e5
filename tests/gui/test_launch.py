"""Start-up: argument parsing, the CJK font, and ``--screenshot`` in a real process."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from kettle import kettle_study

from app.gui.launch import GuiArgs, UsageError, parse_args

pytestmark = pytest.mark.gui

ROOT = Path(__file__).resolve().parents[2]


def test_parse_args() -> None:
    assert parse_args([]) == GuiArgs()
    assert parse_args(["open", "k.xlsx"]) == GuiArgs(open_path=Path("k.xlsx"))
    assert parse_args(["--screenshot", "o.png"]) == GuiArgs(screenshot=Path("o.png"))
    assert parse_args(["--screenshot=o.png", "k.xlsx"]) == GuiArgs(Path("k.xlsx"), Path("o.png"))
    with pytest.raises(UsageError):
        parse_args(["open"])


def test_bundled_cjk_font_is_registered(qapp) -> None:
    from app.gui.launch import register_fonts

    families = register_fonts(qapp)
    assert families and "WenQuanYi" in families[0]
    assert families[0] in qapp.font().families()


def test_screenshot_renders_a_png(kettle_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "shot.png"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    proc = subprocess.run(
        [sys.executable, "-m", "app", "--screenshot", str(out), str(kettle_file)],
        capture_output=True, text=True, cwd=ROOT, env=env, timeout=60,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    from PySide6.QtGui import QImage

    image = QImage(str(out))
    assert image.width() >= 1200 and image.height() >= 700


def test_screenshot_of_a_bad_file_exits_2_with_located_errors(tmp_path: Path) -> None:
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(b"not a zip")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    proc = subprocess.run(
        [sys.executable, "-m", "app", "--screenshot", str(tmp_path / "x.png"), str(bad)],
        capture_output=True, text=True, cwd=ROOT, env=env, timeout=60,
    )  # fmt: skip
    assert proc.returncode == 2
    assert "bad.xlsx" in proc.stderr
    assert not (tmp_path / "x.png").exists()


def test_the_real_app_opens_a_project_file(kettle_file: Path, tmp_path: Path) -> None:
    """`pcf-workbench open`/`--screenshot` go through the same open: a .pcfw is accepted."""
    from app.services.studies import save_study

    project = tmp_path / "kettle.pcfw"
    save_study(kettle_study(), project)
    out = tmp_path / "shot.png"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    proc = subprocess.run(
        [sys.executable, "-m", "app", "--screenshot", str(out), str(project)],
        capture_output=True, text=True, cwd=ROOT, env=env, timeout=60,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    assert out.stat().st_size > 10_000
    assert not (tmp_path / "kettle.pcfw.lock").exists()  # released when the window closed


def test_one_user_settings_serves_preferences_and_the_project_controller(
    qtbot, ctx, prompter, tmp_path
) -> None:
    from app.gui.launch import build_window
    from app.gui.settings import GuiSettings
    from app.services.settings import UserSettings

    user_settings = UserSettings(tmp_path / "settings.json")
    window = build_window(ctx, GuiSettings(tmp_path / "gui.ini"), prompter, user_settings=user_settings)
    qtbot.addWidget(window)
    assert window.user_settings is user_settings and window.projects.user_settings is user_settings
    window.act_preferences.trigger()
    dialog = window.preferences_dialog
    dialog.language.setCurrentIndex(dialog.language.findData("zh_CN"))
    dialog.accept()
    assert UserSettings(user_settings.path).language == "zh_CN"  # stored where the recent files go
    window.projects.user_settings.add_recent(tmp_path / "k.pcfw")
    assert UserSettings(user_settings.path).recent_files() == [(tmp_path / "k.pcfw").resolve()]
    assert UserSettings(user_settings.path).language == "zh_CN"  # neither overwrote the other
    window.bridge.undo_stack.setClean()
