"""The catalog of user-facing messages: stable code → English template with ``{named}`` placeholders.

Every :class:`~app.core.errors.Problem` (and every coded error such as a number that cannot be
read) is built from a code here plus its variable parts (``params``); the English text is the
template formatted with them, so the CLI and the log read exactly as before. The GUI looks the
code up in its translation (context ``core`` of ``resources/i18n/pcf_workbench_zh_CN.ts``, the
code as the disambiguation) and formats the translated template with the same params.

A param may itself be a :class:`Message` (e.g. a unit problem inside a line problem, or the
dimension a unit measures): it is rendered, or translated, first. Qt-free; stdlib only.

Adding a message: add ``"area.what": "English text with {name}"`` below, build it with
``problem("area.what", {"name": value}, file=…)`` or ``Message(...)``, then run
``python -m app.gui.i18n update`` and translate it in the .ts (see app/gui/README.md).
"""

from __future__ import annotations

import string
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from app.core.errors import Problem

MESSAGES: dict[str, str] = {
    # --- files (services, cli) ----------------------------------------------------------------
    "file.missing": "{path}: no such file",
    "file.folder": "{path} is a folder, not a study file",
    "file.xls": "old .xls workbooks are not read; save the file as .xlsx (Excel 2007+)",
    "file.type": "unknown study file type '{suffix}'; expected a study workbook (.xlsx) or a project (.pcfw)",
    "file.write_type": "cannot write '{suffix}' files; use .xlsx (study workbook) or .pcfw (project)",
    "template.type": "{path}: the template must be an .xlsx file",
    "template.no_folder": "{path}: no such folder",
    "factors.unavailable": "no factor library is available",
    "factors.limit": "--limit must be at least 1",
    "factors.unknown_id": "no factor with id '{factor_id}'; find ids with 'pcf-workbench factors search WORDS'",
    # --- units --------------------------------------------------------------------------------
    "unit.empty": "the unit is empty",
    "unit.unknown": "unknown unit '{unit}'; use one of the listed units (e.g. kg, kWh, m3, km, piece, t·km)",
    "unit.mismatch": "unit '{from}' ({from_dimension}) cannot be converted to '{to}' ({to_dimension})",
    "unit.ambiguous": "{hint}",
    "unit.ambiguous.ton": "'ton' is ambiguous (short ton = 907.185 kg or tonne = 1000 kg); "
    "write 't' / '吨' for tonnes or 'short ton'",
    "unit.ambiguous.tons": "'tons' is ambiguous (short tons or tonnes); write 't' / '吨' or 'short ton'",
    "unit.ambiguous.tn": "'tn' is ambiguous (short ton or tonne); write 't' / '吨' or 'short ton'",
    "unit.ambiguous.mt": "'MT' is ambiguous (metric ton or megatonne); write 't' / '吨' for tonnes",
    "unit.ambiguous.long_ton": "long tons are not supported; convert to 't' (1 long ton = 1.016047 t)",
    "unit.ambiguous.uk_gallon": "imperial gallons are not supported; convert to 'L'",
    "unit.ambiguous.cal": "calories are ambiguous (thermochemical or IT); convert to 'MJ' or 'kWh'",
    "unit.ambiguous.kcal": "kilocalories are ambiguous (thermochemical or IT); convert to 'MJ' or 'kWh'",
    "unit.ambiguous.box": "'箱' (box) has no fixed size; give the quantity in pieces or in kg",
    "unit.ambiguous.pack": "'包' (pack) has no fixed size; give the quantity in pieces or in kg",
    "unit.ambiguous.roll": "'卷' (roll) has no fixed size; give the quantity in m, m2 or kg",
    "unit.ambiguous.batch": "'批' (batch) has no fixed size; give the quantity in pieces or in kg",
    "dimension.mass": "mass",
    "dimension.energy": "energy",
    "dimension.volume": "volume",
    "dimension.normal_volume": "normal volume",
    "dimension.standard_cubic_foot": "standard volume (scf)",
    "dimension.length": "length",
    "dimension.area": "area",
    "dimension.count": "count",
    "dimension.transport_work": "transport work",
    "dimension.passenger_distance": "passenger distance",
    "dimension.vehicle_distance": "vehicle distance",
    "dimension.time": "time",
    "dimension.money_usd": "money (USD)",
    "dimension.money_cny": "money (CNY)",
    "dimension.money_eur": "money (EUR)",
    "dimension.money_gbp": "money (GBP)",
    # --- numbers people typed -----------------------------------------------------------------
    "number.empty": "expected a number, the cell is empty",
    "number.decimal_comma": "'{text}' uses a decimal comma; write it with a decimal point (e.g. {suggestion})",
    "number.invalid": "expected a number, got '{text}'",
    "number.not_finite": "expected a number, got {value}",
    "number.not_finite_text": "expected a finite number, got '{text}'",
    "number.logical": "expected a number, got the logical value {text}",
    "number.date": "expected a number, got a date/time ({text}); format the cell as a number",
    # --- GWP ----------------------------------------------------------------------------------
    "gwp.unknown_gas": "no {report} GWP100 value for gas '{gas}'",
    # --- inventory lines (calculation) --------------------------------------------------------
    "line.duplicate_id": "duplicate line id '{line_id}'{first}",
    "line.first_at_row": " (first at row {row})",
    "line.missing_parent": "parent '{parent}' does not exist",
    "line.own_parent": "a line cannot be its own parent",
    "line.loop": "parent loop: {ids}",
    "line.quantity": "quantity must be a number ≥ 0, got {value}",
    "line.loss_rate": "loss rate must be ≥ 0, got {value}",
    "line.distance": "distance must be ≥ 0 km, got {value}",
    "line.factor_value": "factor value must be ≥ 0, got {value}",
    "line.allocation": "allocation must be in (0, 1], got {value}",
    "line.unit": "line '{line_id}': {detail}",
    "line.factor_unit": "factor_value needs a factor_unit",
    "line.unknown_factor": "factor '{factor_id}' is not in the factor library or the study's Factors sheet",
    "line.no_factor": "line '{line_id}' ('{name}') has no emission factor and counts as 0",
    "line.missing_stage": "a top-level line needs a stage",
    "line.unit_mismatch": "line '{line_id}': quantity unit '{unit}' ({unit_dimension}) does not measure the "
    "same thing as the factor's unit '{factor_unit}' ({factor_dimension})",
    "line.transport_unit": "line '{line_id}' is a transport leg (it has distance_km), so its quantity must be a "
    "mass (kg, t …) to give t·km; got '{unit}' ({unit_dimension})",
    "line.transport_factor_unit": "line '{line_id}' is a transport leg, so its factor must be per t·km (or "
    "another transport-work unit); the factor is per '{factor_unit}'",
    # --- workbook guard (hostile or broken .xlsx; the message follows the file name) ----------
    "xlsx_encrypted": "is password-protected (an encrypted Office file); open it in Excel, remove the password (File > Info > Protect Workbook) and save it as .xlsx",
    "xlsx_old_xls": "is an old-format Excel file (.xls), not an .xlsx workbook; open it in Excel and save it as .xlsx",
    "xlsx_truncated": "is a damaged or incomplete .xlsx (the zip archive is truncated); copy or download it again",
    "xlsx_not_zip": "is not an .xlsx workbook (not a zip archive); if it is an old .xls or a CSV, save it as .xlsx",
    "xlsx_too_many_members": "holds {members} zip members (limit {limit}); refused as a possible zip bomb",
    "xlsx_duplicate_member": "holds the zip member '{name}' twice; refused",
    "xlsx_encrypted_zip": "is a password-protected zip archive; save it again as a plain .xlsx",
    "xlsx_compression": "uses an unsupported compression method for '{name}'; open it in Excel and save it again",
    "xlsx_zip_bomb": "would decompress to more than {limit_mb} MB; refused as a zip bomb",
    "xlsx_zip_bomb_part": "part '{name}' declares {size} bytes uncompressed (limit {limit}); refused as a zip bomb",
    "xlsx_zip_bomb_ratio": "part '{name}' is compressed {ratio}:1 (limit {limit}:1); refused as a zip bomb",
    "xlsx_forged_size": "part '{name}' declares {size} bytes but holds {packed} compressed; refused (forged zip header)",
    "xlsx_bad_entry": "is damaged (bad zip entry for '{name}'); copy it again",
    "xlsx_cut_short": "is damaged ('{name}' is cut short); copy it again",
    "xlsx_inflates_past": "part '{name}' inflates past its declared {size} bytes; refused (forged zip header / zip bomb)",
    "xlsx_xml_dtd": "part '{part}' contains an XML DTD (entity declarations: billion-laughs or external-entity attack); refused. Re-save the file from Excel.",
    "xlsx_xml_prolog": "part '{part}' has no XML element in its first {limit} bytes; refused",
    "xlsx_xml_entity": "part '{part}' contains an XML DTD or entity ({kind}); refused",
    "xlsx_bad_xml": "is damaged: part '{part}' is not valid XML ({reason}); save it again from Excel",
    "xlsx_xlsb": "is a binary workbook (.xlsb); open it in Excel and save it as .xlsx",
    "xlsx_no_workbook": "is a zip archive but not an Excel workbook (no xl/workbook.xml); save it as .xlsx",
    "xlsx_no_sheet_part": "is damaged: sheet '{sheet}' has no data part; save it again from Excel",
    "xlsx_no_sheets": "has no sheets; save it again from Excel",
    "file_not_found": "was not found (or is not a file)",
    "xlsx_empty": "is empty (0 bytes); copy it again",
    "xlsx_too_large": "is {size_mb} MB (limit {limit_mb} MB); split it or remove unused sheets",
    "xlsx_damaged": "is a damaged .xlsx ({reason}); copy it again or re-save it from Excel",
    "xlsx_part_missing": "is damaged: part '{part}' is missing",
    "xlsx_huge_cell": "has a single XML element larger than {limit_mb} MB; refused",
    "xlsx_huge_extent": "has cells spanning {ref} ({cells} cells, limit {limit}); refused. Delete the stray far-away cells and save again.",
    "xlsx_ambiguous_cell": "has a cell or row tag that readers read differently ({tag}: a second r= reference in a cell, or '<' or '>' inside an attribute value); refused. Save it again from Excel.",
    "xlsx_huge_dimension": "claims {ref} ({cells} cells, limit {limit}); refused. Copy the data into a new sheet and save again.",
    "xlsx_huge_merge": "merges {ref} ({cells} cells; merged total limit {limit}); refused. Unmerge the cells and save again.",
    # --- study workbook (reader) -------------------------------------------------------------
    "workbook.duplicate_sheet": "two sheets could be the {en} / {zh} sheet: {sheets}; keep one",
    "workbook.hidden_sheet": "sheet '{sheet}' is hidden; unhide it (right-click a sheet tab → Unhide) so that "
    "what is calculated is what people see",
    "workbook.missing_sheet": "the workbook has no '{en}' / '{zh}' sheet (sheets found: {found})",
    "workbook.study_unreadable": "the Study sheet could not be read",
    "workbook.unreadable": "the workbook cannot be read: {reason}",
    "study.duplicate_key": "'{key}' is given twice (also in row {first_row})",
    "study.missing": "'{key}' ({zh}) is required: {help_en}",
    "study.year_invalid": "expected a year such as 2024, got '{text}'",
    "study.reference_year": "reference_year: {detail}",
    "study.choice": "{key}: expected {expected}, got '{text}'",
    "sheet.empty": "the sheet is empty; row 1 must hold the column headers",
    "sheet.duplicate_column": "two columns are '{key}': {first} and {second}",
    "sheet.missing_column": "missing column '{key}' ({zh}); row 1 must hold the headers",
    "inventory.empty": "the inventory has no lines",
    "cell.uncached_formula": "formula without a cached value (the file was saved by a program that does not "
    "calculate); open and save it in Excel, WPS or LibreOffice, or type the value",
    "cell.required": "{column} is required",
    "cell.required_number": "{column} is required (a number)",
    "cell.stage": "unknown stage '{text}'; expected raw_materials, production, distribution, use or end_of_life "
    "(原材料获取、生产制造、分销运输、使用、废弃处置)",
    "cell.stage_required": "a top-level line needs a stage (raw_materials, production, distribution, use, "
    "end_of_life / 原材料获取、生产制造、分销运输、使用、废弃处置)",
    "cell.loss_rate_ambiguous": "loss rate {value} is ambiguous; write 5% or 0.05 (or {value}00% if you really "
    "mean it)",
    "cell.factor_unit_required": "factor_unit is required when factor_value is given",
    "cell.allocation": "allocation must be in (0, 1] (e.g. 0.6 or 60%), got {value}",
    "cell.data_type": "data_type must be primary / 初级 or secondary / 次级, got '{text}'",
    "cell.duplicate_factor": "duplicate factor_id '{factor_id}' (first in row {first_row})",
    # --- user factors (import and library) --------------------------------------------------
    "import.unreadable": "cannot read the file: {reason}",
    "import.too_big": "the file is {size_mb} MB; user factor files are limited to {limit_mb} MB",
    "import.not_zip": "not a valid .xlsx file (not a zip archive)",
    "import.zip_bomb": "the workbook inflates to an absurd size; refused",
    "import.type": "user factors are imported from .xlsx or .csv files",
    "import.bad_xlsx": "cannot read the workbook: {reason}",
    "import.empty": "the file is empty",
    "import.no_rows": "the file has a header but no factor rows",
    "import.too_many_rows": "more than {max_rows} rows; split the file",
    "import.duplicate_id": "factor id '{factor_id}' repeats row {first_row}",
    "import.columns": "missing column(s) {columns}; the header row needs name/名称, value/因子值, "
    "unit/单位 and source/数据来源",
    "import.year": "year must be a whole number, got {year}",
    "user_factor.id": "factor id is empty, has spaces or quotes, or is longer than 120 characters",
    "user_factor.name": "name is required",
    "user_factor.value": "value must be a number ≥ 0 (kg CO2e per unit), got {value}",
    "user_factor.source": "source is required: say where the value comes from (supplier, report, EPD …)",
    "user_factor.gwp_basis": "GWP basis must be one of {bases} or empty, got '{basis}'",
    "user_factor.gas": "unknown gas '{gas}' (use {gases})",
    "user_factor.gas_mass": "gas mass must be a number ≥ 0 kg per unit, got {mass}",
    "user_factor.year": "year must be between 1900 and 2100, got {year}",
    "user_factor.exists": "user factor '{factor_id}' already exists",
    "user_factor.missing": "user factor '{factor_id}' does not exist",
    "factor.read_only": "'{factor_id}' is a bundled factor and read-only",
    # --- exports (cli export, the auditable Excel inventory) ----------------------------------
    "export.no_output": "nothing to export: give at least one of {options}",
    "export.target_type": "{what} must be a {suffixes} file",
    "export.target_is_folder": "this is a folder, not a file",
    "export.no_folder": "no such folder: {folder}",
    "export.target_is_study": "this would overwrite the study itself; choose another file",
    "export.write_failed": "cannot write the file: {reason}",
    "export.what.excel": "the Excel inventory",
    "export.what.label": "the carbon-label draft",
    "export.what.report": "the CFP study report",
    "export.same_target": "{first} and {second} name the same file; write each output to its own file",
    "export.text_too_long": "a text of {length} characters does not fit in an Excel cell (at most {limit}): "
    "{start}…",
    "export.not_finite": "a number in the export is not finite ({value}); check very large quantities or factors",
    "export.too_many_lines": "{lines} lines do not fit in one Excel sheet (at most {limit})",
    # --- bills of materials (app/io/bom, services/bom_*, cli import-bom) ----------------------
    "bom.xls": "old .xls workbooks are not read; open the export in Excel or WPS and save it as .xlsx",
    "bom.file_type": "unknown BOM file type '{suffix}'; expected an Excel workbook (.xlsx) or a CSV file (.csv)",
    "bom.folder": "{path} is a folder, not a BOM file",
    "bom.csv_too_big": "the CSV file is {size_mb} MB; BOM files are limited to {limit_mb} MB",
    "bom.csv_binary": "the file holds NUL bytes but is not UTF-16 text; is it really a CSV export?",
    "bom.csv_encoding": "the CSV is neither UTF-8, UTF-16 nor GBK/GB18030 text (bad byte at position {position}); "
    "save it again as 'CSV UTF-8'",
    "bom.csv_bad_encoding": "the CSV says it is {encoding} but is not valid {encoding} (bad byte at position "
    "{position}); save it again as 'CSV UTF-8'",
    "bom.csv_too_many_rows": "the CSV has more than {rows} rows",
    "bom.csv_too_many_columns": "row {row} has {fields} fields (limit {limit})",
    "bom.csv_malformed": "the CSV cannot be split into fields near row {row}: {reason}",
    "bom.all_hidden": "every sheet of the workbook is hidden; unhide the BOM sheet or name it explicitly",
    "bom.no_such_sheet": "the workbook has no sheet '{sheet}' (sheets: {sheets})",
    "bom.hidden_sheet": "sheet '{sheet}' is hidden; check that it is the BOM you mean to import",
    "bom.many_uncached": "{count} formulas have no cached value (only the first {located} are located); open and "
    "save the file in Excel, WPS or LibreOffice",
    "bom.no_header": "no header row found in the first rows (expected column names such as 物料编码, 物料名称, "
    "用量, 单位 or Material, Description, Quantity, Unit); give the header row explicitly",
    "bom.no_such_row": "row {row} is not a row of the sheet (it has {rows} rows)",
    "bom.missing_column": "no column is mapped to '{en}' ({zh})",
    "bom.missing_code_column": "no column is mapped to the material code or name (物料编码 / 物料名称)",
    "bom.what.quantity": "quantity",
    "bom.what.denominator": "denominator",
    "bom.what.loss_rate": "loss rate",
    "bom.what.net_weight": "net weight",
    "bom.what.gross_weight": "gross weight",
    "cell.not_a_number": "{what}: {detail}",
    "cell.missing": "the {what} is missing",
    "cell.negative": "the {what} must be ≥ 0, got {value}",
    "cell.text_number": "the {what} '{text}' is stored as text; it was read as a number",
    "cell.level_jump": "the level jumps from {above} to {level}; a level-{level} row needs a level-{needed} row "
    "above it",
    "unit.mixed": "mixed units: the quantity says '{inline}' but the unit column says '{unit}'; keep the unit in "
    "the unit column only",
    "unit.mixed_material": "mixed units for material '{material}': '{unit}' here, '{first_unit}' in row "
    "{first_row}",
    "bom.row_unnamed": "the row has no material code or name",
    "bom.unit_missing": "the unit is missing",
    "bom.code_number": "the code {code} is stored as a number, so Excel may have changed its last digits; format "
    "the code column as text in the ERP export",
    "bom.denominator": "the denominator must be > 0, got {value}",
    "bom.inline_unit": "the unit '{unit}' was taken from the quantity cell",
    "bom.loss_rate_ambiguous": "the loss rate {value} is ambiguous; write 5% or 0.05, or name the column "
    "'损耗率(%)'",
    "bom.loss_rate": "the loss rate must be at least 0 and below 100%, got {value}",
    "bom.weight_unit_missing": "the weight has no unit; map a weight-unit column or name the unit in the header "
    "(e.g. '净重(kg)')",
    "bom.weight_not_mass": "the weight unit '{unit}' is not a mass",
    "bom.level_number": "the level must be a whole number ≥ 0, got {value}",
    "bom.level_text": "the level must be 1, 2, 3 …, .1, ..2, ...3 or 1.1, 1.1.2, got '{text}'",
    "bom.parent_bad": "row {parent_row} above this one (its parent) has errors",
    "bom.parent_self": "the row names itself ('{code}') as its parent",
    "bom.parent_missing": "the parent '{parent}' is not a row of this BOM; its components are imported as "
    "top-level lines",
    "bom.parent_shared": "the sub-assembly '{parent}' is used in {count} rows; its components are counted under "
    "each of them",
    "bom.explosion_too_big": "counting shared sub-assemblies under each use makes more than {limit} rows; "
    "the BOM cannot be imported like this",
    "bom.parent_loop": "the parent codes form a loop",
    "bom.mapping_empty": "the mapping sheet is empty",
    "bom.mapping_columns": "the mapping sheet needs the columns material_code / 物料编码 and factor_id / 因子编号 "
    "in row 1",
    "bom.mapping_incomplete": "a mapping needs both a material code and a factor id",
    "bom.mapping_factor_unknown": "factor '{factor_id}' is not in the factor library",
    "bom.memory_unreadable": "the BOM mapping memory cannot be read ({reason}); move it away to start a new one",
    "bom.memory_schema": "the BOM mapping memory was written by another version; move it away to start a new one",
    "bom.reader_crashed": "the reader crashed on this file (exit code {exit_code}); the file was refused. Open it "
    "in Excel, WPS or LibreOffice and save it again",
    "bom.no_study": "{path}: no such study; a new one is created as a study workbook (.xlsx) or a project (.pcfw)",
    "bom.empty": "the BOM has no rows under its header",
    "bom.into_drops_sheets": "writing the study back to this workbook would not keep its other sheets "
    "({sheets}); import into a project (.pcfw) or a new workbook instead, or add --drop-other-sheets",
    "bom.factor_unknown": "material '{material}': factor '{factor_id}' (from {origin}) is not in the library; "
    "left without factor",
    "bom.origin_suggestion": "a suggestion",
    "bom.origin_memory": "the mapping memory",
    # texts an import writes into the study's lines (name of a mass line, comment, source)
    "bom.line.where": "{file}",
    "bom.line.where_sheet": "{file}, sheet '{sheet}'",
    "bom.line.source": "BOM {where}, row {row}",
    "bom.line.subassembly": "sub-assembly from BOM row {row}",
    "bom.line.counted": "counted part; its mass is the line below",
    "bom.line.mass": "mass of one {unit_en}: {mass} kg from {column}, BOM row {row}",
    "bom.line.mass_name": "{name} (mass)",
    "bom.line.row": "BOM row {row}",
    # --- project files (.pcfw: app/project, services/projects.py) -----------------------------
    "project.folder": "{path} is a folder, not a project file",
    "project.not_a_project": "this is not a PCF Workbench project file (.pcfw)",
    "project.bad_version": "the project file has no valid schema version",
    "project.newer": "{name} was saved by PCF Workbench {app} (project schema {version}); this version "
    "({current}) reads project schema {supported} and older. Open it with a newer PCF Workbench; the file "
    "was not changed.",
    "project.newer_app": "a newer version",
    "project.damaged": "the project file is damaged: {reason}",
    "project.integrity": "the project file is damaged (SQLite integrity check failed)",
    "project.migration_failed": "the project could not be upgraded from schema {from_version} to {to_version} "
    "({reason}); the file is unchanged and a backup is at {backup}",
    "project.migration_failed_in_memory": "the project could not be upgraded from schema {from_version} "
    "({reason}); the file is unchanged",
    "project.locked": "{name} is already open in PCF Workbench by {owner}; you can open it read-only, or close "
    "it there first",
    "project.lock_owner": "{user} on {host} (process {pid}) since {time}",
    "project.already_frozen": "revision {revision} is already frozen and nothing changed since",
    "project.not_frozen": "revision {revision} is not frozen",
    "project.no_revision": "{name} has no frozen revision {revision}",
    "convert.output_type": "{file}: the output must end in .xlsx (study workbook) or .pcfw (project)",
    "convert.same_file": "the output must be a different file than the input",
    # --- edits of a study (undoable commands) ------------------------------------------------
    "edit.no_line": "no line '{line_id}'",
    "edit.invalid_value": "'{value}' is not a valid {field}",
    "edit.unknown_line_fields": "unknown line field(s): {fields}",
    "edit.unknown_study_fields": "unknown study field(s): {fields}",
    "edit.empty_id": "a line id cannot be empty",
    "edit.duplicate_id": "there is already a line '{line_id}'",
    "edit.move_step": "a line moves by one place at a time",
    "edit.move_not_contiguous": "the lines to move are not contiguous subtrees",
    "edit.reorder_incomplete": "a reorder must name every line once",
    "edit.indent_first": "the first line of a level cannot be indented",
    "edit.outdent_top": "only child lines can be outdented",
    "edit.cell.name_required": "a line needs a name",
    "edit.cell.id_required": "a line needs an id",
    "edit.cell.unit_required": "a line needs a unit",
    "edit.cell.data_type": "'{text}' is not a data type; use primary/初级 or secondary/次级",
    "edit.cell.computed": "the {column_en} column is calculated, not typed",
    "edit.cell.not_finite": "{column_en}: {value} is not a finite number",
    "edit.cell.negative": "{column_en} cannot be negative",
    "edit.cell.allocation": "allocation must be more than 0% and at most 100%",
}


@dataclass(frozen=True, slots=True)
class Message:
    """A message by code and params; ``str()`` is the English text."""

    code: str
    params: Mapping[str, object] = field(default_factory=dict)

    def __str__(self) -> str:
        return render(self.code, self.params)


Lookup = Callable[[str, str], str]  # (code, English template) → template to use


def _english(_code: str, template: str) -> str:
    return template


def render(code: str, params: Mapping[str, object] | None = None, lookup: Lookup = _english) -> str:
    """The text of ``code`` with ``params`` filled in; ``lookup`` picks the (translated) template.

    Nested :class:`Message` params go through the same ``lookup``. A template that needs a param
    that is missing keeps its ``{placeholder}`` rather than failing, and a "code" that is not in
    the catalog (older code passing English text) is shown as it is: a message must never crash
    the code path that reports a problem (tests/core/test_messages.py flags both).
    """
    english = MESSAGES.get(code)
    if english is None:
        return code
    values = {
        k: render(v.code, v.params, lookup) if isinstance(v, Message) else v
        for k, v in (params or {}).items()
    }
    template = lookup(code, english)
    return string.Formatter().vformat(template, (), _KeepMissing(values))


class _KeepMissing(dict):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def placeholders(template: str) -> set[str]:
    """The ``{named}`` fields of a template (for the tests that check catalog and translations)."""
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def problem(code: str, params: Mapping[str, object] | None = None, /, **where: object) -> Problem:
    """A :class:`Problem` whose message is the catalog text of ``code`` (``where``: file, sheet, row …)."""
    values = dict(params or {})
    return Problem(render(code, values), code=code, params=values, **where)  # type: ignore[arg-type]


class CodedError(ValueError):
    """An error whose text comes from the catalog (``code`` + ``params``), so the GUI can translate it."""

    def __init__(self, code: str, params: Mapping[str, object] | None = None) -> None:
        self.code = code
        self.params: dict[str, object] = dict(params or {})
        super().__init__(render(code, self.params))

    def as_message(self) -> Message:
        return Message(self.code, self.params)
