"""``factors search | show | import | datasets`` through the CLI main, and a workbook whose
``factor_id`` column resolves against the library and the study's own Factors sheet."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from studybuilders import INVENTORY_HEADER, write_workbook

from app.cli import main
from app.services.context import open_context
from app.services.studies import calculate_file

from .conftest import SHIPPED_DB


@pytest.fixture
def cli(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    user = tmp_path / "user_factors.sqlite"

    def run(*args: str) -> tuple[int, str, str]:
        code = main(list(args), ctx_factory=lambda: open_context(SHIPPED_DB, user))
        out, err = capsys.readouterr()
        return code, out, err

    return run


def test_search_json(cli) -> None:
    code, out, _ = cli("factors", "search", "天然气", "--json", "--limit", "3")
    assert code == 0
    hits = json.loads(out)
    assert len(hits) == 3 and hits[0]["rank"] == 1 and "natural gas" in hits[0]["name"].lower()


def test_search_text_with_filters(cli) -> None:
    code, out, _ = cli(
        "factors", "search", "electricity", "--region", "China", "--year", "2024", "--limit", "2"
    )
    assert code == 0
    assert out.splitlines()[0].strip() == "1. cn-mee:cfp:2024:national"
    assert "0.5777 kg CO2e/kWh" in out and "电力碳足迹因子" in out
    code, out, _ = cli("factors", "search", "cement")
    assert "[SPEND-BASED]" in out


def test_show_has_full_provenance(cli) -> None:
    code, out, _ = cli("factors", "show", "desnz2025:1_100_1004_1_1")
    assert code == 0
    for text in (
        "2.06672 kg CO2e per m3",
        "Open Government Licence v3.0",
        "Contains public sector information",
        "Department for Energy Security and Net Zero",
        "2025 v1",
        "CO2e recomputed AR5",
        "天然气",
    ):
        assert text in out, text
    code, out, _ = cli("factors", "show", "cn-mee:cfp:2024:national", "--json")
    data = json.loads(out)
    assert data["value"] == 0.5777 and data["basis"] == "basis: not stated"
    assert data["dataset"]["attribution"].startswith("生态环境部")


def test_show_unknown_id_is_an_input_error(cli) -> None:
    code, _out, err = cli("factors", "show", "nope:1")
    assert code == 2 and "no factor with id 'nope:1'" in err and "Traceback" not in err


def test_datasets_list_licences(cli) -> None:
    code, out, _ = cli("factors", "datasets", "--json")
    assert code == 0
    data = {d["id"]: d for d in json.loads(out)}
    assert set(data) == {"cn-mee", "desnz2025", "epahub2025", "useeio13", "owid-ember", "ipcc-gwp100"}
    assert all(d["licence"] and d["attribution"] for d in data.values())
    assert data["owid-ember"]["licence"] == "CC BY 4.0"


def test_import_reports_problems_then_succeeds(cli, tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("name,value,unit,source\nResin,abc,kg,Supplier\n", encoding="utf-8")
    code, _, err = cli("factors", "import", str(bad))
    assert code == 2 and "bad.csv, row 2, column 'value'" in err
    good = tmp_path / "good.csv"
    good.write_text(
        "factor_id,name,value,unit,source\nresin-b,Resin B,1.9,kg,Supplier B 2024\n", encoding="utf-8"
    )
    code, out, _ = cli("factors", "import", str(good))
    assert code == 0 and "imported 1 user factors" in out
    code, out, _ = cli("factors", "show", "user:resin-b")
    assert "Supplier B 2024" in out and "yes (user library)" in out


def test_import_xlsx_goes_through_the_guard(cli, tmp_path: Path) -> None:
    path = tmp_path / "hostile.xlsx"
    path.write_bytes(b"PK\x03\x04" + b"\x00" * 100)
    code, _, err = cli("factors", "import", str(path))
    assert code == 2 and "Traceback" not in err


def test_workbook_factor_ids_resolve_against_library_and_factors_sheet(tmp_path: Path) -> None:
    row = dict.fromkeys(INVENTORY_HEADER)
    lines = [
        {**row, "line_id": "1", "stage": "production", "name": "Grid power", "quantity": 100, "unit": "kWh",
         "factor_id": "cn-mee:cfp:2024:national"},
        {**row, "line_id": "2", "stage": "production", "name": "Natural gas", "quantity": 2, "unit": "MMBtu",
         "factor_id": "epahub2025:t1:natural-gas:mmbtu"},
        {**row, "line_id": "3", "stage": "raw_materials", "name": "Own steel", "quantity": 3, "unit": "kg",
         "factor_id": "S-1"},
    ]  # fmt: skip
    wb = write_workbook(
        tmp_path / "study.xlsx",
        study_rows=[("product_name", "Heater"), ("declared_unit", "1 piece"), ("gwp_set", "AR5")],
        inventory=[[r[h] for h in INVENTORY_HEADER] for r in lines],
        factors=[["S-1", "Steel from our mill", 2.1, "kg", "mill report"]],
    )
    ctx = open_context(SHIPPED_DB, tmp_path / "u.sqlite")
    try:
        _, result = calculate_file(wb, ctx)
    finally:
        ctx.close()
    # AR5 (fossil CH4 30): natural gas 53.06 + 0.001 x 30 + 0.0001 x 265 = 53.1165 per MMBtu
    assert result.result.total == pytest.approx(100 * 0.5777 + 2 * 53.1165 + 3 * 2.1, rel=1e-12)
