"""A second instance is told who has the project open; convert/calc on the command line."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from projectbuilders import rich_study, studies

from app.project.lock import ProjectLock, ProjectLockedError, lock_path, read_lock
from app.project.model import Project
from app.project.store import write_project
from app.services.projects import open_project
from app.services.studies import load_study, save_study

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "resources" / "examples" / "electric-kettle.xlsx"
HOLDER = """
import sys
from app.services.projects import open_project
session = open_project(sys.argv[1])
print("LOCKED", flush=True)
sys.stdin.readline()
session.close()
print("RELEASED", flush=True)
"""


def _cli(*args: object) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-m", "app", *map(str, args)], capture_output=True, text=True, env=env, timeout=120
    )


@pytest.fixture
def holder(tmp_path: Path):
    """Another process with the project open for writing."""
    path = tmp_path / "shared.pcfw"
    write_project(Project(rich_study()), path)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env=env,
    )
    assert proc.stdout is not None and proc.stdout.readline().strip() == "LOCKED"
    yield path, proc
    if proc.poll() is None:
        proc.kill()
    proc.wait()


def test_a_second_instance_is_told_who_has_the_project_open(holder) -> None:
    path, proc = holder
    with pytest.raises(ProjectLockedError) as info:
        open_project(path)
    owner = info.value.owner
    assert owner.pid == proc.pid
    assert f"process {proc.pid}" in str(info.value) and "read-only" in str(info.value)
    session = open_project(path, read_only=True)  # the offered way out
    assert session.read_only and session.project.study == rich_study()
    proc.stdin.write("\n")  # type: ignore[union-attr]
    proc.stdin.flush()  # type: ignore[union-attr]
    assert proc.stdout.readline().strip() == "RELEASED"  # type: ignore[union-attr]
    open_project(path).close()  # free again


def test_a_killed_instance_leaves_a_stale_lock_that_is_taken_over(holder) -> None:
    path, proc = holder
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert read_lock(path) is not None and read_lock(path).pid == proc.pid  # type: ignore[union-attr]
    session = open_project(path)
    assert read_lock(path).pid == os.getpid()  # type: ignore[union-attr]
    session.close()
    assert not lock_path(path).exists()


def test_convert_refuses_to_overwrite_a_project_open_elsewhere(holder, tmp_path: Path) -> None:
    path, proc = holder
    before = path.read_bytes()
    result = _cli("convert", EXAMPLE, path)
    assert result.returncode == 2, result.stderr
    assert f"process {proc.pid}" in result.stderr and "Traceback" not in result.stderr
    assert path.read_bytes() == before


def test_an_unreadable_lock_is_stale(tmp_path: Path) -> None:
    path = tmp_path / "p.pcfw"
    write_project(Project(rich_study()), path)
    lock_path(path).write_text("{half")
    with ProjectLock.acquire(path) as lock:
        assert lock.info.pid == os.getpid()


# --- command line ----------------------------------------------------------------------------


def _calc_json(path: Path) -> dict:
    result = _cli("calc", path, "--json", "-")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_example_workbook_to_project_to_workbook_calculates_identically(tmp_path: Path) -> None:
    project, workbook = tmp_path / "kettle.pcfw", tmp_path / "kettle.xlsx"
    assert _cli("convert", EXAMPLE, project).returncode == 0
    assert _cli("convert", project, workbook).returncode == 0
    original, via_project, back = _calc_json(EXAMPLE), _calc_json(project), _calc_json(workbook)
    assert original == via_project == back  # every number, full precision, and every warning
    assert load_study(workbook).study == load_study(EXAMPLE).study == load_study(project).study
    summary = _cli("calc", project)
    assert "Project revision 1: working (not frozen)" in summary.stdout


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(studies())
def test_generated_studies_round_trip_workbook_project_workbook(tmp_path: Path, study) -> None:
    from app.services.calculation import calculate_study

    first, project, second = tmp_path / "a.xlsx", tmp_path / "p.pcfw", tmp_path / "b.xlsx"
    project.unlink(missing_ok=True)
    save_study(study, first)
    read_first = load_study(first).study
    numbers = ("quantity", "loss_rate", "distance_km", "factor_value", "allocation")
    for a, b in zip(read_first.lines, study.lines, strict=True):  # every double exactly, 17 digits too
        assert [getattr(a, f) for f in numbers] == [getattr(b, f) for f in numbers]
    save_study(read_first, project)
    save_study(load_study(project).study, second)
    read_second = load_study(second).study
    assert read_second == read_first
    assert calculate_study(read_second).to_json_dict() == calculate_study(read_first).to_json_dict()


def test_convert_and_calc_exit_codes(tmp_path: Path) -> None:
    newer = tmp_path / "newer.pcfw"
    write_project(Project(rich_study()), newer)
    import sqlite3

    conn = sqlite3.connect(newer)
    conn.execute("UPDATE meta SET value = '99' WHERE key = 'schema_version'")
    conn.commit()
    conn.close()
    for args in (("calc", newer), ("convert", newer, tmp_path / "x.xlsx")):
        result = _cli(*args)
        assert (
            result.returncode == 2
            and "newer PCF Workbench" in result.stderr
            and "Traceback" not in result.stderr
        )
    assert not (tmp_path / "x.xlsx").exists()
    bad = _cli("convert", EXAMPLE, tmp_path / "out.csv")
    assert bad.returncode == 2 and "must end in .xlsx" in bad.stderr
    missing = _cli("convert", tmp_path / "nope.xlsx", tmp_path / "p.pcfw")
    assert missing.returncode == 2 and not (tmp_path / "p.pcfw").exists()
    garbage = tmp_path / "g.pcfw"
    garbage.write_text("no")
    result = _cli("convert", garbage, tmp_path / "g.xlsx")
    assert result.returncode == 2 and "not a PCF Workbench project" in result.stderr


def test_calc_and_convert_a_frozen_revision(tmp_path: Path) -> None:
    from projectbuilders import FakeLibrary

    from app.factors.gwp_data import load_gwp_tables
    from app.services.context import AppContext, LazyFactorSource
    from app.services.projects import freeze, save_project

    lib = FakeLibrary()
    ctx = AppContext(factors=LazyFactorSource(lambda: lib), gwp_tables=load_gwp_tables())
    path = tmp_path / "p.pcfw"
    project = Project(rich_study())
    rev = freeze(project, ctx)
    project.study.lines.pop()  # revision 2: working, without line 5
    save_project(project, path, ctx.factors)
    frozen = _calc_json_args(path, "--revision", "1")
    assert frozen["total_kgco2e"] == rev.total and len(frozen["lines"]) == len(rich_study().lines)
    assert frozen == rev.snapshot["results"]  # the certified numbers, reproduced exactly
    summary = _cli("calc", path, "--revision", "1")
    assert f"Project revision 1: frozen, SHA-256 {rev.fingerprint}" in summary.stdout
    assert _cli("convert", path, tmp_path / "r1.xlsx", "--revision", "1").returncode == 0
    assert load_study(tmp_path / "r1.xlsx").study.lines == rich_study().lines
    missing = _cli("calc", path, "--revision", "7")
    assert missing.returncode == 2 and "no frozen revision 7" in missing.stderr


def _calc_json_args(path: Path, *extra: str) -> dict:
    result = _cli("calc", path, *extra, "--json", "-")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_export_of_a_frozen_project_prints_its_fingerprint_on_the_summary(tmp_path: Path) -> None:
    from openpyxl import load_workbook
    from projectbuilders import FakeLibrary

    from app.factors.gwp_data import load_gwp_tables
    from app.services.context import AppContext, LazyFactorSource
    from app.services.projects import freeze, save_project

    lib = FakeLibrary()
    ctx = AppContext(factors=LazyFactorSource(lambda: lib), gwp_tables=load_gwp_tables())
    path = tmp_path / "p.pcfw"
    project = Project(rich_study())
    rev = freeze(project, ctx)
    save_project(project, path, ctx.factors)  # the current revision is the frozen one, unchanged
    out = tmp_path / "inventory.xlsx"
    result = _cli("export", path, "--excel", out, "--lang", "en")
    assert result.returncode == 0, result.stderr
    summary = [c.value for c in load_workbook(out)["Summary"]["B"]]
    assert rev.fingerprint in summary and "DRAFT – not frozen" not in summary
