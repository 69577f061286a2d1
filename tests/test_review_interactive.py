"""The interactive review (`review ID`, `review ID --rater NAME:GROUP`) is the assess questionnaire:
same keys and parsing, back shows the earlier answer, drafts and resume, observer texts.
Scripted through CliRunner, and in a real terminal (pexpect) in English and Chinese."""

from __future__ import annotations

import json
import os
import shutil
import sys
from pathlib import Path

import pytest

from tests.conftest import no_traceback, payload

ROOT = Path(__file__).resolve().parent.parent
OBSERVED = ("        observer: {en: The employee gives people full attention.,"
            " zh: 该员工专注地倾听他人。}\n")


@pytest.fixture
def models(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The tiny model with an observer text on its first indicator only."""
    folder = tmp_path / "models"
    folder.mkdir()
    text = (ROOT / "tests" / "fixtures" / "tiny-model.yaml").read_text(encoding="utf-8")
    line = "        text: {en: I give people my full attention., zh: 我专注地倾听他人。}\n"
    text = text.replace(line, line + OBSERVED)
    (folder / "tiny.yaml").write_text(text, encoding="utf-8")
    monkeypatch.setenv("CAREERKIT_MODELS", str(folder))
    return folder


@pytest.fixture
def assessed(run, models: Path, tmp_path: Path) -> str:
    doc = {"model": "tiny", "person": "李伟",
           "ratings": {"listening.attention": 3, "listening.questions": 3, "planning.priorities": 3}}
    (tmp_path / "self.json").write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    res = run("assess", "--answers", str(tmp_path / "self.json"), "--json")
    assert res.exit_code == 0, res.output
    return payload(res.stdout)["id"]


def reviews_of(run, assessed: str) -> list[dict]:
    res = run("show", assessed, "--json")
    assert res.exit_code == 0, res.output
    return payload(res.stdout)["reviews"]


def drafts(home: Path) -> list[dict]:
    path = home / "data" / "raters.json"
    if not path.exists():
        return []
    return list(json.loads(path.read_bytes()).get("drafts", {}).values())


def test_the_mentor_uses_the_keys_and_parsing_of_assess(run, assessed, home):
    # ² is level 2 (it crashed with exit 1 before); ? help; x and 9 are refused; b back shows the
    # earlier answer, Enter keeps it; n TEXT a note inline; s skip; b at the end goes back again.
    script = ["²", "?", "x", "9", "b", "", "n 细心，耐心", "3", "s", "Keep going", "b", "1", "y"]
    res = run("review", assessed, "--mentor", "Wang Fang", input="\n".join(script) + "\n")
    assert res.exit_code == 0, res.output
    assert no_traceback(res.output)
    out = " ".join(res.output.split())
    assert "The employee gives people full attention." in out
    assert "(the employee's own statement) I ask questions before I answer." in out
    assert "Your answer so far: 2 (Enter keeps it)" in out
    assert "Saved review" in res.stdout
    saved = reviews_of(run, assessed)[-1]
    assert saved["mentor"] == "Wang Fang"
    assert saved["ratings"] == {"listening.attention": 2, "listening.questions": 3, "planning.priorities": 1}
    assert saved["notes"] == {"listening.questions": "细心，耐心"}
    assert saved["comment"] == "Keep going"
    assert drafts(home) == []


def test_the_same_messages_as_assess_for_a_bad_key(run, assessed, models):
    from careerkit.i18n import t

    review = run("review", assessed, "--mentor", "Wang Fang", input="x\n9\nq\n")
    assess = run("assess", "--model", "tiny", "--person", "Ann", input="x\n9\nq\n")
    for said in (t("prompt.invalid", value="x", levels="1–3"), t("prompt.off_scale", value=9, levels="1–3")):
        assert said in assess.output and said in review.output


def test_quit_keeps_a_draft_the_next_run_offers_and_back_shows_the_earlier_answer(run, assessed, home):
    res = run("review", assessed, "--mentor", "Wang Fang", input="2\nq\n")
    assert res.exit_code == 0 and "Draft kept: 1 of 3 answered" in res.output
    assert reviews_of(run, assessed) == []
    [draft] = drafts(home)
    assert (draft["rater"], draft["group"], draft["ratings"]) == ("Wang Fang", "mentor", {"listening.attention": 2})

    # offered without --resume; end of input at the offer leaves the draft as it was
    before = (home / "data" / "raters.json").read_bytes()
    res = run("review", assessed, "--mentor", "Wang Fang", input="")
    assert "Wang Fang has an unfinished review" in res.output and "draft is kept" in res.output
    assert (home / "data" / "raters.json").read_bytes() == before

    res = run("review", assessed, "--mentor", "Wang Fang", input="y\nb\n\n3\n3\n\ny\n")
    assert res.exit_code == 0, res.output
    assert "Continuing your draft" in res.output and "Your answer so far: 2" in res.output
    assert reviews_of(run, assessed)[-1]["ratings"] == {"listening.attention": 2, "listening.questions": 3,
                                                        "planning.priorities": 3}
    assert drafts(home) == []


def test_declining_to_save_keeps_the_draft_and_resume_continues_it(run, assessed, home):
    res = run("review", assessed, "--mentor", "Wang Fang", "--note", "steady", input="1\n2\n3\nn\n")
    assert res.exit_code == 0 and "Draft kept: 3 of 3 answered" in res.output
    assert reviews_of(run, assessed) == []
    res = run("review", assessed, "--mentor", "Wang Fang", "--resume", input="y\n")
    assert res.exit_code == 0, res.output
    saved = reviews_of(run, assessed)[-1]
    assert saved["ratings"]["planning.priorities"] == 3 and saved["comment"] == "steady"


def test_a_rater_at_the_terminal_has_a_draft_of_their_own(run, assessed, home, tmp_path):
    args = ["review", "request", assessed, "-o", str(tmp_path / "out")]
    for spec in ("甲:peer", "乙:peer", "王芳:manager"):
        args += ["--rater", spec]
    assert run(*args).exit_code == 0
    res = run("review", assessed, "--rater", "甲:peer", input="3\nq\n")
    assert res.exit_code == 0 and f"careerkit review {assessed} --rater 甲:peer --resume" in res.output
    assert "360° review of 李伟" in res.output
    # another rater's draft is not this one's
    res = run("review", assessed, "--rater", "乙:peer", "--resume")
    assert res.exit_code == 2 and "no unfinished review by 乙" in res.stderr
    res = run("review", assessed, "--rater", "甲:peer", "--resume", input="２\n１\n好\n\n")
    assert res.exit_code == 0, res.output
    assert "Taken: the answers of 甲 (peer)" in res.output
    status = payload(run("review", "status", "--json").stdout)[0]
    assert [r["status"] for r in status["raters"]] == ["answered", "waiting", "waiting"]
    assert drafts(home) == []


def test_chinese_rater_sees_the_observer_text_and_the_labelled_own_statement(run, assessed, tmp_path):
    assert run("review", "request", assessed, "-o", str(tmp_path / "out"), "--rater", "甲:customer").exit_code == 0
    res = run("--lang", "zh", "review", assessed, "--rater", "甲:customer", input="q\n")
    assert res.exit_code == 0, res.output
    out = "".join(res.output.split())
    assert "该员工专注地倾听他人。" in out and "我专注地倾听他人" not in out
    assert "尚未作答，因此没有保存草稿。" in out


@pytest.mark.parametrize(("args", "message"), [
    (["--mentor", "Wang Fang", "--resume"], "no unfinished review by Wang Fang"),
    (["--mentor", "Wang Fang", "--resume", "--answers", "x.yaml"], "cannot be used with --answers"),
])
def test_resume_bad_uses(run, assessed, home, args, message):
    res = run("review", assessed, *args)
    assert res.exit_code == 2, res.output
    assert message in res.stderr and no_traceback(res.output)


# ----------------------------------------------------------------------------- a real terminal


def spawn(home: Path, models: Path, args: list[str], lang: str):  # type: ignore[no-untyped-def]
    pexpect = pytest.importorskip("pexpect")
    exe = shutil.which("careerkit", path=str(Path(sys.executable).parent))
    assert exe, "careerkit is not installed in the virtualenv"
    env = {**os.environ, "CAREERKIT_HOME": str(home), "CAREERKIT_MODELS": str(models), "CAREERKIT_LANG": lang,
           "TERM": "dumb", "COLUMNS": "100", "NO_COLOR": "1"}
    return pexpect.spawn(exe, args, env=env, encoding="utf-8", timeout=20)


def test_in_a_real_terminal_mentor_in_english(run, assessed, home, models):
    import pexpect

    child = spawn(home, models, ["review", assessed, "--mentor", "Wang Fang"], "en")
    child.expect_exact("The employee gives people full attention.")
    child.expect_exact("s/b/n/?/q")
    child.sendline("²")
    child.expect_exact("(the employee's own statement)")
    child.expect_exact("s/b/n/?/q")
    child.sendintr()  # Ctrl-C keeps a draft
    child.expect("Draft kept: 1 of 3 answered")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130

    child = spawn(home, models, ["review", assessed, "--mentor", "Wang Fang", "--resume"], "en")
    child.expect_exact("Continuing your draft")
    child.expect_exact("s/b/n/?/q")
    child.sendline("b")
    child.expect_exact("Your answer so far: 2")
    child.expect_exact("[2]: ")
    child.sendline("")
    child.sendline("3")
    child.sendline("1")
    child.expect_exact("Overall comment")
    child.sendline("")
    child.expect_exact("Save this review?")
    child.sendline("y")
    child.expect("Saved review ([0-9a-f]+)")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert reviews_of(run, assessed)[-1]["ratings"] == {"listening.attention": 2, "listening.questions": 3,
                                                        "planning.priorities": 1}


def test_in_a_real_terminal_rater_in_chinese(run, assessed, home, models, tmp_path):
    import pexpect

    assert run("review", "request", assessed, "-o", str(tmp_path / "out"), "--rater", "张强:peer").exit_code == 0
    child = spawn(home, models, ["review", assessed, "--rater", "张强:peer"], "zh")
    child.expect_exact("该员工专注地倾听他人。")
    child.expect_exact("s/b/n/?/q")
    child.sendline("２")  # a Chinese input method's digit
    child.expect_exact("（被评价人的自述）")
    child.expect_exact("s/b/n/?/q")
    child.sendline("²")
    child.expect_exact("s/b/n/?/q")
    child.sendline("ｓ")
    child.expect_exact("总体评语")
    child.sendline("很细心")
    child.expect_exact("保存这次评价？")
    child.sendline("是")
    child.expect_exact("已收取：张强（peer）的答案")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    status = payload(run("review", "status", "--json").stdout)[0]
    assert status["raters"][0]["status"] == "answered"


def test_a_rater_who_already_answered_is_told_before_the_questions(run, assessed, tmp_path, home):
    assert run("review", "request", assessed, "-o", str(tmp_path / "out"), "--rater", "甲:peer").exit_code == 0
    assert run("review", assessed, "--rater", "甲:peer", input="1\n1\n1\n\n\n").exit_code == 0
    before = (home / "data" / "raters.json").read_bytes()
    res = run("review", assessed, "--rater", "甲:peer", input="3\n3\n3\n\n\n")
    assert res.exit_code == 2 and "甲 (peer) already answered request" in res.stderr
    assert "review collect FILE --replace" in res.stderr and "indicator 1 of" not in res.output
    assert (home / "data" / "raters.json").read_bytes() == before


def test_no_mentor_name_from_a_closed_input_is_exit_2(run, assessed, home):
    res = run("review", assessed, input="")
    assert res.exit_code == 2 and "no mentor given" in res.stderr and no_traceback(res.output)
    res = run("review", assessed, input="\n   \nWang Fang\nq\n")
    assert res.exit_code == 0 and "Draft kept" not in res.output and "Nothing answered yet" in res.output


def test_interactive_json_prints_only_the_review_on_stdout(run, assessed):
    res = run("review", assessed, "--mentor", "Wang Fang", "--json", input="1\n2\n3\nfine\ny\n")
    assert res.exit_code == 0, res.output
    saved = payload(res.stdout)
    assert saved["ratings"] == {"listening.attention": 1, "listening.questions": 2, "planning.priorities": 3}
    assert saved["comment"] == "fine" and "comparison" in saved


def test_closing_a_request_removes_its_raters_drafts_but_not_the_mentors(run, assessed, home, tmp_path):
    res = run("review", "request", assessed, "--rater", "甲:peer", "--rater", "乙:peer", "--rater", "丙:peer",
              "-o", str(tmp_path / "out"), "--json")
    request = payload(res.stdout)["request"]
    assert run("review", assessed, "--rater", "甲:peer", input="3\nq\n").exit_code == 0
    assert run("review", assessed, "--mentor", "王芳", input="3\nq\n").exit_code == 0
    assert sorted(d["rater"] for d in drafts(home)) == ["王芳", "甲"]
    res = run("review", "close", request)
    assert res.exit_code == 0 and "Unfinished reviews of its raters removed: 1." in res.output
    assert [d["rater"] for d in drafts(home)] == ["王芳"]  # the mentor's review is not the request's
    res = run("--lang", "zh", "review", "close", request)
    assert res.exit_code == 0 and "草稿" not in res.output  # nothing left to remove, nothing said
