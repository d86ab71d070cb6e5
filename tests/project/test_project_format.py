"""The .pcfw project file: lossless, fingerprinted, migrated all-or-nothing, refused when newer."""

from __future__ import annotations

import dataclasses
import sqlite3
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from projectbuilders import FakeLibrary, rich_study, studies

from app.core.domain import Factor, GwpSet, Study
from app.core.errors import InputError, SchemaVersionError
from app.factors.gwp_data import load_gwp_tables
from app.project import migrations
from app.project.canonical import canonical_json, fingerprint
from app.project.files import load_project
from app.project.model import Project
from app.project.store import integrity_ok, write_project
from app.services.context import AppContext, LazyFactorSource
from app.services.projects import compare_revisions, freeze, open_project, save_project
from app.services.studies import calculate_loaded, load_study


@pytest.fixture
def ctx() -> AppContext:
    lib = FakeLibrary()
    return AppContext(factors=LazyFactorSource(lambda: lib), gwp_tables=load_gwp_tables())


def test_every_field_and_the_line_order_survive_save_and_open(tmp_path: Path) -> None:
    study = rich_study()
    study.lines.reverse()  # display order is not tree order: it must be kept as it is
    path = tmp_path / "p.pcfw"
    write_project(Project(study), path)
    back = load_project(path)
    assert back.study == study
    assert [ln.line_id for ln in back.study.lines] == [ln.line_id for ln in study.lines]
    assert back.study.factors[0].gases == {"CO2": 3.0, "CH4_fossil": 0.005}
    assert back.study.lines[0].quantity == 1.5e-7 and back.study.lines[1].quantity == 0.1 + 0.2  # exact


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(studies())
def test_generated_studies_round_trip_exactly(tmp_path: Path, study) -> None:
    path = tmp_path / "gen.pcfw"
    write_project(Project(study), path)
    assert load_project(path).study == study


def test_saving_pins_library_factors_and_a_library_update_does_not_change_the_result(
    tmp_path: Path, ctx: AppContext
) -> None:
    path = tmp_path / "p.pcfw"
    save_project(Project(rich_study()), path, ctx.factors)
    project = load_project(path)
    assert set(project.pins) == {"LIB-GRID"}  # S-SS is the study's own, line 3 is inline
    before = calculate_loaded(load_study(path), ctx).total
    updated = FakeLibrary({"LIB-GRID": Factor("LIB-GRID", "Grid", 0.9, "kWh", dataset_version="2025")})
    ctx2 = AppContext(factors=LazyFactorSource(lambda: updated), gwp_tables=load_gwp_tables())
    assert calculate_loaded(load_study(path), ctx2).total == before


def _freeze_and_save(path: Path, ctx: AppContext, project: Project) -> str:
    rev = freeze(project, ctx)
    save_project(project, path, ctx.factors)
    assert rev.fingerprint is not None
    return rev.fingerprint


def test_fingerprint_is_stable_across_save_and_open(tmp_path: Path, ctx: AppContext) -> None:
    path = tmp_path / "p.pcfw"
    fp = _freeze_and_save(path, ctx, Project(rich_study()))
    assert len(fp) == 64 and int(fp, 16) >= 0
    for _ in range(2):  # open and save again without changes: same revision, same fingerprint
        session = open_project(path)
        save_project(session.project, path, ctx.factors)
        session.close()
    project = load_project(path)
    assert [r.number for r in project.revisions] == [1]
    rev = project.revisions[0]
    assert rev.fingerprint == fp == fingerprint(rev.snapshot)  # recomputed from the stored snapshot
    loaded = load_study(path)
    assert loaded.fingerprint == fp and loaded.revision == 1
    assert calculate_loaded(loaded, ctx).total == rev.total  # the frozen number is reproduced


CHANGES = {
    "quantity": lambda s: s.lines.__setitem__(2, dataclasses.replace(s.lines[2], quantity=1.41)),
    "unit": lambda s: s.lines.__setitem__(2, dataclasses.replace(s.lines[2], unit="kWh")),
    "comment": lambda s: s.lines.__setitem__(0, dataclasses.replace(s.lines[0], comment="x")),
    "line added": lambda s: s.lines.append(dataclasses.replace(s.lines[-1], line_id="9")),
    "line removed": lambda s: s.lines.pop(),
    "line order": lambda s: s.lines.insert(0, s.lines.pop(4)),
    "study factor": lambda s: s.factors.__setitem__(0, dataclasses.replace(s.factors[0], value=3.3)),
    "gwp set": lambda s: setattr(s, "info", dataclasses.replace(s.info, gwp_set=GwpSet.AR6)),
    "product name": lambda s: setattr(s, "info", dataclasses.replace(s.info, product_name="Other")),
}


@pytest.mark.parametrize("change", list(CHANGES))
def test_any_input_change_makes_a_new_working_revision_and_a_new_fingerprint(
    tmp_path: Path, ctx: AppContext, change: str
) -> None:
    path = tmp_path / "p.pcfw"
    project = Project(rich_study())
    first = _freeze_and_save(path, ctx, project)
    project = load_project(path)
    CHANGES[change](project.study)
    save_project(project, path, ctx.factors)
    project = load_project(path)
    assert [(r.number, r.status) for r in project.revisions] == [(1, "frozen"), (2, "working")]
    assert load_study(path).fingerprint is None  # a working revision is a draft
    assert project.revisions[0].fingerprint == first  # frozen revisions never change
    second = _freeze_and_save(path, ctx, project)
    assert second != first
    assert load_project(path).revisions[0].fingerprint == first


def test_a_pinned_factor_change_changes_the_fingerprint(tmp_path: Path, ctx: AppContext) -> None:
    path = tmp_path / "p.pcfw"
    project = Project(rich_study())
    first = _freeze_and_save(path, ctx, project)
    pin = project.pins["LIB-GRID"]
    project.pins["LIB-GRID"] = dataclasses.replace(pin, value=0.6)  # re-pinned on purpose
    assert _freeze_and_save(path, ctx, project) != first


def test_freezing_twice_without_a_change_is_refused(tmp_path: Path, ctx: AppContext) -> None:
    project = Project(rich_study())
    freeze(project, ctx)
    with pytest.raises(InputError, match="already frozen"):
        freeze(project, ctx)


def test_frozen_revision_opens_read_only_from_its_snapshot(tmp_path: Path, ctx: AppContext) -> None:
    path = tmp_path / "p.pcfw"
    project = Project(rich_study())
    fp = _freeze_and_save(path, ctx, project)
    CHANGES["quantity"](project.study)
    save_project(project, path, ctx.factors)
    session = open_project(path, revision=1)
    assert session.read_only and session.lock is None and session.viewing == 1
    assert session.project.study == rich_study()
    assert session.fingerprint == fp
    assert "read-only" in session.status_text()
    assert load_study(path, revision=1).fingerprint == fp
    with pytest.raises(InputError, match="no frozen revision 2"):
        open_project(path, revision=2)


def test_compare_names_changed_added_removed_lines_and_factors_and_the_effect(
    tmp_path: Path, ctx: AppContext
) -> None:
    project = Project(rich_study())
    r1 = freeze(project, ctx)
    CHANGES["quantity"](project.study)  # line 2: 1.4 → 1.41 kWh of 0.5777
    CHANGES["line removed"](project.study)  # line 5
    project.study.lines.append(dataclasses.replace(project.study.lines[0], line_id="6", name="New"))
    CHANGES["study factor"](project.study)
    r2 = freeze(project, ctx)
    cmp = compare_revisions(project, r1.number, r2.number)
    kinds = {(c.key, c.kind) for c in cmp.lines}
    assert kinds == {("2", "changed"), ("5", "removed"), ("6", "added")}
    changed = next(c for c in cmp.lines if c.key == "2")
    assert changed.fields == ("quantity",)
    assert changed.effect_kgco2e == pytest.approx(0.01 * 0.5777, rel=1e-9)
    assert [(c.key, c.kind, c.fields) for c in cmp.factors] == [("S-SS", "changed", ("value",))]
    assert cmp.total_delta == pytest.approx(r2.total - r1.total, rel=1e-12)
    deltas = cmp.stage_deltas()
    assert deltas["production"] == pytest.approx(0.01 * 0.5777, rel=1e-9)
    # The working state compares too (calculated on the fly)
    assert compare_revisions(project, r2.number, None, ctx).is_empty


# --- migrations and versions ---------------------------------------------------------------


def _downgrade_to_v1(path: Path) -> None:
    """Turn a current file into the layout-1 shape (no settings table, no revision note)."""
    conn = sqlite3.connect(path)
    conn.execute("DROP TABLE settings")
    conn.execute("ALTER TABLE revisions DROP COLUMN note")
    conn.execute("UPDATE meta SET value = '1' WHERE key = 'schema_version'")
    conn.commit()
    conn.close()


def _assert_v1_backup(backup: Path) -> None:
    """The backup is the old layout with the same content (written through the backup API)."""
    conn = sqlite3.connect(backup)
    assert conn.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone() == ("1",)
    assert integrity_ok(conn)
    conn.close()
    copy = backup.with_name("copy.pcfw")
    copy.write_bytes(backup.read_bytes())
    assert load_project(copy, migrate_on_disk=False).study == rich_study()


def test_an_old_layout_is_migrated_with_a_backup_beside_it(tmp_path: Path, ctx: AppContext) -> None:
    path = tmp_path / "old.pcfw"
    project = Project(rich_study())
    fp = _freeze_and_save(path, ctx, project)
    _downgrade_to_v1(path)
    back = load_project(path)
    assert back.study == rich_study() and back.revisions[0].fingerprint == fp
    _assert_v1_backup(tmp_path / "old.pcfw.v1.bak")
    conn = sqlite3.connect(path)
    assert conn.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone() == ("2",)
    assert integrity_ok(conn)
    conn.close()


def test_read_only_opening_migrates_in_memory_and_leaves_the_file_alone(tmp_path: Path) -> None:
    path = tmp_path / "old.pcfw"
    write_project(Project(rich_study()), path)
    _downgrade_to_v1(path)
    before = path.read_bytes()
    assert load_study(path).study == rich_study()
    assert path.read_bytes() == before and not (tmp_path / "old.pcfw.v1.bak").exists()


def test_a_failing_migration_leaves_the_file_untouched_and_a_backup(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "old.pcfw"
    write_project(Project(rich_study()), path)
    _downgrade_to_v1(path)
    before = path.read_bytes()

    def half_done(conn: sqlite3.Connection) -> None:
        conn.execute("CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT)")
        conn.execute("ALTER TABLE no_such_table ADD COLUMN x TEXT")  # fails half-way

    monkeypatch.setitem(migrations.MIGRATIONS, 1, half_done)
    with pytest.raises(migrations.MigrationError, match="the file is unchanged") as info:
        load_project(path)
    assert info.value.problems[0].code == "project.migration_failed"
    assert path.read_bytes() == before
    monkeypatch.undo()  # the real migration reads the backup
    _assert_v1_backup(tmp_path / "old.pcfw.v1.bak")
    assert list(tmp_path.glob(".*.tmp")) == []


def test_a_file_from_a_newer_version_is_refused_clearly(tmp_path: Path) -> None:
    path = tmp_path / "new.pcfw"
    write_project(Project(rich_study()), path)
    conn = sqlite3.connect(path)
    conn.execute("UPDATE meta SET value = '99' WHERE key = 'schema_version'")
    conn.execute("UPDATE meta SET value = '9.0' WHERE key = 'app_version'")
    conn.commit()
    conn.close()
    before = path.read_bytes()
    with pytest.raises(SchemaVersionError, match=r"saved by PCF Workbench 9\.0 \(project schema 99\)"):
        load_project(path)
    assert path.read_bytes() == before


def test_what_is_not_a_project_is_refused_with_a_message(tmp_path: Path) -> None:
    bad = tmp_path / "x.pcfw"
    bad.write_text("hello")
    with pytest.raises(InputError, match="not a PCF Workbench project"):
        load_study(bad)
    other = tmp_path / "other.pcfw"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()
    with pytest.raises(InputError, match="not a PCF Workbench project"):
        load_study(other)


def test_snapshot_json_is_canonical() -> None:
    assert canonical_json({"b": 0.1 + 0.2, "a": [1, "电"]}) == '{"a":[1,"电"],"b":0.30000000000000004}'


def test_save_retries_while_windows_briefly_holds_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On Windows an antivirus or Excel may hold the target a moment: os.replace is retried."""
    import os as real_os

    from app.io import atomic

    path = tmp_path / "p.pcfw"
    write_project(Project(rich_study()), path)
    calls = {"n": 0}
    original = real_os.replace

    def busy_twice(src, dst):
        calls["n"] += 1
        if calls["n"] <= 2:
            raise PermissionError(13, "The process cannot access the file")
        original(src, dst)

    monkeypatch.setattr(atomic.sys, "platform", "win32")
    monkeypatch.setattr(atomic, "_REPLACE_DELAY_S", 0.0)
    monkeypatch.setattr(atomic.os, "replace", busy_twice)
    changed = rich_study()
    changed.lines.pop()
    write_project(Project(changed), path)
    monkeypatch.undo()
    assert calls["n"] == 3 and load_project(path).study == changed


FIELD_CHANGES = {
    "quantity": lambda ln: dataclasses.replace(ln, quantity=ln.quantity + 1.0),
    "loss_rate": lambda ln: dataclasses.replace(ln, loss_rate=ln.loss_rate + 0.01),
    "allocation": lambda ln: dataclasses.replace(ln, allocation=ln.allocation / 2),
    "unit": lambda ln: dataclasses.replace(ln, unit="kg" if ln.unit != "kg" else "g"),
    "name": lambda ln: dataclasses.replace(ln, name=ln.name + "x"),
    "source": lambda ln: dataclasses.replace(ln, source=ln.source + "x"),
    "factor_value": lambda ln: dataclasses.replace(ln, factor_value=(ln.factor_value or 0.0) + 1.0),
    "line_id": lambda ln: dataclasses.replace(ln, line_id=ln.line_id + "-renamed"),
}


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(studies(), st.sampled_from(sorted(FIELD_CHANGES)), st.integers(min_value=0))
def test_the_fingerprint_survives_save_and_open_and_sees_any_field_change(
    tmp_path: Path, study, field: str, which: int
) -> None:
    from app.project.canonical import inputs_digest

    path = tmp_path / "h.pcfw"
    write_project(Project(study), path)
    again = load_project(path).study
    assert inputs_digest(again, {}) == inputs_digest(study, {})
    i = which % len(study.lines)
    changed = Study(study.info, list(study.lines), list(study.factors))
    changed.lines[i] = FIELD_CHANGES[field](changed.lines[i])
    assert inputs_digest(changed, {}) != inputs_digest(study, {})


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")
def test_saving_keeps_the_file_permissions(tmp_path: Path) -> None:
    path = tmp_path / "shared.pcfw"
    write_project(Project(rich_study()), path)
    assert path.stat().st_mode & 0o777 == 0o644  # not private like a bare temporary file
    path.chmod(0o660)  # shared with the team's group
    write_project(Project(rich_study()), path)
    assert path.stat().st_mode & 0o777 == 0o660
