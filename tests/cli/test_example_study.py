"""The bundled example study opens and calculates against the bundled factor library."""

from __future__ import annotations

import json

from test_cli import ROOT, run_cli

EXAMPLE = ROOT / "resources" / "examples" / "electric-kettle.xlsx"


def test_bundled_example_calculates_cradle_to_grave_without_warnings() -> None:
    result = run_cli("calc", EXAMPLE, "--json", "-")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["boundary"] == "cradle-to-grave"
    assert all(value > 0 for value in data["stages"].values()), data["stages"]
    assert data["warnings"] == []
    assert {line["factor_origin"] for line in data["lines"] if "factor_origin" in line} == {"library"}
    # 0.8 kWh assembly electricity × China 2024 electricity carbon-footprint factor 0.5777
    assembly = next(line for line in data["lines"] if line["line_id"] == "2")
    assert abs(assembly["kgco2e"] - 0.8 * 0.5777) < 1e-12


def test_example_is_rebuilt_from_its_script_without_change(tmp_path) -> None:
    import importlib.util

    from app.io.study_workbook import read_study_workbook

    spec = importlib.util.spec_from_file_location("build_example", EXAMPLE.with_name("build_example.py"))
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    shipped = read_study_workbook(EXAMPLE).study
    assert shipped.info == module.STUDY.info
    assert shipped.lines == module.STUDY.lines
