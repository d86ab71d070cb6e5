"""The xlsx guard refuses hostile and broken files quickly, in bounded memory, without false positives.

Hostile files are inspected in a subprocess with RLIMIT_AS = 1.5 GiB and a 20 s timeout, so a guard
that aborted, hung or ballooned would fail the test instead of taking the test run down.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))  # hostile_files, shared with the CLI tests
import hostile_files as hf

from app.core.errors import HostileFileError, InputError
from app.io.xlsx_guard import (
    SheetInfo,
    XlsxLimits,
    _last_of,
    check_sheet,
    col_index,
    col_letters,
    guard_xlsx,
    inspect_xlsx,
    parse_range,
)

ROOT = Path(__file__).resolve().parents[2]
MEMORY_LIMIT = 1536 * 1024 * 1024
TIMEOUT = 20.0

_CHILD = """
import json, resource, sys, time
resource.setrlimit(resource.RLIMIT_AS, ({limit}, {limit}))
sys.path.insert(0, {root!r})
from pathlib import Path
from app.io.xlsx_guard import guard_xlsx
started = time.perf_counter()
try:
    guard = guard_xlsx(Path({path!r}))
    out = {{"ok": True, "sheets": [s.name for s in guard.info.sheets]}}
except Exception as exc:
    problem = getattr(exc, "problems", [None])[0]
    out = {{"ok": False, "type": type(exc).__name__, "message": str(exc),
           "classes": [c.__name__ for c in type(exc).__mro__],
           "sheet": getattr(problem, "sheet", None), "code": getattr(problem, "code", None)}}
out["seconds"] = time.perf_counter() - started
out["max_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps(out))
"""


def guard_in_subprocess(path: Path) -> dict[str, object]:
    code = _CHILD.format(limit=MEMORY_LIMIT, root=str(ROOT), path=str(path))
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=TIMEOUT)
    assert proc.returncode == 0, f"guard process died (rc={proc.returncode}): {proc.stderr[-2000:]}"
    return json.loads(proc.stdout.strip().splitlines()[-1])


# --- hostile and broken files --------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(hf.HOSTILE))
def test_hostile_file_refused_in_bounded_time_and_memory(tmp_path: Path, name: str) -> None:
    maker, expected = hf.HOSTILE[name]
    path = maker(tmp_path)
    result = guard_in_subprocess(path)
    assert result["ok"] is False, result
    assert result["type"] == expected, result
    assert "InputError" in result["classes"]  # the CLI maps every InputError to exit code 2
    assert path.name in str(result["message"])
    assert len(str(result["message"]).splitlines()) <= 2
    print(f"{name}: refused in {result['seconds']:.3f} s, max RSS {result['max_rss_mb']:.0f} MB")
    assert float(result["seconds"]) < TIMEOUT  # generous: the subprocess timeout is the real bound


@pytest.mark.parametrize("name", sorted(hf.BROKEN))
def test_broken_file_is_a_plain_input_error(tmp_path: Path, name: str) -> None:
    maker, expected = hf.BROKEN[name]
    path = maker(tmp_path)
    with pytest.raises(InputError) as info:
        guard_xlsx(path)
    assert type(info.value).__name__ == expected
    assert not isinstance(info.value, HostileFileError)
    assert path.name in str(info.value)


@pytest.mark.parametrize(
    ("maker", "words"),
    [
        (hf.make_not_a_zip, "not a zip archive"),
        (hf.make_old_xls, "old-format Excel file (.xls)"),
        (hf.make_encrypted_xlsx, "password-protected"),
        (hf.make_truncated_zip, "truncated"),
        (hf.make_zip_without_workbook, "no xl/workbook.xml"),
    ],
)
def test_broken_file_messages_say_what_to_do(
    tmp_path: Path, maker: Callable[[Path], Path], words: str
) -> None:
    with pytest.raises(InputError, match=None) as info:
        inspect_xlsx(maker(tmp_path))
    assert words in str(info.value)
    assert ".xlsx" in str(info.value)


@pytest.mark.parametrize(
    ("maker", "sheet", "words"),
    [
        (hf.make_huge_dimension, "Inventory", "claims A1:XFD1048576 (17,179,869,184 cells"),
        (hf.make_whole_sheet_merge, "Inventory", "merges A1:XFD1048576"),
        (hf.make_far_apart_cells, "Inventory", "A1:XFD1048576"),
        (hf.make_far_cells_without_refs, "Inventory", "A1:XFD1048576"),
    ],
)
def test_sheet_refusals_name_the_sheet_and_range(
    tmp_path: Path, maker: Callable[[Path], Path], sheet: str, words: str
) -> None:
    with pytest.raises(HostileFileError) as info:
        guard_xlsx(maker(tmp_path))
    problem = info.value.problems[0]
    assert problem.sheet == sheet
    assert words in problem.message
    assert f"sheet '{sheet}'" in str(info.value)


def test_entity_attacks_name_the_part(tmp_path: Path) -> None:
    for maker, part in [
        (hf.make_billion_laughs_sheet, "xl/worksheets/sheet1.xml"),
        (hf.make_billion_laughs_shared_strings, "xl/sharedStrings.xml"),
        (hf.make_xxe_sheet, "xl/worksheets/sheet1.xml"),
        (hf.make_xxe_styles, "xl/styles.xml"),
    ]:
        with pytest.raises(HostileFileError, match="DTD") as info:
            inspect_xlsx(maker(tmp_path))
        assert part in str(info.value)
        assert info.value.problems[0].code == "xlsx_xml_dtd"


@pytest.fixture(scope="module")
def real_bomb(tmp_path_factory: pytest.TempPathFactory) -> Path:
    # 2 GiB of blanks inside a sheet, 2 MB on disk; takes ~5 s to build, so built once.
    return hf.make_zip_bomb_real(tmp_path_factory.mktemp("bomb"))


def test_real_zip_bomb_refused_before_inflating(real_bomb: Path) -> None:
    result = guard_in_subprocess(real_bomb)
    assert result["type"] == "HostileFileError", result
    assert "zip bomb" in str(result["message"])
    print(f"2 GiB bomb refused in {result['seconds']:.3f} s, max RSS {result['max_rss_mb']:.0f} MB")


def test_ratio_check_catches_a_bomb_under_the_size_limits(tmp_path: Path) -> None:
    path = hf.make_zip_bomb_real(tmp_path, size=64 * 1024 * 1024)
    with pytest.raises(HostileFileError, match=r"compressed \d[\d,]*:1"):
        inspect_xlsx(path)


def test_streaming_budget_catches_a_lying_sheet_header(tmp_path: Path) -> None:
    """A sheet declaring its compressed size as its size: check_sheet inflates no further than that."""
    path = hf.make_zip_bomb_lying(tmp_path, size=32 * 1024 * 1024)
    sheet = SheetInfo("Inventory", "visible", "xl/sharedStrings.xml")
    with pytest.raises(HostileFileError, match="inflates past its declared"):
        check_sheet(path, sheet)


def test_limits_are_configurable(tmp_path: Path) -> None:
    path = hf.make_valid_study(tmp_path)
    with pytest.raises(InputError, match="limit"):
        inspect_xlsx(path, XlsxLimits(max_file_bytes=100))
    with pytest.raises(HostileFileError, match="claims A1:H4"):
        guard_xlsx(path, XlsxLimits(max_sheet_cells=10))


# --- no false positives --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "maker", [hf.make_valid_minimal, hf.make_valid_study, hf.make_valid_openpyxl, hf.make_prefixed_namespace]
)
# the hand-made files have no styles part on purpose (the least a reader must accept)
@pytest.mark.filterwarnings("ignore:Workbook contains no default style:UserWarning")
def test_legit_files_pass_and_calamine_and_openpyxl_read_them(
    tmp_path: Path, maker: Callable[[Path], Path]
) -> None:
    import openpyxl
    from python_calamine import CalamineWorkbook

    path = maker(tmp_path)
    guard = guard_xlsx(path)
    names = [s.name for s in guard.info.sheets]
    assert names == CalamineWorkbook.from_path(str(path)).sheet_names
    assert names == openpyxl.load_workbook(path, read_only=True).sheetnames
    assert set(guard.scans) == set(names)


def test_valid_study_sheets_parts_and_dimensions(tmp_path: Path) -> None:
    info = inspect_xlsx(hf.make_valid_study(tmp_path))
    assert info.file == "valid_study.xlsx"
    study, inventory = info.sheets
    assert (study.name, study.state, study.part, study.dimension, study.shape) == (
        "Study",
        "visible",
        "xl/worksheets/sheet1.xml",
        "A1:B5",
        (5, 2),
    )
    assert inventory.part == "xl/worksheets/sheet2.xml" and inventory.shape == (4, 8)
    assert info.sheet("  inventory ") is inventory
    assert info.hidden == []


def test_openpyxl_uses_defusedxml() -> None:
    import openpyxl.xml
    import openpyxl.xml.functions

    assert openpyxl.xml.DEFUSEDXML is True
    assert openpyxl.xml.functions.iterparse.__module__.startswith("defusedxml")


# --- what the reader needs to report per cell -----------------------------------------------------


def test_hidden_and_very_hidden_sheets_reported(tmp_path: Path) -> None:
    info = inspect_xlsx(hf.make_hidden_sheets(tmp_path))
    assert [(s.name, s.state) for s in info.sheets] == [
        ("Study", "visible"),
        ("Inventory", "hidden"),
        ("Factors", "veryHidden"),
    ]
    assert [s.name for s in info.hidden] == ["Inventory", "Factors"]


def test_formulas_without_cached_value_listed(tmp_path: Path) -> None:
    scans = guard_xlsx(hf.make_uncached_formula(tmp_path)).scans
    scan = scans["Inventory"]
    # C1 has no <v>, B2 an empty one; A2 is cached and C2 caches a text result.
    assert scan.uncached_formulas == ["C1", "B2"]
    assert scan.formulas == 4
    assert not scan.uncached_truncated


def test_shared_formula_children_without_value_are_uncached(tmp_path: Path) -> None:
    scan = guard_xlsx(hf.make_shared_formula_uncached(tmp_path)).scans["Inventory"]
    assert scan.uncached_formulas == ["B1", "B2", "B3"]  # B4 has a cached 8


def test_uncached_list_is_capped(tmp_path: Path) -> None:
    scan = guard_xlsx(hf.make_many_uncached_formulas(tmp_path)).scans["Inventory"]
    assert len(scan.uncached_formulas) == 1_000
    assert scan.uncached_truncated and scan.uncached_count == 1_500
    assert scan.uncached_formulas[:2] == ["A1", "A2"]


def test_openpyxl_formula_has_no_cached_value(tmp_path: Path) -> None:
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Inventory"
    ws.append(["quantity", "factor", "kg CO2e"])
    ws.append([2, 3, "=A2*B2"])
    path = tmp_path / "openpyxl_formula.xlsx"
    wb.save(path)
    assert guard_xlsx(path).scans["Inventory"].uncached_formulas == ["C2"]


def test_formulas_split_across_chunks_are_all_found(tmp_path: Path) -> None:
    """Cells straddling the 4 MB decompression chunks must be neither lost nor doubled."""
    rows = "".join(
        f'<row r="{r}"><c r="A{r}"><v>{r}</v></c><c r="B{r}" t="inlineStr"><is><t>{"x" * 200}</t></is></c>'
        f'<c r="C{r}"><f>A{r}*2</f>{"" if r % 7 else f"<v>{2 * r}</v>"}</c></row>'
        for r in range(1, 40_001)
    )
    path = hf.write_book(
        tmp_path / "chunks.xlsx", hf.Book([hf.Sheet("Inventory", f"<sheetData>{rows}</sheetData>")])
    )
    scan = guard_xlsx(path, XlsxLimits(max_uncached_listed=100_000)).scans["Inventory"]
    assert scan.formulas == 40_000
    expected = [f"C{r}" for r in range(1, 40_001) if r % 7]
    assert scan.uncached_formulas == expected


# --- helpers and speed ---------------------------------------------------------------------------


def test_a1_helpers() -> None:
    assert (
        col_index("A") == 1 and col_index("Z") == 26 and col_index("AA") == 27 and col_index("XFD") == 16_384
    )
    assert col_letters(16_384) == "XFD" and col_letters(27) == "AA"
    assert parse_range("A1:XFD1048576") == (1_048_576, 16_384)
    assert parse_range("B2") == (1, 1)
    assert parse_range("$A$1:$C$3") == (3, 3)
    assert parse_range("nonsense") is None


@pytest.mark.slow
def test_speed_big_sheet(tmp_path: Path) -> None:
    """100,000 rows x 16 columns, no formulas (57 MB of XML): report the scan time, no tight assert."""
    path = hf.make_valid_big(tmp_path)
    info = inspect_xlsx(path)
    best = min(_timed(lambda: check_sheet(path, info.sheets[0])) for _ in range(3))
    scan = check_sheet(path, info.sheets[0])
    print(f"check_sheet 100k x 16: {best:.3f} s (scan reports {scan.seconds:.3f} s)")
    assert scan.max_row == 100_000 and scan.formulas == 0
    assert best < TIMEOUT


def _timed(fn: Callable[[], object]) -> float:
    started = time.perf_counter()
    fn()
    return time.perf_counter() - started


def test_wide_legit_sheet_passes_after_exact_rescan(tmp_path: Path) -> None:
    """300 columns x 1,000 rows: the fast bound (Z99999 x 300 columns) is over the cap, the real area is not."""
    rows = "".join(
        f'<row r="{r}">'
        + "".join(f'<c r="{col_letters(c)}{r}"><v>{c}</v></c>' for c in range(1, 301))
        + "</row>"
        for r in range(1, 1_001)
    )
    path = hf.write_book(
        tmp_path / "wide.xlsx", hf.Book([hf.Sheet("Inventory", f"<sheetData>{rows}</sheetData>")])
    )
    scan = guard_xlsx(path).scans["Inventory"]
    assert (scan.max_row, scan.max_col) == (1_000, 300)


def test_legit_sheet_without_cell_refs_passes(tmp_path: Path) -> None:
    """Some writers omit r= and rely on position; the exact scan places such cells itself."""
    rows = "".join(f"<row>{'<c><v>1</v></c>' * 5}<c><f>A1</f></c></row>" for _ in range(1, 101))
    path = hf.write_book(
        tmp_path / "norefs.xlsx", hf.Book([hf.Sheet("Inventory", f"<sheetData>{rows}</sheetData>")])
    )
    scan = guard_xlsx(path).scans["Inventory"]
    assert (scan.max_row, scan.max_col) == (100, 6)
    assert scan.uncached_count == 100 and scan.uncached_formulas[0] == "?"


def test_a_formula_far_from_its_cell_tag_is_still_located(tmp_path: Path) -> None:
    """The cell tag is looked for near its <f> first; a longer gap falls back to the full search."""
    gap = " " * 3000  # whitespace inside the start tag, longer than the near window
    body = (
        '<dimension ref="A1:B2"/><sheetData><row r="1"><c r="A1"><v>2</v></c>'
        f'<c r="B1"{gap}><f>A1*2</f></c></row>'
        '<row r="2"><c r="A2"><f>A1+1</f></c><c r="B2"><f>A2+1</f><v>4</v></c></row></sheetData>'
    )
    path = hf.write_book(tmp_path / "far.xlsx", hf.Book([hf.Sheet("Inventory", body)]))
    scan = guard_xlsx(path).scans["Inventory"]
    assert scan.uncached_formulas == ["B1", "A2"]
    assert scan.formulas == 3


@pytest.mark.parametrize(
    "buf",
    [
        b"",
        b"<row><c r='A1'><v>1</v></c>" + b" " * 100_000,  # the only cell ends before the tail
        b"<c>" + b"x" * 100_000 + b"<c r='B1'>",  # both kinds, one before the tail and one in it
        b"<c r='A1'>" + b"y" * 70_000 + b"</c><c>",  # the later needle in the tail, the other before
        b"no cells at all" * 10_000,
    ],
)
def test_last_of_finds_what_a_whole_buffer_search_finds(buf: bytes) -> None:
    # _last_of looks in the block's tail first; the answer must not depend on where the match is.
    for needles in ((b"<c ", b"<c>"), (b"</c>",), (b"<",)):
        assert _last_of(buf, *needles) == max(buf.rfind(n) for n in needles)
