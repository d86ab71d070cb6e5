"""Value objects the factor library hands out: search hits, full provenance, dataset entries."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from app.core.domain import Factor


@dataclass(frozen=True, slots=True)
class DatasetRecord:
    """One dataset with its licence and the attribution text that must be shown."""

    dataset_id: str
    name: str
    name_zh: str
    version: str
    publisher: str
    licence: str
    licence_url: str
    attribution: str
    url: str
    kind: str  # "activity", "spend-based", "characterisation" or "user"
    gwp_basis: str
    note: str
    factor_count: int
    source_files: Mapping[str, str] = field(default_factory=dict)  # file name -> sha256


@dataclass(frozen=True, slots=True)
class FactorHit:
    """A search result: the factor plus what a result list shows beside it."""

    factor: Factor
    category: str
    category_zh: str
    region: str
    year: int | None
    dataset: str
    rank: int  # 1 = best
    score: float  # lower is better (bm25 minus the factor's ranking preference)
    kind: str = "activity"

    @property
    def factor_id(self) -> str:
        return self.factor.factor_id


@dataclass(frozen=True, slots=True)
class FactorRecord:
    """Everything known about one factor: the values and where they came from."""

    factor: Factor
    category: str
    category_zh: str
    region: str
    region_zh: str
    year: int | None
    uncertainty: str
    note: str
    source: str
    biogenic_co2: float | None
    dataset: DatasetRecord
    read_only: bool
    updated: str = ""

    @property
    def factor_id(self) -> str:
        return self.factor.factor_id

    @property
    def basis_label(self) -> str:
        """How the CO2e value is characterised, as results and reports flag it."""
        f = self.factor
        if f.gases:
            published = f"published on {f.gwp_basis}" if f.gwp_basis else "basis not stated"
            return f"per-gas data, recomputed with the study's GWP set ({published})"
        return f"basis: {f.gwp_basis}" if f.gwp_basis else "basis: not stated"

    def to_json_dict(self) -> dict[str, object]:
        f = self.factor
        d = self.dataset
        return {
            "factor_id": f.factor_id,
            "name": f.name,
            "name_zh": f.name_zh,
            "value": f.value,
            "unit": f.unit,
            "value_unit": f"kg CO2e/{f.unit}",
            "gwp_basis": f.gwp_basis,
            "basis": self.basis_label,
            "gases_kg_per_unit": dict(f.gases),
            "biogenic_co2_kg_per_unit": self.biogenic_co2,
            "category": self.category,
            "category_zh": self.category_zh,
            "region": self.region,
            "region_zh": self.region_zh,
            "year": self.year,
            "uncertainty": self.uncertainty,
            "note": self.note,
            "source": self.source,
            "read_only": self.read_only,
            "updated": self.updated or None,
            "dataset": {
                "id": d.dataset_id,
                "name": d.name,
                "name_zh": d.name_zh,
                "version": d.version,
                "kind": d.kind,
                "publisher": d.publisher,
                "licence": d.licence,
                "licence_url": d.licence_url,
                "attribution": d.attribution,
                "url": d.url,
            },
        }
