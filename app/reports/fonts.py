"""The one font family of every PDF: the bundled WenQuanYi Micro Hei (Apache-2.0).

It covers Latin and CJK, so every glyph (Chinese product names, ², ·, –) comes from an embedded
TrueType subset and the PDF shows the same text on a machine without Chinese fonts. None of the
standard-14 PDF fonts (which are never embedded) is used anywhere.
"""

from __future__ import annotations

from functools import cache

from app.paths import resource_path

SANS = "PCF-Sans"  # WenQuanYi Micro Hei
MONO = "PCF-Mono"  # WenQuanYi Micro Hei Mono (fingerprints, ids)
# The family has a single weight; headings use SANS at a larger size and a darker colour, and a
# reportlab "bold" mapping to the same face keeps <b> in paragraphs from falling back to Helvetica.
FONT_FILE = ("fonts", "wqy-microhei.ttc")


@cache
def register_fonts() -> tuple[str, str]:
    """Register the TTC's two faces with reportlab (once per process); returns (sans, mono)."""
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    path = str(resource_path(*FONT_FILE))
    pdfmetrics.registerFont(TTFont(SANS, path, subfontIndex=0))
    pdfmetrics.registerFont(TTFont(MONO, path, subfontIndex=1))
    for bold in (0, 1):
        for italic in (0, 1):
            addMapping(SANS, bold, italic, SANS)
            addMapping(MONO, bold, italic, MONO)
    return SANS, MONO
