"""Smoke test of the benchmark script: it runs, and writes a table the targets are read from."""

from __future__ import annotations

import csv
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.slow
def test_the_quick_benchmark_runs_on_cop9(tmp_path):
    done = subprocess.run(
        [
            sys.executable,
            str(ROOT / "benchmarks" / "run.py"),
            "--quick",
            "--cases",
            "cop9",
            "--workers",
            "1",
            "--no-cli",
            "--out",
            str(tmp_path),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    rows = list(csv.DictReader((tmp_path / "results-quick.csv").open(encoding="utf-8")))
    assert [(r["case"], r["workers"], r["status"], r["valid"]) for r in rows] == [
        ("cop9", "1", "optimal", "True")
    ]
    assert int(rows[0]["variables"]) > 0
    text = (tmp_path / "results-quick.md").read_text(encoding="utf-8")
    assert "| cop9 | 1.0 | 1 |" in text
    assert "COP9 proven optimal" in text


def test_the_log_parser_reads_timetables_and_bounds():
    sys.path.insert(0, str(ROOT))
    from benchmarks.measure import gap, parse_log, state_at

    log = "\n".join(
        [
            "#Bound   0.05s best:inf   next:[10,1000]   initial_domain",
            "#1       0.10s best:120   next:[10,119]    fj_restart",
            "#Bound   2.00s best:120   next:[100,119]   max_lp",
            "#2       12.0s best:110   next:[100,109]   ls_lin",
            "#Done    20.0s best:110   next:[]          core",
        ]
    )
    events = parse_log(log)
    assert state_at(events, 1.0) == (120.0, 10.0)
    assert state_at(events, 10.0) == (120.0, 100.0)
    assert gap(*state_at(events, 15.0)) == pytest.approx(10 / 110)
