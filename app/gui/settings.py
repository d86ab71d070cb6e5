"""The window layout (Qt bytes), kept with QSettings in an INI file under the user-data folder.

Everything else a user sets (language, autosave timing, recent files, the last file) lives in
the Qt-free :class:`app.services.settings.UserSettings`, which the composition root injects.
``PCF_WORKBENCH_DATA`` points both at a fresh folder in tests.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

from app.paths import user_data_dir

ORGANIZATION = "PCF Workbench"
APPLICATION = "pcf-workbench"


class GuiSettings:
    def __init__(self, path: Path | None = None) -> None:
        self.path = path or user_data_dir() / "settings" / "gui.ini"
        self._s = QSettings(str(self.path), QSettings.Format.IniFormat)

    def window_state(self) -> tuple[QByteArray | None, QByteArray | None]:
        return self._s.value("window/geometry"), self._s.value("window/state")

    def save_window_state(self, geometry: QByteArray, state: QByteArray) -> None:
        self._s.setValue("window/geometry", geometry)
        self._s.setValue("window/state", state)
        self._s.sync()
