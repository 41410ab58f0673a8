"""Start-up: each command imports what it uses, and no more.

pandas, matplotlib, openpyxl, python-docx and OR-Tools take most of a command's start-up;
`import scheduler` and the command line load none of them until a command needs one, a
command imports its own module and no other command's (`scheduler.cli.app`), and a solve
imports OR-Tools without pandas (`scheduler.ortools_import`). Each
case runs in a fresh interpreter and reads `sys.modules` at its end: what was imported, not
how long it took (the machine's load decides that).
"""

from __future__ import annotations

import io
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


def test_a_quiet_solve_prints_its_path_without_rich(tmp_path):
    """`--quiet` prints one path: plain text that rich would print as it is, so rich is not
    imported (`scheduler.cli.common.LazyConsole`)."""
    out = tmp_path / "cop9.xlsx"
    loaded = after_command("solve", str(COP9), "--quiet", "-o", str(out), watched=("rich",))
    assert loaded == set()


@pytest.mark.parametrize("encoding", ["utf-8", "ascii"])
def test_the_lazy_console_prints_what_rich_prints(encoding):
    """Whatever the text, the lazy console writes the bytes rich's console writes (or fails
    as it does): plain lines at once, the rest (emoji codes, tabs, control characters, lines,
    markup, text the stream cannot encode) through rich."""
    from rich.console import Console

    from scheduler.cli.common import LazyConsole

    texts = [
        "sessions/a b/cop9-timetable.xlsx",
        "x" * 300,
        "  spaces around  ",
        "",
        "réunion à 10 h",
        "会议 时间表",
        "جدول الاجتماعات",
        "a\tb",
        "two\nlines",
        "a :smile: b",
        "bell\x07",
        "[bold]x[/bold]",
        "warning: a colon",
        "no\u00a0break",
        "joiner\u200dhere",
    ]

    def printed(make, text: str) -> bytes | str:
        raw = io.BytesIO()
        stream = io.TextIOWrapper(raw, encoding=encoding, write_through=True)
        saved, sys.stdout = sys.stdout, stream
        try:
            make().print(text, markup=False)
        except UnicodeEncodeError as exc:
            return type(exc).__name__
        finally:
            sys.stdout = saved
        return raw.getvalue()

    def rich() -> Console:
        return Console(highlight=False, soft_wrap=True)

    for text in texts:
        assert printed(LazyConsole, text) == printed(rich, text), text


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
    assert loaded == {COMMANDS["solve"]}  # diff's module only when a re-plan prints changes
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


def test_openpyxl_is_imported_without_pillow_and_keeps_its_images(tmp_path):
    """openpyxl's image module runs with a stand-in for Pillow (`scheduler.io.pillow_import`):
    a workbook's images are still written and read back, Pillow imported on the first one."""
    from PIL import Image

    png = tmp_path / "dot.png"
    Image.new("RGB", (2, 2)).save(png)
    workbook = tmp_path / "image.xlsx"
    probe = f"""
        import scheduler, openpyxl
        from openpyxl.drawing.image import Image
        assert "PIL" not in sys.modules
        book = openpyxl.Workbook()
        book.active.add_image(Image({str(png)!r}), "B2")
        book.save({str(workbook)!r})
        assert len(openpyxl.load_workbook({str(workbook)!r}).active._images) == 1
        """
    assert loaded_after(probe, watched=("PIL",)) == {"PIL"}
    assert loaded_after("import scheduler, openpyxl", watched=("PIL", "openpyxl")) == {"openpyxl"}


def test_a_solve_reads_no_package_metadata(tmp_path):
    """pydantic's plugin lookup (`scheduler.io.pydantic_plugins`) and the Solve sheet's
    OR-Tools version need no `importlib.metadata` when no package has a pydantic plugin."""
    out = tmp_path / "cop9.xlsx"
    watched = ("importlib.metadata", "email", "PIL")
    assert after_command("solve", str(COP9), "--quiet", "-o", str(out), watched=watched) == set()


def test_a_pydantic_plugin_is_found_as_pydantic_finds_it(tmp_path):
    """A package that declares a pydantic plugin has it loaded and called, as without the
    stand-in; one that declares none leaves pydantic without any."""
    (tmp_path / "listening.py").write_text(
        textwrap.dedent(
            """
            seen = []
            class Plugin:
                def new_schema_validator(self, schema, schema_type, *args, **kwargs):
                    seen.append(schema_type.__name__)
                    return None, None, None
            plugin = Plugin()
            """
        )
    )
    info = tmp_path / "listening-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: listening\nVersion: 1.0\n")
    probe = f"""
        import scheduler
        sys.path.insert(0, {str(tmp_path)!r})
        from pydantic import BaseModel
        class Point(BaseModel):
            x: int
        import listening
        print(json.dumps(listening.seen))
        """
    assert loaded_after(probe, watched=("importlib.metadata",)) == set()
    (info / "entry_points.txt").write_text("[pydantic]\nlistening = listening:plugin\n")
    assert loaded_after(probe, watched=("importlib.metadata",)) == {"importlib.metadata"}
    done = subprocess.run(
        [sys.executable, "-c", "import json, sys\n" + textwrap.dedent(probe)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout.strip().splitlines()[-1]) == ["Point"]


@pytest.mark.parametrize(
    "arguments",
    [["solve", str(COP9), "--quiet", "--workers", "1"], ["check", str(COP9), "--published"]],
)
def test_a_command_runs_its_work_with_the_garbage_collector(arguments, tmp_path):
    """`main` pauses the collector for the start-up only: the command resumes it, having
    frozen what start-up made (`scheduler.cli.common.resume_collector`)."""
    if arguments[0] == "solve":
        arguments = [*arguments, "-o", str(tmp_path / "cop9.xlsx")]
    probe = f"""
        import gc
        seen = []
        import scheduler.cli.common as common
        resume = common.resume_collector
        def watching(*modules):
            seen.append(gc.isenabled())
            resume(*modules)
            seen.append(gc.isenabled())
        common.resume_collector = watching
        sys.argv = ["schedule", *{arguments!r}]
        from scheduler.cli import main
        try:
            main()
        except SystemExit as exc:
            assert exc.code in (0, None), exc.code
        assert seen[:2] == [False, True], seen
        assert gc.isenabled() and gc.get_freeze_count() > 0
        """
    assert loaded_after(probe, watched=()) == set()
