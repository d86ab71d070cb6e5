"""Named exceptions and located problem reports.

Readers and the calculation collect :class:`Problem` records (file, sheet, row, column, message)
instead of stopping at the first one; the caller decides how to show them (CLI: stderr and exit
code 2; GUI: a problems panel with clickable locations). ``code`` is a stable message key for
translation; ``message`` is the English text.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace


@dataclass(frozen=True, slots=True)
class Problem:
    message: str
    code: str = "input"
    file: str | None = None
    sheet: str | None = None
    row: int | None = None
    column: str | None = None
    line_id: str | None = None
    severity: str = "error"  # "error" blocks the calculation, "warning" does not
    params: dict[str, object] = field(default_factory=dict, compare=False)

    def located(self, **where: object) -> Problem:
        """A copy with the missing location parts filled in (existing ones win)."""
        updates = {k: v for k, v in where.items() if getattr(self, k) is None and v is not None}
        return replace(self, **updates) if updates else self

    @property
    def location(self) -> str:
        parts: list[str] = []
        if self.file:
            parts.append(self.file)
        if self.sheet:
            parts.append(f"sheet '{self.sheet}'")
        if self.row is not None:
            parts.append(f"row {self.row}")
        if self.column:
            parts.append(f"column '{self.column}'")
        if self.line_id is not None and self.row is None:
            parts.append(f"line '{self.line_id}'")
        return ", ".join(parts)

    def __str__(self) -> str:
        where = self.location
        return f"{where}: {self.message}" if where else self.message


class PcfError(Exception):
    """Base of every error PCF Workbench raises on purpose."""


class InputError(PcfError):
    """The user's input is wrong; carries one or more located problems (CLI exit code 2)."""

    def __init__(self, problems: Iterable[Problem] | Problem | str) -> None:
        if isinstance(problems, str):
            problems = Problem(problems)
        if isinstance(problems, Problem):
            problems = [problems]
        self.problems: tuple[Problem, ...] = tuple(problems)
        if not self.problems:
            raise ValueError("InputError needs at least one problem")
        super().__init__(str(self.problems[0]))

    def located(self, **where: object) -> InputError:
        return type(self)([p.located(**where) for p in self.problems])

    def __str__(self) -> str:
        first = str(self.problems[0])
        more = len(self.problems) - 1
        return first if more == 0 else f"{first}\n(and {more} more problem{'s' * (more > 1)})"


class UnitError(InputError):
    """A unit is unknown, ambiguous, or does not measure the same thing as the factor's unit."""


class StudyError(InputError):
    """The study is inconsistent: duplicate ids, missing parents, loops, missing factors …"""


class HostileFileError(InputError):
    """A file was refused before parsing: zip bomb, entity attack, absurd dimensions."""


class SchemaVersionError(PcfError):
    """A database or project file was written by a newer version of PCF Workbench."""
