"""The auditable Excel inventory: formulas a real spreadsheet engine recalculates to the app's numbers,
text that never becomes a formula, and a file that reads back as the same study."""

from __future__ import annotations

import dataclasses
import math
import re
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from libreoffice import SOFFICE, assert_cached_values_are_what_libreoffice_computes, recalculated
from studybuilders import UNIT_PAIRS, line, study

from app.core.compile import DictFactorSource
from app.core.domain import STAGES, Boundary, DataType, Factor, GwpSet, InventoryLine, Stage, Study, StudyInfo
from app.core.gwp import GwpTable
from app.factors.gwp_data import load_gwp_tables
from app.io.inventory_export import COL, LETTER, FactorProvenance
from app.io.study_workbook import read_study_workbook
from app.services.calculation import StudyResult, calculate_study
from app.services.exports import export_inventory_excel

needs_libreoffice = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")

GWP = load_gwp_tables()
RM, PROD, DIST, USE, EOL = (Stage.RAW_MATERIALS, Stage.PRODUCTION, Stage.DISTRIBUTION, Stage.USE,
                            Stage.END_OF_LIFE)  # fmt: skip

GRID = Factor("LIB-GRID-GAS", "Grid electricity (per gas)", 0.55, "kWh", gwp_basis="AR5",
              gases={"CO2": 0.5, "CH4_fossil": 0.001, "N2O": 0.0001}, dataset="testdb", dataset_version="1")  # fmt: skip
TRUCK = Factor("LIB-TRUCK", "Lorry", 0.1, "t·km", gwp_basis="AR5", dataset="testdb", dataset_version="1")
LIBRARY = {f.factor_id: f for f in (GRID, TRUCK)}
PROVENANCE = {
    "LIB-GRID-GAS": FactorProvenance(dataset_id="testdb", dataset_name="Test DB", dataset_version="1",
                                     licence="CC0-1.0", attribution="Test DB, CC0", region="CN", year=2024),
}  # fmt: skip


def kettle() -> Study:
    return study(
        line("1", 1, "piece", stage=RM, name="Body 壶身"),
        line("1.1", 0.62, "kg", parent="1", loss_rate=0.05, factor_id="SS", data_type=DataType.PRIMARY),
        line("1.2", 1, "piece", parent="1", name="Handle 把手"),
        line("1.2.1", 80, "g", parent="1.2", loss_rate=0.02, factor_value=1.8, factor_unit="kg",
             data_type=DataType.SECONDARY),
        line("2", 1.4, "度", stage=PROD, factor_id="LIB-GRID-GAS", data_type=DataType.PRIMARY),
        line("3", 1.3, "kg", stage=DIST, distance_km=650, factor_id="LIB-TRUCK"),
        line("4", 365, "kWh", stage=USE, factor_id="LIB-GRID-GAS", allocation=0.5),
        line("5", 1.1, "kg", stage=EOL, name="Landfill, no factor"),
        factors=[Factor("SS", "Stainless steel (supplier)", 3.2, "kg", source="Supplier EPD 2024")],
    )  # fmt: skip


# By hand: 0.62 × 1.05 × 3.2; 80 g × 1.02 → kg × 1.8; AR6 grid factor 0.5 + 0.001 × 29.8 + 0.0001 × 273
# = 0.5571 per kWh; 0.0013 t × 650 km × 0.1; 365 × 0.5 × 0.5571; no factor → 0.
HAND = {"1.1": 2.0832, "1.2.1": 0.14688, "2": 1.4 * 0.5571, "3": 0.0845, "4": 182.5 * 0.5571, "5": 0.0}


def calc(s: Study, tables: dict[str, GwpTable] = GWP) -> StudyResult:
    return calculate_study(s, DictFactorSource(LIBRARY), tables)


def export(s: Study, path: Path, lang: str = "both", fingerprint: str | None = None) -> StudyResult:
    result = calc(s)
    export_inventory_excel(result, path, gwp_tables=GWP, provenance=PROVENANCE, fingerprint=fingerprint,
                           lang=lang)  # fmt: skip
    return result


def close(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=0.0)


def result_json(result: StudyResult) -> dict[str, object]:
    """The result JSON without the worksheet rows of warnings (a built study has none)."""
    data = result.to_json_dict()
    data["warnings"] = [{k: v for k, v in w.items() if k != "row"} for w in data["warnings"]]  # type: ignore[attr-defined]
    return data


# --- reading numbers back ----------------------------------------------------------------------


def inventory_numbers(path: Path, n: int) -> tuple[list[float], dict[str, float], float, list[float]]:
    """Emissions per line, stage subtotals by label, the total, and the Summary's stage/total column."""
    from openpyxl import load_workbook

    wb = load_workbook(path, data_only=True)
    inv = wb["Inventory"]
    emissions = [inv.cell(row=r, column=COL["emissions"] + 1).value for r in range(2, n + 2)]
    subtotals: dict[str, float] = {}
    total = math.nan
    for r in range(n + 2, inv.max_row + 1):
        label = inv.cell(row=r, column=COL["stage_effective"] + 1).value
        value = inv.cell(row=r, column=COL["emissions"] + 1).value
        if isinstance(value, int | float):
            if label.startswith("Total"):
                total = value
            else:
                subtotals[label.split(" / ")[0]] = value
    summary = wb[wb.sheetnames[0]]
    column_b = [c.value for c in summary["B"] if isinstance(c.value, int | float)]
    return emissions, subtotals, total, column_b[-6:]


def assert_matches(path: Path, result: StudyResult) -> None:
    n = len(result.study.lines)
    emissions, subtotals, total, summary = inventory_numbers(path, n)
    assert all(isinstance(v, int | float) for v in emissions), emissions
    for got, want in zip(emissions, result.result.emissions.tolist(), strict=True):
        assert close(got, want), (got, want)
    assert list(subtotals) == [s.label_en for s in Stage]
    for stage in Stage:
        assert close(subtotals[stage.label_en], result.result.stage_total(stage))
    assert close(total, result.total)
    for got, stage in zip(summary[:5], Stage, strict=True):
        assert close(got, result.result.stage_total(stage))
    assert close(summary[5], result.total)


# --- the app's own numbers -----------------------------------------------------------------------


def test_the_hand_computed_fixture_is_what_the_app_calculates() -> None:
    r = calc(kettle())
    for line_id, value in HAND.items():
        assert close(r.result.line_emissions(line_id), value), line_id
    assert close(r.result.stage_total(RM), 2.0832 + 0.14688)
    assert r.total == sum(r.result.stage_totals.tolist())


def test_cached_values_are_the_apps_full_precision_results(tmp_path: Path) -> None:
    """What a reader sees without recalculating: every formula carries the app's number."""
    out = tmp_path / "inv.xlsx"
    result = export(kettle(), out)
    assert_matches(out, result)


def test_every_number_of_the_inventory_is_a_formula_over_its_inputs(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    out = tmp_path / "inv.xlsx"
    export(kettle(), out)
    inv = load_workbook(out)["Inventory"]
    L = LETTER

    def f(key: str, row: int) -> str:
        return inv[f"{L[key]}{row}"].value

    assert f("gross", 3) == f"={L['quantity']}3*(1+{L['loss_rate']}3)"
    assert f("cumulative", 2) == f"={L['gross']}2"
    assert f("cumulative", 5) == f"={L['gross']}5*{L['cumulative']}4"  # 1.2.1 under 1.2 (row 4)
    assert f("activity", 7) == f"={L['cumulative']}7*({L['conversion']}7*{L['distance_km']}7)"  # transport
    assert f("factor_used", 5) == f"={L['factor_value']}5"  # entered on the line
    assert f("factor_used", 6).startswith("='Factor sources 因子来源'!$H$")
    assert f("emissions", 9) == f"={L['activity']}9*{L['allocation']}9*{L['factor_used']}9"
    assert inv[f"{L['conversion']}5"].value == 0.001  # g → kg
    sources = load_workbook(out)["Factor sources 因子来源"]
    grid_row = next(r for r in range(2, sources.max_row + 1) if sources[f"A{r}"].value == "LIB-GRID-GAS")
    used = sources[f"H{grid_row}"].value
    assert used.count("'Method notes 方法说明'!$B$") == 3  # Σ gas × GWP100, one term per gas
    ss_row = next(r for r in range(2, sources.max_row + 1) if sources[f"A{r}"].value == "SS")
    assert sources[f"H{ss_row}"].value == "='Factors'!$C$2"  # the study's own Factors sheet


# --- a real spreadsheet engine ------------------------------------------------------------------


@needs_libreoffice
def test_libreoffice_recalculates_the_export_to_the_apps_results(tmp_path: Path) -> None:
    out = tmp_path / "inv.xlsx"
    result = export(kettle(), out)
    assert_matches(recalculated(out, tmp_path), result)


@needs_libreoffice
@pytest.mark.parametrize("lang", ["both", "zh"])
def test_every_cached_formula_value_is_what_libreoffice_computes(tmp_path: Path, lang: str) -> None:
    """Not only emissions: shares, rounded totals, data quality, factor values — and no error cells."""
    out = tmp_path / "inv.xlsx"
    export(kettle(), out, lang=lang)
    checked = assert_cached_values_are_what_libreoffice_computes(out, recalculated(out, tmp_path))
    assert checked > 5 * len(kettle().lines)  # five formulas per line, and the other sheets


def _sheet_part(path: Path, sheet: str) -> str:
    with zipfile.ZipFile(path) as z:
        workbook = z.read("xl/workbook.xml").decode()
        rels = z.read("xl/_rels/workbook.xml.rels").decode()
    rid = re.search(rf'<sheet name="{re.escape(sheet)}" sheetId="\d+" r:id="(rId\d+)"', workbook).group(1)
    target = re.search(rf'<Relationship Id="{rid}" Type="[^"]+" Target="([^"]+)"', rels).group(1)
    return "xl/" + target.removeprefix("/xl/")


def set_numbers(path: Path, sheet: str, values: dict[str, float]) -> None:
    """Change input cells in the file itself, leaving every cached formula value stale."""
    part = _sheet_part(path, sheet)
    with zipfile.ZipFile(path) as z:
        items = [(info, z.read(info.filename)) for info in z.infolist()]
    rewritten = path.with_suffix(".edited.xlsx")
    with zipfile.ZipFile(rewritten, "w", zipfile.ZIP_DEFLATED) as z:
        for info, data in items:
            if info.filename == part:
                xml = data.decode()
                for ref, value in values.items():
                    xml, count = re.subn(
                        rf'(<c r="{ref}"[^>]*>)<v>[^<]*</v>(</c>)', rf"\g<1><v>{value!r}</v>\g<2>", xml
                    )
                    assert count == 1, ref
                data = xml.encode()
            z.writestr(info, data)
    rewritten.replace(path)


@needs_libreoffice
def test_libreoffice_really_recalculates_changed_inputs_through_every_formula(tmp_path: Path) -> None:
    """Inputs changed in the file (cached values left stale) give the app's result for the changed study:
    LibreOffice recalculated, through the BOM explosion, the transport leg and the GWP recomputation."""
    from openpyxl import load_workbook

    out = tmp_path / "inv.xlsx"
    original = export(kettle(), out)
    notes = load_workbook(out)["Method notes 方法说明"]
    n2o_row = next(r for r in range(1, notes.max_row + 1) if str(notes[f"A{r}"].value).startswith("N2O"))
    L = LETTER
    set_numbers(out, "Inventory", {f"{L['quantity']}2": 2.0, f"{L['quantity']}5": 100.0,
                                   f"{L['distance_km']}7": 1000.0})  # fmt: skip
    set_numbers(out, "Method notes 方法说明", {f"B{n2o_row}": 300.0})
    assert_matches(out, original)  # the file still shows the stale (original) values

    s = kettle()
    s.lines[0] = dataclasses.replace(s.lines[0], quantity=2.0)
    s.lines[3] = dataclasses.replace(s.lines[3], quantity=100.0)
    s.lines[5] = dataclasses.replace(s.lines[5], distance_km=1000.0)
    tables = {**GWP, "AR6": GwpTable("AR6", {**GWP["AR6"].values, "N2O": 300.0})}
    changed = calc(s, tables)
    assert not close(changed.total, original.total)
    assert_matches(recalculated(out, tmp_path), changed)


# --- text from users ----------------------------------------------------------------------------

HOSTILE = ['=HYPERLINK("http://x","y")', "+1+1", "@SUM(A1)", "-2", "\tTab first", "\rCR first", "=1+1",
           "_x0041_ literal escape", "007"]  # fmt: skip


def hostile_study() -> Study:
    s = study(*[line(str(i + 1), 1.0, "kg", stage=RM, name=text, factor_value=1.0, factor_unit="kg",
                     source=text, comment=text) for i, text in enumerate(HOSTILE)])  # fmt: skip
    s.lines.append(line("-2", 1.0, "kg", stage=RM, name="numeric-looking id"))
    s.info = dataclasses.replace(
        s.info, product_name='=HYPERLINK("http://x","y")', company="+1+1", site="@SUM(A1)"
    )
    return s


def test_user_text_is_written_as_text_and_never_as_a_formula(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    out = tmp_path / "inv.xlsx"
    export(hostile_study(), out)
    wb = load_workbook(out)
    inv = wb["Inventory"]
    for i, text in enumerate(HOSTILE):
        row = i + 2
        for key in ("name", "source", "comment"):
            cell = inv[f"{LETTER[key]}{row}"]
            assert cell.data_type == "s", (key, text, cell.data_type)
            if "\r" not in text and "_x" not in text:  # openpyxl does not decode _xHHHH_ escapes (ECMA-376)
                assert cell.value == text  # the app's reader and LibreOffice do: tests below
    last = inv[f"{LETTER['line_id']}{len(HOSTILE) + 2}"]
    assert (last.value, last.data_type) == ("-2", "s")
    study_sheet = wb["Study"]
    assert (study_sheet["B2"].value, study_sheet["B2"].data_type) == ('=HYPERLINK("http://x","y")', "s")
    with zipfile.ZipFile(out) as z:
        xml = z.read(_sheet_part(out, "Inventory")).decode()
    assert "HYPERLINK" not in "".join(re.findall(r"<f>[^<]*</f>", xml))


def test_user_text_reads_back_exactly_with_the_apps_reader(tmp_path: Path) -> None:
    import python_calamine

    out = tmp_path / "inv.xlsx"
    original = hostile_study()
    export(original, out)
    rows = python_calamine.CalamineWorkbook.from_path(str(out)).get_sheet_by_name("Inventory").to_python()
    for key in ("name", "source", "comment"):  # the exact texts, tab, CR and "_x0041_" included
        assert [r[COL[key]] for r in rows[1 : len(HOSTILE) + 1]] == HOSTILE
    back = read_study_workbook(out).study
    assert [ln.name for ln in back.lines[: len(HOSTILE)]] == [t.strip() for t in HOSTILE]  # the reader trims
    assert [ln.source for ln in back.lines[: len(HOSTILE)]] == [t.strip() for t in HOSTILE]
    assert back.info.product_name == original.info.product_name
    assert back.lines[-1].line_id == "-2"


@needs_libreoffice
def test_libreoffice_keeps_user_text_as_text(tmp_path: Path) -> None:
    import python_calamine

    out = tmp_path / "inv.xlsx"
    export(hostile_study(), out)
    rows = python_calamine.CalamineWorkbook.from_path(str(recalculated(out, tmp_path))).get_sheet_by_name(
        "Inventory").to_python()  # fmt: skip
    assert [r[COL["name"]] for r in rows[1 : len(HOSTILE) + 1]] == HOSTILE


# --- the export is a study workbook ------------------------------------------------------------


@pytest.mark.parametrize("lang", ["both", "en", "zh"])
def test_export_reads_back_as_the_same_study(tmp_path: Path, lang: str) -> None:
    out = tmp_path / f"inv-{lang}.xlsx"
    original = kettle()
    first = export(original, out, lang=lang)
    back = read_study_workbook(out).study
    assert back.info == original.info
    assert back.lines == original.lines
    assert back.factors == original.factors
    assert result_json(calc(back)) == result_json(first)


def test_a_loss_rate_of_100_percent_or_more_round_trips(tmp_path: Path) -> None:
    out = tmp_path / "inv.xlsx"
    s = study(line("1", 2.0, "kg", loss_rate=1.5, factor_value=1.0, factor_unit="kg"))
    result = export(s, out)
    assert result.total == 5.0
    assert read_study_workbook(out).study.lines == s.lines
    assert_matches(out, result)


def test_languages_label_headers_and_sheets(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    zh, en = tmp_path / "zh.xlsx", tmp_path / "en.xlsx"
    export(kettle(), zh, lang="zh")
    export(kettle(), en, lang="en")
    wz, we = load_workbook(zh), load_workbook(en)
    assert wz.sheetnames == ["摘要", "清单", "因子来源", "数据质量", "方法说明", "研究信息", "因子"]
    assert we.sheetnames == ["Summary", "Inventory", "Factor sources", "Data quality", "Method notes", "Study",
                             "Factors"]  # fmt: skip
    assert wz["清单"]["A1"].value == "行号" and we["Inventory"]["A1"].value == "line_id"
    assert we["Inventory"].freeze_panes == "C2" and we["Inventory"].auto_filter.ref.startswith("A1:")


def test_summary_shows_the_fingerprint_or_says_draft(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    draft, frozen = tmp_path / "draft.xlsx", tmp_path / "frozen.xlsx"
    export(kettle(), draft, lang="en")
    export(kettle(), frozen, lang="en", fingerprint="ab" * 32)
    values = [[c.value for c in load_workbook(p)["Summary"]["B"]] for p in (draft, frozen)]
    assert "DRAFT – not frozen" in values[0] and "ab" * 32 not in values[0]
    assert "ab" * 32 in values[1]


def test_factor_sources_and_data_quality(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    out = tmp_path / "inv.xlsx"
    export(kettle(), out, lang="en")
    wb = load_workbook(out, data_only=True)
    sources = {r[0]: r for r in wb["Factor sources"].iter_rows(min_row=2, values_only=True)}
    assert set(sources) == {"SS", "LIB-GRID-GAS", "LIB-TRUCK", None}  # None: the value entered on 1.2.1
    header = [c.value for c in wb["Factor sources"][1]]
    grid = dict(zip(header, sources["LIB-GRID-GAS"], strict=True))
    assert grid["Licence"] == "CC0-1.0" and grid["Attribution"] == "Test DB, CC0"
    assert close(grid["Value used (kg CO2e per unit)"], 0.5571)
    quality = {r[0]: r for r in wb["Data quality"].iter_rows(values_only=True) if r[0]}
    r = calc(kettle())
    primary = r.result.line_emissions("1.1") + r.result.line_emissions("2")
    assert close(quality["Primary (site-specific) data"][2], primary)
    assert quality["Primary (site-specific) data"][4] == 2
    assert quality["Not stated"][4] == 5
    assert quality["No factor (counts as 0)"][4] == 3  # sub-assemblies 1 and 1.2, and line 5


# --- generated studies ---------------------------------------------------------------------------


_UNITS = UNIT_PAIRS
_CHARS = st.characters(
    blacklist_categories=("Cs", "Cn", "Co"), blacklist_characters="\x00"
) | st.sampled_from(["=", "+", "-", "@", "\t", "\r", "%", ",", "/", "_"])
_PIECES = st.text(_CHARS, min_size=1, max_size=16) | st.sampled_from(
    ["_x0041_", "=SUM(A1)", "-2", "1,5", "+1+1"]
)
_TEXT = st.lists(_PIECES, min_size=1, max_size=3).map("".join).filter(lambda s: s == s.strip() and bool(s))


@st.composite
def studies(draw: st.DrawFn) -> Study:
    n = draw(st.integers(min_value=1, max_value=25))
    own = [Factor(f"F{k}", draw(_TEXT), draw(st.floats(0, 50)), "kg", source=draw(st.just("") | _TEXT))
           for k in range(draw(st.integers(0, 2)))]  # fmt: skip
    lines: list[InventoryLine] = []
    for i in range(n):
        parent = draw(st.none() | st.integers(0, i - 1)) if i else None
        unit, factor_unit = draw(st.sampled_from(_UNITS))
        transport = unit in ("kg", "g", "吨") and draw(st.integers(0, 5)) == 0
        kind = draw(
            st.sampled_from(
                ["inline", "study", "none"] if own and unit in ("kg", "g", "吨") else ["inline", "none"]
            )
        )
        lines.append(
            InventoryLine(
                line_id=draw(st.sampled_from(["", "L", "-", "0"])) + str(i),
                name=draw(_TEXT),
                quantity=draw(st.floats(min_value=0, max_value=1e6)),
                unit=unit,
                stage=None if parent is not None else draw(st.sampled_from(STAGES)),
                parent_id=None if parent is None else lines[parent].line_id,
                loss_rate=draw(st.floats(min_value=0, max_value=0.99) | st.sampled_from([1.0, 1.5, 2.0])),
                distance_km=draw(st.floats(min_value=0, max_value=2e4)) if transport else None,
                factor_id=f"F{draw(st.integers(0, len(own) - 1))}"
                if kind == "study" and not transport
                else None,
                factor_value=draw(st.floats(0, 100)) if kind == "inline" or transport else None,
                factor_unit=("t·km" if transport else factor_unit) if kind == "inline" or transport else None,
                allocation=draw(st.floats(min_value=1e-6, max_value=1.0)),
                data_type=draw(st.sampled_from([None, DataType.PRIMARY, DataType.SECONDARY])),
                source=draw(st.just("") | _TEXT),
                comment=draw(st.just("") | _TEXT),
            )
        )
    info = StudyInfo(draw(_TEXT), draw(_TEXT), draw(st.sampled_from(list(Boundary))),
                     draw(st.sampled_from(list(GwpSet))), draw(st.none() | st.integers(1990, 2100)),
                     draw(st.just("") | _TEXT), draw(st.just("") | _TEXT))  # fmt: skip
    return Study(info, lines, own)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(original=studies(), lang=st.sampled_from(["both", "en", "zh"]))
def test_generated_studies_round_trip_and_carry_the_apps_numbers(
    tmp_path: Path, original: Study, lang: str
) -> None:
    out = tmp_path / "generated.xlsx"
    first = export(original, out, lang=lang)
    back = read_study_workbook(out).study
    assert back.info == original.info
    assert back.lines == original.lines
    assert back.factors == original.factors
    assert result_json(calc(back)) == result_json(first)
    if lang == "en":
        assert_matches(out, first)


def test_the_fast_cell_writer_writes_what_xlsxwriter_itself_writes(tmp_path: Path, monkeypatch) -> None:
    import app.io.inventory_export as module

    s = kettle()
    s.lines += [dataclasses.replace(ln, line_id=f"h{ln.line_id}") for ln in hostile_study().lines]
    result = calc(s)
    job = module.InventoryExport(
        s, result.compiled, result.result, GWP["AR6"], PROVENANCE, None, "0", "fixed"
    )
    parts = []
    for fast in (True, False):
        build = module._workbook
        monkeypatch.setattr(
            module, "_workbook", lambda path, fast=fast, build=build: build(path, fast_cells=fast)
        )
        out = tmp_path / f"fast-{fast}.xlsx"
        module.write_inventory_workbook(job, out)
        monkeypatch.undo()
        with zipfile.ZipFile(out) as z:
            parts.append({n: z.read(n) for n in z.namelist() if n.startswith("xl/worksheets/")})
    assert len(parts[0]) == 7 and parts[0] == parts[1]
