"""`careerkit assess --answers`: scripted assessments, and every bad answers file refused whole."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import no_traceback
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
    assert rec["scores"]["next_roles"] == {"senior": 0.0}
    assert rec["notes"] == {"alpha.one": "led the drill"}
    listed = json.loads(run("history", "--json").output)
    assert [r["id"] for r in listed] == [rec["id"]]


def test_the_result_screen_shows_targets_bars_and_next_roles(run, tmp_path: Path) -> None:
    path = answers_file(tmp_path, model="tiny", person="Ann", role="junior",
                        ratings={"alpha.one": 3, "alpha.two": 2, "beta.one": 1})
    res = run("--models-dir", str(TINY_DIR), "assess", "--answers", str(path))
    assert res.exit_code == 0
    out = res.output
    assert "Alpha" in out and "Beta" in out and "target" in out
    assert "Overall: 2.00 / 3" in out and "readiness for this role: 67%" in out
    assert "Strongest: Alpha" in out and "Weakest: Beta" in out
    assert "Readiness for Senior: 0%" in out
    assert "█" in out


def test_missing_indicators_count_as_skipped(run, tmp_path: Path) -> None:
    rec = record(run, tmp_path, model="tiny", person="Ann", ratings={"alpha.one": 2})
    assert rec["ratings"] == {"alpha.one": 2, "alpha.two": None, "beta.one": None}
    assert rec["scores"]["overall"] == 2.0 and rec["role"] is None


def test_answers_from_standard_input_and_json(run, tmp_path: Path) -> None:
    text = json.dumps({"model": "tiny", "person": "Bo", "ratings": {"beta.one": 3}})
    res = run("--models-dir", str(TINY_DIR), "assess", "--answers", "-", "--json", input=text)
    assert res.exit_code == 0, res.stderr
    assert json.loads(res.output)["scores"]["competencies"]["beta"]["score"] == 3.0
    path = answers_file(tmp_path, "a.json", model="tiny", person="Bo", ratings={"alpha.one": 1})
    assert run("--models-dir", str(TINY_DIR), "assess", "--answers", str(path)).exit_code == 0
    assert len(json.loads(run("history", "--json").output)) == 2


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
    res = run("--models-dir", str(TINY_DIR), "assess", "--answers", str(bad))
    assert res.exit_code == 2
    err = res.stderr
    assert "the answers have 5 problem(s); nothing was saved" in err
    assert f"{bad}:3:7: role: no role 'boss' in model tiny (known: junior, senior)" in err
    assert f"{bad}:5:14: ratings.alpha.one: level 7 is not on the scale (1–3)" in err
    assert f"{bad}:6:3: ratings.alpha.too: no indicator 'alpha.too' in this model (did you mean 'alpha.two'?)" in err
    assert f"{bad}:7:13: ratings.beta.one: expected a level (1–3) or null, got text 'three'" in err
    assert f"{bad}:9:3: notes.gamma.x: no indicator 'gamma.x' in this model" in err
    assert no_traceback(res.output + err)
    assert store_bytes(home) == before


def test_unknown_model_in_the_file_is_reported_at_its_line(run, tmp_path: Path, home: Path) -> None:
    path = answers_file(tmp_path, model="nope", person="Ann", ratings={})
    res = run("assess", "--answers", str(path))
    assert res.exit_code == 2
    assert f"{path}:1:8: model: unknown model 'nope'" in res.stderr
    assert store_bytes(home) == {}


def test_unknown_role_option_and_unknown_model_option(run, tmp_path: Path) -> None:
    path = answers_file(tmp_path, model="tiny", person="Ann", ratings={})
    res = run("--models-dir", str(TINY_DIR), "assess", "--answers", str(path), "--role", "boss")
    assert res.exit_code == 2 and "no role 'boss' in model tiny" in res.stderr
    res = run("assess", "--answers", str(path), "--model", "nope")
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
        res = run("--models-dir", str(TINY_DIR), "assess", "--answers", str(path))
        assert res.exit_code == 2, name
        assert expected[name] in res.stderr, (name, res.stderr)
        assert no_traceback(res.stderr)
    assert store_bytes(home) == {}


def test_profile_defaults_fill_model_and_person(run, tmp_path: Path, home: Path) -> None:
    home.mkdir(parents=True)
    (home / "config.toml").write_text('person = "李伟"\nmodel = "tiny"\nrole = "junior"\n', encoding="utf-8")
    path = answers_file(tmp_path, ratings={"alpha.one": 2})
    res = run("--models-dir", str(TINY_DIR), "assess", "--answers", str(path), "--json")
    rec = json.loads(res.output)
    assert rec["person"] == "李伟" and rec["model"]["id"] == "tiny" and rec["role"] == "junior"


def test_a_broken_profile_is_a_clear_error(run, tmp_path: Path, home: Path) -> None:
    home.mkdir(parents=True)
    (home / "config.toml").write_text('person = "unclosed\n', encoding="utf-8")
    path = answers_file(tmp_path, model="tiny", ratings={})
    res = run("--models-dir", str(TINY_DIR), "assess", "--answers", str(path))
    assert res.exit_code == 2 and "is not valid TOML" in res.stderr and "config.toml" in res.stderr
