"""Calculate a study: the one path that the CLI, the window and every export share.

``calculate_study`` compiles the study against the factor source and the study's GWP table and
runs the engine; the :class:`StudyResult` it returns carries the result, the per-line trace and
the warnings, and renders the result JSON of CONTRACTS.md section 3.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from app.core.calc import CalcResult
from app.core.compile import CompiledStudy, FactorSource, LineTrace, compile_study
from app.core.domain import STAGES, Factor, Study
from app.core.errors import Problem
from app.core.gwp import GwpTable

RESULT_SCHEMA = "pcf-result/1"


@dataclass(frozen=True, slots=True)
class StudyResult:
    study: Study
    compiled: CompiledStudy
    result: CalcResult

    @property
    def total(self) -> float:
        return self.result.total

    @property
    def warnings(self) -> tuple[Problem, ...]:
        return self.compiled.warnings

    @property
    def traces(self) -> tuple[LineTrace, ...]:
        return self.compiled.traces

    def to_json_dict(self) -> dict[str, object]:
        """The result JSON (CONTRACTS.md §3): full precision, all five stages always present."""
        info = self.study.info
        r = self.result
        emissions = r.emissions.tolist()
        activity = r.activity.tolist()
        lines = []
        for i, trace in enumerate(self.compiled.traces):
            line: dict[str, object] = {
                "line_id": trace.line_id,
                "stage": trace.stage.value,
                "activity": activity[i],
                "activity_unit": trace.activity_unit,
                "kgco2e": emissions[i],
            }
            if trace.factor is not None:
                line["factor_id"] = trace.factor.factor_id or None
                line["factor_origin"] = trace.factor_origin
                line["factor_kgco2e_per_unit"] = trace.factor_co2e
                line["factor_unit"] = trace.factor.unit
                line["factor_basis"] = trace.basis
            lines.append(line)
        return {
            "schema": RESULT_SCHEMA,
            "product_name": info.product_name,
            "declared_unit": info.declared_unit,
            "boundary": info.boundary.value,
            "gwp_set": info.gwp_set.value,
            "reference_year": info.reference_year,
            "company": info.company,
            "site": info.site,
            "total_kgco2e": r.total,
            "stages": {stage.value: float(r.stage_totals[stage.index]) for stage in STAGES},
            "gases_kgco2e": r.gas_totals,
            "lines": lines,
            "warnings": [
                {"message": w.message, "code": w.code, "line_id": w.line_id, "row": w.row}
                for w in self.warnings
            ],
        }


def calculate_study(
    study: Study,
    factors: FactorSource | None = None,
    gwp_tables: Mapping[str, GwpTable] | None = None,
) -> StudyResult:
    """Check and calculate ``study``; raises :class:`app.core.errors.StudyError` on bad input."""
    table = (gwp_tables or {}).get(study.info.gwp_set.value)
    compiled = compile_study(study, _prefetched(study, factors), table)
    return StudyResult(study, compiled, compiled.calculate())


class _Prefetched:
    """Factors fetched in one bulk query, falling back to the source for anything else."""

    def __init__(self, found: dict[str, Factor], source: FactorSource) -> None:
        self._found = found
        self._source = source

    def get_factor(self, factor_id: str) -> Factor | None:
        factor = self._found.get(factor_id)
        return factor if factor is not None else self._source.get_factor(factor_id)


def _prefetched(study: Study, factors: FactorSource | None) -> FactorSource | None:
    """One bulk lookup for every library factor the study names (per-id queries are 20× slower)."""
    bulk = getattr(factors, "get_factors", None)
    if factors is None or bulk is None:
        return factors
    own = {f.factor_id for f in study.factors}
    if study.lines_built:
        pairs: Iterable[tuple[str | None, float | None]] = (
            (ln.factor_id, ln.factor_value) for ln in study.lines
        )
    else:  # a workbook just read: its columns, without building 100,000 line objects
        cols = study.line_columns()
        pairs = zip(cols.factor_id, cols.factor_value, strict=True)
    ids = {fid for fid, value in pairs if fid and value is None} - own
    return _Prefetched(bulk(sorted(ids)), factors) if ids else factors
