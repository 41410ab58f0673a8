"""Why a session has no timetable: the hook to the model's explainer, when there is one.

The explainer lives with the model (`models.explain.explain(session, ...)`, returning an
object that says which rules give way). It is looked up on first use rather than when
`scheduler` is imported, because `models` imports `scheduler`: a lookup at import time could
see a half-imported `models` and wrongly conclude that there is no explainer. Only a missing
`models.explain` module means "no explainer"; an explainer that fails to import is an error.
"""

from __future__ import annotations

import importlib
import inspect
from collections.abc import Callable
from functools import cache
from typing import Any

from scheduler.session import Session

EXPLAINER_MODULE = "models.explain"
EXPLAINER_FUNCTION = "explain"

Explainer = Callable[..., object]


@cache
def explainer() -> Explainer | None:
    """`models.explain.explain`, or None while that module does not exist."""
    try:
        module = importlib.import_module(EXPLAINER_MODULE)
    except ModuleNotFoundError as error:
        if error.name == EXPLAINER_MODULE:
            return None
        raise
    found: Explainer | None = getattr(module, EXPLAINER_FUNCTION, None)
    return found


def explain(session: Session, **settings: Any) -> object | None:
    """The explainer's answer for an infeasible session, or None without an explainer.

    `settings` (time_limit, workers, seed) are passed on to the explainer when it accepts
    them, so that an explanation in a notebook stays as quick and repeatable as the solve.
    """
    hook = explainer()
    if hook is None:
        return None
    return hook(session, **_accepted(hook, settings))


def _accepted(hook: Explainer, settings: dict[str, Any]) -> dict[str, Any]:
    parameters = inspect.signature(hook).parameters
    if any(p.kind is inspect.Parameter.VAR_KEYWORD for p in parameters.values()):
        return settings
    return {k: v for k, v in settings.items() if k in parameters}
