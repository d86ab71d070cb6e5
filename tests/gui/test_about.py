"""The About dialog shows every bundled dataset's licence and attribution, as the licences require."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.gui.launch import build_window
from app.gui.settings import GuiSettings
from app.services.context import open_context

pytestmark = pytest.mark.gui


def test_about_lists_the_attribution_of_every_bundled_dataset(qtbot, prompter, tmp_path: Path) -> None:
    ctx = open_context()
    window = build_window(ctx, GuiSettings(tmp_path / "settings.ini"), prompter)
    qtbot.addWidget(window)
    try:
        window.show_about()
        kind, _title, text = prompter.messages[-1]
        assert kind == "info"
        assert "Open Government Licence v3.0" in text  # DESNZ (OGL requires the attribution statement)
        assert "CC BY 4.0" in text  # OWID / Ember
        for dataset in ctx.factors.source.datasets():
            assert dataset.attribution in text
        assert "Apache" in text  # the bundled CJK font
    finally:
        window.close()
        ctx.close()
