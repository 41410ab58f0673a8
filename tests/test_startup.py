"""Start-up: each command imports what it uses, and no more.

pandas, matplotlib, openpyxl, python-docx and OR-Tools take most of a command's start-up;
`import scheduler` and the command line load none of them until a command needs one, a
command imports its own module and no other command's (`scheduler.cli.app`), and a solve
imports OR-Tools without pandas (`scheduler.ortools_import`). Each
case runs in a fresh interpreter and reads `sys.modules` at its end: what was imported, not
how long it took (the machine's load decides that).
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tests.conftest import COP9, ROOT

#: The libraries a command pays for when it imports them.
HEAVY = ("pandas", "matplotlib", "openpyxl", "docx", "ortools", "numpy", "rich.progress")


def loaded_after(code: str, watched: tuple[str, ...] = HEAVY) -> set[str]:
    """The `watched` modules (the `HEAVY` libraries) imported once `code` has run in a fresh
    interpreter."""
    probe = textwrap.dedent(
        f"""
        import json, sys
        {textwrap.indent(textwrap.dedent(code), "        ").strip()}
        print(json.dumps([m for m in {watched!r} if m in sys.modules]))
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr
    return set(json.loads(done.stdout.strip().splitlines()[-1]))


def after_command(*arguments: str, watched: tuple[str, ...] = HEAVY) -> set[str]:
    """The `watched` modules imported by `schedule ARGUMENTS`, run as the command runs."""
    return loaded_after(
        f"""
        sys.argv = ["schedule", *{list(arguments)!r}]
        from scheduler.cli import main
        try:
            main()
        except SystemExit as exc:
            assert exc.code in (0, None), exc.code
        """,
        watched,
    )


@pytest.fixture(scope="module")
def solved(tmp_path_factory) -> tuple[Path, set[str]]:
    """COP9's timetable workbook, written by `schedule solve`, and what solving imported."""
    out = tmp_path_factory.mktemp("startup") / "cop9.xlsx"
    return out, after_command("solve", str(COP9), "--quiet", "--workers", "1", "-o", str(out))


def test_importing_the_package_imports_no_library():
    assert loaded_after("import scheduler, scheduler.explore") == set()


def test_the_command_line_imports_no_library_before_a_command_runs():
    assert loaded_after("import scheduler.cli") == set()
    assert after_command("--help") == set()
    assert after_command("solve", "--help") == set()


def test_a_name_of_the_package_imports_its_module_on_first_use():
    """The probe sees imports: the analyst's tables bring pandas, the re-planner OR-Tools."""
    assert "pandas" in loaded_after("import scheduler; scheduler.compare_variants")
    assert "ortools" in loaded_after("import scheduler; scheduler.replan")
    assert loaded_after("import scheduler; scheduler.Session, scheduler.validate") == set()


def test_checking_the_published_timetable_needs_no_library():
    assert after_command("check", str(COP9), "--published") == set()


def test_checking_a_workbook_reads_it_without_the_solver_or_pandas(solved):
    workbook, _ = solved
    loaded = after_command("check", str(COP9), str(workbook))
    assert "openpyxl" in loaded
    assert not loaded & {"pandas", "matplotlib", "docx", "ortools"}


def test_solving_imports_the_solver_and_the_workbook_writer_only(solved):
    workbook, loaded = solved
    assert workbook.exists()
    assert {"ortools", "openpyxl"} <= loaded
    assert not loaded & {"pandas", "matplotlib", "docx", "rich.progress"}


def test_a_solve_with_a_timetable_imports_neither_the_explainer_nor_the_re_planner(tmp_path):
    out = tmp_path / "cop9.xlsx"
    ours = ("models", "models.explain", "models.replan")
    loaded = after_command("solve", str(COP9), "--quiet", "-o", str(out), watched=ours)
    assert loaded == {"models"}


def test_exporting_a_calendar_needs_neither_the_solver_nor_pandas(solved, tmp_path):
    workbook, _ = solved
    loaded = after_command("export", str(workbook), "--ics", str(tmp_path / "cop9.ics"), "-q")
    assert not loaded & {"ortools", "pandas", "matplotlib", "docx"}


def test_the_schema_and_a_generated_session_need_no_library(tmp_path):
    assert after_command("schema", "-o", str(tmp_path / "schema.json")) == set()
    out = tmp_path / "generated.yaml"
    assert after_command("generate", "--profile", "treaty-cop", "-o", str(out), "--quiet") == set()


def test_a_sweep_worker_imports_what_a_solve_needs_and_nothing_of_the_notebook():
    loaded = loaded_after("from scheduler.explore import worker; worker.warm_up()")
    assert "ortools" in loaded
    assert not loaded & {"pandas", "matplotlib", "openpyxl", "docx", "rich.progress"}


def test_a_command_imports_its_own_module_and_no_other_command(tmp_path):
    from scheduler.cli.app import COMMANDS

    commands = tuple(COMMANDS.values())
    loaded = after_command("solve", "--help", watched=commands)
    assert loaded == {COMMANDS["solve"], COMMANDS["diff"]}  # solve prints diff's changes
    schema = str(tmp_path / "schema.json")
    assert after_command("schema", "-o", schema, watched=commands) == {COMMANDS["schema"]}
    assert after_command("--help", watched=commands) == set(commands)  # lists them all


def test_the_application_has_every_command_when_asked_for_them():
    """What `CliRunner` and `schedule --help` see: every command, in the order of `COMMANDS`."""
    probe = """
        import typer.main
        from scheduler.cli import app
        from scheduler.cli.app import COMMANDS
        group = typer.main.get_command(app)
        assert list(group.commands) == list(COMMANDS), list(group.commands)
        """
    assert loaded_after(probe) == set()
