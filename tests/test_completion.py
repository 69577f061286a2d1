"""Shell completion, driven the way bash, zsh and fish drive it: click's completion variables
on the installed command (`_CAREERKIT_COMPLETE=bash_complete COMP_WORDS=... COMP_CWORD=...`)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.helpers import answers_file

BANK = "bank-customer-service"


def complete(words: str, shell: str = "bash") -> list[str]:
    """The values the shell would offer after ``words`` (the last word is being typed): the real
    root command answering click's completion variables, in-process (the scripts that set them
    are checked on the installed command below)."""
    from click.testing import CliRunner

    from careerkit.cli import cli

    parts = words.split(" ")
    # bash and zsh pass the index of the word being typed; fish passes that word itself
    cword = parts[-1] if shell == "fish" else str(len(parts) - 1)
    res = CliRunner().invoke(cli, [], prog_name="careerkit", catch_exceptions=False,
                             env={"_CAREERKIT_COMPLETE": f"{shell}_complete", "COMP_WORDS": words,
                                  "COMP_CWORD": cword})
    assert res.exit_code == 0, res.output
    lines = [line for line in res.stdout.splitlines() if line]
    if shell == "bash":
        return [line.partition(",")[2] for line in lines]
    if shell == "zsh":  # type, value, help: three lines per item
        return lines[1::3]
    return [line.split(",", 1)[1].split("\t")[0] for line in lines]  # fish: type,value<TAB>help


@pytest.fixture
def data(run, tmp_path: Path) -> dict[str, str]:
    path = answers_file(tmp_path, model=BANK, person="李伟", role="柜员", ratings={"knowledge.products": 3})
    record = json.loads(run("assess", "--answers", str(path), "--allow-partial", "--json").stdout)
    assert run("plan", record["id"], "--format", "txt", "-o", str(tmp_path / "p.txt")).exit_code == 0
    plan = json.loads(run("plans", "--json").stdout)["items"][0]["id"]
    assert run("habits", "add", "营业前检查产品更新", "--every", "daily").exit_code == 0
    assert run("habits", "add", "Help", "--every", "3/week").exit_code == 0
    return {"assessment": record["id"], "plan": plan}


def test_commands_options_and_values_complete_in_bash(run, data):
    assert {"init", "assess", "history", "habits", "team"} <= set(complete("careerkit "))
    assert complete("careerkit assess --re") == ["--resume"]
    assert complete("careerkit assess --model ") == ["bank-customer-service", "core-professional"]
    roles = complete(f"careerkit assess --model {BANK} --role ")
    assert {"teller", "柜员", "senior-teller", "高级柜员"} <= set(roles)
    assert complete("careerkit assess --model bank-customer-service --role 高") == ["高级柜员"]
    assert complete("careerkit show ") == [data["assessment"]]
    assert complete("careerkit compare x ") == [data["assessment"]]
    assert complete("careerkit plan show ") == [data["plan"]]
    assert complete("careerkit habits done ") == ["营业前检查产品更新", "Help"]
    assert complete("careerkit habits done 营") == ["营业前检查产品更新"]
    assert complete("careerkit history --person ") == ["李伟"]
    assert run("habits", "add", "Review product updates", "--every", "daily").exit_code == 0
    assert "Review" in complete("careerkit habits done R")  # bash splits at spaces: the unique first word
    assert "Review product updates" in complete("careerkit habits done R", "zsh")


def test_zsh_and_fish_get_the_same_values(data):
    assert complete("careerkit show ", "zsh") == [data["assessment"]]
    assert complete("careerkit habits skip ", "fish") == ["营业前检查产品更新", "Help"]


def test_each_shell_gets_a_script_to_switch_completion_on(cli_proc):
    for shell, marker in (("bash", "complete -o nosort -F"), ("zsh", "compdef"), ("fish", "complete --no-files")):
        res = cli_proc(env={"_CAREERKIT_COMPLETE": f"{shell}_source"})
        assert res.returncode == 0 and marker in res.stdout and "_CAREERKIT_COMPLETE" in res.stdout, shell


def test_completion_with_no_home_folder_offers_nothing_and_creates_nothing(home):
    assert complete("careerkit show ") == []
    assert complete("careerkit habits done ") == []
    assert not home.exists()
