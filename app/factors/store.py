"""Read access to one factor database file (bundled or user) with plain ``sqlite3``.

The ORM builds the schema and writes user factors; reads are the hot path (search on every
keystroke, thousands of lookups per calculation), so they are prepared SQL on one connection and
the :class:`Factor` objects are cached by id.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Sequence
from pathlib import Path

from app.core.domain import Factor
from app.core.errors import SchemaVersionError
from app.factors.records import DatasetRecord, FactorHit, FactorRecord
from app.factors.schema import SCHEMA_VERSION
from app.factors.text import query_terms

_FACTOR_COLS = (
    "f.factor_id, f.name, f.value, f.unit, f.source, f.gwp_basis, f.gases, f.dataset_id, f.name_zh, f.updated"
)
_HIT_COLS = f"{_FACTOR_COLS}, f.category, f.category_zh, f.region, f.year"
_RECORD_COLS = (
    f"{_FACTOR_COLS}, f.category, f.category_zh, f.region, f.region_zh, f.year, f.uncertainty, f.note, "
    "f.biogenic_co2"
)
# bm25 weights of the FTS columns: name, keywords, category, region.
_BM25 = "bm25(factor_fts, 10.0, 3.0, 2.0, 4.0)"
BROAD_MATCHES = 1500  # above this many matches a query is ranked by preference, not bm25
_CHUNK = 500  # ids per IN (...) query, well under SQLite's variable limit


def connect(path: Path, *, read_only: bool) -> sqlite3.Connection:
    """Open ``path``; read-only connections use a ``mode=ro`` URI so the file is never touched."""
    if read_only:
        uri = f"{path.resolve().as_uri()}?mode=ro"
        con = sqlite3.connect(uri, uri=True, check_same_thread=False)
    else:
        con = sqlite3.connect(path, check_same_thread=False)
    con.execute("PRAGMA query_only=ON" if read_only else "PRAGMA foreign_keys=ON")
    return con


def check_schema(con: sqlite3.Connection, path: Path) -> int:
    """The file's schema version; refuses one written by a newer app (or not a factor library)."""
    try:
        row = con.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()
    except sqlite3.DatabaseError as exc:
        raise SchemaVersionError(f"{path} is not a PCF Workbench factor library ({exc})") from None
    version = int(row[0]) if row else 0
    if version > SCHEMA_VERSION:
        raise SchemaVersionError(
            f"{path} is a factor library of schema version {version}, but this version of PCF Workbench "
            f"reads up to version {SCHEMA_VERSION}; please update PCF Workbench"
        )
    if version < 1:
        raise SchemaVersionError(f"{path} has no schema version; it is not a PCF Workbench factor library")
    return version


class FactorStore:
    """One database file: factor lookups, search and provenance."""

    def __init__(self, con: sqlite3.Connection, path: Path, *, read_only: bool) -> None:
        self.con = con
        self.path = path
        self.read_only = read_only
        self.schema_version = check_schema(con, path)
        self._cache: dict[str, Factor] = {}
        self._datasets: dict[str, DatasetRecord] | None = None

    @classmethod
    def open(cls, path: Path, *, read_only: bool) -> FactorStore:
        if read_only and not path.is_file():
            raise FileNotFoundError(f"factor library not found: {path}")
        con = connect(path, read_only=read_only)
        try:
            return cls(con, path, read_only=read_only)
        except BaseException:
            con.close()
            raise

    def close(self) -> None:
        self.con.close()

    def invalidate(self, factor_ids: Iterable[str] | None = None) -> None:
        """Forget cached factors (after a write to this file)."""
        if factor_ids is None:
            self._cache.clear()
        else:
            for fid in factor_ids:
                self._cache.pop(fid, None)
        self._datasets = None

    # ------------------------------------------------------------------ datasets

    def datasets(self) -> dict[str, DatasetRecord]:
        if self._datasets is None:
            rows = self.con.execute(
                "SELECT dataset_id, name, name_zh, version, publisher, licence, licence_url, attribution, "
                "url, kind, gwp_basis, note, factor_count, source_files FROM datasets ORDER BY dataset_id"
            ).fetchall()
            self._datasets = {r[0]: _dataset(r) for r in rows}
        return self._datasets

    def _version(self, dataset_id: str) -> str:
        d = self.datasets().get(dataset_id)
        return d.version if d else ""

    # ------------------------------------------------------------------ lookups

    def _factor(self, row: Sequence[object]) -> Factor:
        fid, name, value, unit, source, basis, gases, dataset_id, name_zh, updated = row[:10]
        cached = self._cache.get(str(fid))
        if cached is not None:
            return cached
        factor = Factor(
            factor_id=str(fid),
            name=str(name),
            value=float(value),  # type: ignore[arg-type]
            unit=str(unit),
            source=str(source or ""),
            gwp_basis=str(basis) if basis else None,
            gases=json.loads(str(gases)) if gases else {},
            dataset=str(dataset_id),
            # A user factor's version is the time it was last edited.
            dataset_version=str(updated) if updated else self._version(str(dataset_id)),
            name_zh=str(name_zh or ""),
        )
        self._cache[factor.factor_id] = factor
        return factor

    def get_factor(self, factor_id: str) -> Factor | None:
        cached = self._cache.get(factor_id)
        if cached is not None:
            return cached
        row = self.con.execute(
            f"SELECT {_FACTOR_COLS} FROM factors f WHERE f.factor_id=?", (factor_id,)
        ).fetchone()
        return None if row is None else self._factor(row)

    def get_factors(self, factor_ids: Iterable[str]) -> dict[str, Factor]:
        out: dict[str, Factor] = {}
        missing: list[str] = []
        for fid in dict.fromkeys(factor_ids):
            cached = self._cache.get(fid)
            if cached is not None:
                out[fid] = cached
            else:
                missing.append(fid)
        for start in range(0, len(missing), _CHUNK):
            chunk = missing[start : start + _CHUNK]
            marks = ",".join("?" * len(chunk))
            for row in self.con.execute(
                f"SELECT {_FACTOR_COLS} FROM factors f WHERE f.factor_id IN ({marks})", chunk
            ):
                factor = self._factor(row)
                out[factor.factor_id] = factor
        return out

    def record(self, factor_id: str) -> FactorRecord | None:
        row = self.con.execute(
            f"SELECT {_RECORD_COLS} FROM factors f WHERE f.factor_id=?", (factor_id,)
        ).fetchone()
        if row is None:
            return None
        factor = self._factor(row)
        updated = row[9]
        category, category_zh, region, region_zh, year, uncertainty, note, biogenic = row[10:]
        dataset = self.datasets().get(factor.dataset) or _unknown_dataset(factor.dataset)
        return FactorRecord(
            factor=factor,
            category=category or "",
            category_zh=category_zh or "",
            region=region or "",
            region_zh=region_zh or "",
            year=year,
            uncertainty=uncertainty or "",
            note=note or "",
            source=factor.source,
            biogenic_co2=biogenic,
            dataset=dataset,
            read_only=self.read_only,
            updated=updated or "",
        )

    def _match_count(self, match: str) -> int:
        sql = "SELECT count(*) FROM (SELECT rowid FROM factor_fts WHERE factor_fts MATCH ? LIMIT ?)"
        return int(self.con.execute(sql, (match, BROAD_MATCHES + 1)).fetchone()[0])

    def ids(self) -> list[str]:
        return [r[0] for r in self.con.execute("SELECT factor_id FROM factors ORDER BY factor_id")]

    def count(self) -> int:
        return int(self.con.execute("SELECT count(*) FROM factors").fetchone()[0])

    # ------------------------------------------------------------------ search

    def search(
        self,
        query: str,
        limit: int,
        category: str | None = None,
        region: str | None = None,
        year: int | None = None,
        dataset: str | None = None,
    ) -> list[tuple[float, FactorHit]]:
        """(score, hit) pairs, best first; ``rank`` is filled in by the caller after merging."""
        where, params = _filters(category, region, year, dataset)
        match = " ".join(query_terms(query))
        if match:
            broad = self._match_count(match) > BROAD_MATCHES
            # bm25 costs about a microsecond per match; a broad query (one common word, one
            # letter) is ranked by the stored preference instead, which is the rowid order.
            order = "factor_fts.rowid" if broad else "score, f.rowid"
            score = "-f.boost" if broad else f"{_BM25} - f.boost"
            sql = (
                f"SELECT {_HIT_COLS}, {score} AS score FROM factor_fts "
                "JOIN factors f ON f.rowid = factor_fts.rowid "
                f"WHERE factor_fts MATCH ? {where} ORDER BY {order} LIMIT ?"
            )
            params = [match, *params, limit]
        elif where:
            sql = f"SELECT {_HIT_COLS}, -f.boost AS score FROM factors f WHERE 1 {where} ORDER BY f.rowid LIMIT ?"
            params = [*params, limit]
        else:
            return []
        hits = []
        for row in self.con.execute(sql, params):
            factor = self._factor(row)
            cat, cat_zh, reg, yr, score = row[10:]
            kind = self.datasets().get(factor.dataset)
            hit = FactorHit(
                factor,
                cat or "",
                cat_zh or "",
                reg or "",
                yr,
                factor.dataset,
                0,
                float(score),
                kind.kind if kind else "",
            )
            hits.append((float(score), hit))
        return hits


def _filters(
    category: str | None, region: str | None, year: int | None, dataset: str | None
) -> tuple[str, list[object]]:
    """SQL conditions (each starting with AND) and their parameters for the search filters."""
    clauses: list[str] = []
    params: list[object] = []
    if category:
        clauses.append("(f.category LIKE ? OR f.category_zh LIKE ?)")
        params += [f"%{category}%"] * 2
    if region:
        clauses.append("(f.region LIKE ? OR f.region_zh LIKE ?)")
        params += [f"%{region}%"] * 2
    if year is not None:
        clauses.append("f.year = ?")
        params.append(int(year))
    if dataset:
        clauses.append("f.dataset_id = ?")
        params.append(dataset)
    return "".join(f" AND {c}" for c in clauses), params


def _dataset(r: Sequence[object]) -> DatasetRecord:
    files = json.loads(str(r[13])) if r[13] else {}
    return DatasetRecord(*(str(x or "") for x in r[:12]), factor_count=int(r[12] or 0), source_files=files)  # type: ignore[arg-type]


def _unknown_dataset(dataset_id: str) -> DatasetRecord:
    return DatasetRecord(dataset_id, dataset_id, "", "", "", "", "", "", "", "", "", "", 0)
