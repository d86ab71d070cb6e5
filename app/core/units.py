"""Units from an explicit whitelist, with Chinese and English aliases.

Only units of the same dimension convert. A unit that is not listed is an error, and so is one
that is ambiguous (``ton``: short ton or tonne?) — never a guess. Text is normalised with NFKC
(full-width ``ｋｇ`` → ``kg``, ``m³`` → ``m3``) and inner spaces are collapsed before lookup.
Case is significant except for the aliases listed in ``_CASELESS`` where no other reading exists
(``KG``, ``PCS``, ``KWH``).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache

from app.core.errors import UnitError
from app.core.messages import Message, problem


class Dimension(StrEnum):
    MASS = "mass"
    ENERGY = "energy"
    VOLUME = "volume"
    NORMAL_VOLUME = "normal volume"  # Nm3: gas volume at 0 °C, 101.325 kPa
    STANDARD_CUBIC_FOOT = "standard volume (scf)"  # 60 °F; not convertible to Nm3 without a state
    LENGTH = "length"
    AREA = "area"
    COUNT = "count"
    TRANSPORT_WORK = "transport work"
    PASSENGER_DISTANCE = "passenger distance"
    VEHICLE_DISTANCE = "vehicle distance"
    TIME = "time"
    MONEY_USD = "money (USD)"
    MONEY_CNY = "money (CNY)"
    MONEY_EUR = "money (EUR)"
    MONEY_GBP = "money (GBP)"


def dimension_message(dimension: Dimension) -> Message:
    """The dimension's name as a translatable message param (English: its value)."""
    return Message(f"dimension.{dimension.name.lower()}")


@dataclass(frozen=True, slots=True)
class Unit:
    """A whitelisted unit: ``to_base`` converts one of it to the dimension's base unit."""

    code: str
    dimension: Dimension
    to_base: float
    label_zh: str = ""


_KG_PER_SHORT_TON = 907.18474
_KM_PER_MILE = 1.609344
_KWH_PER_MMBTU = 293.07107017222222  # 1 MMBtu = 1.05505585262 GJ (IT Btu)

# code, dimension, factor to base, Chinese label, aliases (exact after normalisation)
_UNIT_TABLE: tuple[tuple[str, Dimension, float, str, tuple[str, ...]], ...] = (
    # mass, base kg
    ("mg", Dimension.MASS, 1e-6, "毫克", ("毫克",)),
    ("g", Dimension.MASS, 1e-3, "克", ("克", "gram", "grams")),
    ("kg", Dimension.MASS, 1.0, "千克", ("千克", "公斤", "kilogram", "kilograms", "kgs")),
    ("t", Dimension.MASS, 1000.0, "吨", ("吨", "tonne", "tonnes", "metric ton", "metric tons")),
    ("lb", Dimension.MASS, 0.45359237, "磅", ("lbs", "pound", "pounds", "磅")),
    ("short ton", Dimension.MASS, _KG_PER_SHORT_TON, "短吨", ("short tons", "短吨", "美吨")),
    # energy, base kWh
    ("Wh", Dimension.ENERGY, 1e-3, "瓦时", ("瓦时",)),
    ("kWh", Dimension.ENERGY, 1.0, "千瓦时", ("度", "千瓦时", "kW·h", "kW*h", "kW h")),
    ("MWh", Dimension.ENERGY, 1e3, "兆瓦时", ("兆瓦时", "MW·h", "MWH")),
    ("GWh", Dimension.ENERGY, 1e6, "吉瓦时", ("吉瓦时",)),
    ("kJ", Dimension.ENERGY, 1.0 / 3600.0, "千焦", ("千焦",)),
    ("MJ", Dimension.ENERGY, 1.0 / 3.6, "兆焦", ("兆焦",)),
    ("GJ", Dimension.ENERGY, 1e3 / 3.6, "吉焦", ("吉焦",)),
    ("TJ", Dimension.ENERGY, 1e6 / 3.6, "太焦", ("太焦",)),
    ("MMBtu", Dimension.ENERGY, _KWH_PER_MMBTU, "百万英热单位", ("mmBtu", "MMBTU", "mmbtu")),
    ("therm", Dimension.ENERGY, _KWH_PER_MMBTU / 10.0, "撒姆", ("therms",)),
    # volume, base m3
    ("mL", Dimension.VOLUME, 1e-6, "毫升", ("ml", "毫升")),
    ("L", Dimension.VOLUME, 1e-3, "升", ("l", "升", "litre", "litres", "liter", "liters")),
    ("m3", Dimension.VOLUME, 1.0, "立方米", ("立方米", "方", "cubic metre", "cubic meter")),
    ("gal", Dimension.VOLUME, 0.003785411784, "美制加仑", ("US gal", "gallon", "gallons", "加仑")),
    ("Nm3", Dimension.NORMAL_VOLUME, 1.0, "标准立方米", ("标准立方米", "标方", "Nm³")),
    ("scf", Dimension.STANDARD_CUBIC_FOOT, 1.0, "标准立方英尺", ("SCF", "标准立方英尺")),
    # length, base km
    ("m", Dimension.LENGTH, 1e-3, "米", ("米", "metre", "metres", "meter", "meters")),
    ("km", Dimension.LENGTH, 1.0, "公里", ("公里", "千米", "kilometre", "kilometres")),
    ("mile", Dimension.LENGTH, _KM_PER_MILE, "英里", ("miles", "mi", "英里")),
    # area, base m2
    ("m2", Dimension.AREA, 1.0, "平方米", ("平方米", "square metre", "sqm")),
    ("ha", Dimension.AREA, 1e4, "公顷", ("公顷", "hectare", "hectares")),
    # count, base piece; only words that mean "one item", never a pack of unknown size
    (
        "piece",
        Dimension.COUNT,
        1.0,
        "件",
        (
            "pieces",
            "pcs",
            "pc",
            "item",
            "items",
            "unit",
            "units",
            "each",
            "ea",
            "个",
            "件",
            "只",
            "台",
            "套",
            "块",
            "片",
            "支",
            "根",
            "张",
            "条",
            "颗",
            "把",
            "辆",
        ),
    ),
    # transport work, base t·km
    (
        "t·km",
        Dimension.TRANSPORT_WORK,
        1.0,
        "吨公里",
        (
            "tkm",
            "t*km",
            "t.km",
            "t-km",
            "t km",
            "tonne.km",
            "tonne-km",
            "tonne km",
            "吨公里",
            "吨·公里",
            "吨*公里",
        ),
    ),
    ("kg·km", Dimension.TRANSPORT_WORK, 1e-3, "千克公里", ("kgkm", "kg*km", "kg.km", "千克公里")),
    (
        "short ton-mile",
        Dimension.TRANSPORT_WORK,
        _KG_PER_SHORT_TON / 1000.0 * _KM_PER_MILE,
        "短吨英里",
        ("short ton mile", "short ton-miles", "ton-mile (short)"),
    ),
    (
        "passenger·km",
        Dimension.PASSENGER_DISTANCE,
        1.0,
        "人公里",
        ("passenger.km", "pkm", "p·km", "人公里", "人·公里"),
    ),
    (
        "passenger·mile",
        Dimension.PASSENGER_DISTANCE,
        _KM_PER_MILE,
        "人英里",
        ("passenger.mile", "passenger-mile", "passenger mile"),
    ),
    ("vehicle·km", Dimension.VEHICLE_DISTANCE, 1.0, "车公里", ("vehicle.km", "vkm", "vehicle-km", "车公里")),
    (
        "vehicle·mile",
        Dimension.VEHICLE_DISTANCE,
        _KM_PER_MILE,
        "车英里",
        ("vehicle.mile", "vehicle-mile", "vehicle mile"),
    ),
    # time, base hour
    ("h", Dimension.TIME, 1.0, "小时", ("hr", "hrs", "hour", "hours", "小时")),
    # money: no exchange rates here, so each currency is its own dimension
    ("USD", Dimension.MONEY_USD, 1.0, "美元", ("US$", "美元")),
    ("CNY", Dimension.MONEY_CNY, 1.0, "元", ("RMB", "元", "人民币", "¥")),
    ("EUR", Dimension.MONEY_EUR, 1.0, "欧元", ("€", "欧元")),
    ("GBP", Dimension.MONEY_GBP, 1.0, "英镑", ("£", "英镑")),
)

# Aliases that are accepted in any letter case because no other unit reads the same
# (not 'mwh': mWh is a milliwatt-hour; not 'mg'/'mj': Mg and mJ are other units).
_CASELESS = (
    "g",
    "kg",
    "kgs",
    "lb",
    "lbs",
    "kwh",
    "gj",
    "tj",
    "kj",
    "wh",
    "m3",
    "m2",
    "km",
    "pcs",
    "pc",
    "piece",
    "pieces",
    "tkm",
    "t·km",
    "t*km",
    "nm3",
    "usd",
    "cny",
    "rmb",
    "eur",
    "gbp",
    "mile",
    "miles",
    "gal",
    "h",
    "hr",
    "hour",
    "hours",
)

# Text that names a quantity in more than one way: refused with a hint, never guessed.
AMBIGUOUS_UNITS: dict[str, str] = {  # text → message code (app/core/messages.py)
    "ton": "unit.ambiguous.ton",
    "tons": "unit.ambiguous.tons",
    "tn": "unit.ambiguous.tn",
    "mt": "unit.ambiguous.mt",
    "long ton": "unit.ambiguous.long_ton",
    "gallon (uk)": "unit.ambiguous.uk_gallon",
    "cal": "unit.ambiguous.cal",
    "kcal": "unit.ambiguous.kcal",
    "箱": "unit.ambiguous.box",
    "包": "unit.ambiguous.pack",
    "卷": "unit.ambiguous.roll",
    "批": "unit.ambiguous.batch",
}

UNITS: dict[str, Unit] = {}
_ALIASES: dict[str, str] = {}
for _code, _dim, _to_base, _zh, _aliases in _UNIT_TABLE:
    UNITS[_code] = Unit(_code, _dim, _to_base, _zh)
    for _alias in (_code, *_aliases):
        _ALIASES[_alias] = _code
_CASELESS_ALIASES: dict[str, str] = {}
for _alias, _code in _ALIASES.items():
    if _alias.casefold() in _CASELESS:
        _CASELESS_ALIASES[_alias.casefold()] = _code

_SPACES = re.compile(r"\s+")


def normalise_unit_text(text: str) -> str:
    """NFKC, trimmed, inner whitespace collapsed to one space, middle dots unified."""
    text = unicodedata.normalize("NFKC", text).strip()
    text = text.replace("・", "·").replace("•", "·").replace("⋅", "·").replace("∙", "·")
    return _SPACES.sub(" ", text)


@lru_cache(maxsize=4096)
def parse_unit(text: str) -> Unit:
    """The whitelisted unit that ``text`` names; raises :class:`UnitError` otherwise."""
    norm = normalise_unit_text(text)
    if not norm:
        raise UnitError(problem("unit.empty"))
    code = _ALIASES.get(norm) or _CASELESS_ALIASES.get(norm.casefold())
    if code is not None:
        return UNITS[code]
    hint = AMBIGUOUS_UNITS.get(norm.casefold()) or AMBIGUOUS_UNITS.get(norm)
    if hint is not None:
        raise UnitError(problem("unit.ambiguous", {"unit": text, "hint": Message(hint)}))
    raise UnitError(problem("unit.unknown", {"unit": text}))


def is_known_unit(text: str) -> bool:
    try:
        parse_unit(text)
    except UnitError:
        return False
    return True


def conversion_factor(from_unit: Unit, to_unit: Unit) -> float:
    """Multiplier that turns an amount in ``from_unit`` into ``to_unit`` (same dimension only)."""
    if from_unit.dimension is not to_unit.dimension:
        raise UnitError(
            problem(
                "unit.mismatch",
                {
                    "from": from_unit.code,
                    "from_dimension": dimension_message(from_unit.dimension),
                    "to": to_unit.code,
                    "to_dimension": dimension_message(to_unit.dimension),
                },
            )
        )
    if from_unit is to_unit:
        return 1.0
    return from_unit.to_base / to_unit.to_base


def convert(amount: float, from_text: str, to_text: str) -> float:
    return amount * conversion_factor(parse_unit(from_text), parse_unit(to_text))


def units_of(dimension: Dimension) -> list[Unit]:
    return [u for u in UNITS.values() if u.dimension is dimension]


TONNE = UNITS["t"]
TONNE_KM = UNITS["t·km"]
