"""Terms that name things of a session in full words (kept for its importers).

They live in `scheduler.messages.terms`, with the other terms messages carry.
"""

from scheduler.messages.terms import ClockTime, LongDay, Moment, Named, TheItem

__all__ = ["ClockTime", "LongDay", "Moment", "Named", "TheItem"]
