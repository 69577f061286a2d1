"""Every HTML page careerkit writes, from realistic data on the bank model, in one language.

Li Wei (李伟), a teller, rated by herself, her manager and four more raters (a 360° review),
with a plan, seven habits tracked since the summer, and a team of eight people on the
model's career path. Made through the real commands; used by the browser tests of the
pages (tests/test_pages_browser.py) and handy to look at::

    .venv/bin/python -m tests.pages /tmp/pages zh
"""

from __future__ import annotations

import json
import re
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from careerkit.model.loader import load_file

ROOT = Path(__file__).resolve().parent.parent
BANK = load_file(ROOT / "competencies" / "bank-customer-service.yaml").model
ALL = BANK.indicator_ids()
TODAY = "2026-11-30"
PERSON = {"zh": "李伟", "en": "Li Wei"}
# name, role, a level for every indicator, then competencies rated one higher or lower
TEAM = [
    ("王芳", "Wang Fang", "senior-teller", 4, {"compliance": 1, "complaints": -1}),
    ("张强", "Zhang Qiang", "teller", 3, {"communication": 1}),
    ("刘洋", "Liu Yang", "teller", 2, {"etiquette": 1}),
    ("陈静", "Chen Jing", "trainee-teller", 2, {"knowledge": -1}),
    ("赵敏", "Zhao Min", "lobby-manager", 4, {"service-awareness": 1}),
    ("孙丽", "Sun Li", "teller", 3, {"career-development": -1, "suitability": -1}),
    ("周杰", "Zhou Jie", "senior-teller", 3, {"operations-control": 1}),
]
HABITS = [  # name (zh, en), --every, competency, days of the week it was done (0 = Monday), since
    ("营业前核对现金与重要空白凭证", "Check cash and key blank forms before opening", "weekdays", "compliance",
     {0, 1, 2, 3, 4}, "2026-06-01"),
    ("离开柜台时锁屏并收好印章", "Lock the screen and the seals when leaving the counter", "daily", "compliance",
     {0, 1, 2, 3, 5, 6}, "2026-06-01"),
    ("每天学习一款新产品的要点", "Learn the key points of one product a day", "weekdays", "knowledge",
     {0, 2, 4}, "2026-07-15"),
    ("每周整理一次客户意见并反馈", "Sort the week's customer feedback and pass it on", "weekly", "complaints",
     {4}, "2026-08-03"),
    ("下班前写三行工作复盘", "Write a three-line review before leaving", "3/week", "career-development",
     {1, 3}, "2026-09-01"),
    ("微笑问候每一位客户", "Greet every customer with a smile", "daily", "etiquette",
     {0, 1, 2, 3, 4, 5}, "2026-11-29"),
    ("每月读一本专业书", "Read one professional book a month", "monthly", None, set(), "2026-10-01"),
]


def ratings(level: int, changes: dict[str, int]) -> dict[str, int]:
    out = {}
    for iid in ALL:
        shift = changes.get(iid.split(".")[0], 0)
        out[iid] = max(1, min(5, level + shift))
    return out


def _ok(run, *args: str) -> str:
    res = run(*args)
    assert res.exit_code == 0, (args, res.output)
    return str(res.stdout)


def _write(folder: Path, name: str, doc: dict[str, Any]) -> Path:
    path = folder / name
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return path


def build(run, folder: Path, lang: str) -> dict[str, Path]:
    """Every HTML page, name → file (CAREERKIT_TODAY must be :data:`TODAY`, CAREERKIT_HOME a fresh folder)."""
    import os

    folder.mkdir(parents=True, exist_ok=True)
    zh = lang == "zh"
    person = PERSON[lang]
    (Path(os.environ["CAREERKIT_HOME"])).mkdir(parents=True, exist_ok=True)
    (Path(os.environ["CAREERKIT_HOME"]) / "config.toml").write_text(
        f'person = "{person}"\nmodel = "bank-customer-service"\nrole = "teller"\nlang = "{lang}"\n', encoding="utf-8")
    L = ("--lang", lang)
    mine = ratings(3, {"compliance": -1, "knowledge": -1, "etiquette": 1, "career-development": -1})
    record = json.loads(_ok(run, *L, "assess", "--answers", str(_write(folder, "self.json", {
        "model": "bank-customer-service", "person": person, "role": "teller", "date": "2026-09-01",
        "ratings": mine, "notes": {"knowledge.products": "讲解了三次新的存款产品" if zh else
                                   "Explained the new deposit product to three customers"}})), "--json"))
    assessment = record["id"]
    # the 360°: a manager, three peers, a customer
    raters = ["王经理:manager", "张强:peer", "刘洋:peer", "陈静:peer", "赵敏:customer"] if zh else \
        ["Manager Wang:manager", "Zhang Qiang:peer", "Liu Yang:peer", "Chen Jing:peer", "Zhao Min:customer"]
    out = folder / "packets"
    args = [*L, "review", "request", assessment, "-o", str(out), "--json"]
    for spec in raters:
        args += ["--rater", spec]
    made = json.loads(_ok(run, *args))
    for n, rater in enumerate(made["raters"]):
        answers = out / rater["files"][0]
        text = answers.read_text(encoding="utf-8")
        others = ratings(3, {"communication": 1, "etiquette": -1 if n % 2 else 0, "compliance": -1 + n % 2})
        for iid, value in others.items():
            text = re.sub(rf"^(  {re.escape(iid)}): null$", rf"\1: {value}", text, flags=re.M)
        comment = ("办理业务很细心，但高峰时段要更主动分流客户。" if zh else
                   "Careful at the counter; at peak hours she could guide customers to other channels sooner.")
        text = text.replace("comment: null", f"comment: {json.dumps(comment, ensure_ascii=False)}")
        answers.write_text(text, encoding="utf-8")
        _ok(run, *L, "review", "collect", str(answers))
    pages = {"rater-packet": out / made["raters"][1]["files"][1]}
    pages["review-report"] = folder / "review-report.html"
    _ok(run, *L, "review", "report", assessment, "--format", "html", "-o", str(pages["review-report"]))
    # the plan, on the others' pooled ratings
    pages["plan"] = folder / "plan.html"
    _ok(run, *L, "plan", assessment, "--target-role", "senior-teller", "--format", "html", "-o", str(pages["plan"]))
    # habits since the summer
    today = date.fromisoformat(TODAY)
    for zh_name, en_name, every, competency, weekdays, since in HABITS:
        name = zh_name if zh else en_name
        extra = ["--competency", competency] if competency else []
        _ok(run, *L, "habits", "add", name, "--every", every, "--since", since, "--model", "bank-customer-service",
            *extra)
        day = max(date.fromisoformat(since), today - timedelta(days=59))
        while day <= today:
            if day.weekday() in weekdays and day.day % 9 != 0:
                _ok(run, *L, "habits", "done", name, "--date", day.isoformat())
            day += timedelta(days=1)
    pages["habits-report"] = folder / "habits-report.html"
    _ok(run, *L, "habits", "report", "--format", "html", "-o", str(pages["habits-report"]))
    pages["habits-sheet"] = folder / "habits-sheet.html"
    _ok(run, *L, "habits", "sheet", "--month", "2026-12", "--format", "html", "-o", str(pages["habits-sheet"]))
    # the team: everyone's bundle, imported into the lead's store
    bundles = folder / "bundles"
    bundles.mkdir(exist_ok=True)
    _ok(run, "export", "--person", person, "-o", str(bundles / "me.json"), "--force")
    for k, (zh_name, en_name, role, level, changes) in enumerate(TEAM):
        name = zh_name if zh else en_name
        _ok(run, *L, "assess", "--answers", str(_write(folder, f"team-{k}.json", {
            "model": "bank-customer-service", "person": name, "role": role, "date": f"2026-10-{k + 10}",
            "ratings": ratings(level, changes)})))
        _ok(run, "export", "--person", name, "-o", str(bundles / f"{k}.json"), "--force")
    _ok(run, "team", "import", str(bundles))
    pages["team-summary"] = folder / "team-summary.html"
    _ok(run, *L, "team", "summary", "--format", "html", "-o", str(pages["team-summary"]))
    return pages


if __name__ == "__main__":  # python -m tests.pages OUT_DIR [en|zh]
    import os
    import sys
    import tempfile

    from tests.conftest import Runner

    target = Path(sys.argv[1])
    language = sys.argv[2] if len(sys.argv) > 2 else "zh"
    os.environ["CAREERKIT_HOME"] = tempfile.mkdtemp(prefix="careerkit-pages-")
    os.environ["CAREERKIT_TODAY"] = TODAY

    for page, path in build(Runner(), target / language, language).items():
        print(page, path)
