"""`benchmarks/results.md` is written by three scripts: each replaces its own sections only."""

from __future__ import annotations

import pytest

from benchmarks.report import merge_sections, replace_section, sections

RESULTS = """# Benchmark results

Run 2026-11-29 on 2 cores.

| case | workers |
|---|---|
| cop9 | 1 |

## Targets (all cores)

| target | measured | met |

## Sweeps (2026-12-01 18:09, `benchmarks/sweep.py`)

216 COP9 variants: 1.66x.

A note written by hand under the sweep's figures.
"""


def test_the_suite_rewrites_its_table_and_targets_and_keeps_the_sweeps():
    suite = "# Benchmark results\n\nRun 2026-12-02.\n\n## Targets (all cores)\n\nnew targets\n"
    merged = merge_sections(RESULTS, suite)
    assert [s.splitlines()[0] for s in sections(merged) if s] == [
        "# Benchmark results",
        "## Targets (all cores)",
        "## Sweeps (2026-12-01 18:09, `benchmarks/sweep.py`)",
    ]
    assert "Run 2026-12-02." in merged and "Run 2026-11-29" not in merged
    assert "new targets" in merged and "216 COP9 variants: 1.66x." in merged


def test_a_script_section_is_replaced_by_name_or_added_at_the_end():
    sweep = "## Sweeps (2026-12-02 09:00, `benchmarks/sweep.py`)\n\n216 COP9 variants: 1.9x.\n"
    merged = replace_section(RESULTS, "## Sweeps", sweep)
    assert "1.9x" in merged and "1.66x" not in merged and merged.count("## Sweeps") == 1
    assert "| cop9 | 1 |" in merged
    startup = "## Start-up (2026-12-02 09:05, `benchmarks/startup.py`)\n\n1.98x.\n"
    added = replace_section(merged, "## Start-up", startup)
    assert added.endswith(startup) and "1.9x" in added
    assert merge_sections(added, "") == added  # nothing new: nothing lost
    with pytest.raises(ValueError, match="not '## Sweeps'"):
        replace_section(RESULTS, "## Sweeps", startup)
