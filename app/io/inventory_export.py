"""The auditable Excel inventory: every number a live formula a verifier can follow back.

Sheets: Summary (scope, totals per stage and in total, the frozen-revision fingerprint),
Inventory (one row per line: quantity → gross → BOM explosion → unit conversion → factor →
emissions, with stage subtotals below the lines), Factor sources (every factor used with its
provenance, licence and, for per-gas factors, the GWP recomputation as a formula), Data quality,
Method notes (formulas, unit conversions, GWP values used, the rounding rule), and the contract's
Study / Inventory / Factors sheets (CONTRACTS.md §2), so the export reads back as the same study.

Formulas use only SUM, SUMIF, COUNTIF, IF, ROUND, INT, LOG10 and ABS (Excel, WPS and LibreOffice
all evaluate them). Each formula cell also carries the app's full-precision result as its cached
value, so the file shows numbers where nothing recalculates. Text from users is always written as
a string cell formatted as text: it can never become a formula.

XlsxWriter writes formulas with cached values (openpyxl cannot); its number cells are written
with 17 significant digits here (it writes 16 by default) so that every stored double reads back
exactly, and formulas are passed through as written (they use no function that needs an
``_xlfn.`` prefix). Only ``app.core``, numpy and the standard library are imported besides XlsxWriter.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from app.core.calc import CalcResult
from app.core.compile import CompiledStudy, FactorOrigin, LineTrace
from app.core.domain import STAGES, DataType, Factor, Stage, Study
from app.core.errors import InputError
from app.core.gwp import CO2E_UNSPECIFIED, MAIN_GASES, GwpTable
from app.core.messages import problem
from app.core.numbers import DISPLAY_SIGNIFICANT_FIGURES, round_sig
from app.core.progress import NO_PROGRESS, Progress
from app.io import study_schema as schema
from app.io.atomic import atomic_output
from app.io.study_workbook import column_letter

LANGUAGES = ("zh", "en", "both")
EXCEL_MAX_TEXT = 32_767
EXCEL_MAX_ROWS = 1_048_576
_PROGRESS_EVERY = 5_000


@dataclass(frozen=True, slots=True)
class FactorProvenance:
    """What the Factor sources sheet prints about a library factor beyond the :class:`Factor`."""

    category: str = ""
    region: str = ""
    year: int | None = None
    source: str = ""
    note: str = ""
    uncertainty: str = ""
    dataset_id: str = ""
    dataset_name: str = ""
    dataset_version: str = ""
    dataset_kind: str = ""
    publisher: str = ""
    licence: str = ""
    licence_url: str = ""
    attribution: str = ""
    url: str = ""


@dataclass(frozen=True, slots=True)
class InventoryExport:
    """Everything the export writes: the study, its calculation and where its factors came from."""

    study: Study
    compiled: CompiledStudy
    result: CalcResult
    gwp_table: GwpTable | None = None
    provenance: Mapping[str, FactorProvenance] = field(default_factory=dict)  # by library factor id
    fingerprint: str | None = None  # SHA-256 of the frozen revision; None: a draft
    app_version: str = ""
    exported_at: str = ""  # shown on the Summary (ISO 8601, UTC)


DRAFT_TEXT = ("DRAFT – not frozen", "草稿 – 未冻结")


class _Lang:
    def __init__(self, lang: str) -> None:
        if lang not in LANGUAGES:
            raise ValueError(f"lang must be one of {LANGUAGES}, got {lang!r}")
        self.lang = lang

    def t(self, en: str, zh: str) -> str:
        return en if self.lang == "en" else zh if self.lang == "zh" else f"{en} / {zh}"

    def sheet(self, en: str, zh: str) -> str:
        return en if self.lang == "en" else zh if self.lang == "zh" else f"{en} {zh}"

    def field(self, f: schema.Field) -> str:
        return self.t(f.key, f.zh)

    def stage_value(self, stage: Stage) -> str:
        """The contract's stage value as the reader accepts it (key, Chinese label or both)."""
        return self.t(stage.value, stage.label_zh)

    def stage_label(self, stage: Stage) -> str:
        return self.t(stage.label_en, stage.label_zh)

    def data_type(self, d: DataType) -> str:
        return self.t(d.value, d.label_zh)


def _quote(sheet: str) -> str:
    return "'" + sheet.replace("'", "''") + "'"


# --- the Inventory sheet's columns ---------------------------------------------------------------

_F = {f.key: f for f in schema.INVENTORY_FIELDS}


@dataclass(frozen=True, slots=True)
class _Col:
    key: str
    en: str
    zh: str
    width: float
    contract: bool = False  # read back by the study-workbook reader


def _contract(key: str, width: float) -> _Col:
    return _Col(key, key, _F[key].zh, width, contract=True)


# Audit headers never contain a contract name (or '/' inside one language), so the reader ignores them.
_INVENTORY_COLUMNS: tuple[_Col, ...] = (
    _contract("line_id", 10),
    _contract("name", 34),
    _contract("parent_id", 10),
    _Col("level", "BOM level", "层级", 7),
    _contract("stage", 16),
    _Col("stage_effective", "Stage (incl. inherited)", "所属阶段", 20),
    _contract("quantity", 12),
    _contract("unit", 8),
    _contract("loss_rate", 9),
    _Col("gross", "Gross quantity = quantity × (1 + loss rate)", "毛用量", 14),
    _contract("distance_km", 10),
    _Col("cumulative", "Cumulative gross quantity (× parents)", "累计毛用量（含上级）", 16),
    _Col("conversion", "Conversion to the factor's unit", "换算系数", 12),
    _Col("activity", "Activity in the factor's unit", "活动数据（因子单位）", 14),
    _Col("activity_unit", "Activity unit", "活动数据单位", 10),
    _contract("factor_id", 24),
    _contract("factor_value", 10),
    _contract("factor_unit", 9),
    _Col("factor_used", "Factor used (kg CO2e per unit)", "采用因子值（kg CO2e 每单位）", 14),
    _Col("factor_used_unit", "Factor used per", "采用因子的单位", 9),
    _Col("origin", "Factor origin", "因子出处", 14),
    _Col("basis", "GWP basis of the factor", "因子的GWP基准", 22),
    _Col("dataset", "Dataset", "数据集", 22),
    _contract("allocation", 9),
    _Col("emissions", "Emissions (kg CO2e)", "排放量（kg CO2e）", 16),
    _contract("data_type", 12),
    _contract("source", 24),
    _contract("comment", 24),
)
COL = {c.key: i for i, c in enumerate(_INVENTORY_COLUMNS)}
LETTER = {c.key: column_letter(i) for i, c in enumerate(_INVENTORY_COLUMNS)}

_ORIGIN_LABELS = {
    FactorOrigin.LIBRARY: ("factor library", "因子库"),
    FactorOrigin.STUDY: ("study's Factors sheet", "研究因子表"),
    FactorOrigin.INLINE: ("entered on the line", "行内填写"),
}

_GAS_LABELS = {
    "CO2": ("CO2", "二氧化碳"),
    "CH4_fossil": ("CH4, fossil", "甲烷（化石）"),
    "CH4_non_fossil": ("CH4, non-fossil", "甲烷（非化石）"),
    "N2O": ("N2O", "氧化亚氮"),
    CO2E_UNSPECIFIED: ("other gases, already CO2e", "其他气体（已为CO2当量）"),
}


# --- plan: where everything goes (known before anything is written) ----------------------------


@dataclass(slots=True)
class _FactorEntry:
    factor: Factor
    origin: str
    co2e: float
    basis: str
    row: int = 0  # 1-based row on the Factor sources sheet
    lines: int = 0
    study_row: int | None = None  # 1-based row of this factor on the study's Factors sheet


@dataclass(slots=True)
class _Plan:
    lang: _Lang
    export: InventoryExport
    traces: list[LineTrace]
    entries: list[_FactorEntry]
    entry_of_line: list[_FactorEntry | None]
    gases: list[str]  # gas columns on the Factor sources sheet
    gwp_row: dict[str, int]  # gas → 1-based row of its GWP100 value on Method notes
    names: dict[str, str]  # sheet key → sheet name
    subtotal_row: dict[Stage, int] = field(default_factory=dict)
    total_row: int = 0

    @property
    def n(self) -> int:
        return len(self.traces)

    @property
    def last_line_row(self) -> int:
        return max(2, self.n + 1)

    def inv(self, key: str, row: int, absolute: bool = False) -> str:
        letter = LETTER[key]
        cell = f"${letter}${row}" if absolute else f"{letter}{row}"
        return f"{_quote(self.names['inventory'])}!{cell}"

    def inv_range(self, key: str) -> str:
        letter = LETTER[key]
        return f"{_quote(self.names['inventory'])}!${letter}$2:${letter}${self.last_line_row}"


def _sheet_names(lang: _Lang) -> dict[str, str]:
    # The contract sheets keep their English names in "both" (like the template), Chinese in "zh".
    contract = lang.lang == "zh"
    return {
        "summary": lang.sheet("Summary", "摘要"),
        "inventory": "清单" if contract else "Inventory",
        "sources": lang.sheet("Factor sources", "因子来源"),
        "quality": lang.sheet("Data quality", "数据质量"),
        "notes": lang.sheet("Method notes", "方法说明"),
        "study": "研究信息" if contract else "Study",
        "factors": "因子" if contract else "Factors",
    }


def _gas_order(gases: set[str]) -> list[str]:
    main = [g for g in MAIN_GASES if g in gases]
    rest = sorted(g for g in gases if g not in MAIN_GASES and g != CO2E_UNSPECIFIED)
    return main + rest + ([CO2E_UNSPECIFIED] if CO2E_UNSPECIFIED in gases else [])


def _plan(export: InventoryExport, lang: _Lang) -> _Plan:
    traces = list(export.compiled.traces)
    study_rows = {id(f): r for r, f in enumerate(export.study.factors, start=2)}
    entries: dict[int, _FactorEntry] = {}
    entry_of_line: list[_FactorEntry | None] = []
    for tr in traces:
        f = tr.factor
        if f is None:
            entry_of_line.append(None)
            continue
        entry = entries.get(id(f))
        if entry is None:
            entry = entries[id(f)] = _FactorEntry(f, tr.factor_origin or "", tr.factor_co2e, tr.basis)
            if tr.factor_origin == FactorOrigin.STUDY:
                entry.study_row = study_rows.get(id(f))
        entry.lines += 1
        entry_of_line.append(entry)
    ordered = sorted(entries.values(), key=lambda e: (_origin_rank(e.origin), e.factor.factor_id))
    for row, entry in enumerate(ordered, start=2):
        entry.row = row
    gases: set[str] = set()
    for e in ordered:
        gases.update(e.factor.gases)
    gas_list = _gas_order(gases)
    # The GWP values used: the main gases always, any other gas where a factor of the study has it.
    table = export.gwp_table
    gwp_gases = _gas_order((set(MAIN_GASES) & set(table.values)) | gases) if table is not None else []
    gwp_row = {g: _GWP_TABLE_FIRST_ROW + i for i, g in enumerate(gwp_gases)}
    return _Plan(lang, export, traces, ordered, entry_of_line, gas_list, gwp_row, _sheet_names(lang))


def _origin_rank(origin: str) -> int:
    return {FactorOrigin.STUDY: 0, FactorOrigin.LIBRARY: 1, FactorOrigin.INLINE: 2}.get(origin, 3)


_GWP_TABLE_FIRST_ROW = 4  # Method notes: title, blank, table header, then one row per gas


# --- the workbook --------------------------------------------------------------------------------


def _workbook(path: Path, fast_cells: bool = True):
    """An XlsxWriter workbook whose number cells keep all 17 significant digits.

    ``fast_cells`` writes the three cell kinds of this export (number, inline string, formula
    with a numeric result) with a leaner copy of XlsxWriter's own cell writer, byte for byte the
    same XML (tests/io/test_inventory_export.py compares both); anything else goes to XlsxWriter.
    """
    from xlsxwriter import Workbook
    from xlsxwriter.utility import xl_rowcol_to_cell_fast
    from xlsxwriter.worksheet import CellFormulaTuple as Formula
    from xlsxwriter.worksheet import CellNumberTuple as Number
    from xlsxwriter.worksheet import CellStringTuple as String
    from xlsxwriter.worksheet import Worksheet, _preserve_whitespace

    class FullPrecisionWorksheet(Worksheet):
        def _xml_number_element(self, number, attributes=()) -> None:  # type: ignore[override]
            attr = "".join(f' {k}="{self._escape_attributes(v)}"' for k, v in attributes)
            self.fh.write(f"<c{attr}><v>{float(number)!r}</v></c>")

        def _prepare_formula(self, formula, expand_future_functions=False):  # type: ignore[override]
            # Only classic functions are used, so there is nothing to expand to _xlfn. names; skipping
            # XlsxWriter's ~30 regular expressions per formula halves the export time.
            return formula[1:] if formula.startswith("=") else formula

        def _write_cell(self, row, col, cell) -> None:  # type: ignore[override]
            kind = type(cell)
            if not fast_cells or cell.format is None or kind not in (Number, String, Formula):
                return super()._write_cell(row, col, cell)
            head = f'<c r="{xl_rowcol_to_cell_fast(row, col)}" s="{cell.format._get_xf_index()}"'
            if kind is Number:
                self.fh.write(f"{head}><v>{float(cell.number)!r}</v></c>")
            elif kind is String:
                text = self._escape_control_characters(cell.string)
                if not self.constant_memory or (text.startswith("<r>") and text.endswith("</r>")):
                    return super()._write_cell(row, col, cell)
                space = ' xml:space="preserve"' if _preserve_whitespace(text) else ""
                self.fh.write(f'{head} t="inlineStr"><is><t{space}>{self._escape_data(text)}</t></is></c>')
            elif type(cell.value) is float:
                self.fh.write(f"{head}><f>{self._escape_data(cell.formula)}</f><v>{cell.value!r}</v></c>")
            else:
                return super()._write_cell(row, col, cell)
            return None

    class FullPrecisionWorkbook(Workbook):
        worksheet_class = FullPrecisionWorksheet

    return FullPrecisionWorkbook(
        str(path),
        {
            "constant_memory": True,  # rows stream to disk: 100,000 lines need little memory
            "strings_to_formulas": False,
            "strings_to_urls": False,
            "strings_to_numbers": False,
            "use_zip64": True,
        },
    )


class _Formats:
    def __init__(self, wb) -> None:
        self.wb = wb
        base = {"font_size": 10, "valign": "top"}
        self.header = wb.add_format({**base, "bold": True, "font_color": "#FFFFFF", "bg_color": "#1F6F5C",
                                     "text_wrap": True, "border": 1})  # fmt: skip
        self.title = wb.add_format({"bold": True, "font_size": 14})
        self.section = wb.add_format({"bold": True, "font_size": 11, "bottom": 1})
        self.label = wb.add_format({**base, "bold": True})
        self.text = wb.add_format({**base, "num_format": "@"})
        self.wrap = wb.add_format({**base, "num_format": "@", "text_wrap": True})
        self.input_text = wb.add_format({**base, "num_format": "@", "font_color": "#1F3A93"})
        self.input_number = wb.add_format({**base, "font_color": "#1F3A93"})
        self.number = wb.add_format(base)
        self.formula = wb.add_format(base)
        self.total = wb.add_format({**base, "bold": True, "top": 1})
        self.total_text = wb.add_format({**base, "bold": True, "top": 1, "num_format": "@"})
        # A share that is not zero never shows as 0.0% (the app's display rule).
        self.share = wb.add_format({**base, "num_format": '[=0]0.0%;[<0.0005]"<0.1%";0.0%'})
        self.warning = wb.add_format({**base, "num_format": "@", "font_color": "#9C0006"})
        self._names: dict[int, object] = {}

    def name(self, depth: int):
        """Names indented by BOM level, so the tree reads like the window's."""
        fmt = self._names.get(depth)
        if fmt is None:
            fmt = self._names[depth] = self.wb.add_format(
                {"font_size": 10, "valign": "top", "num_format": "@", "font_color": "#1F3A93",
                 "indent": min(depth, 15)}
            )  # fmt: skip
        return fmt


class _Sheet:
    """One worksheet written row by row (constant-memory mode) with user text always as text."""

    def __init__(self, ws, fmt: _Formats) -> None:
        self.ws = ws
        self.fmt = fmt

    def text(self, row: int, col: int, value: str | None, fmt=None) -> None:
        """A string cell; never a formula, a number or a link, whatever the text looks like."""
        if value is None or value == "":
            return
        if len(value) > EXCEL_MAX_TEXT:
            params = {"length": f"{len(value):,}", "limit": f"{EXCEL_MAX_TEXT:,}", "start": repr(value[:40])}
            raise InputError(problem("export.text_too_long", params))
        self.ws.write_string(row - 1, col, value, fmt or self.fmt.text)

    def number(self, row: int, col: int, value: float | int | None, fmt=None) -> None:
        if value is None:
            return
        self.ws.write_number(row - 1, col, _finite(value), fmt or self.fmt.number)

    def formula(self, row: int, col: int, formula: str, cached: float, fmt=None) -> None:
        self.ws.write_formula(row - 1, col, formula, fmt or self.fmt.formula, _finite(cached))

    def header(self, row: int, titles: Sequence[str], height: float = 42) -> None:
        self.ws.set_row(row - 1, height)
        for c, title in enumerate(titles):
            self.ws.write_string(row - 1, c, title, self.fmt.header)


def _finite(value: float | int) -> float:
    v = float(value)
    if not math.isfinite(v):
        raise InputError(problem("export.not_finite", {"value": str(v)}))
    return v


def write_inventory_workbook(
    export: InventoryExport, path: Path | str, lang: str = "both", progress: Progress = NO_PROGRESS
) -> None:
    """Write the auditable inventory workbook to ``path`` atomically (a failure leaves no file)."""
    path = Path(path)
    language = _Lang(lang)
    n = len(export.study.lines)
    if n + 10 > EXCEL_MAX_ROWS:
        params = {"lines": f"{n:,}", "limit": f"{EXCEL_MAX_ROWS - 10:,}"}
        raise InputError(problem("export.too_many_lines", params))
    plan = _plan(export, language)
    with atomic_output(path) as tmp:
        wb = _workbook(tmp)
        fmt = _Formats(wb)
        names = plan.names
        order = ("summary", "inventory", "sources", "quality", "notes", "study", "factors")
        sheets = {key: _Sheet(wb.add_worksheet(names[key]), fmt) for key in order}
        _inventory_sheet(plan, sheets["inventory"], progress)  # first: it fixes the subtotal rows
        _summary_sheet(plan, sheets["summary"])
        _sources_sheet(plan, sheets["sources"])
        _quality_sheet(plan, sheets["quality"])
        _notes_sheet(plan, sheets["notes"])
        _study_sheet(plan, sheets["study"])
        _factors_sheet(plan, sheets["factors"])
        sheets["summary"].ws.activate()
        wb.set_properties(
            {"title": f"{export.study.info.product_name} — inventory", "author": "PCF Workbench"}
        )
        progress.step(n, n)
        wb.close()


# --- Inventory -----------------------------------------------------------------------------------


def _loss_cell(loss: float) -> tuple[float | str, str]:
    """The loss rate as a cell value, and the term the gross-quantity formula multiplies by.

    The reader refuses a plain number ≥ 1 as ambiguous (5 = 5% or 500%?), so such a rate is
    written as the percent text it reads back from, and the formula carries the number itself.
    """
    if loss < 1:
        return loss, ""
    for text in (f"{loss * 100!r}%", f"{loss * 100:.17g}%"):
        if float(text[:-1]) / 100.0 == loss:
            return text, repr(loss)
    return loss, ""  # no exact percent text: the number (re-import refuses it, never guesses)


def _inventory_sheet(plan: _Plan, sh: _Sheet, progress: Progress) -> None:
    lang, export, fmt = plan.lang, plan.export, sh.fmt
    lines = export.study.lines
    r = export.result
    inp = export.compiled.input
    gross = inp.gross_quantity.tolist()
    exploded = r.exploded_quantity.tolist()
    activity = r.activity.tolist()
    emissions = r.emissions.tolist()
    parent = inp.parent.tolist()
    stage_of = [STAGES[s] for s in inp.stage.tolist()]
    sources = _quote(plan.names["sources"])
    titles = [lang.field(_F[c.key]) if c.contract else lang.t(c.en, c.zh) for c in _INVENTORY_COLUMNS]
    sh.header(1, titles, height=54)
    stage_labels = {s: lang.stage_label(s) for s in STAGES}
    origin_labels = {k: lang.t(*v) for k, v in _ORIGIN_LABELS.items()}
    L = LETTER
    n = plan.n
    for i, (line, tr) in enumerate(zip(lines, plan.traces, strict=True)):
        if i % _PROGRESS_EVERY == 0:
            progress.step(i, n)
        row = i + 2
        sh.text(row, COL["line_id"], line.line_id, fmt.input_text)
        sh.text(row, COL["name"], line.name, fmt.name(tr.depth))
        sh.text(row, COL["parent_id"], line.parent_id, fmt.input_text)
        sh.number(row, COL["level"], tr.depth)
        if line.stage is not None:
            sh.text(row, COL["stage"], lang.stage_value(line.stage), fmt.input_text)
        sh.text(row, COL["stage_effective"], stage_labels[stage_of[i]])
        sh.number(row, COL["quantity"], line.quantity, fmt.input_number)
        sh.text(row, COL["unit"], line.unit, fmt.input_text)
        loss_value, loss_literal = _loss_cell(line.loss_rate)
        if isinstance(loss_value, str):
            sh.text(row, COL["loss_rate"], loss_value, fmt.input_text)
        else:
            sh.number(row, COL["loss_rate"], loss_value, fmt.input_number)
        loss_term = loss_literal or f"{L['loss_rate']}{row}"
        sh.formula(row, COL["gross"], f"={L['quantity']}{row}*(1+{loss_term})", gross[i])
        sh.number(row, COL["distance_km"], line.distance_km, fmt.input_number)
        cumulative = f"={L['gross']}{row}"
        if parent[i] >= 0:
            cumulative += f"*{L['cumulative']}{parent[i] + 2}"
        sh.formula(row, COL["cumulative"], cumulative, exploded[i])
        sh.number(row, COL["conversion"], tr.conversion)
        if line.distance_km is not None:  # transport leg: t × km (conversion to t first, as the engine)
            act = f"={L['cumulative']}{row}*({L['conversion']}{row}*{L['distance_km']}{row})"
        else:
            act = f"={L['cumulative']}{row}*{L['conversion']}{row}"
        sh.formula(row, COL["activity"], act, activity[i])
        sh.text(row, COL["activity_unit"], tr.activity_unit)
        sh.text(row, COL["factor_id"], line.factor_id, fmt.input_text)
        sh.number(row, COL["factor_value"], line.factor_value, fmt.input_number)
        sh.text(row, COL["factor_unit"], line.factor_unit, fmt.input_text)
        entry = plan.entry_of_line[i]
        if entry is not None:
            if entry.origin == FactorOrigin.INLINE:
                used = f"={L['factor_value']}{row}"
            else:
                used = f"={sources}!$H${entry.row}"
            sh.formula(row, COL["factor_used"], used, tr.factor_co2e)
            sh.text(row, COL["factor_used_unit"], entry.factor.unit)
            sh.text(row, COL["origin"], origin_labels.get(entry.origin, entry.origin))
            sh.text(row, COL["basis"], tr.basis)
            f = entry.factor
            sh.text(row, COL["dataset"], " ".join(p for p in (f.dataset, f.dataset_version) if p))
        sh.number(row, COL["allocation"], line.allocation, fmt.input_number)
        sh.formula(
            row,
            COL["emissions"],
            f"={L['activity']}{row}*{L['allocation']}{row}*{L['factor_used']}{row}",
            emissions[i],
        )
        if line.data_type is not None:
            sh.text(row, COL["data_type"], lang.data_type(line.data_type), fmt.input_text)
        sh.text(row, COL["source"], line.source, fmt.input_text)
        sh.text(row, COL["comment"], line.comment, fmt.input_text)
    _subtotals(plan, sh)
    ws = sh.ws
    last = plan.last_line_row
    ws.freeze_panes(1, 2)
    ws.autofilter(0, 0, last - 1, len(_INVENTORY_COLUMNS) - 1)
    for c, col in enumerate(_INVENTORY_COLUMNS):
        ws.set_column(c, c, col.width)


def _subtotals(plan: _Plan, sh: _Sheet) -> None:
    """Stage subtotals below the lines: SUMIF over the effective stage; the total sums the five.

    Only audit columns are filled here, so the study-workbook reader skips these rows.
    """
    lang, fmt, r = plan.lang, sh.fmt, plan.export.result
    label_col, value_col = COL["stage_effective"], COL["emissions"]
    row = plan.last_line_row + 2
    sh.text(row, label_col, lang.t("Stage subtotals (kg CO2e)", "阶段小计（kg CO2e）"), fmt.label)
    stage_range = f"${LETTER['stage_effective']}$2:${LETTER['stage_effective']}${plan.last_line_row}"
    value_range = f"${LETTER['emissions']}$2:${LETTER['emissions']}${plan.last_line_row}"
    for stage in STAGES:
        row += 1
        plan.subtotal_row[stage] = row
        sh.text(row, label_col, lang.stage_label(stage))
        label = f"{LETTER['stage_effective']}{row}"
        sh.formula(row, value_col, f"=SUMIF({stage_range},{label},{value_range})", r.stage_total(stage))
    row += 1
    plan.total_row = row
    first, last = plan.subtotal_row[STAGES[0]], plan.subtotal_row[STAGES[-1]]
    sh.text(row, label_col, lang.t("Total", "合计"), fmt.total_text)
    sh.formula(row, value_col, f"=SUM({LETTER['emissions']}{first}:{LETTER['emissions']}{last})", r.total,
               fmt.total)  # fmt: skip


# --- Summary -------------------------------------------------------------------------------------


def _rounded_formula(cell: str) -> str:
    """The display rule as a formula: half-up (away from zero) to 3 significant figures."""
    digits = DISPLAY_SIGNIFICANT_FIGURES - 1
    return f"=IF({cell}=0,0,ROUND({cell},{digits}-INT(LOG10(ABS({cell})))))"


def _summary_sheet(plan: _Plan, sh: _Sheet) -> None:
    lang, export, fmt = plan.lang, plan.export, sh.fmt
    info = export.study.info
    ws = sh.ws
    sh.text(1, 0, lang.t("Product carbon footprint — auditable inventory", "产品碳足迹 — 可审核清单"),
            fmt.title)  # fmt: skip
    boundary = lang.t(info.boundary.value, info.boundary.label_zh)
    fingerprint = export.fingerprint or lang.t(*DRAFT_TEXT)
    facts: list[tuple[str, str, str | int | None]] = [
        ("Product", "产品", info.product_name),
        ("Declared unit", "声明单位", info.declared_unit),
        ("System boundary", "系统边界", boundary),
        ("GWP set", "GWP版本", f"IPCC {info.gwp_set.value} GWP100"),
        ("Reference year", "基准年", info.reference_year),
        ("Company", "企业名称", info.company),
        ("Site", "生产地点", info.site),
        ("Frozen revision (SHA-256)", "冻结版本指纹（SHA-256）", fingerprint),
        ("Inventory lines", "清单行数", plan.n),
        ("Exported by", "导出程序", f"PCF Workbench {export.app_version}".strip()),
        ("Exported at (UTC)", "导出时间（UTC）", export.exported_at),
    ]
    row = 3
    for en, zh, value in facts:
        sh.text(row, 0, lang.t(en, zh), fmt.label)
        if isinstance(value, int):
            sh.number(row, 1, value)
        else:
            sh.text(
                row, 1, value, fmt.warning if value is fingerprint and not export.fingerprint else fmt.text
            )
        row += 1
    row += 1
    sh.header(row, [lang.t("Life-cycle stage", "生命周期阶段"), lang.t("kg CO2e (full precision)", "kg CO2e（全精度）"),
                    lang.t("kg CO2e (3 significant figures)", "kg CO2e（3位有效数字）"), lang.t("Share", "占比")])  # fmt: skip
    first = row + 1
    total_row = first + len(STAGES)
    r = export.result
    total = r.total
    for stage in STAGES:
        row += 1
        value = r.stage_total(stage)
        sh.text(row, 0, lang.stage_label(stage))
        sh.formula(row, 1, "=" + plan.inv("emissions", plan.subtotal_row[stage], absolute=True), value)
        sh.formula(row, 2, _rounded_formula(f"B{row}"), float(round_sig(value)))
        sh.formula(row, 3, f"=IF($B${total_row}=0,0,B{row}/$B${total_row})", value / total if total else 0.0,
                   fmt.share)  # fmt: skip
    row += 1
    sh.text(row, 0, lang.t("Total", "合计"), fmt.total_text)
    sh.formula(row, 1, "=" + plan.inv("emissions", plan.total_row, absolute=True), total, fmt.total)
    sh.formula(row, 2, _rounded_formula(f"B{row}"), float(round_sig(total)), fmt.total)
    sh.formula(row, 3, f"=IF(B{row}=0,0,1)", 1.0 if total else 0.0, fmt.share)
    row += 2
    notes = [
        lang.t(f"Footprint per declared unit ({info.declared_unit}) in kg CO2e.",
               f"每声明单位（{info.declared_unit}）的碳足迹，单位 kg CO2e。"),
        lang.t("Every number is a formula over the Inventory sheet; see Method notes for how they are made.",
               "所有数字均为基于“清单”表的公式；计算方法见“方法说明”。"),
        lang.t("Stored at full precision; the rounded column follows the app's one rule (half-up, 3 significant figures).",
               "数值以全精度保存；取整列采用本软件统一规则（四舍五入，保留3位有效数字）。"),
    ]  # fmt: skip
    for note in notes:
        sh.text(row, 0, note)
        row += 1
    warnings = export.compiled.warnings
    if warnings:
        sh.text(row, 0, lang.t(f"{len(warnings)} warning(s): see Method notes.",
                               f"{len(warnings)} 条警告：见“方法说明”。"), fmt.warning)  # fmt: skip
    ws.set_column(0, 0, 34)
    ws.set_column(1, 1, 40)
    ws.set_column(2, 3, 18)


# --- Factor sources ------------------------------------------------------------------------------

_SOURCE_FIXED = (
    ("factor_id", "Factor id", "因子编号", 26),
    ("name", "Name", "名称", 36),
    ("name_zh", "Name (Chinese)", "中文名称", 20),
    ("origin", "Origin", "出处", 16),
    ("value", "Value as published (kg CO2e per unit)", "发布值（kg CO2e 每单位）", 14),
    ("unit", "Per unit", "单位", 9),
    ("gwp_basis", "Published GWP basis", "发布的GWP基准", 12),
    ("used", "Value used (kg CO2e per unit)", "采用值（kg CO2e 每单位）", 14),
    ("basis", "How it is characterised", "表征方式", 24),
)
_SOURCE_TAIL = (
    ("lines", "Lines using it", "使用行数", 9),
    ("category", "Category", "类别", 18),
    ("region", "Region", "地区", 10),
    ("year", "Year", "年份", 7),
    ("dataset_id", "Dataset", "数据集", 14),
    ("dataset_name", "Dataset name", "数据集名称", 28),
    ("dataset_version", "Version", "版本", 10),
    ("dataset_kind", "Kind", "类型", 12),
    ("publisher", "Publisher", "发布机构", 22),
    ("source", "Source", "出处说明", 30),
    ("licence", "Licence", "许可", 18),
    ("licence_url", "Licence URL", "许可链接", 24),
    ("attribution", "Attribution", "署名要求", 40),
    ("url", "Dataset URL", "数据集链接", 24),
    ("uncertainty", "Uncertainty", "不确定性", 14),
    ("note", "Note", "备注说明", 30),
)


def _sources_sheet(plan: _Plan, sh: _Sheet) -> None:
    lang, export, fmt = plan.lang, plan.export, sh.fmt
    gas_col0 = len(_SOURCE_FIXED)
    gas_col = {g: gas_col0 + i for i, g in enumerate(plan.gases)}
    tail0 = gas_col0 + len(plan.gases)
    titles = [lang.t(en, zh) for _, en, zh, _ in _SOURCE_FIXED]
    titles += [lang.t(f"{_GAS_LABELS.get(g, (g, g))[0]} (kg per unit)",
                      f"{_GAS_LABELS.get(g, (g, g))[1]}（千克每单位）") for g in plan.gases]  # fmt: skip
    titles += [lang.t(en, zh) for _, en, zh, _ in _SOURCE_TAIL]
    sh.header(1, titles, height=54)
    notes = _quote(plan.names["notes"])
    factors_sheet = _quote(plan.names["factors"])
    col = {k: i for i, (k, *_rest) in enumerate(_SOURCE_FIXED)}
    tail = {k: tail0 + i for i, (k, *_rest) in enumerate(_SOURCE_TAIL)}
    for e in plan.entries:
        row, f = e.row, e.factor
        sh.text(row, col["factor_id"], f.factor_id)
        sh.text(row, col["name"], f.name, fmt.wrap)
        sh.text(row, col["name_zh"], f.name_zh)
        sh.text(row, col["origin"], lang.t(*_ORIGIN_LABELS.get(e.origin, (e.origin, e.origin))))
        sh.number(row, col["value"], f.value)
        sh.text(row, col["unit"], f.unit)
        sh.text(row, col["gwp_basis"], f.gwp_basis or lang.t("not stated", "未说明"))
        for gas, mass in f.gases.items():
            sh.number(row, gas_col[gas], mass)
        value_cell = f"{column_letter(col['value'])}{row}"
        if f.gases and export.gwp_table is not None:
            # The same sum the app computes, term by term in the factor's own gas order.
            terms = [f"{column_letter(gas_col[g])}{row}*{notes}!$B${plan.gwp_row[g]}" for g in f.gases]
            used = "=" + "+".join(terms)
        elif e.origin == FactorOrigin.STUDY and e.study_row is not None:
            used = f"={factors_sheet}!$C${e.study_row}"
        else:
            used = f"={value_cell}"
        sh.formula(row, col["used"], used, e.co2e)
        sh.text(row, col["basis"], e.basis)
        sh.number(row, tail["lines"], e.lines)
        p = export.provenance.get(f.factor_id) if e.origin == FactorOrigin.LIBRARY else None
        if p is None:
            sh.text(row, tail["dataset_id"], f.dataset)
            sh.text(row, tail["dataset_version"], f.dataset_version)
            sh.text(row, tail["source"], f.source, fmt.wrap)
            continue
        for key in ("category", "region", "dataset_id", "dataset_name", "dataset_version", "dataset_kind",
                    "publisher", "source", "licence", "licence_url", "attribution", "url", "uncertainty",
                    "note"):  # fmt: skip
            sh.text(
                row,
                tail[key],
                getattr(p, key),
                fmt.wrap if key in ("source", "attribution", "note") else None,
            )
        sh.number(row, tail["year"], p.year)
    ws = sh.ws
    ws.freeze_panes(1, 1)
    ws.autofilter(0, 0, max(1, len(plan.entries)), len(titles) - 1)
    widths = [w for *_x, w in _SOURCE_FIXED] + [12] * len(plan.gases) + [w for *_x, w in _SOURCE_TAIL]
    for c, w in enumerate(widths):
        ws.set_column(c, c, w)


# --- Data quality --------------------------------------------------------------------------------


def _quality_sheet(plan: _Plan, sh: _Sheet) -> None:
    lang, export, fmt = plan.lang, plan.export, sh.fmt
    lines = export.study.lines
    emissions = np.asarray(export.result.emissions, dtype=np.float64)
    total = export.result.total
    n = plan.n
    sh.header(1, [lang.t("Indicator", "指标"), lang.t("Value in the Inventory", "清单中的取值"),
                  lang.t("kg CO2e", "kg CO2e"), lang.t("Share of emissions", "排放占比"),
                  lang.t("Lines", "行数"), lang.t("Share of lines", "行数占比")])  # fmt: skip
    total_cell = plan.inv("emissions", plan.total_row, absolute=True)
    id_range = plan.inv_range("line_id")
    row = 2

    def block(title: str, key: str, groups: list[tuple[str, str | None, np.ndarray]]) -> None:
        """Rows of one breakdown; a group whose value is None collects the lines left empty there."""
        nonlocal row
        sh.text(row, 0, title, fmt.section)
        row += 1
        for label, value, mask in groups:
            kg = float(emissions[mask].sum()) if n else 0.0
            count = int(mask.sum()) if n else 0
            sh.text(row, 0, label)
            if value is None:
                sh.text(row, 1, lang.t("(empty)", "（空）"))
                criterion = '""'  # SUMIF/COUNTIF with "" match the empty cells
            else:
                sh.text(row, 1, value)
                criterion = f"B{row}"
            rng = plan.inv_range(key)
            sh.formula(row, 2, f"=SUMIF({rng},{criterion},{plan.inv_range('emissions')})", kg)
            sh.formula(row, 3, f"=IF({total_cell}=0,0,C{row}/{total_cell})", kg / total if total else 0.0,
                       fmt.share)  # fmt: skip
            sh.formula(row, 4, f"=COUNTIF({rng},{criterion})", count)
            sh.formula(row, 5, f"=IF(COUNTA({id_range})=0,0,E{row}/COUNTA({id_range}))", count / n if n else 0.0,
                       fmt.share)  # fmt: skip
            row += 1
        row += 1

    dtype = np.array([ln.data_type.value if ln.data_type else "" for ln in lines], dtype=object)
    primary, secondary = dtype == "primary", dtype == "secondary"
    block(
        lang.t("Primary and secondary data (data_type)", "初级与次级数据（数据类型）"),
        "data_type",
        [
            (lang.t("Primary (site-specific) data", "初级数据（现场数据）"), lang.data_type(DataType.PRIMARY), primary),
            (lang.t("Secondary data", "次级数据"), lang.data_type(DataType.SECONDARY), secondary),
            (lang.t("Not stated", "未说明"), None, ~(primary | secondary)),
        ],
    )  # fmt: skip
    origins = np.array([e.origin if e else "" for e in plan.entry_of_line], dtype=object)
    groups = []
    covered = np.zeros(n, dtype=bool)
    for origin in (FactorOrigin.STUDY, FactorOrigin.LIBRARY, FactorOrigin.INLINE):
        mask = origins == origin
        covered |= mask
        groups.append((lang.t(*_ORIGIN_LABELS[origin]), lang.t(*_ORIGIN_LABELS[origin]), mask))
    groups.append((lang.t("No factor (counts as 0)", "无因子（按0计）"), None, ~covered))
    block(lang.t("Where the factors come from", "因子出处"), "origin", groups)
    kinds = {
        e.factor.factor_id: plan.export.provenance[e.factor.factor_id].dataset_kind
        for e in plan.entries
        if e.origin == FactorOrigin.LIBRARY and e.factor.factor_id in plan.export.provenance
    }
    spend = np.array(
        [bool(e) and e.origin == FactorOrigin.LIBRARY and kinds.get(e.factor.factor_id) == "spend-based"
         for e in plan.entry_of_line], dtype=bool)  # fmt: skip
    sh.text(row, 0, lang.t("Spend-based (economic) factors", "基于支出的（经济）因子"), fmt.section)
    row += 1
    sh.text(row, 0, lang.t("Lines with a spend-based factor", "使用支出因子的行"))
    sh.number(row, 2, float(emissions[spend].sum()) if n else 0.0)
    sh.number(row, 4, int(spend.sum()))
    row += 2
    missing = [w for w in export.compiled.warnings if w.code == "line.no_factor"]
    sh.text(row, 0, lang.t(f"Leaf lines without a factor: {len(missing)} (listed in Method notes)",
                           f"无因子的末级行：{len(missing)}（见“方法说明”）"), fmt.warning if missing else None)  # fmt: skip
    ws = sh.ws
    ws.freeze_panes(1, 0)
    ws.set_column(0, 0, 40)
    ws.set_column(1, 1, 30)
    ws.set_column(2, 5, 14)


# --- Method notes --------------------------------------------------------------------------------


def _notes_sheet(plan: _Plan, sh: _Sheet) -> None:
    lang, export, fmt = plan.lang, plan.export, sh.fmt
    table = export.gwp_table
    sh.text(1, 0, lang.t("Method notes", "方法说明"), fmt.title)
    row = _GWP_TABLE_FIRST_ROW - 1
    if table is not None:
        sh.header(row, [lang.t("Gas", "气体"), lang.t(f"GWP100 ({table.report})", f"GWP100（{table.report}）"),
                        lang.t("Used for", "用途")], height=30)  # fmt: skip
        for gas, r in plan.gwp_row.items():
            en, zh = _GAS_LABELS.get(gas, (gas, gas))
            sh.text(r, 0, lang.t(f"{gas} ({en})", f"{gas}（{zh}）") if en != gas else gas)
            value = 1.0 if gas == CO2E_UNSPECIFIED else table.values[gas]
            sh.number(r, 1, value)
            sh.text(r, 2, lang.t("per-gas factors are recomputed with these values (Factor sources, column H)",
                                 "含分气体数据的因子用这些数值重新计算（因子来源表H列）"))  # fmt: skip
        row = _GWP_TABLE_FIRST_ROW + len(plan.gwp_row) + 1
    else:
        sh.text(row, 0, lang.t("No GWP table: every factor keeps its published CO2e value.",
                               "无GWP表：所有因子采用其发布的CO2e值。"))  # fmt: skip
        row += 2

    def section(title: str, texts: list[str]) -> None:
        nonlocal row
        sh.text(row, 0, title, fmt.section)
        row += 1
        for text in texts:
            sh.text(row, 0, text)
            row += 1
        row += 1

    L = LETTER
    inv = plan.names["inventory"]
    section(
        lang.t("How the Inventory's formulas work", "清单表公式说明"),
        [
            lang.t(f"Gross quantity ({L['gross']}) = quantity ({L['quantity']}) × (1 + loss rate ({L['loss_rate']})).",
                   f"毛用量（{L['gross']}）= 数量（{L['quantity']}）×（1 + 损耗率（{L['loss_rate']}））。"),
            lang.t(f"Cumulative gross quantity ({L['cumulative']}) = own gross quantity × the parent line's cumulative "
                   "gross quantity (BOM explosion; top-level lines: own gross quantity).",
                   f"累计毛用量（{L['cumulative']}）= 本行毛用量 × 上级行的累计毛用量（BOM展开；顶层行即本行毛用量）。"),
            lang.t(f"Activity ({L['activity']}) = cumulative gross quantity × conversion ({L['conversion']}); for a "
                   f"transport leg × (conversion to t × distance ({L['distance_km']})), in t·km.",
                   f"活动数据（{L['activity']}）= 累计毛用量 × 换算系数（{L['conversion']}）；运输行为 ×（换算为吨的系数 × "
                   f"运输距离（{L['distance_km']}）），单位吨公里。"),
            lang.t(f"Emissions ({L['emissions']}) = activity × allocation ({L['allocation']}) × factor used "
                   f"({L['factor_used']}); a line without a factor counts as 0.",
                   f"排放量（{L['emissions']}）= 活动数据 × 分配比例（{L['allocation']}）× 采用因子值（{L['factor_used']}）；"
                   "无因子的行按0计。"),
            lang.t(f"Factor used ({L['factor_used']}): the value entered on the line ({L['factor_value']}), else the "
                   "'Value used' of the factor on the Factor sources sheet (per-gas factors: Σ gas × GWP100 above).",
                   f"采用因子值（{L['factor_used']}）：行内填写的因子值（{L['factor_value']}），否则取因子来源表的“采用值”"
                   "（分气体因子：Σ 气体 × 上表GWP100）。"),
            lang.t(f"Stage subtotals (below the lines of '{inv}') are SUMIF over the stage column "
                   f"({L['stage_effective']}); the total is the sum of the five stage subtotals.",
                   f"阶段小计（位于“{inv}”表各行下方）为按所属阶段列（{L['stage_effective']}）的SUMIF；合计为五个阶段小计之和。"),
            lang.t("Blue cells are inputs; black cells are formulas (their stored values are the app's results).",
                   "蓝色单元格为输入，黑色为公式（其缓存值即本软件的计算结果）。"),
        ],
    )  # fmt: skip
    conversions: dict[tuple[str, str, float, bool], None] = {}
    for line, tr in zip(export.study.lines, plan.traces, strict=True):
        target = "t" if line.distance_km is not None and tr.factor_unit is None else tr.activity_unit
        conversions[(tr.unit.code, target, tr.conversion, line.distance_km is not None)] = None
    sh.text(row, 0, lang.t("Unit conversions used", "采用的单位换算"), fmt.section)
    row += 1
    sh.header(row, [lang.t("From (line unit)", "从（行单位）"), lang.t("Conversion", "换算系数"),
                    lang.t("To (factor unit)", "到（因子单位）")], height=30)  # fmt: skip
    row += 1
    for (src, dst, factor, transport), _ in conversions.items():
        sh.text(row, 0, src)
        sh.number(row, 1, factor)
        to = lang.t(f"t, then × km → {dst}", f"吨，再 × 公里 → {dst}") if transport else dst
        sh.text(row, 2, to)
        row += 1
    row += 1
    section(
        lang.t("Rounding", "取整规则"),
        [
            lang.t("All numbers are stored at full precision (17 significant digits); nothing is rounded in the "
                   "calculation.", "所有数值以全精度（17位有效数字）保存，计算中不取整。"),
            lang.t(f"Where a person reads a number it is rounded half-up to {DISPLAY_SIGNIFICANT_FIGURES} "
                   "significant figures (app.core.numbers.format_sig); a non-zero value never shows as 0 and a "
                   "share below 0.05% shows as <0.1%.",
                   f"供人阅读的数值按四舍五入保留{DISPLAY_SIGNIFICANT_FIGURES}位有效数字；非零值不显示为0，"
                   "占比小于0.05%显示为<0.1%。"),
            lang.t("The Summary's rounded column applies this rule with ROUND(x, 2 − INT(LOG10(|x|))).",
                   "摘要表的取整列以 ROUND(x, 2 − INT(LOG10(|x|))) 实现该规则。"),
        ],
    )  # fmt: skip
    warnings = [w.message for w in export.compiled.warnings]
    section(lang.t(f"Warnings ({len(warnings)})", f"警告（{len(warnings)}）"),
            warnings or [lang.t("none", "无")])  # fmt: skip
    attributions = {}
    for e in plan.entries:
        p = export.provenance.get(e.factor.factor_id) if e.origin == FactorOrigin.LIBRARY else None
        if p is not None and p.dataset_id:
            attributions[p.dataset_id] = (
                f"{p.dataset_name} {p.dataset_version} — {p.licence}. {p.attribution}".strip()
            )
    section(
        lang.t("Data sources and licences", "数据来源与许可"),
        list(attributions.values()) or [lang.t("none", "无")],
    )
    sh.ws.set_column(0, 0, 60)
    sh.ws.set_column(1, 1, 16)
    sh.ws.set_column(2, 2, 60)


# --- the contract sheets: Study and Factors ------------------------------------------------------


def _study_sheet(plan: _Plan, sh: _Sheet) -> None:
    lang, info = plan.lang, plan.export.study.info
    sh.header(1, [lang.t("Field", "字段"), lang.t("Value", "值")], height=20)
    values: dict[str, str | int | None] = {
        "product_name": info.product_name,
        "declared_unit": info.declared_unit,
        "boundary": lang.t(info.boundary.value, info.boundary.label_zh),
        "gwp_set": info.gwp_set.value,
        "reference_year": info.reference_year,
        "company": info.company,
        "site": info.site,
    }
    for row, f in enumerate(schema.STUDY_FIELDS, start=2):
        sh.text(row, 0, lang.field(f), sh.fmt.label)
        value = values[f.key]
        if isinstance(value, int):
            sh.number(row, 1, value, sh.fmt.input_number)
        else:
            sh.text(row, 1, value, sh.fmt.input_text)
    sh.ws.set_column(0, 0, 28)
    sh.ws.set_column(1, 1, 40)
    sh.ws.freeze_panes(1, 0)


def _factors_sheet(plan: _Plan, sh: _Sheet) -> None:
    """Only the study's own factors: this sheet is read back as the study's Factors sheet."""
    lang = plan.lang
    sh.header(1, [lang.field(f) for f in schema.FACTOR_FIELDS], height=30)
    for row, f in enumerate(plan.export.study.factors, start=2):
        sh.text(row, 0, f.factor_id, sh.fmt.input_text)
        sh.text(row, 1, f.name, sh.fmt.input_text)
        sh.number(row, 2, f.value, sh.fmt.input_number)
        sh.text(row, 3, f.unit, sh.fmt.input_text)
        sh.text(row, 4, f.source, sh.fmt.input_text)
    for c, w in enumerate((24, 36, 12, 10, 36)):
        sh.ws.set_column(c, c, w)
    sh.ws.freeze_panes(1, 0)


__all__ = [
    "COL",
    "DRAFT_TEXT",
    "LANGUAGES",
    "LETTER",
    "FactorProvenance",
    "InventoryExport",
    "write_inventory_workbook",
]
