"""Build the bundled factor library ``factor_db/factors.sqlite`` from ``factor_db/sources``.

    python -m factor_db.build              # rebuild factor_db/factors.sqlite in place
    python -m factor_db.build --out X.db   # build elsewhere (the staleness test does this)
    python -m factor_db.build --check      # exit 1 if the shipped database is stale

The build is deterministic: rows are inserted in sorted order, no timestamps are stored, and
``content_hash`` hashes the tables' rows, so a rebuild from the same sources gives the same hash.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sqlite3
import sys
import tempfile
from collections import Counter
from pathlib import Path

from sqlalchemy import insert
from sqlalchemy.orm import Session

from app.factors.schema import (
    SCHEMA_VERSION,
    Dataset,
    FactorRow,
    GwpValue,
    Meta,
    create_schema,
    sqlite_engine,
)
from app.factors.text import search_columns
from factor_db import datasets as ds
from factor_db import loaders
from factor_db.loaders import FactorSpec, Skipped

HERE = Path(__file__).resolve().parent
SOURCES = HERE / "sources"
DEFAULT_OUT = HERE / "factors.sqlite"


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def collect(sources: Path = SOURCES) -> tuple[list[FactorSpec], list[tuple[str, str, float]], list[Skipped]]:
    """Every factor from every dataset, sorted by id, plus the GWP rows and what was skipped."""
    skipped: list[Skipped] = []
    gwp = loaders.load_gwp(sources / ds.IPCC_GWP.folder)
    ar5 = {s: v for r, s, v in gwp if r == "AR5"}
    specs: list[FactorSpec] = [
        *loaders.load_cn_mee(sources / ds.CN_MEE.folder),
        *loaders.load_desnz(sources / ds.DESNZ.folder, ar5, skipped),
        *loaders.load_epa_hub(sources / ds.EPA_HUB.folder, skipped),
        *loaders.load_useeio(sources / ds.USEEIO.folder, skipped),
        *loaders.load_owid(sources / ds.OWID.folder, skipped),
    ]
    ids = Counter(s.factor_id for s in specs)
    dupes = [i for i, n in ids.items() if n > 1]
    if dupes:
        raise ValueError(f"duplicate factor ids: {dupes[:10]}")
    for spec in specs:
        spec.check()
    specs.sort(key=lambda s: s.factor_id)
    return specs, gwp, skipped


def _source_files(folder: Path) -> str:
    files = sorted(p for p in folder.iterdir() if p.is_file())
    return json.dumps({p.name: _sha256(p) for p in files}, sort_keys=True)


def _factor_row(spec: FactorSpec, rowid: int) -> dict[str, object]:
    return {
        "rowid": rowid,
        "factor_id": spec.factor_id,
        "dataset_id": spec.dataset_id,
        "name": spec.name,
        "name_zh": spec.name_zh,
        "category": spec.category,
        "category_zh": spec.category_zh,
        "unit": spec.unit,
        "value": spec.value,
        "gwp_basis": spec.gwp_basis,
        "gases": json.dumps({g: float(f"{m:.12g}") for g, m in spec.gases.items()}, sort_keys=True)
        if spec.gases
        else "",
        "biogenic_co2": spec.biogenic_co2,
        "region": spec.region,
        "region_zh": spec.region_zh,
        "year": spec.year,
        "uncertainty": spec.uncertainty,
        "note": spec.note,
        "source": spec.source,
        "keywords": spec.keywords,
        "boost": spec.boost,
        "updated": "",
    }


def fts_values(row: dict[str, object]) -> tuple[object, ...]:
    """rowid and the FTS columns (name, keywords, category, region) of one factor row."""
    return (row["rowid"], *search_columns(row))


def build(out: Path = DEFAULT_OUT, sources: Path = SOURCES, verbose: bool = False) -> dict[str, int]:
    """Write the database to ``out`` (replaced atomically); returns the factor count per dataset."""
    specs, gwp, skipped = collect(sources)
    counts = Counter(s.dataset_id for s in specs)
    out.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=out.parent) as tmp:
        tmp_path = Path(tmp) / "factors.sqlite"
        engine = sqlite_engine(str(tmp_path))
        create_schema(engine, contentless=True)
        # rowids follow the ranking preference, so a broad search can take matches in rowid order.
        by_preference = sorted(specs, key=lambda s: (-s.boost, -(s.year or 0), s.factor_id))
        rows = [_factor_row(s, i) for i, s in enumerate(by_preference, start=1)]
        with Session(engine) as session, session.begin():
            session.execute(insert(Meta), [{"key": "built_by", "value": "factor_db/build.py"}])
            session.execute(
                insert(Dataset),
                [
                    {
                        **{
                            k: getattr(d, k)
                            for k in ("dataset_id", "name", "name_zh", "version", "publisher")
                        },
                        **{
                            k: getattr(d, k) for k in ("licence", "licence_url", "attribution", "url", "kind")
                        },
                        "gwp_basis": d.gwp_basis,
                        "note": d.note,
                        "source_files": _source_files(sources / d.folder),
                        "factor_count": len(gwp) if d is ds.IPCC_GWP else counts.get(d.dataset_id, 0),
                    }
                    for d in ds.ALL
                ],
            )
            session.execute(insert(FactorRow), rows)
            session.execute(insert(GwpValue), [{"report": r, "species": s, "value": v} for r, s, v in gwp])
            raw = session.connection().connection.dbapi_connection
            assert raw is not None
            raw.executemany(
                "INSERT INTO factor_fts(rowid, name, keywords, category, region) VALUES (?,?,?,?,?)",
                [fts_values(r) for r in rows],
            )
        engine.dispose()
        con = sqlite3.connect(tmp_path)
        con.execute("INSERT INTO factor_fts(factor_fts) VALUES ('optimize')")
        con.commit()
        con.execute("VACUUM")
        con.close()
        tmp_path.replace(out)
    if verbose:
        for s in skipped:
            print(f"  skipped {s.count:5d} rows of {s.dataset_id}: {s.reason}")
        for d, n in sorted(counts.items()):
            print(f"  {d:12s} {n:6d} factors")
        print(f"  {sum(counts.values())} factors, {len(gwp)} GWP values, schema {SCHEMA_VERSION} -> {out}")
    return dict(counts)


def content_hash(path: Path) -> str:
    """SHA-256 over every table's rows in key order (independent of page layout and SQLite version)."""
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        digest = hashlib.sha256()
        tables = [
            r[0]
            for r in con.execute(
                "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'factor_fts_%' "
                "AND name NOT LIKE 'sqlite_%' ORDER BY name"
            )
        ]
        for table in tables:
            digest.update(f"\x00{table}\x00".encode())
            for row in con.execute(f'SELECT * FROM "{table}" ORDER BY rowid'):
                digest.update(repr(row).encode())
        return digest.hexdigest()
    finally:
        con.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--check", action="store_true", help="fail if the shipped database is stale")
    args = parser.parse_args(argv)
    if args.check:
        with tempfile.TemporaryDirectory() as tmp:
            fresh = Path(tmp) / "factors.sqlite"
            build(fresh)
            same = content_hash(fresh) == content_hash(args.out)
        print(
            "factor database is up to date" if same else f"{args.out} is stale: run python -m factor_db.build"
        )
        return 0 if same else 1
    build(args.out, verbose=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
