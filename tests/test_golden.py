"""Golden files of rendered artefacts: a change in what people see is seen in review.

The plan (md, txt, html), the habit tracker sheet (md, html), the team summary (md, html)
and the result screen of `assess` in English and Chinese are rendered through the real
commands from tests/scenario.py and compared with tests/golden/. Dates are fixed
(``CAREERKIT_TODAY``, answers files with ``date:``); what still depends on the clock (a plan
starts today, a summary says when it was made) is written relative to today, and record ids
are masked.

When an output changes on purpose, regenerate the files and read the diff before committing::

    CAREERKIT_REGEN_GOLDEN=1 python -m pytest tests/test_golden.py
    git diff tests/golden/
"""

from __future__ import annotations

import json
import os
import re
from datetime import date, datetime
from pathlib import Path

from tests.helpers import answers_file
from tests.scenario import TINY, Scenario, scenario  # noqa: F401  (the fixture)

GOLDEN = Path(__file__).resolve().parent / "golden"
REGENERATE = os.environ.get("CAREERKIT_REGEN_GOLDEN") == "1"
# The scenario's own calendar: dates in it are fixed, any other date comes from the clock.
FIXED = (date(2026, 1, 1), date(2026, 3, 31))
_DATE_TIME = re.compile(r"(\d{4}-\d{2}-\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:[+-]\d{2}:\d{2}|Z)?)?")
_ID = re.compile(r"\b[0-9a-f]{10}\b")


def _relative(match: re.Match[str]) -> str:
    day = date.fromisoformat(match.group(1))
    if FIXED[0] <= day <= FIXED[1]:
        return match.group(0)
    shift = (day - datetime.now().astimezone().date()).days
    label = f"<today{shift:+d}>" if shift else "<today>"
    return label if match.group(0) == match.group(1) else f"{label}<time>"


def mask(text: str) -> str:
    return _DATE_TIME.sub(_relative, _ID.sub("<id>", text))


def _artefacts(run, scene: Scenario, out: Path) -> dict[str, str]:
    """Every golden artefact's name and its text, rendered through the real commands."""
    plan_id = json.loads(scene.ok(run, "plans", "--json"))["items"][0]["id"]
    for fmt in ("md", "txt", "html"):
        scene.ok(run, "plan", "show", plan_id, "--format", fmt, "-o", str(out / f"plan.{fmt}"))
    for fmt in ("md", "html"):
        scene.ok(run, "habits", "sheet", "--month", "2026-03", "--format", fmt, "-o", str(out / f"habits-sheet.{fmt}"))
        scene.ok(run, "team", "summary", "--format", fmt, "-o", str(out / f"team-summary.{fmt}"))
    texts = {p.name: p.read_text(encoding="utf-8") for p in sorted(out.iterdir())}
    for lang in ("en", "zh"):
        answers = answers_file(scene.folder, f"result-{lang}.yaml", model="tiny", person="Ann", role="junior",
                               date="2026-03-15T09:00:00+08:00",
                               ratings={"alpha.one": 3, "alpha.two": 2, "beta.one": 1})
        texts[f"result-screen.{lang}.txt"] = scene.ok(run, "--lang", lang, "assess", "--answers", str(answers))
    return texts


def test_rendered_artefacts_match_their_golden_files(run, scenario: Scenario, tmp_path: Path) -> None:  # noqa: F811
    out = tmp_path / "out"
    out.mkdir()
    texts = {name: mask(text) for name, text in _artefacts(run, scenario, out).items()}
    assert len(texts) == 9
    if REGENERATE:
        GOLDEN.mkdir(exist_ok=True)
        for name, text in texts.items():
            (GOLDEN / name).write_text(text, encoding="utf-8")
    changed = [name for name, text in texts.items()
               if not (GOLDEN / name).is_file() or (GOLDEN / name).read_text(encoding="utf-8") != text]
    assert changed == [], (f"{changed} differ from tests/golden/; if the change is meant, regenerate with "
                           "CAREERKIT_REGEN_GOLDEN=1 python -m pytest tests/test_golden.py and review git diff")


def test_masks_keep_fixed_dates_and_make_clock_dates_relative() -> None:
    today = datetime.now().astimezone().date()
    later = date.fromordinal(today.toordinal() + 30).isoformat()
    text = f"taken 2026-03-10 · id 3f2a9c01de · due {later} · made {today.isoformat()}T09:05:48+00:00"
    assert mask(text) == "taken 2026-03-10 · id <id> · due <today+30> · made <today><time>"
