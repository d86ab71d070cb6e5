"""The factor library: the bundled read-only database plus the user's own writable one.

    lib = FactorLibrary.open()                       # bundled + user library in the data folder
    lib.search("electricity China 2024")             # -> [FactorHit, ...], best first
    lib.get_factor("cn-mee:cfp:2024:national")       # -> Factor (FactorSource protocol)
    lib.factor_record("desnz2025:1_100_1000_15_1")   # -> full provenance incl. licence

Ids are namespaced: ``user:…`` ids live in the user library, every other id in the bundled one,
so a lookup never has to decide between two factors with the same id.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

from app.core.domain import Factor
from app.core.errors import InputError, Problem
from app.core.messages import problem
from app.factors.records import DatasetRecord, FactorHit, FactorRecord
from app.factors.store import FactorStore
from app.factors.user_import import Guard, plan_import
from app.factors.user_library import USER_PREFIX, UserFactorInput, UserLibraryWriter, validate
from app.paths import factor_db_path, user_data_dir

BUNDLED_FILE = "factors.sqlite"
USER_FILE = "user_factors.sqlite"
MAX_LIMIT = 500


class FactorLibrary:
    """Implements :class:`app.core.compile.FactorSource`; not for concurrent use from threads."""

    def __init__(self, bundled: FactorStore, user_path: Path) -> None:
        self._bundled = bundled
        self.user_path = user_path
        self._user: FactorStore | None = None
        self._writer: UserLibraryWriter | None = None
        if user_path.is_file():
            self._user = FactorStore.open(user_path, read_only=False)

    @classmethod
    def open(
        cls, bundled_path: Path | str | None = None, user_path: Path | str | None = None
    ) -> FactorLibrary:
        """Open the bundled library read-only; the user library is created on the first write."""
        bundled = FactorStore.open(Path(bundled_path or factor_db_path(BUNDLED_FILE)), read_only=True)
        try:
            return cls(bundled, Path(user_path or user_data_dir() / USER_FILE))
        except BaseException:
            bundled.close()
            raise

    @property
    def schema_version(self) -> int:
        return self._bundled.schema_version

    @property
    def bundled_path(self) -> Path:
        return self._bundled.path

    def close(self) -> None:
        self._bundled.close()
        if self._user is not None:
            self._user.close()
            self._user = None
        if self._writer is not None:
            self._writer.close()
            self._writer = None

    def __enter__(self) -> FactorLibrary:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _store_for(self, factor_id: str) -> FactorStore | None:
        return self._user if factor_id.startswith(USER_PREFIX) else self._bundled

    # ------------------------------------------------------------------ lookups

    def get_factor(self, factor_id: str) -> Factor | None:
        store = self._store_for(factor_id)
        return None if store is None else store.get_factor(factor_id)

    def get_factors(self, factor_ids: Iterable[str]) -> dict[str, Factor]:
        """Bulk lookup; ids that are not in the library are simply absent from the result."""
        ids = list(factor_ids)
        out = self._bundled.get_factors(i for i in ids if not i.startswith(USER_PREFIX))
        if self._user is not None:
            out.update(self._user.get_factors(i for i in ids if i.startswith(USER_PREFIX)))
        return out

    def factor_record(self, factor_id: str) -> FactorRecord | None:
        store = self._store_for(factor_id)
        return None if store is None else store.record(factor_id)

    def datasets(self) -> list[DatasetRecord]:
        """Every dataset with licence and attribution (bundled first, then the user library)."""
        out = list(self._bundled.datasets().values())
        if self._user is not None:
            out += list(self._user.datasets().values())
        return out

    def count(self) -> int:
        return self._bundled.count() + (self._user.count() if self._user is not None else 0)

    # ------------------------------------------------------------------ search

    def search(
        self,
        query: str,
        limit: int = 20,
        category: str | None = None,
        region: str | None = None,
        year: int | None = None,
        dataset: str | None = None,
    ) -> list[FactorHit]:
        """Full-text search over names (English and Chinese), category and region, best first.

        Words may come in any order and each must match (English words as prefixes, Chinese by
        character pairs). Filters narrow the result; with filters only, factors are listed by
        preference. Ranking is bm25 (name counts most) minus the factor's stored preference
        (e.g. the latest China electricity carbon-footprint factor for product footprints);
        matching user factors are listed before bundled ones.
        """
        limit = max(1, min(int(limit), MAX_LIMIT))
        filters = {"category": category, "region": region, "year": year, "dataset": dataset}
        # The user's own matching factors come first: they were added on purpose, and bm25 scores
        # of a small user file are not comparable with those of the bundled library.
        scored = self._user.search(query, limit, **filters) if self._user is not None else []
        scored += self._bundled.search(query, limit, **filters)
        hits = [sh[1] for sh in scored[:limit]]
        return [_ranked(h, i) for i, h in enumerate(hits, start=1)]

    # ------------------------------------------------------------------ user library

    def _user_writer(self) -> UserLibraryWriter:
        if self._writer is None:
            self._writer = UserLibraryWriter(self.user_path)
        return self._writer

    def _after_write(self, ids: Sequence[str]) -> None:
        if self._user is None:
            self._user = FactorStore.open(self.user_path, read_only=False)
        self._user.invalidate(ids)

    def add_user_factor(self, item: UserFactorInput) -> Factor:
        """Add a new user factor; refuses an existing id (use :meth:`edit_user_factor`)."""
        clean = self._validated([item])[0]
        self._user_writer().upsert([clean], allow_replace=False)
        self._after_write([clean.factor_id])
        return self._found(clean.factor_id)

    def edit_user_factor(self, item: UserFactorInput) -> Factor:
        clean = self._validated([item])[0]
        if self.get_factor(clean.factor_id) is None:
            raise InputError(problem("user_factor.missing", {"factor_id": clean.factor_id}))
        self._user_writer().upsert([clean], allow_replace=True)
        self._after_write([clean.factor_id])
        return self._found(clean.factor_id)

    def delete_user_factor(self, factor_id: str) -> bool:
        if not factor_id.startswith(USER_PREFIX):
            raise InputError(problem("factor.read_only", {"factor_id": factor_id}))
        if self._user is None:
            return False
        done = self._user_writer().delete(factor_id)
        self._after_write([factor_id])
        return done

    def import_user_factors(self, items: Sequence[UserFactorInput]) -> tuple[int, int]:
        """Add or replace many user factors at once, all or nothing; returns (added, replaced)."""
        added, replaced = self._user_writer().upsert(items, allow_replace=True)
        self._after_write([i.factor_id for i in items])
        return added, replaced

    def import_user_file(self, path: Path, guard: Guard | None = None) -> tuple[int, int]:
        """Import an .xlsx/.csv of user factors (all or nothing); returns (added, replaced)."""
        plan = plan_import(Path(path), guard)
        return self.import_user_factors(plan.items)

    def _validated(self, items: Sequence[UserFactorInput]) -> list[UserFactorInput]:
        out: list[UserFactorInput] = []
        problems: list[Problem] = []
        for item in items:
            clean, found = validate(item)
            out.append(clean)
            problems += found
        if problems:
            raise InputError(problems)
        return out

    def _found(self, factor_id: str) -> Factor:
        factor = self.get_factor(factor_id)
        assert factor is not None, factor_id
        return factor


def _ranked(hit: FactorHit, rank: int) -> FactorHit:
    return FactorHit(
        hit.factor,
        hit.category,
        hit.category_zh,
        hit.region,
        hit.year,
        hit.dataset,
        rank,
        hit.score,
        hit.kind,
    )
