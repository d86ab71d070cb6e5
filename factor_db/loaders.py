"""Turn each source file into :class:`FactorSpec` records (build time only).

Decisions a verifier needs are written here once and copied into each factor's note:

- Units are mapped onto the app's whitelist (``app.core.units``); DESNZ ``km``/``miles`` rows are
  per vehicle distance, so they become ``vehicle·km``/``vehicle·mile``. ``million litres`` is
  converted to ``m3`` (value / 1000). ``Room per night`` has no whitelist unit and is skipped.
- DESNZ publishes per-gas parts in kg CO2e on AR5 (CH4 28, N2O 265, no fossil split). Gas masses
  are the parts divided by those GWPs. Methane origin: non-fossil for ``Bioenergy`` rows, fossil
  for everything else (fossil fuels, vehicles, grid electricity, heat). Under the app's AR5 table
  (fossil CH4 30, per IPCC AR5 / GHG Protocol) a fossil factor therefore recomputes to
  ``published + 2 × kg CH4``: the small, documented difference between DESNZ's single CH4 value
  and IPCC's origin split.
- EPA Hub gives gas masses. Biomass fuels: their CO2 is biogenic, kept as ``biogenic_co2`` and not
  counted in the CO2e value (ISO 14067 reports it separately); their CH4 is non-fossil.
- EPA supply-chain methane has mixed origins, so it stays generic ``CH4`` (AR5 28 / AR6 27.9).
"""

from __future__ import annotations

import csv
import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from app.core.gwp import CH4_FOSSIL, CH4_NON_FOSSIL, CO2, CO2E_UNSPECIFIED, N2O
from app.core.units import parse_unit
from factor_db import datasets as ds
from factor_db.glossary import COUNTRIES_ZH, synonyms, translate

AR5_CH4 = 28.0  # the single AR5 CH4 value DESNZ and EPA publish with
AR5_N2O = 265.0
KG_PER_LB = 0.45359237


@dataclass
class FactorSpec:
    factor_id: str
    dataset_id: str
    name: str
    name_zh: str
    category: str
    category_zh: str
    unit: str
    value: float
    gwp_basis: str | None
    gases: dict[str, float] = field(default_factory=dict)
    biogenic_co2: float | None = None
    region: str = ""
    region_zh: str = ""
    year: int | None = None
    uncertainty: str = ""
    note: str = ""
    source: str = ""
    keywords: str = ""
    boost: float = 0.0

    def check(self) -> None:
        parse_unit(self.unit)  # every stored unit must be on the whitelist
        if not self.factor_id or not self.name:
            raise ValueError(f"factor without id or name: {self!r}")


@dataclass
class Skipped:
    dataset_id: str
    reason: str
    count: int = 0


def slug(text: str) -> str:
    text = text.lower().replace("&", " and ").replace("%", "pct").replace("+", "plus")
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


def _read_csv(path: Path, encoding: str = "utf-8-sig") -> list[dict[str, str]]:
    with path.open(encoding=encoding, newline="") as fh:
        return list(csv.DictReader(fh))


def _sep(parts: list[str], sep: str) -> str:
    return sep.join(dict.fromkeys(p.strip() for p in parts if p and p.strip()))


# --------------------------------------------------------------------------- UK DESNZ 2025

_DESNZ_UNITS: dict[str, tuple[str, float, str]] = {
    # source UOM: (unit code, divide value by, name qualifier)
    "kWh (Net CV)": ("kWh", 1.0, "per kWh net CV"),
    "kWh (Gross CV)": ("kWh", 1.0, "per kWh gross CV"),
    "kWh": ("kWh", 1.0, ""),
    "GJ": ("GJ", 1.0, ""),
    "litres": ("L", 1.0, ""),
    "tonnes": ("t", 1.0, ""),
    "kg": ("kg", 1.0, ""),
    "cubic metres": ("m3", 1.0, ""),
    "million litres": ("m3", 1000.0, "converted from per million litres"),
    "tonne.km": ("t·km", 1.0, ""),
    "passenger.km": ("passenger·km", 1.0, ""),
    "km": ("vehicle·km", 1.0, ""),
    "miles": ("vehicle·mile", 1.0, ""),
    "per FTE Working Hour": ("h", 1.0, "per full-time-equivalent working hour"),
}
_DESNZ_SKIP_UNITS = {"Room per night"}
# Ranking preference: the rows most footprints need come first among equal text matches.
_DESNZ_BOOST = {"UK electricity": 0.5, "Fuels": 0.2, "Material use": 0.1, "Freighting goods": 0.1}
_DESNZ_PART_GAS = {"2": CO2, "3": "CH4", "4": N2O}


def _desnz_gases(parts: dict[str, float], total: float, biogenic_ch4: bool) -> dict[str, float]:
    """kg of each gas from DESNZ's AR5 CO2e parts; {} unless the parts add up to the total."""
    if set(parts) != {"2", "3", "4"} or abs(sum(parts.values()) - total) > 2e-5 + 1e-6 * abs(total):
        return {}
    ch4_key = CH4_NON_FOSSIL if biogenic_ch4 else CH4_FOSSIL
    return {CO2: parts["2"], ch4_key: parts["3"] / AR5_CH4, N2O: parts["4"] / AR5_N2O}


def _refrigerant_species(name: str, value: float, ar5: dict[str, float]) -> str | None:
    """GWP species for a single-gas refrigerant row whose value is its AR5 GWP, else None."""
    paren = re.search(r"\(([^)]+)\)", name)
    candidates = [name, paren.group(1) if paren else ""]
    aliases = {"carbondioxide": CO2, "methane": "CH4", "nitrousoxide": N2O, "nitrogentrifluoride": "NF3"}
    for cand in candidates:
        key = re.sub(r"[^A-Za-z0-9]", "", cand)
        species = aliases.get(key.lower()) or (key if key in ar5 else None)
        if species == CO2 and abs(value - 1.0) < 1e-9:
            return CO2
        if species and species in ar5 and abs(ar5[species] - value) <= 0.5:
            return species
    return None


def load_desnz(folder: Path, ar5: dict[str, float], skipped: list[Skipped]) -> Iterator[FactorSpec]:
    rows = _read_csv(folder / "ghg-conversion-factors-2025-flat-format.csv")
    parts: dict[str, dict[str, float]] = defaultdict(dict)
    biogenic: dict[tuple[str, str], float] = {}
    totals: list[dict[str, str]] = []
    blank = secr = no_unit = 0
    for row in rows:
        text = row["GHG Conversion Factor 2025"].strip()
        stem, last = row["ID"].rsplit("_", 1)
        if not text:
            blank += 1
        elif last in ("5", "6"):
            secr += 1  # SECR kWh rows: energy per unit, not an emission factor
        elif row["Level 1"] == "Outside of scopes":
            biogenic[(row["Level 3"].casefold(), row["UOM"])] = float(text)
        elif last == "1":
            totals.append(row)
        else:
            parts[stem][last] = float(text)
    skipped.append(Skipped(ds.DESNZ.dataset_id, "blank factor (DESNZ publishes no value)", blank))
    skipped.append(Skipped(ds.DESNZ.dataset_id, "SECR kWh-per-unit rows (not emission factors)", secr))
    for row in totals:
        if row["UOM"] in _DESNZ_SKIP_UNITS:
            no_unit += 1
            continue
        yield _desnz_factor(row, parts, biogenic, ar5)
    skipped.append(
        Skipped(ds.DESNZ.dataset_id, "unit 'Room per night' (hotel stays) has no whitelist unit", no_unit)
    )


def _desnz_factor(
    row: dict[str, str],
    parts: dict[str, dict[str, float]],
    biogenic: dict[tuple[str, str], float],
    ar5: dict[str, float],
) -> FactorSpec:
    l1, l2, l3, l4, col = (
        row[k].strip() for k in ("Level 1", "Level 2", "Level 3", "Level 4", "Column Text")
    )
    unit, divisor, qualifier = _DESNZ_UNITS[row["UOM"]]
    value = float(row["GHG Conversion Factor 2025"]) / divisor
    stem = row["ID"].rsplit("_", 1)[0]
    is_wtt = l1.startswith("WTT")
    is_bio = l1 in ("Bioenergy", "WTT- bioenergy")
    gases = {g: m / divisor for g, m in _desnz_gases(parts.get(stem, {}), value * divisor, is_bio).items()}
    notes = [f"{row['Scope']}."]
    if l1 == "Refrigerant & other":
        species = _refrigerant_species(l3, value, ar5)
        if species and "non-Kyoto" not in col:
            gases = {species: 1.0}
            notes.append(f"Single gas {species}: 1 kg emitted per kg, recomputed under the study's GWPs.")
    if gases and "CH4" not in gases and l1 != "Refrigerant & other":
        origin = "non-fossil (bioenergy)" if is_bio else "fossil"
        notes.append(
            f"Gas masses derived from DESNZ AR5 CO2e parts (CH4/28, N2O/265); CH4 treated as {origin}."
        )
    bio = biogenic.get((l3.casefold(), row["UOM"])) if l1 in ("Fuels", "Bioenergy") else None
    if bio is not None:
        notes.append(f"Biogenic CO2 {bio / divisor:g} kg per unit reported outside of scopes (not included).")
    if qualifier.startswith("converted"):
        notes.append(f"Unit {qualifier}.")
    name_parts = [p for p in (l2, l3, l4, col) if p and p != "kWh"]
    if is_wtt and not l2.startswith("WTT"):
        name_parts.insert(0, "WTT")
    name = _sep(name_parts, ", ")
    if qualifier.startswith("per kWh"):
        name += f" ({qualifier})"
    name_zh = _sep([translate(p) for p in name_parts], "，")
    if qualifier.startswith("per kWh"):
        name_zh += "（按低位热值kWh）" if "net" in qualifier else "（按高位热值kWh）"
    return FactorSpec(
        factor_id=f"desnz2025:{row['ID']}",
        dataset_id=ds.DESNZ.dataset_id,
        name=name,
        name_zh=name_zh,
        category=_sep(["UK DESNZ", l1, l2], " › "),
        category_zh=_sep(["英国DESNZ", translate(l1), translate(l2)], " › "),
        unit=unit,
        value=value,
        gwp_basis="AR5",
        gases=gases,
        biogenic_co2=None if bio is None else bio / divisor,
        region="United Kingdom",
        region_zh="英国",
        year=2025,
        note=" ".join(notes),
        source=f"DESNZ 2025 flat file, ID {row['ID']} (UOM '{row['UOM']}')",
        keywords=_sep(
            [synonyms(" ".join((l1, l2, l3, l4, col))), "WTT well-to-tank upstream" if is_wtt else ""], " "
        ),
        boost=-0.5
        if is_wtt
        else _DESNZ_BOOST.get(l1, 0.0) + (0.3 if col == "Primary material production" else 0.0),
    )


# --------------------------------------------------------------------------- US EPA Hub 2025

_EPA_UNITS = {"short ton": "short ton", "scf": "scf", "gallon": "gal", "mmBtu": "MMBtu"}


def _ar5_value(gases: dict[str, float]) -> float:
    """CO2e on EPA's own basis: AR5 with one CH4 value (28) for every origin."""
    gwp = {CO2: 1.0, CH4_FOSSIL: AR5_CH4, CH4_NON_FOSSIL: AR5_CH4, "CH4": AR5_CH4, N2O: AR5_N2O}
    return sum(m * gwp[g] for g, m in gases.items())


def _hub_spec(
    fid: str, name: str, category: str, unit: str, gases: dict[str, float], **kw: object
) -> FactorSpec:
    cat_parts = category.split(" › ")
    return FactorSpec(
        factor_id=fid,
        dataset_id=ds.EPA_HUB.dataset_id,
        name=name,
        name_zh=kw.pop("name_zh", None) or translate(name),  # type: ignore[arg-type]
        category=category,
        category_zh=" › ".join(["美国EPA排放因子中心", *(translate(p) for p in cat_parts[1:])]),
        unit=unit,
        value=_ar5_value(gases),
        gwp_basis="AR5",
        gases=gases,
        region=str(kw.pop("region", "United States")),
        region_zh=str(kw.pop("region_zh", "美国")),
        year=int(kw.pop("year", 2025)),  # type: ignore[call-overload]
        keywords=_sep([synonyms(name + " " + category), str(kw.pop("keywords", ""))], " "),
        **kw,  # type: ignore[arg-type]
    )


def load_epa_hub(folder: Path, skipped: list[Skipped]) -> Iterator[FactorSpec]:
    yield from _hub_table1(folder)
    yield from _hub_table2(folder, skipped)
    yield from _hub_table6(folder)
    yield from _hub_table8(folder)
    yield from _hub_table9(folder, skipped)


def _hub_table1(folder: Path) -> Iterator[FactorSpec]:
    value_note = "CO2e = CO2 + 28·CH4 + 265·N2O (AR5, EPA's basis), computed by PCF Workbench."
    for row in _read_csv(folder / "epa_hub_2025_table1_stationary_combustion.csv"):
        section, fuel = row["section"].strip(), row["fuel_type"].strip()
        biomass = section.startswith("Biomass")
        category = f"US EPA Hub › Stationary combustion › {section}"
        ch4_key = CH4_NON_FOSSIL if biomass else CH4_FOSSIL
        fuel_slug = slug(fuel)
        if "Kraft" in section:
            fuel = f"Kraft pulping liquor, {fuel}"
            fuel_slug = "kraft-pulping-liquor-" + fuel_slug
        per = [("MMBtu", row["co2_per_mmbtu"], row["ch4_per_mmbtu"], row["n2o_per_mmbtu"])]
        if row["co2_per_unit"].strip():
            phys = row["u_co2_per_unit"].split(" per ", 1)[1].strip()
            per.insert(0, (_EPA_UNITS[phys], row["co2_per_unit"], row["ch4_per_unit"], row["n2o_per_unit"]))
        for unit, co2, ch4, n2o in per:
            gases = {ch4_key: float(ch4) / 1000.0, N2O: float(n2o) / 1000.0}
            notes = [value_note, "Combustion only, HHV basis."]
            bio = None
            if biomass:
                bio = float(co2)
                notes.append(f"Biogenic CO2 {bio:g} kg per {unit} reported separately (not included).")
            else:
                gases = {CO2: float(co2), **gases}
            heat = row["heat_content_hhv"].strip()
            if heat and unit != "MMBtu":
                notes.append(f"Heat content {heat} {row['u_heat_content']}.")
            yield _hub_spec(
                f"epahub2025:t1:{fuel_slug}:{slug(unit)}",
                f"{fuel}, stationary combustion (per {unit})",
                category,
                unit,
                gases,
                name_zh=f"{translate(fuel)}，固定源燃烧（每{parse_unit(unit).label_zh}）",
                biogenic_co2=bio,
                note=" ".join(notes),
                source="EPA GHG Emission Factors Hub 2025, Table 1 Stationary Combustion",
                boost=0.3,
            )


def _hub_table2(folder: Path, skipped: list[Skipped]) -> Iterator[FactorSpec]:
    bio = 0
    for row in _read_csv(folder / "epa_hub_2025_table2_mobile_combustion_co2.csv"):
        fuel = row["fuel_type"].strip()
        if fuel.startswith(("Biodiesel", "Ethanol")):
            bio += 1  # only biogenic CO2 here; CH4/N2O depend on the vehicle (Tables 3-5)
            continue
        unit = _EPA_UNITS[row["unit"].strip()]
        yield _hub_spec(
            f"epahub2025:t2:{slug(fuel)}:{slug(unit)}",
            f"{fuel}, mobile combustion, CO2 only (per {unit})",
            "US EPA Hub › Mobile combustion",
            unit,
            {CO2: float(row["kg_co2_per_unit"])},
            name_zh=f"{translate(fuel)}，移动源燃烧，仅CO2（每{parse_unit(unit).label_zh}）",
            note="CO2 only: add CH4 and N2O per vehicle type from Hub Tables 3-5 (not bundled).",
            source="EPA GHG Emission Factors Hub 2025, Table 2 Mobile Combustion CO2",
        )
    skipped.append(Skipped(ds.EPA_HUB.dataset_id, "Table 2 biofuel rows (biogenic CO2 only)", bio))


def _hub_table6(folder: Path) -> Iterator[FactorSpec]:
    for row in _read_csv(folder / "epa_hub_2025_table6_electricity_egrid2023.csv"):
        code, label = row["egrid_subregion"].strip(), row["egrid_subregion_name"].strip()
        loss_text = row["grid_gross_loss_fraction"].strip()
        loss = (
            f"Grid gross loss {float(loss_text):.1%} not included."
            if loss_text
            else "No grid loss published."
        )
        for kind, prefix, zh in (
            ("total output", "total_output", "总发电量"),
            ("non-baseload", "nonbaseload", "非基荷"),
        ):
            gases = {
                CO2: float(row[f"{prefix}_co2_lb_per_mwh"]) * KG_PER_LB,
                CH4_FOSSIL: float(row[f"{prefix}_ch4_lb_per_mwh"]) * KG_PER_LB,
                N2O: float(row[f"{prefix}_n2o_lb_per_mwh"]) * KG_PER_LB,
            }
            where = "US average" if code == "US Average" else f"eGRID {code} ({label})"
            yield _hub_spec(
                f"epahub2025:t6:{slug(code)}:{slug(kind)}",
                f"Electricity, US grid {where}, eGRID2023 {kind} emission rate",
                "US EPA Hub › Electricity (eGRID2023)",
                "MWh",
                gases,
                name_zh=f"电力，美国电网 {where}，eGRID2023 {zh}排放率",
                region="United States" if code == "US Average" else f"United States, eGRID {code} {label}",
                region_zh="美国" if code == "US Average" else f"美国 eGRID {code}",
                year=2023,
                note=f"Converted from lb/MWh (× {KG_PER_LB}). {loss} "
                + (
                    "Use total output for footprints."
                    if kind == "total output"
                    else "For avoided-emission estimates."
                ),
                source="EPA GHG Emission Factors Hub 2025, Table 6 Electricity (eGRID2023)",
                boost=0.2 if kind == "total output" else -0.3,
            )


def _hub_table8(folder: Path) -> Iterator[FactorSpec]:
    units = {"vehicle-mile": "vehicle·mile", "short ton-mile": "short ton-mile"}
    for row in _read_csv(folder / "epa_hub_2025_table8_upstream_downstream_transport.csv"):
        vehicle = re.sub(r"(?<=\w)\s?[ABC]$", "", row["vehicle_type"].strip())  # footnote letters
        unit = units[row["unit"].strip()]
        gases = {
            CO2: float(row["kg_co2_per_unit"]),
            CH4_FOSSIL: float(row["g_ch4_per_unit"]) / 1000.0,
            N2O: float(row["g_n2o_per_unit"]) / 1000.0,
        }
        yield _hub_spec(
            f"epahub2025:t8:{slug(vehicle)}:{slug(row['unit'])}",
            f"{vehicle}, freight/upstream transport (per {row['unit']})",
            "US EPA Hub › Upstream and downstream transportation",
            unit,
            gases,
            name_zh=f"{translate(vehicle)}，上下游运输（每{parse_unit(unit).label_zh}）",
            note="Tank-to-wheel, from the US GHG Inventory 1990–2022. 1 short ton-mile = 1.45998 t·km.",
            source="EPA GHG Emission Factors Hub 2025, Table 8 Scope 3 Category 4/9 transport",
            keywords="road freight" if "Truck" in vehicle else "",
        )


_ROUTES = {
    "recycled": "recycled",
    "landfilled": "landfilled",
    "combusted": "combusted",
    "composted": "composted",
    "anaerobically_digested_dry": "anaerobically digested (dry)",
    "anaerobically_digested_wet": "anaerobically digested (wet)",
}


def _hub_table9(folder: Path, skipped: list[Skipped]) -> Iterator[FactorSpec]:
    na = 0
    for row in _read_csv(folder / "epa_hub_2025_table9_waste_mtco2e_per_short_ton.csv"):
        material = row["material"].strip()
        for col, route in _ROUTES.items():
            text = row[col].strip()
            if text in ("", "NA"):
                na += 1
                continue
            value = float(text) * 1000.0  # metric tons CO2e per short ton -> kg CO2e per short ton
            yield FactorSpec(
                factor_id=f"epahub2025:t9:{slug(material)}:{slug(route)}",
                dataset_id=ds.EPA_HUB.dataset_id,
                name=f"{material} waste, {route} (end of life)",
                name_zh=f"{translate(material)}废弃物，{translate(route)}（废弃处置）",
                category="US EPA Hub › Waste (WARM)",
                category_zh="美国EPA排放因子中心 › 废弃物(WARM)",
                unit="short ton",
                value=value,
                gwp_basis="AR5",
                region="United States",
                region_zh="美国",
                year=2025,
                note="Published in metric tons CO2e per short ton; stored × 1000 as kg CO2e per short ton. "
                "WARM (Dec 2023) end-of-life emissions, AR5; CO2e only.",
                source="EPA GHG Emission Factors Hub 2025, Table 9 Scope 3 Category 5/12 waste",
                keywords=_sep(
                    [synonyms(material + " " + route), "waste end-of-life disposal 废弃物 垃圾"], " "
                ),
            )
    skipped.append(Skipped(ds.EPA_HUB.dataset_id, "Table 9 cells marked NA (route not applicable)", na))


# --------------------------------------------------------------------------- EPA supply chain v1.3

_USEEIO_GASES = {
    "Carbon dioxide": CO2, "Methane": "CH4", "Nitrous oxide": N2O, "HFC-23": "HFC23",
    "HFC-32": "HFC32", "HFC-125": "HFC125", "HFC-134a": "HFC134a", "HFC-143a": "HFC143a",
    "HFC-236fa": "HFC236fa", "Carbon tetrafluoride": "CF4", "Hexafluoroethane": "C2F6",
    "Perfluoropropane": "C3F8", "Perfluorobutane": "C4F10", "Perfluorocyclobutane": "cC4F8",
    "Perfluorohexane": "C6F14", "Sulfur hexafluoride": "SF6", "Nitrogen trifluoride": "NF3",
    "HFCs and PFCs, unspecified": CO2E_UNSPECIFIED,
}  # fmt: skip

_NAICS_SECTORS: dict[str, tuple[str, str]] = {
    "11": ("Agriculture, forestry, fishing and hunting", "农林牧渔业"),
    "21": ("Mining, quarrying, and oil and gas extraction", "采矿及油气开采"),
    "22": ("Utilities", "公用事业"),
    "23": ("Construction", "建筑业"),
    "31": ("Manufacturing (food, textiles, apparel)", "制造业(食品、纺织、服装)"),
    "32": ("Manufacturing (wood, paper, chemicals, plastics, minerals)", "制造业(木材、纸、化工、塑料、非金属矿物)"),
    "33": ("Manufacturing (metals, machinery, electronics, vehicles)", "制造业(金属、机械、电子、汽车)"),
    "42": ("Wholesale trade", "批发业"),
    "44": ("Retail trade", "零售业"), "45": ("Retail trade", "零售业"),
    "48": ("Transportation", "运输业"), "49": ("Transportation and warehousing", "运输和仓储业"),
    "51": ("Information", "信息业"), "52": ("Finance and insurance", "金融保险业"),
    "53": ("Real estate and rental", "房地产和租赁"),
    "54": ("Professional, scientific and technical services", "专业、科学和技术服务"),
    "55": ("Management of companies", "企业管理"),
    "56": ("Administrative and waste management services", "行政和废物管理服务"),
    "61": ("Educational services", "教育服务"), "62": ("Health care and social assistance", "医疗和社会救助"),
    "71": ("Arts, entertainment and recreation", "文体娱乐"), "72": ("Accommodation and food services", "住宿餐饮"),
    "81": ("Other services", "其他服务"),
}  # fmt: skip


def load_useeio(folder: Path, skipped: list[Skipped]) -> Iterator[FactorSpec]:
    by_gas: dict[str, dict[str, float]] = defaultdict(dict)
    for row in _read_csv(folder / "SupplyChainGHGEmissionFactors_v1.3.0_NAICS_byGHG_USD2022.csv"):
        mass = float(row["Supply Chain Emission Factors with Margins"])
        if mass:
            by_gas[row["2017 NAICS Code"].strip()][_USEEIO_GASES[row["GHG"].strip()]] = mass
    for row in _read_csv(folder / "SupplyChainGHGEmissionFactors_v1.3.0_NAICS_CO2e_USD2022.csv"):
        code, title = row["2017 NAICS Code"].strip(), row["2017 NAICS Title"].strip()
        sector, sector_zh = _NAICS_SECTORS.get(code[:2], ("Other", "其他"))
        without = row["Supply Chain Emission Factors without Margins"]
        yield FactorSpec(
            factor_id=f"useeio13:{code}",
            dataset_id=ds.USEEIO.dataset_id,
            name=f"{title} (SPEND-BASED, per 2022 USD purchaser price)",
            name_zh=f"{translate(title)}（支出法，每2022年美元购买者价格）",
            category=f"Spend-based (US EPA supply chain) › {sector}",
            category_zh=f"支出法（美国EPA供应链） › {sector_zh}",
            unit="USD",
            value=float(row["Supply Chain Emission Factors with Margins"]),
            gwp_basis="AR5",
            gases=by_gas.get(code, {}),
            region="United States",
            region_zh="美国",
            year=2022,
            uncertainty="not published per factor (see EPA's v1.3 data quality notes)",
            note=f"SPEND-BASED screening factor, cradle-to-gate, US technology; NAICS {code}. "
            f"With margins (purchaser price); without margins {without} kg CO2e/USD. "
            "Methane kept as generic CH4 (mixed origins). Not for product-level PCF claims.",
            source=f"EPA Supply Chain GHG Emission Factors v1.3.0, NAICS {code}, "
            f"USEEIO {row['Reference USEEIO Code'].strip()}",
            keywords=_sep([f"naics {code} spend-based spend 支出 美元", synonyms(title)], " "),
            boost=-1.0,
        )


# --------------------------------------------------------------------------- China MEE / NBS / NEA

_CN_REGIONS = {
    "华北": "north", "东北": "northeast", "华东": "east", "华中": "central", "西北": "northwest",
    "南方": "south", "西南": "southwest",
}  # fmt: skip
_CN_GEN = {
    "光伏发电": ("solar-pv", "solar PV"), "光热发电": ("solar-thermal", "concentrated solar (CSP)"),
    "核能发电": ("nuclear", "nuclear"), "水力发电": ("hydro", "hydropower"), "燃气发电": ("gas", "gas-fired"),
    "燃煤发电": ("coal", "coal-fired"), "生物质发电": ("biomass", "biomass"), "风力发电": ("wind", "wind"),
}  # fmt: skip
_CFP_EN = "China electricity carbon footprint factor (life-cycle CO2e, for product carbon footprints)"
_CFP_ZH = "电力碳足迹因子（全生命周期CO2e，用于产品碳足迹）"
_CO2_EN = "China grid electricity CO2 emission factor (CO2 only, for corporate Scope 2 reporting, not for product footprints)"
_CO2_ZH = "电力二氧化碳排放因子（仅CO2，用于企业温室气体核算，不用于产品碳足迹）"


def load_cn_mee(folder: Path) -> Iterator[FactorSpec]:
    for row in _read_csv(folder / "china_electricity_factors_2021_2024.csv"):
        yield _cn_factor(row)


def _cn_factor(row: dict[str, str]) -> FactorSpec:
    year = int(row["data_year"])
    metric, level = row["metric"].strip(), row["level"].strip()
    region_cn, region_en = row["region_cn"].strip(), row["region_en"].strip()
    value = float(row["value"])  # kgCO2/kWh = tCO2/MWh, so the 0.5703 row needs no conversion
    where = {"national": "national grid average", "regional": f"{region_en} regional grid"}.get(
        level, f"{region_en} province"
    )
    where_zh = {"national": "全国电网平均", "regional": f"{region_cn}区域电网"}.get(level, f"{region_cn}省级")
    place = {"national": "national", "regional": _CN_REGIONS.get(region_cn, slug(region_en))}.get(
        level, slug(region_en)
    )
    base, _, sub = metric.partition(":")
    footprint = "carbon_footprint" in base
    gases: dict[str, float] = {} if footprint else {CO2: value}
    boost = 1.0
    if base == "grid_avg_carbon_footprint":
        fid, en, zh = f"cn-mee:cfp:{year}:national", f"{_CFP_EN}, {where}", f"{_CFP_ZH}，{where_zh}"
        boost = 3.0 + 0.5 * (year - 2023)  # the default grid factor for product footprints
    elif base == "generation_type_carbon_footprint":
        key, label = _CN_GEN[sub]
        fid, en, zh = f"cn-mee:cfp-gen:{year}:{key}", f"{_CFP_EN}, {label} generation", f"{_CFP_ZH}，{sub}"
    elif base == "transmission_distribution_carbon_footprint":
        incl = sub.startswith("含")
        key, label = ("incl-losses", "including losses") if incl else ("excl-losses", "excluding losses")
        fid = f"cn-mee:cfp-td:{year}:{key}"
        en = f"{_CFP_EN}, transmission and distribution {label}"
        zh = f"{_CFP_ZH}，输配电（{'含' if incl else '不含'}线损）"
    elif base == "grid_avg_co2":
        fid, en, zh = f"cn-mee:co2:{year}:{place}", f"{_CO2_EN}, {where}", f"{_CO2_ZH}，{where_zh}"
        boost = 2.0 if level == "national" else 1.2
    elif base == "grid_avg_co2_excl_market_nonfossil":
        fid = f"cn-mee:co2-excl-market-nonfossil:{year}:national"
        en = f"{_CO2_EN}, national, excluding market-traded non-fossil electricity"
        zh = f"{_CO2_ZH}，全国，不含市场化交易的非化石能源电量"
    elif base == "fossil_power_co2":
        fid = f"cn-mee:co2-fossil-power:{year}:national"
        en, zh = f"{_CO2_EN}, national fossil-fuel power only", f"{_CO2_ZH}，全国化石能源电力"
    elif base == "grid_avg_co2_power_sector_reporting":
        fid = f"cn-mee:co2-reporting:{year}:national"
        en = f"{_CO2_EN}, national grid average for power-sector / enterprise GHG reporting"
        zh = f"{_CO2_ZH}，全国电网平均排放因子（企业温室气体排放报告用）"
        boost = 0.5
    else:
        raise ValueError(f"unknown China electricity metric '{metric}'")
    note = (
        "Life-cycle CO2e incl. upstream fuel supply and infrastructure; the default for product "
        "footprints (ISO 14067 / GB/T 24067). GWP set not stated by the publisher."
        if footprint
        else "Combustion CO2 of generation only, location-based, for organisational Scope 2 reporting. "
        "Do not use for product footprints (use the cn-mee:cfp factors)."
    )
    if "not verified" in row["published"] or "verify" in row["document"]:
        note += " The notice number/date is not verified in the source notes."
    return FactorSpec(
        factor_id=fid,
        dataset_id=ds.CN_MEE.dataset_id,
        name=f"{en}, {year}",
        name_zh=f"{zh}，{year}年",
        category="China electricity › "
        + ("Carbon footprint factors (product)" if footprint else "Grid CO2 factors (corporate)"),
        category_zh="中国电力 › "
        + ("电力碳足迹因子（产品）" if footprint else "电力二氧化碳排放因子（企业）"),
        unit="kWh",
        value=value,
        gwp_basis=None,
        gases=gases,
        region="China" if level == "national" else f"China, {region_en}",
        region_zh="中国 全国" if level == "national" else f"中国 {region_cn}",
        year=year,
        note=note + f" Published in {row['unit']}.",
        source=f"{row['publisher']}: {row['document']} ({row['published']}); transcribed from "
        f"{row['transcribed_from']}",
        keywords="electricity power grid 电力 电网 用电 中国 china prc "
        + (
            "carbon footprint cfp lca life-cycle 碳足迹 产品"
            if footprint
            else "co2 scope2 企业 二氧化碳 排放因子"
        ),
        boost=boost,
    )


# --------------------------------------------------------------------------- OWID / Ember


def load_owid(folder: Path, skipped: list[Skipped]) -> Iterator[FactorSpec]:
    empty = 0
    for row in _read_csv(folder / "carbon-intensity-electricity.csv"):
        entity, code, text = row["Entity"].strip(), row["Code"].strip(), row["carbon_intensity"].strip()
        if not text:
            empty += 1
            continue
        year = int(row["Year"])
        key = code if code and not code.startswith("OWID_") else slug(entity)
        zh = COUNTRIES_ZH.get(entity, "")
        yield FactorSpec(
            factor_id=f"owid:{key}:{year}",
            dataset_id=ds.OWID.dataset_id,
            name=f"Electricity generation carbon intensity (life-cycle), {entity}, {year} (Ember/OWID)",
            name_zh=f"发电碳强度（全生命周期），{zh or entity}，{year}年",
            category="Electricity by country (Ember/OWID)",
            category_zh="各国电力（Ember/OWID）",
            unit="kWh",
            value=float(text) / 1000.0,
            gwp_basis=None,
            region=entity,
            region_zh=zh,
            year=year,
            note="Life-cycle gCO2e/kWh generated ÷ 1000; no T&D losses; GWP set not stated. Fallback.",
            source=f"OWID carbon-intensity-electricity: {entity}, {year}",
            keywords=f"electricity power grid 电力 电网 {code.lower()}",
            boost=-1.0,
        )
    skipped.append(Skipped(ds.OWID.dataset_id, "rows without a value", empty))


# --------------------------------------------------------------------------- IPCC GWP


def load_gwp(folder: Path) -> list[tuple[str, str, float]]:
    """(report, species, GWP100) rows for AR4, AR5 and AR6, CH4 split by origin included."""
    from app.factors.gwp_data import load_gwp_tables

    tables = load_gwp_tables(folder)
    return sorted((r, s, float(v)) for r, t in tables.items() for s, v in t.values.items())
