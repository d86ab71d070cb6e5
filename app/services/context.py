"""The objects a session of the app works with, built once by the composition root.

No globals: the CLI and the window receive an :class:`AppContext` and pass it on. The factor
library is opened on first use, so a study that carries its own factors never touches it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from app.core.compile import FactorSource
from app.core.domain import Factor
from app.core.gwp import GwpTable


class LazyFactorSource:
    """Opens the real factor source on the first lookup."""

    def __init__(self, opener: Callable[[], FactorSource]) -> None:
        self._opener = opener
        self._source: FactorSource | None = None

    @property
    def source(self) -> FactorSource:
        if self._source is None:
            self._source = self._opener()
        return self._source

    @property
    def is_open(self) -> bool:
        return self._source is not None

    def get_factor(self, factor_id: str) -> Factor | None:
        return self.source.get_factor(factor_id)

    def get_factors(self, factor_ids: list[str]) -> dict[str, Factor]:
        bulk = getattr(self.source, "get_factors", None)
        if bulk is not None:
            return bulk(factor_ids)
        found = {i: self.source.get_factor(i) for i in factor_ids}
        return {i: f for i, f in found.items() if f is not None}

    def close(self) -> None:
        close = getattr(self._source, "close", None)
        if close is not None:
            close()
        self._source = None


@dataclass
class AppContext:
    factors: LazyFactorSource
    gwp_tables: Mapping[str, GwpTable]
    extras: dict[str, object] = field(default_factory=dict)

    def close(self) -> None:
        self.factors.close()


def _open_library(bundled: Path | None, user: Path | None) -> FactorSource:
    from app.factors.library import FactorLibrary

    return FactorLibrary.open(bundled_path=bundled, user_path=user)


def open_context(bundled_db: Path | None = None, user_db: Path | None = None) -> AppContext:
    from app.factors.gwp_data import load_gwp_tables

    return AppContext(
        factors=LazyFactorSource(lambda: _open_library(bundled_db, user_db)),
        gwp_tables=load_gwp_tables(),
    )
