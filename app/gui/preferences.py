"""Edit → Preferences…: the user's settings that are not part of a study (now: the UI language).

The language is stored in the injected :class:`~app.services.settings.UserSettings` and applies
the next time the app starts (the dialog says so): widgets are built with their texts once, and
a restart is simpler and safer than re-translating every open view.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QVBoxLayout, QWidget

from app.services.settings import UserSettings

# Language names are shown in their own language, whatever the UI language is.
LANGUAGE_NAMES = {"en": "English", "zh_CN": "简体中文"}


class PreferencesDialog(QDialog):
    languageChanged = Signal(str)  # the new setting ("system", "en", "zh_CN")

    def __init__(self, user_settings: UserSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.user_settings = user_settings
        self.setObjectName("preferencesDialog")
        self.setWindowTitle(self.tr("Preferences"))
        self.language = QComboBox()
        self.language.setObjectName("languageChoice")
        self.language.addItem(self.tr("Follow the system language"), "system")
        for code, name in LANGUAGE_NAMES.items():
            self.language.addItem(name, code)
        self.language.setCurrentIndex(max(0, self.language.findData(user_settings.language)))
        self.note = QLabel(self.tr("The new language is used the next time PCF Workbench starts."))
        self.note.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("Language"), self.language)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.buttons = buttons
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.note)
        layout.addWidget(buttons)

    def chosen_language(self) -> str:
        return str(self.language.currentData())

    def accept(self) -> None:
        chosen = self.chosen_language()
        if chosen != self.user_settings.language:
            self.user_settings.set_language(chosen)
            self.languageChanged.emit(chosen)
        super().accept()


def add_preferences_action(window, user_settings: UserSettings) -> QAction:
    """Hook Edit → Preferences… into the main window (``window.edit_menu``, ``show_message``)."""
    text = QCoreApplication.translate("PreferencesDialog", "&Preferences…")
    act = QAction(text, window)
    act.setObjectName("actionPreferences")
    act.setMenuRole(QAction.MenuRole.PreferencesRole)
    act.setStatusTip(text.replace("&", ""))

    def open_dialog() -> None:
        dialog = PreferencesDialog(user_settings, window)
        dialog.languageChanged.connect(
            lambda _lang: window.show_message(
                QCoreApplication.translate(
                    "PreferencesDialog", "Restart PCF Workbench to use the new language"
                )
            )
        )
        window.preferences_dialog = dialog  # tests reach the open dialog here
        dialog.open()

    act.triggered.connect(lambda _checked=False: open_dialog())
    window.edit_menu.addSeparator()
    window.edit_menu.addAction(act)
    window.act_preferences = act
    return act
