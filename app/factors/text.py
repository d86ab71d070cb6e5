"""Search tokens for the factor index, English and Chinese alike.

SQLite's ``unicode61`` tokenizer keeps a run of Chinese characters as one token, and the
``trigram`` tokenizer cannot match terms shorter than three characters (``铝``, ``电力``, ``货车``).
So we tokenise ourselves, identically for indexing and querying:

- Latin letters and digits: lower-cased words (``natural``, ``gas``, ``2023``, ``134a``); a query
  word matches as a prefix, so typing ``alumin`` already finds aluminium.
- Chinese: every character and every pair of neighbouring characters (unigrams + bigrams). A query
  run of two or more characters must contain all its bigrams in the text (``天然气`` → ``天然``
  AND ``然气``), a single character must occur itself. This is the usual CJK bigram index and
  answers any substring query of Chinese text like a trigram index would.

The FTS table then uses ``unicode61`` only to split on the spaces we put in.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping

from app.core.units import parse_unit

# CJK ideographs (incl. extension A and compatibility), and Latin/digit words.
_CJK = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_RUN = re.compile(rf"[{_CJK}]+|[^\W_{_CJK}]+", re.UNICODE)
_IS_CJK = re.compile(rf"[{_CJK}]")


def _runs(text: str) -> list[str]:
    return _RUN.findall(unicodedata.normalize("NFKC", text).casefold())


def _cjk_grams(run: str) -> list[str]:
    return list(run) + [run[i : i + 2] for i in range(len(run) - 1)]


def index_tokens(text: str) -> str:
    """Space-separated tokens to store in the FTS index for ``text``."""
    out: list[str] = []
    for run in _runs(text):
        out.extend(_cjk_grams(run) if _IS_CJK.match(run) else [run])
    return " ".join(out)


def query_terms(query: str) -> list[str]:
    """FTS5 terms (implicitly ANDed) for a user's query; empty when it has no searchable text."""
    terms: list[str] = []
    for run in _runs(query):
        if _IS_CJK.match(run):
            grams = [run] if len(run) == 1 else [run[i : i + 2] for i in range(len(run) - 1)]
            terms.extend(f'"{g}"' for g in grams)
        else:
            # One letter as a prefix matches most of the library and means nothing yet.
            terms.append(f'"{run}"*' if len(run) > 1 else f'"{run}"')
    return list(dict.fromkeys(terms))


# Words people type for a factor's unit besides its code and Chinese label.
UNIT_WORDS = {
    "L": "litre litres liter liters",
    "m3": "cubic metre metres meter",
    "t": "tonne tonnes",
    "kg": "kilogram",
    "gal": "gallon gallons",
    "t·km": "tkm tonne-km tonne km",
    "vehicle·km": "vehicle km",
    "vehicle·mile": "vehicle mile miles",
    "passenger·km": "passenger km pkm",
    "short ton": "short ton tons",
    "USD": "dollar dollars spend",
}


def unit_words(unit: str) -> str:
    return f"{unit} {parse_unit(unit).label_zh} {UNIT_WORDS.get(unit, '')}"


def search_columns(row: Mapping[str, object]) -> tuple[str, str, str, str]:
    """The FTS columns (name, keywords, category, region) of a factor row, tokenised."""
    return (
        index_tokens(f"{row['name']} {row['name_zh']}"),
        index_tokens(
            f"{row['keywords']} {row['factor_id']} {row['year'] or ''} {unit_words(str(row['unit']))}"
        ),
        index_tokens(f"{row['category']} {row['category_zh']}"),
        index_tokens(f"{row['region']} {row['region_zh']}"),
    )
