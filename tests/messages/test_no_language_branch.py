"""No code decides wording by language: the catalogues do (scheduler/messages).

`scheduler/agenda_import/` reads documents and guesses their language, so it may look at it.
"""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BRANCH = re.compile(r"""lang(uage)? *(==|!=) *['"](fr|en)['"]""")
READS_DOCUMENTS = ROOT / "scheduler" / "agenda_import"


def test_no_per_language_branch_in_scheduler_or_models() -> None:
    found = [
        f"{path.relative_to(ROOT)}:{number}: {line.strip()}"
        for folder in ("scheduler", "models")
        for path in sorted((ROOT / folder).rglob("*.py"))
        if READS_DOCUMENTS not in path.parents
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if BRANCH.search(line)
    ]
    assert not found, "wording belongs in the catalogues:\n" + "\n".join(found)


def test_no_hand_written_day_or_month_names() -> None:
    names = re.compile(r"""["'](Monday|lundi|janvier|January|Thu|jeu\.)["']""")
    found = [
        f"{path.relative_to(ROOT)}"
        for folder in ("scheduler", "models")
        for path in sorted((ROOT / folder).rglob("*.py"))
        if READS_DOCUMENTS not in path.parents and names.search(path.read_text(encoding="utf-8"))
    ]
    assert not found, f"day and month names come from CLDR (Babel): {found}"
