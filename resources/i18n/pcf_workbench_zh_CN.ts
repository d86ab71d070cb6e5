<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>FactorPicker</name>
    <message>
        <source>Type to search factors… 输入以搜索因子</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FactorSearchModel</name>
    <message>
        <source>study</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>InventoryModel</name>
    <message>
        <source>(value on the line)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown unit &apos;{0}&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>factor &apos;{0}&apos; is not known</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>left out of the total until the line&apos;s errors are fixed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit {0} of line {1}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LiveCalculator</name>
    <message>
        <source>Calculating</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Calculation failed: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Calculating…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Study settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Results</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Live results</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Problems</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;opened study&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Undo history</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;New study</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Open study workbook…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Export study workbook…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cu&amp;t</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Paste</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear cells</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Add line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add a line after the current one</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add c&amp;hild line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add a line inside the current one (sub-assembly)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Delete lines</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete the selected lines and their sub-lines</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>D&amp;uplicate lines</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Make &amp;child of line above</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move up a &amp;level</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move line u&amp;p</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move line do&amp;wn</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Recalculate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open &amp;recent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Lines</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;About PCF Workbench</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Main</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open a life-cycle stage to edit its lines</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Line &apos;{0}&apos; is not in the study any more</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This problem is in the file: correct it there and open the file again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} lines</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>untitled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Total: –</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} problem(s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Up to date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Discard changes?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The study has changes that are not exported. Discard them?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open study workbook</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opening</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading {0}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opening cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opening {0}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opened {0}: {1} lines</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} could not be opened: {1} problem(s), see the Problems panel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot open the study</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export study workbook</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exporting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Writing {0}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exported {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(none)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Product carbon footprints per ISO 14067 / GB/T 24067, offline.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Data sources and licences (数据来源与许可):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Font: WenQuanYi Micro Hei (文泉驿微米黑), Apache License 2.0.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About PCF Workbench</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The factor library is not available.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ProblemsModel</name>
    <message>
        <source>Warning</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Error</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ProgressDialogs</name>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Working…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ResultsView</name>
    <message>
        <source>Product carbon footprint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Click a line to select it in its stage 点击以定位该行</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot calculate: {0} problem(s); see the Problems panel.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Partial: {0} line(s) with errors are left out.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} lines</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StageBarChart</name>
    <message>
        <source>Emissions by life-cycle stage</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StageEditor</name>
    <message>
        <source>{0} lines</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>route shares add up to {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select the line that gets a child line first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add child line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete {0} line(s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Duplicate line(s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Make child line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move line up a level</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move line(s) up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move line(s) down</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear cells</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copied {0} row(s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paste {0} × {1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} cell(s) not pasted: {1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pasted {0} row(s)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StatusTask</name>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StudySettingsEditor</name>
    <message>
        <source>e.g. 1 piece, 1 kg, 1 kWh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not set 未填写</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The product name and the declared unit are required</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change study settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not saved yet</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>core</name>
    <message>
        <source>{path}: no such file</source>
        <comment>file.missing</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{path} is a folder, not a study file</source>
        <comment>file.folder</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>old .xls workbooks are not read; save the file as .xlsx (Excel 2007+)</source>
        <comment>file.xls</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown study file type &apos;{suffix}&apos;; expected a study workbook (.xlsx)</source>
        <comment>file.type</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{path}: the template must be an .xlsx file</source>
        <comment>template.type</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{path}: no such folder</source>
        <comment>template.no_folder</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no factor library is available</source>
        <comment>factors.unavailable</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--limit must be at least 1</source>
        <comment>factors.limit</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no factor with id &apos;{factor_id}&apos;; find ids with &apos;pcf-workbench factors search WORDS&apos;</source>
        <comment>factors.unknown_id</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the unit is empty</source>
        <comment>unit.empty</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown unit &apos;{unit}&apos;; use one of the listed units (e.g. kg, kWh, m3, km, piece, t·km)</source>
        <comment>unit.unknown</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unit &apos;{from}&apos; ({from_dimension}) cannot be converted to &apos;{to}&apos; ({to_dimension})</source>
        <comment>unit.mismatch</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{hint}</source>
        <comment>unit.ambiguous</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;ton&apos; is ambiguous (short ton = 907.185 kg or tonne = 1000 kg); write &apos;t&apos; / &apos;吨&apos; for tonnes or &apos;short ton&apos;</source>
        <comment>unit.ambiguous.ton</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;tons&apos; is ambiguous (short tons or tonnes); write &apos;t&apos; / &apos;吨&apos; or &apos;short ton&apos;</source>
        <comment>unit.ambiguous.tons</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;tn&apos; is ambiguous (short ton or tonne); write &apos;t&apos; / &apos;吨&apos; or &apos;short ton&apos;</source>
        <comment>unit.ambiguous.tn</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;MT&apos; is ambiguous (metric ton or megatonne); write &apos;t&apos; / &apos;吨&apos; for tonnes</source>
        <comment>unit.ambiguous.mt</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>long tons are not supported; convert to &apos;t&apos; (1 long ton = 1.016047 t)</source>
        <comment>unit.ambiguous.long_ton</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>imperial gallons are not supported; convert to &apos;L&apos;</source>
        <comment>unit.ambiguous.uk_gallon</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>calories are ambiguous (thermochemical or IT); convert to &apos;MJ&apos; or &apos;kWh&apos;</source>
        <comment>unit.ambiguous.cal</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>kilocalories are ambiguous (thermochemical or IT); convert to &apos;MJ&apos; or &apos;kWh&apos;</source>
        <comment>unit.ambiguous.kcal</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;箱&apos; (box) has no fixed size; give the quantity in pieces or in kg</source>
        <comment>unit.ambiguous.box</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;包&apos; (pack) has no fixed size; give the quantity in pieces or in kg</source>
        <comment>unit.ambiguous.pack</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;卷&apos; (roll) has no fixed size; give the quantity in m, m2 or kg</source>
        <comment>unit.ambiguous.roll</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;批&apos; (batch) has no fixed size; give the quantity in pieces or in kg</source>
        <comment>unit.ambiguous.batch</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>mass</source>
        <comment>dimension.mass</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>energy</source>
        <comment>dimension.energy</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>volume</source>
        <comment>dimension.volume</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>normal volume</source>
        <comment>dimension.normal_volume</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>standard volume (scf)</source>
        <comment>dimension.standard_cubic_foot</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>length</source>
        <comment>dimension.length</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>area</source>
        <comment>dimension.area</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>count</source>
        <comment>dimension.count</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>transport work</source>
        <comment>dimension.transport_work</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>passenger distance</source>
        <comment>dimension.passenger_distance</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>vehicle distance</source>
        <comment>dimension.vehicle_distance</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>time</source>
        <comment>dimension.time</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>money (USD)</source>
        <comment>dimension.money_usd</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>money (CNY)</source>
        <comment>dimension.money_cny</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>money (EUR)</source>
        <comment>dimension.money_eur</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>money (GBP)</source>
        <comment>dimension.money_gbp</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expected a number, the cell is empty</source>
        <comment>number.empty</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;{text}&apos; uses a decimal comma; write it with a decimal point (e.g. {suggestion})</source>
        <comment>number.decimal_comma</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expected a number, got &apos;{text}&apos;</source>
        <comment>number.invalid</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expected a number, got {value}</source>
        <comment>number.not_finite</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expected a finite number, got &apos;{text}&apos;</source>
        <comment>number.not_finite_text</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expected a number, got the logical value {text}</source>
        <comment>number.logical</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expected a number, got a date/time ({text}); format the cell as a number</source>
        <comment>number.date</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no {report} GWP100 value for gas &apos;{gas}&apos;</source>
        <comment>gwp.unknown_gas</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>duplicate line id &apos;{line_id}&apos;{first}</source>
        <comment>line.duplicate_id</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (first at row {row})</source>
        <comment>line.first_at_row</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>parent &apos;{parent}&apos; does not exist</source>
        <comment>line.missing_parent</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a line cannot be its own parent</source>
        <comment>line.own_parent</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>parent loop: {ids}</source>
        <comment>line.loop</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>quantity must be a number ≥ 0, got {value}</source>
        <comment>line.quantity</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>loss rate must be ≥ 0, got {value}</source>
        <comment>line.loss_rate</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>distance must be ≥ 0 km, got {value}</source>
        <comment>line.distance</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>factor value must be ≥ 0, got {value}</source>
        <comment>line.factor_value</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>allocation must be in (0, 1], got {value}</source>
        <comment>line.allocation</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>line &apos;{line_id}&apos;: {detail}</source>
        <comment>line.unit</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>factor_value needs a factor_unit</source>
        <comment>line.factor_unit</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>factor &apos;{factor_id}&apos; is not in the factor library or the study&apos;s Factors sheet</source>
        <comment>line.unknown_factor</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>line &apos;{line_id}&apos; (&apos;{name}&apos;) has no emission factor and counts as 0</source>
        <comment>line.no_factor</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a top-level line needs a stage</source>
        <comment>line.missing_stage</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>line &apos;{line_id}&apos;: quantity unit &apos;{unit}&apos; ({unit_dimension}) does not measure the same thing as the factor&apos;s unit &apos;{factor_unit}&apos; ({factor_dimension})</source>
        <comment>line.unit_mismatch</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>line &apos;{line_id}&apos; is a transport leg (it has distance_km), so its quantity must be a mass (kg, t …) to give t·km; got &apos;{unit}&apos; ({unit_dimension})</source>
        <comment>line.transport_unit</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>line &apos;{line_id}&apos; is a transport leg, so its factor must be per t·km (or another transport-work unit); the factor is per &apos;{factor_unit}&apos;</source>
        <comment>line.transport_factor_unit</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>is password-protected (an encrypted Office file); open it in Excel, remove the password (File &gt; Info &gt; Protect Workbook) and save it as .xlsx</source>
        <comment>xlsx_encrypted</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>is an old-format Excel file (.xls), not an .xlsx workbook; open it in Excel and save it as .xlsx</source>
        <comment>xlsx_old_xls</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>is a damaged or incomplete .xlsx (the zip archive is truncated); copy or download it again</source>
        <comment>xlsx_truncated</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>is not an .xlsx workbook (not a zip archive); if it is an old .xls or a CSV, save it as .xlsx</source>
        <comment>xlsx_not_zip</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>holds {members} zip members (limit {limit}); refused as a possible zip bomb</source>
        <comment>xlsx_too_many_members</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>holds the zip member &apos;{name}&apos; twice; refused</source>
        <comment>xlsx_duplicate_member</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>is a password-protected zip archive; save it again as a plain .xlsx</source>
        <comment>xlsx_encrypted_zip</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>uses an unsupported compression method for &apos;{name}&apos;; open it in Excel and save it again</source>
        <comment>xlsx_compression</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>would decompress to more than {limit_mb} MB; refused as a zip bomb</source>
        <comment>xlsx_zip_bomb</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>part &apos;{name}&apos; declares {size} bytes uncompressed (limit {limit}); refused as a zip bomb</source>
        <comment>xlsx_zip_bomb_part</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>part &apos;{name}&apos; is compressed {ratio}:1 (limit {limit}:1); refused as a zip bomb</source>
        <comment>xlsx_zip_bomb_ratio</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>part &apos;{name}&apos; declares {size} bytes but holds {packed} compressed; refused (forged zip header)</source>
        <comment>xlsx_forged_size</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>is damaged (bad zip entry for &apos;{name}&apos;); copy it again</source>
        <comment>xlsx_bad_entry</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>is damaged (&apos;{name}&apos; is cut short); copy it again</source>
        <comment>xlsx_cut_short</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>part &apos;{name}&apos; inflates past its declared {size} bytes; refused (forged zip header / zip bomb)</source>
        <comment>xlsx_inflates_past</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>part &apos;{part}&apos; contains an XML DTD (entity declarations: billion-laughs or external-entity attack); refused. Re-save the file from Excel.</source>
        <comment>xlsx_xml_dtd</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>part &apos;{part}&apos; has no XML element in its first {limit} bytes; refused</source>
        <comment>xlsx_xml_prolog</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>part &apos;{part}&apos; contains an XML DTD or entity ({kind}); refused</source>
        <comment>xlsx_xml_entity</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>is damaged: part &apos;{part}&apos; is not valid XML ({reason}); save it again from Excel</source>
        <comment>xlsx_bad_xml</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>is a binary workbook (.xlsb); open it in Excel and save it as .xlsx</source>
        <comment>xlsx_xlsb</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>is a zip archive but not an Excel workbook (no xl/workbook.xml); save it as .xlsx</source>
        <comment>xlsx_no_workbook</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>is damaged: sheet &apos;{sheet}&apos; has no data part; save it again from Excel</source>
        <comment>xlsx_no_sheet_part</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>has no sheets; save it again from Excel</source>
        <comment>xlsx_no_sheets</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>was not found (or is not a file)</source>
        <comment>file_not_found</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>is empty (0 bytes); copy it again</source>
        <comment>xlsx_empty</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>is {size_mb} MB (limit {limit_mb} MB); split it or remove unused sheets</source>
        <comment>xlsx_too_large</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>is a damaged .xlsx ({reason}); copy it again or re-save it from Excel</source>
        <comment>xlsx_damaged</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>is damaged: part &apos;{part}&apos; is missing</source>
        <comment>xlsx_part_missing</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>has a single XML element larger than {limit_mb} MB; refused</source>
        <comment>xlsx_huge_cell</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>has cells spanning {ref} ({cells} cells, limit {limit}); refused. Delete the stray far-away cells and save again.</source>
        <comment>xlsx_huge_extent</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>claims {ref} ({cells} cells, limit {limit}); refused. Copy the data into a new sheet and save again.</source>
        <comment>xlsx_huge_dimension</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>merges {ref} ({cells} cells; merged total limit {limit}); refused. Unmerge the cells and save again.</source>
        <comment>xlsx_huge_merge</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>two sheets could be the {en} / {zh} sheet: {sheets}; keep one</source>
        <comment>workbook.duplicate_sheet</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>sheet &apos;{sheet}&apos; is hidden; unhide it (right-click a sheet tab → Unhide) so that what is calculated is what people see</source>
        <comment>workbook.hidden_sheet</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the workbook has no &apos;{en}&apos; / &apos;{zh}&apos; sheet (sheets found: {found})</source>
        <comment>workbook.missing_sheet</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the Study sheet could not be read</source>
        <comment>workbook.study_unreadable</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the workbook cannot be read: {reason}</source>
        <comment>workbook.unreadable</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;{key}&apos; is given twice (also in row {first_row})</source>
        <comment>study.duplicate_key</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;{key}&apos; ({zh}) is required: {help_en}</source>
        <comment>study.missing</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expected a year such as 2024, got &apos;{text}&apos;</source>
        <comment>study.year_invalid</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>reference_year: {detail}</source>
        <comment>study.reference_year</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{key}: expected {expected}, got &apos;{text}&apos;</source>
        <comment>study.choice</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the sheet is empty; row 1 must hold the column headers</source>
        <comment>sheet.empty</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>two columns are &apos;{key}&apos;: {first} and {second}</source>
        <comment>sheet.duplicate_column</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>missing column &apos;{key}&apos; ({zh}); row 1 must hold the headers</source>
        <comment>sheet.missing_column</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the inventory has no lines</source>
        <comment>inventory.empty</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>formula without a cached value (the file was saved by a program that does not calculate); open and save it in Excel, WPS or LibreOffice, or type the value</source>
        <comment>cell.uncached_formula</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{column} is required</source>
        <comment>cell.required</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{column} is required (a number)</source>
        <comment>cell.required_number</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown stage &apos;{text}&apos;; expected raw_materials, production, distribution, use or end_of_life (原材料获取、生产制造、分销运输、使用、废弃处置)</source>
        <comment>cell.stage</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a top-level line needs a stage (raw_materials, production, distribution, use, end_of_life / 原材料获取、生产制造、分销运输、使用、废弃处置)</source>
        <comment>cell.stage_required</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>loss rate {value} is ambiguous; write 5% or 0.05 (or {value}00% if you really mean it)</source>
        <comment>cell.loss_rate_ambiguous</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>factor_unit is required when factor_value is given</source>
        <comment>cell.factor_unit_required</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>allocation must be in (0, 1] (e.g. 0.6 or 60%), got {value}</source>
        <comment>cell.allocation</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>data_type must be primary / 初级 or secondary / 次级, got &apos;{text}&apos;</source>
        <comment>cell.data_type</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>duplicate factor_id &apos;{factor_id}&apos; (first in row {first_row})</source>
        <comment>cell.duplicate_factor</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot read the file: {reason}</source>
        <comment>import.unreadable</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the file is {size_mb} MB; user factor files are limited to {limit_mb} MB</source>
        <comment>import.too_big</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not a valid .xlsx file (not a zip archive)</source>
        <comment>import.not_zip</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the workbook inflates to an absurd size; refused</source>
        <comment>import.zip_bomb</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>user factors are imported from .xlsx or .csv files</source>
        <comment>import.type</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot read the workbook: {reason}</source>
        <comment>import.bad_xlsx</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the file is empty</source>
        <comment>import.empty</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the file has a header but no factor rows</source>
        <comment>import.no_rows</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>more than {max_rows} rows; split the file</source>
        <comment>import.too_many_rows</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>factor id &apos;{factor_id}&apos; repeats row {first_row}</source>
        <comment>import.duplicate_id</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>missing column(s) {columns}; the header row needs name/名称, value/因子值, unit/单位 and source/数据来源</source>
        <comment>import.columns</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>year must be a whole number, got {year}</source>
        <comment>import.year</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>factor id is empty, has spaces or quotes, or is longer than 120 characters</source>
        <comment>user_factor.id</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>name is required</source>
        <comment>user_factor.name</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>value must be a number ≥ 0 (kg CO2e per unit), got {value}</source>
        <comment>user_factor.value</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>source is required: say where the value comes from (supplier, report, EPD …)</source>
        <comment>user_factor.source</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>GWP basis must be one of {bases} or empty, got &apos;{basis}&apos;</source>
        <comment>user_factor.gwp_basis</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown gas &apos;{gas}&apos; (use {gases})</source>
        <comment>user_factor.gas</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>gas mass must be a number ≥ 0 kg per unit, got {mass}</source>
        <comment>user_factor.gas_mass</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>year must be between 1900 and 2100, got {year}</source>
        <comment>user_factor.year</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>user factor &apos;{factor_id}&apos; already exists</source>
        <comment>user_factor.exists</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>user factor &apos;{factor_id}&apos; does not exist</source>
        <comment>user_factor.missing</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;{factor_id}&apos; is a bundled factor and read-only</source>
        <comment>factor.read_only</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no line &apos;{line_id}&apos;</source>
        <comment>edit.no_line</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;{value}&apos; is not a valid {field}</source>
        <comment>edit.invalid_value</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown line field(s): {fields}</source>
        <comment>edit.unknown_line_fields</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown study field(s): {fields}</source>
        <comment>edit.unknown_study_fields</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a line id cannot be empty</source>
        <comment>edit.empty_id</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>there is already a line &apos;{line_id}&apos;</source>
        <comment>edit.duplicate_id</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a line moves by one place at a time</source>
        <comment>edit.move_step</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the lines to move are not contiguous subtrees</source>
        <comment>edit.move_not_contiguous</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a reorder must name every line once</source>
        <comment>edit.reorder_incomplete</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the first line of a level cannot be indented</source>
        <comment>edit.indent_first</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>only child lines can be outdented</source>
        <comment>edit.outdent_top</comment>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
