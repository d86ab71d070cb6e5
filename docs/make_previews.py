"""Render the PNG previews of the label draft and the study report shown in the README.

``python docs/make_previews.py`` calculates the bundled example study on the bundled factor
library, writes the label (A4 sheet, 100×70 mm, 60×40 mm) and the bilingual report to a temporary
folder and converts pages to PNG with ``pdftoppm`` (poppler-utils) into ``docs/``. The example
workbook is not a frozen revision, so the documents carry the DRAFT mark.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from app.services.context import open_context  # noqa: E402
from app.services.reports import build_report_data, write_label, write_report  # noqa: E402
from app.services.studies import calculate_file  # noqa: E402

EXAMPLE = ROOT / "resources" / "examples" / "electric-kettle.xlsx"
DOCS = ROOT / "docs"
LABELS = {"a4": 60, "100x70": 220, "60x40": 300}  # size → dpi of the preview
REPORT_PAGES = (1, 2, 3, 5)  # cover, contents, scope and process map, results
REPORT_DPI = 60


def png(pdf: Path, out_stem: Path, dpi: int, page: int = 1) -> Path:
    subprocess.run(
        ["pdftoppm", "-png", "-r", str(dpi), "-f", str(page), "-l", str(page), "-singlefile", str(pdf),
         str(out_stem)],
        check=True,
    )  # fmt: skip
    return out_stem.with_suffix(".png")


def main() -> None:
    if shutil.which("pdftoppm") is None:
        sys.exit("pdftoppm not found: install poppler-utils")
    ctx = open_context()
    try:
        loaded, result = calculate_file(EXAMPLE, ctx)
        data = build_report_data(result, loaded.fingerprint, ctx.factors, ctx.gwp_tables, EXAMPLE.name)
    finally:
        ctx.close()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for size, dpi in LABELS.items():
            pdf = write_label(data, folder / f"label-{size}.pdf", size=size, lang="both")
            print("wrote", png(pdf, DOCS / f"preview-label-{size}", dpi))
        report = write_report(data, folder / "report.pdf", lang="both")
        for page in REPORT_PAGES:
            print("wrote", png(report, DOCS / f"preview-report-page{page}", REPORT_DPI, page))


if __name__ == "__main__":
    main()
