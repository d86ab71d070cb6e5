"""Drive LibreOffice headless as a real spreadsheet engine: load a workbook, recalculate, save.

LibreOffice keeps the cached values of an .xlsx by default (Tools ▸ Options ▸ Calc ▸ Formula ▸
"Recalculation on file load: never"), so a plain ``--convert-to`` proves nothing about formulas.
:func:`recalculated` starts it with a private, throw-away profile whose registry sets
``OOXMLRecalcMode`` to 0 ("always recalculate"), converts to xlsx and returns the file it wrote.
The whole process group is killed if it does not finish in time, so a hung soffice never
outlives the test.
"""

from __future__ import annotations

import math
import os
import shutil
import signal
import subprocess
from pathlib import Path

SOFFICE = shutil.which("soffice")
TIMEOUT_S = 180

_ALWAYS_RECALCULATE = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema"
           xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
"""


def recalculated(path: Path, workdir: Path, timeout: float = TIMEOUT_S) -> Path:
    """``path`` loaded, fully recalculated and saved again as xlsx by LibreOffice."""
    assert SOFFICE is not None, "LibreOffice (soffice) is not installed"
    profile = workdir / "lo-profile"
    (profile / "user").mkdir(parents=True, exist_ok=True)
    (profile / "user" / "registrymodifications.xcu").write_text(_ALWAYS_RECALCULATE, encoding="utf-8")
    outdir = workdir / "lo-out"
    outdir.mkdir(exist_ok=True)
    cmd = [SOFFICE, "--headless", "--norestore", "--nologo", f"-env:UserInstallation={profile.as_uri()}",
           "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", str(outdir), str(path)]  # fmt: skip
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
    try:
        out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate()
        raise AssertionError(f"LibreOffice did not finish within {timeout} s") from None
    result = outdir / (path.stem + ".xlsx")
    assert proc.returncode == 0 and result.exists(), f"LibreOffice failed: {out!r} {err!r}"
    return result


def assert_cached_values_are_what_libreoffice_computes(original: Path, recalculated_file: Path) -> int:
    """Every formula cell of ``original``: its cached value equals LibreOffice's result (1e-9
    relative); no cell of the recalculated workbook is an error. Returns how many were checked."""
    from openpyxl import load_workbook

    formulas, cached = load_workbook(original), load_workbook(original, data_only=True)
    again = load_workbook(recalculated_file, data_only=True)
    checked = 0
    for ws in formulas.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                lo = again[ws.title][cell.coordinate]
                assert lo.data_type != "e", (ws.title, cell.coordinate, lo.value)
                if cell.data_type == "f":
                    want = cached[ws.title][cell.coordinate].value
                    assert math.isclose(lo.value, want, rel_tol=1e-9, abs_tol=1e-15), (
                        ws.title,
                        cell.coordinate,
                    )
                    checked += 1
    return checked
