"""The message catalog: every code the app uses exists, params fill every placeholder, zh is finished.

Static checks over the source (ast), so a new ``problem("x.y", {...})`` anywhere in ``app/`` is
checked without having to trigger it. The .ts check reads the committed translation file.
"""

from __future__ import annotations

import ast
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from app.core.errors import Problem
from app.core.messages import MESSAGES, CodedError, Message, placeholders, problem, render

ROOT = Path(__file__).resolve().parents[2]
APP = ROOT / "app"
TS = ROOT / "resources" / "i18n" / "pcf_workbench_zh_CN.ts"
CODE = re.compile(r"^[a-z][a-z0-9_]*(\.[a-z0-9_]+)*$")

# Callables whose first code-like string argument is a catalog code (and whose next argument,
# when it is a dict, holds the params): the catalog builders and the readers' small helpers.
CODE_TAKERS = {
    "problem", "Message", "CodedError", "EditError", "NumberFormatError", "CellError", "_NotANumber",
    "_hostile", "_broken", "add", "fail", "bad", "_problem",
}  # fmt: skip


def _name(call: ast.Call) -> str:
    f = call.func
    return f.id if isinstance(f, ast.Name) else f.attr if isinstance(f, ast.Attribute) else ""


def _dict_keys(node: ast.AST, assigned: dict[str, list[ast.Assign]], line: int = 10**9) -> set[str] | None:
    """Keys of a dict literal (directly or through the latest local assignment); None when unknowable."""
    if isinstance(node, ast.Name) and node.id in assigned:
        before = [a for a in assigned[node.id] if a.lineno <= line]
        if not before:
            return None
        node = before[-1].value
    if isinstance(node, ast.Dict):
        keys: set[str] = set()
        for k, v in zip(node.keys, node.values, strict=True):
            if k is None:  # {**other, ...}
                inner = _dict_keys(v, assigned, line)
                if inner is None:
                    return None
                keys |= inner
            elif isinstance(k, ast.Constant) and isinstance(k.value, str):
                keys.add(k.value)
            else:
                return None
        return keys
    if isinstance(node, ast.Call) and _name(node) == "_column_params":
        return {"column_en", "column_zh"}
    if isinstance(node, ast.Constant) and node.value is None:
        return set()
    return None


def _code_arg(call: ast.Call) -> int | None:
    """Position of the code: the first string for ``add``, else the last string constant."""
    strings = [i for i, a in enumerate(call.args) if isinstance(a, ast.Constant) and isinstance(a.value, str)]
    if not strings:
        return None
    if any(isinstance(a, ast.Attribute) and a.attr == "code" for a in call.args):
        return None  # another message's code and params passed on (checked where it is made)
    i = strings[0] if _name(call) == "add" else strings[-1]
    value = call.args[i].value  # type: ignore[attr-defined]
    return i if CODE.match(value) else None


def code_uses() -> list[tuple[str, int, str, frozenset[str] | None]]:
    """(file, line, code, param keys or None if unknowable) for every catalog use in app/."""
    # keyed by place, not id(call): ids of the nodes of a file already scanned (and freed) are reused
    # by the next file's, which silently dropped uses and made the collected test count vary
    found: dict[tuple[str, int, int], tuple[str, int, str, frozenset[str] | None]] = {}
    for path in sorted(APP.rglob("*.py")):
        if path.name == "messages.py" and path.parent.name == "core":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        # ast.walk is breadth-first: an inner function comes later and wins for its own calls.
        for fn in [tree, *(n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef))]:
            assigned: dict[str, list[ast.Assign]] = {}
            for node in sorted(
                (n for n in ast.walk(fn) if isinstance(n, ast.Assign)), key=lambda n: n.lineno
            ):
                for t in node.targets:
                    if isinstance(t, ast.Name):
                        assigned.setdefault(t.id, []).append(node)
            for call in (n for n in ast.walk(fn) if isinstance(n, ast.Call)):
                if _name(call) not in CODE_TAKERS or (i := _code_arg(call)) is None:
                    continue
                code = call.args[i].value  # type: ignore[attr-defined]
                rest = call.args[i + 1 :]
                keys: set[str] | None
                if _name(call) == "_problem":  # keywords are the params, line_id is added
                    keys = {"line_id", *(k.arg for k in call.keywords if k.arg)}
                elif rest:
                    keys = _dict_keys(rest[0], assigned, call.lineno)
                else:
                    kw = {k.arg: k.value for k in call.keywords}
                    keys = _dict_keys(kw["params"], assigned, call.lineno) if "params" in kw else set()
                where = str(path.relative_to(ROOT))
                found[where, call.lineno, call.col_offset] = (
                    where,
                    call.lineno,
                    code,
                    frozenset(keys) if keys is not None else None,
                )
    return sorted(found.values(), key=lambda u: (u[0], u[1], u[2]))


USES = code_uses()


def test_the_scan_finds_the_codes_of_every_layer() -> None:
    files = {f for f, *_ in USES}
    for expected in ("app/core/compile.py", "app/io/xlsx_guard.py", "app/io/study_workbook.py",
                     "app/factors/user_import.py", "app/services/studies.py", "app/cli/factors_cmd.py",
                     "app/gui/columns.py", "app/core/edits.py"):  # fmt: skip
        assert expected in files
    assert len(USES) > 120


@pytest.mark.parametrize(("file", "line", "code", "keys"), USES, ids=[f"{f}:{ln}" for f, ln, _, _ in USES])
def test_every_code_is_in_the_catalog_and_its_params_fill_the_template(file, line, code, keys) -> None:
    assert code in MESSAGES, f"{file}:{line}: '{code}' is not in app/core/messages.py"
    if keys is not None:
        missing = placeholders(MESSAGES[code]) - set(keys)
        assert not missing, f"{file}:{line}: '{code}' needs params {sorted(missing)}"


def test_no_problem_is_built_from_a_hand_written_message() -> None:
    """``Problem("text", ...)`` would bypass the catalog (the one copy in a locator passes a Problem on)."""
    offenders = []
    for path in sorted(APP.rglob("*.py")):
        if path.name in ("errors.py", "messages.py") and path.parent.name == "core":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and _name(node) == "Problem":
                first = node.args[0] if node.args else None
                if not (isinstance(first, ast.Attribute) and first.attr == "message"):
                    offenders.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert not offenders


def test_no_coded_error_or_problem_helper_is_given_english_text() -> None:
    """``EditError("free text")`` still works (shown as is) but cannot be translated: refuse it."""
    offenders = []
    for path in sorted(APP.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and _name(node) in CODE_TAKERS - {"add", "fail", "bad", "_problem"}:
                first = node.args[0] if node.args else None
                if (
                    isinstance(first, ast.Constant)
                    and isinstance(first.value, str)
                    and not CODE.match(first.value)
                ):
                    offenders.append(f"{path.relative_to(ROOT)}:{node.lineno}: {first.value!r}")
    assert not offenders, "use a code from app/core/messages.py:\n" + "\n".join(offenders)


def test_a_code_outside_the_catalog_is_shown_as_it_is() -> None:
    assert str(CodedError("a hand-written message")) == "a hand-written message"
    assert problem("no catalog entry").message == "no catalog entry"


def test_ambiguous_unit_hints_and_dimensions_are_catalog_codes() -> None:
    from app.core.units import AMBIGUOUS_UNITS, Dimension, dimension_message

    assert all(code in MESSAGES for code in AMBIGUOUS_UNITS.values())
    for d in Dimension:
        assert str(dimension_message(d)) == d.value  # English text unchanged


def test_rendering_fills_nested_messages_and_keeps_the_english_text() -> None:
    p = problem("line.unit", {"line_id": "7", "detail": Message("unit.unknown", {"unit": "furlong"})}, row=3)
    assert p.message == (
        "line '7': unknown unit 'furlong'; use one of the listed units (e.g. kg, kWh, m3, km, piece, t·km)"
    )
    assert isinstance(p, Problem) and p.code == "line.unit" and p.row == 3
    assert render("line.missing_parent", {}) == "parent '{parent}' does not exist"  # never crashes
    assert str(CodedError("edit.no_line", {"line_id": "x"})) == "no line 'x'"


# --- the translation ------------------------------------------------------------------------------


def _core_entries() -> dict[str, tuple[str, str, str]]:
    root = ET.parse(TS).getroot()
    out = {}
    for ctx in root.iter("context"):
        if ctx.findtext("name") != "core":
            continue
        for msg in ctx.iter("message"):
            tr = msg.find("translation")
            assert tr is not None
            out[msg.findtext("comment") or ""] = (
                msg.findtext("source") or "",
                tr.text or "",
                tr.get("type") or "",
            )
    return out


def same_placeholders(template: str, translation: str) -> bool:
    """The translation uses the template's placeholders; ``{x_zh}`` may stand for ``{x_en}``."""
    return {re.sub(r"_zh$", "_en", p) for p in placeholders(translation)} == placeholders(template)


def test_every_catalog_message_has_a_finished_chinese_translation_with_the_same_placeholders() -> None:
    entries = _core_entries()
    problems = []
    for code, template in MESSAGES.items():
        if code not in entries:
            problems.append(f"{code}: not in the .ts (run python -m app.gui.i18n update)")
            continue
        source, translation, kind = entries[code]
        if source != template:
            problems.append(f"{code}: the .ts has an old English text (run python -m app.gui.i18n update)")
        elif kind or not translation.strip():
            problems.append(f"{code}: translation unfinished")
        elif not same_placeholders(template, translation):
            problems.append(f"{code}: placeholders {placeholders(translation)} ≠ {placeholders(template)}")
    assert not problems, "\n".join(problems)


def test_the_placeholder_rule_catches_a_lost_or_renamed_placeholder() -> None:
    assert same_placeholders("'{unit}' is {what}", "“{unit}”是{what}")
    assert same_placeholders("{column_en} cannot be negative", "{column_zh}不能为负数")
    assert not same_placeholders("'{unit}' is {what}", "“{unit}”有误")
    assert not same_placeholders("'{unit}'", "“{units}”")
