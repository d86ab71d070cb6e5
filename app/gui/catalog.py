"""The factors the window can offer and resolve: the study's own Factors sheet plus the library.

The factor library (``ctx.factors.source``) is opened on first use and only ever from the GUI
thread; calculations get a plain dict of the factors a snapshot uses (:meth:`resolve`), so the
library never has to be thread-safe. If the library cannot be opened (not installed, broken
file) the window still works with the study's own and inline factors, and says so once.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from app.core.domain import Factor, Study

log = logging.getLogger("pcf_workbench.gui")


@dataclass(frozen=True, slots=True)
class FactorChoice:
    """One row of the factor picker."""

    factor: Factor
    origin: str  # "study" or "library"
    category: str = ""
    region: str = ""
    year: int | None = None

    @property
    def label(self) -> str:
        f = self.factor
        if f.name_zh and f.name_zh != f.name:
            return f"{f.name} {f.name_zh}"
        return f.name


class FactorCatalog:
    def __init__(self, lazy_source: object | None) -> None:
        self._lazy = lazy_source
        self._library: object | None = None
        self._opened = lazy_source is None
        self.unavailable_reason: str | None = None
        self._cache: dict[str, Factor | None] = {}
        self._pins: dict[str, Factor] = {}

    def set_pins(self, pins: dict[str, Factor]) -> None:
        """A project's pinned factors: they answer before the live library (what the file used)."""
        self._pins = dict(pins)

    # --- the library ---------------------------------------------------------------------

    def library(self) -> object | None:
        if not self._opened:
            self._opened = True
            try:
                self._library = getattr(self._lazy, "source", self._lazy)
            except Exception as exc:  # missing module or database: degrade, do not crash the window
                self.unavailable_reason = f"{type(exc).__name__}: {exc}"
                log.warning("factor library unavailable: %s", self.unavailable_reason)
                self._library = None
        return self._library

    @property
    def can_search(self) -> bool:
        return hasattr(self.library(), "search")

    def _library_get(self, factor_id: str) -> Factor | None:
        lib = self.library()
        if lib is None:
            return None
        try:
            return lib.get_factor(factor_id)  # type: ignore[attr-defined]
        except Exception as exc:
            log.warning("factor lookup %s failed: %s", factor_id, exc)
            return None

    # --- lookups -------------------------------------------------------------------------

    def get(self, factor_id: str, study: Study | None = None) -> Factor | None:
        """The factor a line's ``factor_id`` refers to (study sheet first, as the compiler does)."""
        if study is not None:
            for f in study.factors:
                if f.factor_id == factor_id:
                    return f
        if factor_id in self._pins:
            return self._pins[factor_id]
        if factor_id not in self._cache:
            self._cache[factor_id] = self._library_get(factor_id)
        return self._cache[factor_id]

    def resolve(self, factor_ids: Iterable[str]) -> dict[str, Factor]:
        """Library factors for a calculation snapshot (cached; misses are remembered too)."""
        out: dict[str, Factor] = {}
        for fid in factor_ids:
            if fid in self._pins:
                out[fid] = self._pins[fid]
                continue
            if fid not in self._cache:
                self._cache[fid] = self._library_get(fid)
            f = self._cache[fid]
            if f is not None:
                out[fid] = f
        return out

    def search(self, query: str, study: Study | None = None, limit: int = 30) -> list[FactorChoice]:
        """Study factors matching every word first, then library hits in the library's rank order."""
        words = [w.casefold() for w in query.split()]
        choices: list[FactorChoice] = []
        if study is not None:
            for f in study.factors:
                hay = f"{f.factor_id} {f.name} {f.name_zh} {f.source}".casefold()
                if all(w in hay for w in words):
                    choices.append(FactorChoice(f, "study"))
        lib = self.library()
        if words and hasattr(lib, "search"):
            try:
                hits: Sequence[object] = lib.search(query, limit=limit)  # type: ignore[attr-defined]
            except Exception as exc:
                log.warning("factor search %r failed: %s", query, exc)
                hits = []
            for hit in hits:
                factor = getattr(hit, "factor", hit)
                if not isinstance(factor, Factor):
                    continue
                self._cache.setdefault(factor.factor_id, factor)
                choices.append(
                    FactorChoice(
                        factor,
                        "library",
                        str(getattr(hit, "category", "") or ""),
                        str(getattr(hit, "region", "") or ""),
                        getattr(hit, "year", None),
                    )
                )
        return choices[:limit]
