"""Per-user preferences, without Qt: language, autosave timing, recent files.

One JSON file in the user-data folder (``PCF_WORKBENCH_DATA`` in tests), written atomically. The
composition root builds one :class:`UserSettings` and injects it; nothing reads it as a global. A
damaged file never stops the app: it is set aside as ``settings.json.bad`` and defaults apply.
Window geometry (Qt bytes) stays with the GUI's own QSettings.
"""

from __future__ import annotations

import contextlib
import json
import os
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path

from app.paths import user_data_dir

LANGUAGES = ("system", "en", "zh_CN")
MAX_RECENT = 8


@dataclass
class Preferences:
    language: str = "system"  # "system" follows the OS locale; else "en" or "zh_CN"
    autosave_interval_s: int = 180  # periodic autosave of unsaved changes
    autosave_idle_s: int = 20  # and this long after the last edit
    recent_files: list[str] = field(default_factory=list)
    last_file: str = ""


def _clean(raw: dict[str, object]) -> Preferences:
    """Keep the known keys whose values have the right type; anything else falls back to a default."""
    defaults = Preferences()
    values: dict[str, object] = {}
    for f in fields(Preferences):
        value = raw.get(f.name, getattr(defaults, f.name))
        expected = type(getattr(defaults, f.name))
        if (expected is int and isinstance(value, bool)) or not isinstance(value, expected):
            value = getattr(defaults, f.name)
        values[f.name] = value
    prefs = Preferences(**values)  # type: ignore[arg-type]
    if prefs.language not in LANGUAGES:
        prefs.language = defaults.language
    prefs.recent_files = [p for p in prefs.recent_files if isinstance(p, str) and p][:MAX_RECENT]
    prefs.autosave_interval_s = max(30, prefs.autosave_interval_s)
    prefs.autosave_idle_s = max(5, prefs.autosave_idle_s)
    return prefs


class UserSettings:
    """Load on construction, change through the methods, :meth:`save` writes atomically."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or user_data_dir() / "settings.json"
        self.prefs = self._load()

    def _load(self) -> Preferences:
        try:
            raw = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return Preferences()
        except (OSError, ValueError):
            self._set_aside()
            return Preferences()
        if not isinstance(raw, dict):
            self._set_aside()
            return Preferences()
        return _clean(raw)

    def _set_aside(self) -> None:
        with contextlib.suppress(OSError):
            os.replace(self.path, self.path.with_name(self.path.name + ".bad"))

    def save(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_name(f".{self.path.name}.{os.getpid()}.tmp")
        with open(tmp, "w", encoding="utf-8") as fh:
            json.dump(asdict(self.prefs), fh, ensure_ascii=False, indent=2)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, self.path)

    # --- language -------------------------------------------------------------------------

    @property
    def language(self) -> str:
        return self.prefs.language

    def set_language(self, language: str) -> None:
        if language not in LANGUAGES:
            raise ValueError(f"unknown language {language!r}; expected one of {', '.join(LANGUAGES)}")
        self.prefs.language = language
        self.save()

    # --- recent files ---------------------------------------------------------------------

    def recent_files(self) -> list[Path]:
        return [Path(p) for p in self.prefs.recent_files]

    def add_recent(self, path: Path) -> None:
        resolved = str(Path(path).resolve())
        items = [p for p in self.prefs.recent_files if p != resolved]
        self.prefs.recent_files = [resolved, *items][:MAX_RECENT]
        self.prefs.last_file = resolved
        self.save()

    def last_file(self) -> Path | None:
        return Path(self.prefs.last_file) if self.prefs.last_file else None
