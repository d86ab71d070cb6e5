"""The user's own factors (supplier-specific data): validation and writes.

Kept in a separate writable file in the user's data folder, created on the first write; the
bundled library is never written. User factor ids live in their own namespace (``user:…``) so they
never clash with bundled ids. Every user factor must say where it comes from (``source``).
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from app.core.errors import InputError, Problem, UnitError
from app.core.gwp import CH4_FOSSIL, CH4_NON_FOSSIL, CO2, N2O
from app.core.messages import problem
from app.core.units import parse_unit
from app.factors.schema import Dataset, FactorRow, create_schema, sqlite_engine
from app.factors.text import search_columns

USER_PREFIX = "user:"
USER_DATASET = "user"
GWP_BASES = ("AR4", "AR5", "AR6")
USER_GASES = (CO2, CH4_FOSSIL, CH4_NON_FOSSIL, N2O)
_ID_CHARS = re.compile(r"[^\s\"']{1,120}")


@dataclass(frozen=True, slots=True)
class UserFactorInput:
    """A user factor as entered (dialog) or imported (one spreadsheet row)."""

    factor_id: str
    name: str
    value: float
    unit: str
    source: str
    name_zh: str = ""
    gwp_basis: str | None = None
    gases: Mapping[str, float] = field(default_factory=dict)
    category: str = ""
    region: str = ""
    year: int | None = None
    uncertainty: str = ""
    note: str = ""


def user_id(text: str) -> str:
    """``text`` in the user namespace (``user:`` added when missing)."""
    text = text.strip()
    return text if text.startswith(USER_PREFIX) else USER_PREFIX + text


def validate(
    item: UserFactorInput, row: int | None = None, file: str | None = None
) -> tuple[UserFactorInput, list[Problem]]:
    """A normalised copy of ``item`` (canonical unit code, ``user:`` id) and its problems."""
    problems: list[Problem] = []

    def bad(column: str, code: str, params: Mapping[str, object] | None = None) -> None:
        problems.append(problem(code, params, file=file, row=row, column=column))

    fid = user_id(item.factor_id) if item.factor_id.strip() else ""
    if not fid or not _ID_CHARS.fullmatch(fid):
        bad("factor_id", "user_factor.id")
    if not item.name.strip():
        bad("name", "user_factor.name")
    if not isinstance(item.value, (int, float)) or not math.isfinite(item.value) or item.value < 0:
        bad("value", "user_factor.value", {"value": repr(item.value)})
    unit = item.unit
    try:
        unit = parse_unit(item.unit).code
    except UnitError as exc:
        bad("unit", exc.problems[0].code, exc.problems[0].params)
    if not item.source.strip():
        bad("source", "user_factor.source")
    basis = (item.gwp_basis or "").strip().upper() or None
    if basis is not None and basis not in GWP_BASES:
        bad("gwp_basis", "user_factor.gwp_basis", {"bases": ", ".join(GWP_BASES), "basis": item.gwp_basis})
    for gas, mass in item.gases.items():
        if gas not in USER_GASES:
            bad(gas, "user_factor.gas", {"gas": gas, "gases": ", ".join(USER_GASES)})
        elif not math.isfinite(mass) or mass < 0:
            bad(gas, "user_factor.gas_mass", {"mass": repr(mass)})
    if item.year is not None and not 1900 <= item.year <= 2100:
        bad("year", "user_factor.year", {"year": item.year})
    clean = UserFactorInput(
        factor_id=fid,
        name=item.name.strip(),
        value=float(item.value) if not problems else item.value,
        unit=unit,
        source=item.source.strip(),
        name_zh=item.name_zh.strip(),
        gwp_basis=basis,
        gases={g: float(m) for g, m in item.gases.items() if m},
        category=item.category.strip(),
        region=item.region.strip(),
        year=item.year,
        uncertainty=item.uncertainty.strip(),
        note=item.note.strip(),
    )
    return clean, problems


def _row(item: UserFactorInput, now: str) -> dict[str, object]:
    return {
        "factor_id": item.factor_id,
        "dataset_id": USER_DATASET,
        "name": item.name,
        "name_zh": item.name_zh,
        "category": item.category or "User factors",
        "category_zh": "用户因子",
        "unit": item.unit,
        "value": item.value,
        "gwp_basis": item.gwp_basis,
        "gases": json.dumps(dict(item.gases), sort_keys=True) if item.gases else "",
        "biogenic_co2": None,
        "region": item.region,
        "region_zh": "",
        "year": item.year,
        "uncertainty": item.uncertainty,
        "note": item.note,
        "source": item.source,
        "keywords": "user supplier 用户 供应商 自定义",
        "boost": 0.5,  # the user's own data is usually what they look for
        "updated": now,
    }


class UserLibraryWriter:
    """Writes to the user library file through the SQLAlchemy models."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._engine: Engine | None = None

    @property
    def engine(self) -> Engine:
        if self._engine is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._engine = sqlite_engine(str(self.path))
            create_schema(self._engine)
            with Session(self._engine) as s, s.begin():
                if s.get(Dataset, USER_DATASET) is None:
                    s.add(_user_dataset())
        return self._engine

    def close(self) -> None:
        if self._engine is not None:
            self._engine.dispose()
            self._engine = None

    def existing_ids(self, ids: Sequence[str]) -> set[str]:
        with Session(self.engine) as s:
            return set(s.scalars(select(FactorRow.factor_id).where(FactorRow.factor_id.in_(ids))))

    def upsert(self, items: Sequence[UserFactorInput], *, allow_replace: bool) -> tuple[int, int]:
        """Insert or replace factors in one transaction; returns (added, replaced)."""
        now = dt.datetime.now(dt.UTC).isoformat()  # the user factor's version: microseconds tell edits apart
        existing = self.existing_ids([i.factor_id for i in items])
        if existing and not allow_replace:
            raise InputError([problem("user_factor.exists", {"factor_id": fid}) for fid in sorted(existing)])
        with Session(self.engine) as s, s.begin():
            for item in items:
                values = _row(item, now)
                if item.factor_id in existing:
                    s.execute(update(FactorRow).where(FactorRow.factor_id == item.factor_id).values(**values))
                else:
                    s.execute(insert(FactorRow).values(**values))
            self._reindex(s, [i.factor_id for i in items])
            self._recount(s)
        return len(items) - len(existing), len(existing)

    def delete(self, factor_id: str) -> bool:
        with Session(self.engine) as s, s.begin():
            rowid = s.scalar(select(FactorRow.rowid).where(FactorRow.factor_id == factor_id))
            if rowid is None:
                return False
            s.connection().exec_driver_sql("DELETE FROM factor_fts WHERE rowid=?", (rowid,))
            s.execute(delete(FactorRow).where(FactorRow.rowid == rowid))
            self._recount(s)
        return True

    @staticmethod
    def _reindex(s: Session, ids: Sequence[str]) -> None:
        conn = s.connection()
        rows = s.execute(select(FactorRow).where(FactorRow.factor_id.in_(ids))).scalars().all()
        for r in rows:
            conn.exec_driver_sql("DELETE FROM factor_fts WHERE rowid=?", (r.rowid,))
            values = {c: getattr(r, c) for c in ("name", "name_zh", "factor_id", "year", "unit", "category")}
            values.update(category_zh=r.category_zh, region=r.region, region_zh=r.region_zh)
            values["keywords"] = f"{r.keywords} {r.source}"  # a supplier's name finds its factors
            conn.exec_driver_sql(
                "INSERT INTO factor_fts(rowid, name, keywords, category, region) VALUES (?,?,?,?,?)",
                (r.rowid, *search_columns(values)),
            )

    @staticmethod
    def _recount(s: Session) -> None:
        n = s.scalar(select(func.count()).select_from(FactorRow))
        s.execute(update(Dataset).where(Dataset.dataset_id == USER_DATASET).values(factor_count=n))


def _user_dataset() -> Dataset:
    return Dataset(
        dataset_id=USER_DATASET,
        name="User factor library (supplier-specific and own data)",
        name_zh="用户因子库（供应商数据和自有数据）",
        version="",
        publisher="the user",
        licence="user-supplied; see each factor's source",
        licence_url="",
        attribution="User-supplied factors; each factor names its source.",
        url="",
        kind="user",
        gwp_basis="",
        note="Editable. Versioned per factor by its 'updated' time.",
        source_files="",
        factor_count=0,
    )
