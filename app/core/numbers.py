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
from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal
from itertools import repeat
from operator import add

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
    return f"{rounded:,f}" if thousands else f"{rounded:f}"


_QUANTA: dict[int, Decimal] = {}  # 10**exponent as a Decimal, per exponent (immutable values)


def format_sig_each(
    values: Sequence[float], sig: int = DISPLAY_SIGNIFICANT_FIGURES, thousands: bool = True
) -> list[str]:
    """``[format_sig(v, sig, thousands) for v in values]``, the same texts in about half the time:
    each step of :func:`round_sig` runs for all values in one C loop (``map``), for planning the
    thousands of weights of a big BOM."""
    if 0 in values or not all(map(math.isfinite, values)):  # zeros and errors: one by one
        return [format_sig(v, sig, thousands) for v in values]
    decimals = list(map(Decimal, map(repr, values)))
    adjusted = list(map(Decimal.adjusted, decimals))  # the exponent of each value's first digit
    exponents = list(map(add, adjusted, repeat(1 - sig)))  # … and of its last significant one
    for exponent in set(exponents) - _QUANTA.keys():
        _QUANTA[exponent] = Decimal(1).scaleb(exponent)
    quanta = map(_QUANTA.__getitem__, exponents)
    rounded = list(map(Decimal.quantize, decimals, quanta, repeat(ROUND_HALF_UP)))
    # str() is the 'f' text of a Decimal from 1e-6 up whose exponent is not above 0 (the last
    # significant digit at or right of the point); below 100 (which rounds to at most 100.0) it has
    # no thousands to group either
    if values and min(adjusted) >= -6 and max(adjusted) <= (min(1, sig - 1) if thousands else sig - 1):
        return list(map(str, rounded))
    return list(map(format, rounded, repeat(",f" if thousands else "f")))


def format_percent(share: float, decimals: int = 1) -> str:
    """A share (0.256 → ``25.6%``), half-up; a small non-zero share shows as ``<0.1%``."""
    if not math.isfinite(share):
        return "–"
    pct = Decimal(repr(share * 100.0)).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    if pct == 0 and share != 0:
        smallest = Decimal(1).scaleb(-decimals)
        return f"<{smallest}%" if share > 0 else f">-{smallest}%"
    return f"{pct}%"
