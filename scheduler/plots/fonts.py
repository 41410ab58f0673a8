"""Fonts and writing direction for pictures in the six languages.

matplotlib draws with DejaVu Sans, which has no Chinese: "(续)" came out as empty boxes. Each
text of a figure is given a list of families, DejaVu Sans first and then a font for the script
(Noto Sans CJK for Chinese, Noto Sans Arabic or Noto Naskh Arabic for Arabic, as `.ci/run`
installs them), so matplotlib takes each character from the first family that has it.
Arabic is joined and laid out right to left by matplotlib itself since 3.11, which shapes text
with libraqm (an older one drew "(تابع)" unjoined and left to right): the text is given as it
is, in logical order, and shaping it again here (arabic-reshaper, python-bidi) would reverse it.
"""

from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from matplotlib.figure import Figure

BASE_FAMILY = "DejaVu Sans"
#: Per language, the families that have its script, best first; the first one installed is used.
SCRIPT_FAMILIES: dict[str, tuple[str, ...]] = {
    "zh": ("Noto Sans CJK SC", "Noto Sans CJK JP", "Noto Sans CJK TC", "WenQuanYi Zen Hei"),
    "ar": ("Noto Sans Arabic", "Noto Naskh Arabic", "Noto Sans Arabic UI"),
}
# File names of the fonts above, for a matplotlib font cache made before they were installed.
_FONT_FILES = re.compile(r"Noto(Sans|Naskh)(CJK|Arabic)|wqy-zenhei", re.IGNORECASE)


@cache
def _installed() -> frozenset[str]:
    """The families matplotlib can use, once the script fonts found on the system are added."""
    from matplotlib import font_manager

    known = {font.name for font in font_manager.fontManager.ttflist}
    wanted = {family for families in SCRIPT_FAMILIES.values() for family in families}
    if not wanted & known:
        for path in font_manager.findSystemFonts():
            if _FONT_FILES.search(path):
                try:
                    font_manager.fontManager.addfont(path)
                except (OSError, RuntimeError, ValueError):  # pragma: no cover - a broken file
                    continue
        known = {font.name for font in font_manager.fontManager.ttflist}
    return frozenset(known)


def families(lang: str) -> list[str]:
    """DejaVu Sans, then the first installed font that has the script of `lang`."""
    installed = _installed()
    script = next((f for f in SCRIPT_FAMILIES.get(lang, ()) if f in installed), None)
    # DejaVu Sans first: its Latin letters keep the line height the labels are sized for, and
    # it has the joined Arabic letter forms the reshaper gives (Noto Sans Arabic has not)
    return [BASE_FAMILY] if script is None else [BASE_FAMILY, script]


def every_family() -> list[str]:
    """DejaVu Sans and a font for each script installed: to measure text in any language."""
    installed = _installed()
    scripts = [next((f for f in fs if f in installed), None) for fs in SCRIPT_FAMILIES.values()]
    return [BASE_FAMILY, *(f for f in scripts if f is not None)]


def set_fonts(figure: Figure, lang: str) -> None:
    """Give every text of `figure` the families of `lang`."""
    from matplotlib.text import Text

    chosen = families(lang)
    for text in figure.findobj(Text):
        assert isinstance(text, Text)
        text.set_fontfamily(chosen)
