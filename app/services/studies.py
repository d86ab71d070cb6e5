"""Load and calculate study files: the use cases behind ``calc``, ``open`` and the window."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from app.core.compile import FactorSource
from app.core.domain import Study
from app.core.errors import InputError, Problem, StudyError
from app.core.messages import problem
from app.services.calculation import StudyResult, calculate_study
from app.services.context import AppContext

WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")
PROJECT_SUFFIX = ".pcfw"
STUDY_SUFFIXES = (*WORKBOOK_SUFFIXES, PROJECT_SUFFIX)


@dataclass(frozen=True, slots=True)
class LoadedStudy:
    study: Study
    path: Path
    locate: object  # Callable[[Problem], Problem] giving problems their sheet and column
    # SHA-256 of the frozen revision this study is (project files only; None for a workbook or a
    # working revision). Labels, reports and exports print it; None means "DRAFT – not frozen".
    fingerprint: str | None = None
    # Library factors pinned in a project file (factor_id → PinnedFactor); calculations use them
    # before the live library. Empty for a workbook.
    pins: Mapping[str, object] = field(default_factory=dict)
    revision: int | None = None  # the project revision this study is (None for a workbook)

    def locate_problems(self, problems: tuple[Problem, ...] | list[Problem]) -> list[Problem]:
        return [self.locate(p) for p in problems]  # type: ignore[operator]


def _no_location(found: Problem) -> Problem:
    return found


def load_study(path: Path | str, revision: int | None = None) -> LoadedStudy:
    """Read a study workbook (.xlsx) or a project file (.pcfw; ``revision``: a frozen one)."""
    path = Path(path)
    if not path.exists():
        raise InputError(problem("file.missing", {"path": str(path)}, file=str(path)))
    if path.is_dir():
        raise InputError(problem("file.folder", {"path": str(path)}, file=str(path)))
    suffix = path.suffix.lower()
    if suffix == PROJECT_SUFFIX:
        return _load_project_study(path, revision)
    if suffix in WORKBOOK_SUFFIXES:
        from app.io.study_workbook import read_study_workbook

        result = read_study_workbook(path)
        return LoadedStudy(result.study, path, result.locate)
    if suffix == ".xls":
        raise InputError(problem("file.xls", file=path.name))
    raise InputError(problem("file.type", {"suffix": path.suffix}, file=path.name))


def _load_project_study(path: Path, revision: int | None) -> LoadedStudy:
    """Read without taking the lock or changing the file (an old layout is upgraded in memory)."""
    from app.services.projects import ProjectSession, open_project

    session: ProjectSession = open_project(path, read_only=True, revision=revision)
    current = session.project.current
    number = session.viewing if session.viewing is not None else (current.number if current else 1)
    return LoadedStudy(
        session.project.study,
        path,
        _no_location,
        fingerprint=session.fingerprint,
        pins=dict(session.project.pins),
        revision=number,
    )


def save_study(
    study: Study, path: Path, *, factors: FactorSource | None = None, pins: Mapping[str, object] | None = None
) -> None:
    """Write ``study`` to a workbook (.xlsx) or a project file (.pcfw), atomically.

    An existing project keeps its history, pins and settings: the study becomes its working state
    (a new working revision if the last one was frozen). ``factors`` pins the library factors
    the study uses; ``pins`` are pins to keep (e.g. from the project the study came from).
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in WORKBOOK_SUFFIXES:
        from app.io.study_template import write_study_workbook

        write_study_workbook(study, path)
        return
    if suffix != PROJECT_SUFFIX:
        raise InputError(problem("file.write_type", {"suffix": path.suffix}, file=path.name))
    from app.project.files import load_project
    from app.project.model import Project
    from app.services.projects import ensure_not_open_elsewhere, save_project

    ensure_not_open_elsewhere(path)  # before reading (an old layout would be upgraded in place)
    project = load_project(path) if path.exists() else Project(study)
    project.study = study
    if pins:
        project.pins = {**dict(pins), **project.pins}  # type: ignore[dict-item]
    save_project(project, path, factors)


def sheets_a_rewrite_drops(path: Path) -> list[str]:
    """The sheets of the study workbook at ``path`` that writing a study back to it would not keep:
    all but the contract's (Study, Inventory, Factors, by either name) and the template's own
    (instructions, lists, examples). The workbook is inspected through the guard only."""
    from app.io import study_schema as schema
    from app.io.study_template import TEMPLATE_SHEETS
    from app.io.xlsx_guard import inspect_xlsx

    kept = {
        name.strip().casefold()
        for name in (*schema.STUDY_SHEET, *schema.INVENTORY_SHEET, *schema.FACTORS_SHEET, *TEMPLATE_SHEETS)
    }
    return [
        sheet.name for sheet in inspect_xlsx(Path(path)).sheets if sheet.name.strip().casefold() not in kept
    ]


def calculate_loaded(loaded: LoadedStudy, ctx: AppContext) -> StudyResult:
    factors: FactorSource | None = ctx.factors
    if loaded.pins:
        from app.factors.pinning import PinnedFactorSource

        factors = PinnedFactorSource(loaded.pins, ctx.factors)  # type: ignore[arg-type]
    try:
        return calculate_study(loaded.study, factors, ctx.gwp_tables)
    except StudyError as exc:
        raise StudyError(loaded.locate_problems(exc.problems)) from None


def calculate_file(path: Path | str, ctx: AppContext) -> tuple[LoadedStudy, StudyResult]:
    loaded = load_study(path)
    return loaded, calculate_loaded(loaded, ctx)
