"""The figures `team import` stores for `team summary` (issue 13): used while they stand, never trusted otherwise.

Each test compares a summary made from the stored figures with the summary the same team gives
when its people are scored from their ratings (the figures taken out of the index, as an older
index has none): the same bytes, whatever was changed in between.
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from careerkit.core import bundle
from careerkit.core.team import figures_check
from careerkit.store import files
from tests.conftest import payload
from tests.helpers import TINY_DIR, record
from tests.test_team import TINY, bundles, export_to  # noqa: F401  # bundles: the fixture

OUTPUTS = (("--format", "json"), ("--format", "csv"), ("--format", "md"), ("--anonymize", "--format", "json"),
           ("--role", "junior", "--format", "jsonl"), ())


def index_path(home: Path) -> Path:
    found = sorted((home / "data" / "team").glob("*/team.json"))
    assert len(found) == 1
    return found[0]


def edit_index(home: Path, change: Any) -> None:
    """Change the team's index as someone with an editor and the seal's recipe could: sealed again."""
    path = index_path(home)
    data = files.read_sealed(path)
    change(data)
    path.write_bytes(files.seal(data))


def figures_of(home: Path, person: str) -> dict[str, Any]:
    people = files.read_sealed(index_path(home))["people"].values()
    return next(p for p in people if p["name"] == person)["figures"]["tiny"]


def outputs(run) -> list[str]:
    """Every summary output, the time it was made left out."""
    out = []
    for extra in OUTPUTS:
        res = run("--lang", "en", "team", "summary", *extra)
        assert res.exit_code == 0, res.output
        out.append(res.stdout.replace(payload(res.stdout)["generated_at"], "-") if "json" in extra else res.stdout)
    return out


def from_ratings(run, home: Path) -> list[str]:
    """The outputs of the same team with its people scored from their ratings (no figures stored)."""
    saved = index_path(home).read_bytes()
    edit_index(home, lambda data: [p.pop("figures", None) for p in data["people"].values()])
    try:
        return outputs(run)
    finally:
        index_path(home).write_bytes(saved)


def alpha(run, person: str) -> float:
    people = {p["name"]: p for p in payload(run("team", "summary", "--format", "json").stdout)["people"]}
    return people[person]["scores"]["alpha"]["score"]


def test_a_summary_from_the_stored_figures_is_the_one_scored_from_the_ratings(run, bundles, home, tmp_path):  # noqa: F811
    # Ann's latest assessment is partial: her earlier complete one counts (the figures say which)
    record(run, tmp_path / "answers", model="tiny", person="Ann", role="junior", date="2026-05-01",
           ratings={"alpha.one": 1})
    export_to(run, bundles, "Ann")
    assert run("team", "import", str(bundles)).exit_code == 0
    index = files.read_sealed(index_path(home))
    assert index["_meta"]["1"]["schema"] == 2
    assert all(p["figures"]["tiny"]["basis"]["records"] for p in index["people"].values())
    assert figures_of(home, "Ann")["skipped"] and figures_of(home, "Ann")["record"]["taken_at"][:10] == "2026-03-01"
    stored = outputs(run)
    assert stored == from_ratings(run, home)
    assert "partial assessment" in run("team", "summary").stdout


def test_the_figures_follow_a_new_model_version_and_a_replaced_bundle(run, bundles, home, tmp_path):  # noqa: F811
    assert run("team", "import", str(bundles)).exit_code == 0
    newer = tmp_path / "models-1.1"
    newer.mkdir()
    text = (TINY_DIR / "tiny.yaml").read_text(encoding="utf-8")
    (newer / "tiny.yaml").write_text(text.replace('version: "1.0"', 'version: "1.1"'), encoding="utf-8")
    answers = tmp_path / "cy.yaml"
    answers.write_text("model: tiny\nperson: Cy\nrole: junior\ndate: 2026-07-01\n"
                       "ratings: {alpha.one: 3, alpha.two: 3, beta.one: 3}\n", encoding="utf-8")
    assert run("--models-dir", str(newer), "assess", "--allow-partial", "--answers", str(answers)).exit_code == 0
    assert run("--models-dir", str(newer), "export", "--person", "Cy", "-o", str(tmp_path / "cy.json")).exit_code == 0
    assert run("team", "import", str(tmp_path / "cy.json")).exit_code == 0
    assert figures_of(home, "Cy")["record"] is None  # the latest one, on 1.1
    others = payload(run("team", "summary", "--format", "json").stdout)["other_versions"]
    assert [v["version"] for v in others] == ["1.1"]
    assert outputs(run) == from_ratings(run, home)
    on_newer = run("team", "summary", "--model", "tiny@1.1", "--format", "csv").stdout
    saved = index_path(home).read_bytes()
    edit_index(home, lambda data: [p.pop("figures", None) for p in data["people"].values()])
    assert run("team", "summary", "--model", "tiny@1.1", "--format", "csv").stdout == on_newer
    index_path(home).write_bytes(saved)

    # Bo's bundle again, newer, the same assessment (same id) with other ratings: it replaces the stored one
    content = json.loads((bundles / "Bo.json").read_bytes())
    content["assessments"][0]["ratings"].update({"alpha.one": 3, "alpha.two": 3})
    again = bundle.build("Bo", {"assessments": content["assessments"]}, content["models"],
                         created_at=(datetime.now().astimezone() + timedelta(minutes=5)).isoformat(timespec="seconds"),
                         generator="test")
    (tmp_path / "bo.json").write_bytes(bundle.dumps(again))
    res = run("team", "import", str(tmp_path / "bo.json"))
    assert "0 new record(s), 1 updated" in res.stdout, res.output
    assert alpha(run, "Bo") == 3.0
    assert outputs(run) == from_ratings(run, home)


def test_stale_or_edited_figures_are_not_trusted_and_doctor_rebuilds_them(run, bundles, home):  # noqa: F811
    assert run("team", "import", str(bundles)).exit_code == 0
    true = outputs(run)
    assert alpha(run, "Ann") == 3.0

    def forge(change: Any, *, check: bool = True) -> None:
        def edit(data: dict[str, Any]) -> None:
            entry = next(p for p in data["people"].values() if p["name"] == "Ann")
            figures = entry["figures"]["tiny"]
            change(figures)
            if check:
                figures["check"] = figures_check(figures)
        edit_index(home, edit)

    saved = index_path(home).read_bytes()
    forge(lambda f: f["scores"].__setitem__(0, 1.0), check=False)  # edited: its own check no longer matches
    assert alpha(run, "Ann") == 3.0 and outputs(run) == true
    for stale in (lambda f: f["basis"].__setitem__("rules", [0, 1]),  # made by other scoring rules
                  lambda f: f["basis"].__setitem__("latest", ["other-id", "2020-01-01"]),  # beside another latest
                  lambda f: f["scores"].append(2.0)):  # of another model's shape
        index_path(home).write_bytes(saved)
        forge(lambda f, stale=stale: (stale(f), f["scores"].__setitem__(0, 1.0)))
        assert alpha(run, "Ann") == 3.0 and outputs(run) == true

    # edited with its check made again: a summary reads it (the seal and the check are all it has),
    # doctor, which scores everyone from their records, does not
    index_path(home).write_bytes(saved)
    forge(lambda f: f["scores"].__setitem__(0, 1.0))
    assert alpha(run, "Ann") == 1.0
    found = payload(run("doctor", "--json").stdout)
    stale = [f for f in found["items" if "items" in found else "findings"] if f["check"] == "team"]
    assert stale and not stale[0]["ok"] and "Ann" in stale[0]["message"], stale
    res = run("doctor", "--fix")
    assert "rebuilt the stored summary figures of team default" in res.output, res.output
    assert alpha(run, "Ann") == 3.0 and outputs(run) == true
    assert index_path(home).stat().st_mode & 0o077 == 0


def test_an_older_index_without_figures_is_read_as_it_is_and_made_current_by_a_write(run, bundles, home):  # noqa: F811
    assert run("team", "import", str(bundles)).exit_code == 0
    true = outputs(run)

    def older(data: dict[str, Any]) -> None:
        data["_meta"]["1"]["schema"] = 1
        for person in data["people"].values():
            person.pop("figures")
    edit_index(home, older)
    before = index_path(home).read_bytes()
    assert outputs(run) == true
    assert run("team", "list").exit_code == 0
    assert index_path(home).read_bytes() == before  # a reading command migrates in memory, never on disk
    res = run("doctor")
    assert "do not match their records" in res.output and "doctor --fix" in res.output
    again = run("team", "import", str(bundles))  # nothing new: the figures are made all the same
    assert "4 unchanged" in again.stdout, again.output
    index = files.read_sealed(index_path(home))
    assert index["_meta"]["1"]["schema"] == 2 and all("figures" in p for p in index["people"].values())
    assert outputs(run) == true
    assert "match their records" in run("doctor").output


def test_figures_give_the_rows_of_the_ratings_on_the_bank_model_for_every_role():
    """Many people, every role (and none), thirds and sixths, skipped indicators, partial latest ones."""
    import random

    from careerkit.core import team as core
    from careerkit.core.scoring import Scorer
    from careerkit.model.catalog import Catalog, sources
    from careerkit.model.loader import canonical_json
    from careerkit.model.schema import read

    loaded = Catalog(sources(None)).find("bank-customer-service")
    view = read(json.loads(canonical_json(loaded.model)))
    rng = random.Random(5)
    roles = [r.id for r in view.roles] + [None]
    people: dict[str, list[dict[str, Any]]] = {}
    for i in range(60):
        records = []
        for k in range(3):
            skip = 0.9 if (i % 4 == 0 and k == 2) else 0.1
            records.append({"id": f"{i:03d}-{k}", "taken_at": f"2026-0{k + 1}-01T09:00:00+08:00",
                            "role": roles[i % len(roles)],
                            "model": {"id": view.id, "version": view.version, "digest": loaded.digest},
                            "ratings": {iid: None if rng.random() < skip else rng.randint(1, 5)
                                        for iid in view.indicator_ids()}})
        people[f"P{i:03d}"] = records
    latest = [(name, records[-1]) for name, records in people.items()]
    stored = {name: core.person_figures(records[-1], records, lambda d: view) for name, records in people.items()}
    stored = json.loads(json.dumps(stored))  # as the index holds them
    for options in (core.Options(), core.Options(anonymize=True), core.Options(role="teller", lang="zh")):
        made = []
        for figures_of in (None, stored.get):
            scorer = Scorer(view)
            entries, skipped = core.complete_entries(latest, lambda d, s=scorer: s, lambda n: people[n], figures_of)
            versions = core.split_versions(entries)
            made.append((core.summarize("t", scorer, versions, salt="ab" * 32, options=options, generated_at="-"),
                         skipped))
        assert made[0] == made[1]
        assert made[0][1]  # some partial latest ones were skipped
