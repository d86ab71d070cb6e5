"""Every text the PDFs print, in English and Simplified Chinese (Qt-free, no .ts files).

``text(key, lang, **params)`` returns one language; ``both`` is handled by the callers, which
lay the two languages out side by side or one under the other. Placeholders use ``str.format``.
"""

from __future__ import annotations

from typing import Literal

Lang = Literal["zh", "en"]
LANGS: tuple[str, ...] = ("zh", "en", "both")

CATALOG: dict[str, tuple[str, str]] = {
    # --- shared ------------------------------------------------------------------------------------
    "app": ("PCF Workbench", "产品碳足迹工作台"),
    "draft_mark": ("DRAFT – not frozen", "草稿 – 未冻结"),
    "draft_note": (
        "This study is not a frozen revision: the figures may still change and no fingerprint identifies them.",
        "本研究不是已冻结的版本：数据仍可能变动，且没有指纹可以唯一标识。",
    ),
    "fingerprint": ("Fingerprint", "指纹"),
    "standard_value": ("ISO 14067:2018 / GB/T 24067-2024", "ISO 14067:2018 / GB/T 24067-2024"),
    "gwp_value": ("GWP100, IPCC {gwp}", "GWP100，IPCC {gwp}"),
    "boundary.cradle-to-gate": ("Cradle-to-gate", "摇篮到大门"),
    "boundary.cradle-to-grave": ("Cradle-to-grave", "摇篮到坟墓"),
    "not_stated": ("not stated", "未说明"),
    "rounding_rule": (
        "Values rounded half-up to 3 significant figures (a non-zero value is never shown as 0); shares to 0.1%.",
        "数值按四舍五入保留 3 位有效数字（非零值不显示为 0）；占比保留 0.1%。",
    ),
    "to_confirm": ("[Preparer to confirm]", "【待编制人确认】"),
    # --- label -------------------------------------------------------------------------------------
    "label.title": ("Product Carbon Footprint", "产品碳足迹"),
    "label.title_short": ("Carbon footprint", "产品碳足迹"),
    "label.subtitle": ("Carbon label draft", "碳标识草案"),
    "label.product": ("Product", "产品"),
    "label.company": ("Company", "企业"),
    "label.boundary": ("System boundary", "系统边界"),
    "label.standard": ("Standard", "标准"),
    "label.gwp": ("GWP basis", "GWP 基准"),
    "label.year": ("Reference year", "基准年"),
    "label.pcr": ("PCR", "产品种类规则"),
    "label.cert_body": ("Certification body", "认证机构"),
    "label.cert_no": ("Certificate no.", "证书编号"),
    "label.validity": ("Valid until", "有效期至"),
    "label.per": ("per", "每"),
    "label.scan": ("Scan for the key figures", "扫码查看关键数据"),
    "label.a4_heading": ("Carbon label draft for certification", "碳标识草案（供认证使用）"),
    "label.a4_intro": (
        "Draft artwork of the product carbon footprint label. The certification body fills in the blank fields.",
        "产品碳足迹标识草案样稿，空白栏由认证机构填写。",
    ),
    "label.a4_total_full": (
        "Unrounded result: {value} kg CO2e per declared unit.",
        "未修约结果：每声明单位 {value} kg CO2e。",
    ),
    # --- report: cover and frame ---------------------------------------------------------------------
    "report.title": ("Product Carbon Footprint Study Report", "产品碳足迹研究报告"),
    "report.short_title": ("CFP study report", "产品碳足迹研究报告"),
    "report.cover_result": ("Carbon footprint", "产品碳足迹"),
    "report.prepared_with": ("Prepared with {app} {version} on {date}", "由{app} {version}于 {date} 生成"),
    "report.study_file": ("Study file", "研究文件"),
    "report.page": ("Page {page} of {pages}", "第 {page} 页，共 {pages} 页"),
    "report.toc": ("Contents", "目录"),
    # --- report: sections -------------------------------------------------------------------------------
    "sec.statement": ("CFP statement", "产品碳足迹声明"),
    "statement.text": (
        "The carbon footprint of {product} is {value} kg CO2e per declared unit ({unit}), "
        "{boundary}, reference year {year}, quantified according to ISO 14067:2018 and GB/T 24067-2024 "
        "with GWP100 values from IPCC {gwp}.",
        "{product}的产品碳足迹为每声明单位（{unit}）{value} kg CO2e，系统边界为{boundary}，基准年 {year}，"
        "依据 ISO 14067:2018 和 GB/T 24067-2024 量化，采用 IPCC {gwp} 的 GWP100 值。",
    ),
    "sec.goal": ("Goal and scope", "目标与范围"),
    "goal.text": (
        "This study quantifies the cradle-to-{end} greenhouse gas emissions of the product for communication "
        "to customers and for carbon footprint label certification.",
        "本研究量化该产品从摇篮到{end}的温室气体排放，用于向客户沟通及产品碳足迹标识认证。",
    ),
    "goal.end.cradle-to-gate": ("gate", "大门"),
    "goal.end.cradle-to-grave": ("grave", "坟墓"),
    "goal.audience": (
        "Intended application and audience are not recorded in the study file; the wording above is the default.",
        "研究文件中未记录预期用途与受众，以上为默认表述。",
    ),
    "sec.unit": ("Declared unit and reference flow", "声明单位与基准流"),
    "unit.declared": ("Declared / functional unit", "声明单位／功能单位"),
    "unit.reference_flow": ("Reference flow", "基准流"),
    "unit.reference_flow_text": (
        "one {unit} of {product}; every inventory quantity is stated per this unit",
        "1 个声明单位（{unit}）的{product}；清单中所有数量均以此为基准",
    ),
    "unit.period": ("Reference year / time period", "基准年／时间范围"),
    "unit.site": ("Production site", "生产地点"),
    "unit.company": ("Company", "企业名称"),
    "unit.product": ("Product", "产品名称"),
    "sec.boundary": ("System boundary and process map", "系统边界与过程图"),
    "boundary.text": (
        "System boundary: {boundary}. Stages included: {included}. Stages outside the boundary: {excluded}.",
        "系统边界：{boundary}。纳入的阶段：{included}。边界之外的阶段：{excluded}。",
    ),
    "boundary.none": ("none", "无"),
    "boundary.figure": (
        "Figure 1. Process map drawn from the study: life-cycle stages with their main inventory lines "
        "(largest first) and stage results in kg CO2e.",
        "图 1　由研究数据生成的过程图：各生命周期阶段及其主要清单行（按排放量从大到小）和阶段结果（kg CO2e）。",
    ),
    "boundary.more": ("+ {n} more lines", "另有 {n} 行"),
    "more_in_appendix": (
        "The table shows the largest lines; {n} more lines are listed in Appendix C.",
        "表中列出排放量最大的清单行；另有 {n} 行见附录 C。",
    ),
    "boundary.significant": ("Significant processes", "重要过程"),
    "boundary.significant_text": (
        "Lines contributing at least 1% of the total ({count} of {lines} lines, together {share} of the total):",
        "贡献不低于总量 1% 的清单行（共 {lines} 行中的 {count} 行，合计占总量的 {share}）：",
    ),
    "sec.data": ("Data sources and data quality", "数据来源与数据质量"),
    "data.text": (
        "Primary (site-specific) data cover {primary} of the result, secondary data {secondary}; "
        "{unspecified} comes from lines whose data type is not recorded.",
        "初级（现场）数据占结果的 {primary}，次级数据占 {secondary}；未记录数据类型的清单行占 {unspecified}。",
    ),
    "data.table_type": ("Data type", "数据类型"),
    "data.table_lines": ("Lines", "行数"),
    "data.table_share": ("Share of result", "占结果比例"),
    "data.primary": ("Primary", "初级数据"),
    "data.secondary": ("Secondary", "次级数据"),
    "data.unspecified": ("Not recorded", "未记录"),
    "data.datasets": ("Factor datasets used: {names}.", "使用的因子数据集：{names}。"),
    "data.own_factors": ("study-specific or line-level factors", "研究自带或逐行填写的因子"),
    "data.dq": (
        "A data quality assessment per indicator (time, geography, technology, precision, completeness, "
        "representativeness, consistency, reproducibility, sources, uncertainty), e.g. a pedigree matrix, "
        "is not recorded in the study file.",
        "研究文件中未记录按指标（时间、地理、技术、精度、完整性、代表性、一致性、可再现性、来源、不确定性）"
        "进行的数据质量评价（如谱系矩阵）。",
    ),
    "sec.cutoff": ("Cut-off criteria", "取舍准则"),
    "cutoff.text": (
        "{missing} inventory lines have no emission factor and count as 0 in the result.",
        "有 {missing} 条清单行没有排放因子，在结果中按 0 计。",
    ),
    "cutoff.none_missing": (
        "Every inventory line with an activity has an emission factor; no line was cut off in the calculation.",
        "所有有活动数据的清单行均有排放因子，计算中未舍去任何清单行。",
    ),
    "cutoff.default": (
        "The study file states no cut-off criterion. Default statement: inputs and outputs were included "
        "as far as data were available; excluded flows are estimated to be below 1% of the total each and "
        "below 5% together.",
        "研究文件未说明取舍准则。默认表述：在数据可得范围内纳入全部输入和输出；被排除的单项流估计低于总量的 1%，"
        "合计低于 5%。",
    ),
    "sec.allocation": ("Allocation", "分配"),
    "allocation.none": (
        "No allocation factor below 1 is applied to any line (all inventory lines carry their full burden).",
        "所有清单行的分配比例均为 1，未进行分配。",
    ),
    "allocation.some": (
        "{count} lines carry an allocation factor below 1:",
        "{count} 条清单行采用小于 1 的分配比例：",
    ),
    "allocation.default": (
        "The study file does not record the allocation procedure or its justification. Per ISO 14067 the "
        "hierarchy is: avoid allocation, then physical (e.g. mass) allocation, then economic allocation.",
        "研究文件未记录分配方法及其理由。按 ISO 14067，优先避免分配，其次采用物理关系（如质量）分配，最后采用经济价值分配。",
    ),
    "sec.electricity": ("Electricity", "电力"),
    "electricity.text": (
        "{count} lines use electricity ({share} of the total). Each uses the grid factor listed below; "
        "no contractual instrument (green certificate, PPA) is recorded in the study, so the consumption "
        "grid mix applies.",
        "共有 {count} 条用电清单行（占总量的 {share}），分别采用下表所列电网因子；研究中未记录合同工具"
        "（绿证、购电协议），因此采用消费地电网平均电力。",
    ),
    "electricity.none": ("The study has no electricity lines.", "研究中没有用电清单行。"),
    "sec.scenarios": ("Use and end-of-life scenarios", "使用与废弃处置情景"),
    "scenarios.excluded": (
        "The use and end-of-life stages are outside the cradle-to-gate boundary.",
        "使用阶段和废弃处置阶段在摇篮到大门的系统边界之外。",
    ),
    "scenarios.empty": ("No lines in this stage.", "该阶段没有清单行。"),
    "sec.results": ("Results by life-cycle stage", "各生命周期阶段结果"),
    "results.figure": (
        "Figure 2. Result by life-cycle stage (kg CO2e per declared unit).",
        "图 2　各生命周期阶段结果（每声明单位 kg CO2e）。",
    ),
    "results.rounding_sum": (
        "Each value is rounded on its own, so the rounded stage values may differ from the rounded total in the last digit.",
        "各数值分别修约，因此修约后的阶段值之和与修约后的合计可能在末位略有差异。",
    ),
    "sec.hotspots": ("Hotspots", "排放热点"),
    "hotspots.text": (
        "The {n} largest lines contribute {share} of the total.",
        "排放量最大的 {n} 条清单行合计占总量的 {share}。",
    ),
    "hotspots.figure": (
        "Figure 3. Pareto chart of the largest lines (bars, kg CO2e) and their cumulative share (line).",
        "图 3　主要清单行的帕累托图（柱：kg CO2e；折线：累计占比）。",
    ),
    "sec.split": (
        "Fossil, biogenic, land-use change and aircraft emissions",
        "化石、生物源、土地利用变化及航空运输排放",
    ),
    "split.gas_share": (
        "Per-gas data are available for lines making up {share} of the total; the rest comes from factors "
        "published as CO2e only.",
        "占总量 {share} 的清单行有分气体数据，其余来自仅公布 CO2e 的因子。",
    ),
    "split.fossil": (
        "Fossil GHG emissions (CO2, fossil CH4, N2O from per-gas data)",
        "化石源温室气体排放（分气体数据中的 CO2、化石 CH4、N2O）",
    ),
    "split.biogenic_ch4": ("Biogenic CH4", "生物源 CH4"),
    "split.biogenic": ("Biogenic CO2 emissions and removals", "生物源 CO2 排放与清除"),
    "split.biogenic_known": (
        "Biogenic CO2 emissions stated by the factors of {n} lines (kg CO2, not in the total)",
        "{n} 条清单行的因子给出的生物源 CO2 排放（kg CO2，未计入总量）",
    ),
    "split.dluc": ("Direct land-use change (dLUC)", "直接土地利用变化（dLUC）"),
    "split.aircraft": ("Aircraft transport", "航空运输"),
    "split.unspecified": ("CO2e-only factors (split not known)", "仅 CO2e 的因子（无法拆分）"),
    "split.not_known": ("not known from the factors used", "所用因子未提供，无法得知"),
    "split.none": ("0 (no aircraft transport lines)", "0（无航空运输清单行）"),
    "split.category": ("Category", "类别"),
    "sec.gwp": ("Greenhouse gases and GWP values", "温室气体与 GWP 值"),
    "gwp.text": (
        "Characterisation: GWP100 from IPCC {gwp}. Factors with per-gas data are recomputed with these values; "
        "factors published only as CO2e keep their published basis (shown per factor in Appendix A).",
        "特征化采用 IPCC {gwp} 的 GWP100 值。有分气体数据的因子按下列数值重新计算；仅公布 CO2e 的因子保留其发布时的基准"
        "（见附录 A 各因子）。",
    ),
    "gwp.gas": ("Gas", "气体"),
    "gwp.value": ("GWP100 (kg CO2e/kg)", "GWP100（kg CO2e/kg）"),
    "gwp.result": ("In this result (kg CO2e)", "本结果中（kg CO2e）"),
    "gas.CO2": ("Carbon dioxide CO2", "二氧化碳 CO2"),
    "gas.CH4_fossil": ("Methane, fossil CH4", "甲烷（化石源）CH4"),
    "gas.CH4_non_fossil": ("Methane, biogenic CH4", "甲烷（生物源）CH4"),
    "gas.N2O": ("Nitrous oxide N2O", "氧化亚氮 N2O"),
    "gas.CO2e_unspecified": ("Other / CO2e only", "其他／仅 CO2e"),
    "sec.sensitivity": ("Sensitivity and uncertainty", "敏感性与不确定性分析"),
    "sensitivity.text": (
        "No sensitivity or uncertainty analysis is recorded in the study file. The hotspot table shows where "
        "the result is most sensitive to the data: a change of x% in a line's activity or factor changes the "
        "total by x% × its share.",
        "研究文件中未记录敏感性或不确定性分析。热点表显示了结果对哪些数据最敏感：某一行活动数据或因子变化 x%，"
        "总量将变化 x% × 该行占比。",
    ),
    "sec.limitations": ("Value choices, limitations and conclusions", "价值选择、局限性与结论"),
    "limitations.factors": (
        "Secondary factors are averages of their datasets and may not represent the specific suppliers.",
        "次级因子是数据集的平均值，未必代表具体供应商。",
    ),
    "limitations.basis": (
        "{count} factors are published as CO2e only and keep their published GWP basis.",
        "有 {count} 个因子仅公布 CO2e，保留其发布时的 GWP 基准。",
    ),
    "limitations.warnings": ("The calculation reported {count} warnings.", "计算过程中共有 {count} 条警告。"),
    "limitations.conclusion": (
        "The largest stage is {stage} with {share} of the total; the largest single line is “{line}” ({line_share}).",
        "占比最大的阶段为{stage}，占总量的 {share}；单项最大的清单行为“{line}”（{line_share}）。",
    ),
    "sec.conformance": ("Conformance, PCR and critical review", "符合性声明、产品种类规则与鉴定性评审"),
    "conformance.text": (
        "The quantification follows ISO 14067:2018 and GB/T 24067-2024. No product category rules (PCR) and no "
        "critical review are recorded in the study file.",
        "本量化遵循 ISO 14067:2018 和 GB/T 24067-2024。研究文件中未记录所采用的产品种类规则（PCR）及鉴定性评审。",
    ),
    "conformance.draft": (
        "The study is a draft (not frozen); conformance can only be stated for a frozen revision.",
        "本研究为草稿（未冻结），只有冻结版本才能声明符合性。",
    ),
    "conformance.frozen": (
        "The results refer to the frozen revision with fingerprint {fp}.",
        "结果对应指纹为 {fp} 的冻结版本。",
    ),
    "sec.app_factors": ("Appendix A. Emission factors and sources", "附录 A　排放因子及来源"),
    "sec.app_credits": ("Appendix B. Dataset attributions", "附录 B　数据集署名"),
    "sec.app_inventory": ("Appendix C. Inventory", "附录 C　清单"),
    "credits.text": (
        "The licences of the datasets used require the following attributions.",
        "所用数据集的许可要求注明以下署名。",
    ),
    "credits.font": (
        "Font: WenQuanYi Micro Hei, Apache License 2.0.",
        "字体：文泉驿微米黑，Apache License 2.0。",
    ),
    "credits.none": (
        "No library dataset is used; all factors come from the study itself.",
        "未使用因子库数据集，所有因子均来自研究本身。",
    ),
    # --- table columns -----------------------------------------------------------------------------------
    "col.stage": ("Stage", "阶段"),
    "col.kgco2e": ("kg CO2e", "kg CO2e"),
    "col.share": ("Share", "占比"),
    "col.total": ("Total", "合计"),
    "col.line": ("Line", "行号"),
    "col.name": ("Name", "名称"),
    "col.quantity": ("Quantity", "数量"),
    "col.unit": ("Unit", "单位"),
    "col.activity": ("Activity", "活动数据"),
    "col.factor": ("Factor", "因子"),
    "col.factor_value": ("kg CO2e / unit", "kg CO2e／单位"),
    "col.cumulative": ("Cumulative", "累计"),
    "col.allocation": ("Allocation", "分配比例"),
    "col.type": ("Type", "类型"),
    "col.comment": ("Scenario / comment", "情景／备注"),
    "col.source": ("Source", "来源"),
    "col.basis": ("GWP basis", "GWP 基准"),
    "col.dataset": ("Dataset", "数据集"),
    "col.lines": ("Lines", "行数"),
    "col.licence": ("Licence", "许可"),
    "col.attribution": ("Attribution", "署名"),
    "chart.cumulative": ("cumulative %", "累计 %"),
}


def text(key: str, lang: Lang, **params: object) -> str:
    en, zh = CATALOG[key]
    template = zh if lang == "zh" else en
    return template.format(**params) if params else template


def langs_of(lang: str) -> tuple[Lang, ...]:
    """The languages a document prints, in print order (Chinese first for ``both``)."""
    if lang == "both":
        return ("zh", "en")
    if lang in ("zh", "en"):
        return (lang,)  # type: ignore[return-value]
    raise ValueError(f"unknown language '{lang}'; expected one of {', '.join(LANGS)}")


def joined(key: str, lang: str, sep: str = " / ", **params: object) -> str:
    """One text in the document's language(s): ``中文 / English`` for ``both``."""
    return sep.join(text(key, code, **params) for code in langs_of(lang))
