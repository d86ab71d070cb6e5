"""The UI language: translators, locale, and the one place text from the core becomes UI text.

At start-up the composition root calls :func:`install_language` with the user's setting
(``UserSettings.language``: ``"system"``, ``"en"`` or ``"zh_CN"``). It loads our compiled
translation (``resources/i18n/pcf_workbench_zh_CN.qm``, built by ``python -m app.gui.i18n build``)
and Qt's own ``qtbase_zh_CN.qm`` (standard dialog buttons), and sets the default ``QLocale``.
A missing ``.qm`` is logged and the UI stays English: it never stops the app.

* :func:`message_text` / :func:`problem_text` / :func:`error_text`: a core message (code +
  params from ``app.core.messages``) in the UI language (context ``core`` in the .ts).
* :func:`bilingual`: a domain label that carries both languages (``Stage.label_en``/``label_zh``).
* :func:`format_number` / :func:`format_share` / :func:`format_date`: the app's one rounding rule
  (``format_sig``/``format_percent``) with the locale's decimal point and grouping on top.

Developers: ``python -m app.gui.i18n update`` refreshes the .ts from the sources and the core
catalog, ``build`` compiles the .qm files, ``check`` fails while an entry is unfinished
(see app/gui/README.md).
"""

from __future__ import annotations

import datetime as dt
import logging
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QDate, QDateTime, QLibraryInfo, QLocale, QTime, QTranslator

from app.core.errors import Problem
from app.core.messages import MESSAGES, CodedError, render
from app.core.numbers import format_percent, format_sig

log = logging.getLogger(__name__)

BASENAME = "pcf_workbench"
LANGUAGES = ("en", "zh_CN")  # the UI languages we ship (English is the source language)
CORE_CONTEXT = "core"


def ui_language(setting: str, system: QLocale | None = None) -> str:
    """``"en"`` or ``"zh_CN"`` for a setting; ``"system"`` follows the OS locale (any Chinese → zh_CN)."""
    if setting in LANGUAGES:
        return setting
    locale = system if system is not None else QLocale.system()
    return "zh_CN" if locale.language() == QLocale.Language.Chinese else "en"


def locale_for(language: str) -> QLocale:
    """The locale for numbers and dates in a UI language.

    Numbers follow the UI language rather than any system locale: the input parser refuses decimal
    commas (one reading of numbers), so the screen never shows one either.
    """
    if language == "zh_CN":
        return QLocale(QLocale.Language.Chinese, QLocale.Country.China)
    return QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)


def translations_dir() -> Path | None:
    from app.paths import resource_path

    try:
        return resource_path("i18n")
    except FileNotFoundError:
        return None


@dataclass
class InstalledLanguage:
    """What :func:`install_language` did; keep it alive (Qt does not own the translators)."""

    language: str
    translators: list[QTranslator] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)

    def uninstall(self) -> None:
        for tr in self.translators:
            QCoreApplication.removeTranslator(tr)
        self.translators.clear()


def install_language(setting: str, folder: Path | None = None) -> InstalledLanguage:
    """Install the translators for ``setting`` on the running application and set the locale."""
    language = ui_language(setting)
    installed = InstalledLanguage(language)
    QLocale.setDefault(locale_for(language))
    if language == "en":
        return installed
    folder = folder if folder is not None else translations_dir()
    ours = folder / f"{BASENAME}_{language}.qm" if folder is not None else None
    qt_folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    for name, path in ((BASENAME, ours), ("qtbase", Path(qt_folder) / f"qtbase_{language}.qm")):
        tr = QTranslator()
        if path is not None and path.is_file() and tr.load(str(path)):
            QCoreApplication.installTranslator(tr)
            installed.translators.append(tr)
        else:
            installed.missing.append(name)
            log.warning("translation %s for %s not found (%s); that part stays English", name, language, path)
    return installed


def is_chinese_ui() -> bool:
    return QLocale().language() == QLocale.Language.Chinese


# --- text from the core ---------------------------------------------------------------------------


def _translated_template(code: str, template: str) -> str:
    return QCoreApplication.translate(CORE_CONTEXT, template, code)


def message_text(code: str, params: Mapping[str, object] | None = None) -> str:
    """The catalog message ``code`` in the UI language (English when there is no translation)."""
    return render(code, params, _translated_template)


def problem_text(problem: Problem) -> str:
    """A problem's message in the UI language; problems from outside the catalog keep their text."""
    if problem.code in MESSAGES:
        return message_text(problem.code, problem.params)
    return problem.message


def error_text(exc: BaseException) -> str:
    """An exception for a person: coded errors are translated, anything else is its own text."""
    if isinstance(exc, CodedError) and exc.code in MESSAGES:
        return message_text(exc.code, exc.params)
    return str(exc)


def bilingual(en: str, zh: str) -> str:
    """A domain label that knows both languages, in the UI language (English if ``zh`` is empty)."""
    return zh if zh and is_chinese_ui() else en


def stage_label(stage) -> str:
    """A life-cycle stage's name in the UI language."""
    return bilingual(stage.label_en, stage.label_zh)


def boundary_label(boundary) -> str:
    return bilingual(boundary.value, boundary.label_zh)


def data_type_label(data_type) -> str:
    return bilingual(data_type.value, data_type.label_zh)


# --- numbers and dates ----------------------------------------------------------------------------


def localise_number_text(text: str, locale: QLocale | None = None) -> str:
    """``1,234.5`` (as format_sig writes it) with the locale's grouping and decimal point."""
    loc = locale if locale is not None else QLocale()
    group, point = loc.groupSeparator(), loc.decimalPoint()
    if (group, point) == (",", "."):
        return text
    return text.replace(",", "\0").replace(".", point).replace("\0", group)


def format_number(value: float, sig: int | None = None) -> str:
    """A number a person reads: the app's rounding rule, then the locale's separators."""
    text = format_sig(value) if sig is None else format_sig(value, sig)
    return localise_number_text(text)


def format_share(share: float) -> str:
    return localise_number_text(format_percent(share))


def format_date(value: dt.date | dt.datetime, long: bool = False) -> str:
    """A date (or date and time) in the locale's format."""
    fmt = QLocale.FormatType.LongFormat if long else QLocale.FormatType.ShortFormat
    if isinstance(value, dt.datetime):
        qdt = QDateTime(
            QDate(value.year, value.month, value.day), QTime(value.hour, value.minute, value.second)
        )
        return QLocale().toString(qdt, fmt)
    return QLocale().toString(QDate(value.year, value.month, value.day), fmt)


def main(argv: list[str] | None = None) -> int:
    from app.gui.i18n_tool import main as tool_main

    return tool_main(argv)


if __name__ == "__main__":
    sys.exit(main())
