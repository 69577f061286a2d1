"""Commands that do what their words say: `plan -o plan.html` writes HTML, a role's title works
wherever a role is taken, global options after the command name, and hints a user can type."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from tests.helpers import answers_file, store_bytes

BANK = "bank-customer-service"
RATINGS = {"knowledge.products": 3, "compliance.identity-checks": 2, "etiquette.appearance": 2}


@pytest.fixture
def assessed(run, tmp_path: Path) -> str:
    path = answers_file(tmp_path, model=BANK, person="李伟", role="teller", ratings=RATINGS)
    return json.loads(run("assess", "--answers", str(path), "--allow-partial", "--json").stdout)["id"]


@pytest.mark.parametrize(("name", "starts"), [("plan.html", "<!doctype html>"), ("plan.htm", "<!doctype html>"),
                                               ("plan.md", "# "), ("plan.txt", "PERSONAL DEVELOPMENT PLAN")])
def test_plan_output_takes_its_format_from_the_file_extension(run, assessed, tmp_path, name, starts):
    target = tmp_path / name
    res = run("plan", assessed, "-o", str(target))
    assert res.exit_code == 0, res.output
    assert target.read_text(encoding="utf-8").lower().startswith(starts.lower())


def test_plan_show_too_and_an_explicit_format_wins(run, assessed, tmp_path):
    run("plan", assessed, "-o", str(tmp_path / "a.md"))
    plan_id = json.loads(run("plans", "--json").stdout)["items"][0]["id"]
    assert run("plan", "show", plan_id, "-o", str(tmp_path / "b.html")).exit_code == 0
    assert (tmp_path / "b.html").read_text(encoding="utf-8").lower().startswith("<!doctype html>")
    assert run("plan", assessed, "--format", "txt", "-o", str(tmp_path / "c.html")).exit_code == 0
    assert (tmp_path / "c.html").read_text(encoding="utf-8").startswith("PERSONAL DEVELOPMENT PLAN")


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_an_extension_careerkit_cannot_write_is_refused_with_the_ones_it_can(run, assessed, home, tmp_path, lang):
    before = store_bytes(home)
    res = run("--lang", lang, "plan", assessed, "-o", str(tmp_path / "plan.docx"))
    assert res.exit_code == 2 and "Traceback" not in res.output and ".docx" in res.stderr
    assert ".html" in res.stderr and ".md" in res.stderr and ".txt" in res.stderr and ".pdf" in res.stderr
    assert not (tmp_path / "plan.docx").exists() and store_bytes(home) == before  # no plan saved either


def test_role_titles_work_for_assess_answers_files_and_init(run, tmp_path, home):
    path = answers_file(tmp_path, "a.yaml", model=BANK, person="李伟", ratings=RATINGS)
    by_option = json.loads(run("assess", "--answers", str(path), "--role", "柜员", "--allow-partial", "--json").stdout)
    assert by_option["role"] == "teller"
    in_file = answers_file(tmp_path, "b.yaml", model=BANK, person="李伟", role="Senior teller", ratings=RATINGS)
    by_file = json.loads(run("assess", "--answers", str(in_file), "--allow-partial", "--json").stdout)
    assert by_file["role"] == "senior-teller"
    res = run("init", "--person", "李伟", "--model", BANK, "--role", "高级柜员", "--lang", "zh")
    assert res.exit_code == 0 and 'role = "senior-teller"' in (home / "config.toml").read_text(encoding="utf-8")
    wrong = run("assess", "--answers", str(path), "--role", "行长")
    assert wrong.exit_code == 2 and "teller (Teller)" in wrong.stderr  # the roles to pick from, with titles


def test_init_asks_for_a_role_by_number_id_or_title(run, home):
    for answer, role in (("3", "senior-teller"), ("wealth-manager", "wealth-manager"), ("柜员", "teller")):
        res = run("init", "--person", "李伟", "--model", BANK, "--lang", "zh", "--force", input=f"{answer}\n")
        assert res.exit_code == 0, res.output
        assert f'role = "{role}"' in (home / "config.toml").read_text(encoding="utf-8")


def test_global_options_after_the_command_name_are_accepted(run, tmp_path):
    other = tmp_path / "elsewhere"
    res = run("init", "--person", "Li Wei", "--model", BANK, "--home", str(other), "--lang", "en")
    assert res.exit_code == 0, res.output
    assert (other / "config.toml").is_file()  # --home after the command is still the data folder
    listed = run("history", "--home", str(other), "--lang", "zh")
    assert listed.exit_code == 0 and "还没有评估记录" in listed.stdout
    assert run("history", "--no-color", "--home", str(other)).exit_code == 0


def test_hints_name_the_command_as_the_user_ran_it(cli_proc, tmp_path):
    from tests.conftest import careerkit_command

    command = careerkit_command()
    if len(command) != 1:
        pytest.skip("careerkit is not installed as a command here")
    bin_dir = str(Path(command[0]).parent)
    path_without = os.pathsep.join(p for p in os.environ.get("PATH", "").split(os.pathsep) if p != bin_dir)
    res = cli_proc("history", env={"PATH": path_without})
    assert f"`{command[0]} assess`" in res.stdout  # careerkit is not on PATH: the path that was run
    on_path = cli_proc("history", env={"PATH": bin_dir + os.pathsep + path_without})
    assert "`careerkit assess`" in on_path.stdout


def test_a_pdf_without_a_browser_to_print_it_is_refused_and_nothing_saved(run, assessed, home, tmp_path):
    before = store_bytes(home)
    res = run("plan", assessed, "-o", str(tmp_path / "plan.pdf"), env={"CAREERKIT_CHROMIUM": ""})
    assert res.exit_code == 2 and "Chromium" in res.stderr and ".html" in res.stderr
    assert not (tmp_path / "plan.pdf").exists() and store_bytes(home) == before


def test_plan_pdf_is_a_real_pdf_printed_by_chromium(run, assessed, tmp_path):
    from tests.browser import chromium

    chromium()  # skips, with the reason, where Chromium is not installed
    target = tmp_path / "plan.pdf"
    res = run("--lang", "zh", "plan", assessed, "-o", str(target))
    assert res.exit_code == 0, res.output
    data = target.read_bytes()
    assert data.startswith(b"%PDF") and data.count(b"/Type /Page") >= 2  # pages, not HTML renamed
    assert b"<html" not in data[:2000].lower()
