"""The interactive self-assessment: scripted through CliRunner, and once in a real terminal."""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import sys
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, no_traceback, payload

TINY = ("--models-dir", str(FIXTURES), "assess", "--model", "tiny", "--person", "A")
BANK_IDS: list[str] = []


def bank_ids() -> list[str]:
    if not BANK_IDS:
        from careerkit.model.catalog import Catalog, sources

        BANK_IDS.extend(Catalog(sources(None)).find("bank-customer-service").model.indicator_ids())
    return BANK_IDS


def history(run) -> list[dict]:
    res = run("history", "--json")
    assert res.exit_code == 0, res.output
    return payload(res.stdout)


def draft_of(home: Path, person: str = "A") -> dict | None:
    """The stored draft, read straight from the person's store file."""
    for path in (home / "data").rglob("*.json"):
        data = json.loads(path.read_bytes())
        drafts = list(data.get("drafts", {}).values())
        if drafts and drafts[-1]["person"] == person:
            return drafts[-1]
    return None


def store_bytes(home: Path) -> dict[str, bytes]:
    return {str(p): p.read_bytes() for p in sorted(home.rglob("*")) if p.is_file() and p.name != "careerkit.lock"}


class InterruptAtEnd(io.BytesIO):
    """Standard input that behaves like Ctrl-C once the scripted lines are used up."""

    def read(self, size: int | None = -1) -> bytes:
        data = super().read(size)
        if not data and size != 0:
            raise KeyboardInterrupt
        return data

    def read1(self, size: int = -1) -> bytes:
        return self.read(size if size else -1)

    def readline(self, size: int | None = -1) -> bytes:
        data = super().readline(size)
        if not data:
            raise KeyboardInterrupt
        return data


# ----------------------------------------------------------------------------- the whole flow


def test_answer_skip_back_note_help_and_invalid_keys(run, home):
    ids = bank_ids()
    rest = ids[4:]
    # products 3, procedures 4, explaining-rules skip, back across the competency border from
    # service-standards to explaining-rules: 2, then on service-standards: a note, help, three bad
    # inputs, Enter without an answer, then 4.
    script = ["3", "4", "s", "b", "2", "n", "my note", "?", "x", "9", "0", "", "4"]
    # the next indicator: go back, Enter keeps 4
    script += ["b", ""]
    answers = {iid: (i % 5) + 1 for i, iid in enumerate(rest)}
    answers[rest[5]] = None  # skipped
    script += ["s" if answers[iid] is None else str(answers[iid]) for iid in rest]
    script += ["y"]
    res = run("assess", "--model", "bank-customer-service", "--person", "A", "--json",
              input="\n".join(script) + "\n")
    assert res.exit_code == 0, res.output
    assert no_traceback(res.output)
    record = payload(res.stdout)
    expected = {ids[0]: 3, ids[1]: 4, ids[2]: 2, ids[3]: 4, **answers}
    assert record["ratings"] == expected
    assert record["notes"] == {ids[3]: "my note"}
    assert record["person"] == "A" and record["model"]["id"] == "bank-customer-service"
    out = res.output
    assert "competency 1 of 14 · indicator 1 of 3 · answered 0 of 52" in out
    assert "skipped 1" in out  # the progress line counts skips
    assert "Note saved." in out
    assert "back to the previous indicator" in out  # the help screen
    assert "'x' is not a level or a key" in out
    assert "9 is not on the scale" in out and "0 is not on the scale" in out
    assert "Type a level (1–5), or s to skip." in out
    assert "Your answer so far: 4 (Enter keeps it)" in out
    assert "Answered 51 · skipped 1 · of 52 indicators." in out
    assert [r["id"] for r in history(run)] == [record["id"]]
    assert draft_of(home) is None


def test_role_targets_hidden_until_the_result(run):
    res = run(*TINY, "--role", "junior", input="1\n1\n3\ny\n")
    assert res.exit_code == 0, res.output
    before, _, after = res.output.partition("Save this assessment?")
    assert "Junior" in before  # the role is named ...
    assert not re.search(r"\btarget\b.*\bgap\b", before)  # ... but its targets are not shown
    assert "Readiness for" not in before
    assert re.search(r"\btarget\b.*\bgap\b", after)
    assert "Readiness for Senior" in after
    assert "Saved as" in after


def test_scale_legend_and_anchors_are_shown(run):
    res = run(*TINY, input="q\n")
    assert "Tiny test model" in res.output
    assert "Teaches others." in res.output  # the scale legend
    assert "Often distracted." in res.output  # the indicator's anchor
    assert "Nothing answered yet, so no draft was kept." in res.output


# ----------------------------------------------------------------------------- drafts


def test_quit_then_resume_ends_with_the_answers_of_both_sittings(run, home):
    res = run(*TINY, input="2\nn evidence: led the retro\nq\n")
    assert res.exit_code == 0, res.output
    assert "Draft kept: 1 of 3 answered" in res.output
    assert "careerkit assess --resume --person A" in res.output
    assert history(run) == []
    assert draft_of(home)["ratings"] == {"listening.attention": 2}

    res = run("--models-dir", str(FIXTURES), "assess", "--resume", "--person", "A", "--json",
              input="3\n1\ny\n")
    assert res.exit_code == 0, res.output
    assert "Continuing your draft" in res.output and "1 answered" in res.output
    record = payload(res.stdout)
    assert record["ratings"] == {"listening.attention": 2, "listening.questions": 3, "planning.priorities": 1}
    assert record["notes"] == {"listening.questions": "evidence: led the retro"}
    assert [r["id"] for r in history(run)] == [record["id"]]
    assert draft_of(home) is None
    res = run("assess", "--resume", "--person", "A")
    assert res.exit_code == 2
    assert "no unfinished assessment for A" in res.output and no_traceback(res.output)


def test_resume_without_the_models_dir_uses_the_saved_copy(run):
    run(*TINY, input="2\nq\n")
    res = run("assess", "--resume", "--person", "A", "--json", input="2\n2\ny\n")
    assert res.exit_code == 0, res.output
    assert "continuing on the copy saved with your draft" in res.output
    assert payload(res.stdout)["model"]["id"] == "tiny"


def test_end_of_input_keeps_a_draft(run, home):
    res = run(*TINY, input="3\n")
    assert res.exit_code == 0
    assert "Draft kept: 1 of 3 answered" in res.output and no_traceback(res.output)
    assert draft_of(home)["ratings"] == {"listening.attention": 3}
    assert history(run) == []


def test_ctrl_c_keeps_a_draft_and_exits_130(run, home):
    res = run(*TINY, input=InterruptAtEnd(b"3\n1\n"))
    assert res.exit_code == 130
    assert "Draft kept: 2 of 3 answered" in res.output and no_traceback(res.output)
    assert "careerkit assess --resume" in res.output
    assert draft_of(home)["ratings"] == {"listening.attention": 3, "listening.questions": 1}
    assert history(run) == []
    res = run("--models-dir", str(FIXTURES), "assess", "--resume", "--person", "A", "--json", input="2\ny\n")
    assert payload(res.stdout)["ratings"]["planning.priorities"] == 2


def test_declining_the_confirmation_keeps_the_draft(run, home):
    res = run(*TINY, input="2\n2\n2\nn\n")
    assert res.exit_code == 0
    assert "Not saved." in res.output and "Draft kept: 3 of 3 answered" in res.output
    assert history(run) == []
    # resuming goes straight to the summary and its question
    res = run("--models-dir", str(FIXTURES), "assess", "--resume", "--person", "A", "--json", input="y\n")
    assert res.exit_code == 0, res.output
    assert "Summary" in res.output
    assert payload(res.stdout)["ratings"] == dict.fromkeys(
        ("listening.attention", "listening.questions", "planning.priorities"), 2)


def test_back_from_the_confirmation_changes_the_last_answer(run):
    res = run(*TINY, "--json", input="2\n2\n2\nmaybe\nb\n3\ny\n")
    assert res.exit_code == 0, res.output
    assert "Type y to save, n to keep a draft, or b to go back." in res.output
    assert payload(res.stdout)["ratings"]["planning.priorities"] == 3


def test_plain_assess_offers_the_draft(run):
    run(*TINY, input="1\nq\n")
    res = run(*TINY, "--json", input="\n2\n3\ny\n")  # Enter: yes, continue it
    assert res.exit_code == 0, res.output
    assert "You have an unfinished assessment on tiny 1.0.0" in res.output
    assert payload(res.stdout)["ratings"] == {"listening.attention": 1, "listening.questions": 2,
                                                 "planning.priorities": 3}


def test_changed_model_refuses_to_resume(run, home, tmp_path):
    models = tmp_path / "models"
    models.mkdir()
    shutil.copy(FIXTURES / "tiny-model.yaml", models / "tiny.yaml")
    opts = ("--models-dir", str(models))
    run(*opts, "assess", "--model", "tiny", "--person", "A", input="2\nq\n")
    text = (models / "tiny.yaml").read_text()
    (models / "tiny.yaml").write_text(text.replace('version: "1.0.0"', 'version: "1.1.0"'))
    before = store_bytes(home)
    res = run(*opts, "assess", "--resume", "--person", "A", input="3\n")
    assert res.exit_code == 2
    assert "model tiny changed since this draft was started" in res.output
    assert "1.0.0" in res.output and "1.1.0" in res.output and no_traceback(res.output)
    assert store_bytes(home) == before
    # a plain assess says why the draft cannot continue and starts on the current version
    res = run(*opts, "assess", "--model", "tiny", "--person", "A", "--json", input="3\n3\n3\ny\n")
    assert res.exit_code == 0, res.output
    assert "cannot be resumed" in res.output
    assert payload(res.stdout)["model"]["version"] == "1.1.0"
    assert draft_of(home) is None


# ----------------------------------------------------------------------------- who, which model, which role


def test_asks_for_person_model_and_role_when_nothing_is_given(run):
    res = run("--models-dir", str(FIXTURES), "assess", "--json", input="\nLi Wei\nnope\ntiny\n1\n2\n2\n2\ny\n")
    assert res.exit_code == 0, res.output
    assert "An answer is needed here." in res.output
    assert "'nope' is not on the list" in res.output
    record = payload(res.stdout)
    assert (record["person"], record["model"]["id"], record["role"]) == ("Li Wei", "tiny", "junior")


def test_no_person_and_no_input_is_a_clear_error(run, home):
    res = run("assess", "--model", "tiny")
    assert res.exit_code == 2
    assert "no person given" in res.output and no_traceback(res.output)
    assert not (home / "data").exists()


def test_unknown_role_is_refused_before_any_question(run, home):
    res = run(*TINY, "--role", "captain", input="2\n")
    assert res.exit_code == 2
    assert "no role 'captain' in model tiny" in res.output and no_traceback(res.output)
    assert "competency 1 of 2" not in res.output
    assert not (home / "data").exists()


def test_chinese_prompts(run):
    res = run(*TINY, input="２\n？\nq\n", env={"CAREERKIT_LANG": "zh"})
    assert res.exit_code == 0, res.output
    assert "能力项 1/2 · 指标 1/2 · 已答 0/3" in res.output
    assert "能力项 1/2 · 指标 2/2 · 已答 1/3" in res.output  # full-width ２ counts as 2
    assert "返回上一个指标" in res.output  # full-width ？ shows the help
    assert "已保存草稿" in res.output


# ----------------------------------------------------------------------------- a real terminal


def test_real_terminal_quit_interrupt_resume_finish(home, cli_proc):
    pexpect = pytest.importorskip("pexpect")
    exe = shutil.which("careerkit", path=str(Path(sys.executable).parent))
    assert exe, "careerkit is not installed in the virtualenv"
    env = {**os.environ, "CAREERKIT_HOME": str(home), "CAREERKIT_LANG": "en", "TERM": "dumb",
           "COLUMNS": "100", "NO_COLOR": "1"}
    base = ["--models-dir", str(FIXTURES), "assess", "--person", "A"]
    prompt = "s/b/n/?/q"

    child = pexpect.spawn(exe, [*base, "--model", "tiny"], env=env, encoding="utf-8", timeout=20)
    child.expect("indicator 1 of 2")
    child.expect_exact(prompt)
    child.sendline("2")
    child.expect("indicator 2 of 2")
    child.expect_exact(prompt)
    child.sendintr()  # Ctrl-C
    child.expect("Draft kept: 1 of 3 answered")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130

    child = pexpect.spawn(exe, [*base, "--resume"], env=env, encoding="utf-8", timeout=20)
    child.expect("Continuing your draft")
    child.expect_exact(prompt)
    child.sendline("3")
    child.expect("competency 2 of 2")
    child.expect_exact(prompt)
    child.sendline("q")
    child.expect("Draft kept: 2 of 3 answered")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0

    child = pexpect.spawn(exe, [*base, "--resume"], env=env, encoding="utf-8", timeout=20)
    child.expect("2 answered")
    child.expect_exact(prompt)
    child.sendline("1")
    child.expect_exact("Save this assessment?")
    child.sendline("y")
    child.expect("Saved as ([0-9a-f]+)")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0

    res = cli_proc("history", "--json", env={"CAREERKIT_HOME": str(home)})
    records = payload(res.stdout)
    assert len(records) == 1
    full = payload(cli_proc("show", records[0]["id"], "--json", env={"CAREERKIT_HOME": str(home)}).stdout)
    assert full["ratings"] == {"listening.attention": 2, "listening.questions": 3, "planning.priorities": 1}


@pytest.mark.parametrize(("typed", "key", "level"), [
    ("3", "level", 3), ("３", "level", 3), (" 2 ", "level", 2), ("", "keep", None), ("S", "skip", None),
    ("b", "back", None), ("？", "help", None), ("q", "quit", None), ("9", "off-scale", 9),
    ("+-3", "invalid", None), ("2.5", "invalid", None), ("s x", "invalid", None),
])
def test_what_a_typed_line_means(typed, key, level):
    from careerkit.core.questionnaire import parse

    action = parse(typed, [1, 2, 3])
    assert (action.key, action.level) == (key, level)


def test_a_note_keeps_what_was_typed():
    from careerkit.core.questionnaire import Key, parse

    assert parse("n　带领，复盘", [1, 2]) == parse("n 带领，复盘", [1, 2])
    assert parse("n 带领，复盘", [1, 2]).text == "带领，复盘"
    assert parse("n", [1, 2]).key is Key.NOTE


# ----------------------------------------------------------------------------- QA: a Chinese terminal of 80 columns


def squeezed(text: str) -> str:
    """Output with every space and line break removed: text folded over lines reads as one."""
    return "".join(text.split())


def test_chinese_anchors_and_scale_are_folded_never_cut_at_80_columns(run):
    res = run("--lang", "zh", "assess", "--model", "bank-customer-service", "--person", "王芳",
              input="q\n", env={"COLUMNS": "80"})
    assert res.exit_code == 0, res.output
    assert "…" not in res.stderr
    flat = squeezed(res.stderr)
    # the longest anchor of the first indicator and the longest scale description, in full
    assert ("5专家熟知本岗位涉及的全部产品及其最新变化，少见的产品问题也能准确解答，"
            "产品知识测试成绩在网点名列前茅，是同事请教产品问题的首选。") in flat
    assert "是全行服务标杆和同事请教的对象。" in flat


def test_the_help_screen_names_the_enter_key_in_chinese(run):
    res = run("--lang", "zh", *TINY, input="?\nq\n")
    assert res.exit_code == 0, res.output
    assert re.search(r"^回车\s+保留已有答案", res.stderr, re.MULTILINE)
    assert not re.search(r"^Enter\s", res.stderr, re.MULTILINE)


def test_the_resume_hint_does_not_quote_a_chinese_name(run):
    res = run("--models-dir", str(FIXTURES), "assess", "--model", "tiny", "--person", "王芳", input="2\nq\n")
    assert res.exit_code == 0, res.output
    assert "careerkit assess --resume --person 王芳" in res.stderr
    res = run("--models-dir", str(FIXTURES), "assess", "--model", "tiny", "--person", "Anne Marie", input="2\nq\n")
    assert "careerkit assess --resume --person 'Anne Marie'" in res.stderr
