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

    def import_legacy_recent(self, user) -> bool:
        """Move the recent files and last study that earlier versions kept here to ``user``
        (a :class:`~app.services.settings.UserSettings`), once; True if there was anything."""
        value = self._s.value("recent_files", None)
        last = self._s.value("last_study", "")
        if value is None and not last:
            return False
        items = [value] if isinstance(value, str) else list(value or [])
        if not user.prefs.recent_files:
            for item in reversed([p for p in items if p]):
                user.add_recent(Path(item))
            if last:
                user.prefs.last_file = str(last)
                user.save()
        self._s.remove("recent_files")
        self._s.remove("last_study")
        self._s.sync()
        return True

    def window_state(self) -> tuple[QByteArray | None, QByteArray | None]:
        return self._s.value("window/geometry"), self._s.value("window/state")

    def save_window_state(self, geometry: QByteArray, state: QByteArray) -> None:
        self._s.setValue("window/geometry", geometry)
        self._s.setValue("window/state", state)
        self._s.sync()
