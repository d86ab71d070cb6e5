"""The user library: kept apart, created lazily, add/edit/delete, import from CSV and Excel."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import openpyxl
import pytest

from app.core.errors import HostileFileError, InputError
from app.factors import user_import
from app.factors.library import FactorLibrary
from app.factors.user_library import UserFactorInput

ITEM = UserFactorInput(
    factor_id="supplier-a-ingot",
    name="Aluminium ingot, supplier A",
    name_zh="铝锭（供应商A）",
    value=8.2,
    unit="千克",
    source="Supplier A EPD S-P-01234 (2024)",
    gwp_basis="ar6",
    gases={"CO2": 7.9, "CH4_fossil": 0.01},
    region="China, Guangxi",
    year=2024,
)


def test_user_library_is_created_on_first_write(fresh_library: FactorLibrary) -> None:
    assert not fresh_library.user_path.exists()
    fresh_library.search("aluminium")
    assert fresh_library.get_factor("user:nothing") is None
    assert not fresh_library.user_path.exists()
    factor = fresh_library.add_user_factor(ITEM)
    assert fresh_library.user_path.is_file()
    assert factor.factor_id == "user:supplier-a-ingot"
    assert factor.unit == "kg" and factor.gwp_basis == "AR6" and factor.dataset == "user"
    assert factor.gases == {"CO2": 7.9, "CH4_fossil": 0.01}


def test_user_factor_is_found_and_shown(fresh_library: FactorLibrary) -> None:
    fresh_library.add_user_factor(ITEM)
    assert fresh_library.search("铝锭", limit=3)[0].factor_id == "user:supplier-a-ingot"
    assert fresh_library.search("supplier ingot", limit=1)[0].factor_id == "user:supplier-a-ingot"
    assert fresh_library.search("EPD", dataset="user")[0].factor_id == "user:supplier-a-ingot"
    record = fresh_library.factor_record("user:supplier-a-ingot")
    assert record is not None and not record.read_only and record.source.startswith("Supplier A EPD")
    assert [d.dataset_id for d in fresh_library.datasets()][-1] == "user"
    assert fresh_library.get_factors(
        ["user:supplier-a-ingot", "cn-mee:cfp:2024:national", "nope"]
    ).keys() == {
        "user:supplier-a-ingot",
        "cn-mee:cfp:2024:national",
    }


def test_edit_and_delete(fresh_library: FactorLibrary) -> None:
    fresh_library.add_user_factor(ITEM)
    with pytest.raises(InputError, match="already exists"):
        fresh_library.add_user_factor(ITEM)
    edited = fresh_library.edit_user_factor(ITEM.__class__(**{**_fields(ITEM), "value": 7.5}))
    assert edited.value == 7.5 and fresh_library.get_factor("user:supplier-a-ingot").value == 7.5  # type: ignore[union-attr]
    assert fresh_library.search("铝锭", limit=5)[0].factor.value == 7.5  # re-indexed, no duplicates
    assert len([h for h in fresh_library.search("铝锭", limit=20) if h.dataset == "user"]) == 1
    assert fresh_library.delete_user_factor("user:supplier-a-ingot")
    assert fresh_library.get_factor("user:supplier-a-ingot") is None
    assert fresh_library.search("铝锭", dataset="user") == []


def test_bundled_factors_are_read_only(fresh_library: FactorLibrary, tmp_path: Path) -> None:
    with pytest.raises(InputError, match="read-only"):
        fresh_library.delete_user_factor("cn-mee:cfp:2024:national")
    with pytest.raises(InputError, match="does not exist"):
        fresh_library.edit_user_factor(ITEM)
    # the bundled file is opened with mode=ro: even a raw write through its connection fails
    with pytest.raises(sqlite3.OperationalError):
        fresh_library._bundled.con.execute("DELETE FROM factors")


def test_validation_reports_every_problem(fresh_library: FactorLibrary) -> None:
    bad = UserFactorInput(
        factor_id="a b", name="", value=-1.0, unit="ton", source="", gwp_basis="AR9", year=1800
    )
    with pytest.raises(InputError) as err:
        fresh_library.add_user_factor(bad)
    columns = {p.column for p in err.value.problems}
    assert columns == {"factor_id", "name", "value", "unit", "source", "gwp_basis", "year"}
    assert any("ambiguous" in p.message for p in err.value.problems)


def _fields(item: UserFactorInput) -> dict[str, object]:
    return {f: getattr(item, f) for f in item.__slots__}  # type: ignore[attr-defined]


def test_import_csv_utf8_and_gbk(fresh_library: FactorLibrary, tmp_path: Path) -> None:
    text = '因子编号,名称,中文名称,因子值,单位,数据来源,CO2\nA-1,Steel coil,钢卷,"2,150.5",t,Mill report 2024,\nA-2,PP resin,聚丙烯,1.9,kg,Supplier B,1.8\n'
    for encoding in ("utf-8-sig", "gbk"):
        path = tmp_path / f"f-{encoding}.csv"
        path.write_bytes(text.encode(encoding))
        added, replaced = fresh_library.import_user_file(path)
        assert (added, replaced) == ((2, 0) if encoding == "utf-8-sig" else (0, 2))
    steel = fresh_library.get_factor("user:A-1")
    assert steel is not None and steel.value == 2150.5 and steel.unit == "t" and steel.name_zh == "钢卷"
    assert fresh_library.get_factor("user:A-2").gases == {"CO2": 1.8}  # type: ignore[union-attr]


def test_import_xlsx_reports_row_and_column(fresh_library: FactorLibrary, tmp_path: Path) -> None:
    path = tmp_path / "supplier.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Factors"
    ws.append(["name", "value", "unit", "source", "year"])
    ws.append(["Good one", 1.5, "kg", "Supplier C", 2024])
    ws.append(["Bad value", "1,5", "kg", "Supplier C", 2024])
    ws.append(["Bad unit", 2, "ton", "", 2024.5])
    wb.save(path)
    with pytest.raises(InputError) as err:
        fresh_library.import_user_file(path)
    where = {(p.row, p.column) for p in err.value.problems}
    assert where == {(3, "value"), (4, "unit"), (4, "source"), (4, "year")}
    assert all(p.file == "supplier.xlsx" and p.sheet == "Factors" for p in err.value.problems)
    assert "decimal comma" in str(err.value.problems[0])
    assert not fresh_library.user_path.exists()  # all or nothing: nothing written


def test_import_refuses_absurd_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    big = tmp_path / "big.csv"
    big.write_bytes(b"name,value,unit,source\n" + b"x,1,kg,s\n" * 10)
    monkeypatch.setattr(user_import, "MAX_FILE_BYTES", 50)
    with pytest.raises(HostileFileError):
        user_import.plan_import(big)
    with pytest.raises(InputError, match=r"\.xlsx or \.csv"):
        user_import.plan_import(tmp_path / "x.txt") if (tmp_path / "x.txt").write_text("a") else None
    fake = tmp_path / "fake.xlsx"
    fake.write_bytes(b"not a zip")
    monkeypatch.setattr(user_import, "MAX_FILE_BYTES", 10**6)
    with pytest.raises(InputError, match="not a valid"):
        user_import.plan_import(fake)


def test_import_missing_columns_and_duplicates(tmp_path: Path) -> None:
    path = tmp_path / "f.csv"
    path.write_text("name,value\nx,1\n", encoding="utf-8")
    with pytest.raises(InputError, match="missing column"):
        user_import.plan_import(path)
    path.write_text("factor_id,name,value,unit,source\nx,a,1,kg,s\nuser:x,b,2,kg,s\n", encoding="utf-8")
    with pytest.raises(InputError, match="repeats row 2"):
        user_import.plan_import(path)


def test_guard_runs_before_the_reader(tmp_path: Path) -> None:
    path = tmp_path / "g.xlsx"
    wb = openpyxl.Workbook()
    wb.active.append(["name", "value", "unit", "source"])
    wb.save(path)
    seen: list[Path] = []
    with pytest.raises(InputError, match="no factor rows"):
        user_import.plan_import(path, guard=seen.append)
    assert seen == [path]
