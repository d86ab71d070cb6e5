"""Load and calculate study files: the use cases behind ``calc``, ``open`` and the window."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from app.core.domain import Study
from app.core.errors import InputError, Problem, StudyError
from app.core.messages import problem
from app.services.calculation import StudyResult, calculate_study
from app.services.context import AppContext

WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")


@dataclass(frozen=True, slots=True)
class LoadedStudy:
    study: Study
    path: Path
    locate: object  # Callable[[Problem], Problem] giving problems their sheet and column
    # SHA-256 of the frozen revision this study is (project files only; None for a workbook or a
    # working revision). Labels, reports and exports print it; None means "DRAFT – not frozen".
    fingerprint: str | None = None

    def locate_problems(self, problems: tuple[Problem, ...] | list[Problem]) -> list[Problem]:
        return [self.locate(p) for p in problems]  # type: ignore[operator]


def load_study(path: Path | str) -> LoadedStudy:
    """Read a study file (a study workbook today; project files come with the document layer)."""
    path = Path(path)
    if not path.exists():
        raise InputError(problem("file.missing", {"path": str(path)}, file=str(path)))
    if path.is_dir():
        raise InputError(problem("file.folder", {"path": str(path)}, file=str(path)))
    suffix = path.suffix.lower()
    if suffix in WORKBOOK_SUFFIXES:
        from app.io.study_workbook import read_study_workbook

        result = read_study_workbook(path)
        return LoadedStudy(result.study, path, result.locate)
    if suffix == ".xls":
        raise InputError(problem("file.xls", file=path.name))
    raise InputError(problem("file.type", {"suffix": path.suffix}, file=path.name))


def save_study(study: Study, path: Path) -> None:
    """Write ``study`` to ``path`` atomically (a study workbook, .xlsx).

    Project files (.pcfw) are added by the project-file layer; until then they are refused.
    """
    path = Path(path)
    if path.suffix.lower() not in WORKBOOK_SUFFIXES:
        raise InputError(problem("file.write_type", {"suffix": path.suffix}, file=path.name))
    from app.io.study_template import write_study_workbook

    write_study_workbook(study, path)


def calculate_loaded(loaded: LoadedStudy, ctx: AppContext) -> StudyResult:
    try:
        return calculate_study(loaded.study, ctx.factors, ctx.gwp_tables)
    except StudyError as exc:
        raise StudyError(loaded.locate_problems(exc.problems)) from None


def calculate_file(path: Path | str, ctx: AppContext) -> tuple[LoadedStudy, StudyResult]:
    loaded = load_study(path)
    return loaded, calculate_loaded(loaded, ctx)
