"""GWP100 characterisation: turning gas masses into CO2e under a chosen IPCC report.

The values themselves are data (``resources/gwp``, CC0) loaded by :mod:`app.factors.gwp_data`
and passed in as a :class:`GwpTable`; this module only defines the keys and the arithmetic.
Methane is split by origin because AR6 (and AR5) give fossil methane a higher GWP100 than
biogenic methane (oxidation to fossil CO2): AR6 29.8 / 27.0, AR5 30 / 28.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from app.core.domain import Factor
from app.core.errors import StudyError
from app.core.messages import problem

CO2 = "CO2"
CH4_FOSSIL = "CH4_fossil"
CH4_NON_FOSSIL = "CH4_non_fossil"
N2O = "N2O"
# Gases reported as already-characterised CO2e (e.g. "HFCs and PFCs, unspecified") carry this key;
# their kg are kg CO2e on the factor's own basis and are not re-characterised.
CO2E_UNSPECIFIED = "CO2e_unspecified"

MAIN_GASES: tuple[str, ...] = (CO2, CH4_FOSSIL, CH4_NON_FOSSIL, N2O)


@dataclass(frozen=True, slots=True)
class GwpTable:
    """GWP100 per gas (kg CO2e per kg of gas) for one IPCC report."""

    report: str
    values: Mapping[str, float]

    def gwp(self, gas: str) -> float:
        if gas == CO2E_UNSPECIFIED:
            return 1.0
        try:
            return self.values[gas]
        except KeyError:
            raise StudyError(problem("gwp.unknown_gas", {"gas": gas, "report": self.report})) from None


def factor_co2e(factor: Factor, table: GwpTable | None) -> float:
    """kg CO2e per unit of ``factor`` under ``table``.

    A factor with per-gas masses is recomputed from them; one with only a CO2e value keeps its
    published value (its basis is reported beside the result).
    """
    if table is None or not factor.gases:
        return factor.value
    return sum(mass * table.gwp(gas) for gas, mass in factor.gases.items())


def gas_co2e(factor: Factor, table: GwpTable | None) -> dict[str, float]:
    """kg CO2e per unit, per gas; a CO2e-only factor is reported under ``CO2e_unspecified``."""
    if table is None or not factor.gases:
        return {CO2E_UNSPECIFIED: factor.value}
    return {gas: mass * table.gwp(gas) for gas, mass in factor.gases.items()}
