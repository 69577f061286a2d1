"""One home folder with something of everything, made through the real commands on fixed dates.

Shared by the machine-output contract (tests/test_json_contract.py) and the golden files of
rendered artefacts (tests/test_golden.py): two assessments and a mentor review for Ann on the
tiny model, a plan, two habits with check-ins, and a team of three people imported from
bundles. ``CAREERKIT_TODAY`` fixes the habits' calendar; answers files carry their ``date:``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.helpers import TINY_DIR, answers_file

TODAY = "2026-03-20"
TINY = ("--models-dir", str(TINY_DIR))
TEAM = {
    "Bo": {"alpha.one": 3, "alpha.two": 2, "beta.one": 3},
    "Cy": {"alpha.one": 2, "alpha.two": 1, "beta.one": 1},
    "李伟": {"alpha.one": 1, "alpha.two": 1, "beta.one": 2},
}


@dataclass
class Scenario:
    folder: Path
    first: str
    second: str

    def ok(self, run, *args: str) -> str:
        res = run(*TINY, *args)
        assert res.exit_code == 0, res.output
        return res.stdout


def _assess(run, folder: Path, name: str, **content: object) -> str:
    path = answers_file(folder, name, model="tiny", **content)
    res = run(*TINY, "assess", "--answers", str(path), "--json")
    assert res.exit_code == 0, res.output
    return str(json.loads(res.stdout)["id"])


@pytest.fixture
def scenario(run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Scenario:
    monkeypatch.setenv("CAREERKIT_TODAY", TODAY)
    folder = tmp_path / "files"
    first = _assess(run, folder, "a1.yaml", person="Ann", role="junior", date="2026-01-10T09:00:00+08:00",
                    ratings={"alpha.one": 1, "alpha.two": 2, "beta.one": 2},
                    notes={"alpha.one": "Asked for help twice"})
    second = _assess(run, folder, "a2.yaml", person="Ann", role="junior", date="2026-03-10T09:00:00+08:00",
                     ratings={"alpha.one": 2, "alpha.two": 2, "beta.one": 3})
    mentor = answers_file(folder, "mentor.yaml", model="tiny", mentor="Wang Fang", date="2026-03-12T10:00:00+08:00",
                          ratings={"alpha.one": 1, "alpha.two": 2, "beta.one": 3},
                          notes={"alpha.one": "Needs more practice"})
    scene = Scenario(folder, first, second)
    scene.ok(run, "review", second, "--answers", str(mentor), "--note", "Own alpha next quarter")
    scene.ok(run, "plan", second, "-o", str(folder / "plan.md"))
    scene.ok(run, "habits", "add", "Practise alpha", "--competency", "alpha", "--model", "tiny",
             "--since", "2026-03-16")
    scene.ok(run, "habits", "add", "Read the news", "--every", "3/week", "--since", "2026-03-18")
    for day in ("2026-03-16", "2026-03-17", "2026-03-18", "2026-03-19"):
        scene.ok(run, "habits", "done", "practise", "--date", day)
    scene.ok(run, "habits", "skip", "practise", "--date", "2026-03-20")
    scene.ok(run, "habits", "done", "read", "--date", "2026-03-18")
    (folder / "bundles").mkdir()
    for person, ratings in TEAM.items():
        _assess(run, folder / "team", f"{len(person)}-{person}.yaml", person=person, role="junior",
                date="2026-03-01T09:00:00+08:00", ratings=ratings)
        scene.ok(run, "export", "--person", person, "-o", str(folder / "bundles" / f"{person}.json"), "--force")
    scene.ok(run, "team", "import", str(folder / "bundles"))
    return scene
