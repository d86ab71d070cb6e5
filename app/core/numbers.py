"""Reading numbers that people typed, and the one rounding rule for numbers people read.

Parsing is strict: ``1,234.5`` (thousands separators in groups of three) and ``5%`` are read;
a decimal comma (``1,5`` or ``1.234,5``), stray text or an empty cell is an error with a hint,
never a silent NaN or 0.

Rounding (``round_sig``/``format_sig``) is the single documented display rule of the app:
round half-up (away from zero on a tie) to N significant figures, default 3 — applied on
screen, in labels and reports, never to stored or exported full-precision values. A non-zero
value never displays as 0.
"""

from __future__ import annotations

import math
import re
import unicodedata
from decimal import ROUND_HALF_UP, Decimal

from app.core.messages import CodedError

DISPLAY_SIGNIFICANT_FIGURES = 3

_PLAIN = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")
_GROUPED = re.compile(r"[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?")
_DECIMAL_COMMA = re.compile(r"[+-]?(?:\d{1,3}(?:\.\d{3})+|\d+),\d+")


class NumberFormatError(CodedError):
    """Text that is not a number we can read without guessing; ``str()`` is the user message."""


def parse_number_text(text: str) -> float:
    """Parse a number typed as text (NFKC-normalised, so full-width digits work)."""
    s = unicodedata.normalize("NFKC", text).strip().replace("\u00a0", " ")
    if not s:
        raise NumberFormatError("number.empty")
    compact = s.replace(" ", "") if re.fullmatch(r"[+-]? *[\d.,eE+-]+", s) else s
    if _PLAIN.fullmatch(compact):
        return float(compact)
    if _GROUPED.fullmatch(compact):
        return float(compact.replace(",", ""))
    if _DECIMAL_COMMA.fullmatch(compact):
        suggestion = compact.replace(".", "").replace(",", ".")
        raise NumberFormatError("number.decimal_comma", {"text": text, "suggestion": suggestion})
    raise NumberFormatError("number.invalid", {"text": text})


def parse_fraction_text(text: str) -> float:
    """A fraction written as ``0.05`` or ``5%`` (also ``5 %`` and full-width ``５％``)."""
    s = unicodedata.normalize("NFKC", text).strip()
    if s.endswith("%"):
        return parse_number_text(s[:-1]) / 100.0
    return parse_number_text(s)


def round_sig(value: float, sig: int = DISPLAY_SIGNIFICANT_FIGURES) -> Decimal:
    """``value`` rounded half-up to ``sig`` significant figures, as an exact Decimal."""
    if not math.isfinite(value):
        raise ValueError(f"cannot round {value}")
    if value == 0:
        return Decimal(0)
    d = Decimal(repr(value))
    exponent = d.adjusted() - sig + 1
    return d.quantize(Decimal(1).scaleb(exponent), rounding=ROUND_HALF_UP)


def format_sig(value: float, sig: int = DISPLAY_SIGNIFICANT_FIGURES, thousands: bool = True) -> str:
    """Display text of ``value`` by the app's rounding rule (no exponent notation)."""
    rounded = round_sig(value, sig)
    # Decimal's 'f' format keeps trailing zeros that are significant (e.g. 1.20).
    text = f"{rounded:,f}" if thousands else f"{rounded:f}"
    if rounded == rounded.to_integral_value() and "." not in text:
        return text
    return text


def format_percent(share: float, decimals: int = 1) -> str:
    """A share (0.256 → ``25.6%``), half-up; a small non-zero share shows as ``<0.1%``."""
    if not math.isfinite(share):
        return "–"
    pct = Decimal(repr(share * 100.0)).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    if pct == 0 and share != 0:
        smallest = Decimal(1).scaleb(-decimals)
        return f"<{smallest}%" if share > 0 else f">-{smallest}%"
    return f"{pct}%"
