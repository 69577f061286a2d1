"""History, show, compare, progress and delete over real store files."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from tests.conftest import FIXTURES, no_traceback
from tests.helpers import record, store_bytes


def three(run, tmp_path: Path) -> list[dict]:
    return [
        record(run, tmp_path, model="tiny", person="Ann", role="junior", date="2026-01-10",
               ratings={"alpha.one": 1, "alpha.two": 1, "beta.one": 2}),
        record(run, tmp_path, model="tiny", person="Ann", role="junior", date="2026-04-10",
               ratings={"alpha.one": 2, "alpha.two": 2, "beta.one": 2}),
        record(run, tmp_path, model="tiny", person="Ann", role="junior", date="2026-08-10",
               ratings={"alpha.one": 3, "alpha.two": 2, "beta.one": 1}),
    ]


def test_history_lists_newest_first_with_scores(run, tmp_path: Path) -> None:
    recs = three(run, tmp_path)
    record(run, tmp_path, model="tiny", person="Bo", date="2026-05-01", ratings={"beta.one": 3})
    res = run("history")
    assert res.exit_code == 0
    lines = [ln for ln in res.output.splitlines() if ln[:10].strip() in {r["id"] for r in recs}]
    assert [ln.split()[0] for ln in lines] == [recs[2]["id"], recs[1]["id"], recs[0]["id"]]
    only_bo = json.loads(run("history", "--person", "Bo", "--json").output)
    assert [r["person"] for r in only_bo] == ["Bo"]
    assert set(only_bo[0]) == {"id", "taken_at", "person", "model", "role", "overall", "readiness"}
    limited = run("history", "--limit", "2")
    assert "Showing the newest 2 of 4" in limited.output


def test_empty_history_says_how_to_start(run) -> None:
    res = run("history")
    assert res.exit_code == 0 and "careerkit assess" in res.output


def test_show_by_unique_prefix_and_errors_for_unknown_or_ambiguous(run, tmp_path: Path) -> None:
    recs = three(run, tmp_path)
    target = recs[1]["id"]
    prefix = next(target[:n] for n in range(1, 11) if sum(r["id"].startswith(target[:n]) for r in recs) == 1)
    res = run("show", prefix)
    assert res.exit_code == 0 and target in res.output and "Ratings" in res.output
    assert json.loads(run("show", prefix, "--json").output)["id"] == target
    missing = run("show", "zzzzzz")
    assert missing.exit_code == 2 and "no assessment with an id starting 'zzzzzz'" in missing.stderr
    ambiguous = run("show", "")
    assert ambiguous.exit_code == 2 and no_traceback(ambiguous.stderr)


def test_compare_gives_deltas_and_directions(run, tmp_path: Path) -> None:
    a, _, c = three(run, tmp_path)
    data = json.loads(run("compare", a["id"], c["id"], "--json").output)
    rows = {r["competency"]: r for r in data["competencies"]}
    assert rows["alpha"] == {"competency": "alpha", "a": 1.0, "b": 2.5, "delta": 1.5, "status": "improved"}
    assert rows["beta"]["delta"] == -1.0 and rows["beta"]["status"] == "declined"
    assert data["summary"] == {"improved": 1, "declined": 1, "unchanged": 0}
    table = run("compare", a["id"], c["id"])
    assert "improved" in table.output and "declined" in table.output and "+1.50" in table.output


def test_progress_shows_the_trend_first_latest_and_change(run, tmp_path: Path) -> None:
    three(run, tmp_path)
    data = json.loads(run("progress", "--person", "Ann", "--json").output)
    alpha = next(r for r in data["competencies"] if r["competency"] == "alpha")
    assert alpha["trend"] == [1.0, 2.0, 2.5] and alpha["first"] == 1.0 and alpha["latest"] == 2.5
    assert alpha["change"] == 1.5 and data["assessments"] == 3
    table = run("progress", "--person", "Ann")
    assert table.exit_code == 0 and "+1.50" in table.output


def test_progress_needs_a_person_when_several(run, tmp_path: Path) -> None:
    three(run, tmp_path)
    record(run, tmp_path, model="tiny", person="Bo", ratings={"beta.one": 3})
    res = run("progress")
    assert res.exit_code == 2 and "--person" in res.stderr
    none = run("progress", "--person", "Nobody")
    assert none.exit_code == 2 and "no assessments" in none.stderr


def test_delete_asks_first_and_keeps_on_no(run, tmp_path: Path, home: Path) -> None:
    recs = three(run, tmp_path)
    before = store_bytes(home)
    kept = run("delete", recs[0]["id"], input="n\n")
    assert kept.exit_code == 0 and "Nothing deleted" in kept.stderr
    assert store_bytes(home) == before
    gone = run("delete", recs[0]["id"], "--yes")
    assert gone.exit_code == 0
    assert [r["id"] for r in json.loads(run("history", "--json").output)] == [recs[1]["id"], recs[2]["id"]]


def test_old_history_survives_the_model_file_changing_or_vanishing(run, tmp_path: Path) -> None:
    models = tmp_path / "models"
    shutil.copytree(FIXTURES / "models", models)
    path = tmp_path / "a.yaml"
    path.write_text("model: tiny\nperson: Ann\nratings: {alpha.one: 2}\n", encoding="utf-8")
    rec = json.loads(run("--models-dir", str(models), "assess", "--answers", str(path), "--json").output)
    (models / "tiny.yaml").write_text((models / "tiny.yaml").read_text().replace("Alpha", "Renamed"))
    shown = run("--models-dir", str(models), "show", rec["id"])
    assert shown.exit_code == 0 and "Alpha" in shown.output and "Renamed" not in shown.output
    (models / "tiny.yaml").unlink()
    assert run("show", rec["id"]).exit_code == 0


def test_history_does_not_need_the_models(run, tmp_path: Path) -> None:
    three(run, tmp_path)
    res = run("history", "--json")
    assert len(json.loads(res.output)) == 3


def test_the_model_snapshot_is_kept_by_digest(run, tmp_path: Path, home: Path) -> None:
    rec = record(run, tmp_path, model="tiny", person="Ann", ratings={})
    snapshot = home / "models" / f"{rec['model']['digest']}.json"
    assert json.loads(snapshot.read_text(encoding="utf-8"))["id"] == "tiny"
    assert (snapshot.stat().st_mode & 0o777) == 0o600


def test_records_are_private_files(run, tmp_path: Path, home: Path) -> None:
    record(run, tmp_path, model="tiny", person="Ann", ratings={})
    for path in home.rglob("*"):
        mode = path.stat().st_mode & 0o777
        assert mode == (0o700 if path.is_dir() else 0o600), (path, oct(mode))


def test_a_question_with_no_answer_on_a_closed_stdin_is_exit_2_not_a_crash(run, tmp_path: Path) -> None:
    recs = three(run, tmp_path)
    res = run("delete", recs[0]["id"], input="")
    assert res.exit_code == 2 and "pass --yes" in res.stderr
    assert len(json.loads(run("history", "--json").output)) == 3
