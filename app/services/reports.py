"""Label and study report (PDF): gather what they print from a calculated study, then render.

The documents are drawn by :mod:`app.reports` from a :class:`ReportData`; this module fills it
from a :class:`StudyResult` (numbers, per-line traces), the factor library (provenance, licences,
attributions) and the study's frozen-revision fingerprint (``None`` → a DRAFT mark).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping
from pathlib import Path
from typing import Protocol

from app.core.domain import STAGES, Factor
from app.core.gwp import CO2E_UNSPECIFIED, MAIN_GASES, GwpTable
from app.core.progress import Progress
from app.core.units import Dimension
from app.reports.model import DatasetCredit, FactorRow, LineRow, ReportData
from app.services.calculation import StudyResult

_ELECTRICITY = re.compile(r"electricity|grid|电力|电网|用电|市电", re.IGNORECASE)
_NOT_ELECTRICITY = re.compile(r"electrical items|电器", re.IGNORECASE)
_AIRCRAFT = re.compile(r"flight|aircraft|air freight|airfreight|航空|空运", re.IGNORECASE)
_FINGERPRINT = re.compile(r"[0-9a-f]{64}")


class ProvenanceSource(Protocol):
    """What the factor library offers for provenance (``FactorLibrary``)."""

    def factor_record(self, factor_id: str): ...


def build_report_data(
    result: StudyResult,
    fingerprint: str | None = None,
    provenance: object | None = None,
    gwp_tables: Mapping[str, GwpTable] | None = None,
    study_file: str = "",
) -> ReportData:
    """Everything the label and the report print. ``provenance``: the factor library (or None)."""
    if fingerprint is not None and not _FINGERPRINT.fullmatch(fingerprint):
        raise ValueError("a fingerprint is the SHA-256 of a frozen revision: 64 lower-case hex digits")
    from app import __version__

    info = result.study.info
    records = _records(result, provenance)
    lines = _line_rows(result, records)
    table = (gwp_tables or {}).get(info.gwp_set.value)
    return ReportData(
        product_name=info.product_name,
        declared_unit=info.declared_unit,
        company=info.company,
        site=info.site,
        boundary=info.boundary,
        gwp_set=info.gwp_set,
        reference_year=info.reference_year,
        fingerprint=fingerprint,
        total=result.total,
        stage_totals={stage: result.result.stage_total(stage) for stage in STAGES},
        lines=lines,
        factors=_factor_rows(result, records),
        datasets=_credits(records),
        gwp_values=_gwp_values(table, result.result.gas_totals),
        gas_totals=result.result.gas_totals,
        warning_count=len(result.warnings),
        study_file=study_file,
        app_version=__version__,
    )


def _records(result: StudyResult, provenance: object | None) -> dict[str, object]:
    """Library provenance per library factor id the study uses (one lookup per distinct factor)."""
    ids = {
        t.factor.factor_id
        for t in _distinct_traces(result)
        if t.factor is not None and t.factor_origin == "library" and t.factor.factor_id
    }
    if not ids or provenance is None:
        return {}  # a study with only its own factors never opens the library
    lookup = getattr(getattr(provenance, "source", provenance), "factor_record", None)
    if lookup is None:
        return {}
    found = {i: lookup(i) for i in sorted(ids)}
    return {i: r for i, r in found.items() if r is not None}


def _distinct_traces(result: StudyResult):
    for trace_index in _first_use(result).values():
        yield result.traces[trace_index]


def _factor_key(factor: Factor) -> object:
    """Factors are equal by id; a line's own factor (no id) is its own entry."""
    return factor.factor_id or id(factor)


def _first_use(result: StudyResult) -> dict[object, int]:
    """Index of the first line that uses each distinct factor, in inventory order."""
    first: dict[object, int] = {}
    for i, factor in enumerate(result.compiled.traces.factors()):
        if factor is not None:
            first.setdefault(_factor_key(factor), i)
    return first


def _classify(pattern: re.Pattern[str], *texts: str) -> bool:
    return any(pattern.search(t) for t in texts if t)


def _line_rows(result: StudyResult, records: Mapping[str, object]) -> tuple[LineRow, ...]:
    study = result.study
    r = result.result
    emissions = r.emissions.tolist()
    activity = r.activity.tolist()
    parents = {ln.parent_id for ln in study.lines if ln.parent_id}
    by_id = study.line_by_id()
    rows = []
    for i, trace in enumerate(result.traces):
        line = by_id[trace.line_id]
        factor = trace.factor
        record = records.get(factor.factor_id) if factor is not None else None
        category = getattr(record, "category", "") or ""
        factor_name = (factor.name if factor is not None else "") or ""
        is_energy = trace.unit.dimension is Dimension.ENERGY
        electricity = (
            is_energy
            and factor is not None
            and _classify(_ELECTRICITY, category, factor_name, line.name)
            and not _classify(_NOT_ELECTRICITY, category)
        )
        rows.append(
            LineRow(
                line_id=trace.line_id,
                parent_id=line.parent_id,
                depth=trace.depth,
                stage=trace.stage,
                name=line.name,
                quantity=line.quantity,
                unit=line.unit,
                loss_rate=line.loss_rate,
                allocation=line.allocation,
                activity=activity[i],
                activity_unit=trace.activity_unit,
                kgco2e=emissions[i],
                factor_id=(factor.factor_id or None) if factor is not None else None,
                factor_name=factor_name,
                factor_co2e=trace.factor_co2e if factor is not None else None,
                factor_unit=factor.unit if factor is not None else "",
                basis=trace.basis if factor is not None else "",
                data_type=line.data_type,
                source=line.source,
                comment=line.comment,
                is_electricity=electricity,
                is_aircraft=factor is not None and _classify(_AIRCRAFT, category, factor_name),
                has_children=line.line_id in parents,
                biogenic_co2=_biogenic(record, activity[i] * line.allocation),
            )
        )
    return tuple(rows)


def _biogenic(record: object | None, allocated_activity: float) -> float | None:
    """Biogenic CO2 of a line (kg) where its factor publishes it (e.g. DESNZ "outside of scopes")."""
    per_unit = getattr(record, "biogenic_co2", None)
    return None if per_unit is None else allocated_activity * per_unit


def _factor_rows(result: StudyResult, records: Mapping[str, object]) -> tuple[FactorRow, ...]:
    counts: Counter[object] = Counter(
        _factor_key(f) for f in result.compiled.traces.factors() if f is not None
    )
    rows = []
    for key, first in _first_use(result).items():
        trace = result.traces[first]
        f = trace.factor
        record = records.get(f.factor_id) if f.factor_id else None
        dataset = getattr(record, "dataset", None)
        rows.append(
            FactorRow(
                factor_id=f.factor_id or f"(line {trace.line_id})",
                name=f.name or (f.name_zh or ""),
                co2e=trace.factor_co2e,
                unit=f.unit,
                basis=trace.basis,
                origin=trace.factor_origin or "",
                dataset=getattr(dataset, "name", "") or f.dataset,
                dataset_version=getattr(dataset, "version", "") or f.dataset_version,
                region=getattr(record, "region", "") or "",
                year=getattr(record, "year", None),
                source=getattr(record, "source", "") or f.source,
                line_count=counts[key],
            )
        )
    return tuple(rows)


def _credits(records: Mapping[str, object]) -> tuple[DatasetCredit, ...]:
    seen: dict[str, DatasetCredit] = {}
    for record in records.values():
        d = record.dataset  # type: ignore[attr-defined]
        if d.dataset_id not in seen:
            seen[d.dataset_id] = DatasetCredit(
                name=d.name,
                version=d.version,
                publisher=d.publisher,
                licence=d.licence,
                licence_url=d.licence_url,
                attribution=d.attribution,
                url=d.url,
                name_zh=d.name_zh,
            )
    return tuple(seen.values())


def _gwp_values(table: GwpTable | None, gas_totals: Mapping[str, float]) -> dict[str, float]:
    """The GWP100 of the main gases and of every gas in the result (the study's IPCC report)."""
    if table is None:
        return {}
    values: dict[str, float] = {}
    for gas in (*MAIN_GASES, *gas_totals):
        if gas == CO2E_UNSPECIFIED or gas in values:
            continue
        value = table.values.get(gas)
        if value is None and gas.startswith("CH4"):
            value = table.values.get("CH4")
        if value is not None:
            values[gas] = value
    return values


# --- rendering (the use cases the CLI and the window call) ---------------------------------------------


def write_label(data: ReportData, out: Path, size: str = "a4", lang: str = "both") -> Path:
    """Render the carbon-label draft to ``out`` atomically."""
    from app.io.atomic import atomic_output
    from app.reports.label import render_label

    with atomic_output(Path(out)) as tmp:
        tmp.write_bytes(render_label(data, size=size, lang=lang))
    return Path(out)


def write_report(data: ReportData, out: Path, lang: str = "both", progress: Progress | None = None) -> Path:
    """Render the CFP study report to ``out`` atomically."""
    from app.io.atomic import atomic_output
    from app.reports.report import render_report

    with atomic_output(Path(out)) as tmp:
        tmp.write_bytes(render_report(data, lang=lang, progress=progress))
    return Path(out)
