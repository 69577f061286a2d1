"""`careerkit plan`, `plan show`, `plan goal` and `plans`: what a person and their mentor see."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from careerkit.model.loader import load_file
from tests.conftest import payload

ROOT = Path(__file__).resolve().parent.parent
BANK = load_file(ROOT / "competencies" / "bank-customer-service.yaml").model
HOSTILE = "<script>alert('x')</script> {{ 7*7 }} {% raw %}"


def levels(**by_competency: int) -> dict[str, int]:
    out = dict.fromkeys(BANK.indicator_ids(), 3)
    for cid, level in by_competency.items():
        for ind in BANK.competency(cid.replace("_", "-")).indicators:
            out[f"{cid.replace('_', '-')}.{ind.id}"] = level
    return out


def assess(run, tmp_path: Path, ratings: dict, *, date: str, name: str = "self.json") -> str:
    doc = {"model": "bank-customer-service", "person": "Li Wei", "role": "teller", "date": date,
           "ratings": ratings, "notes": {"knowledge.products": HOSTILE}}
    path = tmp_path / name
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    res = run("assess", "--allow-partial", "--answers", str(path), "--json")
    assert res.exit_code == 0, res.output
    return payload(res.stdout)["id"]


@pytest.fixture
def first(run, tmp_path: Path) -> str:
    """Li Wei, teller: compliance 2 against senior teller's 4; knowledge, teamwork and complaints 3 against 4."""
    return assess(run, tmp_path, levels(compliance=2), date="2026-09-01")


@pytest.fixture
def reviewed(run, tmp_path: Path, first: str) -> str:
    doc = {"model": "bank-customer-service", "mentor": "Wang Fang", "ratings": levels(compliance=3)}
    path = tmp_path / "mentor.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    res = run("review", first, "--answers", str(path), "--note", "Stay curious. " + HOSTILE)
    assert res.exit_code == 0, res.output
    return first


def store_bytes(home: Path) -> dict[str, bytes]:
    return {str(p): p.read_bytes() for p in sorted(home.rglob("*")) if p.is_file() and p.name != "careerkit.lock"}


def plan_ids(run) -> list[str]:
    return [p["id"] for p in payload(run("plans", "--json").stdout)]


# ----------------------------------------------------------------------------- formats


def test_markdown_plan_to_terminal(run, first):
    res = run("plan", "--person", "Li Wei")
    assert res.exit_code == 0, res.output
    out = res.stdout
    assert out.startswith("# Personal development plan: Li Wei")
    assert "| **Target role** | Senior teller |" in out
    # basis self (no review): compliance 2→4 (gap 2 × 1.5 = 3.0), knowledge 3→4 (1.2), then teamwork and
    # complaints 3→4 (1.0 each: model order)
    headings = re.findall(r"^### (\d)\. (.+)$", out, flags=re.M)
    assert [h[1] for h in headings[:3]] == ["Risk control and compliance", "Professional knowledge", "Teamwork"]
    # 2.00 → 4 is more than one level in 90 days: an interim target of 3, the role's 4 beside it
    assert ("raise Risk control and compliance from 2.00 to level 3 (Proficient), a step toward level 4, the "
            "target for Senior teller: reaching that takes more than one plan") in out
    assert "role target: 4 (the role target takes more than one plan)" in out
    assert "| Course | 10% |" in out and "| On the job | 35% |" in out
    assert "## Milestones" in out and "First check-in" in out and "Final review" in out
    assert "Signature: ____" in out
    assert "Plan saved as" in res.stderr
    assert len(plan_ids(run)) == 1


def test_html_plan_to_file_is_self_contained_and_escaped(run, reviewed, tmp_path):
    target = tmp_path / "plan.html"
    res = run("plan", reviewed, "--format", "html", "-o", str(target))
    assert res.exit_code == 0, res.output
    html = target.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and "<svg" in html and "<polygon" in html
    assert 'class="series self"' in html and 'class="series mentor"' in html and 'class="series target"' in html
    assert "@page { size: A4" in html
    assert "<script" not in html and "http://" not in html and "https://" not in html  # nothing to run or fetch
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; {{ 7*7 }} {% raw %}" in html  # notes stay text
    assert "Wang Fang" in html and "mentor&#39;s ratings" in html
    assert (target.stat().st_mode & 0o777) == 0o600


def test_text_plan(run, first):
    res = run("plan", first, "--format", "txt", "--focus", "1", "--horizon", "30")
    assert res.exit_code == 0, res.output
    assert "PERSONAL DEVELOPMENT PLAN: Li Wei" in res.stdout
    assert "(30 days)" in res.stdout and "1. Risk control and compliance" in res.stdout
    assert "2. " not in res.stdout.split("WHERE YOU STAND")[0]


def test_markdown_escapes_html_in_notes(run, reviewed):
    res = run("plan", reviewed)
    assert "&lt;script&gt;alert('x')&lt;/script&gt; {{ 7*7 }} {% raw %}" in res.stdout
    assert "<script>" not in res.stdout


def test_plan_in_chinese(run, reviewed):
    res = run("--lang", "zh", "plan", reviewed, "--format", "txt")
    assert res.exit_code == 0
    assert "个人发展计划" in res.stdout and "1. 风险防控与合规" in res.stdout and "导师评价" in res.stdout


# ----------------------------------------------------------------------------- output files


def test_output_refuses_overwrite_without_force(run, first, tmp_path, home):
    target = tmp_path / "plan.md"
    target.write_text("mine", encoding="utf-8")
    before = store_bytes(home)
    res = run("plan", first, "-o", str(target))
    assert res.exit_code == 2
    assert "already exists; pass --force" in res.stderr
    assert target.read_text(encoding="utf-8") == "mine"
    assert store_bytes(home) == before  # the plan was not saved either
    res = run("plan", first, "-o", str(target), "--force")
    assert res.exit_code == 0
    assert target.read_text(encoding="utf-8").startswith("# Personal development plan")


def test_output_into_missing_folder(run, first, tmp_path, home):
    before = store_bytes(home)
    res = run("plan", first, "-o", str(tmp_path / "nope" / "plan.md"))
    assert res.exit_code == 2
    assert "does not exist" in res.stderr and "nope" in res.stderr
    assert store_bytes(home) == before


# ----------------------------------------------------------------------------- saved plans


def test_plans_list_show_and_goal_tracking(run, reviewed, home):
    run("plan", reviewed)
    (plan_id,) = plan_ids(run)
    listing = run("plans")
    assert plan_id in listing.stdout and "0/3 done" in listing.stdout
    shown = run("plan", "show", plan_id[:6], "--format", "txt")
    assert shown.exit_code == 0 and "[active]" in shown.stdout
    res = run("plan", "goal", plan_id, "1", "done")
    assert res.exit_code == 0 and "done" in res.stdout
    res = run("plan", "goal", plan_id, "knowledge", "dropped")
    assert res.exit_code == 0
    stored = payload(run("plans", "--json").stdout)[0]
    assert [f["status"] for f in stored["focus"]] == ["done", "dropped", "active"]
    assert "1/3 done" in run("plans").stdout
    assert "[done]" in run("plan", "show", plan_id, "--format", "txt").stdout
    from careerkit.store import plans
    from careerkit.store.database import session

    with session(home) as work:
        latest = plans.latest_plan(work, "Li Wei")
        assert latest["id"] == plan_id and latest["focus"][0]["competency"] == "compliance"
        assert plans.latest_plan(work, "Nobody") is None
        assert [p["id"] for p in plans.records(work)] == [plan_id]


def test_progress_after_a_newer_assessment(run, first, tmp_path):
    run("plan", first, "--basis", "self")
    (plan_id,) = plan_ids(run)
    assess(run, tmp_path, levels(compliance=3, knowledge=4, teamwork=4), date="2026-10-15", name="later.json")
    res = run("plan", "show", plan_id)
    assert res.exit_code == 0, res.output
    out = res.stdout
    assert "| **Progress** | Latest: 2026-10-15" in out
    # compliance 2 → 3: the interim target 3 reached (the role's 4 takes another plan); knowledge 3 → 4 reached
    assert "2.00 → 3.00 (+1.00), 100% of the way to the aim ✓ target reached" in out
    assert "3.00 → 4.00 (+1.00), 100% of the way to the aim ✓ target reached" in out
    # the HTML page tells a rise by its sign and ▲ (class "up"), not by a colour: red means up in Chinese finance
    page = run("plan", "show", plan_id, "--format", "html").stdout
    assert '2.00 → 3.00 <span class="up">+1.00</span>' in page and 'class="down"' not in page
    assert ".up::before { content: \"▲ \"; }" in page.replace("font-size: .8em; ", "")


def test_plan_help_and_routing(run, first):
    res = run("plan", "--help")
    assert res.exit_code == 0
    assert "plan [ID] [OPTIONS]" in res.stdout and "plan COMMAND ..." in res.stdout
    assert "--target-role ROLE" in res.stdout and "--horizon DAYS" in res.stdout
    assert "show" in res.stdout and "goal" in res.stdout
    assert run("plan", "show", "--help").exit_code == 0
    res = run("plan", "show")
    assert res.exit_code == 2 and "PLAN_ID" in res.output


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize(("group", "bare", "option"), [("plan", "[ID] [OPTIONS]", "--target-role ROLE"),
                                                       ("review", "ID [OPTIONS]", "--mentor NAME")])
def test_a_group_with_a_bare_form_shows_both_usages_aligned_and_the_bare_options(run, group, bare, option, lang):
    """`plan` and `review` route alike (cli/routing.py): both usage lines start under the program name,
    in Chinese (用法：) as in English, and --help lists the hidden default command's options."""
    res = run("--lang", lang, group, "--help")
    assert res.exit_code == 0, res.output
    first_line, second_line = res.stdout.splitlines()[:2]
    prefix = "用法：" if lang == "zh" else "Usage: "
    program = first_line.removeprefix(prefix).split(" ")[0]  # careerkit, or the test runner's name
    assert first_line == f"{prefix}{program} {group} {bare}"
    assert second_line == " " * (6 if lang == "zh" else 7) + f"{program} {group} COMMAND ..."
    assert option in res.stdout


# ----------------------------------------------------------------------------- templates


def test_user_template_override_and_template_file(run, first, home, tmp_path):
    (home / "templates").mkdir(parents=True)
    (home / "templates" / "plan.md.j2").write_text(
        "MINE {{ person }} {% for a in focus %}[{{ a.competency }}]{% endfor %}\n", encoding="utf-8")
    res = run("plan", first)
    assert res.exit_code == 0 and res.stdout.startswith("MINE Li Wei [compliance][knowledge][teamwork]")
    one_off = tmp_path / "one.html.j2"
    one_off.write_text("<p>{{ mentor_notes.comment }}|{{ focus[0].actions[0].text }}</p>", encoding="utf-8")
    res = run("plan", first, "--format", "html", "--template", str(one_off))
    assert res.exit_code == 0 and res.stdout.startswith("<p>None|Complete the annual training on anti-money-laundering")


@pytest.mark.parametrize("payload", [
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "{{ person.__class__.__init__.__globals__ }}",
    "{{ labels.__class__.__base__.__subclasses__() }}",
    "{% for c in [].__class__.__base__.__subclasses__() %}{{ c }}{% endfor %}",
])
def test_sandbox_stops_python_internals(run, first, tmp_path, home, payload):
    bad = tmp_path / "evil.md.j2"
    bad.write_text("Plan\n" + payload + "\n", encoding="utf-8")
    before = store_bytes(home)
    res = run("plan", first, "--template", str(bad))
    assert res.exit_code == 2
    assert "template evil.md.j2" in res.stderr
    assert "<class" not in res.output and "Traceback" not in res.output
    assert store_bytes(home) == before


def test_undefined_variable_names_template_and_line(run, first, tmp_path):
    bad = tmp_path / "typo.md.j2"
    bad.write_text("# {{ person }}\n\n{{ plan.nope }}\n", encoding="utf-8")
    res = run("plan", first, "--template", str(bad))
    assert res.exit_code == 2
    assert "template typo.md.j2, line 3" in res.stderr and "nope" in res.stderr


# ----------------------------------------------------------------------------- bad input


@pytest.mark.parametrize(("args", "message"), [
    (("plan", "ffffffffff"), "no assessment with an id starting 'ffffffffff'"),
    (("plan", "show", "ffffff"), "no plan with an id starting 'ffffff'"),
    (("plan", "goal", "ffffff", "1", "done"), "no plan with an id starting 'ffffff'"),
    (("plan", "--person", "Nobody"), "no assessments for 'Nobody' yet"),
    (("plan", "--person", "Li Wei", "--target-role", "astronaut"), "no role 'astronaut' in model"),
    (("plan", "--person", "Li Wei", "--basis", "mentor"), "has no mentor review"),
])
def test_bad_input_is_a_clear_exit_2(run, first, home, args, message):
    before = store_bytes(home)
    res = run(*args)
    assert res.exit_code == 2, res.output
    assert message in res.stderr
    assert "Traceback" not in res.output
    assert store_bytes(home) == before


def test_unknown_goal_and_status(run, first, home):
    run("plan", first)
    (plan_id,) = plan_ids(run)
    before = store_bytes(home)
    res = run("plan", "goal", plan_id, "7", "done")
    assert res.exit_code == 2 and "has no goal '7'" in res.stderr
    assert "its goals: 1 Risk control and compliance, 2 " in res.stderr  # names, not 1=compliance
    res = run("plan", "goal", plan_id, "1", "finished")
    assert res.exit_code == 2
    assert store_bytes(home) == before


def test_empty_history(run):
    res = run("plan", "--person", "Li Wei")
    assert res.exit_code == 2 and "no assessments for 'Li Wei' yet" in res.stderr
    assert run("plans").stdout.startswith("No plans yet")
    assert payload(run("plans", "--json").stdout) == []


def test_template_output_cap(run, first, tmp_path, home):
    huge = tmp_path / "huge.md.j2"
    huge.write_text("{% for i in range(100000) %}{{ '0123456789' * 10 }}{% endfor %}", encoding="utf-8")
    before = store_bytes(home)
    res = run("plan", first, "--template", str(huge))
    assert res.exit_code == 2
    assert "produced more than 8 MB and was stopped" in res.stderr
    assert store_bytes(home) == before


# ----------------------------------------------------------------------------- found in QA


def test_progress_of_a_mentor_plan_stays_on_the_mentor_basis(run, tmp_path):
    """Planned on the mentor's view (knowledge 2), self said 3 then and 4 now: without a new review
    no progress is shown on another basis; with one, it is the mentor's 2 → the mentor's 3."""
    first_id = assess(run, tmp_path, levels(compliance=2, knowledge=3), date="2026-09-01")
    doc = {"model": "bank-customer-service", "mentor": "Wang Fang", "ratings": levels(compliance=2, knowledge=2)}
    (tmp_path / "mentor.json").write_text(json.dumps(doc), encoding="utf-8")
    assert run("review", first_id, "--answers", str(tmp_path / "mentor.json")).exit_code == 0
    run("plan", first_id, "--focus", "2")
    (plan_id,) = plan_ids(run)
    assess(run, tmp_path, levels(compliance=2, knowledge=4), date="2026-10-15", name="later.json")
    res = run("plan", "show", plan_id, env={"COLUMNS": "300"})
    assert "the later assessment" in res.stderr and "has no mentor review yet" in res.stderr
    assert "→ 4.00" not in res.stdout and "| **Progress** |" not in res.stdout
    later = payload(run("history", "--json").stdout)[-1]["id"]
    doc["ratings"] = levels(compliance=2, knowledge=3)
    (tmp_path / "mentor2.json").write_text(json.dumps(doc), encoding="utf-8")
    assert run("review", later, "--answers", str(tmp_path / "mentor2.json")).exit_code == 0
    out = run("plan", "show", plan_id).stdout
    assert "(mentor's ratings)" in out and "2.00 → 3.00 (+1.00)" in out  # mentor then → mentor now
    text = run("plan", "show", plan_id, "--format", "txt").stdout
    assert "2.00 -> 3.00" in text


def test_text_plan_lists_evidence_one_per_line_and_aligns_chinese_names(run, reviewed):
    text = run("--lang", "zh", "plan", reviewed, "--format", "txt").stdout
    evidence = [line for line in text.splitlines() if line.startswith("   - ")]
    assert len(evidence) >= 4 and all(line.count(" — ") == 1 for line in evidence)
    from rich.cells import cell_len

    rows = [line for line in text.split("能力现状")[1].split("可以发挥的优势")[0].splitlines() if "自评" in line]
    assert len(rows) == len(BANK.competencies)
    columns = {cell_len(line.split("自评")[0]) for line in rows}
    assert len(columns) == 1, rows  # the self column starts at the same place on every row


def test_plan_usage_errors_name_the_command_typed(cli_proc):
    res = cli_proc("--lang", "en", "plan", "--basis", "mentr")
    assert res.returncode == 2
    assert "Usage: careerkit plan [OPTIONS] [ID]" in res.stderr
    assert "Try 'careerkit plan --help'" in res.stderr
    assert "create" not in res.stderr


def test_unknown_plan_points_at_plans_in_both_languages(run, first):
    res = run("plan", "show", "ffffff")
    assert res.exit_code == 2 and "see `careerkit plans`" in res.stderr
    res = run("--lang", "zh", "plan", "goal", "ffffff", "1", "done")
    assert res.exit_code == 2 and "没有编号以 'ffffff' 开头的计划" in res.stderr and "plan)" not in res.stderr


def test_the_same_plan_twice_is_saved_once(run, first, tmp_path):
    assert run("plan", first).exit_code == 0
    (plan_id,) = plan_ids(run)
    run("plan", "goal", plan_id, "1", "done")
    res = run("plan", first, "--format", "html", "-o", str(tmp_path / "plan.html"))
    assert res.exit_code == 0, res.output
    assert plan_ids(run) == [plan_id]  # still one plan, with its goal done
    assert f"Same plan as {plan_id}" in res.stderr
    assert plan_id in (tmp_path / "plan.html").read_text(encoding="utf-8")
    assert run("plan", first, "--horizon", "60").exit_code == 0  # another choice: another plan
    assert len(plan_ids(run)) == 2


def test_plans_list_fits_80_columns_with_names_and_titles(run, first):
    run("plan", first)
    res = run("plans", env={"COLUMNS": "80"})
    assert res.exit_code == 0
    out = res.stdout
    assert "Senior teller" in out
    for name in ("Risk control and compliance", "Professional knowledge"):
        assert name in out  # whole, on one line each, not cut with "…"
    assert "…" not in out
    assert max(len(line) for line in out.splitlines()) <= 80
    data = payload(run("--lang", "zh", "plans", "--json").stdout)[0]
    assert data["target_role_title"] == "高级柜员" and data["focus"][0]["name"] == "风险防控与合规"
    assert data["target_role"] == "senior-teller" and data["focus"][0]["competency"] == "compliance"


@pytest.mark.parametrize("role", ["高级柜员", "Senior Teller", "SENIOR-TELLER"])
def test_target_role_by_title_or_any_case(run, first, role):
    res = run("plan", first, "--target-role", role)
    assert res.exit_code == 0, res.output
    assert "| **Target role** | Senior teller |" in res.stdout


def test_html_prints_without_half_empty_pages(run, reviewed, tmp_path):
    """Printed, a focus area may continue on the next page (its head, the goal and the levels stay
    together), the radar stands above the table at a readable size, the milestones stack, the
    signatures keep their heading, and no date breaks in the middle."""
    target = tmp_path / "plan.html"
    assert run("plan", reviewed, "--format", "html", "-o", str(target)).exit_code == 0
    html = target.read_text(encoding="utf-8")
    media = " ".join(part.split("\n}\n")[0] for part in html.split("@media print {")[1:])  # the frame's and the plan's
    assert ".area { break-inside: auto;" in media and ".keep," in media
    assert ".stand { grid-template-columns: 1fr;" in media and ".timeline { grid-template-columns: 1fr;" in media
    assert html.count('<div class="keep">') == 1 + len(re.findall(r'<article class="area">', html))
    assert '<div class="keep">\n<h2>Agreed and signed</h2>' in html
    assert re.search(r'<span class="nw">\d{4}-\d\d-\d\d →</span> <span class="nw">\d{4}-\d\d-\d\d</span>', html)
    assert "list-style: none" in html.split(".stone ul")[1].split("}")[0]  # the ☐ is the bullet
