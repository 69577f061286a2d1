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


def _month_files(home: Path) -> list[Path]:
    return sorted(p for p in _index(home).glob("2*.json"))


def _in_a_child(home: Path, *args: str) -> tuple[str, list[str]]:
    """What ``careerkit ARGS`` prints, and which of TinyDB and the store's session it loaded."""
    import subprocess
    import sys

    from tests.conftest import ROOT

    code = ("import sys\nfrom careerkit.cli import main\nsys.argv=['careerkit', *sys.argv[1:]]\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\n"
            "sys.stdout.flush()\n"
            "print(sorted(set(sys.modules) & {'tinydb', 'careerkit.store.database'}), file=sys.stderr)")
    proc = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, timeout=60,
                          check=False, cwd=ROOT, env={**os.environ, "CAREERKIT_HOME": str(home)})
    return proc.stdout, proc.stderr.strip().splitlines()[-1:]


def test_history_json_of_everyone_prints_the_stored_rows_the_bytes_the_records_give(
        run, tmp_path: Path, home: Path) -> None:
    names = ('Bo "the" \\ 王/', "Zed \\n \\\\ \\u0041 “q”", "员工007")  # escapes a reader must not undo twice
    recs = [record(run, tmp_path, model="tiny", person=name, role="junior", date=f"2026-0{i + 1}-1{i}",
                   ratings={"alpha.one": 2, "alpha.two": None if i else 1, "beta.one": 3})
            for i, name in enumerate(names)]
    printed, loaded = _in_a_child(home, "history", "--json")
    assert loaded == ["[]"]  # from the index's rows: no TinyDB, no session
    assert [r["id"] for r in payload(printed)] == [r["id"] for r in recs]
    assert [r["person"] for r in payload(printed)] == list(names)
    # the records' own path (a filter that keeps them all) prints the very same bytes
    assert run("history", "--json", "--model", "tiny").output == printed == run("history", "--json").output
    bo = next(p for p in _people(home) if recs[0]["id"] in p.read_text(encoding="utf-8"))
    os.utime(bo)  # a person file touched since the index was saved: listed from the records, as ever
    assert _in_a_child(home, "history", "--json") == (printed, ["['careerkit.store.database', 'tinydb']"])


def test_a_long_history_json_from_the_rows_is_the_bytes_echo_json_writes(home: Path, run) -> None:
    from datetime import datetime, timedelta

    from careerkit.core.assessment import new_record
    from careerkit.model.catalog import Catalog, sources
    from careerkit.store import assessments, snapshots
    from careerkit.store.database import session

    loaded = Catalog(sources(None)).find("bank-customer-service")
    ids = loaded.model.indicator_ids()
    start = datetime(2025, 11, 1).astimezone()
    with session(home, write=True) as work:  # 1,200 rows: the output orjson writes
        snapshots.save(home / "models", loaded)
        for n in range(1200):
            ratings = {iid: (n + i) % 5 + 1 if (n + i) % 7 else None for i, iid in enumerate(ids)}
            assessments.add(work, new_record(loaded.model, loaded.digest, person=f"员工{n % 40:03d}", role="teller",
                                             ratings=ratings, notes={}, taken_at=start + timedelta(hours=n * 7)))
    printed, loaded_modules = _in_a_child(home, "history", "--json", "--all")
    assert loaded_modules == ["[]"] and len(payload(printed)) == 1200
    assert run("history", "--json", "--model", "bank-customer-service").output == printed


def _as_version_1(home: Path) -> None:
    """The index as careerkit wrote it before its month files held printed rows (schema 1)."""
    from careerkit.store import files
    from careerkit.store.history_rows import month_entries

    head_file = _index(home) / "index.json"
    head = files.read_sealed(head_file)
    for doc in head["months"].values():
        path = _index(home) / f"{doc['month']}.json"
        entries = month_entries(files.read_sealed(path), path)
        sealed = files.seal({"_meta": {"1": {"kind": "history-month", "schema": 1}},
                             "entries": {str(n): e for n, e in enumerate(entries, 1)}})
        path.write_bytes(sealed)
        doc["checksum"] = files.checksum_of(sealed)
    del head["state"]["1"]["month_schema"]
    head_file.write_bytes(files.seal(head))


def test_an_index_of_version_1_is_read_as_it_is_and_written_anew_by_the_next_save(
        run, tmp_path: Path, home: Path) -> None:
    from careerkit.store import files

    recs = four(run, tmp_path)
    listed = run("history", "--json").output
    _as_version_1(home)
    before = {p: p.read_bytes() for p in _month_files(home)}
    assert _in_a_child(home, "history", "--json")[0] == listed  # read through its migration
    assert run("history", "--limit", "2").exit_code == 0 and run("doctor").exit_code == 0
    assert {p: p.read_bytes() for p in _month_files(home)} == before  # a reader repairs nothing
    later = record(run, tmp_path, model="tiny", person="Cy", date="2026-03-30", ratings={"beta.one": 1})
    assert [files.read_sealed(p)["_meta"]["1"]["schema"] for p in _month_files(home)] == [2, 2, 2]
    printed, loaded = _in_a_child(home, "history", "--json")
    assert loaded == ["[]"] and [r["id"] for r in payload(printed)] == [
        recs[0]["id"], recs[1]["id"], later["id"], recs[2]["id"], recs[3]["id"]]
    assert run("doctor").exit_code == 0


def test_a_month_file_sealed_anew_but_not_the_one_the_head_names_is_not_printed(
        run, tmp_path: Path, home: Path) -> None:
    from careerkit.store import files

    recs = four(run, tmp_path)
    month = _index(home) / "2026-05.json"
    data = files.read_sealed(month)
    data["rows"]["1"]["text"] = data["rows"]["1"]["text"].replace('"Bo"', '"Bx"')
    month.write_bytes(files.seal(data))  # its own seal holds; the head's checksum of it does not
    printed, loaded = _in_a_child(home, "history", "--json")
    assert "Bx" not in printed and [r["id"] for r in payload(printed)] == [r["id"] for r in recs]
    assert loaded == ["['careerkit.store.database', 'tinydb']"]
    doctor = run("doctor")
    assert doctor.exit_code == 2 and "history index does not match" in doctor.output
    assert run("doctor", "--fix").exit_code == 0 and run("doctor").exit_code == 0
    assert _in_a_child(home, "history", "--json") == (printed, ["[]"])


def test_a_page_reads_only_the_newest_rows_it_needs_and_shows_what_a_full_read_shows(
        run, tmp_path: Path, home: Path) -> None:
    recs = four(run, tmp_path)
    recs.append(record(run, tmp_path, model="tiny", person="Cy", date="2026-05-22", ratings={"beta.one": 1}))
    for limit in ("1", "2", "3", "4", "9"):  # within the newest month, across months, past the oldest
        page = run("history", "--limit", limit).output
        assert page == run("history", "--limit", limit, "--model", "tiny").output  # every month read whole
        shown = [r["id"] for r in recs[::-1] if r["id"] in page]
        assert shown == [r["id"] for r in sorted(recs, key=lambda r: r["taken_at"], reverse=True)][:int(limit)]
