"""Invariants of the BOM reader, checked on generated BOMs (hypothesis)."""

from __future__ import annotations

import csv
import io

from hypothesis import given, settings
from hypothesis import strategies as st

from app.io.bom import header_for, parse_rows
from app.io.bom.csv_text import decode_csv, split_csv
from app.io.bom.grid import Grid


@st.composite
def trees(draw) -> list[int | None]:
    """Parent index of each row, in depth-first order (a parent always comes before its children)."""
    n = draw(st.integers(1, 40))
    parents: list[int | None] = [None]
    depth = [0]
    for i in range(1, n):
        # the parent is the previous row or one of its ancestors, or none (a new top-level row)
        chain = [i - 1]
        while parents[chain[-1]] is not None:
            chain.append(parents[chain[-1]])  # type: ignore[arg-type]
        choice = draw(st.sampled_from([*chain, None]))
        parents.append(choice)
        depth.append(0 if choice is None else depth[choice] + 1)
    return parents


def _depths(parents: list[int | None]) -> list[int]:
    out = []
    for p in parents:
        out.append(0 if p is None else out[p] + 1)
    return out


@settings(max_examples=60, deadline=None)
@given(trees(), st.sampled_from(["numbers", "sap", "indent"]))
def test_every_level_notation_gives_back_the_tree(parents: list[int | None], notation: str) -> None:
    depths = _depths(parents)
    if notation == "indent":
        rows = [["物料名称", "用量", "单位"]] + [
            ["\u3000" * d + f"part {i}", 1.0, "kg"] for i, d in enumerate(depths)
        ]
    else:

        def level(d: int) -> object:
            return float(d + 1) if notation == "numbers" else "." * (d + 1) + str(d + 1)

        rows = [["层级", "物料编码", "用量", "单位"]] + [
            [level(d), f"C{i}", 1.0, "kg"] for i, d in enumerate(depths)
        ]
    grid = Grid("gen.xlsx", "BOM", rows)
    table = parse_rows(grid, header_for(grid))
    assert table.errors == []
    assert [r.parent for r in table.rows] == parents
    assert [r.depth for r in table.rows] == depths


@settings(max_examples=80, deadline=None)
@given(st.lists(st.lists(st.text(min_size=0, max_size=8), min_size=3, max_size=3), min_size=1, max_size=8),
       st.sampled_from(["utf-8", "utf-8-sig", "gb18030", "utf-16"]))  # fmt: skip
def test_csv_text_survives_every_encoding(cells: list[list[str]], encoding: str) -> None:
    cells = [[c.replace("\r", "").replace("\n", "").replace("\x00", "") for c in row] for row in cells]
    out = io.StringIO()
    csv.writer(out, delimiter=";", lineterminator="\n").writerows([["物料编码", "名称", "用量"], *cells])
    text = out.getvalue()
    try:
        data = text.encode(encoding)
    except UnicodeEncodeError:
        return  # GB18030 covers all of Unicode; surrogates cannot be encoded at all
    decoded = decode_csv(data, "gen.csv")
    if encoding == "utf-8":
        assert decoded.encoding == "utf-8"  # valid UTF-8 is never read as GB18030
    assert decoded.text == text
    rows, delimiter, _ = split_csv(decoded.text, "gen.csv")
    assert delimiter == ";" and rows[0] == ["物料编码", "名称", "用量"]
