"""UserSettings: defaults, round trip, damaged files set aside, bad values replaced."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.services.settings import MAX_RECENT, UserSettings


def test_defaults_when_no_file(tmp_path: Path) -> None:
    s = UserSettings(tmp_path / "settings.json")
    assert s.language == "system"
    assert s.recent_files() == []
    assert s.last_file() is None


def test_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    s = UserSettings(path)
    s.set_language("zh_CN")
    study = tmp_path / "a.xlsx"
    s.add_recent(study)
    again = UserSettings(path)
    assert again.language == "zh_CN"
    assert again.recent_files() == [study.resolve()]
    assert again.last_file() == study.resolve()


def test_recent_files_most_recent_first_without_duplicates(tmp_path: Path) -> None:
    s = UserSettings(tmp_path / "settings.json")
    paths = [tmp_path / f"{i}.pcfw" for i in range(MAX_RECENT + 3)]
    for p in paths:
        s.add_recent(p)
    s.add_recent(paths[-3])
    recent = s.recent_files()
    assert recent[0] == paths[-3].resolve()
    assert len(recent) == MAX_RECENT
    assert len(set(recent)) == MAX_RECENT


def test_unknown_language_refused(tmp_path: Path) -> None:
    s = UserSettings(tmp_path / "settings.json")
    with pytest.raises(ValueError, match="unknown language"):
        s.set_language("fr")


def test_damaged_file_is_set_aside(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_text("{not json", encoding="utf-8")
    s = UserSettings(path)
    assert s.language == "system"
    assert (tmp_path / "settings.json.bad").read_text(encoding="utf-8") == "{not json"


def test_wrong_types_fall_back_to_defaults(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_text(
        json.dumps(
            {"language": "xx", "autosave_interval_s": "soon", "autosave_idle_s": 1, "recent_files": [3, "b"]}
        ),
        encoding="utf-8",
    )
    s = UserSettings(path)
    assert s.language == "system"
    assert s.prefs.autosave_interval_s == 180
    assert s.prefs.autosave_idle_s == 5  # clamped to the minimum
    assert s.prefs.recent_files == ["b"]
