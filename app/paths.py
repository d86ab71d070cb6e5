"""Where the app finds what it ships (resources, the bundled factor database) and user data.

Looked up, in order: ``PCF_WORKBENCH_ROOT`` (tests, installers), the source tree beside the
``app`` package (checkout and editable install), ``<prefix>/share/pcf-workbench`` (wheel install).
"""

from __future__ import annotations

import os
import sys
from functools import cache
from pathlib import Path

APP_NAME = "pcf-workbench"


@cache
def install_root() -> Path:
    env = os.environ.get("PCF_WORKBENCH_ROOT")
    candidates = [Path(env)] if env else []
    candidates += [Path(__file__).resolve().parent.parent, Path(sys.prefix) / "share" / APP_NAME]
    for root in candidates:
        if (root / "resources").is_dir():
            return root
    raise FileNotFoundError(f"cannot find the resources folder (looked in {', '.join(map(str, candidates))})")


def resource_path(*parts: str) -> Path:
    return install_root().joinpath("resources", *parts)


def factor_db_path(*parts: str) -> Path:
    return install_root().joinpath("factor_db", *parts)


def user_data_dir() -> Path:
    """Per-user writable folder (user factor library, autosaves, logs)."""
    env = os.environ.get("PCF_WORKBENCH_DATA")
    if env:
        return Path(env)
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Application Support"
    else:
        base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / APP_NAME


def log_dir() -> Path:
    return user_data_dir() / "logs"
