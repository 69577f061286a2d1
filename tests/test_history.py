"""History, show, compare, progress and delete over real store files."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from tests.conftest import FIXTURES, no_traceback, payload
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
    only_bo = payload(run("history", "--person", "Bo", "--json").output)
    assert [r["person"] for r in only_bo] == ["Bo"]
    assert set(only_bo[0]) == {"id", "taken_at", "person", "model", "role", "overall", "readiness", "partial",
                               "rated", "indicators"}
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
    assert payload(run("show", prefix, "--json").output)["id"] == target
    missing = run("show", "zzzzzz")
    assert missing.exit_code == 2 and "no assessment with an id starting 'zzzzzz'" in missing.stderr
    ambiguous = run("show", "")
    assert ambiguous.exit_code == 2 and no_traceback(ambiguous.stderr)


def test_compare_gives_deltas_and_directions(run, tmp_path: Path) -> None:
    a, _, c = three(run, tmp_path)
    data = payload(run("compare", a["id"], c["id"], "--json").output)
    rows = {r["competency"]: r for r in data["competencies"]}
    assert rows["alpha"] == {"competency": "alpha", "a": 1.0, "b": 2.5, "delta": 1.5, "status": "improved"}
    assert rows["beta"]["delta"] == -1.0 and rows["beta"]["status"] == "declined"
    assert data["summary"] == {"improved": 1, "declined": 1, "unchanged": 0}
    table = run("compare", a["id"], c["id"])
    assert "improved" in table.output and "declined" in table.output and "+1.50" in table.output


def test_progress_shows_the_trend_first_latest_and_change(run, tmp_path: Path) -> None:
    three(run, tmp_path)
    data = payload(run("progress", "--person", "Ann", "--json").output)
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
    assert [r["id"] for r in payload(run("history", "--json").output)] == [recs[1]["id"], recs[2]["id"]]


def test_old_history_survives_the_model_file_changing_or_vanishing(run, tmp_path: Path) -> None:
    models = tmp_path / "models"
    shutil.copytree(FIXTURES / "models", models)
    path = tmp_path / "a.yaml"
    path.write_text("model: tiny\nperson: Ann\nratings: {alpha.one: 2}\n", encoding="utf-8")
    rec = payload(run("--models-dir", str(models), "assess", "--allow-partial", "--answers", str(path),
                      "--json").output)
    (models / "tiny.yaml").write_text((models / "tiny.yaml").read_text().replace("Alpha", "Renamed"))
    shown = run("--models-dir", str(models), "show", rec["id"])
    assert shown.exit_code == 0 and "Alpha" in shown.output and "Renamed" not in shown.output
    (models / "tiny.yaml").unlink()
    assert run("show", rec["id"]).exit_code == 0


def test_history_does_not_need_the_models(run, tmp_path: Path) -> None:
    three(run, tmp_path)
    res = run("history", "--json")
    assert len(payload(res.output)) == 3


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
    assert len(payload(run("history", "--json").output)) == 3


# ----------------------------------------------------------------------------- QA: read in an 80-column terminal


def first_column(text: str) -> str:
    """The first cell of every table line, joined: a text folded over lines reads as one."""
    return "".join(line.split("│")[0].strip() for line in text.splitlines())


def test_history_names_one_shared_model_once_and_fits_80_columns(run, tmp_path: Path) -> None:
    recs = three(run, tmp_path)
    res = run("history", env={"COLUMNS": "80"})
    assert res.exit_code == 0
    lines = res.stdout.splitlines()
    assert lines[0] == "model: tiny 1.0"
    rows = [ln for ln in lines if ln[:10] in {r["id"] for r in recs}]
    assert len(rows) == 3 and all(len(ln) <= 80 for ln in lines)
    assert all(ln.split("│")[-1].strip().endswith("%") for ln in rows)  # each record on one line
    assert not any(ln.startswith(" " * 10) for ln in lines)  # no wrapped continuation lines


def test_history_shows_the_version_where_one_model_comes_in_several(run, tmp_path: Path) -> None:
    models = tmp_path / "models"
    shutil.copytree(FIXTURES / "models", models)
    record(run, tmp_path, model="tiny", person="Ann", ratings={"alpha.one": 2})
    text = (models / "tiny.yaml").read_text(encoding="utf-8").replace('version: "1.0"', 'version: "1.1"')
    (models / "tiny.yaml").write_text(text, encoding="utf-8")
    path = tmp_path / "v11.yaml"
    path.write_text("model: tiny\nperson: Ann\nratings: {alpha.one: 3}\n", encoding="utf-8")
    assert run("--models-dir", str(models), "assess", "--allow-partial", "--answers", str(path)).exit_code == 0
    out = run("history").stdout
    assert "tiny 1.0" in out and "tiny 1.1" in out and not out.startswith("model:")


def test_a_filter_that_matches_nothing_says_so_and_who_has_assessments(run, tmp_path: Path) -> None:
    three(run, tmp_path)
    res = run("history", "--person", "Nobody")
    assert res.exit_code == 0
    assert "No assessments match --person Nobody. People with assessments: Ann." in res.stdout
    assert "No assessments yet" not in res.stdout
    res = run("--lang", "zh", "history", "--person", "王 芳", "--model", "tiny")
    assert "没有符合 --person '王 芳' --model tiny 的评估。已有评估的人员：Ann。" in res.stdout


def test_an_empty_history_points_to_the_waiting_draft(run) -> None:
    assert run("--models-dir", str(FIXTURES), "assess", "--model", "tiny", "--person", "王芳",
               input="2\nq\n").exit_code == 0
    res = run("history", "--person", "王芳")
    assert res.exit_code == 0 and "No assessments yet" in res.stdout
    assert "王芳 has an unfinished assessment on tiny" in res.stdout
    assert "`careerkit assess --resume --person 王芳`" in res.stdout


def test_show_folds_chinese_indicators_and_leaves_out_an_empty_note_column(run, tmp_path: Path) -> None:
    path = tmp_path / "bank.yaml"
    path.write_text("model: bank-customer-service\nperson: 李伟\nratings: {knowledge.products: 3}\n", encoding="utf-8")
    rec = payload(run("assess", "--allow-partial", "--answers", str(path), "--json").stdout)
    res = run("--lang", "zh", "show", rec["id"], env={"COLUMNS": "80"})
    assert res.exit_code == 0
    assert "…" not in res.stdout
    assert "我能准确介绍本行存款、银行卡、贷款和代销产品的特点、费用、风险和适合客群。" in first_column(res.stdout)
    assert "备注" not in res.stdout  # no notes: no note column
    path.write_text("model: bank-customer-service\nperson: 李伟\nratings: {knowledge.products: 3}\n"
                    "notes: {knowledge.products: 上周给三位客户讲解了新理财产品}\n", encoding="utf-8")
    rec = payload(run("assess", "--allow-partial", "--answers", str(path), "--json").stdout)
    res = run("--lang", "zh", "show", rec["id"], env={"COLUMNS": "80"})
    notes = "".join(line.split("│")[-1].strip() for line in res.stdout.splitlines() if "│" in line)
    assert "备注" in res.stdout and "上周给三位客户讲解了新理财产品" in notes


def test_comparing_an_assessment_with_itself_is_refused(run, tmp_path: Path) -> None:
    recs = three(run, tmp_path)
    res = run("compare", recs[0]["id"], recs[0]["id"][:6])
    assert res.exit_code == 2 and "both ids name the same assessment" in res.stderr


def test_delete_understands_a_chinese_answer_and_says_why_a_script_got_nothing(run, tmp_path: Path,
                                                                              home: Path) -> None:
    recs = three(run, tmp_path)
    before = store_bytes(home)
    kept = run("--lang", "zh", "delete", recs[0]["id"], input="否\n")
    assert kept.exit_code == 0 and "未删除任何内容" in kept.stderr and store_bytes(home) == before
    closed = run("delete", recs[0]["id"], input="")
    assert closed.exit_code == 2 and "nothing deleted" in closed.stderr and "--yes" in closed.stderr
    gone = run("--lang", "zh", "delete", recs[0]["id"], input="是\n")
    assert gone.exit_code == 0 and len(payload(run("history", "--json").stdout)) == 2


def test_progress_ends_with_the_overall_trend(run, tmp_path: Path) -> None:
    three(run, tmp_path)
    res = run("progress", "--person", "Ann")
    last = [ln for ln in res.stdout.splitlines() if ln.strip()][-1]
    assert last.startswith("Overall") and "+" in last
