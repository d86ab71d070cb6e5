"""The CFP study report (ISO 14067 / GB/T 24067-2024) as a PDF, in Chinese, English or both.

Built with reportlab platypus: cover, table of contents, numbered sections following the report
checklist, figures drawn from the study, appendices with the full inventory, the factors and the
dataset attributions. Header and footer on every page carry the fingerprint (or the DRAFT mark)
and "page x of y". Every number is the app's result rounded by ``format_sig`` /
``format_percent``, exactly as the window shows it.
"""

from __future__ import annotations

import datetime as dt
import functools
import io
from collections.abc import Callable, Iterable, Sequence
from xml.sax.saxutils import escape

from app.core.domain import STAGES, DataType, Stage
from app.core.numbers import format_percent, format_sig
from app.core.progress import Progress
from app.reports import charts
from app.reports.catalog import CATALOG, Lang, joined, langs_of, text
from app.reports.common import (
    DRAFT_RED,
    GREEN,
    GREEN_LIGHT,
    GREY,
    INK,
    RULE,
    STANDARD,
    boundary_text,
    ellipsize,
    year_text,
)
from app.reports.fonts import MONO, SANS, register_fonts
from app.reports.model import LineRow, ReportData

MM = 72.0 / 25.4
MARGIN = 18 * MM
HOTSPOTS = 10
SCENARIO_ROWS = 30
SIGNIFICANT_SHARE = 0.01
SIGNIFICANT_ROWS = 40


def render_report(data: ReportData, lang: str = "both", progress: Progress | None = None,
                  today: dt.date | None = None) -> bytes:  # fmt: skip
    """The study report as PDF bytes."""
    langs_of(lang)
    register_fonts()
    builder = _ReportBuilder(data, lang, progress, today or dt.date.today())
    return builder.build()


def share_of(value: float, total: float) -> str:
    return format_percent(value / total) if total else "–"


def stage_rows(data: ReportData) -> list[tuple[Stage, str, str]]:
    """The results table as printed: (stage, rounded kg CO2e, rounded share)."""
    return [(s, format_sig(data.stage_totals[s]), share_of(data.stage_totals[s], data.total)) for s in STAGES]


class _Styles:
    def __init__(self) -> None:
        from reportlab.lib.styles import ParagraphStyle

        def style(name: str, **kw) -> ParagraphStyle:
            base = {"fontName": SANS, "fontSize": 9, "leading": 13.5, "textColor": INK}
            base.update(kw)
            return ParagraphStyle(name, **base)

        self.body = {"zh": style("body_zh", wordWrap="CJK"), "en": style("body_en")}
        self.second = {"zh": style("second_zh", wordWrap="CJK", textColor=GREY, fontSize=8.3, leading=12),
                       "en": style("second_en", textColor=GREY, fontSize=8.3, leading=12)}  # fmt: skip
        self.h1 = style("H1", fontSize=15, leading=20, textColor=GREEN, spaceBefore=10, spaceAfter=6, wordWrap="CJK",
                        keepWithNext=1)  # fmt: skip
        self.h2 = style("H2", fontSize=11, leading=15, textColor=GREEN, spaceBefore=8, spaceAfter=4, wordWrap="CJK",
                        keepWithNext=1)  # fmt: skip
        self.head_num = style("head_num", fontSize=7, leading=8.6, textColor="#ffffff", alignment=2)
        self.caption = style("caption", fontSize=7.5, leading=10.5, textColor=GREY, wordWrap="CJK", spaceBefore=2,
                             spaceAfter=8)  # fmt: skip
        self.cell = style("cell", fontSize=7, leading=9, wordWrap="CJK")
        self.cell_small = style("cell_small", fontSize=6.3, leading=8, wordWrap="CJK")
        self.head_cell = style("head_cell", fontSize=7, leading=8.6, textColor="#ffffff", wordWrap="CJK")
        self.mark = style("mark", fontSize=8.3, leading=12, textColor="#9a5b00", wordWrap="CJK")
        self.toc = [style("toc0", fontSize=9.5, leading=15, leftIndent=0, wordWrap="CJK"),
                    style("toc1", fontSize=8.5, leading=12, leftIndent=12, textColor=GREY, wordWrap="CJK")]  # fmt: skip


class _ReportBuilder:
    def __init__(self, data: ReportData, lang: str, progress: Progress | None, today: dt.date) -> None:
        self.data = data
        self.lang = lang
        self.codes: tuple[Lang, ...] = langs_of(lang)
        self.progress = progress
        self.today = today
        self.st = _Styles()
        self.section = 0
        self.sub = 0
        self.headings = 0
        self.figure_width = 210 * MM - 2 * MARGIN

    # --- text helpers --------------------------------------------------------------------------------

    def t(self, key: str, **params: object) -> str:
        return joined(key, self.lang, **params)

    def paras(self, key: str, **params: object) -> list:
        """One paragraph per language (the second language smaller and grey)."""
        from reportlab.platypus import Paragraph

        out = []
        for i, code in enumerate(self.codes):
            style = (self.st.body if i == 0 else self.st.second)[code]
            out.append(Paragraph(escape(text(key, code, **params)), style))
        return out

    def para_texts(self, texts: Sequence[str]) -> list:
        from reportlab.platypus import Paragraph

        return [Paragraph(escape(s), (self.st.body if i == 0 else self.st.second)[self.codes[i]])
                for i, s in enumerate(texts)]  # fmt: skip

    def confirm(self, key: str, **params: object) -> list:
        """A default statement the preparer must confirm: marked, never passed off as the study's."""
        from reportlab.platypus import Paragraph

        out = []
        for code in self.codes:
            out.append(Paragraph(f"{escape(text('to_confirm', code))} {escape(text(key, code, **params))}",
                                 self.st.mark))  # fmt: skip
        return out

    def heading(self, key: str, level: int = 1, numbered: bool = True, **params: object):
        from reportlab.platypus import Paragraph

        if level == 1 and numbered:
            self.section += 1
            self.sub = 0
            number = f"{self.section}  "
        elif level == 2 and numbered:
            self.sub += 1
            number = f"{self.section}.{self.sub}  "
        else:
            number = ""
        first = text(key, self.codes[0], **params)
        markup = escape(number + first)
        if len(self.codes) > 1:
            size = 10 if level == 1 else 8.5
            markup += (
                f' <font size="{size}" color="{GREY}">{escape(text(key, self.codes[1], **params))}</font>'
            )
        p = Paragraph(markup, self.st.h1 if level == 1 else self.st.h2)
        if key == "report.toc":
            return p  # the contents do not list themselves
        self.headings += 1
        p.toc_key = f"toc{self.headings}"  # type: ignore[attr-defined]  # same in every layout pass
        p.toc_level = level - 1  # type: ignore[attr-defined]
        p.toc_text = number + " / ".join(text(key, c, **params) for c in self.codes)  # type: ignore[attr-defined]
        return p

    def col(self, key: str) -> str:
        return "\n".join(dict.fromkeys(text(key, c) for c in self.codes))

    def stage_name(self, stage: Stage) -> str:
        return charts.stage_label(stage, self.lang, sep=" / " if len(self.codes) > 1 else " ")

    def step(self, done: int) -> None:
        """Percent done; no text (the GUI's progress dialog names the work in the UI language)."""
        if self.progress is not None:
            self.progress.step(done, 100)

    # --- tables --------------------------------------------------------------------------------------

    def table(self, header: Sequence[str], rows: Sequence[Sequence[object]], widths: Sequence[float],
              numeric: Iterable[int] = (), total_row: bool = False, font_size: float = 7.2, long: bool = False):  # fmt: skip
        from reportlab.platypus import LongTable, Table, TableStyle

        numeric = tuple(numeric)
        head = [self._head(h, i in numeric) for i, h in enumerate(header)]
        cls = LongTable if long else Table
        t = cls([head, *rows], colWidths=list(widths), repeatRows=1, hAlign="LEFT")
        commands = [
            ("FONT", (0, 0), (-1, -1), SANS, font_size, font_size * 1.3),
            ("BACKGROUND", (0, 0), (-1, 0), _colour(GREEN)),
            ("TEXTCOLOR", (0, 1), (-1, -1), _colour(INK)),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("LINEBELOW", (0, 1), (-1, -1), 0.25, _colour(RULE)),
            ("TOPPADDING", (0, 0), (-1, -1), 2.2),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 2.2),
            ("LEFTPADDING", (0, 0), (-1, -1), 3),
            ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ]
        for c in numeric:
            commands.append(("ALIGN", (c, 1), (c, -1), "RIGHT"))
        if total_row:
            commands += [
                ("BACKGROUND", (0, -1), (-1, -1), GREEN_LIGHT),
                ("LINEABOVE", (0, -1), (-1, -1), 0.8, GREEN),
            ]
        t.setStyle(TableStyle(commands))
        t.spaceBefore = 3
        t.spaceAfter = 8
        return t

    def _head(self, value: str, right: bool = False):
        from reportlab.platypus import Paragraph

        return Paragraph(
            escape(value).replace("\n", "<br/>"), self.st.head_num if right else self.st.head_cell
        )

    def facts(self, facts: Sequence[tuple[str, str]]):
        """A two-column key/value table without a header row."""
        from reportlab.platypus import Paragraph, Table, TableStyle

        rows = [[Paragraph(escape(k), self.st.cell), Paragraph(escape(v), self.st.cell)] for k, v in facts]
        t = Table(rows, colWidths=[50 * MM, self.figure_width - 50 * MM], hAlign="LEFT")
        t.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), SANS, 7.2), ("BACKGROUND", (0, 0), (0, -1), GREEN_LIGHT),
                               ("LINEBELOW", (0, 0), (-1, -1), 0.25, RULE), ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]))  # fmt: skip
        t.spaceBefore = 3
        t.spaceAfter = 8
        return t

    def cell(self, value: str, width: float, size: float = 7.2):
        """Plain text when it fits the column (fast); a wrapping paragraph when it does not."""
        from reportlab.pdfbase.pdfmetrics import stringWidth
        from reportlab.platypus import Paragraph

        if stringWidth(value, SANS, size) <= width - 6:
            return value
        return Paragraph(escape(value), self.st.cell if size >= 7 else self.st.cell_small)

    # --- document ------------------------------------------------------------------------------------

    def build(self) -> bytes:
        """Lay out twice, cheaply: the contents' page numbers come from a pass without the inventory.

        The inventory is the last appendix, so every contents entry is known once the pages up to its
        heading are laid out; the full document (possibly hundreds of inventory pages) is then laid
        out once, instead of twice as ``multiBuild`` would.
        """
        self.step(0)
        head_doc, _ = self._doc()
        head_toc = self._toc()
        head_doc.multiBuild(
            self._story(head_toc, with_inventory=False), canvasmaker=_numbered_canvas(self.codes)
        )
        self.step(15)
        doc, buf = self._doc()
        toc = self._toc()
        toc._lastEntries = list(head_toc._entries)  # what the contents show in the full layout
        story = self._story(toc, with_inventory=True)
        self.step(82)
        doc.build(story, canvasmaker=_numbered_canvas(self.codes))
        self.step(100)
        return buf.getvalue()

    def _doc(self):
        from reportlab.lib.pagesizes import A4
        from reportlab.platypus import Frame, PageTemplate

        buf = io.BytesIO()
        doc = _Doc(buf, pagesize=A4, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=22 * MM,
                   bottomMargin=20 * MM, title=f"{text('report.title', 'en')} — {self.data.product_name}",
                   author=self.data.company or text("app", "en"), subject=STANDARD,
                   creator=f"PCF Workbench {self.data.app_version}", initialFontName=SANS,
                   initialFontSize=9)  # fmt: skip
        frame = Frame(doc.leftMargin, doc.bottomMargin, doc.width, doc.height, id="body")
        cover_frame = Frame(doc.leftMargin, doc.bottomMargin, doc.width, doc.height + 10 * MM, id="cover")
        doc.addPageTemplates([
            PageTemplate(id="cover", frames=[cover_frame], onPage=self._cover_page),
            PageTemplate(id="body", frames=[frame], onPage=self._body_page),
        ])  # fmt: skip
        return doc, buf

    def _toc(self):
        from reportlab.platypus import TableStyle
        from reportlab.platypus.tableofcontents import TableOfContents

        toc = TableOfContents(levelStyles=self.st.toc, dotsMinLevel=0)
        # the TOC's own table would otherwise set Helvetica (a standard-14 font, never embedded)
        toc.tableStyle = TableStyle([("FONT", (0, 0), (-1, -1), SANS, 9), ("VALIGN", (0, 0), (-1, -1), "TOP"),
                                     ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0)])  # fmt: skip
        return toc

    def _story(self, toc, with_inventory: bool) -> list:
        """The document's flowables; built afresh for each layout (platypus consumes them)."""
        from reportlab.platypus import NextPageTemplate, PageBreak

        self.section = 0
        self.headings = 0
        story: list = [*self.cover(), NextPageTemplate("body"), PageBreak()]
        story += [self.heading("report.toc", numbered=False), toc, PageBreak()]
        sections: list[tuple[int, Callable[[], list]]] = [
            (5, self.statement), (10, self.goal), (15, self.unit), (20, self.boundary), (30, self.data_quality),
            (35, self.cutoff), (40, self.allocation), (45, self.electricity), (50, self.scenarios),
            (55, self.results), (60, self.hotspots), (65, self.split), (68, self.gwp), (70, self.sensitivity),
            (72, self.limitations), (74, self.conformance),
        ]  # fmt: skip
        for done, section in sections:
            if with_inventory:
                self.step(done // 5 + 16)
            story += section()
        story += self.appendix_factors()
        story += self.appendix_credits()
        story += self.appendix_inventory(with_rows=with_inventory)
        return story

    def _frame_texts(self) -> tuple[str, str]:
        d = self.data
        if d.fingerprint is not None:
            return f"{self.t('fingerprint', sep=' ')} SHA-256: {d.fingerprint}", INK
        return self.t("draft_mark"), DRAFT_RED

    def _body_page(self, canvas, doc) -> None:
        from reportlab.pdfbase.pdfmetrics import stringWidth

        pw, ph = doc.pagesize
        canvas.saveState()
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.5)
        canvas.line(MARGIN, ph - 14 * MM, pw - MARGIN, ph - 14 * MM)
        canvas.setFont(SANS, 7)
        canvas.setFillColor(GREY)
        title = " · ".join(text("report.short_title", c) for c in dict.fromkeys(self.codes))
        canvas.drawString(MARGIN, ph - 12 * MM, ellipsize(lambda v, s: stringWidth(v, SANS, s),
                                                          self.data.product_name, 7, 100 * MM))  # fmt: skip
        canvas.drawRightString(pw - MARGIN, ph - 12 * MM, title)
        canvas.line(MARGIN, 13 * MM, pw - MARGIN, 13 * MM)
        label, colour = self._frame_texts()
        canvas.setFillColor(colour)
        font = MONO if self.data.fingerprint else SANS
        canvas.setFont(font, 6.2)
        canvas.drawString(MARGIN, 9 * MM, label)
        canvas.restoreState()

    def _cover_page(self, canvas, doc) -> None:
        pw, ph = doc.pagesize
        canvas.saveState()
        canvas.setFillColor(GREEN)
        canvas.rect(0, ph - 52 * MM, pw, 52 * MM, stroke=0, fill=1)
        canvas.setFillColor(GREEN_LIGHT)
        canvas.rect(0, 0, pw, 12 * MM, stroke=0, fill=1)
        label, colour = self._frame_texts()
        canvas.setFillColor(colour)
        canvas.setFont(MONO if self.data.fingerprint else SANS, 6.2)
        canvas.drawString(MARGIN, 5 * MM, label)
        canvas.restoreState()

    # --- cover ---------------------------------------------------------------------------------------

    def cover(self) -> list:
        from reportlab.lib.styles import ParagraphStyle
        from reportlab.platypus import Paragraph, Spacer, Table, TableStyle

        d = self.data
        white = ParagraphStyle("cover_t", fontName=SANS, fontSize=22, leading=28, textColor="#ffffff",
                               wordWrap="CJK")  # fmt: skip
        white2 = ParagraphStyle("cover_t2", parent=white, fontSize=12, leading=16, textColor="#dcefe3")
        big = ParagraphStyle("cover_big", fontName=SANS, fontSize=34, leading=40, textColor=GREEN)
        unit = ParagraphStyle(
            "cover_unit", fontName=SANS, fontSize=11, leading=15, textColor=INK, wordWrap="CJK"
        )
        out: list = [Spacer(1, 2 * MM), Paragraph(escape(text("report.title", self.codes[0])), white)]
        if len(self.codes) > 1:
            out.append(Paragraph(escape(text("report.title", self.codes[1])), white2))
        out += [Spacer(1, 30 * MM if len(self.codes) > 1 else 36 * MM)]
        product = ParagraphStyle(
            "cover_p", fontName=SANS, fontSize=16, leading=21, textColor=INK, wordWrap="CJK"
        )
        out.append(Paragraph(escape(d.product_name), product))
        if d.company:
            out.append(Paragraph(escape(d.company), self.st.body["zh"]))
        out.append(Spacer(1, 10 * MM))
        result = [
            [Paragraph(escape(self.t("report.cover_result")), self.st.second["zh"])],
            [Paragraph(f"{escape(format_sig(d.total))} <font size='13'>kg CO2e</font>", big)],
            [Paragraph(escape(f"/ {d.declared_unit}"), unit)],
        ]
        box = Table(result, colWidths=[self.figure_width])
        box.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), SANS, 9), ("BACKGROUND", (0, 0), (-1, -1), GREEN_LIGHT), ("LEFTPADDING", (0, 0), (-1, -1), 12),
                                 ("TOPPADDING", (0, 0), (0, 0), 10), ("BOTTOMPADDING", (0, -1), (-1, -1), 12),
                                 ("LINEBEFORE", (0, 0), (0, -1), 3, GREEN)]))  # fmt: skip
        out += [box, Spacer(1, 8 * MM)]
        facts = [
            (self.t("unit.declared"), d.declared_unit),
            (self.t("label.boundary"), boundary_text(d, self.lang)),
            (self.t("label.standard"), STANDARD),
            (self.t("label.gwp"), f"IPCC {d.gwp_set.value} GWP100"),
            (self.t("label.year"), year_text(d, self.lang)),
            (self.t("unit.site"), d.site or "—"),
            (self.t("report.study_file"), d.study_file or "—"),
        ]
        rows = [[Paragraph(escape(k), self.st.second["zh"]), Paragraph(escape(v), self.st.body["zh"])]
                for k, v in facts]  # fmt: skip
        facts_table = Table(rows, colWidths=[55 * MM, self.figure_width - 55 * MM], hAlign="LEFT")
        facts_table.setStyle(
            TableStyle(
                [
                    ("FONT", (0, 0), (-1, -1), SANS, 9),
                    ("LINEBELOW", (0, 0), (-1, -1), 0.3, RULE),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ]
            )
        )
        out += [facts_table, Spacer(1, 8 * MM)]
        if d.fingerprint is None:
            out += [Paragraph(escape(self.t("draft_mark")), ParagraphStyle("draft", fontName=SANS, fontSize=14,
                                                                           leading=18, textColor=DRAFT_RED))]  # fmt: skip
            out += self.para_texts([text("draft_note", c) for c in self.codes])
        else:
            out.append(Paragraph(f"{escape(self.t('fingerprint'))} SHA-256", self.st.second["zh"]))
            out.append(
                Paragraph(d.fingerprint, ParagraphStyle("fp", fontName=MONO, fontSize=8.5, leading=11))
            )
        out.append(Spacer(1, 6 * MM))
        prepared = [text("report.prepared_with", c, app=text("app", c), version=d.app_version,
                         date=self.today.isoformat()) for c in self.codes]  # fmt: skip
        out += self.para_texts(prepared)
        return out

    # --- sections ------------------------------------------------------------------------------------

    def statement(self) -> list:
        d = self.data
        texts = [
            text("statement.text", c, product=d.product_name, value=format_sig(d.total), unit=d.declared_unit,
                 boundary=text(f"boundary.{d.boundary.value}", c).lower() if c == "en" else
                 text(f"boundary.{d.boundary.value}", c), year=year_text(d, c), gwp=d.gwp_set.value)
            for c in self.codes
        ]  # fmt: skip
        return [self.heading("sec.statement"), *self.para_texts(texts), *self.paras("rounding_rule")]

    def goal(self) -> list:
        d = self.data
        out = [self.heading("sec.goal")]
        texts = [text("goal.text", c, end=text(f"goal.end.{d.boundary.value}", c)) for c in self.codes]
        out += self.para_texts(texts)
        out += self.confirm("goal.audience")
        return out

    def unit(self) -> list:
        d = self.data
        flow = [
            text("unit.reference_flow_text", c, unit=d.declared_unit, product=d.product_name)
            for c in self.codes
        ]
        facts = [
            (self.t("unit.product"), d.product_name),
            (self.t("unit.company"), d.company or "—"),
            (self.t("unit.site"), d.site or "—"),
            (self.t("unit.declared"), d.declared_unit),
            (self.t("unit.reference_flow"), " / ".join(flow)),
            (self.t("unit.period"), year_text(d, self.lang)),
        ]
        return [self.heading("sec.unit"), self.facts(facts)]

    def boundary(self) -> list:
        from reportlab.platypus import Paragraph

        d = self.data
        inc = [s for s in STAGES if charts.in_boundary(s, d.boundary)]
        exc = [s for s in STAGES if s not in inc]
        texts = []
        for c in self.codes:
            texts.append(text("boundary.text", c, boundary=text(f"boundary.{d.boundary.value}", c),
                              included=_stage_list(inc, c), excluded=_stage_list(exc, c) or text("boundary.none", c)))  # fmt: skip
        out = [self.heading("sec.boundary"), *self.para_texts(texts)]
        out.append(charts.process_map(d, self.figure_width, self.lang))
        out.append(Paragraph(escape(self.t("boundary.figure", sep="  ")), self.st.caption))
        out.append(self.heading("boundary.significant", level=2))
        leaves = sorted(charts.leaf_lines(d), key=lambda ln: -abs(ln.kgco2e))
        significant = [ln for ln in leaves if d.total and abs(ln.kgco2e) / abs(d.total) >= SIGNIFICANT_SHARE]
        share = share_of(sum(ln.kgco2e for ln in significant), d.total)
        texts = [text("boundary.significant_text", c, count=len(significant), lines=len(leaves), share=share)
                 for c in self.codes]  # fmt: skip
        out += self.para_texts(texts)
        if significant:
            out.append(self.line_table(significant[:SIGNIFICANT_ROWS]))
            if len(significant) > SIGNIFICANT_ROWS:
                out += self.paras("more_in_appendix", n=len(significant) - SIGNIFICANT_ROWS)
        return out

    def line_table(self, lines: Sequence[LineRow], with_comment: bool = False):
        w = self.figure_width
        if with_comment:
            widths = [14 * MM, 52 * MM, 26 * MM, w - 14 * MM - 52 * MM - 26 * MM - 36 * MM, 20 * MM, 16 * MM]
            header = [self.col("col.line"), self.col("col.name"), self.col("col.quantity"), self.col("col.comment"),
                      self.col("col.kgco2e"), self.col("col.share")]  # fmt: skip
        else:
            stage_w = 46 * MM if len(self.codes) > 1 else 30 * MM
            widths = [14 * MM, 56 * MM, stage_w, w - 14 * MM - 56 * MM - stage_w - 36 * MM, 20 * MM, 16 * MM]
            header = [self.col("col.line"), self.col("col.name"), self.col("col.stage"), self.col("col.factor"),
                      self.col("col.kgco2e"), self.col("col.share")]  # fmt: skip
        rows = []
        for ln in lines:
            if with_comment:
                third = f"{format_sig(ln.quantity)} {ln.unit}"
                fourth = ln.comment or ln.source or ""
            else:
                third = self.stage_name(ln.stage)
                fourth = ln.factor_id or ""
            rows.append([self.cell(ln.line_id, widths[0]), self.cell(ln.name, widths[1]), self.cell(third, widths[2]),
                         self.cell(fourth, widths[3]), format_sig(ln.kgco2e), share_of(ln.kgco2e, self.data.total)])  # fmt: skip
        return self.table(header, rows, widths, numeric=(4, 5))

    def data_quality(self) -> list:
        d = self.data
        totals = {DataType.PRIMARY: 0.0, DataType.SECONDARY: 0.0, None: 0.0}
        counts = {DataType.PRIMARY: 0, DataType.SECONDARY: 0, None: 0}
        for ln in charts.leaf_lines(d):
            totals[ln.data_type] += ln.kgco2e
            counts[ln.data_type] += 1
        shares = {k: share_of(v, d.total) for k, v in totals.items()}
        out = [self.heading("sec.data")]
        out += self.paras("data.text", primary=shares[DataType.PRIMARY], secondary=shares[DataType.SECONDARY],
                          unspecified=shares[None])  # fmt: skip
        rows = [[self.t(key), str(counts[k]), format_sig(totals[k]), shares[k]]
                for key, k in (("data.primary", DataType.PRIMARY), ("data.secondary", DataType.SECONDARY),
                               ("data.unspecified", None))]  # fmt: skip
        out.append(self.table([self.col("data.table_type"), self.col("data.table_lines"), self.col("col.kgco2e"),
                               self.col("data.table_share")], rows, [60 * MM, 25 * MM, 35 * MM, 35 * MM],
                              numeric=(1, 2, 3)))  # fmt: skip
        own = any(f.origin in ("study", "inline") for f in d.factors)
        texts = []
        for code in self.codes:
            listed = [
                f"{(c.name_zh if code == 'zh' and c.name_zh else c.name)} {c.version}".strip()
                for c in d.datasets
            ]
            if own:
                listed.append(text("data.own_factors", code))
            texts.append(
                text("data.datasets", code, names=("；" if code == "zh" else "; ").join(listed) or "—")
            )
        out += self.para_texts(texts)
        out += self.confirm("data.dq")
        return out

    def cutoff(self) -> list:
        missing = [ln for ln in self.data.lines if ln.factor_id is None and ln.factor_co2e is None
                   and not ln.has_children]  # fmt: skip
        out = [self.heading("sec.cutoff")]
        out += (
            self.paras("cutoff.text", missing=len(missing)) if missing else self.paras("cutoff.none_missing")
        )
        out += self.confirm("cutoff.default")
        return out

    def allocation(self) -> list:
        allocated = [ln for ln in self.data.lines if ln.allocation != 1.0]
        out = [self.heading("sec.allocation")]
        if not allocated:
            out += self.paras("allocation.none")
        else:
            out += self.paras("allocation.some", count=len(allocated))
            w = self.figure_width
            widths = [16 * MM, w - 16 * MM - 30 * MM - 25 * MM, 30 * MM, 25 * MM]
            rows = [[self.cell(ln.line_id, widths[0]), self.cell(ln.name, widths[1]), format_sig(ln.allocation),
                     format_sig(ln.kgco2e)] for ln in allocated[:SIGNIFICANT_ROWS]]  # fmt: skip
            out.append(self.table([self.col("col.line"), self.col("col.name"), self.col("col.allocation"),
                                   self.col("col.kgco2e")], rows, widths, numeric=(2, 3)))  # fmt: skip
            if len(allocated) > SIGNIFICANT_ROWS:
                out += self.paras("more_in_appendix", n=len(allocated) - SIGNIFICANT_ROWS)
        out += self.confirm("allocation.default")
        return out

    def electricity(self) -> list:
        lines = [ln for ln in self.data.lines if ln.is_electricity]
        out = [self.heading("sec.electricity")]
        if not lines:
            return out + self.paras("electricity.none")
        share = share_of(sum(ln.kgco2e for ln in lines), self.data.total)
        out += self.paras("electricity.text", count=len(lines), share=share)
        w = self.figure_width
        widths = [
            13 * MM,
            40 * MM,
            22 * MM,
            w - 13 * MM - 40 * MM - 22 * MM - 24 * MM - 18 * MM,
            24 * MM,
            18 * MM,
        ]
        rows = []
        shown = (
            sorted(lines, key=lambda ln: -abs(ln.kgco2e))[:SIGNIFICANT_ROWS]
            if len(lines) > SIGNIFICANT_ROWS
            else lines
        )
        for ln in shown:
            factor = f"{ln.factor_id or ''} — {ln.factor_name}".strip(" —")
            rows.append([self.cell(ln.line_id, widths[0]), self.cell(ln.name, widths[1]),
                         f"{format_sig(ln.quantity)} {ln.unit}", self.cell(factor, widths[3], 6.3),
                         f"{format_sig(ln.factor_co2e or 0.0)} /{ln.factor_unit}", format_sig(ln.kgco2e)])  # fmt: skip
        out.append(self.table([self.col("col.line"), self.col("col.name"), self.col("col.quantity"),
                               self.col("col.factor"), self.col("col.factor_value"), self.col("col.kgco2e")],
                              rows, widths, numeric=(2, 4, 5)))  # fmt: skip
        if len(lines) > len(shown):
            out += self.paras("more_in_appendix", n=len(lines) - len(shown))
        return out

    def scenarios(self) -> list:
        from reportlab.platypus import Paragraph

        d = self.data
        out = [self.heading("sec.scenarios")]
        for stage in (Stage.USE, Stage.END_OF_LIFE):
            out.append(Paragraph(escape(self.stage_name(stage)), self.st.h2))
            if not charts.in_boundary(stage, d.boundary):
                out += self.paras("scenarios.excluded")
                continue
            lines = [ln for ln in charts.leaf_lines(d) if ln.stage is stage]
            if not lines:
                out += self.paras("scenarios.empty")
                continue
            shown = sorted(lines, key=lambda ln: -abs(ln.kgco2e))[:SCENARIO_ROWS]
            out.append(self.line_table(shown, with_comment=True))
            if len(lines) > len(shown):
                out += self.paras("more_in_appendix", n=len(lines) - len(shown))
        return out

    def results(self) -> list:
        from reportlab.platypus import KeepTogether, Paragraph

        d = self.data
        out = [self.heading("sec.results"), *self.paras("rounding_rule")]
        rows = [[self.stage_name(s), value, share] for s, value, share in stage_rows(d)]
        rows.append([self.t("col.total"), format_sig(d.total), share_of(d.total, d.total)])
        out.append(self.table([self.col("col.stage"), self.col("col.kgco2e"), self.col("col.share")], rows,
                              [80 * MM, 40 * MM, 30 * MM], numeric=(1, 2), total_row=True, font_size=8))  # fmt: skip
        out += self.paras("results.rounding_sum")
        out.append(KeepTogether([charts.stage_bars(d, self.figure_width, self.lang),
                                 Paragraph(escape(self.t("results.figure", sep="  ")), self.st.caption)]))  # fmt: skip
        return out

    def hotspots(self) -> list:
        from reportlab.platypus import KeepTogether, Paragraph

        d = self.data
        top = sorted(charts.leaf_lines(d), key=lambda ln: -abs(ln.kgco2e))[:HOTSPOTS]
        out = [self.heading("sec.hotspots")]
        share = share_of(sum(ln.kgco2e for ln in top), d.total)
        out += self.paras("hotspots.text", n=len(top), share=share)
        w = self.figure_width
        stage_w = 48 * MM if len(self.codes) > 1 else 30 * MM
        widths = [8 * MM, 14 * MM, w - 8 * MM - 14 * MM - stage_w - 20 * MM - 16 * MM - 18 * MM, stage_w, 20 * MM,
                  16 * MM, 18 * MM]  # fmt: skip
        rows, cumulative = [], 0.0
        for i, ln in enumerate(top, start=1):
            cumulative += ln.kgco2e
            rows.append([str(i), self.cell(ln.line_id, widths[1]), self.cell(ln.name, widths[2]),
                         self.cell(self.stage_name(ln.stage), widths[3]), format_sig(ln.kgco2e),
                         share_of(ln.kgco2e, d.total), share_of(cumulative, d.total)])  # fmt: skip
        out.append(self.table(["#", self.col("col.line"), self.col("col.name"), self.col("col.stage"),
                               self.col("col.kgco2e"), self.col("col.share"), self.col("col.cumulative")],
                              rows, widths, numeric=(0, 4, 5, 6)))  # fmt: skip
        out.append(KeepTogether([charts.pareto(top, d.total, self.figure_width, self.lang),
                                 Paragraph(escape(self.t("hotspots.figure", sep="  ")), self.st.caption)]))  # fmt: skip
        return out

    def split(self) -> list:
        d = self.data
        gases = dict(d.gas_totals)
        unspecified = gases.pop("CO2e_unspecified", 0.0)
        biogenic_ch4 = gases.pop("CH4_non_fossil", 0.0)
        fossil = sum(gases.values())
        known = d.total - unspecified if d.gas_totals else 0.0
        out = [self.heading("sec.split")]
        out += self.paras("split.gas_share", share=share_of(known, d.total))
        aircraft = [ln for ln in d.lines if ln.is_aircraft]
        rows = []
        if d.gas_totals:
            rows += [
                [self.t("split.fossil"), format_sig(fossil), share_of(fossil, d.total)],
                [self.t("split.biogenic_ch4"), format_sig(biogenic_ch4), share_of(biogenic_ch4, d.total)],
                [self.t("split.unspecified"), format_sig(unspecified), share_of(unspecified, d.total)],
            ]
        biogenic = [ln.biogenic_co2 for ln in d.lines if ln.biogenic_co2 is not None]
        if biogenic:
            rows.append([self.t("split.biogenic_known", n=len(biogenic)), format_sig(sum(biogenic)), ""])
        rows += [
            [self.t("split.biogenic"), self.t("split.not_known"), ""],
            [self.t("split.dluc"), self.t("split.not_known"), ""],
        ]
        if aircraft:
            value = sum(ln.kgco2e for ln in aircraft)
            rows.append([self.t("split.aircraft"), format_sig(value), share_of(value, d.total)])
        else:
            rows.append([self.t("split.aircraft"), self.t("split.none"), ""])
        w = self.figure_width
        widths = [w - 62 * MM, 44 * MM, 18 * MM]
        rows = [[self.cell(a, widths[0]), self.cell(b, widths[1]), c] for a, b, c in rows]
        out.append(self.table([self.col("split.category"), self.col("col.kgco2e"), self.col("col.share")], rows,
                              widths, numeric=(1, 2)))  # fmt: skip
        return out

    def gwp(self) -> list:
        d = self.data
        out = [self.heading("sec.gwp"), *self.paras("gwp.text", gwp=d.gwp_set.value)]
        rows = []
        for gas, value in d.gwp_values.items():
            name = self.t(f"gas.{gas}") if f"gas.{gas}" in _GAS_KEYS else gas
            in_result = d.gas_totals.get(gas)
            rows.append([name, format_sig(value), format_sig(in_result) if in_result is not None else "—"])
        if "CO2e_unspecified" in d.gas_totals:
            rows.append([self.t("gas.CO2e_unspecified"), "—", format_sig(d.gas_totals["CO2e_unspecified"])])
        out.append(self.table([self.col("gwp.gas"), self.col("gwp.value"), self.col("gwp.result")], rows,
                              [70 * MM, 40 * MM, 40 * MM], numeric=(1, 2)))  # fmt: skip
        return out

    def sensitivity(self) -> list:
        return [self.heading("sec.sensitivity"), *self.confirm("sensitivity.text")]

    def limitations(self) -> list:
        d = self.data
        out = [self.heading("sec.limitations"), *self.paras("limitations.factors")]
        published = [f for f in d.factors if "recomputed" not in f.basis]
        if published:
            out += self.paras("limitations.basis", count=len(published))
        if d.warning_count:
            out += self.paras("limitations.warnings", count=d.warning_count)
        stage = max(STAGES, key=lambda s: d.stage_totals[s])
        leaves = charts.leaf_lines(d)
        if leaves and d.total:
            top = max(leaves, key=lambda ln: abs(ln.kgco2e))
            texts = [text("limitations.conclusion", c, stage=stage.label_zh if c == "zh" else stage.label_en,
                          share=share_of(d.stage_totals[stage], d.total), line=top.name,
                          line_share=share_of(top.kgco2e, d.total)) for c in self.codes]  # fmt: skip
            out += self.para_texts(texts)
        return out

    def conformance(self) -> list:
        out = [self.heading("sec.conformance"), *self.paras("conformance.text")]
        if self.data.fingerprint is None:
            out += self.paras("conformance.draft")
        else:
            out += self.paras("conformance.frozen", fp=self.data.fingerprint)
        return out

    # --- appendices ----------------------------------------------------------------------------------

    def appendix_inventory(self, with_rows: bool = True) -> list:
        from reportlab.platypus import PageBreak, Paragraph

        d = self.data
        out = [PageBreak(), self.heading("sec.app_inventory", numbered=False)]
        if not with_rows:
            return out
        w = self.figure_width
        widths = [15 * MM, w - 15 * MM - 24 * MM - 22 * MM - 30 * MM - 18 * MM - 15 * MM - 12 * MM, 24 * MM,
                  22 * MM, 30 * MM, 18 * MM, 15 * MM, 12 * MM]  # fmt: skip
        header = [
            self.col("col.line"),
            self.col("col.name"),
            self.col("col.quantity"),
            self.col("col.activity"),
            self.col("col.factor"),
            self.col("col.factor_value"),
            self.col("col.kgco2e"),
            self.col("col.type"),
        ]
        size = 6.3
        by_stage: dict[Stage, list[LineRow]] = {s: [] for s in STAGES}
        for ln in d.lines:
            by_stage[ln.stage].append(ln)
        type_text = {DataType.PRIMARY: self._short("data.primary"), DataType.SECONDARY: self._short("data.secondary"),
                     None: ""}  # fmt: skip
        done = 0
        for stage in STAGES:
            lines = by_stage[stage]
            if not lines:
                continue
            title = f"{self.stage_name(stage)} — {format_sig(d.stage_totals[stage])} kg CO2e"
            out.append(Paragraph(escape(title), self.st.h2))
            rows = []
            for ln in lines:
                done += 1
                if done % 500 == 0 and self.progress is not None:
                    self.progress.check()
                name = "  " * ln.depth + ln.name
                quantity = f"{format_sig(ln.quantity)} {ln.unit}"
                if ln.loss_rate:
                    quantity += f" +{format_percent(ln.loss_rate)}"
                activity = (
                    f"{format_sig(ln.activity)} {ln.activity_unit}" if ln.factor_co2e is not None else ""
                )
                factor_value = (
                    f"{format_sig(ln.factor_co2e)}/{ln.factor_unit}" if ln.factor_co2e is not None else ""
                )
                rows.append([self.cell(ln.line_id, widths[0], size), self.cell(name, widths[1], size),
                             self.cell(quantity, widths[2], size), self.cell(activity, widths[3], size),
                             self.cell(ln.factor_id or "", widths[4], size), self.cell(factor_value, widths[5], size),
                             format_sig(ln.kgco2e), type_text[ln.data_type]])  # fmt: skip
            out.append(self.table(header, rows, widths, numeric=(6,), font_size=size, long=True))
        return out

    def _short(self, key: str) -> str:
        return "/".join(text(key, c)[:2] if c == "zh" else text(key, c)[:4] + "." for c in self.codes)

    def appendix_factors(self) -> list:
        from reportlab.platypus import PageBreak

        d = self.data
        out = [PageBreak(), self.heading("sec.app_factors", numbered=False)]  # Appendix A
        w = self.figure_width
        widths = [
            34 * MM,
            w - 34 * MM - 24 * MM - 34 * MM - 40 * MM - 10 * MM,
            24 * MM,
            34 * MM,
            40 * MM,
            10 * MM,
        ]
        rows = []
        for f in d.factors:
            # the source text usually names the dataset already (Appendix C has the full dataset entries)
            first = f.source or " ".join(x for x in (f.dataset, f.dataset_version) if x)
            extra = [x for x in (f.region, str(f.year) if f.year else "") if x and x not in first]
            where = "; ".join(x for x in (first, *extra) if x)
            rows.append([self.cell(f.factor_id, widths[0], 6.3), self.cell(f.name, widths[1], 6.3),
                         f"{format_sig(f.co2e)}/{f.unit}", self.cell(f.basis, widths[3], 6.3),
                         self.cell(where or f.origin, widths[4], 6.3), str(f.line_count)])  # fmt: skip
        out.append(self.table([self.col("col.factor"), self.col("col.name"), self.col("col.factor_value"),
                               self.col("col.basis"), self.col("col.source"), self.col("col.lines")], rows, widths,
                              numeric=(2, 5), font_size=6.3, long=True))  # fmt: skip
        return out

    def appendix_credits(self) -> list:
        from reportlab.platypus import Paragraph

        d = self.data
        out = [self.heading("sec.app_credits", numbered=False), *self.paras("credits.text")]
        if not d.datasets:
            out += self.paras("credits.none")
        for credit in d.datasets:
            names = [credit.name_zh if c == "zh" and credit.name_zh else credit.name for c in self.codes]
            out.append(
                Paragraph(
                    escape(" / ".join(dict.fromkeys(names)) + f" {credit.version}".rstrip()), self.st.h2
                )
            )
            detail = [
                credit.publisher,
                f"{self.t('col.licence')}: {credit.licence}",
                credit.licence_url,
                credit.url,
            ]
            out.append(Paragraph(escape(" · ".join(x for x in detail if x)), self.st.second["en"]))
            if credit.attribution:
                out.append(Paragraph(escape(credit.attribution), self.st.body["zh"]))
        out += self.paras("credits.font")
        return out


@functools.cache
def _colour(hex_colour: str):
    """A reportlab Color made once (a hex string is parsed again for every table cell otherwise)."""
    from reportlab.lib.colors import HexColor

    return HexColor(hex_colour)


def _stage_list(stages: Sequence[Stage], lang: str) -> str:
    if lang == "zh":
        return "、".join(s.label_zh for s in stages)
    return ", ".join(s.label_en for s in stages)


_GAS_KEYS = {k for k in CATALOG if k.startswith("gas.")}


class _Doc:
    """BaseDocTemplate that feeds level-0/1 headings to the table of contents (with PDF outline)."""

    def __new__(cls, *args, **kwargs):
        from reportlab.platypus import BaseDocTemplate

        class Doc(BaseDocTemplate):
            def afterFlowable(self, flowable) -> None:
                level = getattr(flowable, "toc_level", None)
                if level is None:
                    return
                key = flowable.toc_key
                self.canv.bookmarkPage(key)
                self.canv.addOutlineEntry(flowable.toc_text, key, level=level, closed=level > 0)
                self.notify("TOCEntry", (level, escape(flowable.toc_text), self.page, key))

        return Doc(*args, **kwargs)


def _numbered_canvas(codes: tuple[Lang, ...]):
    """A canvas that writes "page x of y" on every page once the page count is known."""
    from reportlab.pdfgen.canvas import Canvas

    class NumberedCanvas(Canvas):
        """Pages are kept until the end; bookmarks are placed when their page is really emitted
        (a destination made earlier would point at the first page)."""

        def __init__(self, *args, **kwargs) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict] = []
            self._bookmarks: dict[int, list[tuple[str, dict]]] = {}

        def bookmarkPage(self, key, **kwargs):  # reportlab's name
            self._bookmarks.setdefault(len(self._pages), []).append((key, kwargs))

        def showPage(self) -> None:
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            bookmarks = self._bookmarks
            for index, state in enumerate(self._pages):
                self.__dict__.update(state)
                if self._pageNumber > 1:
                    label = "  ".join(
                        text("report.page", c, page=self._pageNumber, pages=total) for c in codes
                    )
                    self.setFont(SANS, 7)
                    self.setFillColor(GREY)
                    self.drawRightString(210 * MM - MARGIN, 9 * MM, label)
                for key, kwargs in bookmarks.get(index, []):
                    Canvas.bookmarkPage(self, key, **kwargs)
                super().showPage()
            super().save()

    return NumberedCanvas
