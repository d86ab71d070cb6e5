"""``pcf-workbench export STUDY --label … --report …``: exit codes, atomic output, language and size."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from studybuilders import write_workbook
from test_cli import GOOD_INVENTORY, ROOT, run_cli

EXAMPLE = ROOT / "resources" / "examples" / "electric-kettle.xlsx"
MM = 72.0 / 25.4


def _text(pdf: Path) -> str:
    from pypdf import PdfReader

    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.read_bytes())).pages)


def test_export_writes_label_and_report(tmp_path: Path) -> None:
    label, report = tmp_path / "label.pdf", tmp_path / "report.pdf"
    result = run_cli("export", EXAMPLE, "--label", label, "--report", report, "--lang", "zh")
    assert result.returncode == 0, result.stderr
    assert f"wrote {label}" in result.stdout and f"wrote {report}" in result.stdout
    assert "129" in _text(label) and "草稿 – 未冻结" in _text(label)  # a workbook is never frozen
    text = _text(report)
    assert "产品碳足迹研究报告" in text and "Goal and scope" not in text
    assert sorted(p.name for p in tmp_path.iterdir()) == ["label.pdf", "report.pdf"]  # no temporary files


@pytest.mark.parametrize(("size", "mm"), [("60x40", (60, 40)), ("100x70", (100, 70)), ("a4", (210, 297))])
def test_label_size_option(tmp_path: Path, size: str, mm: tuple[int, int]) -> None:
    from pypdf import PdfReader

    label = tmp_path / "label.pdf"
    result = run_cli("export", EXAMPLE, "--label", label, "--label-size", size, "--lang", "en")
    assert result.returncode == 0, result.stderr
    box = PdfReader(str(label)).pages[0].mediabox
    assert (round(float(box.width) / MM), round(float(box.height) / MM)) == mm


def test_at_least_one_output_is_required() -> None:
    result = run_cli("export", EXAMPLE)
    assert result.returncode == 2
    assert "--label" in result.stderr and "Traceback" not in result.stderr


def test_wrong_suffix_or_folder_is_an_input_error(tmp_path: Path) -> None:
    result = run_cli("export", EXAMPLE, "--label", tmp_path / "label.png")
    assert result.returncode == 2 and ".pdf" in result.stderr
    result = run_cli("export", EXAMPLE, "--report", tmp_path / "missing" / "r.pdf")
    assert result.returncode == 2 and "no such folder" in result.stderr
    result = run_cli("export", EXAMPLE, "--label", tmp_path / "same.pdf", "--report", tmp_path / "same.pdf")
    assert result.returncode == 2 and "name the same file" in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_bad_study_leaves_no_file(tmp_path: Path) -> None:
    bad = [[*GOOD_INVENTORY[0][:4], "1,5", *GOOD_INVENTORY[0][5:]]]
    wb = write_workbook(tmp_path / "bad.xlsx", inventory=bad)
    label = tmp_path / "label.pdf"
    label.write_bytes(b"previous label")
    result = run_cli("export", wb, "--label", label, "--report", tmp_path / "report.pdf")
    assert result.returncode == 2
    assert "decimal comma" in result.stderr and "Traceback" not in result.stderr
    assert label.read_bytes() == b"previous label"  # the old file is untouched
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.xlsx", "label.pdf"]


def test_unknown_language_is_refused(tmp_path: Path) -> None:
    result = run_cli("export", EXAMPLE, "--label", tmp_path / "l.pdf", "--lang", "fr")
    assert result.returncode == 2 and "invalid choice" in result.stderr
