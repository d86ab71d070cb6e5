"""The ``.pcfw`` tables (SQLAlchemy Core) and the schema version.

A project file is one SQLite database. ``meta`` says what it is (``format``) and which layout it
uses (``schema_version``); the other tables hold the working state of the study (``study``,
``lines`` in display order, ``study_factors``, ``pinned_factors``, ``settings``) and the revision
history (``revisions``; a frozen revision keeps its canonical snapshot and fingerprint).

Layout history (each step is a migration in :mod:`app.project.migrations`):

- 1: meta, study, lines, study_factors, pinned_factors, revisions (number, status, created_at,
  frozen_at, fingerprint, snapshot).
- 2: adds the ``settings`` table and ``revisions.note`` (why a revision was frozen).
"""

from __future__ import annotations

from sqlalchemy import Column, Float, Integer, MetaData, Table, Text

FORMAT = "pcf-workbench-project"
SCHEMA_VERSION = 2

metadata = MetaData()

meta = Table("meta", metadata, Column("key", Text, primary_key=True), Column("value", Text, nullable=False))

study = Table(
    "study",
    metadata,
    Column("id", Integer, primary_key=True),  # always 1: one study per project
    Column("product_name", Text, nullable=False),
    Column("declared_unit", Text, nullable=False),
    Column("boundary", Text, nullable=False),
    Column("gwp_set", Text, nullable=False),
    Column("reference_year", Integer),
    Column("company", Text, nullable=False, default=""),
    Column("site", Text, nullable=False, default=""),
)

lines = Table(
    "lines",
    metadata,
    Column("position", Integer, primary_key=True),  # display order, 0-based
    Column("line_id", Text, nullable=False, unique=True),
    Column("parent_id", Text),
    Column("stage", Text),
    Column("name", Text, nullable=False),
    Column("quantity", Float, nullable=False),
    Column("unit", Text, nullable=False),
    Column("loss_rate", Float, nullable=False),
    Column("distance_km", Float),
    Column("factor_id", Text),
    Column("factor_value", Float),
    Column("factor_unit", Text),
    Column("allocation", Float, nullable=False),
    Column("data_type", Text),
    Column("source", Text, nullable=False),
    Column("comment", Text, nullable=False),
)

study_factors = Table(
    "study_factors",
    metadata,
    Column("position", Integer, primary_key=True),
    Column("factor_id", Text, nullable=False),
    Column("name", Text, nullable=False),
    Column("value", Float, nullable=False),
    Column("unit", Text, nullable=False),
    Column("source", Text, nullable=False),
    Column("gwp_basis", Text),
    Column("gases", Text, nullable=False),  # JSON {gas: kg per unit}
    Column("dataset", Text, nullable=False),
    Column("dataset_version", Text, nullable=False),
    Column("name_zh", Text, nullable=False),
)

pinned_factors = Table(
    "pinned_factors",
    metadata,
    Column("factor_id", Text, primary_key=True),
    Column("data", Text, nullable=False),  # PinnedFactor.to_json_dict() as JSON
)

settings = Table(
    "settings",
    metadata,
    Column("key", Text, primary_key=True),
    Column("value", Text, nullable=False),  # JSON
)

revisions = Table(
    "revisions",
    metadata,
    Column("number", Integer, primary_key=True),
    Column("status", Text, nullable=False),  # "working" or "frozen"
    Column("created_at", Text, nullable=False),  # ISO 8601, UTC
    Column("frozen_at", Text),
    Column("fingerprint", Text),  # SHA-256 hex of the canonical snapshot (frozen only)
    Column("snapshot", Text),  # canonical JSON (frozen only)
    Column("note", Text, nullable=False, default=""),
)
