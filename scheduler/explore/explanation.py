"""Why a session has no timetable: the model's explainer, as the application reaches it.

The explainer lives with the model (`models.explain.explain(session, ...)`, returning an
`Explanation` that says which rules give way). `scheduler.explore` is the application layer,
above the model, so it imports the explainer like any module below it.
"""

from models.explain import Explanation, explain

__all__ = ["Explanation", "explain"]
