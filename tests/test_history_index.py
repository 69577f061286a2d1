"""The history index: history lists from it, and never trusts it where it does not match the records."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

from tests.conftest import payload
from tests.helpers import record


def _people(home: Path) -> list[Path]:
    return sorted((home / "data" / "people").glob("*.json"))


def _index(home: Path) -> Path:
    return home / "data" / "history"


def _ids(run, *args: str) -> list[str]:
    return [r["id"] for r in payload(run("history", "--json", *args).output)]


def four(run, tmp_path: Path) -> list[dict]:
    return [record(run, tmp_path, model="tiny", person=person, role="junior", date=date,
                   ratings={"alpha.one": 2, "alpha.two": None, "beta.one": 3})
            for person, date in (("Ann", "2026-01-10"), ("Bo", "2026-03-02"), ("Ann", "2026-05-20"),
                                 ("Bo", "2026-05-21"))]


def test_each_save_updates_the_index_in_the_same_commit(run, tmp_path: Path, home: Path) -> None:
    recs = four(run, tmp_path)
    months = sorted(p.name for p in _index(home).glob("*.json"))
    assert months == ["2026-01.json", "2026-03.json", "2026-05.json", "index.json", "people.json"]
    assert _ids(run) == [r["id"] for r in recs]  # oldest first, as before
    shown = run("history", "--limit", "1").output
    assert recs[3]["id"] in shown and "Showing the newest 1 of 4" in shown
    assert _ids(run, "--model", "tiny") == [r["id"] for r in recs]
    assert run("delete", recs[1]["id"], "--yes").exit_code == 0
    assert _ids(run) == [recs[0]["id"], recs[2]["id"], recs[3]["id"]]
    assert run("doctor").exit_code == 0


def test_an_entry_holds_the_coverage_history_will_show(run, tmp_path: Path, home: Path) -> None:
    from careerkit.store import files

    recs = four(run, tmp_path)
    bucket = files.read_sealed(_index(home) / "2026-01.json")
    rows = bucket["rows"]["1"]  # the month's rows as history --json prints them
    (entry,) = json.loads("[" + rows["text"] + "]")
    assert rows["count"] == 1 and entry["id"] == recs[0]["id"]
    # 2 of 3 rated, every targeted competency rated: not partial (fewer than half, or a target unrated, is)
    keys = ("rated", "indicators", "partial")
    assert {k: entry[k] for k in keys} == {"rated": 2, "indicators": 3, "partial": False}
    assert {k: recs[0]["scores"][k] for k in keys} == {"rated": 2, "indicators": 3, "partial": False}


def test_a_person_file_put_back_on_its_own_is_listed_from_itself(run, tmp_path: Path, home: Path) -> None:
    recs = four(run, tmp_path)
    ann = next(p for p in _people(home) if recs[0]["id"] in p.read_text(encoding="utf-8"))
    shutil.copy2(ann.with_name(ann.name + ".bak1"), ann.with_name("put-back"))
    os.replace(ann.with_name("put-back"), ann)  # Ann's file one save back, as restore puts it: her May record is gone
    assert _ids(run) == [recs[0]["id"], recs[1]["id"], recs[3]["id"]]
    assert "Showing the newest 2 of 3" in run("history", "--limit", "2").output
    doctor = run("doctor")
    assert doctor.exit_code == 2 and "history index does not match" in doctor.output
    fixed = run("doctor", "--fix")
    assert "rebuilt the history index" in fixed.output and fixed.exit_code == 0
    assert _ids(run) == [recs[0]["id"], recs[1]["id"], recs[3]["id"]]


def test_a_damaged_or_missing_index_is_never_trusted_nor_in_the_way(run, tmp_path: Path, home: Path) -> None:
    recs = four(run, tmp_path)
    month = _index(home) / "2026-05.json"
    month.write_bytes(month.read_bytes().replace(b'"Bo"', b'"Bx"', 1))  # its seal no longer holds
    assert _ids(run) == [r["id"] for r in recs]
    assert "Bx" not in run("history").output
    later = record(run, tmp_path, model="tiny", person="Cy", date="2026-05-30", ratings={"beta.one": 1})
    assert _ids(run) == [*(r["id"] for r in recs), later["id"]]  # the save rebuilt the index
    assert run("doctor").exit_code == 0
    shutil.rmtree(_index(home))  # a store from before the index
    assert _ids(run)[-1] == later["id"]
    record(run, tmp_path, model="tiny", person="Ann", date="2026-06-01", ratings={"beta.one": 1})
    assert (_index(home) / "index.json").exists() and len(_ids(run)) == 6
    assert run("doctor").exit_code == 0


def test_index_files_are_sealed_and_private_like_every_store_file(run, tmp_path: Path, home: Path) -> None:
    from careerkit.store import files

    four(run, tmp_path)
    for path in _index(home).glob("*.json"):
        assert files.read_sealed(path) is not None
        assert os.stat(path).st_mode & 0o077 == 0


def test_doctor_finds_a_person_file_overwritten_in_place(run, tmp_path: Path, home: Path) -> None:
    recs = four(run, tmp_path)
    ann = next(p for p in _people(home) if recs[0]["id"] in p.read_text(encoding="utf-8"))
    ann.write_bytes(ann.with_name(ann.name + ".bak1").read_bytes())  # same inode: the folder does not change
    doctor = run("doctor")
    assert doctor.exit_code == 2 and "history index does not match" in doctor.output
    assert run("doctor", "--fix").exit_code == 0
    assert _ids(run) == [recs[0]["id"], recs[1]["id"], recs[3]["id"]]
    bo = record(run, tmp_path, model="tiny", person="Bo", date="2026-07-01", ratings={"beta.one": 1})
    assert _ids(run) == [recs[0]["id"], recs[1]["id"], recs[3]["id"], bo["id"]]


def test_history_to_a_pipe_loads_neither_rich_s_layout_nor_the_schema(run, tmp_path: Path, home: Path) -> None:
    import subprocess
    import sys

    from tests.conftest import ROOT

    recs = four(run, tmp_path)
    code = ("import sys\nfrom careerkit.cli import main\nsys.argv=['careerkit','history']\n"
            "try:\n    main()\nexcept SystemExit as e:\n    code = e.code\n"
            "heavy = sorted(set(sys.modules) & {'rich.console','rich.table','pydantic','yaml','jinja2','orjson'})\n"
            "print('HEAVY', heavy, code)")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False,
                          cwd=ROOT, env={**os.environ, "CAREERKIT_HOME": str(home)})
    assert recs[3]["id"] in proc.stdout and "HEAVY [] 0" in proc.stdout, proc.stdout + proc.stderr
