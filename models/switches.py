"""Per rule instance, how the model enforces it: outright, behind a literal, or not at all."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Literal

from ortools.sat.python import cp_model

from scheduler.rules import RuleInstance

Mode = Literal["hard", "guarded", "dropped"]


class Switches:
    """Per rule instance: enforced outright (`hard`), behind a literal (`guarded`), or left out.

    Only a `hard` instance may be encoded by pruning variable domains; a guarded one must stay
    an explicit constraint so that switching its literal off really lifts it.
    """

    def __init__(
        self,
        model: cp_model.CpModel,
        instances: list[RuleInstance],
        guarded: bool,
        dropped: Iterable[RuleInstance | tuple[str, str]] = (),
    ) -> None:
        self.model = model
        self.guarded = guarded
        self.instances = {i.key: i for i in instances}
        self.dropped = {d.key if isinstance(d, RuleInstance) else tuple(d) for d in dropped}
        self.guards: dict[RuleInstance, cp_model.IntVar] = {}
        if guarded:
            for key, inst in self.instances.items():
                if key not in self.dropped:
                    self.guards[inst] = model.new_bool_var(f"guard[{inst.rule}:{inst.subject}]")

    def extend(self, instances: Iterable[RuleInstance]) -> None:
        """Switch `instances` too, as the others are: the calendar's, which no line of the file
        gives (`models.explain_horizon`). Their guards are created now and listed first."""
        added: dict[RuleInstance, cp_model.IntVar] = {}
        for inst in instances:
            self.instances[inst.key] = inst
            if self.guarded and inst.key not in self.dropped:
                added[inst] = self.model.new_bool_var(f"guard[{inst.rule}:{inst.subject}]")
        self.guards = {**added, **self.guards}

    def mode(self, rule: str, subject: str) -> Mode:
        inst = self.instances[(rule, subject)]  # a KeyError here is a bug: unregistered instance
        if inst.key in self.dropped:
            return "dropped"
        return "guarded" if inst in self.guards else "hard"

    def prunes(self, rule: str, subject: str) -> bool:
        """Whether the instance may be encoded in the variable domains."""
        return self.mode(rule, subject) == "hard"

    def active(self, rule: str, subject: str) -> bool:
        return self.mode(rule, subject) != "dropped"

    def when(self, rule: str, subject: str) -> list[cp_model.IntVar] | None:
        """Enforcement literals of the instance's constraints: None when it is dropped."""
        mode = self.mode(rule, subject)
        if mode == "dropped":
            return None
        if mode == "guarded":
            return [self.guards[self.instances[(rule, subject)]]]
        return []
