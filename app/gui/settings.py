"""The few GUI preferences this window keeps: recent files, the last study, window layout.

Stored with QSettings in an INI file under the user-data folder (``PCF_WORKBENCH_DATA`` in
tests, so each test gets fresh settings). Issue 5 (projects) takes settings over.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

from app.paths import user_data_dir

ORGANIZATION = "PCF Workbench"
APPLICATION = "pcf-workbench"
MAX_RECENT = 8


class GuiSettings:
    def __init__(self, path: Path | None = None) -> None:
        self.path = path or user_data_dir() / "settings" / "gui.ini"
        self._s = QSettings(str(self.path), QSettings.Format.IniFormat)

    def recent_files(self) -> list[Path]:
        value = self._s.value("recent_files", [])
        items = [value] if isinstance(value, str) else list(value or [])
        return [Path(p) for p in items if p]

    def add_recent(self, path: Path) -> None:
        path = path.resolve()
        items = [p for p in self.recent_files() if p != path]
        self._s.setValue("recent_files", [str(p) for p in [path, *items][:MAX_RECENT]])
        self._s.setValue("last_study", str(path))
        self._s.sync()

    def last_study(self) -> Path | None:
        value = self._s.value("last_study", "")
        return Path(value) if value else None

    def window_state(self) -> tuple[QByteArray | None, QByteArray | None]:
        return self._s.value("window/geometry"), self._s.value("window/state")

    def save_window_state(self, geometry: QByteArray, state: QByteArray) -> None:
        self._s.setValue("window/geometry", geometry)
        self._s.setValue("window/state", state)
        self._s.sync()
