"""`careerkit assess --answers`: scripted assessments, and every bad answers file refused whole."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import no_traceback, payload
from tests.helpers import TINY_DIR, answers_file, record, store_bytes


def test_recording_from_a_file_saves_and_prints_the_record(run, tmp_path: Path, home: Path) -> None:
    rec = record(run, tmp_path, model="tiny", person="李伟", role="junior", date="2026-11-01",
                 ratings={"alpha.one": 3, "alpha.two": 2, "beta.one": 1}, notes={"alpha.one": "led the drill"})
    assert set(rec) >= {"id", "person", "model", "role", "taken_at", "ratings", "notes", "scores"}
    assert rec["person"] == "李伟" and rec["role"] == "junior"
    assert rec["model"]["id"] == "tiny" and len(rec["model"]["digest"]) == 64
    assert rec["taken_at"].startswith("2026-11-01")
    assert rec["scores"]["overall"] == 2.0 and rec["scores"]["readiness"] == 66.67
    assert rec["scores"]["competencies"]["beta"] | {} == {"score": 1.0, "target": 2, "gap": 1.0, "met": False,
                                                          "rated": 1, "indicators": 1}
    assert rec["scores"]["next_roles"] == {"senior": {"readiness": 0.0, "ready": False, "blocked_by": []}}
    assert rec["notes"] == {"alpha.one": "led the drill"}
    listed = payload(run("history", "--json").output)
    assert [r["id"] for r in listed] == [rec["id"]]


def test_the_result_screen_shows_targets_bars_and_next_roles(run, tmp_path: Path) -> None:
    path = answers_file(tmp_path, model="tiny", person="Ann", role="junior",
                        ratings={"alpha.one": 3, "alpha.two": 2, "beta.one": 1})
    res = run("--models-dir", str(TINY_DIR), "assess", "--allow-partial", "--answers", str(path))
    assert res.exit_code == 0
    out = res.output
    assert "Alpha" in out and "Beta" in out and "target" in out
    assert "Overall: 2.00 / 3" in out and "readiness for this role: 67%" in out
    assert "Strengths: Alpha" in out and "Development areas: Beta" in out
    assert "Readiness for Senior: 0%" in out
    assert "█" in out


def test_missing_indicators_count_as_skipped(run, tmp_path: Path) -> None:
    rec = record(run, tmp_path, model="tiny", person="Ann", ratings={"alpha.one": 2})
    assert rec["ratings"] == {"alpha.one": 2, "alpha.two": None, "beta.one": None}
    assert rec["scores"]["overall"] == 2.0 and rec["role"] is None


def test_answers_from_standard_input_and_json(run, tmp_path: Path) -> None:
    text = json.dumps({"model": "tiny", "person": "Bo", "ratings": {"beta.one": 3}})
    res = run("--models-dir", str(TINY_DIR), "assess", "--allow-partial", "--answers", "-", "--json", input=text)
    assert res.exit_code == 0, res.stderr
    assert payload(res.output)["scores"]["competencies"]["beta"]["score"] == 3.0
    path = answers_file(tmp_path, "a.json", model="tiny", person="Bo", ratings={"alpha.one": 1})
    assert run("--models-dir", str(TINY_DIR), "assess", "--allow-partial", "--answers", str(path)).exit_code == 0
    assert len(payload(run("history", "--json").output)) == 2


def test_every_problem_is_reported_together_with_lines_and_nothing_saved(run, tmp_path: Path, home: Path) -> None:
    record(run, tmp_path / "first", model="tiny", person="Ann", ratings={"alpha.one": 2})
    before = store_bytes(home)
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "model: tiny\n"
        "person: Ann\n"
        "role: boss\n"
        "ratings:\n"
        "  alpha.one: 7\n"
        "  alpha.too: 2\n"
        "  beta.one: three\n"
        "notes:\n"
        "  gamma.x: hello\n", encoding="utf-8")
    res = run("--models-dir", str(TINY_DIR), "assess", "--allow-partial", "--answers", str(bad))
    assert res.exit_code == 2
    err = res.stderr
    assert "the answers have 5 problem(s); nothing was saved" in err
    assert (f"{bad}:3:7: role: no role 'boss' in model tiny; give a role's id or title: "
            "junior (Junior), senior (Senior)") in err
    assert f"{bad}:5:14: ratings.alpha.one: level 7 is not on the scale (1–3)" in err
    assert f"{bad}:6:3: ratings.alpha.too: no indicator 'alpha.too' in this model (did you mean 'alpha.two'?)" in err
    assert f"{bad}:7:13: ratings.beta.one: expected a level (1–3) or null, got text 'three'" in err
    assert f"{bad}:9:3: notes.gamma.x: no indicator 'gamma.x' in this model" in err
    assert no_traceback(res.output + err)
    assert store_bytes(home) == before


def test_unknown_model_in_the_file_is_reported_at_its_line(run, tmp_path: Path, home: Path) -> None:
    path = answers_file(tmp_path, model="nope", person="Ann", ratings={})
    res = run("assess", "--allow-partial", "--answers", str(path))
    assert res.exit_code == 2
    assert f"{path}:1:8: model: unknown model 'nope'" in res.stderr
    assert store_bytes(home) == {}


def test_unknown_role_option_and_unknown_model_option(run, tmp_path: Path) -> None:
    path = answers_file(tmp_path, model="tiny", person="Ann", ratings={})
    res = run("--models-dir", str(TINY_DIR), "assess", "--allow-partial", "--answers", str(path), "--role", "boss")
    assert res.exit_code == 2 and "no role 'boss' in model tiny" in res.stderr
    res = run("assess", "--allow-partial", "--answers", str(path), "--model", "nope")
    assert res.exit_code == 2 and "unknown model 'nope'" in res.stderr


def test_bad_answers_files(run, tmp_path: Path, home: Path) -> None:
    cases = {
        "missing.yaml": None,
        "empty.yaml": "",
        "list.yaml": "- 1\n- 2\n",
        "syntax.yaml": "model: [tiny\n",
        "future.yaml": "model: tiny\nperson: A\ndate: 2999-01-01\n",
        "baddate.yaml": "model: tiny\nperson: A\ndate: yesterday-ish\n",
        "typo.yaml": "model: tiny\nperson: A\nratngs: {}\n",
        "noperson.yaml": "model: tiny\nratings: {}\n",
    }
    expected = {
        "missing.yaml": "no such file", "empty.yaml": "the file is empty",
        "list.yaml": "must be a mapping", "syntax.yaml": "not valid YAML",
        "future.yaml": "2999-01-01 is in the future", "baddate.yaml": "is not a date",
        "typo.yaml": "unknown key 'ratngs' (did you mean 'ratings'?)", "noperson.yaml": "no person",
    }
    for name, text in cases.items():
        path = tmp_path / name
        if text is not None:
            path.write_text(text, encoding="utf-8")
        res = run("--models-dir", str(TINY_DIR), "assess", "--allow-partial", "--answers", str(path))
        assert res.exit_code == 2, name
        assert expected[name] in res.stderr, (name, res.stderr)
        assert no_traceback(res.stderr)
    assert store_bytes(home) == {}


def test_profile_defaults_fill_model_and_person(run, tmp_path: Path, home: Path) -> None:
    home.mkdir(parents=True)
    (home / "config.toml").write_text('person = "李伟"\nmodel = "tiny"\nrole = "junior"\n', encoding="utf-8")
    path = answers_file(tmp_path, ratings={"alpha.one": 2})
    res = run("--models-dir", str(TINY_DIR), "assess", "--allow-partial", "--answers", str(path), "--json")
    rec = payload(res.output)
    assert rec["person"] == "李伟" and rec["model"]["id"] == "tiny" and rec["role"] == "junior"


def test_a_broken_profile_is_a_clear_error(run, tmp_path: Path, home: Path) -> None:
    home.mkdir(parents=True)
    (home / "config.toml").write_text('person = "unclosed\n', encoding="utf-8")
    path = answers_file(tmp_path, model="tiny", ratings={})
    res = run("--models-dir", str(TINY_DIR), "assess", "--allow-partial", "--answers", str(path))
    assert res.exit_code == 2 and "is not valid TOML" in res.stderr and "config.toml" in res.stderr


# ----------------------------------------------------------------------------- QA: what a careless script meets


def run_file(run, tmp_path: Path, text: str, *options: str):
    path = tmp_path / "answers.yaml"
    path.write_text(text, encoding="utf-8")
    return path, run("--models-dir", str(TINY_DIR), "assess", "--allow-partial", "--answers", str(path), *options)


def test_a_mentor_line_in_a_self_assessment_is_refused_not_ignored(run, tmp_path: Path, home: Path) -> None:
    path, res = run_file(run, tmp_path, "model: tiny\nperson: 李伟\nmentor: 王芳\nratings: {alpha.one: 2}\n")
    assert res.exit_code == 2
    assert f"{path}:3:1: mentor: unknown key 'mentor': it belongs in a mentor's review" in res.stderr
    assert store_bytes(home) == {}


def test_a_duplicate_key_is_reported_together_with_the_other_problems(run, tmp_path: Path, home: Path) -> None:
    text = "model: tiny\nperson: Ann\nratings:\n  alpha.one: 2\n  alpha.one: 3\n  alpha.too: 2\n  beta.one: 9\n"
    path, res = run_file(run, tmp_path, text)
    assert res.exit_code == 2
    assert "the answers have 3 problem(s)" in res.stderr
    assert f"{path}:5:3: ratings.alpha.one: duplicate key 'alpha.one' (first at line 4)" in res.stderr
    assert f"{path}:6:3: ratings.alpha.too: no indicator 'alpha.too'" in res.stderr
    assert f"{path}:7:13: ratings.beta.one: level 9 is not on the scale (1–3)" in res.stderr
    assert store_bytes(home) == {}


def test_options_are_blamed_as_options_not_as_lines_of_the_file(run, tmp_path: Path) -> None:
    path, res = run_file(run, tmp_path, "model: tiny\nperson: Ann\nratings: {alpha.one: 2}\n", "--role", "boss")
    assert res.exit_code == 2
    assert res.stderr.startswith("error: no role 'boss' in model tiny")
    assert str(path) not in res.stderr
    # a file for another model: one problem, not one more per indicator checked against the wrong model
    _, res = run_file(run, tmp_path, "model: core-professional\nperson: Ann\nratings: {communication.clarity: 2}\n",
                      "--model", "tiny")
    assert res.exit_code == 2
    assert "the answers have 1 problem(s)" in res.stderr
    assert "the file is for model 'core-professional' but --model says 'tiny'" in res.stderr


def test_a_file_of_the_wrong_shape_gets_one_problem(run, tmp_path: Path) -> None:
    _, res = run_file(run, tmp_path, "- 1\n- 2\n")
    assert res.exit_code == 2
    assert "the answers have 1 problem(s)" in res.stderr and "no model" not in res.stderr


def test_unrated_indicators_are_pointed_out_to_people_not_to_json(run, tmp_path: Path) -> None:
    _, res = run_file(run, tmp_path, "model: tiny\nperson: Ann\nratings: {alpha.one: 2}\n")
    assert res.exit_code == 0
    assert "Note: 2 of 3 indicators have no rating" in res.stdout
    _, res = run_file(run, tmp_path, "model: tiny\nperson: Ann\nratings: {alpha.one: 2}\n", "--json")
    assert payload(res.stdout)["ratings"]["beta.one"] is None and "Note:" not in res.output
    _, res = run_file(run, tmp_path, "model: tiny\nperson: Ann\nratings: {alpha.one: 2, alpha.two: 1, beta.one: 3}\n")
    assert "Note:" not in res.stdout


def test_one_scored_competency_leaves_no_empty_weakest_line(run, tmp_path: Path) -> None:
    _, res = run_file(run, tmp_path, "model: tiny\nperson: Ann\nratings: {alpha.one: 2}\n")
    assert "Strongest: Alpha" in res.stdout
    assert "Weakest" not in res.stdout


def test_chinese_lists_use_the_chinese_enumeration_comma(run, tmp_path: Path) -> None:
    text = "model: bank-customer-service\nperson: 李伟\nratings:\n" + "".join(  # two of each: enough answers
        f"  {cid}.{iid}: {level}\n" for cid, ids, level in (
            ("knowledge", ("products", "procedures"), 5),
            ("service-awareness", ("service-standards", "customer-needs"), 4),
            ("communication", ("listening", "explaining"), 4), ("teamwork", ("support", "handover"), 3),
            ("mindset", ("pressure", "learning"), 2), ("etiquette", ("bearing", "appearance"), 1)) for iid in ids)
    path = tmp_path / "bank.yaml"
    path.write_text(text, encoding="utf-8")
    res = run("--lang", "zh", "assess", "--allow-partial", "--answers", str(path))
    assert res.exit_code == 0, res.stderr
    assert "优势项：专业知识、服务意识、沟通能力" in res.stdout
    assert "待提升项：职业形象与礼仪、职业心态、团队协作" in res.stdout


def test_a_mistyped_model_id_gets_a_suggestion(run, tmp_path: Path) -> None:
    _, res = run_file(run, tmp_path, "model: tinny\nperson: Ann\n")
    assert res.exit_code == 2 and "unknown model 'tinny' (did you mean 'tiny'?)" in res.stderr
    res = run("assess", "--model", "bank", "--person", "Ann", input="")
    assert res.exit_code == 2 and "(did you mean 'bank-customer-service'?)" in res.stderr
