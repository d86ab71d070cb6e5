"""GUI test fixtures: a fake factor library, a fake prompter, fresh settings, the main window."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

pytest.importorskip("pytestqt")

from kettle import FACTORS, kettle_study, write_kettle

from app.core.domain import Factor
from app.factors.gwp_data import load_gwp_tables
from app.services.context import AppContext, LazyFactorSource

LIBRARY = [
    Factor("LIB-STEEL-HR", "Steel, hot rolled coil", 2.21, "kg", dataset="Test DB", name_zh="热轧钢卷"),
    Factor(
        "LIB-STEEL-SS", "Stainless steel, cold rolled", 6.8, "kg", dataset="Test DB", name_zh="冷轧不锈钢"
    ),
    Factor("LIB-ALU", "Aluminium ingot", 16.5, "kg", dataset="Test DB", name_zh="铝锭"),
    Factor(
        "LIB-GRID", "Electricity, national grid", 0.5366, "kWh", dataset="Test DB", name_zh="全国电网电力"
    ),
    Factor("LIB-TRUCK", "Lorry, 16-32 t", 0.105, "t·km", dataset="Test DB", name_zh="货车运输"),
]


@dataclass
class FakeHit:
    factor: Factor
    category: str = "materials"
    region: str = "CN"
    year: int | None = 2023
    dataset: str = "Test DB"
    rank: float = 0.0


class FakeLibrary:
    """Same interface as app.factors.library.FactorLibrary (search/get_factor)."""

    def __init__(self, factors: list[Factor]) -> None:
        self.factors = {f.factor_id: f for f in factors}
        self.queries: list[str] = []

    def get_factor(self, factor_id: str) -> Factor | None:
        return self.factors.get(factor_id)

    def search(self, query: str, limit: int = 20, **_filters: object) -> list[FakeHit]:
        self.queries.append(query)
        words = query.casefold().split()
        hits = [
            FakeHit(f)
            for f in self.factors.values()
            if all(w in f"{f.factor_id} {f.name} {f.name_zh}".casefold() for w in words)
        ]
        return hits[:limit]


@dataclass
class FakePrompter:
    """Canned answers; records what the window said."""

    open_answers: list[Path | None] = field(default_factory=list)
    open_filters: list[str | None] = field(default_factory=list)  # the filter each open dialog offered
    save_answers: list[Path | None] = field(default_factory=list)
    confirm_answer: bool = True
    messages: list[tuple[str, str, str]] = field(default_factory=list)

    def open_path(self, title: str, start: Path | None, file_filter: str | None = None) -> Path | None:
        self.open_filters.append(file_filter)
        return self.open_answers.pop(0) if self.open_answers else None

    def save_path(self, title: str, suggested: Path) -> Path | None:
        return self.save_answers.pop(0) if self.save_answers else None

    def confirm(self, title: str, text: str) -> bool:
        self.messages.append(("confirm", title, text))
        return self.confirm_answer

    def info(self, title: str, text: str) -> None:
        self.messages.append(("info", title, text))

    def error(self, title: str, text: str) -> None:
        self.messages.append(("error", title, text))


@pytest.fixture(autouse=True)
def ui_language(qapp) -> Iterator:
    """Every GUI test starts in English; ``ui_language("zh_CN")`` switches (translators + locale)."""
    from app.gui.i18n import install_language

    installed = [install_language("en")]

    def switch(setting: str, folder: Path | None = None):
        installed[-1].uninstall()
        installed.append(install_language(setting, folder))
        return installed[-1]

    yield switch
    installed[-1].uninstall()
    install_language("en")


@pytest.fixture
def library() -> FakeLibrary:
    return FakeLibrary(LIBRARY)


@pytest.fixture
def ctx(library: FakeLibrary) -> AppContext:
    return AppContext(factors=LazyFactorSource(lambda: library), gwp_tables=load_gwp_tables())


@pytest.fixture
def prompter() -> FakePrompter:
    return FakePrompter()


@pytest.fixture
def kettle_file(tmp_path: Path) -> Path:
    return write_kettle(tmp_path / "kettle.xlsx")


@pytest.fixture
def window(qtbot, ctx: AppContext, prompter: FakePrompter, tmp_path: Path) -> Iterator:
    from app.gui.launch import build_window, make_application
    from app.gui.settings import GuiSettings

    make_application()
    win = build_window(ctx, GuiSettings(tmp_path / "settings.ini"), prompter)
    qtbot.addWidget(win)
    win.resize(1300, 800)
    win.show()
    yield win
    win.bridge.undo_stack.setClean()  # closing must not ask
    win.runner.cancel_all()
    win.runner.wait(5000)


@pytest.fixture
def opened(qtbot, window, kettle_file: Path):
    """The window with the kettle study opened and its first result shown."""
    with qtbot.waitSignal(window.resultShown, timeout=10_000):
        window.open_path(kettle_file)
    return window


__all__ = ["FACTORS", "kettle_study"]


def save_and_freeze(qtbot, window, prompter: FakePrompter, project: Path) -> str:
    """Save the open study as ``project`` and freeze it for certification; its fingerprint."""
    prompter.save_answers.append(project)
    with qtbot.waitSignal(window.projects.saved, timeout=10_000):
        window.projects.act_save_as.trigger()
    with qtbot.waitSignal(window.projects.saved, timeout=10_000):
        window.projects.act_freeze.trigger()
    fingerprint = window.projects.fingerprint
    assert fingerprint is not None and len(fingerprint) == 64
    return fingerprint
