"""What a project file holds, as plain values: the study, its pins, settings and revisions."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from app.core.domain import Study
from app.factors.pinning import PinnedFactor


def now_iso() -> str:
    """Now, UTC, to the second: ``2026-12-01T07:00:00Z``."""
    return datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


WORKING = "working"
FROZEN = "frozen"


@dataclass(frozen=True, slots=True)
class Revision:
    """One entry of the revision history. Frozen revisions are immutable and carry a snapshot."""

    number: int
    status: str  # WORKING or FROZEN
    created_at: str  # ISO 8601 UTC
    frozen_at: str | None = None
    fingerprint: str | None = None
    snapshot: Mapping[str, Any] | None = None
    note: str = ""

    @property
    def is_frozen(self) -> bool:
        return self.status == FROZEN

    @property
    def total(self) -> float | None:
        """The frozen total (kg CO2e per declared unit), from the snapshot's results."""
        if not self.snapshot:
            return None
        results = self.snapshot.get("results") or {}
        total = results.get("total_kgco2e")
        return float(total) if isinstance(total, int | float) else None


@dataclass(slots=True)
class Project:
    """The working state of a project plus its revision history (oldest first)."""

    study: Study
    pins: dict[str, PinnedFactor] = field(default_factory=dict)
    settings: dict[str, Any] = field(default_factory=dict)
    revisions: list[Revision] = field(default_factory=list)

    @property
    def current(self) -> Revision | None:
        return self.revisions[-1] if self.revisions else None

    @property
    def current_number(self) -> int:
        return self.revisions[-1].number if self.revisions else 1

    def revision(self, number: int) -> Revision | None:
        for rev in self.revisions:
            if rev.number == number:
                return rev
        return None

    @property
    def last_frozen(self) -> Revision | None:
        for rev in reversed(self.revisions):
            if rev.is_frozen:
                return rev
        return None
