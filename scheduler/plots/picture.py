"""A matplotlib figure that a notebook shows by itself, without pyplot.

Pictures are made without pyplot so that drawing many variants leaves no global state behind
and the command line needs no display. A plain `Figure` returned by a notebook cell would
print as `<Figure size ...>` unless pyplot happened to be imported; this subclass gives the
notebook a PNG of itself. Where pyplot's own display is active, that one is used instead
(IPython prefers a printer registered for `Figure`), so a picture never shows twice.
"""

from __future__ import annotations

import io
from functools import cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from matplotlib.figure import Figure

NOTEBOOK_DPI = 100


@cache
def _picture_class() -> type[Figure]:
    from matplotlib.figure import Figure

    class Picture(Figure):
        """A figure that shows itself in a notebook as a PNG."""

        def _repr_png_(self) -> bytes:
            buffer = io.BytesIO()
            self.savefig(
                buffer, format="png", dpi=NOTEBOOK_DPI, facecolor="white", bbox_inches="tight"
            )
            return buffer.getvalue()

    return Picture


def new_picture(**options: Any) -> Figure:
    """A new figure (options as for `matplotlib.figure.Figure`), shown by notebooks as a PNG."""
    return _picture_class()(**options)
