"""Pictures for briefings (matplotlib): the timetable grid and the variant comparison.

matplotlib is imported when a picture is drawn, not when `scheduler` is imported, so the
command line starts fast. Figures are plain `matplotlib.figure.Figure` objects (no pyplot
state): a notebook shows the one a cell returns; `save_figure` or `save_plot` writes files.
"""

from scheduler.plots.comparison import DEFAULT_MEASURES, plot_comparison
from scheduler.plots.files import PICTURE_FORMATS, picture_format, save_figure, save_plot
from scheduler.plots.timetable import plot_timetable

__all__ = [
    "DEFAULT_MEASURES",
    "PICTURE_FORMATS",
    "picture_format",
    "plot_comparison",
    "plot_timetable",
    "save_figure",
    "save_plot",
]
