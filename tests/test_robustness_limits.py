"""The work is bounded before it starts: model size, the whole command's time, the settings.

Reproducers made here: a session inside every documented limit whose model is still too
large (500 rooms x 200 bodies, any body in any room), a huge `--seed`, `--workers 99999`, a
re-plan whose unpinned row has 1e20 minutes; and the time limit, which counts the model's
building as well as the search.
"""

from __future__ import annotations

import dataclasses
import time

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

import models.model
from scheduler.cli import app
from scheduler.errors import ExitCode, InputError
from scheduler.model_size import MAX_MODEL_SIZE, model_size
from scheduler.pipeline import Explaining, Settings, explain, plan
from scheduler.session import MAX_SEED, MAX_WORKERS
from tests.conftest import TINY, make_session, tiny_data

runner = CliRunner()


def _many_rooms(rooms: int, bodies: int) -> dict:
    data = tiny_data()
    data["interpretation"] = {"budget": 10_000, "teams": 1_000}
    data["rooms"] += [{"id": f"r{k}", "interpretation": True} for k in range(rooms)]
    every = [r["id"] for r in data["rooms"]]
    data["bodies"] += [
        {
            "id": f"b{k}",
            "kind": "working_group",
            "name": {"en": f"B{k}"},
            "rooms": every,
            "interpreted": False,
        }
        for k in range(bodies)
    ]
    data["meetings"] += [
        {"id": f"m{k}", "body": f"b{k}", "title": {"en": "x"}, "meetings": 1} for k in range(bodies)
    ]
    return data


def test_a_model_too_large_is_refused_before_it_is_built(tmp_path, monkeypatch):
    session = make_session(_many_rooms(500, 200))  # within every limit of the session file
    assert model_size(session).total > MAX_MODEL_SIZE
    monkeypatch.setattr(models.model, "SessionModel", lambda *a, **k: pytest.fail("built"))
    began = time.perf_counter()
    with pytest.raises(InputError) as refused:
        plan(session, settings=Settings(time_limit=10))
    assert time.perf_counter() - began < 5
    message = refused.value.message
    assert "session: the model would hold" in message and "room choices" in message
    assert f"at most {MAX_MODEL_SIZE:,} can be solved" in message
    with pytest.raises(InputError):
        explain(session, settings=Settings(time_limit=10))


def test_the_model_size_of_a_realistic_session_is_far_below_the_limit(cop9):
    assert model_size(cop9).total < MAX_MODEL_SIZE / 100


def test_a_not_in_parallel_clique_is_counted():
    data = tiny_data()
    ids = [f"m{k}" for k in range(40)]
    data["meetings"] = [
        {
            "id": i,
            "body": "wg",
            "title": {"en": "x"},
            "meetings": 1,
            "not_in_parallel_with": [j for j in ids if j != i],
        }
        for i in ids
    ]
    size = model_size(make_session(data))
    assert size.pairs >= 40 * 39 * 4  # each pair, in each of the 4 periods


def test_the_time_limit_counts_the_model_building(tiny, monkeypatch):
    given: list[float] = []
    real_solver, real_init = models.model._solver, models.model.SessionModel.__init__

    def slow_build(self, *args, **kwargs):
        time.sleep(0.6)
        real_init(self, *args, **kwargs)

    def solver(time_limit, workers, seed, **options):
        made = real_solver(time_limit, workers, seed, **options)
        given.append(made.parameters.max_time_in_seconds)
        return made

    monkeypatch.setattr(models.model.SessionModel, "__init__", slow_build)
    monkeypatch.setattr(models.model, "_solver", solver)
    plan(tiny, settings=Settings(time_limit=2.0, workers=1))
    assert given and given[0] <= 2.0 - 0.6


def test_a_search_past_the_deadline_still_reports():
    with models.model.deadline(0.0):
        assert models.model.time_left(60) == models.model.LEAST_SEARCH
    assert models.model.time_left(60) == 60  # no deadline outside


@pytest.mark.parametrize(
    ("option", "value"),
    [("--seed", "99999999999999999999"), ("--workers", "99999"), ("--gap", "2"), ("--gap", "-1")],
)
def test_huge_seed_and_workers_are_refused_from_the_command_line(tmp_path, option, value):
    out = tmp_path / "t.xlsx"
    result = runner.invoke(app, ["solve", str(TINY), "-o", str(out), option, value])
    assert result.exit_code == ExitCode.INVALID_INPUT
    assert f"Invalid value for '{option}'" in result.output
    assert "Traceback" not in result.output and not out.exists()


@pytest.mark.parametrize(
    ("settings", "field"),
    [
        (Settings(workers=MAX_WORKERS + 1), "workers"),
        (Settings(seed=MAX_SEED + 1), "seed"),
        (Settings(time_limit=float("nan")), "time_limit"),
        (Settings(gap=float("nan")), "gap"),
        (Settings(gap=1.5), "gap"),
        (Settings(explaining=Explaining(seed=-1)), "explaining.seed"),
    ],
)
def test_settings_beyond_their_limits_are_refused_by_the_pipeline(tiny, settings, field):
    with pytest.raises(InputError) as refused:
        plan(tiny, settings=dataclasses.replace(settings))
    assert refused.value.field == field


def test_keep_with_absurd_minutes_in_an_unpinned_row(tmp_path):
    earlier = tmp_path / "t.xlsx"
    assert runner.invoke(app, ["solve", str(TINY), "-o", str(earlier), "-q"]).exit_code == 0
    book = load_workbook(earlier)
    sheet = book["Assignments"]
    header = [c.value for c in sheet[1]]
    sheet.cell(2, header.index("pinned") + 1).value = False
    sheet.cell(2, header.index("minutes") + 1).value = 1e20
    book.save(earlier)
    out = tmp_path / "again.xlsx"
    result = runner.invoke(app, ["solve", str(TINY), "--keep", str(earlier), "-o", str(out)])
    assert result.exit_code == ExitCode.INVALID_INPUT, result.output
    column = "ABCDEFGHIJKL"[header.index("minutes")]
    assert f"Assignments!{column}2: 1e+20: at most 100,000 minutes" in result.output
    assert not out.exists()


def test_a_seed_given_makes_several_workers_reproducible():
    seeded = models.model._solver(10, 2, 5, reproducible=True).parameters
    assert seeded.interleave_search and seeded.random_seed == 5
    assert not models.model._solver(10, 2, 5).parameters.interleave_search
    assert not models.model._solver(10, 1, 5, reproducible=True).parameters.interleave_search


@pytest.mark.slow
def test_seed_and_two_workers_give_the_same_timetable_each_run():
    from scheduler.io.session_file import load_session
    from tests.conftest import ROOT

    session = load_session(ROOT / "instances" / "generated" / "cop-5x.yaml")
    found = {
        tuple(models.model.SessionModel(session).solve(time_limit=60, workers=2, seed=1).timetable)
        for _ in range(3)
    }
    assert len(found) == 1


@pytest.mark.parametrize(
    ("options", "said"),
    [
        (["--workers", "1"], "yes"),
        (["--workers", "2", "--seed", "3"], "yes"),
        (["--workers", "2"], "no: several workers without --seed"),
    ],
)
def test_the_solve_sheet_says_whether_the_run_is_reproducible(tmp_path, options, said):
    out = tmp_path / "t.xlsx"
    result = runner.invoke(app, ["solve", str(TINY), "-o", str(out), "-q", *options])
    assert result.exit_code == ExitCode.OK, result.output
    rows = {row[0]: row[1] for row in load_workbook(out)["Solve"].iter_rows(values_only=True)}
    assert rows["reproducible"] == said


def test_a_model_too_large_is_refused_by_solve_and_explain_naming_the_file(tmp_path):
    import yaml

    session = tmp_path / "big.yaml"
    session.write_text(yaml.safe_dump(_many_rooms(500, 200)), encoding="utf-8")
    for command in (
        ["solve", str(session), "-o", str(tmp_path / "t.xlsx")],
        ["explain", str(session)],
    ):
        result = runner.invoke(app, command)
        assert result.exit_code == ExitCode.INVALID_INPUT, result.output
        assert f"error: {session}: session: the model would hold" in result.output
    assert not (tmp_path / "t.xlsx").exists()
