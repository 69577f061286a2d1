"""Situational-judgement scenarios: the format, the scoring rules, the sitting and the records."""

from __future__ import annotations

from pathlib import Path

import pytest

from careerkit.core import quiz
from careerkit.model.loader import load_file
from tests.conftest import FIXTURES, payload
from tests.helpers import answers_file, store_bytes

QUIZ_DIR = FIXTURES / "quiz"
MODEL = load_file(QUIZ_DIR / "judgement.yaml").model


def run_quiz(run, *args: str, input: str | None = None):
    return run("--models-dir", str(QUIZ_DIR), "quiz", "--model", "judgement", *args, input=input)


def test_scores_follow_the_rules_by_hand() -> None:
    scores = quiz.score(MODEL, {"angry": "b", "form": "b", "check": None})
    assert scores["overall"] == 75.0 and scores["answered"] == 2 and scores["total"] == 3
    # angry names two care indicators but counts once toward care; form counts toward care and rules
    assert scores["competencies"] == {"care": {"score": 75.0, "answered": 2}, "rules": {"score": 100.0, "answered": 1}}
    assert scores["indicators"] == {"care.listen": {"score": 75.0, "answered": 2},
                                    "care.follow": {"score": 50.0, "answered": 1}}
    assert scores["scenarios"] == {"angry": 0.5, "form": 1.0}


def test_a_seed_fixes_the_draw_and_the_option_order_and_the_best_option_is_not_always_first() -> None:
    drawn = [s.id for s in quiz.choose(MODEL, count=2, seed=7)]
    assert drawn == [s.id for s in quiz.choose(MODEL, count=2, seed=7)] and len(drawn) == 2
    assert [s.id for s in quiz.choose(MODEL, competencies=["rules"])] == ["form", "check"]
    firsts = {quiz.option_order(MODEL.scenario("angry"), seed).__getitem__(0).id for seed in range(40)}
    assert firsts == {"a", "b", "c"}
    assert [o.id for o in quiz.option_order(MODEL.scenario("angry"), 3)] == \
           [o.id for o in quiz.option_order(MODEL.scenario("angry"), 3)]


def test_answers_file_is_scored_stored_and_listed_by_history_kind_quiz(run, tmp_path: Path) -> None:
    path = answers_file(tmp_path, person="Li Wei", date="2026-11-30", choices={"angry": "b", "form": "b",
                                                                              "check": None})
    res = run_quiz(run, "--answers", str(path), "--json")
    assert res.exit_code == 0, res.output
    record = payload(res.stdout)
    assert record["choices"] == {"angry": "b", "form": "b", "check": None}
    assert record["scores"]["overall"] == 75.0 and record["taken_at"].startswith("2026-11-30")
    assert record["model"]["id"] == "judgement" and len(record["model"]["digest"]) == 64
    listed = run("history", "--kind", "quiz")
    assert record["id"] in listed.stdout and "2/3" in listed.stdout and "75%" in listed.stdout
    assert payload(run("history", "--kind", "quiz", "--json").stdout)[0]["id"] == record["id"]
    assert record["id"] not in run("history").stdout  # assessments only, by default
    shown = run("--models-dir", str(QUIZ_DIR), "show", record["id"][:6])
    assert shown.exit_code == 0 and "75%" in shown.stdout and "Explain why it is required" not in shown.stdout
    assert "Listening first calms the customer." in shown.stdout  # the missed scenario teaches


def test_unknown_scenarios_and_options_are_reported_together_with_their_lines_and_nothing_is_saved(
        run, tmp_path: Path, home: Path) -> None:
    path = tmp_path / "q.yaml"
    path.write_text("person: Li Wei\nchoices:\n  angri: a\n  form: z\n  check: a\ndate: 2999-01-01\n",
                    encoding="utf-8")
    before = store_bytes(home)
    res = run_quiz(run, "--answers", str(path))
    assert res.exit_code == 2
    assert "q.yaml:3:3: choices.angri: no scenario 'angri' in this model (did you mean 'angry'?)" in res.stderr
    assert "q.yaml:4:9: choices.form: 'z' is not an option of form (options: a, b)" in res.stderr
    assert "q.yaml:6:7: date:" in res.stderr and "Traceback" not in res.stderr
    assert store_bytes(home) == before


def test_interactive_sitting_with_feedback_back_skip_and_a_draft_resumed(run) -> None:
    seed = "5"
    angry = [o.id for o in quiz.option_order(MODEL.scenario("angry"), 5)]
    form = [o.id for o in quiz.option_order(MODEL.scenario("form"), 5)]
    best_angry = str(angry.index("a") + 1)
    # answer the first, go back, answer it again, quit at the second: a draft is kept
    res = run_quiz(run, "--person", "Li Wei", "--seed", seed, input=f"{best_angry}\nb\n\nq\n")
    assert res.exit_code == 0, res.output
    assert "✓ The best response." in res.stderr and "Listening first calms the customer." in res.stderr
    assert "Kept as a draft (1 of 3 answered)" in res.stderr
    assert run("history", "--kind", "quiz").stdout.startswith("No")
    harmful_form = str(form.index("a") + 1)
    res = run("--models-dir", str(QUIZ_DIR), "quiz", "--person", "Li Wei", "--resume", "--json",
              input=f"{harmful_form}\ns\n")
    assert res.exit_code == 0, res.output
    record = payload(res.stdout)
    assert record["choices"] == {"angry": "a", "form": "a", "check": None}
    assert record["scores"]["overall"] == 50.0 and "✗ Not a good response." in res.stderr
    assert run("--models-dir", str(QUIZ_DIR), "quiz", "--person", "Li Wei", "--resume").exit_code == 2


def test_no_feedback_hides_the_credit(run) -> None:
    res = run_quiz(run, "--person", "Li Wei", "--seed", "1", "--no-feedback", input="1\n1\n1\n")
    assert res.exit_code == 0 and "best response" not in res.stderr.split("Overall")[0]


def test_invalid_keys_are_explained_and_asked_again(run) -> None:
    res = run_quiz(run, "--person", "Li Wei", "--seed", "1", "--competency", "rules", input="9\nx\n?\ns\ns\n")
    assert res.exit_code == 0
    assert "'9' is not a choice: type 1–2" in res.stderr and "'x' is not a choice" in res.stderr
    assert "choose that response" in res.stderr


@pytest.mark.parametrize(("args", "message"), [
    (("--competency", "nope"), "no competency nope in this model"),
    (("--answers", "x.yaml", "--resume"), "--resume and --answers cannot be used together"),
    (("--resume",), "has no unfinished quiz"),
])
def test_bad_options_are_refused_with_exit_2(run, args: tuple[str, ...], message: str) -> None:
    res = run_quiz(run, "--person", "Li Wei", *args)
    assert res.exit_code == 2 and message in res.output + res.stderr


def test_a_model_without_scenarios_says_so(run) -> None:
    res = run("--models-dir", str(FIXTURES / "models"), "quiz", "--model", "tiny", "--person", "Li Wei")
    assert res.exit_code == 2 and "model tiny has no scenarios" in res.stderr


def test_chinese_sitting_reads_as_chinese(run) -> None:
    res = run("--lang", "zh", "--models-dir", str(QUIZ_DIR), "quiz", "--model", "judgement", "--person", "李伟",
              "--seed", "2", "--competency", "rules", input="1\n1\n")
    assert res.exit_code == 0
    assert "第 1 题，共 2 题" in res.stderr and "您会怎么做？" in res.stderr and "综合得分率" in res.stdout


@pytest.mark.parametrize(("snippet", "message"), [
    ("options:\n      - {id: a, text: A, credit: 0.5}\n      - {id: b, text: B, credit: 0.5}",
     "no option has credit 1"),
    ("options:\n      - {id: a, text: A, credit: 1}\n      - {id: a, text: B, credit: 0}", "duplicate id 'a'"),
    ("options:\n      - {id: a, text: A, credit: 1}\n      - {id: b, text: B, credit: 2}",
     "credit must be a number from 0 to 1"),
    ("options:\n      - {id: a, text: A, credit: 1}", "needs at least 2 item(s)"),
])
def test_scenario_format_problems_are_reported_at_their_line(run, tmp_path: Path, snippet: str,
                                                               message: str) -> None:
    text = (QUIZ_DIR / "judgement.yaml").read_text(encoding="utf-8")
    bad = text.split("scenarios:")[0] + (
        "scenarios:\n  - id: x\n    measures: [care, nope.thing]\n    situation: S\n    question: Q\n    "
        + snippet + "\n    explanation: E\n")
    path = tmp_path / "bad.yaml"
    path.write_text(bad, encoding="utf-8")
    res = run("models", "validate", str(path))
    assert res.exit_code == 2 and message in res.output
    assert "scenarios[0].measures[1]: no indicator or competency 'nope.thing'" in res.output


def test_quizzes_travel_in_bundles_and_the_lead_sees_which_scenarios_do_not_discriminate(run, tmp_path: Path) -> None:
    picks = {"P1": ("a", "b", "b"), "P2": ("a", "b", "b"), "P3": ("a", "b", "b"),
             "P4": ("c", "a", "a"), "P5": ("c", "a", "a"), "P6": ("b", "a", "a")}
    share = tmp_path / "share"
    share.mkdir()
    for name, (angry, form, check) in picks.items():
        rated = answers_file(tmp_path / name, model="judgement", person=name,
                             ratings={"care.listen": 2, "care.follow": 2, "rules.check": 3, "other.thing": 1})
        assert run("--models-dir", str(QUIZ_DIR), "assess", "--answers", str(rated)).exit_code == 0
        chosen = answers_file(tmp_path / name, "q.yaml", model="judgement", person=name,
                              choices={"angry": angry, "form": form, "check": check})
        assert run_quiz(run, "--answers", str(chosen)).exit_code == 0
        res = run("--models-dir", str(QUIZ_DIR), "export", "--person", name, "--include", "quizzes",
                  "-o", str(share / f"{name}.json"))
        assert res.exit_code == 0, res.output
    assert run("team", "import", str(share)).exit_code == 0
    data = payload(run("team", "scenarios", "--json").stdout)
    assert data["people"] == 6
    # the machine-output contract of team scenarios (docs/json.md)
    assert sorted(data) == ["min_group", "model", "people", "scenarios", "team"]
    assert sorted(data["scenarios"][0]) == ["answered", "best", "counts", "flags", "id", "low_credit_share",
                                            "mean_credit", "situation", "withheld"]
    rows = {row["id"]: row for row in data["scenarios"]}
    # people who judge well elsewhere pick the low-credit option on `check` more often: flag it
    assert rows["check"]["flags"] == ["no-discrimination"]
    assert rows["check"]["low_credit_share"] == {"high": 100.0, "low": 0.0}
    assert rows["angry"]["counts"] == {"a": 3, "b": 1, "c": 2} and rows["angry"]["mean_credit"] == 0.58
    assert rows["angry"]["flags"] == []
    shown = run("team", "scenarios")
    assert "does not discriminate" in shown.stdout and "A customer is angry about" in shown.stdout
    withheld = payload(run("team", "scenarios", "--min-group", "7", "--json").stdout)
    assert all(row["withheld"] and row["counts"] is None and row["mean_credit"] is None
               for row in withheld["scenarios"])


def test_the_latest_quiz_stands_beside_the_self_rating_and_mismatches_are_named(run, tmp_path: Path) -> None:
    chosen = answers_file(tmp_path, "q.yaml", model="judgement", person="Li Wei",
                          choices={"angry": "c", "form": "a", "check": "a"})
    assert run_quiz(run, "--answers", str(chosen)).exit_code == 0
    # care rated 3 meets the clerk's target 2, but the care scenarios scored 0%; rules rated 1 misses
    # its target while its scenarios scored 50% (form 0, check 1): a hidden strength
    rated = answers_file(tmp_path, model="judgement", person="Li Wei", role="clerk",
                         ratings={"care.listen": 3, "care.follow": 3, "rules.check": 1, "other.thing": 2})
    res = run("--models-dir", str(QUIZ_DIR), "assess", "--answers", str(rated))
    assert res.exit_code == 0, res.output
    out = " ".join(res.stdout.split("Scenarios beside your self-rating")[1].replace("│", " ").split())
    assert "Care 3.00 0% (2) target met by your rating, but your choices in the scenarios suggest otherwise" in out
    assert "Rules 1.00 50% (2) your choices in the scenarios are stronger than your rating" in out
    saved = res.stdout.split("Saved as ")[1][:10]
    zh = run("--lang", "zh", "--models-dir", str(QUIZ_DIR), "show", saved)
    assert "自评已达标，但您在情景题中的选择显示仍有差距" in "".join(zh.stdout.replace("│", " ").split())


def test_a_plan_takes_the_explanations_of_missed_scenarios_as_learning(run, tmp_path: Path) -> None:
    chosen = answers_file(tmp_path, "q.yaml", model="judgement", person="Li Wei",
                          choices={"angry": "b", "form": "b", "check": "a"})
    assert run_quiz(run, "--answers", str(chosen)).exit_code == 0
    rated = answers_file(tmp_path, model="judgement", person="Li Wei", role="clerk",
                         ratings={"care.listen": 1, "care.follow": 1, "rules.check": 3, "other.thing": 2})
    assert run("--models-dir", str(QUIZ_DIR), "assess", "--answers", str(rated)).exit_code == 0
    res = run("--models-dir", str(QUIZ_DIR), "plan", "--person", "Li Wei", "--json")
    assert res.exit_code == 0, res.output
    goals = {goal["competency"]: goal for goal in payload(res.stdout)["focus"]}
    # care misses its target: angry (credit 0.5) measured it; form and check were answered best
    assert goals["care"]["lessons"] == ["angry"]
    md = run("--models-dir", str(QUIZ_DIR), "plan", "--person", "Li Wei").stdout
    assert "Learning from the scenarios" in md and "Listening first calms the customer." in md
    txt = run("--models-dir", str(QUIZ_DIR), "plan", "--person", "Li Wei", "--format", "txt").stdout
    assert "Listening first calms the customer." in txt
