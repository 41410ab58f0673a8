"""`schedule generate`: write a realistic session file, feasible by construction."""

from __future__ import annotations

from scheduler.cli.app import app
from scheduler.cli.common import console, ensure_writable, err_console, planner_errors
from scheduler.cli.options import (
    Bodies,
    Days,
    GeneratorSeed,
    Items,
    Profile,
    Quiet,
    Rooms,
    SessionOutput,
    Tight,
)
from scheduler.errors import InputError


@app.command("generate")
def generate_command(
    profile: Profile,
    output: SessionOutput,
    days: Days = None,
    rooms: Rooms = None,
    bodies: Bodies = None,
    items: Items = None,
    seed: GeneratorSeed = 0,
    tight: Tight = False,
    quiet: Quiet = False,
) -> None:
    """Write a generated session: agenda, parallel bodies, rules, budget and teams."""
    from scheduler.generate import PROFILES, generate_session
    from scheduler.io.atomic import write_text_atomically
    from scheduler.io.session_file import session_from_data

    with planner_errors():
        if profile not in PROFILES:
            raise InputError(
                f"unknown profile; use one of {', '.join(PROFILES)}",
                field="--profile",
                value=profile,
            )
        ensure_writable(output)
        try:
            generated = generate_session(profile, days, rooms, bodies, items, seed, tight)
        except ValueError as exc:
            raise InputError(str(exc), field="sizes") from None
        session = session_from_data(generated.data, file=output)  # refused like any file
        write_text_atomically(output, generated.to_yaml(output.name))
    if not quiet:
        err_console.print(
            f"{profile}: {len(session.session.days)} days, {len(session.rooms)} rooms, "
            f"{len(session.bodies)} bodies, {len(session.activities)} activities, "
            f"{len(generated.witness)} assignments in the timetable that proves it feasible",
            markup=False,
        )
    console.print(str(output), markup=False)
