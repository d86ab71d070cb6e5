<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>BomWizard</name>
    <message>
        <source>row {0}, column {1}: {2}</source>
        <translation>第 {0} 行，{1} 列：{2}</translation>
    </message>
    <message>
        <source>row {0}: {1}</source>
        <translation>第 {0} 行：{1}</translation>
    </message>
    <message>
        <source>column {0}: {1}</source>
        <translation>{0} 列：{1}</translation>
    </message>
    <message>
        <source>{0} added, {1} removed, {2} changed, {3} unchanged</source>
        <translation>新增 {0} 行，删除 {1} 行，变更 {2} 行，未变 {3} 行</translation>
    </message>
    <message>
        <source>name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>loss rate</source>
        <translation>损耗率</translation>
    </message>
    <message>
        <source>… and {0} more</source>
        <translation>……另有 {0} 项</translation>
    </message>
    <message>
        <source>Import bill of materials — {0}</source>
        <translation>导入物料清单 — {0}</translation>
    </message>
    <message>
        <source>Checking {0}…</source>
        <translation>正在检查 {0}…</translation>
    </message>
    <message>
        <source>Reading BOM</source>
        <translation>正在读取物料清单</translation>
    </message>
    <message>
        <source>Reading {0}…</source>
        <translation>正在读取 {0}…</translation>
    </message>
    <message>
        <source>Checking rows…</source>
        <translation>正在检查各行…</translation>
    </message>
    <message>
        <source>factor suggested (confidence {0}), not confirmed</source>
        <translation>建议的因子（置信度 {0}），未确认</translation>
    </message>
    <message>
        <source>factor picked, not confirmed</source>
        <translation>已选因子，未确认</translation>
    </message>
    <message>
        <source>Import BOM {0}</source>
        <translation>导入物料清单 {0}</translation>
    </message>
    <message>
        <source>Import bill of materials</source>
        <translation>导入物料清单</translation>
    </message>
    <message>
        <source>BOM mapping memory</source>
        <translation>物料清单映射记录</translation>
    </message>
    <message>
        <source>Imported BOM: {0}</source>
        <translation>已导入物料清单：{0}</translation>
    </message>
</context>
<context>
    <name>DocumentBridge</name>
    <message>
        <source>This revision is read-only: edits are not possible</source>
        <translation>此版本为只读，无法编辑</translation>
    </message>
</context>
<context>
    <name>ExportActions</name>
    <message>
        <source>Excel inventory (auditable)…</source>
        <translation>Excel 清单（可审核）…</translation>
    </message>
    <message>
        <source>Export every line with live formulas, factor sources and licences for verification</source>
        <translation>导出每一行清单，附实时公式、因子来源和许可，供核查使用</translation>
    </message>
    <message>
        <source>Headers in both languages (English and Chinese)</source>
        <translation>表头使用中英双语</translation>
    </message>
    <message>
        <source>Write exported headers and labels in English and Chinese side by side</source>
        <translation>导出文件的表头和标签以中英文并列</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>Export Excel inventory</source>
        <translation>导出 Excel 清单</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>导出失败</translation>
    </message>
    <message>
        <source>Choose another file: this is the open study.</source>
        <translation>请选择其他文件：这是当前打开的研究。</translation>
    </message>
    <message>
        <source>Exporting</source>
        <translation>正在导出</translation>
    </message>
    <message>
        <source>Writing {0}…</source>
        <translation>正在写入 {0}…</translation>
    </message>
    <message>
        <source>Export cancelled</source>
        <translation>导出已取消</translation>
    </message>
    <message>
        <source>Exported the Excel inventory to {0}</source>
        <translation>Excel 清单已导出到 {0}</translation>
    </message>
    <message>
        <source>The study has problems; fix them (see the Problems panel) and export again.</source>
        <translation>研究存在问题；请修正（见问题面板）后重新导出。</translation>
    </message>
</context>
<context>
    <name>FactorPage</name>
    <message>
        <source>Factors</source>
        <translation>排放因子</translation>
    </message>
    <message>
        <source>Confirmed factors are remembered per material code for the next import. Materials without a factor are imported too (they count as 0 until you add one).</source>
        <translation>已确认的因子按物料编码记住，供下次导入使用。没有因子的物料也会导入（在补充因子之前按 0 计）。</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>物料编码</translation>
    </message>
    <message>
        <source>Material</source>
        <translation>物料</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>Factor</source>
        <translation>因子</translation>
    </message>
    <message>
        <source>Confidence</source>
        <translation>置信度</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Use suggestion</source>
        <translation>采用建议</translation>
    </message>
    <message>
        <source>Confirm selected</source>
        <translation>确认所选</translation>
    </message>
    <message>
        <source>Confirm all shown factors</source>
        <translation>确认列出的全部因子</translation>
    </message>
    <message>
        <source>No factor</source>
        <translation>不设因子</translation>
    </message>
    <message>
        <source>Suggestions</source>
        <translation>建议</translation>
    </message>
    <message>
        <source>Search the library</source>
        <translation>在因子库中搜索</translation>
    </message>
    <message>
        <source>Matching {0} materials…</source>
        <translation>正在为 {0} 种物料匹配因子…</translation>
    </message>
    <message>
        <source>confirmed</source>
        <translation>已确认</translation>
    </message>
    <message>
        <source>suggested</source>
        <translation>建议</translation>
    </message>
    <message>
        <source>no factor</source>
        <translation>无因子</translation>
    </message>
    <message>
        <source>{0} materials: {1} with a factor ({2} confirmed), {3} without.</source>
        <translation>共 {0} 种物料：{1} 种有因子（{2} 种已确认），{3} 种无因子。</translation>
    </message>
</context>
<context>
    <name>FactorPicker</name>
    <message>
        <source>Type to search factors…</source>
        <translation>输入关键词搜索因子…</translation>
    </message>
</context>
<context>
    <name>FactorSearchModel</name>
    <message>
        <source>Factor</source>
        <translation>因子</translation>
    </message>
    <message>
        <source>per</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>Dataset</source>
        <translation>数据集</translation>
    </message>
    <message>
        <source>ID</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>study</source>
        <translation>本研究</translation>
    </message>
</context>
<context>
    <name>HotspotModel</name>
    <message>
        <source>Line</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>阶段</translation>
    </message>
    <message>
        <source>Share</source>
        <translation>占比</translation>
    </message>
</context>
<context>
    <name>InventoryModel</name>
    <message>
        <source>(value on the line)</source>
        <translation>（本行填写的值）</translation>
    </message>
    <message>
        <source>factor &apos;{0}&apos; is not known</source>
        <translation>未知因子“{0}”</translation>
    </message>
    <message>
        <source>left out of the total until the line&apos;s errors are fixed</source>
        <translation>本行的错误改正前，不计入总量</translation>
    </message>
    <message>
        <source>Edit {0} of line {1}</source>
        <translation>编辑行“{1}”的{0}</translation>
    </message>
</context>
<context>
    <name>LiveCalculator</name>
    <message>
        <source>Calculating</source>
        <translation>正在计算</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>New product</source>
        <translation>新产品</translation>
    </message>
    <message>
        <source>1 piece</source>
        <comment>the declared unit of a new study</comment>
        <translation>1 件</translation>
    </message>
    <message>
        <source>Calculation failed: {0}</source>
        <translation>计算失败：{0}</translation>
    </message>
    <message>
        <source>Calculating…</source>
        <translation>正在计算…</translation>
    </message>
    <message>
        <source>Study settings</source>
        <translation>研究信息</translation>
    </message>
    <message>
        <source>Results</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Live results</source>
        <translation>实时结果</translation>
    </message>
    <message>
        <source>Problems</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>&lt;opened study&gt;</source>
        <translation>&lt;打开时的研究&gt;</translation>
    </message>
    <message>
        <source>Undo history</source>
        <translation>操作历史</translation>
    </message>
    <message>
        <source>&amp;New study</source>
        <translation>新建研究(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Open project or workbook…</source>
        <translation>打开项目或数据表(&amp;O)…</translation>
    </message>
    <message>
        <source>&amp;Export study workbook…</source>
        <translation>导出研究数据表(&amp;E)…</translation>
    </message>
    <message>
        <source>Import &amp;BOM…</source>
        <translation>导入物料清单(&amp;B)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <source>Cu&amp;t</source>
        <translation>剪切(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>复制(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Paste</source>
        <translation>粘贴(&amp;P)</translation>
    </message>
    <message>
        <source>Clear cells</source>
        <translation>清除单元格</translation>
    </message>
    <message>
        <source>&amp;Add line</source>
        <translation>添加行(&amp;A)</translation>
    </message>
    <message>
        <source>Add a line after the current one</source>
        <translation>在当前行之后添加一行</translation>
    </message>
    <message>
        <source>Add c&amp;hild line</source>
        <translation>添加子行(&amp;H)</translation>
    </message>
    <message>
        <source>Add a line inside the current one (sub-assembly)</source>
        <translation>在当前行下添加一行（部件）</translation>
    </message>
    <message>
        <source>&amp;Delete lines</source>
        <translation>删除行(&amp;D)</translation>
    </message>
    <message>
        <source>Delete the selected lines and their sub-lines</source>
        <translation>删除所选行及其子行</translation>
    </message>
    <message>
        <source>D&amp;uplicate lines</source>
        <translation>生成副本(&amp;U)</translation>
    </message>
    <message>
        <source>Make &amp;child of line above</source>
        <translation>设为上一行的子行(&amp;C)</translation>
    </message>
    <message>
        <source>Move up a &amp;level</source>
        <translation>升一级(&amp;L)</translation>
    </message>
    <message>
        <source>Move line u&amp;p</source>
        <translation>上移(&amp;P)</translation>
    </message>
    <message>
        <source>Move line do&amp;wn</source>
        <translation>下移(&amp;W)</translation>
    </message>
    <message>
        <source>&amp;Recalculate</source>
        <translation>重新计算(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>Open &amp;recent</source>
        <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Lines</source>
        <translation>清单行(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>键盘快捷键(&amp;K)</translation>
    </message>
    <message>
        <source>&amp;About PCF Workbench</source>
        <translation>关于产品碳足迹工作台(&amp;A)</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>主工具栏</translation>
    </message>
    <message>
        <source>Open a life-cycle stage to edit its lines</source>
        <translation>请打开一个生命周期阶段以编辑其清单行</translation>
    </message>
    <message>
        <source>Line &apos;{0}&apos; is not in the study any more</source>
        <translation>研究中已没有行“{0}”</translation>
    </message>
    <message>
        <source>This problem is in the file: correct it there and open the file again</source>
        <translation>此问题出在文件中：请在文件中改正后重新打开</translation>
    </message>
    <message>
        <source>{0} lines</source>
        <translation>{0} 行</translation>
    </message>
    <message>
        <source>untitled</source>
        <translation>未命名</translation>
    </message>
    <message>
        <source>PCF Workbench</source>
        <translation>产品碳足迹工作台</translation>
    </message>
    <message>
        <source>Total: –</source>
        <translation>合计：–</translation>
    </message>
    <message>
        <source>Total: {0} kg CO2e</source>
        <translation>合计：{0} kg CO2e</translation>
    </message>
    <message>
        <source>{0} problem(s)</source>
        <translation>{0} 个问题</translation>
    </message>
    <message>
        <source>Up to date</source>
        <translation>已是最新</translation>
    </message>
    <message>
        <source>Problems ({0})</source>
        <translation>问题（{0}）</translation>
    </message>
    <message>
        <source>Discard changes?</source>
        <translation>放弃修改？</translation>
    </message>
    <message>
        <source>The study has changes that are not saved. Discard them?</source>
        <translation>研究有尚未保存的修改。是否放弃？</translation>
    </message>
    <message>
        <source>Open project or study workbook</source>
        <translation>打开项目或研究数据表</translation>
    </message>
    <message>
        <source>Opening</source>
        <translation>正在打开</translation>
    </message>
    <message>
        <source>Reading {0}…</source>
        <translation>正在读取 {0}…</translation>
    </message>
    <message>
        <source>Opening cancelled</source>
        <translation>已取消打开</translation>
    </message>
    <message>
        <source>Opening {0}…</source>
        <translation>正在打开 {0}…</translation>
    </message>
    <message>
        <source>Opened {0}: {1} lines</source>
        <translation>已打开 {0}：{1} 行</translation>
    </message>
    <message>
        <source>{0} could not be opened: {1} problem(s), see the Problems panel</source>
        <translation>无法打开 {0}：{1} 个问题，请查看问题面板</translation>
    </message>
    <message>
        <source>Cannot open the study</source>
        <translation>无法打开研究</translation>
    </message>
    <message>
        <source>Export study workbook</source>
        <translation>导出研究数据表</translation>
    </message>
    <message>
        <source>Exporting</source>
        <translation>正在导出</translation>
    </message>
    <message>
        <source>Writing {0}…</source>
        <translation>正在写入 {0}…</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>导出失败</translation>
    </message>
    <message>
        <source>Exported {0}</source>
        <translation>已导出 {0}</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
    <message>
        <source>Product carbon footprints per ISO 14067 / GB/T 24067, offline.</source>
        <translation>依据 ISO 14067 / GB/T 24067 离线核算产品碳足迹。</translation>
    </message>
    <message>
        <source>Data sources and licences:</source>
        <translation>数据来源与许可：</translation>
    </message>
    <message>
        <source>Font: WenQuanYi Micro Hei, Apache License 2.0.</source>
        <translation>字体：文泉驿微米黑，Apache License 2.0。</translation>
    </message>
    <message>
        <source>About PCF Workbench</source>
        <translation>关于产品碳足迹工作台</translation>
    </message>
    <message>
        <source>The factor library is not available.</source>
        <translation>因子库不可用。</translation>
    </message>
</context>
<context>
    <name>MappingPage</name>
    <message>
        <source>Columns</source>
        <translation>列</translation>
    </message>
    <message>
        <source>Check what each column holds; suggestions come from the header text.</source>
        <translation>请核对每一列的内容；建议根据列标题文字给出。</translation>
    </message>
    <message>
        <source>Column</source>
        <translation>列</translation>
    </message>
    <message>
        <source>Header</source>
        <translation>列标题</translation>
    </message>
    <message>
        <source>Holds</source>
        <translation>内容</translation>
    </message>
    <message>
        <source>Confidence</source>
        <translation>置信度</translation>
    </message>
    <message>
        <source>Examples</source>
        <translation>示例</translation>
    </message>
    <message>
        <source>Header row(s): {0}; data from row {1}.</source>
        <translation>表头行：{0}；数据从第 {1} 行开始。</translation>
    </message>
    <message>
        <source>Two columns are mapped to the same field; keep one.</source>
        <translation>有两列对应到同一字段；请只保留一列。</translation>
    </message>
</context>
<context>
    <name>PreferencesDialog</name>
    <message>
        <source>Preferences</source>
        <translation>首选项</translation>
    </message>
    <message>
        <source>Follow the system language</source>
        <translation>跟随系统语言</translation>
    </message>
    <message>
        <source>The new language is used the next time PCF Workbench starts.</source>
        <translation>新的界面语言将在下次启动产品碳足迹工作台时生效。</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>界面语言</translation>
    </message>
    <message>
        <source>&amp;Preferences…</source>
        <translation>首选项(&amp;P)…</translation>
    </message>
    <message>
        <source>Restart PCF Workbench to use the new language</source>
        <translation>请重新启动产品碳足迹工作台以使用新的界面语言</translation>
    </message>
</context>
<context>
    <name>PreviewDialog</name>
    <message>
        <source>Carbon label draft</source>
        <translation>碳标签草稿</translation>
    </message>
    <message>
        <source>CFP study report</source>
        <translation>产品碳足迹研究报告</translation>
    </message>
    <message>
        <source>A4 sheet</source>
        <translation>A4 整页</translation>
    </message>
    <message>
        <source>Sticker 100 × 70 mm</source>
        <translation>不干胶标签 100 × 70 mm</translation>
    </message>
    <message>
        <source>Sticker 60 × 40 mm</source>
        <translation>不干胶标签 60 × 40 mm</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>文档语言</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>尺寸</translation>
    </message>
    <message>
        <source>Save PDF…</source>
        <translation>保存 PDF…</translation>
    </message>
    <message>
        <source>Print…</source>
        <translation>打印…</translation>
    </message>
    <message>
        <source>Rendering…</source>
        <translation>正在生成…</translation>
    </message>
    <message>
        <source>Rendering PDF</source>
        <translation>生成 PDF</translation>
    </message>
    <message>
        <source>Rendering PDF…</source>
        <translation>正在生成 PDF…</translation>
    </message>
    <message>
        <source>{0} pages (preview of the first {1})</source>
        <translation>共 {0} 页（预览前 {1} 页）</translation>
    </message>
    <message>
        <source>{0} page(s)</source>
        <translation>共 {0} 页</translation>
    </message>
    <message>
        <source>Rendering failed: {0}</source>
        <translation>生成失败：{0}</translation>
    </message>
    <message>
        <source>Save carbon label draft</source>
        <translation>保存碳标签草稿</translation>
    </message>
    <message>
        <source>Save CFP study report</source>
        <translation>保存产品碳足迹研究报告</translation>
    </message>
    <message>
        <source>Saved {0}</source>
        <translation>已保存 {0}</translation>
    </message>
    <message>
        <source>Printing</source>
        <translation>打印</translation>
    </message>
    <message>
        <source>Printing…</source>
        <translation>正在打印…</translation>
    </message>
    <message>
        <source>the printer could not be opened</source>
        <translation>无法打开打印机</translation>
    </message>
    <message>
        <source>Printing failed: {0}</source>
        <translation>打印失败：{0}</translation>
    </message>
</context>
<context>
    <name>PreviewPage</name>
    <message>
        <source>Preview</source>
        <translation>预览</translation>
    </message>
    <message>
        <source>Checking rows…</source>
        <translation>正在检查各行…</translation>
    </message>
    <message>
        <source>{0} rows read; {1} error(s) must be fixed in the file first, {2} warning(s).</source>
        <translation>已读取 {0} 行；{1} 个错误须先在文件中改正，{2} 个警告。</translation>
    </message>
    <message>
        <source>{0} rows read; no errors, {1} warning(s).</source>
        <translation>已读取 {0} 行；没有错误，{1} 个警告。</translation>
    </message>
</context>
<context>
    <name>ProblemsModel</name>
    <message>
        <source>Severity</source>
        <translation>级别</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Sheet</source>
        <translation>工作表</translation>
    </message>
    <message>
        <source>Row</source>
        <translation>行</translation>
    </message>
    <message>
        <source>Column</source>
        <translation>列</translation>
    </message>
    <message>
        <source>Line</source>
        <translation>行号</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>警告</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>错误</translation>
    </message>
</context>
<context>
    <name>ProgressDialogs</name>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Working…</source>
        <translation>正在处理…</translation>
    </message>
</context>
<context>
    <name>ProjectController</name>
    <message>
        <source>&amp;Save project</source>
        <translation>保存项目(&amp;S)</translation>
    </message>
    <message>
        <source>Save project &amp;as…</source>
        <translation>项目另存为(&amp;A)…</translation>
    </message>
    <message>
        <source>&amp;Freeze for certification…</source>
        <translation>冻结以供认证(&amp;F)…</translation>
    </message>
    <message>
        <source>Re&amp;visions…</source>
        <translation>版本(&amp;V)…</translation>
    </message>
    <message>
        <source>Back to the &amp;working revision</source>
        <translation>返回工作版本(&amp;W)</translation>
    </message>
    <message>
        <source>revision {0} (frozen, read-only)</source>
        <translation>版本 {0}（已冻结，只读）</translation>
    </message>
    <message>
        <source>revision {0} (frozen)</source>
        <translation>版本 {0}（已冻结）</translation>
    </message>
    <message>
        <source>revision {0} (working)</source>
        <translation>版本 {0}（工作中）</translation>
    </message>
    <message>
        <source>read-only</source>
        <translation>只读</translation>
    </message>
    <message>
        <source>Project already open</source>
        <translation>项目已被打开</translation>
    </message>
    <message>
        <source>{0} is already open in PCF Workbench by {1}.

Open it read-only?</source>
        <translation>{0} 已由 {1} 在 PCF Workbench 中打开。

以只读方式打开？</translation>
    </message>
    <message>
        <source>Cannot open the revision</source>
        <translation>无法打开该版本</translation>
    </message>
    <message>
        <source>Save project</source>
        <translation>保存项目</translation>
    </message>
    <message>
        <source>Cannot save</source>
        <translation>无法保存</translation>
    </message>
    <message>
        <source>A frozen revision is read-only. Save it under another name to work on a copy.</source>
        <translation>已冻结的版本为只读。请以其他文件名另存，在副本上继续工作。</translation>
    </message>
    <message>
        <source>Saving</source>
        <translation>正在保存</translation>
    </message>
    <message>
        <source>Writing {0}…</source>
        <translation>正在写入 {0}…</translation>
    </message>
    <message>
        <source>Saved {0}</source>
        <translation>已保存 {0}</translation>
    </message>
    <message>
        <source>Saving failed</source>
        <translation>保存失败</translation>
    </message>
    <message>
        <source>Read-only</source>
        <translation>只读</translation>
    </message>
    <message>
        <source>A read-only project cannot be frozen.</source>
        <translation>只读项目无法冻结。</translation>
    </message>
    <message>
        <source>Freeze for certification</source>
        <translation>冻结以供认证</translation>
    </message>
    <message>
        <source>Save the study as a project (.pcfw) first; then freeze it.</source>
        <translation>请先将研究保存为项目（.pcfw），然后再冻结。</translation>
    </message>
    <message>
        <source>Freeze the current state as an immutable revision with a SHA-256 fingerprint? Later edits make a new working revision.</source>
        <translation>将当前状态冻结为带 SHA-256 指纹、不可更改的版本？之后的修改将生成新的工作版本。</translation>
    </message>
    <message>
        <source>Freezing</source>
        <translation>正在冻结</translation>
    </message>
    <message>
        <source>Calculating the revision to freeze…</source>
        <translation>正在计算要冻结的版本…</translation>
    </message>
    <message>
        <source>Frozen</source>
        <translation>已冻结</translation>
    </message>
    <message>
        <source>Revision {0} is frozen.
SHA-256 fingerprint:
{1}</source>
        <translation>版本 {0} 已冻结。
SHA-256 指纹：
{1}</translation>
    </message>
    <message>
        <source>Cannot freeze</source>
        <translation>无法冻结</translation>
    </message>
    <message>
        <source>Revisions</source>
        <translation>版本</translation>
    </message>
    <message>
        <source>Open or save a project (.pcfw) first.</source>
        <translation>请先打开或保存一个项目（.pcfw）。</translation>
    </message>
    <message>
        <source>Autosave</source>
        <translation>自动保存</translation>
    </message>
    <message>
        <source>Autosave failed: {0}</source>
        <translation>自动保存失败：{0}</translation>
    </message>
    <message>
        <source>a study that was never saved</source>
        <translation>从未保存过的研究</translation>
    </message>
    <message>
        <source>{0} ({1}, {2} lines), autosaved {3}</source>
        <translation>{0}（{1}，{2} 行），自动保存于 {3}</translation>
    </message>
    <message>
        <source>Recover unsaved work?</source>
        <translation>恢复未保存的工作？</translation>
    </message>
    <message>
        <source>PCF Workbench did not close properly last time. An autosaved copy is available:

{0}

Recover it? (No deletes the copy.)</source>
        <translation>PCF Workbench 上次未正常关闭。有一份自动保存的副本：

{0}

是否恢复？（选择“否”将删除该副本。）</translation>
    </message>
    <message>
        <source>Cannot recover</source>
        <translation>无法恢复</translation>
    </message>
    <message>
        <source>Recovered {0}</source>
        <translation>已恢复 {0}</translation>
    </message>
</context>
<context>
    <name>QtPrompter</name>
    <message>
        <source>Projects and study workbooks (*.pcfw *.xlsx *.xlsm);;Projects (*.pcfw);;Study workbooks (*.xlsx *.xlsm);;All files (*)</source>
        <translation>项目和研究数据表 (*.pcfw *.xlsx *.xlsm);;项目 (*.pcfw);;研究数据表 (*.xlsx *.xlsm);;所有文件 (*)</translation>
    </message>
    <message>
        <source>BOM files (*.xlsx *.csv *.txt);;All files (*)</source>
        <translation>物料清单文件 (*.xlsx *.csv *.txt);;所有文件 (*)</translation>
    </message>
</context>
<context>
    <name>ReportActions</name>
    <message>
        <source>Carbon &amp;label (PDF)…</source>
        <translation>碳标签草稿（PDF）(&amp;L)…</translation>
    </message>
    <message>
        <source>CFP &amp;report (PDF)…</source>
        <translation>产品碳足迹研究报告（PDF）(&amp;R)…</translation>
    </message>
    <message>
        <source>&amp;Print preview…</source>
        <translation>打印预览(&amp;P)…</translation>
    </message>
    <message>
        <source>Nothing to export</source>
        <translation>没有可导出的内容</translation>
    </message>
    <message>
        <source>The study has no complete, current result. Fix the problems listed and wait for the calculation to finish, then export again.</source>
        <translation>本研究还没有完整的最新计算结果。请先修正问题列表中的问题，等计算完成后再导出。</translation>
    </message>
    <message>
        <source>Saved {0}</source>
        <translation>已保存 {0}</translation>
    </message>
</context>
<context>
    <name>ResultsView</name>
    <message>
        <source>Results</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Product carbon footprint</source>
        <translation>产品碳足迹</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>阶段</translation>
    </message>
    <message>
        <source>Share</source>
        <translation>占比</translation>
    </message>
    <message>
        <source>Click a line to select it in its stage</source>
        <translation>单击某行，可在其所属阶段中定位该行</translation>
    </message>
    <message>
        <source>By life-cycle stage</source>
        <translation>各生命周期阶段</translation>
    </message>
    <message>
        <source>Top 10 hotspots</source>
        <translation>排放热点（前 10 位）</translation>
    </message>
    <message>
        <source>Cannot calculate: {0} problem(s); see the Problems panel.</source>
        <translation>无法计算：{0} 个问题，请查看问题面板。</translation>
    </message>
    <message>
        <source>Partial: {0} line(s) with errors are left out.</source>
        <translation>部分结果：{0} 个有错误的行未计入。</translation>
    </message>
    <message>
        <source>{0} lines</source>
        <translation>{0} 行</translation>
    </message>
</context>
<context>
    <name>ReviewPage</name>
    <message>
        <source>Review</source>
        <translation>核对</translation>
    </message>
    <message>
        <source>The study already holds lines of this BOM. Applying the update: {0}.</source>
        <translation>研究中已有这份物料清单的行。将应用更新：{0}。</translation>
    </message>
    <message>
        <source>{0} lines will be added to {1}.</source>
        <translation>将向“{1}”添加 {0} 行。</translation>
    </message>
    <message>
        <source>Nothing changed since the last import of this BOM.</source>
        <translation>自上次导入这份物料清单以来没有变化。</translation>
    </message>
</context>
<context>
    <name>RevisionsDialog</name>
    <message>
        <source>Revisions</source>
        <translation>版本</translation>
    </message>
    <message>
        <source>Revision</source>
        <translation>版本</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Frozen</source>
        <translation>冻结时间</translation>
    </message>
    <message>
        <source>Total kg CO2e</source>
        <translation>总量 kg CO2e</translation>
    </message>
    <message>
        <source>SHA-256 fingerprint</source>
        <translation>SHA-256 指纹</translation>
    </message>
    <message>
        <source>Open read-only</source>
        <translation>以只读方式打开</translation>
    </message>
    <message>
        <source>Compare</source>
        <translation>比较</translation>
    </message>
    <message>
        <source>Select two revisions, or one to compare with the working state</source>
        <translation>选择两个版本，或选择一个版本与工作状态比较</translation>
    </message>
    <message>
        <source>frozen</source>
        <translation>已冻结</translation>
    </message>
    <message>
        <source>working</source>
        <translation>工作中</translation>
    </message>
    <message>
        <source>revision {0}</source>
        <translation>版本 {0}</translation>
    </message>
    <message>
        <source>the working state</source>
        <translation>工作状态</translation>
    </message>
    <message>
        <source>Revision {0} → {1}</source>
        <translation>版本 {0} → {1}</translation>
    </message>
    <message>
        <source>Total: {0} → {1} kg CO2e ({2})</source>
        <translation>总量：{0} → {1} kg CO2e（{2}）</translation>
    </message>
    <message>
        <source>No differences.</source>
        <translation>没有差异。</translation>
    </message>
    <message>
        <source>Lines</source>
        <translation>清单行</translation>
    </message>
    <message>
        <source>Factors</source>
        <translation>因子</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>added</source>
        <translation>已添加</translation>
    </message>
    <message>
        <source>removed</source>
        <translation>已删除</translation>
    </message>
    <message>
        <source>changed</source>
        <translation>已修改</translation>
    </message>
</context>
<context>
    <name>SourcePage</name>
    <message>
        <source>File and sheet</source>
        <translation>文件和工作表</translation>
    </message>
    <message>
        <source>File: {0}</source>
        <translation>文件：{0}</translation>
    </message>
    <message>
        <source>detect</source>
        <translation>自动识别</translation>
    </message>
    <message>
        <source>Checking the file…</source>
        <translation>正在检查文件…</translation>
    </message>
    <message>
        <source>Sheet</source>
        <translation>工作表</translation>
    </message>
    <message>
        <source>Header row</source>
        <translation>表头行</translation>
    </message>
    <message>
        <source>Import into stage</source>
        <translation>导入到阶段</translation>
    </message>
    <message>
        <source>{0} (hidden)</source>
        <translation>{0}（隐藏）</translation>
    </message>
    <message>
        <source>Every sheet is hidden; choose the BOM sheet.</source>
        <translation>所有工作表均被隐藏；请选择物料清单所在的工作表。</translation>
    </message>
    <message>
        <source>{0} rows read from &apos;{1}&apos;.</source>
        <translation>已从“{1}”读取 {0} 行。</translation>
    </message>
    <message>
        <source>Encoding {0}, separator {1}.</source>
        <translation>编码 {0}，分隔符 {1}。</translation>
    </message>
    <message>
        <source>Numbers use a decimal comma.</source>
        <translation>数字使用逗号作小数点。</translation>
    </message>
</context>
<context>
    <name>StageBarChart</name>
    <message>
        <source>Emissions by life-cycle stage</source>
        <translation>各生命周期阶段的排放</translation>
    </message>
</context>
<context>
    <name>StageEditor</name>
    <message>
        <source>Bill of materials per declared unit. A sub-assembly line has child lines; a child&apos;s quantity is per ONE unit of its parent. Loss is the scrap rate (gross = quantity × (1 + loss)).</source>
        <translation>每声明单位的物料清单。部件行下可有子行，子行数量为每一个上级单位的用量；损耗率：毛用量 = 数量 ×（1+损耗率）。</translation>
    </message>
    <message>
        <source>Energy, water and auxiliary materials used in your plant per declared unit (e.g. allocated electricity in kWh, natural gas in Nm3).</source>
        <translation>每声明单位在工厂内消耗的能源、水和辅料（如分摊的电力 kWh、天然气 Nm3）。</translation>
    </message>
    <message>
        <source>Transport legs: enter the mass carried (product plus packaging) in kg or t, the distance in km and a t·km factor of the transport mode (truck, rail, ship, air). Emissions = t × km × factor.</source>
        <translation>运输段：填写运输质量（产品及包装，kg 或 t）、距离（km）及对应运输方式（公路、铁路、海运、空运）的吨公里因子。排放 = 吨 × 公里 × 因子。</translation>
    </message>
    <message>
        <source>Energy and consumables over the whole service life per declared unit: e.g. 0.2 kWh per use × 3 uses a day × 365 days × 5 years = 1,095 kWh.</source>
        <translation>整个使用寿命内每声明单位的能源和耗材：如 每次 0.2 kWh × 每天 3 次 × 365 天 × 5 年 = 1,095 kWh。</translation>
    </message>
    <message>
        <source>Disposal routes of the product&apos;s mass: one line per route (recycling, incineration, landfill) with the route share in the Route share column; the shares should add up to 100%.</source>
        <translation>产品报废后的处置路径：每种路径一行（回收、焚烧、填埋），在“处置比例”列填写比例，合计应为 100%。</translation>
    </message>
    <message>
        <source>New material</source>
        <translation>新物料</translation>
    </message>
    <message>
        <source>New energy input</source>
        <translation>新能源投入</translation>
    </message>
    <message>
        <source>New transport leg</source>
        <translation>新运输段</translation>
    </message>
    <message>
        <source>New use-phase input</source>
        <translation>新使用阶段投入</translation>
    </message>
    <message>
        <source>New disposal route</source>
        <translation>新处置路径</translation>
    </message>
    <message>
        <source>{0} lines</source>
        <translation>{0} 行</translation>
    </message>
    <message>
        <source>route shares add up to {0}</source>
        <translation>处置比例合计 {0}</translation>
    </message>
    <message>
        <source>Add line</source>
        <translation>添加行</translation>
    </message>
    <message>
        <source>Select the line that gets a child line first</source>
        <translation>请先选择要添加子行的行</translation>
    </message>
    <message>
        <source>Add child line</source>
        <translation>添加子行</translation>
    </message>
    <message>
        <source>Delete {0} line(s)</source>
        <translation>删除 {0} 行</translation>
    </message>
    <message>
        <source>Duplicate line(s)</source>
        <translation>生成副本</translation>
    </message>
    <message>
        <source>Make child line</source>
        <translation>设为子行</translation>
    </message>
    <message>
        <source>Move line up a level</source>
        <translation>升一级</translation>
    </message>
    <message>
        <source>Move line(s) up</source>
        <translation>上移</translation>
    </message>
    <message>
        <source>Move line(s) down</source>
        <translation>下移</translation>
    </message>
    <message>
        <source>Clear cells</source>
        <translation>清除单元格</translation>
    </message>
    <message>
        <source>Copied {0} row(s)</source>
        <translation>已复制 {0} 行</translation>
    </message>
    <message>
        <source>Paste {0} × {1}</source>
        <translation>粘贴 {0} × {1}</translation>
    </message>
    <message>
        <source>{0} cell(s) not pasted: {1}</source>
        <translation>{0} 个单元格未粘贴：{1}</translation>
    </message>
    <message>
        <source>Pasted {0} row(s)</source>
        <translation>已粘贴 {0} 行</translation>
    </message>
</context>
<context>
    <name>StatusTask</name>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>StudySettingsEditor</name>
    <message>
        <source>Study settings</source>
        <translation>研究信息</translation>
    </message>
    <message>
        <source>e.g. 1 piece, 1 kg, 1 kWh</source>
        <translation>如 1 台、1 kg、1 kWh</translation>
    </message>
    <message>
        <source>not set</source>
        <translation>未填写</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>产品名称</translation>
    </message>
    <message>
        <source>Declared unit</source>
        <translation>声明单位</translation>
    </message>
    <message>
        <source>System boundary</source>
        <translation>系统边界</translation>
    </message>
    <message>
        <source>GWP set</source>
        <translation>GWP 版本</translation>
    </message>
    <message>
        <source>Reference year</source>
        <translation>基准年</translation>
    </message>
    <message>
        <source>Company</source>
        <translation>企业名称</translation>
    </message>
    <message>
        <source>Site</source>
        <translation>生产地点</translation>
    </message>
    <message>
        <source>The product name and the declared unit are required</source>
        <translation>产品名称和声明单位为必填项</translation>
    </message>
    <message>
        <source>Change study settings</source>
        <translation>修改研究信息</translation>
    </message>
    <message>
        <source>not saved yet</source>
        <translation>尚未保存</translation>
    </message>
    <message>
        <source>Inventory</source>
        <translation>清单</translation>
    </message>
    <message>
        <source>{0} lines; {1} study factors</source>
        <translation>{0} 行；{1} 个研究因子</translation>
    </message>
    <message>
        <source>File: {0}</source>
        <translation>文件：{0}</translation>
    </message>
</context>
<context>
    <name>core</name>
    <message>
        <source>{path}: no such file</source>
        <comment>file.missing</comment>
        <translation>{path}：文件不存在</translation>
    </message>
    <message>
        <source>{path} is a folder, not a study file</source>
        <comment>file.folder</comment>
        <translation>{path} 是文件夹，不是研究文件</translation>
    </message>
    <message>
        <source>old .xls workbooks are not read; save the file as .xlsx (Excel 2007+)</source>
        <comment>file.xls</comment>
        <translation>不读取旧版 .xls 工作簿；请将文件另存为 .xlsx（Excel 2007 及以上）</translation>
    </message>
    <message>
        <source>unknown study file type &apos;{suffix}&apos;; expected a study workbook (.xlsx) or a project (.pcfw)</source>
        <comment>file.type</comment>
        <translation>未知的研究文件类型“{suffix}”；应为研究数据表（.xlsx）或项目（.pcfw）</translation>
    </message>
    <message>
        <source>cannot write &apos;{suffix}&apos; files; use .xlsx (study workbook) or .pcfw (project)</source>
        <comment>file.write_type</comment>
        <translation>无法写入“{suffix}”文件；请使用 .xlsx（研究数据表）或 .pcfw（项目）</translation>
    </message>
    <message>
        <source>{path}: the template must be an .xlsx file</source>
        <comment>template.type</comment>
        <translation>{path}：模板必须是 .xlsx 文件</translation>
    </message>
    <message>
        <source>{path}: no such folder</source>
        <comment>template.no_folder</comment>
        <translation>{path}：文件夹不存在</translation>
    </message>
    <message>
        <source>no factor library is available</source>
        <comment>factors.unavailable</comment>
        <translation>没有可用的因子库</translation>
    </message>
    <message>
        <source>--limit must be at least 1</source>
        <comment>factors.limit</comment>
        <translation>--limit 至少为 1</translation>
    </message>
    <message>
        <source>no factor with id &apos;{factor_id}&apos;; find ids with &apos;pcf-workbench factors search WORDS&apos;</source>
        <comment>factors.unknown_id</comment>
        <translation>没有编号为“{factor_id}”的因子；可用“pcf-workbench factors search 关键词”查找编号</translation>
    </message>
    <message>
        <source>the unit is empty</source>
        <comment>unit.empty</comment>
        <translation>单位为空</translation>
    </message>
    <message>
        <source>unknown unit &apos;{unit}&apos;; use one of the listed units (e.g. kg, kWh, m3, km, piece, t·km)</source>
        <comment>unit.unknown</comment>
        <translation>未知单位“{unit}”；请使用列出的单位（如 kg、kWh、m3、km、piece、t·km）</translation>
    </message>
    <message>
        <source>unit &apos;{from}&apos; ({from_dimension}) cannot be converted to &apos;{to}&apos; ({to_dimension})</source>
        <comment>unit.mismatch</comment>
        <translation>单位“{from}”（{from_dimension}）不能换算为“{to}”（{to_dimension}）</translation>
    </message>
    <message>
        <source>{hint}</source>
        <comment>unit.ambiguous</comment>
        <translation>{hint}</translation>
    </message>
    <message>
        <source>&apos;ton&apos; is ambiguous (short ton = 907.185 kg or tonne = 1000 kg); write &apos;t&apos; / &apos;吨&apos; for tonnes or &apos;short ton&apos;</source>
        <comment>unit.ambiguous.ton</comment>
        <translation>“ton”有歧义（短吨 = 907.185 kg，公吨 = 1000 kg）；公吨请写“t”或“吨”，短吨请写“short ton”</translation>
    </message>
    <message>
        <source>&apos;tons&apos; is ambiguous (short tons or tonnes); write &apos;t&apos; / &apos;吨&apos; or &apos;short ton&apos;</source>
        <comment>unit.ambiguous.tons</comment>
        <translation>“tons”有歧义（短吨或公吨）；请写“t”/“吨”或“short ton”</translation>
    </message>
    <message>
        <source>&apos;tn&apos; is ambiguous (short ton or tonne); write &apos;t&apos; / &apos;吨&apos; or &apos;short ton&apos;</source>
        <comment>unit.ambiguous.tn</comment>
        <translation>“tn”有歧义（短吨或公吨）；请写“t”/“吨”或“short ton”</translation>
    </message>
    <message>
        <source>&apos;MT&apos; is ambiguous (metric ton or megatonne); write &apos;t&apos; / &apos;吨&apos; for tonnes</source>
        <comment>unit.ambiguous.mt</comment>
        <translation>“MT”有歧义（公吨或百万吨）；公吨请写“t”或“吨”</translation>
    </message>
    <message>
        <source>long tons are not supported; convert to &apos;t&apos; (1 long ton = 1.016047 t)</source>
        <comment>unit.ambiguous.long_ton</comment>
        <translation>不支持长吨；请换算为“t”（1 长吨 = 1.016047 t）</translation>
    </message>
    <message>
        <source>imperial gallons are not supported; convert to &apos;L&apos;</source>
        <comment>unit.ambiguous.uk_gallon</comment>
        <translation>不支持英制加仑；请换算为“L”</translation>
    </message>
    <message>
        <source>calories are ambiguous (thermochemical or IT); convert to &apos;MJ&apos; or &apos;kWh&apos;</source>
        <comment>unit.ambiguous.cal</comment>
        <translation>卡路里有歧义（热化学卡或国际蒸汽表卡）；请换算为“MJ”或“kWh”</translation>
    </message>
    <message>
        <source>kilocalories are ambiguous (thermochemical or IT); convert to &apos;MJ&apos; or &apos;kWh&apos;</source>
        <comment>unit.ambiguous.kcal</comment>
        <translation>千卡有歧义（热化学卡或国际蒸汽表卡）；请换算为“MJ”或“kWh”</translation>
    </message>
    <message>
        <source>&apos;箱&apos; (box) has no fixed size; give the quantity in pieces or in kg</source>
        <comment>unit.ambiguous.box</comment>
        <translation>“箱”没有固定大小；请以件数或 kg 填写数量</translation>
    </message>
    <message>
        <source>&apos;包&apos; (pack) has no fixed size; give the quantity in pieces or in kg</source>
        <comment>unit.ambiguous.pack</comment>
        <translation>“包”没有固定大小；请以件数或 kg 填写数量</translation>
    </message>
    <message>
        <source>&apos;卷&apos; (roll) has no fixed size; give the quantity in m, m2 or kg</source>
        <comment>unit.ambiguous.roll</comment>
        <translation>“卷”没有固定大小；请以 m、m2 或 kg 填写数量</translation>
    </message>
    <message>
        <source>&apos;批&apos; (batch) has no fixed size; give the quantity in pieces or in kg</source>
        <comment>unit.ambiguous.batch</comment>
        <translation>“批”没有固定大小；请以件数或 kg 填写数量</translation>
    </message>
    <message>
        <source>mass</source>
        <comment>dimension.mass</comment>
        <translation>质量</translation>
    </message>
    <message>
        <source>energy</source>
        <comment>dimension.energy</comment>
        <translation>能量</translation>
    </message>
    <message>
        <source>volume</source>
        <comment>dimension.volume</comment>
        <translation>体积</translation>
    </message>
    <message>
        <source>normal volume</source>
        <comment>dimension.normal_volume</comment>
        <translation>标准状态体积</translation>
    </message>
    <message>
        <source>standard volume (scf)</source>
        <comment>dimension.standard_cubic_foot</comment>
        <translation>标准体积（scf）</translation>
    </message>
    <message>
        <source>length</source>
        <comment>dimension.length</comment>
        <translation>长度</translation>
    </message>
    <message>
        <source>area</source>
        <comment>dimension.area</comment>
        <translation>面积</translation>
    </message>
    <message>
        <source>count</source>
        <comment>dimension.count</comment>
        <translation>数量</translation>
    </message>
    <message>
        <source>transport work</source>
        <comment>dimension.transport_work</comment>
        <translation>运输周转量</translation>
    </message>
    <message>
        <source>passenger distance</source>
        <comment>dimension.passenger_distance</comment>
        <translation>旅客周转量</translation>
    </message>
    <message>
        <source>vehicle distance</source>
        <comment>dimension.vehicle_distance</comment>
        <translation>车辆行驶里程</translation>
    </message>
    <message>
        <source>time</source>
        <comment>dimension.time</comment>
        <translation>时间</translation>
    </message>
    <message>
        <source>money (USD)</source>
        <comment>dimension.money_usd</comment>
        <translation>金额（美元）</translation>
    </message>
    <message>
        <source>money (CNY)</source>
        <comment>dimension.money_cny</comment>
        <translation>金额（人民币）</translation>
    </message>
    <message>
        <source>money (EUR)</source>
        <comment>dimension.money_eur</comment>
        <translation>金额（欧元）</translation>
    </message>
    <message>
        <source>money (GBP)</source>
        <comment>dimension.money_gbp</comment>
        <translation>金额（英镑）</translation>
    </message>
    <message>
        <source>expected a number, the cell is empty</source>
        <comment>number.empty</comment>
        <translation>应为数字，但单元格为空</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; uses a decimal comma; write it with a decimal point (e.g. {suggestion})</source>
        <comment>number.decimal_comma</comment>
        <translation>“{text}”使用了小数逗号；请用小数点书写（如 {suggestion}）</translation>
    </message>
    <message>
        <source>expected a number, got &apos;{text}&apos;</source>
        <comment>number.invalid</comment>
        <translation>应为数字，实际为“{text}”</translation>
    </message>
    <message>
        <source>expected a number, got {value}</source>
        <comment>number.not_finite</comment>
        <translation>应为数字，实际为 {value}</translation>
    </message>
    <message>
        <source>expected a finite number, got &apos;{text}&apos;</source>
        <comment>number.not_finite_text</comment>
        <translation>应为有限数值，实际为“{text}”</translation>
    </message>
    <message>
        <source>expected a number, got the logical value {text}</source>
        <comment>number.logical</comment>
        <translation>应为数字，实际为逻辑值 {text}</translation>
    </message>
    <message>
        <source>expected a number, got a date/time ({text}); format the cell as a number</source>
        <comment>number.date</comment>
        <translation>应为数字，实际为日期/时间（{text}）；请将单元格格式设为数字</translation>
    </message>
    <message>
        <source>no {report} GWP100 value for gas &apos;{gas}&apos;</source>
        <comment>gwp.unknown_gas</comment>
        <translation>{report} 中没有气体“{gas}”的 GWP100 值</translation>
    </message>
    <message>
        <source>duplicate line id &apos;{line_id}&apos;{first}</source>
        <comment>line.duplicate_id</comment>
        <translation>行号“{line_id}”重复{first}</translation>
    </message>
    <message>
        <source> (first at row {row})</source>
        <comment>line.first_at_row</comment>
        <translation>（首次出现在第 {row} 行）</translation>
    </message>
    <message>
        <source>parent &apos;{parent}&apos; does not exist</source>
        <comment>line.missing_parent</comment>
        <translation>上级行“{parent}”不存在</translation>
    </message>
    <message>
        <source>a line cannot be its own parent</source>
        <comment>line.own_parent</comment>
        <translation>一行不能是自己的上级行</translation>
    </message>
    <message>
        <source>parent loop: {ids}</source>
        <comment>line.loop</comment>
        <translation>上级行形成循环：{ids}</translation>
    </message>
    <message>
        <source>quantity must be a number ≥ 0, got {value}</source>
        <comment>line.quantity</comment>
        <translation>数量必须是 ≥ 0 的数字，实际为 {value}</translation>
    </message>
    <message>
        <source>loss rate must be ≥ 0, got {value}</source>
        <comment>line.loss_rate</comment>
        <translation>损耗率必须 ≥ 0，实际为 {value}</translation>
    </message>
    <message>
        <source>distance must be ≥ 0 km, got {value}</source>
        <comment>line.distance</comment>
        <translation>运输距离必须 ≥ 0 km，实际为 {value}</translation>
    </message>
    <message>
        <source>factor value must be ≥ 0, got {value}</source>
        <comment>line.factor_value</comment>
        <translation>因子值必须 ≥ 0，实际为 {value}</translation>
    </message>
    <message>
        <source>allocation must be in (0, 1], got {value}</source>
        <comment>line.allocation</comment>
        <translation>分配比例必须在 (0, 1] 之间，实际为 {value}</translation>
    </message>
    <message>
        <source>line &apos;{line_id}&apos;: {detail}</source>
        <comment>line.unit</comment>
        <translation>行“{line_id}”：{detail}</translation>
    </message>
    <message>
        <source>factor_value needs a factor_unit</source>
        <comment>line.factor_unit</comment>
        <translation>填写了因子值（factor_value）时必须填写因子单位（factor_unit）</translation>
    </message>
    <message>
        <source>factor &apos;{factor_id}&apos; is not in the factor library or the study&apos;s Factors sheet</source>
        <comment>line.unknown_factor</comment>
        <translation>因子“{factor_id}”既不在因子库中，也不在本研究的“因子”工作表中</translation>
    </message>
    <message>
        <source>line &apos;{line_id}&apos; (&apos;{name}&apos;) has no emission factor and counts as 0</source>
        <comment>line.no_factor</comment>
        <translation>行“{line_id}”（“{name}”）没有排放因子，按 0 计</translation>
    </message>
    <message>
        <source>a top-level line needs a stage</source>
        <comment>line.missing_stage</comment>
        <translation>顶层行必须填写生命周期阶段</translation>
    </message>
    <message>
        <source>line &apos;{line_id}&apos;: quantity unit &apos;{unit}&apos; ({unit_dimension}) does not measure the same thing as the factor&apos;s unit &apos;{factor_unit}&apos; ({factor_dimension})</source>
        <comment>line.unit_mismatch</comment>
        <translation>行“{line_id}”：数量单位“{unit}”（{unit_dimension}）与因子单位“{factor_unit}”（{factor_dimension}）计量的不是同一种量</translation>
    </message>
    <message>
        <source>line &apos;{line_id}&apos; is a transport leg (it has distance_km), so its quantity must be a mass (kg, t …) to give t·km; got &apos;{unit}&apos; ({unit_dimension})</source>
        <comment>line.transport_unit</comment>
        <translation>行“{line_id}”是运输段（填写了运输距离 distance_km），其数量必须是质量（kg、t …）才能得到 t·km；实际为“{unit}”（{unit_dimension}）</translation>
    </message>
    <message>
        <source>line &apos;{line_id}&apos; is a transport leg, so its factor must be per t·km (or another transport-work unit); the factor is per &apos;{factor_unit}&apos;</source>
        <comment>line.transport_factor_unit</comment>
        <translation>行“{line_id}”是运输段，其因子必须以 t·km（或其他运输周转量单位）计；该因子的单位为“{factor_unit}”</translation>
    </message>
    <message>
        <source>is password-protected (an encrypted Office file); open it in Excel, remove the password (File &gt; Info &gt; Protect Workbook) and save it as .xlsx</source>
        <comment>xlsx_encrypted</comment>
        <translation>受密码保护（加密的 Office 文件）；请在 Excel 中打开，取消密码（文件 &gt; 信息 &gt; 保护工作簿）后另存为 .xlsx</translation>
    </message>
    <message>
        <source>is an old-format Excel file (.xls), not an .xlsx workbook; open it in Excel and save it as .xlsx</source>
        <comment>xlsx_old_xls</comment>
        <translation>是旧版 Excel 文件（.xls），不是 .xlsx 工作簿；请在 Excel 中打开并另存为 .xlsx</translation>
    </message>
    <message>
        <source>is a damaged or incomplete .xlsx (the zip archive is truncated); copy or download it again</source>
        <comment>xlsx_truncated</comment>
        <translation>是损坏或不完整的 .xlsx（zip 压缩包被截断）；请重新复制或下载</translation>
    </message>
    <message>
        <source>is not an .xlsx workbook (not a zip archive); if it is an old .xls or a CSV, save it as .xlsx</source>
        <comment>xlsx_not_zip</comment>
        <translation>不是 .xlsx 工作簿（不是 zip 压缩包）；如果是旧版 .xls 或 CSV 文件，请另存为 .xlsx</translation>
    </message>
    <message>
        <source>holds {members} zip members (limit {limit}); refused as a possible zip bomb</source>
        <comment>xlsx_too_many_members</comment>
        <translation>包含 {members} 个 zip 成员（上限 {limit}）；疑似 zip 炸弹，已拒绝</translation>
    </message>
    <message>
        <source>holds the zip member &apos;{name}&apos; twice; refused</source>
        <comment>xlsx_duplicate_member</comment>
        <translation>zip 成员“{name}”出现两次；已拒绝</translation>
    </message>
    <message>
        <source>is a password-protected zip archive; save it again as a plain .xlsx</source>
        <comment>xlsx_encrypted_zip</comment>
        <translation>是受密码保护的 zip 压缩包；请另存为普通 .xlsx</translation>
    </message>
    <message>
        <source>uses an unsupported compression method for &apos;{name}&apos;; open it in Excel and save it again</source>
        <comment>xlsx_compression</comment>
        <translation>“{name}”使用了不支持的压缩方式；请在 Excel 中打开并重新保存</translation>
    </message>
    <message>
        <source>would decompress to more than {limit_mb} MB; refused as a zip bomb</source>
        <comment>xlsx_zip_bomb</comment>
        <translation>解压后将超过 {limit_mb} MB；疑似 zip 炸弹，已拒绝</translation>
    </message>
    <message>
        <source>part &apos;{name}&apos; declares {size} bytes uncompressed (limit {limit}); refused as a zip bomb</source>
        <comment>xlsx_zip_bomb_part</comment>
        <translation>部件“{name}”声明解压后为 {size} 字节（上限 {limit}）；疑似 zip 炸弹，已拒绝</translation>
    </message>
    <message>
        <source>part &apos;{name}&apos; is compressed {ratio}:1 (limit {limit}:1); refused as a zip bomb</source>
        <comment>xlsx_zip_bomb_ratio</comment>
        <translation>部件“{name}”的压缩比为 {ratio}:1（上限 {limit}:1）；疑似 zip 炸弹，已拒绝</translation>
    </message>
    <message>
        <source>part &apos;{name}&apos; declares {size} bytes but holds {packed} compressed; refused (forged zip header)</source>
        <comment>xlsx_forged_size</comment>
        <translation>部件“{name}”声明为 {size} 字节，但压缩数据有 {packed} 字节；已拒绝（zip 文件头被伪造）</translation>
    </message>
    <message>
        <source>is damaged (bad zip entry for &apos;{name}&apos;); copy it again</source>
        <comment>xlsx_bad_entry</comment>
        <translation>已损坏（“{name}”的 zip 条目有误）；请重新复制</translation>
    </message>
    <message>
        <source>is damaged (&apos;{name}&apos; is cut short); copy it again</source>
        <comment>xlsx_cut_short</comment>
        <translation>已损坏（“{name}”不完整）；请重新复制</translation>
    </message>
    <message>
        <source>part &apos;{name}&apos; inflates past its declared {size} bytes; refused (forged zip header / zip bomb)</source>
        <comment>xlsx_inflates_past</comment>
        <translation>部件“{name}”解压后超过其声明的 {size} 字节；已拒绝（zip 文件头被伪造 / zip 炸弹）</translation>
    </message>
    <message>
        <source>part &apos;{part}&apos; contains an XML DTD (entity declarations: billion-laughs or external-entity attack); refused. Re-save the file from Excel.</source>
        <comment>xlsx_xml_dtd</comment>
        <translation>部件“{part}”包含 XML DTD（实体声明：“十亿笑”或外部实体攻击）；已拒绝。请用 Excel 重新保存该文件。</translation>
    </message>
    <message>
        <source>part &apos;{part}&apos; has no XML element in its first {limit} bytes; refused</source>
        <comment>xlsx_xml_prolog</comment>
        <translation>部件“{part}”的前 {limit} 字节中没有 XML 元素；已拒绝</translation>
    </message>
    <message>
        <source>part &apos;{part}&apos; contains an XML DTD or entity ({kind}); refused</source>
        <comment>xlsx_xml_entity</comment>
        <translation>部件“{part}”包含 XML DTD 或实体（{kind}）；已拒绝</translation>
    </message>
    <message>
        <source>is damaged: part &apos;{part}&apos; is not valid XML ({reason}); save it again from Excel</source>
        <comment>xlsx_bad_xml</comment>
        <translation>已损坏：部件“{part}”不是有效的 XML（{reason}）；请用 Excel 重新保存</translation>
    </message>
    <message>
        <source>is a binary workbook (.xlsb); open it in Excel and save it as .xlsx</source>
        <comment>xlsx_xlsb</comment>
        <translation>是二进制工作簿（.xlsb）；请在 Excel 中打开并另存为 .xlsx</translation>
    </message>
    <message>
        <source>is a zip archive but not an Excel workbook (no xl/workbook.xml); save it as .xlsx</source>
        <comment>xlsx_no_workbook</comment>
        <translation>是 zip 压缩包，但不是 Excel 工作簿（缺少 xl/workbook.xml）；请另存为 .xlsx</translation>
    </message>
    <message>
        <source>is damaged: sheet &apos;{sheet}&apos; has no data part; save it again from Excel</source>
        <comment>xlsx_no_sheet_part</comment>
        <translation>已损坏：工作表“{sheet}”没有数据部件；请用 Excel 重新保存</translation>
    </message>
    <message>
        <source>has no sheets; save it again from Excel</source>
        <comment>xlsx_no_sheets</comment>
        <translation>没有工作表；请用 Excel 重新保存</translation>
    </message>
    <message>
        <source>was not found (or is not a file)</source>
        <comment>file_not_found</comment>
        <translation>未找到（或不是文件）</translation>
    </message>
    <message>
        <source>is empty (0 bytes); copy it again</source>
        <comment>xlsx_empty</comment>
        <translation>为空（0 字节）；请重新复制</translation>
    </message>
    <message>
        <source>is {size_mb} MB (limit {limit_mb} MB); split it or remove unused sheets</source>
        <comment>xlsx_too_large</comment>
        <translation>大小为 {size_mb} MB（上限 {limit_mb} MB）；请拆分文件或删除未使用的工作表</translation>
    </message>
    <message>
        <source>is a damaged .xlsx ({reason}); copy it again or re-save it from Excel</source>
        <comment>xlsx_damaged</comment>
        <translation>是损坏的 .xlsx（{reason}）；请重新复制，或用 Excel 重新保存</translation>
    </message>
    <message>
        <source>is damaged: part &apos;{part}&apos; is missing</source>
        <comment>xlsx_part_missing</comment>
        <translation>已损坏：缺少部件“{part}”</translation>
    </message>
    <message>
        <source>has a single XML element larger than {limit_mb} MB; refused</source>
        <comment>xlsx_huge_cell</comment>
        <translation>单个 XML 元素大于 {limit_mb} MB；已拒绝</translation>
    </message>
    <message>
        <source>has cells spanning {ref} ({cells} cells, limit {limit}); refused. Delete the stray far-away cells and save again.</source>
        <comment>xlsx_huge_extent</comment>
        <translation>单元格范围为 {ref}（{cells} 个单元格，上限 {limit}）；已拒绝。请删除远处零散的单元格后重新保存。</translation>
    </message>
    <message>
        <source>has a cell or row tag that readers read differently ({tag}: a second r= reference in a cell, or &apos;&lt;&apos; or &apos;&gt;&apos; inside an attribute value); refused. Save it again from Excel.</source>
        <comment>xlsx_ambiguous_cell</comment>
        <translation>含有不同读取程序会读成不同结果的单元格或行标记（{tag}：单元格中的第二个 r= 引用，或属性值中含 &apos;&lt;&apos; 或 &apos;&gt;&apos;）；已拒绝。请在 Excel 中重新保存。</translation>
    </message>
    <message>
        <source>claims {ref} ({cells} cells, limit {limit}); refused. Copy the data into a new sheet and save again.</source>
        <comment>xlsx_huge_dimension</comment>
        <translation>声明的范围为 {ref}（{cells} 个单元格，上限 {limit}）；已拒绝。请将数据复制到新工作表后重新保存。</translation>
    </message>
    <message>
        <source>merges {ref} ({cells} cells; merged total limit {limit}); refused. Unmerge the cells and save again.</source>
        <comment>xlsx_huge_merge</comment>
        <translation>合并了 {ref}（{cells} 个单元格；合并单元格总数上限 {limit}）；已拒绝。请取消合并后重新保存。</translation>
    </message>
    <message>
        <source>two sheets could be the {en} / {zh} sheet: {sheets}; keep one</source>
        <comment>workbook.duplicate_sheet</comment>
        <translation>有两个工作表都可能是“{en} / {zh}”工作表：{sheets}；请只保留一个</translation>
    </message>
    <message>
        <source>sheet &apos;{sheet}&apos; is hidden; unhide it (right-click a sheet tab → Unhide) so that what is calculated is what people see</source>
        <comment>workbook.hidden_sheet</comment>
        <translation>工作表“{sheet}”被隐藏；请取消隐藏（右键单击工作表标签 → 取消隐藏），使参与计算的内容与看到的一致</translation>
    </message>
    <message>
        <source>the workbook has no &apos;{en}&apos; / &apos;{zh}&apos; sheet (sheets found: {found})</source>
        <comment>workbook.missing_sheet</comment>
        <translation>工作簿中没有“{en}”/“{zh}”工作表（现有工作表：{found}）</translation>
    </message>
    <message>
        <source>the Study sheet could not be read</source>
        <comment>workbook.study_unreadable</comment>
        <translation>无法读取“研究信息”工作表</translation>
    </message>
    <message>
        <source>the workbook cannot be read: {reason}</source>
        <comment>workbook.unreadable</comment>
        <translation>无法读取工作簿：{reason}</translation>
    </message>
    <message>
        <source>&apos;{key}&apos; is given twice (also in row {first_row})</source>
        <comment>study.duplicate_key</comment>
        <translation>“{key}”填写了两次（另见第 {first_row} 行）</translation>
    </message>
    <message>
        <source>&apos;{key}&apos; ({zh}) is required: {help_en}</source>
        <comment>study.missing</comment>
        <translation>“{key}”（{zh}）为必填项：{help_zh}</translation>
    </message>
    <message>
        <source>expected a year such as 2024, got &apos;{text}&apos;</source>
        <comment>study.year_invalid</comment>
        <translation>应为年份（如 2024），实际为“{text}”</translation>
    </message>
    <message>
        <source>reference_year: {detail}</source>
        <comment>study.reference_year</comment>
        <translation>基准年（reference_year）：{detail}</translation>
    </message>
    <message>
        <source>{key}: expected {expected}, got &apos;{text}&apos;</source>
        <comment>study.choice</comment>
        <translation>{key}：应为 {expected}，实际为“{text}”</translation>
    </message>
    <message>
        <source>the sheet is empty; row 1 must hold the column headers</source>
        <comment>sheet.empty</comment>
        <translation>工作表为空；第 1 行必须是列标题</translation>
    </message>
    <message>
        <source>two columns are &apos;{key}&apos;: {first} and {second}</source>
        <comment>sheet.duplicate_column</comment>
        <translation>有两列都是“{key}”：{first} 列和 {second} 列</translation>
    </message>
    <message>
        <source>missing column &apos;{key}&apos; ({zh}); row 1 must hold the headers</source>
        <comment>sheet.missing_column</comment>
        <translation>缺少“{key}”（{zh}）列；第 1 行必须是列标题</translation>
    </message>
    <message>
        <source>the inventory has no lines</source>
        <comment>inventory.empty</comment>
        <translation>清单中没有任何行</translation>
    </message>
    <message>
        <source>formula without a cached value (the file was saved by a program that does not calculate); open and save it in Excel, WPS or LibreOffice, or type the value</source>
        <comment>cell.uncached_formula</comment>
        <translation>公式没有缓存值（文件由不计算公式的程序保存）；请用 Excel、WPS 或 LibreOffice 打开并保存，或直接填写数值</translation>
    </message>
    <message>
        <source>{column} is required</source>
        <comment>cell.required</comment>
        <translation>{column} 为必填项</translation>
    </message>
    <message>
        <source>{column} is required (a number)</source>
        <comment>cell.required_number</comment>
        <translation>{column} 为必填项（数字）</translation>
    </message>
    <message>
        <source>unknown stage &apos;{text}&apos;; expected raw_materials, production, distribution, use or end_of_life (原材料获取、生产制造、分销运输、使用、废弃处置)</source>
        <comment>cell.stage</comment>
        <translation>未知阶段“{text}”；应为 raw_materials、production、distribution、use 或 end_of_life（原材料获取、生产制造、分销运输、使用、废弃处置）</translation>
    </message>
    <message>
        <source>a top-level line needs a stage (raw_materials, production, distribution, use, end_of_life / 原材料获取、生产制造、分销运输、使用、废弃处置)</source>
        <comment>cell.stage_required</comment>
        <translation>顶层行必须填写阶段（raw_materials、production、distribution、use、end_of_life / 原材料获取、生产制造、分销运输、使用、废弃处置）</translation>
    </message>
    <message>
        <source>loss rate {value} is ambiguous; write 5% or 0.05 (or {value}00% if you really mean it)</source>
        <comment>cell.loss_rate_ambiguous</comment>
        <translation>损耗率 {value} 有歧义；请写 5% 或 0.05（如确实如此，请写 {value}00%）</translation>
    </message>
    <message>
        <source>factor_unit is required when factor_value is given</source>
        <comment>cell.factor_unit_required</comment>
        <translation>填写了因子值（factor_value）时必须填写因子单位（factor_unit）</translation>
    </message>
    <message>
        <source>allocation must be in (0, 1] (e.g. 0.6 or 60%), got {value}</source>
        <comment>cell.allocation</comment>
        <translation>分配比例必须在 (0, 1] 之间（如 0.6 或 60%），实际为 {value}</translation>
    </message>
    <message>
        <source>data_type must be primary / 初级 or secondary / 次级, got &apos;{text}&apos;</source>
        <comment>cell.data_type</comment>
        <translation>数据类型（data_type）必须是 primary / 初级 或 secondary / 次级，实际为“{text}”</translation>
    </message>
    <message>
        <source>duplicate factor_id &apos;{factor_id}&apos; (first in row {first_row})</source>
        <comment>cell.duplicate_factor</comment>
        <translation>因子编号（factor_id）“{factor_id}”重复（首次出现在第 {first_row} 行）</translation>
    </message>
    <message>
        <source>cannot read the file: {reason}</source>
        <comment>import.unreadable</comment>
        <translation>无法读取文件：{reason}</translation>
    </message>
    <message>
        <source>the file is {size_mb} MB; user factor files are limited to {limit_mb} MB</source>
        <comment>import.too_big</comment>
        <translation>文件大小为 {size_mb} MB；用户因子文件不得超过 {limit_mb} MB</translation>
    </message>
    <message>
        <source>not a valid .xlsx file (not a zip archive)</source>
        <comment>import.not_zip</comment>
        <translation>不是有效的 .xlsx 文件（不是 zip 压缩包）</translation>
    </message>
    <message>
        <source>the workbook inflates to an absurd size; refused</source>
        <comment>import.zip_bomb</comment>
        <translation>工作簿解压后大得离谱；已拒绝</translation>
    </message>
    <message>
        <source>user factors are imported from .xlsx or .csv files</source>
        <comment>import.type</comment>
        <translation>用户因子只能从 .xlsx 或 .csv 文件导入</translation>
    </message>
    <message>
        <source>cannot read the workbook: {reason}</source>
        <comment>import.bad_xlsx</comment>
        <translation>无法读取工作簿：{reason}</translation>
    </message>
    <message>
        <source>the file is empty</source>
        <comment>import.empty</comment>
        <translation>文件为空</translation>
    </message>
    <message>
        <source>the file has a header but no factor rows</source>
        <comment>import.no_rows</comment>
        <translation>文件只有标题行，没有因子数据行</translation>
    </message>
    <message>
        <source>more than {max_rows} rows; split the file</source>
        <comment>import.too_many_rows</comment>
        <translation>超过 {max_rows} 行；请拆分文件</translation>
    </message>
    <message>
        <source>factor id &apos;{factor_id}&apos; repeats row {first_row}</source>
        <comment>import.duplicate_id</comment>
        <translation>因子编号“{factor_id}”与第 {first_row} 行重复</translation>
    </message>
    <message>
        <source>missing column(s) {columns}; the header row needs name/名称, value/因子值, unit/单位 and source/数据来源</source>
        <comment>import.columns</comment>
        <translation>缺少列：{columns}；标题行须包含 name/名称、value/因子值、unit/单位 和 source/数据来源</translation>
    </message>
    <message>
        <source>year must be a whole number, got {year}</source>
        <comment>import.year</comment>
        <translation>年份必须是整数，实际为 {year}</translation>
    </message>
    <message>
        <source>factor id is empty, has spaces or quotes, or is longer than 120 characters</source>
        <comment>user_factor.id</comment>
        <translation>因子编号为空、含空格或引号，或超过 120 个字符</translation>
    </message>
    <message>
        <source>name is required</source>
        <comment>user_factor.name</comment>
        <translation>名称为必填项</translation>
    </message>
    <message>
        <source>value must be a number ≥ 0 (kg CO2e per unit), got {value}</source>
        <comment>user_factor.value</comment>
        <translation>因子值必须是 ≥ 0 的数字（kg CO2e/单位），实际为 {value}</translation>
    </message>
    <message>
        <source>source is required: say where the value comes from (supplier, report, EPD …)</source>
        <comment>user_factor.source</comment>
        <translation>数据来源为必填项：请说明数值出处（供应商、报告、EPD …）</translation>
    </message>
    <message>
        <source>GWP basis must be one of {bases} or empty, got &apos;{basis}&apos;</source>
        <comment>user_factor.gwp_basis</comment>
        <translation>GWP 基准必须是 {bases} 之一或留空，实际为“{basis}”</translation>
    </message>
    <message>
        <source>unknown gas &apos;{gas}&apos; (use {gases})</source>
        <comment>user_factor.gas</comment>
        <translation>未知气体“{gas}”（可用：{gases}）</translation>
    </message>
    <message>
        <source>gas mass must be a number ≥ 0 kg per unit, got {mass}</source>
        <comment>user_factor.gas_mass</comment>
        <translation>气体质量必须是 ≥ 0 的数字（kg/单位），实际为 {mass}</translation>
    </message>
    <message>
        <source>year must be between 1900 and 2100, got {year}</source>
        <comment>user_factor.year</comment>
        <translation>年份必须在 1900 到 2100 之间，实际为 {year}</translation>
    </message>
    <message>
        <source>user factor &apos;{factor_id}&apos; already exists</source>
        <comment>user_factor.exists</comment>
        <translation>用户因子“{factor_id}”已存在</translation>
    </message>
    <message>
        <source>user factor &apos;{factor_id}&apos; does not exist</source>
        <comment>user_factor.missing</comment>
        <translation>用户因子“{factor_id}”不存在</translation>
    </message>
    <message>
        <source>&apos;{factor_id}&apos; is a bundled factor and read-only</source>
        <comment>factor.read_only</comment>
        <translation>“{factor_id}”是内置因子，只读</translation>
    </message>
    <message>
        <source>nothing to export: give at least one of {options}</source>
        <comment>export.no_output</comment>
        <translation>没有可导出的内容：请至少给出 {options} 中的一项</translation>
    </message>
    <message>
        <source>{what} must be a {suffixes} file</source>
        <comment>export.target_type</comment>
        <translation>{what}必须是 {suffixes} 文件</translation>
    </message>
    <message>
        <source>this is a folder, not a file</source>
        <comment>export.target_is_folder</comment>
        <translation>这是一个文件夹，不是文件</translation>
    </message>
    <message>
        <source>no such folder: {folder}</source>
        <comment>export.no_folder</comment>
        <translation>文件夹不存在：{folder}</translation>
    </message>
    <message>
        <source>this would overwrite the study itself; choose another file</source>
        <comment>export.target_is_study</comment>
        <translation>这会覆盖研究文件本身；请选择其他文件</translation>
    </message>
    <message>
        <source>cannot write the file: {reason}</source>
        <comment>export.write_failed</comment>
        <translation>无法写入文件：{reason}</translation>
    </message>
    <message>
        <source>the Excel inventory</source>
        <comment>export.what.excel</comment>
        <translation>Excel 清单</translation>
    </message>
    <message>
        <source>the carbon-label draft</source>
        <comment>export.what.label</comment>
        <translation>碳标识草稿</translation>
    </message>
    <message>
        <source>the CFP study report</source>
        <comment>export.what.report</comment>
        <translation>产品碳足迹研究报告</translation>
    </message>
    <message>
        <source>{first} and {second} name the same file; write each output to its own file</source>
        <comment>export.same_target</comment>
        <translation>{first} 与 {second} 指向同一个文件；请为每项输出指定各自的文件</translation>
    </message>
    <message>
        <source>a text of {length} characters does not fit in an Excel cell (at most {limit}): {start}…</source>
        <comment>export.text_too_long</comment>
        <translation>长度为 {length} 个字符的文本放不进一个 Excel 单元格（最多 {limit} 个字符）：{start}…</translation>
    </message>
    <message>
        <source>a number in the export is not finite ({value}); check very large quantities or factors</source>
        <comment>export.not_finite</comment>
        <translation>导出中有一个数不是有限数（{value}）；请检查过大的数量或排放因子</translation>
    </message>
    <message>
        <source>{lines} lines do not fit in one Excel sheet (at most {limit})</source>
        <comment>export.too_many_lines</comment>
        <translation>{lines} 行放不进一个 Excel 工作表（最多 {limit} 行）</translation>
    </message>
    <message>
        <source>old .xls workbooks are not read; open the export in Excel or WPS and save it as .xlsx</source>
        <comment>bom.xls</comment>
        <translation>不读取旧版 .xls 工作簿；请在 Excel 或 WPS 中打开导出文件并另存为 .xlsx</translation>
    </message>
    <message>
        <source>unknown BOM file type &apos;{suffix}&apos;; expected an Excel workbook (.xlsx) or a CSV file (.csv)</source>
        <comment>bom.file_type</comment>
        <translation>未知的物料清单文件类型“{suffix}”；应为 Excel 工作簿（.xlsx）或 CSV 文件（.csv）</translation>
    </message>
    <message>
        <source>{path} is a folder, not a BOM file</source>
        <comment>bom.folder</comment>
        <translation>{path} 是文件夹，不是物料清单文件</translation>
    </message>
    <message>
        <source>the CSV file is {size_mb} MB; BOM files are limited to {limit_mb} MB</source>
        <comment>bom.csv_too_big</comment>
        <translation>CSV 文件大小为 {size_mb} MB；物料清单文件上限为 {limit_mb} MB</translation>
    </message>
    <message>
        <source>the file holds NUL bytes but is not UTF-16 text; is it really a CSV export?</source>
        <comment>bom.csv_binary</comment>
        <translation>文件含有 NUL 字节，但不是 UTF-16 文本；它真的是 CSV 导出文件吗？</translation>
    </message>
    <message>
        <source>the CSV is neither UTF-8, UTF-16 nor GBK/GB18030 text (bad byte at position {position}); save it again as &apos;CSV UTF-8&apos;</source>
        <comment>bom.csv_encoding</comment>
        <translation>该 CSV 既不是 UTF-8、UTF-16，也不是 GBK/GB18030 文本（位置 {position} 处有无效字节）；请另存为“CSV UTF-8”</translation>
    </message>
    <message>
        <source>the CSV says it is {encoding} but is not valid {encoding} (bad byte at position {position}); save it again as &apos;CSV UTF-8&apos;</source>
        <comment>bom.csv_bad_encoding</comment>
        <translation>该 CSV 声明为 {encoding}，但不是有效的 {encoding}（位置 {position} 处有无效字节）；请另存为“CSV UTF-8”</translation>
    </message>
    <message>
        <source>the CSV has more than {rows} rows</source>
        <comment>bom.csv_too_many_rows</comment>
        <translation>CSV 超过 {rows} 行</translation>
    </message>
    <message>
        <source>row {row} has {fields} fields (limit {limit})</source>
        <comment>bom.csv_too_many_columns</comment>
        <translation>第 {row} 行有 {fields} 个字段（上限 {limit}）</translation>
    </message>
    <message>
        <source>the CSV cannot be split into fields near row {row}: {reason}</source>
        <comment>bom.csv_malformed</comment>
        <translation>CSV 在第 {row} 行附近无法拆分为字段：{reason}</translation>
    </message>
    <message>
        <source>every sheet of the workbook is hidden; unhide the BOM sheet or name it explicitly</source>
        <comment>bom.all_hidden</comment>
        <translation>工作簿的所有工作表均被隐藏；请取消隐藏物料清单工作表，或明确指定工作表</translation>
    </message>
    <message>
        <source>the workbook has no sheet &apos;{sheet}&apos; (sheets: {sheets})</source>
        <comment>bom.no_such_sheet</comment>
        <translation>工作簿中没有工作表“{sheet}”（现有工作表：{sheets}）</translation>
    </message>
    <message>
        <source>sheet &apos;{sheet}&apos; is hidden; check that it is the BOM you mean to import</source>
        <comment>bom.hidden_sheet</comment>
        <translation>工作表“{sheet}”被隐藏；请确认它就是要导入的物料清单</translation>
    </message>
    <message>
        <source>{count} formulas have no cached value (only the first {located} are located); open and save the file in Excel, WPS or LibreOffice</source>
        <comment>bom.many_uncached</comment>
        <translation>{count} 个公式没有缓存值（只定位了前 {located} 个）；请在 Excel、WPS 或 LibreOffice 中打开并保存该文件</translation>
    </message>
    <message>
        <source>no header row found in the first rows (expected column names such as 物料编码, 物料名称, 用量, 单位 or Material, Description, Quantity, Unit); give the header row explicitly</source>
        <comment>bom.no_header</comment>
        <translation>前若干行中没有找到表头行（应有物料编码、物料名称、用量、单位或 Material、Description、Quantity、Unit 等列名）；请明确指定表头行</translation>
    </message>
    <message>
        <source>row {row} is not a row of the sheet (it has {rows} rows)</source>
        <comment>bom.no_such_row</comment>
        <translation>第 {row} 行不在该工作表中（工作表共 {rows} 行）</translation>
    </message>
    <message>
        <source>no column is mapped to &apos;{en}&apos; ({zh})</source>
        <comment>bom.missing_column</comment>
        <translation>没有列对应到“{en}”（{zh}）</translation>
    </message>
    <message>
        <source>no column is mapped to the material code or name (物料编码 / 物料名称)</source>
        <comment>bom.missing_code_column</comment>
        <translation>没有列对应到物料编码或物料名称</translation>
    </message>
    <message>
        <source>quantity</source>
        <comment>bom.what.quantity</comment>
        <translation>用量</translation>
    </message>
    <message>
        <source>denominator</source>
        <comment>bom.what.denominator</comment>
        <translation>用量分母</translation>
    </message>
    <message>
        <source>loss rate</source>
        <comment>bom.what.loss_rate</comment>
        <translation>损耗率</translation>
    </message>
    <message>
        <source>net weight</source>
        <comment>bom.what.net_weight</comment>
        <translation>净重</translation>
    </message>
    <message>
        <source>gross weight</source>
        <comment>bom.what.gross_weight</comment>
        <translation>毛重</translation>
    </message>
    <message>
        <source>{what}: {detail}</source>
        <comment>cell.not_a_number</comment>
        <translation>{what}：{detail}</translation>
    </message>
    <message>
        <source>the {what} is missing</source>
        <comment>cell.missing</comment>
        <translation>缺少{what}</translation>
    </message>
    <message>
        <source>the {what} must be ≥ 0, got {value}</source>
        <comment>cell.negative</comment>
        <translation>{what}必须 ≥ 0，实际为 {value}</translation>
    </message>
    <message>
        <source>the {what} &apos;{text}&apos; is stored as text; it was read as a number</source>
        <comment>cell.text_number</comment>
        <translation>{what}“{text}”以文本形式存储；已按数字读取</translation>
    </message>
    <message>
        <source>the level jumps from {above} to {level}; a level-{level} row needs a level-{needed} row above it</source>
        <comment>cell.level_jump</comment>
        <translation>层级从 {above} 跳到 {level}；第 {level} 级的行上方需要有第 {needed} 级的行</translation>
    </message>
    <message>
        <source>mixed units: the quantity says &apos;{inline}&apos; but the unit column says &apos;{unit}&apos;; keep the unit in the unit column only</source>
        <comment>unit.mixed</comment>
        <translation>单位不一致：用量单元格写的是“{inline}”，单位列写的是“{unit}”；请只在单位列填写单位</translation>
    </message>
    <message>
        <source>mixed units for material &apos;{material}&apos;: &apos;{unit}&apos; here, &apos;{first_unit}&apos; in row {first_row}</source>
        <comment>unit.mixed_material</comment>
        <translation>物料“{material}”的单位不一致：此处为“{unit}”，第 {first_row} 行为“{first_unit}”</translation>
    </message>
    <message>
        <source>the row has no material code or name</source>
        <comment>bom.row_unnamed</comment>
        <translation>该行既没有物料编码也没有物料名称</translation>
    </message>
    <message>
        <source>the unit is missing</source>
        <comment>bom.unit_missing</comment>
        <translation>缺少单位</translation>
    </message>
    <message>
        <source>the code {code} is stored as a number, so Excel may have changed its last digits; format the code column as text in the ERP export</source>
        <comment>bom.code_number</comment>
        <translation>编码 {code} 以数字形式存储，Excel 可能已改动其末几位；请在 ERP 导出时将编码列设为文本格式</translation>
    </message>
    <message>
        <source>the denominator must be &gt; 0, got {value}</source>
        <comment>bom.denominator</comment>
        <translation>用量分母必须 &gt; 0，实际为 {value}</translation>
    </message>
    <message>
        <source>the unit &apos;{unit}&apos; was taken from the quantity cell</source>
        <comment>bom.inline_unit</comment>
        <translation>单位“{unit}”取自用量单元格</translation>
    </message>
    <message>
        <source>the loss rate {value} is ambiguous; write 5% or 0.05, or name the column &apos;损耗率(%)&apos;</source>
        <comment>bom.loss_rate_ambiguous</comment>
        <translation>损耗率 {value} 有歧义；请写成 5% 或 0.05，或将列命名为“损耗率(%)”</translation>
    </message>
    <message>
        <source>the loss rate must be at least 0 and below 100%, got {value}</source>
        <comment>bom.loss_rate</comment>
        <translation>损耗率必须不小于 0 且小于 100%，实际为 {value}</translation>
    </message>
    <message>
        <source>the weight has no unit; map a weight-unit column or name the unit in the header (e.g. &apos;净重(kg)&apos;)</source>
        <comment>bom.weight_unit_missing</comment>
        <translation>重量没有单位；请映射重量单位列，或在列标题中注明单位（如“净重(kg)”）</translation>
    </message>
    <message>
        <source>the weight unit &apos;{unit}&apos; is not a mass</source>
        <comment>bom.weight_not_mass</comment>
        <translation>重量单位“{unit}”不是质量单位</translation>
    </message>
    <message>
        <source>the level must be a whole number ≥ 0, got {value}</source>
        <comment>bom.level_number</comment>
        <translation>层级必须是 ≥ 0 的整数，实际为 {value}</translation>
    </message>
    <message>
        <source>the level must be 1, 2, 3 …, .1, ..2, ...3 or 1.1, 1.1.2, got &apos;{text}&apos;</source>
        <comment>bom.level_text</comment>
        <translation>层级应为 1、2、3…、.1、..2、...3 或 1.1、1.1.2，实际为“{text}”</translation>
    </message>
    <message>
        <source>row {parent_row} above this one (its parent) has errors</source>
        <comment>bom.parent_bad</comment>
        <translation>上方第 {parent_row} 行（其父项）有错误</translation>
    </message>
    <message>
        <source>the row names itself (&apos;{code}&apos;) as its parent</source>
        <comment>bom.parent_self</comment>
        <translation>该行把自身（“{code}”）列为父项</translation>
    </message>
    <message>
        <source>the parent &apos;{parent}&apos; is not a row of this BOM; its components are imported as top-level lines</source>
        <comment>bom.parent_missing</comment>
        <translation>父项“{parent}”不在这份物料清单中；其子项作为顶层行导入</translation>
    </message>
    <message>
        <source>the sub-assembly &apos;{parent}&apos; is used in {count} rows; its components are counted under each of them</source>
        <comment>bom.parent_shared</comment>
        <translation>子装配件“{parent}”在 {count} 行中被使用；其组成部分按每一处使用分别计入</translation>
    </message>
    <message>
        <source>counting shared sub-assemblies under each use makes more than {limit} rows; the BOM cannot be imported like this</source>
        <comment>bom.explosion_too_big</comment>
        <translation>按每一处使用展开共用子装配件后超过 {limit} 行；无法按此方式导入该物料清单</translation>
    </message>
    <message>
        <source>the parent codes form a loop</source>
        <comment>bom.parent_loop</comment>
        <translation>父项编码构成循环</translation>
    </message>
    <message>
        <source>the mapping sheet is empty</source>
        <comment>bom.mapping_empty</comment>
        <translation>映射工作表为空</translation>
    </message>
    <message>
        <source>the mapping sheet needs the columns material_code / 物料编码 and factor_id / 因子编号 in row 1</source>
        <comment>bom.mapping_columns</comment>
        <translation>映射工作表第 1 行须有 material_code / 物料编码 和 factor_id / 因子编号 两列</translation>
    </message>
    <message>
        <source>a mapping needs both a material code and a factor id</source>
        <comment>bom.mapping_incomplete</comment>
        <translation>每条映射都需要物料编码和因子编号</translation>
    </message>
    <message>
        <source>factor &apos;{factor_id}&apos; is not in the factor library</source>
        <comment>bom.mapping_factor_unknown</comment>
        <translation>因子“{factor_id}”不在因子库中</translation>
    </message>
    <message>
        <source>the BOM mapping memory cannot be read ({reason}); move it away to start a new one</source>
        <comment>bom.memory_unreadable</comment>
        <translation>无法读取物料清单映射记录（{reason}）；请将其移走以新建一份</translation>
    </message>
    <message>
        <source>the BOM mapping memory was written by another version; move it away to start a new one</source>
        <comment>bom.memory_schema</comment>
        <translation>物料清单映射记录由其他版本写入；请将其移走以新建一份</translation>
    </message>
    <message>
        <source>the reader crashed on this file (exit code {exit_code}); the file was refused. Open it in Excel, WPS or LibreOffice and save it again</source>
        <comment>bom.reader_crashed</comment>
        <translation>读取该文件时读取程序崩溃（退出代码 {exit_code}）；已拒绝该文件。请在 Excel、WPS 或 LibreOffice 中打开并重新保存</translation>
    </message>
    <message>
        <source>{path}: no such study; a new one is created as a study workbook (.xlsx) or a project (.pcfw)</source>
        <comment>bom.no_study</comment>
        <translation>{path}：没有该研究；新研究可创建为研究数据表（.xlsx）或项目（.pcfw）</translation>
    </message>
    <message>
        <source>the BOM has no rows under its header</source>
        <comment>bom.empty</comment>
        <translation>物料清单的表头下没有数据行</translation>
    </message>
    <message>
        <source>writing the study back to this workbook would not keep its other sheets ({sheets}); import into a project (.pcfw) or a new workbook instead, or add --drop-other-sheets</source>
        <comment>bom.into_drops_sheets</comment>
        <translation>将研究写回此工作簿会丢失其中的其他工作表（{sheets}）；请改为导入到项目文件（.pcfw）或新的工作簿，或加上 --drop-other-sheets</translation>
    </message>
    <message>
        <source>material &apos;{material}&apos;: factor &apos;{factor_id}&apos; (from {origin}) is not in the library; left without factor</source>
        <comment>bom.factor_unknown</comment>
        <translation>物料“{material}”：因子“{factor_id}”（来自{origin}）不在因子库中；该物料不设因子</translation>
    </message>
    <message>
        <source>a suggestion</source>
        <comment>bom.origin_suggestion</comment>
        <translation>建议</translation>
    </message>
    <message>
        <source>the mapping memory</source>
        <comment>bom.origin_memory</comment>
        <translation>映射记录</translation>
    </message>
    <message>
        <source>{file}</source>
        <comment>bom.line.where</comment>
        <translation>{file}</translation>
    </message>
    <message>
        <source>{file}, sheet &apos;{sheet}&apos;</source>
        <comment>bom.line.where_sheet</comment>
        <translation>{file}，工作表“{sheet}”</translation>
    </message>
    <message>
        <source>BOM {where}, row {row}</source>
        <comment>bom.line.source</comment>
        <translation>物料清单 {where}，第 {row} 行</translation>
    </message>
    <message>
        <source>sub-assembly from BOM row {row}</source>
        <comment>bom.line.subassembly</comment>
        <translation>物料清单第 {row} 行的组件</translation>
    </message>
    <message>
        <source>counted part; its mass is the line below</source>
        <comment>bom.line.counted</comment>
        <translation>计件物料；其质量见下一行</translation>
    </message>
    <message>
        <source>mass of one {unit_en}: {mass} kg from {column}, BOM row {row}</source>
        <comment>bom.line.mass</comment>
        <translation>每{unit_zh}质量：{mass} kg，取自 {column}，物料清单第 {row} 行</translation>
    </message>
    <message>
        <source>{name} (mass)</source>
        <comment>bom.line.mass_name</comment>
        <translation>{name}（质量）</translation>
    </message>
    <message>
        <source>BOM row {row}</source>
        <comment>bom.line.row</comment>
        <translation>物料清单第 {row} 行</translation>
    </message>
    <message>
        <source>{path} is a folder, not a project file</source>
        <comment>project.folder</comment>
        <translation>{path} 是文件夹，不是项目文件</translation>
    </message>
    <message>
        <source>this is not a PCF Workbench project file (.pcfw)</source>
        <comment>project.not_a_project</comment>
        <translation>这不是 PCF Workbench 项目文件（.pcfw）</translation>
    </message>
    <message>
        <source>the project file has no valid schema version</source>
        <comment>project.bad_version</comment>
        <translation>项目文件没有有效的结构版本</translation>
    </message>
    <message>
        <source>{name} was saved by PCF Workbench {app} (project schema {version}); this version ({current}) reads project schema {supported} and older. Open it with a newer PCF Workbench; the file was not changed.</source>
        <comment>project.newer</comment>
        <translation>{name} 由 PCF Workbench {app} 保存（项目结构版本 {version}）；本版本（{current}）只能读取项目结构版本 {supported} 及更早的文件。请用更新版本的 PCF Workbench 打开；文件未被修改。</translation>
    </message>
    <message>
        <source>a newer version</source>
        <comment>project.newer_app</comment>
        <translation>更新的版本</translation>
    </message>
    <message>
        <source>the project file is damaged: {reason}</source>
        <comment>project.damaged</comment>
        <translation>项目文件已损坏：{reason}</translation>
    </message>
    <message>
        <source>the project file is damaged (SQLite integrity check failed)</source>
        <comment>project.integrity</comment>
        <translation>项目文件已损坏（SQLite 完整性检查未通过）</translation>
    </message>
    <message>
        <source>the project could not be upgraded from schema {from_version} to {to_version} ({reason}); the file is unchanged and a backup is at {backup}</source>
        <comment>project.migration_failed</comment>
        <translation>无法将项目从结构版本 {from_version} 升级到 {to_version}（{reason}）；文件未被修改，备份位于 {backup}</translation>
    </message>
    <message>
        <source>the project could not be upgraded from schema {from_version} ({reason}); the file is unchanged</source>
        <comment>project.migration_failed_in_memory</comment>
        <translation>无法将项目从结构版本 {from_version} 升级（{reason}）；文件未被修改</translation>
    </message>
    <message>
        <source>{name} is already open in PCF Workbench by {owner}; you can open it read-only, or close it there first</source>
        <comment>project.locked</comment>
        <translation>{name} 已由 {owner} 在 PCF Workbench 中打开；可以以只读方式打开，或先在那边关闭</translation>
    </message>
    <message>
        <source>{user} on {host} (process {pid}) since {time}</source>
        <comment>project.lock_owner</comment>
        <translation>{user}（{host}，进程 {pid}，自 {time} 起）</translation>
    </message>
    <message>
        <source>revision {revision} is already frozen and nothing changed since</source>
        <comment>project.already_frozen</comment>
        <translation>版本 {revision} 已冻结，此后没有任何修改</translation>
    </message>
    <message>
        <source>revision {revision} is not frozen</source>
        <comment>project.not_frozen</comment>
        <translation>版本 {revision} 未冻结</translation>
    </message>
    <message>
        <source>{name} has no frozen revision {revision}</source>
        <comment>project.no_revision</comment>
        <translation>{name} 中没有已冻结的版本 {revision}</translation>
    </message>
    <message>
        <source>{file}: the output must end in .xlsx (study workbook) or .pcfw (project)</source>
        <comment>convert.output_type</comment>
        <translation>{file}：输出文件必须以 .xlsx（研究数据表）或 .pcfw（项目）结尾</translation>
    </message>
    <message>
        <source>the output must be a different file than the input</source>
        <comment>convert.same_file</comment>
        <translation>输出文件必须与输入文件不同</translation>
    </message>
    <message>
        <source>no line &apos;{line_id}&apos;</source>
        <comment>edit.no_line</comment>
        <translation>没有行“{line_id}”</translation>
    </message>
    <message>
        <source>&apos;{value}&apos; is not a valid {field}</source>
        <comment>edit.invalid_value</comment>
        <translation>“{value}”不是有效的 {field}</translation>
    </message>
    <message>
        <source>unknown line field(s): {fields}</source>
        <comment>edit.unknown_line_fields</comment>
        <translation>未知的行字段：{fields}</translation>
    </message>
    <message>
        <source>unknown study field(s): {fields}</source>
        <comment>edit.unknown_study_fields</comment>
        <translation>未知的研究字段：{fields}</translation>
    </message>
    <message>
        <source>a line id cannot be empty</source>
        <comment>edit.empty_id</comment>
        <translation>行号不能为空</translation>
    </message>
    <message>
        <source>there is already a line &apos;{line_id}&apos;</source>
        <comment>edit.duplicate_id</comment>
        <translation>已存在行号“{line_id}”</translation>
    </message>
    <message>
        <source>a line moves by one place at a time</source>
        <comment>edit.move_step</comment>
        <translation>每次只能移动一个位置</translation>
    </message>
    <message>
        <source>the lines to move are not contiguous subtrees</source>
        <comment>edit.move_not_contiguous</comment>
        <translation>要移动的行不是连续的子树</translation>
    </message>
    <message>
        <source>a reorder must name every line once</source>
        <comment>edit.reorder_incomplete</comment>
        <translation>重新排序时必须恰好列出每一行一次</translation>
    </message>
    <message>
        <source>the first line of a level cannot be indented</source>
        <comment>edit.indent_first</comment>
        <translation>同一层级的第一行不能降级为子行</translation>
    </message>
    <message>
        <source>only child lines can be outdented</source>
        <comment>edit.outdent_top</comment>
        <translation>只有子行才能升级</translation>
    </message>
    <message>
        <source>a line needs a name</source>
        <comment>edit.cell.name_required</comment>
        <translation>每一行都需要名称</translation>
    </message>
    <message>
        <source>a line needs an id</source>
        <comment>edit.cell.id_required</comment>
        <translation>每一行都需要行号</translation>
    </message>
    <message>
        <source>a line needs a unit</source>
        <comment>edit.cell.unit_required</comment>
        <translation>每一行都需要单位</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is not a data type; use primary/初级 or secondary/次级</source>
        <comment>edit.cell.data_type</comment>
        <translation>“{text}”不是数据类型；请填写 primary/初级 或 secondary/次级</translation>
    </message>
    <message>
        <source>the {column_en} column is calculated, not typed</source>
        <comment>edit.cell.computed</comment>
        <translation>“{column_zh}”列是计算结果，不能输入</translation>
    </message>
    <message>
        <source>{column_en}: {value} is not a finite number</source>
        <comment>edit.cell.not_finite</comment>
        <translation>{column_zh}：{value} 不是有限数值</translation>
    </message>
    <message>
        <source>{column_en} cannot be negative</source>
        <comment>edit.cell.negative</comment>
        <translation>{column_zh}不能为负数</translation>
    </message>
    <message>
        <source>allocation must be more than 0% and at most 100%</source>
        <comment>edit.cell.allocation</comment>
        <translation>分配比例必须大于 0% 且不超过 100%</translation>
    </message>
</context>
</TS>
