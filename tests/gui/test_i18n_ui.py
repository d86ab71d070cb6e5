"""The running UI in Chinese and in English.

Under the zh_CN translator the main window and its dialogs (About, keyboard shortcuts,
Preferences, the PDF preview of the label and the report, Revisions with a comparison, every page of the BOM import wizard, the recovery and
"already open" prompts) are walked: every visible text — window and dock titles, menus, actions and their
tips, labels, buttons, placeholders, combo items, table headers, navigation — must not be
English-only (ASCII words and no Chinese), apart from a short explicit list of names and units.
English gives English; a core problem shows in Chinese in the Problems panel.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QLocale, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QDockWidget,
    QLabel,
    QLineEdit,
    QListWidget,
    QMenu,
    QSpinBox,
    QTabBar,
    QUndoView,
    QWidget,
)

from app.core.domain import InventoryLine, Stage, Study, StudyInfo
from app.core.numbers import format_sig
from app.gui.i18n import (
    format_date,
    format_number,
    install_language,
    localise_number_text,
    message_text,
    problem_text,
    ui_language,
)
from app.gui.i18n_tool import run_lrelease, ts_path
from app.services.settings import UserSettings

CJK = re.compile(r"[\u3400-\u9fff\uff00-\uffef\u3000-\u303f]")
# Names, units and symbols that are the same in both languages.
ALLOWED = re.compile(
    r"PCF Workbench|kg CO2e|CO2e|GWP100|GWP|IPCC|AR[56]|ISO 14067|GB/T 24067|kWh|Nm3|t·km|\bkg\b|\bkm\b"
    r"|\*\.xlsx|\*\.xlsm|English|Apache License 2\.0|\b(Ctrl|Shift|Alt|Del|Return|Enter|Up|Down|Left|Right)\b"
    r"|\bF\d+\b"
)
ENGLISH_WORD = re.compile(r"[A-Za-z]{2,}")


def english_only(text: str) -> bool:
    plain = re.sub(r"<[^>]+>", " ", text).replace("&nbsp;", " ").replace("&", "")
    if CJK.search(plain):
        return False
    return ENGLISH_WORD.search(ALLOWED.sub(" ", plain)) is not None


def test_the_english_only_rule() -> None:
    assert english_only("&File")
    assert english_only("<b>Results</b>")
    assert not english_only("文件(&F)")
    assert not english_only("kg CO2e / 1 台")
    assert not english_only("kg CO2e")
    assert not english_only("129")
    assert not english_only("IPCC AR6 GWP100")


def texts_of(root: QWidget) -> list[tuple[str, str]]:
    """(where, text) of everything a person can read in ``root`` and its children."""
    out: list[tuple[str, str]] = []

    def add(where: str, text: object) -> None:
        if isinstance(text, str) and text.strip():
            out.append((where, text))

    for w in [root, *root.findChildren(QWidget)]:
        where = f"{type(w).__name__}({w.objectName()})"
        if w.isWindow() or isinstance(w, QDockWidget):
            add(f"{where}.windowTitle", w.windowTitle())
        add(f"{where}.toolTip", w.toolTip())
        add(f"{where}.accessibleName", w.accessibleName())
        if isinstance(w, QLabel | QAbstractButton):
            add(f"{where}.text", w.text())
        if isinstance(w, QLineEdit):
            add(f"{where}.placeholder", w.placeholderText())
        if isinstance(w, QComboBox):
            for i in range(w.count()):
                add(f"{where}.item{i}", w.itemText(i))
        if isinstance(w, QSpinBox):
            add(f"{where}.specialValue", w.specialValueText())
        if isinstance(w, QMenu):
            add(f"{where}.title", w.title())
        if isinstance(w, QTabBar):
            for i in range(w.count()):
                add(f"{where}.tab{i}", w.tabText(i))
        if isinstance(w, QUndoView):
            add(f"{where}.emptyLabel", w.emptyLabel())
        if isinstance(w, QListWidget):
            for i in range(w.count()):
                add(f"{where}.item{i}", w.item(i).text())
        elif isinstance(w, QAbstractItemView) and w.model() is not None:
            model = w.model()
            for c in range(model.columnCount()):
                for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                    add(f"{where}.header{c}", model.headerData(c, Qt.Orientation.Horizontal, role))
    for act in root.findChildren(QAction):
        where = f"QAction({act.objectName() or act.text()})"
        for part in (act.text(), act.toolTip(), act.statusTip(), act.iconText()):
            add(where, part)
    return out


@pytest.fixture(scope="session")
def built_translations(tmp_path_factory) -> Path:
    """The committed .ts compiled now (the tests check the .ts, not a possibly stale build)."""
    folder = tmp_path_factory.mktemp("i18n")
    ts = folder / ts_path("zh_CN").name
    ts.write_bytes(ts_path("zh_CN").read_bytes())
    run_lrelease(ts)
    return folder


def chinese_study() -> Study:
    lines = [
        InventoryLine("1", "钢板", 1.0, "ton", stage=Stage.RAW_MATERIALS, factor_value=1.0, factor_unit="kg"),
        InventoryLine("2", "电力", 2.0, "kWh", stage=Stage.PRODUCTION),
    ]
    return Study(StudyInfo("电热水壶", "1 台"), lines=lines)


def make_window(qtbot, ctx, prompter, tmp_path: Path, study: Study | None = None):
    from app.gui.launch import build_window, make_application
    from app.gui.settings import GuiSettings

    make_application()
    user_settings = UserSettings(tmp_path / "settings.json")
    win = build_window(
        ctx,
        GuiSettings(tmp_path / "gui.ini"),
        prompter,
        study=study or chinese_study(),
        user_settings=user_settings,
    )
    qtbot.addWidget(win)
    win.resize(1300, 800)
    win.show()
    with qtbot.waitSignal(win.resultShown, timeout=10_000):
        win.calc.run_now()
    return win, user_settings


@pytest.fixture
def zh_window(qtbot, ctx, prompter, tmp_path, ui_language, built_translations):
    installed = ui_language("zh_CN", built_translations)
    assert installed.missing == [], installed.missing
    win, user_settings = make_window(qtbot, ctx, prompter, tmp_path)
    yield win, user_settings
    win.bridge.undo_stack.setClean()
    win.runner.cancel_all()
    win.runner.wait(5000)


def _english(items: list[tuple[str, str]]) -> list[str]:
    return [f"{where}: {text!r}" for where, text in items if english_only(text)]


def test_the_main_window_has_no_english_only_text_in_chinese(zh_window) -> None:
    win, _ = zh_window
    win._fill_recent()
    for page in range(win.nav.count()):  # every page's widgets exist; show each once
        win.navigate(page)
    items = texts_of(win)
    assert len(items) > 150
    assert not _english(items), "\n".join(_english(items))
    titles = [m.title() for m in win.menuBar().findChildren(QMenu) if m.parent() is win.menuBar()]
    assert "文件(&F)" in titles and "帮助(&H)" in titles
    assert win.windowTitle().endswith("产品碳足迹工作台")
    win.bridge.undo_stack.setClean()
    win.new_study()  # its placeholder data is written in the UI language too
    assert (win.bridge.study.info.product_name, win.bridge.study.info.declared_unit) == ("新产品", "1 件")


def test_about_and_shortcuts_are_chinese(zh_window, prompter) -> None:
    win, _ = zh_window
    win.show_about()
    win.show_shortcuts()
    (_, title1, about), (_, title2, keys) = prompter.messages[-2:]
    assert title1 == "关于产品碳足迹工作台" and title2 == "键盘快捷键"
    lines = [line for line in [*about.splitlines(), *keys.splitlines()] if not line.startswith("• ")]
    bad = [line for line in lines if english_only(line)]  # "• …" lines: dataset licences, as published
    assert not bad, bad


def test_preferences_dialog_is_chinese_and_stores_the_language(zh_window, qtbot) -> None:
    win, user_settings = zh_window
    win.act_preferences.trigger()
    dialog = win.preferences_dialog
    qtbot.waitUntil(dialog.isVisible)
    items = texts_of(dialog)
    assert not _english(items), "\n".join(_english(items))
    buttons = [b.text() for b in dialog.buttons.buttons()]
    assert "确定" in buttons and "取消" in buttons  # Qt's own qtbase_zh_CN.qm is installed too
    dialog.language.setCurrentIndex(dialog.language.findData("en"))
    dialog.accept()
    assert user_settings.language == "en"
    assert json.loads(user_settings.path.read_text(encoding="utf-8"))["language"] == "en"
    assert "重新启动" in win.statusBar().currentMessage()


def test_a_study_with_errors_is_not_exported_and_says_so_in_chinese(zh_window, prompter) -> None:
    win, _ = zh_window  # its 'ton' line is an error: no complete result
    assert win.report_actions.open_preview("label") is None
    kind, title, text = prompter.messages[-1]
    assert (kind, title) == ("error", "没有可导出的内容") and not english_only(text)


@pytest.fixture
def zh_complete_window(qtbot, ctx, prompter, tmp_path, ui_language, built_translations):
    """The zh window with a study that calculates without errors (so it can be exported)."""
    ui_language("zh_CN", built_translations)
    study = chinese_study()
    study.lines[0] = InventoryLine(
        "1", "钢板", 1.0, "t", stage=Stage.RAW_MATERIALS, factor_value=1.0, factor_unit="kg"
    )
    win, _ = make_window(qtbot, ctx, prompter, tmp_path, study)
    yield win
    win.bridge.undo_stack.setClean()
    win.runner.cancel_all()
    win.runner.wait(5000)


@pytest.mark.parametrize("kind", ["label", "report"])
def test_the_pdf_preview_is_chinese_and_starts_with_chinese_documents(
    zh_complete_window, qtbot, kind
) -> None:
    from app.gui.report_preview import PrinterNotOpened

    win = zh_complete_window
    preview = win.report_actions.open_preview(kind)
    assert preview is not None
    with qtbot.waitSignal(preview.rendered, timeout=30_000) as blocker:
        pass
    assert blocker.args[0].lang == "zh" and preview.lang == "zh"  # the UI language
    items = texts_of(preview)
    assert len(items) >= 6
    assert not _english(items), "\n".join(_english(items))
    assert preview.windowTitle() == ("碳标签草稿" if kind == "label" else "产品碳足迹研究报告")
    assert preview.status.text().startswith("共 ")
    preview._print_failed(PrinterNotOpened("the printer could not be opened"))
    assert preview.status.text() == "打印失败：无法打开打印机"
    preview.close()


def test_core_problems_show_in_chinese_in_the_problems_panel(zh_window) -> None:
    win, _ = zh_window
    model = win.problems_model
    messages = [model.index(r, 6).data() for r in range(model.rowCount())]
    raws = [model.problem_row(r).raw for r in range(model.rowCount())]
    by_code = {p.code: p for p in raws}
    assert {"line.unit", "line.no_factor"} <= set(by_code)
    assert "行“1”：“ton”有歧义（短吨 = 907.185 kg，公吨 = 1000 kg）" in "\n".join(messages)
    assert "行“2”（“电力”）没有排放因子，按 0 计" in messages
    assert [model.index(r, 0).data() for r in range(model.rowCount())].count("警告") == 1
    assert by_code["line.unit"].message.startswith("line '1': 'ton' is ambiguous")  # the CLI's text stays


def test_a_file_that_cannot_be_opened_is_explained_in_chinese(zh_window, qtbot, tmp_path) -> None:
    win, _ = zh_window
    bad = tmp_path / "notes.txt"
    bad.write_text("x", encoding="utf-8")
    with qtbot.waitSignal(win.studyLoaded, timeout=10_000):
        win.open_path(bad, ask=False)
    model = win.problems_model
    opened = [r for r in range(model.rowCount()) if model.problem_row(r).source == "open"]
    assert [model.index(r, 6).data() for r in opened] == [
        "未知的研究文件类型“.txt”；应为研究数据表（.xlsx）或项目（.pcfw）"
    ]


def test_english_gives_english(qtbot, ctx, prompter, tmp_path, ui_language, built_translations) -> None:
    ui_language("en", built_translations)
    win, _ = make_window(qtbot, ctx, prompter, tmp_path)
    try:
        titles = [m.title() for m in win.menuBar().findChildren(QMenu) if m.parent() is win.menuBar()]
        assert titles[:5] == ["&File", "&Edit", "&Lines", "&View", "&Help"]
        assert win.problems_dock.windowTitle().startswith("Problems")
        assert win.nav.item(1).text().startswith("Raw material acquisition")
        everything = texts_of(win)
        texts = [t for w, t in everything if w.startswith("QAction") or w.endswith(".title")]
        assert texts and not [t for t in texts if CJK.search(t)]
        assert "QMenu().title: '&File'" in _english(everything)  # the zh walk would see this
        model = win.problems_model
        raws = [model.problem_row(r).raw for r in range(model.rowCount())]
        assert [model.index(r, 6).data() for r in range(model.rowCount())] == [p.message for p in raws]
    finally:
        win.bridge.undo_stack.setClean()
        win.runner.cancel_all()
        win.runner.wait(5000)


def test_a_missing_translation_falls_back_to_english(ui_language, tmp_path) -> None:
    installed = ui_language("zh_CN", tmp_path)  # a folder without our .qm
    assert "pcf_workbench" in installed.missing
    assert QCoreApplication.translate("MainWindow", "&File") == "&File"
    assert message_text("edit.no_line", {"line_id": "3"}) == "no line '3'"


def test_system_language_and_locale_rules() -> None:
    chinese = QLocale(QLocale.Language.Chinese, QLocale.Country.Taiwan)
    german = QLocale(QLocale.Language.German, QLocale.Country.Germany)
    assert ui_language("system", chinese) == "zh_CN"
    assert ui_language("system", german) == "en"
    assert ui_language("en", chinese) == "en"
    assert localise_number_text("1,234.5", german) == "1.234,5"
    assert (
        localise_number_text("1,234.5", QLocale(QLocale.Language.Chinese, QLocale.Country.China)) == "1,234.5"
    )


def test_numbers_keep_the_one_rounding_rule_and_dates_follow_the_locale(
    ui_language, built_translations
) -> None:
    day = dt.date(2026, 12, 1)
    english = format_date(day)
    assert format_number(1234.5678) == format_sig(1234.5678) == "1,230"
    ui_language("zh_CN", built_translations)
    assert format_number(0.0012345) == format_sig(0.0012345)
    chinese = format_date(day)
    assert chinese != english and "2026" in chinese
    assert "2026" in format_date(dt.datetime(2026, 12, 1, 8, 30), long=True)


def test_problem_text_keeps_messages_from_outside_the_catalog() -> None:
    from app.core.errors import Problem

    assert problem_text(Problem("something only English", code="elsewhere")) == "something only English"
    assert install_language("en").language == "en"


def test_the_excel_export_speaks_and_writes_chinese_in_a_chinese_ui(
    zh_window, qtbot, prompter, tmp_path
) -> None:
    from openpyxl import load_workbook

    win, _ = zh_window
    out = tmp_path / "清单.xlsx"
    task = win.export_actions.export_excel(out)  # line 1's 'ton' is ambiguous: nothing is written
    with qtbot.waitSignal(task.done, timeout=30_000):
        pass
    kind, title, text = prompter.messages[-1]
    assert kind == "error" and not out.exists()
    bad = [line for line in [title, *text.splitlines()] if english_only(line)]
    assert not bad, bad
    assert "“ton”有歧义" in text
    study = chinese_study()
    study.lines[0] = InventoryLine("1", "钢板", 1.0, "t", stage=Stage.RAW_MATERIALS, factor_value=1.0,
                                   factor_unit="kg")  # fmt: skip
    win.bridge.replace(study, None)
    with qtbot.waitSignal(win.export_actions.excelExported, timeout=30_000):
        win.export_actions.export_excel(out)
    assert load_workbook(out, read_only=True).sheetnames[:2] == ["摘要", "清单"]  # the UI language
    assert not english_only(win.statusBar().currentMessage())


def _bom_walk(wizard) -> list[tuple[str, str]]:
    sheets = {s.name for s in wizard.source.sheets} if wizard.source else set()
    items = [(where, text) for where, text in texts_of(wizard) if text not in sheets]  # the file's own names
    page = wizard.currentPage()
    items += [("page.title", page.title()), ("page.subTitle", page.subTitle())]
    return items


def test_the_bom_wizard_has_no_english_only_text_in_chinese(zh_window, qtbot, prompter, tmp_path) -> None:
    """Every page of File → Import BOM…, with a Kingdee BOM and with one full of problems."""
    from bomfiles import write_kingdee, write_problem_xlsx

    win, _ = zh_window
    prompter.open_answers.append(write_kingdee(tmp_path))
    wizard = win.import_bom_dialog()
    qtbot.addWidget(wizard)
    with qtbot.waitSignal(wizard.gridLoaded, timeout=30_000):
        pass
    seen = _bom_walk(wizard)
    wizard.next()  # columns
    seen += _bom_walk(wizard)
    with qtbot.waitSignal(wizard.parsed, timeout=30_000):
        wizard.next()  # preview
    seen += _bom_walk(wizard)
    with qtbot.waitSignal(wizard.matched, timeout=30_000):
        wizard.next()  # factors
    wizard.factor_page.select_material("M300")
    seen += _bom_walk(wizard)
    wizard.next()  # review
    seen += _bom_walk(wizard)
    assert wizard.windowTitle().startswith("导入物料清单")
    assert len(seen) > 60
    assert not _english(seen), "\n".join(_english(seen))
    with qtbot.waitSignal(wizard.imported, timeout=30_000):
        wizard.accept()
    assert not english_only(win.statusBar().currentMessage())
    assert not english_only(prompter.open_filters[-1] or "")
    by_name = {line.name: line for line in win.bridge.study.lines}  # the lines' texts: the UI language
    mass = by_name["螺钉 M4×8（质量）"]
    assert mass.comment.startswith("每件质量：0.00200 kg") and "[bom:" in mass.source
    assert mass.source.startswith("物料清单 kingdee.xlsx，工作表“BOM多级展开”，第 ")

    prompter.open_answers.append(write_problem_xlsx(tmp_path))
    bad = win.import_bom_dialog()
    qtbot.addWidget(bad)
    with qtbot.waitSignal(bad.gridLoaded, timeout=30_000):
        pass
    bad.next()
    with qtbot.waitSignal(bad.parsed, timeout=30_000):
        bad.next()
    problems = _bom_walk(bad)
    assert not _english(problems), "\n".join(_english(problems))
    listed = [bad.preview_page.problems.item(i).text() for i in range(bad.preview_page.problems.count())]
    assert any(t.startswith("✖ 第 3 行") for t in listed), listed
    assert not english_only(bad.preview_page.cell_problem(3, 2))
    bad.reject()


def _english_lines(*texts: str) -> list[str]:
    return [line for text in texts for line in text.splitlines() if english_only(line)]


def test_project_revisions_dialog_and_comparison_are_chinese(zh_window, qtbot, prompter, tmp_path) -> None:
    from app.core.edits import SetLineField

    win, _ = zh_window
    study = chinese_study()
    study.lines[0] = InventoryLine("1", "钢板", 1.0, "t", stage=Stage.RAW_MATERIALS, factor_value=1.0,
                                   factor_unit="kg")  # fmt: skip
    win.bridge.replace(study, None)
    prompter.save_answers.append(tmp_path / "水壶.pcfw")
    with qtbot.waitSignal(win.projects.saved, timeout=10_000):
        win.projects.act_save_as.trigger()
    with qtbot.waitSignal(win.projects.saved, timeout=10_000):
        win.projects.act_freeze.trigger()
    _kind, title, text = [m for m in prompter.messages if m[0] == "info"][-1]
    assert title == "已冻结" and "SHA-256 指纹" in text
    assert "版本 1（已冻结）" in win.windowTitle()
    with qtbot.waitSignal(win.resultShown, timeout=10_000):
        assert win.bridge.push(SetLineField("1", "quantity", 2.0), "edit")
    items = texts_of(win)  # the status bar's revision state and the File menu's project actions
    assert not _english(items), "\n".join(_english(items))
    assert win.projects.state_label.text() == "版本 2（工作中）"

    dialog = win.projects.show_revisions()
    qtbot.addWidget(dialog)
    items = texts_of(dialog)
    assert not _english(items), "\n".join(_english(items))
    dialog.select(1)
    cmp = dialog.compare_selected()
    assert cmp is not None and [c.key for c in cmp.lines] == ["1"]
    details = dialog.details.toPlainText()
    assert "版本 1 → 工作状态" in details and "1: 数量 1.0 → 2.0" in details
    assert not _english_lines(details), _english_lines(details)
    assert [dialog.table.item(r, 1).text() for r in range(dialog.table.rowCount())] == ["已冻结"]
    dialog.close()
    win.bridge.undo_stack.setClean()


def test_recovery_and_already_open_prompts_are_chinese(zh_window, prompter, tmp_path) -> None:
    from app.project.lock import LockInfo, ProjectLockedError
    from app.project.model import Project

    win, _ = zh_window
    store = win.projects.store
    entry = store.write("crashed-session", Project(chinese_study()), tmp_path / "水壶.pcfw", 3)
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True
    )
    meta = json.loads(entry.meta_path.read_text(encoding="utf-8"))
    entry.meta_path.write_text(json.dumps({**meta, "pid": int(dead.stdout)}), encoding="utf-8")  # it crashed
    prompter.confirm_answer = False  # "No" deletes the copy
    assert win.projects.offer_recovery() is False
    kind, title, text = prompter.messages[-1]
    assert kind == "confirm" and title == "恢复未保存的工作？"
    assert "电热水壶（水壶.pcfw，2 行），自动保存于" in text
    assert not _english_lines(title, text), _english_lines(title, text)
    assert store.entries() == []

    path = tmp_path / "shared.pcfw"
    owner = LockInfo(4242, "lab-pc", "alice", "2026-12-01T08:00:00Z")
    win._load_failed(path, ProjectLockedError(path, owner))  # what opening a project held elsewhere does
    kind, title, text = prompter.messages[-1]
    assert kind == "confirm" and title == "项目已被打开"
    assert "alice（lab-pc，进程 4242，自 2026-12-01T08:00:00Z 起）" in text and "以只读方式打开" in text
    assert not _english_lines(title, text), _english_lines(title, text)
    error = ProjectLockedError(path, owner)
    from app.gui.project_actions import error_message

    assert error_message(error).startswith("shared.pcfw 已由 alice（lab-pc")
