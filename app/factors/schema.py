"""The factor database schema (SQLAlchemy models), shared by the bundled and the user library.

Both files use the same tables; the bundled one is built by ``factor_db/build.py`` and opened
read-only, the user one is created on first write in the user's data folder. The full-text index
``factor_fts`` is an FTS5 table (not expressible as a model) created by :func:`create_schema`.

``SCHEMA_VERSION`` is stored in ``meta``; an app that meets a newer version refuses the file.
"""

from __future__ import annotations

import sqlite3

from sqlalchemy import Float, ForeignKey, Integer, String, Text, create_engine, event
from sqlalchemy.engine import Engine
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

SCHEMA_VERSION = 1

# Pre-tokenised search text (see app.factors.text): unicode61 then only splits on the spaces we
# put in. Its rowid is the factor's rowid. The bundled library never changes after the build, so
# its index is contentless (a third of the file size); the user library keeps the content so that
# edited factors can be re-indexed on SQLite versions without ``contentless_delete``.
FTS_DDL = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS factor_fts USING fts5("
    "name, keywords, category, region, {content}tokenize='unicode61 remove_diacritics 2')"
)


class Base(DeclarativeBase):
    pass


class Meta(Base):
    __tablename__ = "meta"
    key: Mapped[str] = mapped_column(String, primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class Dataset(Base):
    """One published dataset: what the About dialog and the report appendix list."""

    __tablename__ = "datasets"
    dataset_id: Mapped[str] = mapped_column(String, primary_key=True)
    name: Mapped[str] = mapped_column(Text)
    name_zh: Mapped[str] = mapped_column(Text, default="")
    version: Mapped[str] = mapped_column(Text, default="")
    publisher: Mapped[str] = mapped_column(Text, default="")
    licence: Mapped[str] = mapped_column(Text, default="")
    licence_url: Mapped[str] = mapped_column(Text, default="")
    attribution: Mapped[str] = mapped_column(Text, default="")
    url: Mapped[str] = mapped_column(Text, default="")
    kind: Mapped[str] = mapped_column(Text, default="activity")  # activity | spend-based | user
    gwp_basis: Mapped[str] = mapped_column(Text, default="")
    note: Mapped[str] = mapped_column(Text, default="")
    source_files: Mapped[str] = mapped_column(Text, default="")  # JSON {file: sha256}
    factor_count: Mapped[int] = mapped_column(Integer, default=0)


class FactorRow(Base):
    """One emission factor with its provenance. ``rowid`` keys the FTS index."""

    __tablename__ = "factors"
    rowid: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    factor_id: Mapped[str] = mapped_column(String, unique=True, nullable=False)
    dataset_id: Mapped[str] = mapped_column(ForeignKey("datasets.dataset_id"), nullable=False)
    name: Mapped[str] = mapped_column(Text, nullable=False)
    name_zh: Mapped[str] = mapped_column(Text, default="")
    category: Mapped[str] = mapped_column(Text, default="")  # "Fuels › Gaseous fuels › Butane"
    category_zh: Mapped[str] = mapped_column(Text, default="")
    unit: Mapped[str] = mapped_column(String, nullable=False)  # a code of app.core.units
    value: Mapped[float] = mapped_column(Float, nullable=False)  # kg CO2e per unit as published
    gwp_basis: Mapped[str | None] = mapped_column(String, nullable=True)
    gases: Mapped[str] = mapped_column(Text, default="")  # JSON {gas: kg per unit}, "" if none
    biogenic_co2: Mapped[float | None] = mapped_column(Float, nullable=True)  # kg/unit, not in value
    region: Mapped[str] = mapped_column(Text, default="")
    region_zh: Mapped[str] = mapped_column(Text, default="")
    year: Mapped[int | None] = mapped_column(Integer, nullable=True)
    uncertainty: Mapped[str] = mapped_column(Text, default="")
    note: Mapped[str] = mapped_column(Text, default="")
    source: Mapped[str] = mapped_column(Text, default="")  # citation / source row reference
    keywords: Mapped[str] = mapped_column(Text, default="")  # extra search words (synonyms)
    boost: Mapped[float] = mapped_column(Float, default=0.0)  # ranking preference, see search
    updated: Mapped[str] = mapped_column(Text, default="")  # user library only (ISO timestamp)


class GwpValue(Base):
    """IPCC GWP100 values shipped with the library (provenance; the app loads resources/gwp)."""

    __tablename__ = "gwp_values"
    report: Mapped[str] = mapped_column(String, primary_key=True)
    species: Mapped[str] = mapped_column(String, primary_key=True)
    value: Mapped[float] = mapped_column(Float, nullable=False)


def sqlite_engine(path: str) -> Engine:
    """A SQLAlchemy engine on a file path; used for building and for the user library."""
    engine = create_engine(f"sqlite:///{path}")

    @event.listens_for(engine, "connect")
    def _pragmas(dbapi_conn: sqlite3.Connection, _record: object) -> None:
        dbapi_conn.execute("PRAGMA foreign_keys=ON")

    return engine


def create_schema(engine: Engine, *, contentless: bool = False) -> None:
    Base.metadata.create_all(engine)
    with engine.begin() as conn:
        raw = conn.connection.dbapi_connection
        assert raw is not None
        raw.execute(FTS_DDL.format(content="content='', " if contentless else ""))
        raw.execute(
            "INSERT OR IGNORE INTO meta(key, value) VALUES ('schema_version', ?)", (str(SCHEMA_VERSION),)
        )
