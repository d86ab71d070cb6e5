"""Exports of a calculated study: the auditable Excel inventory (and, beside it, later formats).

``export_inventory_excel`` takes a :class:`StudyResult`, the provenance of its library factors
and the frozen-revision fingerprint, and writes the workbook of :mod:`app.io.inventory_export`.
``factor_provenance`` gathers that provenance from anything with ``factor_record(id)`` (the
factor library); the window calls it on its own thread, the CLI directly.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from pathlib import Path

from app import __version__
from app.core.compile import FactorOrigin
from app.core.gwp import GwpTable
from app.core.progress import NO_PROGRESS, Progress
from app.io.inventory_export import FactorProvenance, InventoryExport, write_inventory_workbook
from app.services.calculation import StudyResult


def library_factor_ids(result: StudyResult) -> list[str]:
    """Ids of the library factors the result used (what provenance is needed for)."""
    ids = {
        tr.factor.factor_id
        for tr in _distinct_traces(result)
        if tr.factor is not None and tr.factor_origin == FactorOrigin.LIBRARY
    }
    return sorted(ids)


def _distinct_traces(result: StudyResult) -> Iterable:
    seen: set[int] = set()
    for tr in result.traces:
        key = id(tr.factor)
        if key not in seen:
            seen.add(key)
            yield tr


def factor_provenance(library: object | None, factor_ids: Iterable[str]) -> dict[str, FactorProvenance]:
    """Provenance of each id the library knows (``factor_record``); others are simply absent."""
    record_of = getattr(library, "factor_record", None)
    if record_of is None:
        return {}
    out: dict[str, FactorProvenance] = {}
    for factor_id in factor_ids:
        record = record_of(factor_id)
        if record is None:
            continue
        d = record.dataset
        out[factor_id] = FactorProvenance(
            category=record.category,
            region=record.region,
            year=record.year,
            source=record.source,
            note=record.note,
            uncertainty=record.uncertainty,
            dataset_id=d.dataset_id,
            dataset_name=d.name,
            dataset_version=d.version,
            dataset_kind=d.kind,
            publisher=d.publisher,
            licence=d.licence,
            licence_url=d.licence_url,
            attribution=d.attribution,
            url=d.url,
        )
    return out


def export_inventory_excel(
    result: StudyResult,
    path: Path | str,
    *,
    gwp_tables: Mapping[str, GwpTable] | None,  # the tables the result was calculated with
    provenance: Mapping[str, FactorProvenance] | None = None,
    fingerprint: str | None = None,
    lang: str = "both",
    progress: Progress = NO_PROGRESS,
) -> Path:
    """Write the auditable Excel inventory of ``result`` to ``path`` (atomically)."""
    table = (gwp_tables or {}).get(result.study.info.gwp_set.value)
    export = InventoryExport(
        study=result.study,
        compiled=result.compiled,
        result=result.result,
        gwp_table=table,
        provenance=provenance or {},
        fingerprint=fingerprint,
        app_version=__version__,
        exported_at=dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M:%S"),
    )
    write_inventory_workbook(export, path, lang=lang, progress=progress)
    return Path(path)
