"""Sweeps: grids of variants, solved on any executor, cached, with failures as rows.

The grid used throughout is six COP9 variants (budget 11-13 x teams 1-2) that one CP-SAT
worker decides in well under a second each: some optimal, some proven infeasible, none near
its time limit, so their answers cannot depend on the load or on where they ran.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
from concurrent.futures import Future, ProcessPoolExecutor
from multiprocessing import get_context

import openpyxl
import pandas as pd
import pytest
from rich.console import Console
from typer.testing import CliRunner

import scheduler
from scheduler.cli import app
from scheduler.errors import InputError
from scheduler.explore import (
    SWEEP_COLUMNS,
    SerialExecutor,
    Sweep,
    compare_variants,
    plot_sweep,
    set_budget,
    solve_variants,
    sweep_pivot,
    variant_grid,
)
from scheduler.explore import sweep as sweep_module
from scheduler.explore.sweep_progress import SweepProgress
from tests.conftest import COP9

SETTINGS = {"workers": 1, "seed": 0, "time_limit": 30}
#: What must not depend on the executor (wall times excluded).
DECIDED = ["status", "reason", "feasible", "valid", "days_used", "interpreted_meetings"]
DECIDED += ["carried_over", "objective", "best_bound"]


@pytest.fixture(scope="module")
def grid(cop9):
    return variant_grid(cop9, budget=[11, 12, 13], teams=[1, 2])


@pytest.fixture(scope="module")
def serial(grid):
    """The reference: every variant solved one after another in this process."""
    return solve_variants(grid, executor=SerialExecutor(), progress=False, **SETTINGS)


# --- grids -----------------------------------------------------------------------------------


def test_a_grid_has_every_combination_named_by_its_values(grid):
    assert len(grid) == 6
    assert list(grid)[:2] == ["budget=11, teams=1", "budget=11, teams=2"]
    variant = grid["budget=12, teams=2"]
    assert variant.parameters == {"budget": 12, "teams": 2}
    assert variant.session is not None and variant.error is None
    assert variant.session.interpretation.budget == 12
    assert variant.session.interpretation.teams == 2


def test_a_grid_varies_days_and_any_change_given_as_a_function(cop9):
    def wg_meetings(session, n):
        return scheduler.set_duration(session, "wg-ic-10", meetings=n)

    grid = variant_grid(cop9, days=[4, 6], wg=([1, 3], wg_meetings), evening_meetings=[True])
    four = grid["days=4, wg=1, evening_meetings=yes"].session
    assert four is not None and len(four.session.days) == 4
    assert four.session.evening_meetings
    six = grid["days=6, wg=3, evening_meetings=yes"].session
    assert six is not None and str(six.session.days[-1]) == "2018-10-22"  # the next Monday
    assert next(m for m in six.meetings if m.id == "wg-ic-10").meetings == 3


def test_a_combination_the_format_refuses_is_kept_with_its_reason(cop9):
    grid = variant_grid(cop9, days=[1, 5])
    refused = grid["days=1"]
    assert refused.session is None
    assert "is not a day of the session" in (refused.error or "")
    with pytest.raises(InputError, match="is not a known parameter"):
        variant_grid(cop9, rooms=[1])


# --- the table and compatibility -----------------------------------------------------------


def test_the_table_has_one_row_per_variant_and_a_column_per_parameter_and_measure(serial):
    table = serial.table()
    assert list(table.columns) == ["budget", "teams", *SWEEP_COLUMNS]
    assert table.index.name == "variant" and len(table) == 6
    assert table.loc["budget=12, teams=2", "status"] == "optimal"
    assert table.loc["budget=12, teams=2", "valid"]
    assert table.loc["budget=12, teams=2", "interpreted_meetings"] == 12
    assert table.loc["budget=11, teams=2", "status"] == "infeasible"
    assert "proven" in table.loc["budget=11, teams=2", "reason"]
    assert not table["feasible"].iloc[0] and pd.isna(table["days_used"].iloc[0])
    feasible = table.pivot_table(index="budget", columns="teams", values="feasible")
    assert feasible.loc[13, 2] == 1 and feasible.loc[13, 1] == 0


def test_a_sweep_is_still_the_mapping_of_outcomes(serial, cop9):
    assert isinstance(serial, dict) and isinstance(serial, Sweep)
    assert serial["budget=12, teams=2"].status == "optimal"
    table = compare_variants(serial, baseline="budget=12, teams=2")
    assert table.loc["budget=13, teams=2", "moves"] == 0
    plain = solve_variants({"as planned": cop9}, progress=False, **SETTINGS)
    assert list(plain) == ["as planned"] and plain.solved == 1
    assert list(plain.table().columns) == list(SWEEP_COLUMNS)
    with pytest.raises(TypeError, match="unknown settings"):
        solve_variants({"as planned": cop9}, budget=3)


def test_the_package_exports_the_sweep():
    assert scheduler.solve_variants is solve_variants
    assert scheduler.variant_grid is variant_grid


# --- the same answers on every executor ------------------------------------------------------


def test_the_default_process_pool_gives_the_serial_answers(grid, serial):
    pooled = solve_variants(grid, progress=False, **SETTINGS)
    assert pooled.solved == 6
    pd.testing.assert_frame_equal(pooled.table()[DECIDED], serial.table()[DECIDED])


def test_any_executor_gives_the_serial_answers(grid, serial):
    with ProcessPoolExecutor(max_workers=2, mp_context=get_context("spawn")) as pool:
        pooled = solve_variants(grid, executor=pool, progress=False, **SETTINGS)
    pd.testing.assert_frame_equal(pooled.table()[DECIDED], serial.table()[DECIDED])


def test_a_dask_cluster_gives_the_serial_answers(grid, serial):
    distributed = pytest.importorskip("distributed")
    cluster = distributed.LocalCluster(
        n_workers=1, threads_per_worker=2, processes=False, dashboard_address=None
    )
    with cluster, distributed.Client(cluster) as client:
        answered = solve_variants(grid, executor=client.get_executor(), progress=False, **SETTINGS)
    pd.testing.assert_frame_equal(answered.table()[DECIDED], serial.table()[DECIDED])


# --- the cache -------------------------------------------------------------------------------


def test_a_rerun_with_the_cache_solves_nothing(grid, serial, tmp_path):
    first = solve_variants(grid, cache=tmp_path, progress=False, **SETTINGS)
    again = solve_variants(grid, cache=tmp_path, progress=False, **SETTINGS)
    assert (first.solved, first.from_cache) == (6, 0)
    assert (again.solved, again.from_cache) == (0, 6)
    pd.testing.assert_frame_equal(again.table()[DECIDED], serial.table()[DECIDED])


def test_an_interrupted_sweep_resumes_where_it_stopped(grid, tmp_path):
    half = dict(list(grid.items())[:3])  # what a sweep killed halfway had written
    solve_variants(half, cache=tmp_path, executor=SerialExecutor(), progress=False, **SETTINGS)
    resumed = solve_variants(grid, cache=tmp_path, progress=False, **SETTINGS)
    assert (resumed.solved, resumed.from_cache) == (3, 3)


def test_the_key_is_the_content_and_the_settings_not_the_name(cop9, tmp_path):
    run = {"cache": tmp_path, "executor": SerialExecutor(), "progress": False}
    first = solve_variants({"a": set_budget(cop9, 16)}, **run, **SETTINGS)
    renamed = solve_variants({"b": set_budget(cop9, 16)}, **run, **SETTINGS)
    other_seed = solve_variants({"a": set_budget(cop9, 16)}, **run, **{**SETTINGS, "seed": 1})
    assert (first.solved, renamed.solved, other_seed.solved) == (1, 0, 1)
    for broken in tmp_path.glob("*.pickle"):
        broken.write_bytes(b"written by another version")
    assert solve_variants({"a": set_budget(cop9, 16)}, **run, **SETTINGS).solved == 1


def test_an_unchanged_variant_is_solved_once_even_under_two_names(cop9):
    twice = {"as planned": cop9, "the same again": set_budget(cop9, 20)}
    answered = solve_variants(twice, executor=SerialExecutor(), progress=False, **SETTINGS)
    assert answered.solved == 1 and len(answered) == 2
    assert answered["the same again"].objective == answered["as planned"].objective


# --- failures never stop the sweep -----------------------------------------------------------


def _no_search(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every solve of `models.model` stops before its search, whatever the cores' speed: a
    deterministic time limit of 0 (a wall-clock limit of 0.001 s raced the search on loaded
    cores, and COP9 was once solved to its optimum within it)."""
    import models.model
    from models.time_limit import solve_to_the_limit

    def stopped_at_once(solver, model, callback=None):
        solver.parameters.max_deterministic_time = 0.0
        return solve_to_the_limit(solver, model, callback)

    monkeypatch.setattr(models.model, "solve_to_the_limit", stopped_at_once)


def test_an_invalid_variant_and_a_timeout_are_rows(cop9, monkeypatch):
    _no_search(monkeypatch)
    grid = variant_grid(cop9, days=[1, 5])
    answered = solve_variants(grid, executor=SerialExecutor(), progress=False, time_limit=0.001)
    table = answered.table()
    assert table.loc["days=1", "status"] == "invalid"
    assert "is not a day of the session" in table.loc["days=1", "reason"]
    assert table.loc["days=5", "status"] == "timeout"
    assert table.loc["days=5", "reason"] == "no timetable within 0.001 s"


class _Raising(SerialExecutor):
    """A worker that raises for the variant with budget 12."""

    def submit(self, fn, /, *args, **kwargs):
        if args and args[0]["interpretation"]["budget"] == 12:
            future: Future = Future()
            future.set_exception(MemoryError("no memory left"))
            return future
        return super().submit(fn, *args, **kwargs)


def test_a_worker_that_raises_is_a_crashed_row(grid):
    answered = solve_variants(grid, executor=_Raising(), progress=False, **SETTINGS)
    table = answered.table()
    crashed = table.index[table["status"] == "crashed"].tolist()
    assert crashed == ["budget=12, teams=1", "budget=12, teams=2"]
    assert table.loc["budget=12, teams=1", "reason"] == "MemoryError: no memory left"
    assert table.loc["budget=13, teams=2", "status"] == "optimal"


class _Killing(ProcessPoolExecutor):
    """A process pool whose worker dies (as if killed) on the variant with budget 12, teams 2."""

    def submit(self, fn, /, *args, **kwargs):
        if args and args[0]["interpretation"] == {
            **args[0]["interpretation"],
            "budget": 12,
            "teams": 2,
        }:
            return super().submit(os._exit, 9)
        return super().submit(fn, *args, **kwargs)


def test_a_dead_worker_is_named_and_the_pool_replaced(grid, serial, monkeypatch):
    monkeypatch.setattr(sweep_module, "_POOL", None)
    monkeypatch.setattr(
        sweep_module,
        "_new_pool",
        lambda workers: _Killing(max_workers=workers, mp_context=get_context("spawn")),
    )
    answered = solve_variants(grid, progress=False, **SETTINGS)
    table = answered.table()
    assert table.index[table["status"] == "crashed"].tolist() == ["budget=12, teams=2"]
    assert "worker process died" in table.loc["budget=12, teams=2", "reason"]
    others = serial.table().drop(index="budget=12, teams=2")[DECIDED]
    pd.testing.assert_frame_equal(table.drop(index="budget=12, teams=2")[DECIDED], others)
    sweep_module._discard_shared_pool(sweep_module._POOL)  # type: ignore[arg-type]


# --- chunks: several variants in one task ----------------------------------------------------


@pytest.fixture
def chunked(monkeypatch):
    """Chunks of three for the six variants: a chunk per worker and a half, not chunks of one."""
    monkeypatch.setattr(sweep_module, "CHUNKS_PER_WORKER", 1)


class _Recording(SerialExecutor):
    """Runs each task at once, noting the function each one calls."""

    def __init__(self):
        self.calls: list[str] = []

    def submit(self, fn, /, *args, **kwargs):
        self.calls.append(fn.__name__)
        return super().submit(fn, *args, **kwargs)


def test_variants_in_chunks_get_the_serial_answers(grid, serial, chunked):
    recording = _Recording()
    answered = solve_variants(grid, executor=recording, progress=False, **SETTINGS)
    assert "solve_chunk" in recording.calls and len(recording.calls) < 6
    pd.testing.assert_frame_equal(answered.table()[DECIDED], serial.table()[DECIDED])
    with ProcessPoolExecutor(max_workers=2, mp_context=get_context("spawn")) as pool:
        pooled = solve_variants(grid, executor=pool, progress=False, **SETTINGS)
    pd.testing.assert_frame_equal(pooled.table()[DECIDED], serial.table()[DECIDED])


def test_chunks_shrink_to_one_as_the_queue_empties():
    jobs = [sweep_module._Job(str(n), {}, {}) for n in range(100)]
    queue = sweep_module.deque(jobs)
    sizes = []
    while queue:
        sizes.append(len(sweep_module._next_chunk(queue, capacity=2)))
    assert sizes[0] == sweep_module.MAX_CHUNK and sizes[-4:] == [1, 1, 1, 1]
    assert sizes == sorted(sizes, reverse=True) and sum(sizes) == 100


def test_a_variant_raising_inside_a_chunk_is_the_only_crashed_row(grid, chunked, monkeypatch):
    from scheduler.explore import worker

    solve = worker.solve_plain

    def raising(data, settings):
        if data["interpretation"]["budget"] == 12:
            raise MemoryError("no memory left")
        return solve(data, settings)

    monkeypatch.setattr(worker, "solve_plain", raising)  # in a chunk
    monkeypatch.setattr(sweep_module, "solve_plain", raising)  # a chunk of one
    recording = _Recording()
    table = solve_variants(grid, executor=recording, progress=False, **SETTINGS).table()
    assert "solve_chunk" in recording.calls
    crashed = table.index[table["status"] == "crashed"].tolist()
    assert crashed == ["budget=12, teams=1", "budget=12, teams=2"]
    assert table.loc["budget=12, teams=1", "reason"] == "MemoryError: no memory left"
    assert table.loc["budget=13, teams=2", "status"] == "optimal"


class _KillingInChunks(ProcessPoolExecutor):
    """A process pool whose worker dies on any task holding the variant budget 12, teams 2."""

    def submit(self, fn, /, *args, **kwargs):
        tasks = args[0] if fn.__name__ == "solve_chunk" else [args] if args else []
        if any(d["interpretation"] == {**d["interpretation"], "budget": 12, "teams": 2}
               for d, _ in tasks):  # fmt: skip
            return super().submit(os._exit, 9)
        return super().submit(fn, *args, **kwargs)


def test_a_dead_worker_in_a_chunk_is_named_alone(grid, serial, chunked, monkeypatch):
    monkeypatch.setattr(sweep_module, "_POOL", None)
    monkeypatch.setattr(
        sweep_module,
        "_new_pool",
        lambda workers: _KillingInChunks(max_workers=workers, mp_context=get_context("spawn")),
    )
    table = solve_variants(grid, progress=False, **SETTINGS).table()
    assert table.index[table["status"] == "crashed"].tolist() == ["budget=12, teams=2"]
    assert "worker process died" in table.loc["budget=12, teams=2", "reason"]
    others = serial.table().drop(index="budget=12, teams=2")[DECIDED]
    pd.testing.assert_frame_equal(table.drop(index="budget=12, teams=2")[DECIDED], others)
    sweep_module._discard_shared_pool(sweep_module._POOL)  # type: ignore[arg-type]


# --- progress and pictures -------------------------------------------------------------------


def test_progress_counts_done_failed_and_remaining():
    out = io.StringIO()
    console = Console(file=out, force_terminal=True, width=120)
    with SweepProgress(3, console=console) as shown:
        shown.advance(failed=False)
        shown.advance(failed=True)
        assert (shown.done, shown.failed, shown.remaining) == (2, 1, 1)
        shown.advance(failed=False)
    text = out.getvalue()
    assert "3/3" in text and "1 failed" in text and "0 remaining" in text
    assert "left" in text


def test_the_heat_map_shows_one_measure_by_two_parameters(serial):
    table = serial.table()
    pivot = sweep_pivot(table, "budget", "teams", "feasible")
    assert pivot.loc[12, 2] == 1.0 and pivot.loc[12, 1] == 0.0
    days = sweep_pivot(table, "budget", "teams", "days_used")
    assert days.loc[13, 2] == 5 and pd.isna(days.loc[13, 1])
    figure = plot_sweep(table, "budget", "teams", "carried_over")
    assert figure.axes[0].get_xlabel() == "teams"
    with pytest.raises(KeyError, match="no column 'rooms'"):
        sweep_pivot(table, "budget", "rooms", "feasible")


# --- schedule sweep --------------------------------------------------------------------------


def test_schedule_sweep_writes_one_sheet_with_the_table_and_a_picture(tmp_path):
    out = tmp_path / "sweep.xlsx"
    result = CliRunner().invoke(
        app,
        [
            "sweep", str(COP9), "--vary", "budget=11..13", "--vary", "teams=1,2",
            "--executor", "serial", "--time-limit", "30", "-o", str(out), "--quiet",
        ],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == ["Sweep"]
    sheet = book["Sweep"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:4] == ("variant", "budget", "teams", "status")
    by_name = {row[0]: dict(zip(rows[0], row, strict=True)) for row in rows[1:]}
    assert len(by_name) == 6
    assert by_name["budget=12, teams=2"]["status"] == "optimal"
    assert by_name["budget=12, teams=2"]["feasible"] is True
    assert by_name["budget=11, teams=2"]["status"] == "infeasible"
    assert len(sheet._images) == 1


def test_schedule_sweep_as_a_command_with_the_local_pool_and_a_cache(tmp_path):
    out, cache = tmp_path / "sweep.xlsx", tmp_path / "cache"
    command = [sys.executable, "-m", "scheduler", "sweep", str(COP9), "--vary", "days=4,5"]
    command += ["--time-limit", "30", "-o", str(out), "--cache", str(cache)]
    for solved in (2, 0):
        done = subprocess.run(command, capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, done.stderr
        assert "2 variants: 1 infeasible, 1 optimal" in done.stdout
        assert f"solved {solved}, from the cache {2 - solved}" in done.stdout


@pytest.mark.parametrize(
    ("option", "message"),
    [
        ("budget", "give name=values"),
        ("budget=20..12", "the range is empty"),
        ("rooms=1,2", "is not a known parameter"),
    ],
)
def test_schedule_sweep_refuses_what_it_cannot_vary(option, message, tmp_path):
    out = tmp_path / "sweep.xlsx"
    result = CliRunner().invoke(app, ["sweep", str(COP9), "--vary", option, "-o", str(out)])
    assert result.exit_code == 2
    assert message in result.output
    assert not out.exists()
