"""Every string the GUI marks for translation has a finished zh_CN translation (this is the test that
fails when someone adds ``self.tr("New text")`` without translating it).

Two independent checks: (1) the sources are parsed (ast, so ``tr()`` inside f-strings — which
lupdate misses — counts too) and every literal ``tr``/``translate``/``QT_TRANSLATE_NOOP`` must be
finished in the committed .ts; a ``tr()`` of a non-literal is refused unless its strings are
marked elsewhere. (2) Qt's lupdate is run into a temporary copy of the .ts: it must find exactly
the committed entries (otherwise ``python -m app.gui.i18n update`` was not run).
"""

from __future__ import annotations

import ast
import re
import shutil
import sys
from pathlib import Path

from app.gui.i18n_tool import read_ts, run_lupdate, ts_path, unfinished

ROOT = Path(__file__).resolve().parents[2]
GUI = ROOT / "app" / "gui"

# tr() of a variable whose possible values are marked with QT_TRANSLATE_NOOP where they are defined.
DYNAMIC_OK = {
    ("table_base.py", "header"),
    ("editors.py", "_HINTS[stage]"),
    ("editors.py", "_NEW_LINE_NAMES[self.stage]"),
    ("i18n.py", "template"),
}


def _literal(node: ast.AST | None) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def marked_strings() -> tuple[set[tuple[str, str, str]], list[str]]:
    """((context, source, disambiguation) of every literal marked string, non-literal offenders)."""
    found: set[tuple[str, str, str]] = set()
    offenders: list[str] = []
    for path in sorted(GUI.glob("*.py")):
        if path.name == "i18n_tool.py":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for cls in [tree, *(n for n in ast.walk(tree) if isinstance(n, ast.ClassDef))]:
            context = cls.name if isinstance(cls, ast.ClassDef) else None
            for call in (n for n in ast.walk(cls) if isinstance(n, ast.Call)):
                f = call.func
                name = f.attr if isinstance(f, ast.Attribute) else f.id if isinstance(f, ast.Name) else ""
                if name == "tr" and isinstance(f, ast.Attribute) and context:
                    ctx, args = context, call.args
                elif name in ("translate", "QT_TRANSLATE_NOOP") and call.args:
                    ctx, args = _literal(call.args[0]), call.args[1:]
                    if ctx is None:
                        continue  # e.g. QCoreApplication.translate(CORE_CONTEXT, …): the catalog test
                else:
                    continue
                source = _literal(args[0]) if args else None
                if source is None:
                    expr = ast.unparse(args[0]) if args else ""
                    if (path.name, expr) not in DYNAMIC_OK:
                        offenders.append(f"{path.name}:{call.lineno}: tr({expr}) cannot be translated")
                    continue
                comment = _literal(args[1]) if len(args) > 1 else ""
                found.add((ctx, source, comment or ""))
    return found, offenders


def _placeholders(text: str) -> set[str]:
    return set(re.findall(r"\{\d+\}", text))


def test_every_marked_gui_string_has_a_finished_translation() -> None:
    marked, offenders = marked_strings()
    assert len(marked) > 150  # the scan sees the GUI
    entries = {(e.context, e.source, e.comment): e for e in read_ts(ts_path("zh_CN"))}
    problems = list(offenders)
    for key in sorted(marked):
        e = entries.get(key)
        if e is None:
            problems.append(f"{key[0]}: '{key[1]}' is not in the .ts (run python -m app.gui.i18n update)")
        elif e.kind or not e.translation.strip():
            problems.append(f"{key[0]}: '{key[1]}' is not translated")
        elif _placeholders(e.translation) != _placeholders(e.source):
            problems.append(f"{key[0]}: '{key[1]}' → '{e.translation}' changes the {{n}} placeholders")
    assert not problems, "\n".join(problems)


def test_lupdate_finds_exactly_the_committed_entries_and_all_are_finished(tmp_path: Path) -> None:
    ts = tmp_path / "check_zh_CN.ts"
    shutil.copy(ts_path("zh_CN"), ts)
    run_lupdate(ts, "zh_CN", prune=True, stub=tmp_path / "core_messages.py")
    fresh = read_ts(ts)
    committed = [e for e in read_ts(ts_path("zh_CN")) if e.kind not in ("vanished", "obsolete")]
    key = lambda e: (e.context, e.source, e.comment)  # noqa: E731
    assert {key(e) for e in fresh} == {key(e) for e in committed}, "run python -m app.gui.i18n update"
    assert not unfinished(fresh), [key(e) for e in unfinished(fresh)]


def test_the_scan_refuses_a_tr_of_a_variable(tmp_path: Path, monkeypatch) -> None:
    src = tmp_path / "gui"
    src.mkdir()
    (src / "widget.py").write_text(
        "class W:\n    def f(self, x):\n        return self.tr(x), self.tr('Fine')\n", encoding="utf-8"
    )
    monkeypatch.setattr(sys.modules[__name__], "GUI", src)
    marked, offenders = marked_strings()
    assert marked == {("W", "Fine", "")}
    assert offenders == ["widget.py:3: tr(x) cannot be translated"]
