"""Chinese output reads as Chinese: what a teller sees on every screen and page, rendered for real.

Each view is rendered in Chinese at a few terminal widths and checked the way a Chinese reader
would: no half-width ``, ; : ? ! ( )`` next to Chinese text (tests/zh_text.py), no line that starts
with closing punctuation (。，、；：？！）」』) or ends with an opening bracket (（「『), and the
bank's own words (数据目录, 综合得分, 本岗位达标率 …).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from careerkit.render.terminal import NO_LINE_END, NO_LINE_START, wrap_offsets
from tests.helpers import answers_file, record
from tests.zh_text import half_width_marks

BANK = "bank-customer-service"
RATINGS = {"knowledge.products": 3, "communication.listening": 3, "compliance.identity-checks": 2,
           "etiquette.appearance": 2, "mindset.pressure": 3}
NOTE = "向三位客户讲解了新的存款产品，客户都表示满意，并且有一位客户当场办理了业务，还主动推荐了手机银行，效果很好。"


def bad_line_edges(text: str) -> list[str]:
    """Lines that start with a closing mark or end with an opening one (table borders and
    bullets stripped first, so the check sees the text inside a cell)."""
    found = []
    for line in text.splitlines():
        for cell in re.split(r"[│┃|]", line):
            body = cell.strip(" •·─━╇┼")
            if body and (body[0] in "。，、；：？！）」』" or body[-1] in "（「『"):
                found.append(line)
    return found


@pytest.fixture
def bank(run, tmp_path: Path) -> dict[str, str]:
    """李伟 (two assessments, a note, a mentor review, a plan), 王芳 and 陈静, and a team of the three."""
    ids = {}
    ids["first"] = record(run, tmp_path / "a", model=BANK, person="李伟", role="teller", date="2026-04-01",
                          ratings=dict.fromkeys(RATINGS, 2))["id"]
    ids["latest"] = record(run, tmp_path / "a", model=BANK, person="李伟", role="teller", date="2026-05-01",
                           ratings=RATINGS, notes={"knowledge.products": NOTE})["id"]
    mentor = answers_file(tmp_path, "mentor.yaml", model=BANK, mentor="王芳", date="2026-05-03",
                          ratings={**RATINGS, "knowledge.products": 1, "compliance.identity-checks": 4},
                          notes={"knowledge.products": "需要加强对新产品的学习，尤其是理财产品的风险等级说明。"})
    assert run("review", ids["latest"], "--answers", str(mentor), "--note", "下季度负责合规检查。").exit_code == 0
    for name, role in (("王芳", "teller"), ("陈静", "senior-teller")):
        record(run, tmp_path / "a", model=BANK, person=name, role=role, date="2026-05-01", ratings=RATINGS)
    for name in ("李伟", "王芳", "陈静"):
        assert run("export", "--person", name, "-o", str(tmp_path / f"{name}.json")).exit_code == 0
        assert run("team", "import", str(tmp_path / f"{name}.json")).exit_code == 0
    assert run("--lang", "zh", "habits", "add", "营业前检查产品更新", "--every", "daily").exit_code == 0
    return ids


VIEWS = {
    "result": lambda ids: ["show", ids["latest"]],
    "history": lambda ids: ["history"],
    "compare": lambda ids: ["compare", ids["first"], ids["latest"]],
    "roles": lambda ids: ["roles", "--model", BANK, "--person", "李伟"],
    "roles diff": lambda ids: ["roles", "--model", BANK, "diff", "柜员", "高级柜员"],
    "models show": lambda ids: ["models", "show", BANK],
    "plan md": lambda ids: ["plan", ids["latest"], "--basis", "self"],
    "plan txt": lambda ids: ["plan", ids["latest"], "--format", "txt"],
    "plan html": lambda ids: ["plan", ids["latest"], "--format", "html"],
    "habits status": lambda ids: ["habits", "status"],
    "habits report": lambda ids: ["habits", "report"],
    "habits sheet": lambda ids: ["habits", "sheet"],
    "team summary": lambda ids: ["team", "summary"],
    "team md": lambda ids: ["team", "summary", "--format", "md"],
    "team html": lambda ids: ["team", "summary", "--format", "html"],
    "help": lambda ids: ["--help"],
    "show help": lambda ids: ["show", "--help"],
    "plan help": lambda ids: ["plan", "--help"],
    "doctor": lambda ids: ["doctor"],
}


def test_every_chinese_view_has_full_width_punctuation_and_no_line_starts_with_a_closing_mark(run, bank):
    wrong = {}
    for width in ("47", "80", "120"):
        for name, args in VIEWS.items():
            res = run("--lang", "zh", *args(bank), env={"COLUMNS": width})
            assert res.exit_code == 0, (name, res.output)
            text = res.stdout
            problems = half_width_marks(text) + bad_line_edges(text)
            if problems:
                wrong[f"{name} @ {width}"] = problems[:5]
    assert wrong == {}


def test_chinese_screens_use_the_words_a_bank_uses(run, bank):
    result = run("--lang", "zh", "show", bank["latest"]).stdout
    assert "综合得分：" in result and "本岗位达标率：" in result and "总分" not in result
    assert "岗位：柜员（teller）" in result
    assert re.search(r"晋升高级柜员的准备度：\d+%", result)  # no stray spaces around the role's name
    assert "建议沟通" in result or "差异较大，需重点沟通" in result
    history = run("--lang", "zh", "history").stdout
    assert "柜员" in history and "teller" not in history  # the role's title, not its id
    plan = run("--lang", "zh", "plan", bank["latest"], "--format", "txt").stdout
    assert "时间占比" not in plan or "%" in plan
    assert re.search(r"（\d+%）", plan) and not re.search(r"\d+\.0%", plan)  # 10%, not 10.0%
    assert "达标表现" in plan and "首次跟进" in plan
    team = run("--lang", "zh", "team", "summary").stdout
    kinds = {"在岗实践", "向他人学习", "课程学习"}
    assert {"培训：", "交流学习"}.isdisjoint(set(re.findall(r"培训：|交流学习", team + plan)))
    assert any(kind in team for kind in kinds) and all(kind in plan for kind in kinds)
    doctor = run("--lang", "zh", "doctor").stdout
    assert "数据目录" in doctor and "主目录" not in doctor and "0 个用户模板" not in doctor
    assert "180°" not in run("--lang", "zh", "--help").stdout


def test_a_chinese_type_error_names_the_type_in_chinese(run, tmp_path):
    bad = tmp_path / "a.yaml"
    bad.write_text("model: bank-customer-service\nperson: 李伟\nratings:\n  knowledge.products: 'yes'\n",
                   encoding="utf-8")
    res = run("--lang", "zh", "assess", "--answers", str(bad))
    assert res.exit_code == 2
    assert "文本 'yes'" in res.stderr and "text 'yes'" not in res.stderr


def test_plan_goal_takes_a_name_and_its_errors_list_names(run, bank):
    import json

    made = run("--lang", "zh", "plan", bank["latest"], "--format", "txt")
    plan_id = re.search(r"编号 ([0-9a-f]+)", made.stderr).group(1)
    wrong = run("--lang", "zh", "plan", "goal", plan_id, "9", "done")
    assert wrong.exit_code == 2 and "1 " in wrong.stderr and "、2 " in wrong.stderr
    assert not re.search(r"\d=[a-z]", wrong.stderr)  # 1 专业知识、2 … rather than 1=knowledge
    first = json.loads(run("plans", "--json").stdout)["items"][0]["focus"][0]["competency"]
    name = {"compliance": "风险防控与合规", "etiquette": "职业形象与礼仪", "knowledge": "专业知识",
            "service-awareness": "服务意识", "communication": "沟通能力"}.get(first, first)
    done = run("--lang", "zh", "plan", "goal", plan_id, name, "done")
    assert done.exit_code == 0 and name in done.stdout and "已完成" in done.stdout
    assert "目标 done" not in made.stderr and "plan goal" in made.stderr


def test_help_follows_the_language_of_each_run_in_one_process(run):
    assert "查看一次评估" in run("--lang", "zh", "show", "--help").stdout
    english = run("--lang", "en", "show", "--help").stdout
    assert "Show one assessment in full" in english and re.search(r"[\u4e00-\u9fff]", english) is None
    assert "选项：" in run("--lang", "zh", "show", "--help").stdout
    root = run("--lang", "en", "--help").stdout
    assert "Options:" in root and re.search(r"[\u4e00-\u9fff]", root) is None


def test_every_commands_help_follows_the_language_of_each_run(run):
    """One rule for every command, groups and their subcommands too (plan, habits, models, team, roles)."""
    commands = [["--help"], *[[name, "--help"] for name in ("init", "models", "assess", "history", "show", "plan",
                                                             "plans", "habits", "team", "roles", "review", "doctor")],
                ["plan", "goal", "--help"], ["habits", "done", "--help"], ["habits", "report", "--help"],
                ["models", "show", "--help"], ["team", "summary", "--help"], ["roles", "diff", "--help"]]
    for lang in ("zh", "en", "zh", "en"):
        for args in commands:
            out = run("--lang", lang, *args).stdout
            has_chinese = re.search(r"[\u4e00-\u9fff]", out) is not None
            assert has_chinese == (lang == "zh"), (lang, args, out[:400])


@pytest.mark.parametrize("width", [6, 9, 10, 13, 20])
def test_wrapping_never_starts_a_line_with_closing_punctuation(width):
    text = "能独立完成常规工作，遇到复杂或特殊情况仍需要帮助。（第 3 级描述）客户说：“好的！”然后离开。"
    lines = [text[a:b] for a, b in wrap_offsets(text, width)]
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")
    from rich.cells import cell_len

    assert all(cell_len(line) <= width for line in lines), lines
    assert all(line[0] not in NO_LINE_START for line in lines[1:]), lines
    assert all(line[-1] not in NO_LINE_END for line in lines[:-1]), lines


@pytest.mark.parametrize("width", range(20, 60, 3))
def test_every_line_rich_wraps_keeps_closing_marks_off_the_line_start(width):
    """Printed messages, table cells and tree labels all wrap through rich: none starts a line with ，or 。"""
    import io

    from rich.table import Table
    from rich.tree import Tree

    from careerkit.render.terminal import make_console

    console = make_console(color=False)
    console.file = io.StringIO()
    console.width = width
    heading = "需要讨论的指标（自评与导师评价相差两级及以上）："
    console.print(heading, style="bold")
    table = Table("能力项", "说明")
    table.add_row("专业知识", "能准确、完整地介绍常用产品，并结合客户情况说明其适用性和风险。")
    console.print(table)
    tree = Tree("网点服务主管（branch-service-supervisor）")
    tree.add("目标：专业知识 4 · 服务意识 5 · 沟通能力 4 · 团队协作 5。")
    console.print(tree)
    console.print("Plain English text, wrapped as rich always did, with commas, and full stops.")
    out = console.file.getvalue()
    assert bad_line_edges(out) == [], out
    assert "Plain English" in out
