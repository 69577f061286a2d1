"""`plan --basis others|manager|self` on multi-rater reviews, hand-computed, through the CLI.

The *others* basis is the 360° report's pooled figures: per indicator the mean of every rater
but self, rounded to 2 decimals, and only where the report shows it (a withheld item is unrated
in the plan too); per competency the report's pooled mean.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from careerkit.model.loader import load_file
from tests.conftest import payload

ROOT = Path(__file__).resolve().parent.parent
BANK = load_file(ROOT / "competencies" / "bank-customer-service.yaml").model
ALL = BANK.indicator_ids()
RATING_LINE = re.compile(r"^  ([a-z0-9-]+\.[a-z0-9-]+): null$", re.M)


def store_bytes(home: Path) -> dict[str, bytes]:
    return {str(p): p.read_bytes() for p in sorted(home.rglob("*")) if p.is_file() and p.name != "careerkit.lock"}


def assess(run, tmp_path: Path, date: str, name: str = "self.json", **levels: int) -> str:
    ratings = {iid: levels.get(iid.partition(".")[0], 4) for iid in ALL}
    doc = {"model": "bank-customer-service", "person": "李伟", "role": "teller", "date": date, "ratings": ratings}
    (tmp_path / name).write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    res = run("assess", "--answers", str(tmp_path / name), "--json")
    assert res.exit_code == 0, res.output
    return payload(res.stdout)["id"]


def rate(run, tmp_path: Path, record: str, raters: dict[str, tuple[str, dict[str, int | None]]],
         out: str = "out") -> None:
    """Request ``raters`` (name → (group, {indicator: value})), fill each packet (4 where not given) and collect."""
    args = ["review", "request", record, "-o", str(tmp_path / out)]
    for name, (group, _values) in raters.items():
        args += ["--rater", f"{name}:{group}"]
    assert run(*args).exit_code == 0
    files = []
    for name, (_group, values) in raters.items():
        path = tmp_path / out / f"{name}.answers.yaml"

        def value(m: re.Match[str], values: dict[str, int | None] = values) -> str:
            given = values.get(m.group(1), 4)
            return f"  {m.group(1)}: {'null' if given is None else given}"

        path.write_text(RATING_LINE.sub(value, path.read_text(encoding="utf-8")), encoding="utf-8")
        files.append(str(path))
    res = run("review", "collect", *files)
    assert res.exit_code == 0, res.output


def knowledge(products: int | None, procedures: int | None, rules: int | None) -> dict[str, int | None]:
    return {"knowledge.products": products, "knowledge.procedures": procedures,
            "knowledge.explaining-rules": rules}


def plan_json(run, *args: str) -> dict:
    res = run("plan", *args, "--target-role", "teller", "--json")
    assert res.exit_code == 0, res.output
    return payload(res.stdout)


def test_others_basis_is_the_reports_pooled_figures_and_never_a_withheld_one(run, tmp_path):
    record = assess(run, tmp_path, "2026-09-01")
    # knowledge (products, procedures, explaining-rules); 陈静 skips products, so only two peers rate it
    rate(run, tmp_path, record, {"王芳": ("manager", knowledge(3, 3, 3)), "张强": ("peer", knowledge(1, 2, 1)),
                                 "刘洋": ("peer", knowledge(2, 2, 2)), "陈静": ("peer", knowledge(None, 2, 2))})
    report = payload(run("review", "report", record, "--json").stdout)
    assert report["others"]["raters"] == 4
    plan = plan_json(run)  # the default: others, since the report shows them
    assert plan["basis"] == "others"
    # raters' knowledge scores 3, 4/3, 2, 2 → (3 + 1.333 + 2 + 2) / 4 = 2.0833 → 2.08 (the report's figure);
    # every other competency 4 by everyone: met, so knowledge is the one goal, 2.08 → 3
    assert report["others"]["competencies"]["knowledge"]["mean"] == 2.08
    (goal,) = plan["focus"]
    assert (goal["competency"], goal["current"], goal["target"], goal["gap"]) == ("knowledge", 2.08, 3, 0.92)
    # per indicator: procedures (3+2+2+2)/4 = 2.25, explaining-rules (3+1+2+2)/4 = 2.0; products has two
    # peers and the manager: the report withholds it (the manager's 3 and others' mean would give the peers'),
    # and the plan shows no figure for it either
    assert report["others"]["indicators"]["knowledge.products"]["mean"] is None
    assert {e["indicator"]: e["rated"] for e in goal["evidence"]} == {
        "knowledge.products": None, "knowledge.procedures": 2.25, "knowledge.explaining-rules": 2.0}
    row = next(r for r in plan["snapshot"] if r["competency"] == "knowledge")
    assert (row["self"], row["mentor"], row["score"], row["met"]) == (4.0, 3.0, 2.08, False)
    assert plan["readiness"] == 90.7  # teller's targets weigh 12.9; all met but knowledge (1.2): 11.7 / 12.9
    text = run("plan", record, "--target-role", "teller", "--format", "txt").stdout
    assert "Based on: others' ratings (every rater but self, pooled; a group shown with at least 3 raters)" in text
    products = " ".join(BANK.text(BANK.competency("knowledge").indicators[0].text, "en").split())
    line = next(x for x in text.splitlines() if products in " ".join(x.split()))
    assert not re.search(r"\d\.\d\d", line)  # the evidence line carries no figure for it
    html = run("plan", record, "--target-role", "teller", "--format", "html").stdout
    assert "every rater but self, pooled" in html and 'class="series others"' in html
    assert "every rater but self, pooled" in run("plan", "show", plan["id"], "--format", "md").stdout
    for name in ("张强", "刘洋", "陈静"):
        assert name not in text + html and name not in json.dumps(plan, ensure_ascii=False)


def test_others_basis_in_chinese_with_progress_from_a_later_report(run, tmp_path):
    record = assess(run, tmp_path, "2026-09-01")
    # three peers, no manager: knowledge 2, 2, 3 everywhere → 7/3 = 2.333 → 2.33
    rate(run, tmp_path, record, {"张强": ("peer", knowledge(2, 2, 2)), "刘洋": ("peer", knowledge(2, 2, 2)),
                                 "陈静": ("peer", knowledge(3, 3, 3))})
    plan = plan_json(run)
    assert plan["basis"] == "others" and plan["mentor"] is None
    assert [(g["competency"], g["current"]) for g in plan["focus"]] == [("knowledge", 2.33)]
    zh = run("--lang", "zh", "plan", "show", plan["id"], "--format", "txt").stdout
    assert "依据：他评汇总（除本人外全部评价人；分组至少有 3 位评价人才单独显示）" in zh and "2.33" in zh
    # a later self-assessment with no 360° report: no progress on another basis, and it says so
    later = assess(run, tmp_path, "2026-11-01", name="later.json", knowledge=4)
    res = run("plan", "show", plan["id"], env={"COLUMNS": "300"})
    assert "the 360° report of the later assessment" in res.stderr and "shows no pooled others figures" in res.stderr
    assert "→ 4.00" not in res.stdout and "**Progress**" not in res.stdout
    zh = run("--lang", "zh", "plan", "show", plan["id"])
    assert "尚未显示他评汇总" in zh.stderr
    # its report: the peers now say 3, 3, 4 → 3.33; progress 2.33 → 3.33, the aim 3 reached
    rate(run, tmp_path, later, {"张强": ("peer", knowledge(3, 3, 3)), "刘洋": ("peer", knowledge(3, 3, 3)),
                                "陈静": ("peer", knowledge(4, 4, 4))}, out="out2")
    shown = payload(run("plan", "show", plan["id"], "--json").stdout)
    (area,) = shown["progress"]["areas"]
    assert (area["then"], area["now"], area["delta"], area["percent"], area["reached"]) == (2.33, 3.33, 1.0, 100, True)
    assert shown["progress"]["basis"] == "others"
    out = run("plan", "show", plan["id"], "--format", "txt").stdout
    assert "2.33 -> 3.33" in out
    # a still later self-assessment without a report: progress stays on the latest report's others figures
    assess(run, tmp_path, "2026-12-01", name="latest.json", knowledge=5)
    shown = payload(run("plan", "show", plan["id"], "--json").stdout)
    assert shown["progress"]["assessment"] == later and shown["progress"]["areas"][0]["now"] == 3.33
    zh = run("--lang", "zh", "plan", "show", plan["id"], "--format", "txt").stdout
    assert "他评汇总" in zh and "2.33 -> 3.33" in zh


def test_manager_basis_from_a_request_and_mentor_as_its_alias(run, tmp_path, home):
    record = assess(run, tmp_path, "2026-09-01")
    # a manager and two peers: others (3 raters) would give the two peers' figure back → withheld
    rate(run, tmp_path, record, {"王芳": ("manager", knowledge(2, 2, 3)), "张强": ("peer", {}),
                                 "刘洋": ("peer", {})})
    assert payload(run("review", "report", record, "--json").stdout)["others"] is None
    plan = plan_json(run)  # default: no others shown, so the manager
    assert plan["basis"] == "manager" and plan["mentor"] == "王芳"
    # the manager's knowledge (2 + 2 + 3) / 3 = 2.333 → 2.33
    assert [(g["competency"], g["current"]) for g in plan["focus"]] == [("knowledge", 2.33)]
    assert "Based on: mentor's ratings" in run("plan", "show", plan["id"], "--format", "txt").stdout
    again = plan_json(run, "--basis", "mentor", "--horizon", "60")
    assert again["basis"] == "manager" and again["focus"][0]["current"] == 2.33
    mine = plan_json(run, "--basis", "self")
    # self 4 everywhere: every target met, so stretch goals from 4.00
    assert mine["basis"] == "self" and {(g["mode"], g["current"]) for g in mine["focus"]} == {("stretch", 4.0)}
    # bad input: others withheld → a clear message, exit 2, nothing saved
    before = store_bytes(home)
    for lang, message in (("en", "has no pooled others figures to plan on"), ("zh", "没有可作为依据的他评汇总")):
        res = run("--lang", lang, "plan", record, "--basis", "others")
        assert res.exit_code == 2, res.output
        assert message in res.stderr and "Traceback" not in res.output
        assert "--basis manager" in res.stderr
    assert store_bytes(home) == before


def test_others_without_any_rater_is_refused(run, tmp_path, home):
    record = assess(run, tmp_path, "2026-09-01")
    before = store_bytes(home)
    res = run("plan", record, "--basis", "others")
    assert res.exit_code == 2 and f"assessment {record} has no pooled others figures" in res.stderr
    assert store_bytes(home) == before
    assert plan_json(run)["basis"] == "self"  # the default falls back to self
