"""Suggest emission factors for BOM materials, and remember the ones a person confirmed.

For each material (code, name, specification, activity unit) the matcher asks the factor library
(:meth:`FactorLibrary.search`, English and Chinese) with a few queries made from the name, its
words and Chinese character runs, the specification's words and a short table of common BOM
material words with their English names (``SUS304`` → stainless steel, ``PP`` → polypropylene).
Candidates whose unit cannot measure the material's activity (a per-kWh factor for steel in kg)
are dropped. Each candidate gets a confidence in [0, 1]: how much of the material's text
(name counts most, specification less) the factor's name covers, plus a little for how much of the
factor's name the material explains. Query results are cached, so a BOM with a shared vocabulary
is matched quickly.

A mapping confirmed by a person (``MappingMemory``, per material code, stored in the user-data
folder) wins over every suggestion and has confidence 1.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path

from app.core.domain import Factor
from app.core.errors import InputError, UnitError
from app.core.messages import problem
from app.core.progress import NO_PROGRESS, Progress
from app.core.units import Dimension, parse_unit
from app.io.atomic import atomic_output
from app.paths import user_data_dir

MEMORY_FILE = "bom_mappings.json"
MEMORY_SCHEMA = "pcf-bom-mappings/1"
SUGGESTIONS = 5
QUERY_LIMIT = 15

# Common BOM material words → English words the library's names use.
MATERIAL_WORDS: dict[str, str] = {
    "不锈钢": "stainless steel",
    "sus304": "stainless steel",
    "sus316": "stainless steel",
    "304": "stainless steel",
    "碳钢": "steel",
    "冷轧": "steel",
    "热轧": "steel",
    "钢": "steel",
    "铝": "aluminium",
    "铜": "copper",
    "黄铜": "brass",
    "锌": "zinc",
    "铁": "iron",
    "铸铁": "iron",
    "塑料": "plastic",
    "pp": "polypropylene PP",
    "pe": "polyethylene",
    "hdpe": "HDPE",
    "ldpe": "LDPE",
    "pet": "PET",
    "pvc": "PVC",
    "ps": "polystyrene",
    "abs": "plastics average",
    "聚丙烯": "polypropylene PP",
    "聚乙烯": "polyethylene",
    "纸箱": "paper board",
    "瓦楞": "paper board",
    "纸": "paper",
    "纸板": "paper board",
    "玻璃": "glass",
    "橡胶": "rubber",
    "木": "wood",
    "木材": "wood",
    "电线": "copper wire",
    "电源线": "copper wire",
    "螺钉": "steel",
    "螺丝": "steel",
    "螺栓": "steel",
    "螺母": "steel",
    "弹簧": "steel",
    "泡沫": "polystyrene",
    "包装": "paper board",
    "线缆": "copper wire",
}

_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_RUNS = re.compile(rf"[{_CJK}]+|[^\W_{_CJK}]+")
_IS_CJK = re.compile(rf"[{_CJK}]")


@dataclass(slots=True)
class Material:
    """One material to match: ``key`` is its code (or ``name:<name>`` when it has none).

    Treated as immutable (not frozen only because frozen dataclasses are slow to create).
    """

    key: str
    code: str
    name: str
    spec: str
    unit: str  # the activity unit the factor must measure (kg for a counted part with a weight)


@dataclass(frozen=True, slots=True)
class FactorSuggestion:
    factor_id: str
    name: str
    name_zh: str
    unit: str
    value: float
    dataset: str
    confidence: float

    @property
    def label(self) -> str:
        return (
            f"{self.name} {self.name_zh}".strip() if self.name_zh and self.name_zh != self.name else self.name
        )


@dataclass(frozen=True, slots=True)
class MaterialMatch:
    material: Material
    suggestions: tuple[FactorSuggestion, ...] = ()
    remembered: str | None = None  # factor id confirmed earlier (memory or a mapping file)
    remembered_origin: str = ""  # "memory" or the mapping file's name

    @property
    def best(self) -> FactorSuggestion | None:
        return self.suggestions[0] if self.suggestions else None


# --- tokens and confidence ---------------------------------------------------------------------------


@lru_cache(maxsize=65536)
def _weighted_tokens(text: str) -> tuple[tuple[str, float], ...]:
    """Latin words (weight 1) and Chinese bigrams (1) + single characters (0.5)."""
    out: dict[str, float] = {}
    for run in _RUNS.findall(unicodedata.normalize("NFKC", text).casefold()):
        if _IS_CJK.match(run):
            for ch in run:
                out.setdefault(ch, 0.5)
            for i in range(len(run) - 1):
                out[run[i : i + 2]] = 1.0
        elif not run.isdigit() and len(run) > 1:
            out[run] = 1.0
    return tuple(out.items())


def _covered(token: str, hay: set[str], hay_words: tuple[str, ...]) -> bool:
    if token in hay:
        return True
    # English words: 'alumin' covers 'aluminium'; 'steel' covers 'steels'
    return len(token) >= 4 and not _IS_CJK.match(token) and any(w.startswith(token) for w in hay_words)


# Words of factors that are not the making of a material (for raw materials they rank lower).
_NOT_PRODUCTION = ("landfill", "combusted", "incinerat", "recycl", "compost", "waste", "end of life", "填埋",
                   "焚烧", "回收", "堆肥", "废弃")  # fmt: skip
_PRODUCTION = ("primary material production", "原生材料生产", "production", "生产")


def _recall(tokens: tuple[tuple[str, float], ...], spec: tuple[tuple[str, float], ...], hay: set[str],
            words: tuple[str, ...]) -> float:  # fmt: skip
    total = sum(w for _, w in tokens) + 0.4 * sum(w for _, w in spec)
    got = sum(w for t, w in tokens if _covered(t, hay, words)) + 0.4 * sum(
        w for t, w in spec if _covered(t, hay, words)
    )
    return got / total if total else 0.0


def confidence(material: Material, factor: Factor) -> float:
    """How well ``factor``'s names explain ``material``'s name and specification (0..1).

    The material is read twice, as written and as the English words of :data:`MATERIAL_WORDS`
    (so ``不锈钢板`` meets ``stainless steel``); each is compared with the factor's English and its
    Chinese name, and the best pairing counts. Factors for waste treatment score lower.
    """
    readings = [
        _weighted_tokens(material.name),
        _weighted_tokens(_synonyms(f"{material.name} {material.spec}")),
    ]
    spec_tokens = _weighted_tokens(material.spec)
    sides = [t for t in (factor.name, factor.name_zh) if t]
    if not readings[0] or not sides:
        return 0.0
    material_hay = {t for reading in readings for t, _ in reading} | {t for t, _ in spec_tokens}
    best = 0.0
    for side in sides:
        side_tokens = dict(_weighted_tokens(side))
        hay = set(side_tokens)
        words = tuple(t for t in hay if not _IS_CJK.match(t))
        recall = max(_recall(reading, spec_tokens, hay, words) for reading in readings if reading)
        side_total = sum(side_tokens.values())
        precision = (
            sum(w for t, w in side_tokens.items() if t in material_hay) / side_total if side_total else 0.0
        )
        best = max(best, 0.8 * recall + 0.2 * precision)
    text = f"{factor.name} {factor.name_zh}".casefold()
    if any(w in text for w in _code_words(material.code)):
        best = min(1.0, best + 0.05)  # the material code names the material (e.g. 'PVC-PIPE-20')
    if any(w in text for w in _NOT_PRODUCTION):
        best *= 0.6
    elif any(w in text for w in _PRODUCTION):
        best = min(1.0, best + 0.05)
    return round(min(best, 0.99), 3)


def _synonym_phrases(text: str) -> list[str]:
    folded = unicodedata.normalize("NFKC", text).casefold()
    words = set(_RUNS.findall(folded))
    phrases = [
        en for zh, en in MATERIAL_WORDS.items() if (zh in folded if _IS_CJK.match(zh) else zh in words)
    ]
    return list(dict.fromkeys(phrases))


def _synonyms(text: str) -> str:
    return " ".join(_synonym_phrases(text))


def _code_words(code: str) -> list[str]:
    """Letter runs (3+) of a material code that may name the material: ``PVC-20-A`` → ``pvc``."""
    runs = re.findall(r"[A-Za-z]{3,}", unicodedata.normalize("NFKC", code))
    return [r.casefold() for r in runs]


def _queries(material: Material) -> list[str]:
    """At most ten library queries: the whole name, its runs, the spec's words, English synonyms."""
    queries: list[str] = [material.name]
    for run in _RUNS.findall(unicodedata.normalize("NFKC", material.name).casefold()):
        if _IS_CJK.match(run) and len(run) > 2:
            queries.append(run[-2:])  # Chinese material names end in the material: 不锈钢板 → 钢板
        queries.append(run)
    queries += [
        r for r in _RUNS.findall(unicodedata.normalize("NFKC", material.spec).casefold()) if len(r) > 1
    ]
    queries += _synonym_phrases(f"{material.name} {material.spec} {material.code}")
    queries += _code_words(material.code)
    seen: dict[str, str] = {}
    for q in queries:
        q = q.strip()
        if q and not q.isdigit():
            seen.setdefault(q.casefold(), q)
    return list(seen.values())[:10]


# --- the matcher ----------------------------------------------------------------------------------------


class FactorMatcher:
    """Suggests factors from a library-like object (``search(query, limit)`` → hits with ``.factor``)."""

    def __init__(self, library: object | None, memory: Mapping[str, MappingEntry] | None = None) -> None:
        self.library = library
        self.memory = dict(memory or {})
        self._cache: dict[str, list[Factor]] = {}

    def _search(self, query: str) -> list[Factor]:
        key = query.casefold()
        found = self._cache.get(key)
        if found is None:
            found = []
            search = getattr(self.library, "search", None)
            if search is not None:
                try:
                    hits = search(query, limit=QUERY_LIMIT)
                except InputError:
                    hits = []
                found = [getattr(h, "factor", h) for h in hits]
                found = [f for f in found if isinstance(f, Factor)]
            self._cache[key] = found
        return found

    def match(self, material: Material) -> MaterialMatch:
        remembered = self.memory.get(material.key)
        dimension = _dimension(material.unit)
        candidates: dict[str, Factor] = {}
        for query in _queries(material):
            for factor in self._search(query):
                if factor.factor_id not in candidates and _dimension(factor.unit) is dimension:
                    candidates[factor.factor_id] = factor
        scored = sorted(
            ((confidence(material, f), i, f) for i, f in enumerate(candidates.values())),
            key=lambda t: (-t[0], t[1]),
        )
        suggestions = tuple(
            FactorSuggestion(f.factor_id, f.name, f.name_zh, f.unit, f.value, f.dataset, c)
            for c, _, f in scored[:SUGGESTIONS]
            if c > 0
        )
        if remembered is not None:
            return MaterialMatch(material, suggestions, remembered.factor_id, remembered.origin or "memory")
        return MaterialMatch(material, suggestions)

    def match_all(
        self, materials: Sequence[Material], progress: Progress = NO_PROGRESS
    ) -> dict[str, MaterialMatch]:
        out: dict[str, MaterialMatch] = {}
        for i, material in enumerate(materials):
            if i % 200 == 0:
                progress.step(i, len(materials))
            out[material.key] = self.match(material)
        return out


@lru_cache(maxsize=1024)
def _dimension(unit: str) -> Dimension | None:
    try:
        return parse_unit(unit).dimension
    except UnitError:
        return None


# --- mapping memory -------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class MappingEntry:
    """A confirmed mapping: material code → factor id (with names for people reading the file)."""

    code: str
    factor_id: str
    material_name: str = ""
    factor_name: str = ""
    updated: str = ""
    origin: str = field(default="", compare=False)


class MappingMemory:
    """Confirmed mappings per material code, kept as JSON in the user-data folder (atomic writes)."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = Path(path) if path is not None else user_data_dir() / MEMORY_FILE
        self.entries: dict[str, MappingEntry] = self._load()

    def _load(self) -> dict[str, MappingEntry]:
        if not self.path.is_file():
            return {}
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise InputError(
                problem("bom.memory_unreadable", {"reason": str(exc)}, file=str(self.path))
            ) from None
        if not isinstance(data, dict) or data.get("schema") != MEMORY_SCHEMA:
            raise InputError(problem("bom.memory_schema", file=str(self.path)))
        out = {}
        for code, item in dict(data.get("mappings", {})).items():
            if isinstance(item, dict) and item.get("factor_id"):
                out[str(code)] = MappingEntry(
                    str(code),
                    str(item["factor_id"]),
                    str(item.get("material_name", "")),
                    str(item.get("factor_name", "")),
                    str(item.get("updated", "")),
                    "memory",
                )
        return out

    def remember(self, entries: Iterable[MappingEntry]) -> int:
        """Add or replace mappings and save; returns how many changed."""
        changed = 0
        stamp = datetime.now(UTC).isoformat(timespec="seconds")
        for entry in entries:
            old = self.entries.get(entry.code)
            if old is not None and old.factor_id == entry.factor_id:
                continue
            self.entries[entry.code] = MappingEntry(
                entry.code,
                entry.factor_id,
                entry.material_name,
                entry.factor_name,
                entry.updated or stamp,
                "memory",
            )
            changed += 1
        if changed:
            self.save()
        return changed

    def forget(self, code: str) -> bool:
        if self.entries.pop(code, None) is None:
            return False
        self.save()
        return True

    def save(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        data = {
            "schema": MEMORY_SCHEMA,
            "mappings": {
                e.code: {
                    "factor_id": e.factor_id,
                    "material_name": e.material_name,
                    "factor_name": e.factor_name,
                    "updated": e.updated,
                }
                for e in sorted(self.entries.values(), key=lambda e: e.code)
            },
        }
        with atomic_output(self.path) as tmp:
            tmp.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
