"""Code rules checked with the tests: import-linter layer contracts and ruff lint + format."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def _tool(name: str) -> str:
    path = BIN / name
    if path.exists():
        return str(path)
    found = shutil.which(name)
    if found is None:
        pytest.fail(f"{name} is not installed (pip install -e '.[dev]')")
    return found


def _run(*cmd: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=300)


def test_import_contracts_hold() -> None:
    result = _run(_tool("lint-imports"), "--no-cache")
    assert result.returncode == 0, result.stdout + result.stderr


def test_ruff_lint_is_clean() -> None:
    result = _run(_tool("ruff"), "check", "app", "tests", "benchmarks", "factor_db")
    assert result.returncode == 0, result.stdout + result.stderr


def test_ruff_format_is_clean() -> None:
    result = _run(_tool("ruff"), "format", "--check", "app", "tests", "benchmarks", "factor_db")
    assert result.returncode == 0, result.stdout + result.stderr


def test_only_the_gui_package_imports_qt() -> None:
    offenders = []
    for path in (ROOT / "app").rglob("*.py"):
        rel = path.relative_to(ROOT / "app")
        if rel.parts[0] == "gui":
            continue
        text = path.read_text(encoding="utf-8")
        if "PySide6" in text and ("import PySide6" in text or "from PySide6" in text):
            offenders.append(str(rel))
    assert offenders == []
