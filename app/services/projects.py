"""Project use cases shared by the CLI and the window: open, save, convert, freeze, compare.

A project keeps the study, the library factors it uses pinned to the values it was calculated
with, its settings and its revision history. The rules:

- Saving pins every library factor the lines name that is not pinned yet (existing pins stay:
  re-pinning is a deliberate act) and drops pins no line uses any more.
- "Freeze for certification" calculates the study with its pins and stores an immutable
  snapshot (inputs, factors used, method settings, app and factor-library versions, results)
  with its SHA-256 fingerprint. Any later change makes a new working revision; frozen ones are
  never rewritten.
- A project opened for writing holds a lock file; a second instance gets
  :class:`~app.project.lock.ProjectLockedError` naming who has it and may open it read-only.
"""

from __future__ import annotations

import contextlib
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from app import __version__
from app.core.compile import FactorOrigin, FactorSource
from app.core.domain import Study
from app.core.errors import InputError
from app.core.messages import problem
from app.factors.pinning import PinnedFactorSource, pin_factors
from app.project.canonical import (
    build_snapshot,
    factor_to_dict,
    fingerprint,
    inputs_digest,
    snapshot_pins,
    snapshot_study,
)
from app.project.compare import Comparison, compare_snapshots
from app.project.files import load_project
from app.project.lock import ProjectLock, ProjectLockedError, is_stale, read_lock
from app.project.model import FROZEN, WORKING, Project, Revision
from app.project.store import PROJECT_SUFFIX, clean_orphans, now_iso, write_project
from app.services.calculation import RESULT_SCHEMA, StudyResult, calculate_study
from app.services.context import AppContext

__all__ = [
    "PROJECT_SUFFIX",
    "Comparison",
    "ProjectLockedError",
    "ProjectSession",
    "compare_revisions",
    "freeze",
    "is_project_path",
    "open_project",
    "save_project",
]

METHOD = {
    "standards": "ISO 14067:2018; GB/T 24067-2024",
    "characterisation": "IPCC GWP100",
    "gross_quantity": "quantity x (1 + loss_rate); children x every ancestor's gross quantity",
    "transport": "gross mass in t x distance_km, in t.km",
    "display_rounding": "half-up, 3 significant figures",
    "result_schema": RESULT_SCHEMA,
}


def is_project_path(path: Path | str) -> bool:
    return Path(path).suffix.lower() == PROJECT_SUFFIX


def method_settings(study: Study) -> dict[str, Any]:
    info = study.info
    return {**METHOD, "gwp_set": info.gwp_set.value, "boundary": info.boundary.value}


# --- pins ------------------------------------------------------------------------------------


def library_factor_ids(study: Study) -> list[str]:
    """Ids the lines resolve in the factor library (not the study's own, not inline values)."""
    own = {f.factor_id for f in study.factors}
    ids = (ln.factor_id for ln in study.lines if ln.factor_id and ln.factor_value is None)
    return sorted({fid for fid in ids if fid not in own})


def refresh_pins(project: Project, library: FactorSource | None) -> None:
    """Pin what is used and not pinned yet; drop pins nothing uses. Existing pins never change."""
    wanted = library_factor_ids(project.study)
    kept = {fid: project.pins[fid] for fid in wanted if fid in project.pins}
    missing = [fid for fid in wanted if fid not in kept]
    if missing and library is not None:
        bulk = getattr(library, "get_factors", None)
        if bulk is not None:
            from app.factors.pinning import PinnedFactor

            kept.update({fid: PinnedFactor.from_factor(f) for fid, f in bulk(missing).items()})
        else:
            kept.update(pin_factors(missing, library))
    project.pins = dict(sorted(kept.items()))


def pinned_source(project: Project, fallback: FactorSource | None) -> FactorSource:
    return PinnedFactorSource(project.pins, fallback)


def calculate_project(project: Project, ctx: AppContext) -> StudyResult:
    return calculate_study(project.study, pinned_source(project, ctx.factors), ctx.gwp_tables)


# --- revisions -------------------------------------------------------------------------------


def _frozen_digest(rev: Revision) -> str:
    assert rev.snapshot is not None
    return inputs_digest(snapshot_study(rev.snapshot), snapshot_pins(rev.snapshot))


def note_edits(project: Project, now: str | None = None) -> None:
    """After freezing, a changed study starts a new working revision (frozen ones stay as they are)."""
    current = project.current
    if current is None:
        project.revisions.append(Revision(1, WORKING, now or now_iso()))
        return
    if current.is_frozen and inputs_digest(project.study, project.pins) != _frozen_digest(current):
        project.revisions.append(Revision(current.number + 1, WORKING, now or now_iso()))


def matches_frozen(project: Project) -> bool:
    """True when the working state is exactly the current frozen revision."""
    current = project.current
    return bool(current and current.is_frozen) and inputs_digest(
        project.study, project.pins
    ) == _frozen_digest(current)  # type: ignore[arg-type]


def library_info(factors: object) -> dict[str, Any]:
    """The factor library's schema version and dataset versions (what a frozen revision records)."""
    return _library_info(factors)


def _library_info(factors: object) -> dict[str, Any]:
    source = getattr(factors, "source", factors)
    info: dict[str, Any] = {}
    version = getattr(source, "schema_version", None)
    if isinstance(version, int):
        info["schema_version"] = version
    datasets = getattr(source, "datasets", None)
    if callable(datasets):
        with contextlib.suppress(Exception):  # a library without dataset records still freezes
            info["datasets"] = sorted(
                ({"dataset_id": d.dataset_id, "version": d.version} for d in datasets()),
                key=lambda d: d["dataset_id"],
            )
    return info


def _factors_used(result: StudyResult) -> list[dict[str, Any]]:
    seen: dict[tuple[str, str], dict[str, Any]] = {}
    for trace in result.traces:
        if trace.factor is None:
            continue
        key = (trace.factor_origin or "", trace.factor.factor_id)
        if key not in seen:
            d = factor_to_dict(trace.factor)
            d.update(origin=trace.factor_origin, kgco2e_per_unit=trace.factor_co2e, basis=trace.basis)
            seen[key] = d
    return [seen[k] for k in sorted(seen) if k[0] != FactorOrigin.INLINE] + [
        seen[k] for k in sorted(seen) if k[0] == FactorOrigin.INLINE
    ]


def snapshot_of(
    project: Project, ctx: AppContext, library: Mapping[str, Any] | None = None
) -> dict[str, Any]:
    """The canonical snapshot of the working state (what freezing would store)."""
    result = calculate_project(project, ctx)
    return build_snapshot(
        project.study,
        project.pins,
        result.to_json_dict(),
        _factors_used(result),
        __version__,
        _library_info(ctx.factors) if library is None else library,
        method_settings(project.study),
    )


def freeze(
    project: Project,
    ctx: AppContext,
    note: str = "",
    now: str | None = None,
    library: Mapping[str, Any] | None = None,
) -> Revision:
    """Freeze the working state as an immutable revision; raises InputError if it does not calculate.

    ``library`` (from :func:`library_info`) lets a worker freeze without touching the library."""
    refresh_pins(project, ctx.factors)
    note_edits(project, now)
    current = project.current
    assert current is not None
    if current.is_frozen:
        raise InputError(problem("project.already_frozen", {"revision": current.number}))
    snap = snapshot_of(project, ctx, library)
    frozen = replace(
        current,
        status=FROZEN,
        frozen_at=now or now_iso(),
        fingerprint=fingerprint(snap),
        snapshot=snap,
        note=note,
    )
    project.revisions[-1] = frozen
    return frozen


def compare_revisions(project: Project, a: int, b: int | None, ctx: AppContext | None = None) -> Comparison:
    """Compare frozen revision ``a`` with revision ``b`` (``None``: the working state, needs ``ctx``)."""
    return compare_snapshots(_snapshot(project, a, ctx), _snapshot(project, b, ctx))


def _snapshot(project: Project, number: int | None, ctx: AppContext | None) -> Mapping[str, Any]:
    rev = None if number is None else project.revision(number)
    if rev is not None and rev.snapshot is not None:
        return rev.snapshot
    if number is not None and (rev is None or number != project.current_number):
        raise InputError(problem("project.not_frozen", {"revision": number}))
    if ctx is None:
        raise ValueError("comparing the working state needs an AppContext to calculate it")
    return snapshot_of(project, ctx)


# --- sessions: open, save ------------------------------------------------------------------


@dataclass
class ProjectSession:
    """An open project: its content, where it lives, and the lock while it is open for writing."""

    project: Project
    path: Path | None
    lock: ProjectLock | None = None
    read_only: bool = False
    viewing: int | None = None  # a frozen revision opened read-only

    @property
    def fingerprint(self) -> str | None:
        """The frozen revision's fingerprint when the shown state is one (else None: a draft)."""
        if self.viewing is not None:
            rev = self.project.revision(self.viewing)
            return rev.fingerprint if rev else None
        current = self.project.current
        if current is not None and current.is_frozen and matches_frozen(self.project):
            return current.fingerprint
        return None

    def status_text(self) -> str:
        """'revision 3 (frozen)', 'revision 4 (working)', 'revision 2 (frozen, read-only)'."""
        if self.viewing is not None:
            return f"revision {self.viewing} (frozen, read-only)"
        current = self.project.current
        number = current.number if current else 1
        state = (
            "frozen"
            if current is not None and current.is_frozen and matches_frozen(self.project)
            else "working"
        )
        if state == "frozen" or current is None or not current.is_frozen:
            return f"revision {number} ({state})" + (", read-only" if self.read_only else "")
        return f"revision {number + 1} (working)" + (", read-only" if self.read_only else "")

    def close(self) -> None:
        if self.lock is not None:
            self.lock.release()
            self.lock = None


def open_project(path: Path | str, *, read_only: bool = False, revision: int | None = None) -> ProjectSession:
    """Open a project; for writing it takes the lock (raises ProjectLockedError if held)."""
    path = Path(path)
    if revision is not None:
        read_only = True
    lock = None if read_only else ProjectLock.acquire(path)
    try:
        project = load_project(path, migrate_on_disk=not read_only)
        if lock is not None:
            clean_orphans(path)
    except BaseException:
        if lock is not None:
            lock.release()
        raise
    session = ProjectSession(project, path.resolve(), lock, read_only)
    if revision is not None:
        rev = project.revision(revision)
        if rev is None or rev.snapshot is None:
            raise InputError(
                problem("project.no_revision", {"name": path.name, "revision": revision}, file=str(path))
            )
        session.project = Project(
            snapshot_study(rev.snapshot), snapshot_pins(rev.snapshot), {}, project.revisions
        )
        session.viewing = revision
    return session


def new_project(study: Study, library: FactorSource | None = None) -> Project:
    project = Project(study)
    refresh_pins(project, library)
    return project


def ensure_not_open_elsewhere(path: Path) -> None:
    """Raise ProjectLockedError if a live instance (not this process) has ``path`` open."""
    owner = read_lock(path)
    if owner is not None and not owner.is_this_process and not is_stale(owner):
        raise ProjectLockedError(path, owner)


def save_project(project: Project, path: Path | str, library: FactorSource | None = None) -> None:
    """Pin, note edits after freezing, and write the whole project atomically."""
    path = Path(path)
    ensure_not_open_elsewhere(path)
    refresh_pins(project, library)
    note_edits(project)
    write_project(project, path)
    clean_orphans(path)  # leftovers of earlier interrupted saves (no other writer holds the file)


def convert(src: Path | str, dst: Path | str, ctx: AppContext, revision: int | None = None) -> Study:
    """Study workbook ↔ project file, lossless for the study (a project also keeps pins and history).

    Writing into an existing project makes the study its working state (history kept); a project
    open in another instance is refused (InputError naming who has it)."""
    from app.services.studies import STUDY_SUFFIXES, load_study, save_study

    src, dst = Path(src), Path(dst)
    if dst.suffix.lower() not in STUDY_SUFFIXES:
        raise InputError(problem("convert.output_type", {"file": dst.name}, file=dst.name))
    if src.exists() and dst.exists() and src.resolve() == dst.resolve():
        raise InputError(problem("convert.same_file"))
    loaded = load_study(src, revision=revision)
    try:
        save_study(loaded.study, dst, factors=ctx.factors, pins=loaded.pins)
    except ProjectLockedError as exc:
        raise InputError(problem(exc.code, exc.params, file=str(dst))) from None
    return loaded.study
