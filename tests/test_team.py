"""`careerkit team import|list|remove|summary` over real bundles, stores, exports and a real browser."""

from __future__ import annotations

import csv
import io
import json
import os
import random
import re
from pathlib import Path
from typing import Any

import pytest

from careerkit.core import bundle
from tests.browser import browse, chromium, decode_png, pixels
from tests.conftest import no_traceback, payload
from tests.helpers import TINY_DIR, record, store_bytes

TINY = ("--models-dir", str(TINY_DIR))
PEOPLE = {  # tiny model: alpha (weight 2: one, two), beta (one); junior targets 2/2, senior 3/3
    "Ann": {"alpha.one": 3, "alpha.two": 3, "beta.one": 3},
    "Bo": {"alpha.one": 1, "alpha.two": 2, "beta.one": 3},
    "Cy": {"alpha.one": 2, "alpha.two": 1, "beta.one": 1},
    "李伟": {"alpha.one": 1, "alpha.two": 1, "beta.one": 2},
}


def export_to(run, folder: Path, person: str, *extra: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{bundle.safe_file_stem(person)}.json"
    res = run(*TINY, "export", "--person", person, "-o", str(target), "--force", *extra)
    assert res.exit_code == 0, res.output
    return target


@pytest.fixture
def bundles(run, tmp_path: Path) -> Path:
    """A folder with the bundles of four people (one assessment each, as juniors)."""
    for person, ratings in PEOPLE.items():
        record(run, tmp_path / "answers", model="tiny", person=person, role="junior", date="2026-03-01",
               ratings=ratings)
        export_to(run, tmp_path / "bundles", person)
    return tmp_path / "bundles"


def team_files(home: Path) -> dict[str, bytes]:
    return store_bytes(home / "data" / "team")


def summary_json(run, *extra: str) -> dict[str, Any]:
    res = run("team", "summary", "--format", "json", *extra)
    assert res.exit_code == 0, res.output
    return payload(res.stdout)


def many_bundles(folder: Path, template: dict[str, Any], people: int, per_person: int, seed: int = 3) -> None:
    """Write bundles quickly with the real bundle functions, from one exported bundle as a template."""
    rng = random.Random(seed)
    base = template["assessments"][0]
    indicators = list(base["ratings"])
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(people):
        person = f"Person {i:03d}"
        records = [dict(base, id=f"p{i:03d}r{k:03d}", person=person,
                        taken_at=f"2025-{1 + k % 12:02d}-{1 + i % 28:02d}T09:00:00+08:00",
                        ratings={iid: rng.choice([1, 2, 3, None]) for iid in indicators})
                   for k in range(per_person)]
        content = bundle.build(person, {"assessments": records}, template["models"],
                               created_at="2026-12-01T10:00:00+08:00", generator="test")
        (folder / f"p{i:03d}.json").write_bytes(bundle.dumps(content))


# ----------------------------------------------------------------------------- import


def test_importing_twice_changes_nothing(run, bundles, home):
    first = run("team", "import", str(bundles))
    assert first.exit_code == 0, first.output
    assert "4 bundle(s) imported (4 new record(s), 0 updated), 0 unchanged, 0 refused; 4 people" in first.stdout
    before = team_files(home)
    assert before and all(name.endswith(".json") for name in before)
    second = run("team", "import", str(bundles), *sorted(str(p) for p in bundles.iterdir()))
    assert second.exit_code == 0
    assert "0 bundle(s) imported (0 new record(s), 0 updated), 8 unchanged, 0 refused" in second.stdout
    assert team_files(home) == before  # not one byte, not even a backup rotated


def test_a_newer_bundle_adds_only_what_is_new(run, bundles, home, tmp_path):
    assert run("team", "import", str(bundles)).exit_code == 0
    record(run, tmp_path / "answers", model="tiny", person="Bo", role="junior", date="2026-06-01",
           ratings={"alpha.one": 3, "alpha.two": 3, "beta.one": 3})
    newer = export_to(run, tmp_path / "newer", "Bo")
    res = run("team", "import", str(newer))
    assert "1 bundle(s) imported (1 new record(s), 0 updated), 0 unchanged" in res.stdout
    listed = {p["name"]: p for p in payload(run("team", "list", "--json").stdout)["people"]}
    assert listed["Bo"]["counts"]["assessments"] == 2 and listed["Bo"]["latest"]["taken_at"][:10] == "2026-06-01"
    assert listed["Ann"]["counts"]["assessments"] == 1
    people = {p["name"]: p for p in summary_json(run)["people"]}
    assert people["Bo"]["scores"]["alpha"]["score"] == 3.0  # the latest assessment counts
    old_again = run("team", "import", str(bundles / "Bo.json"))
    assert "1 unchanged" in old_again.stdout


def test_tampered_truncated_and_foreign_files_are_refused_by_name_and_the_rest_goes_on(run, bundles, home, tmp_path):
    raw = (bundles / "Bo.json").read_bytes()
    (bundles / "Bo.json").write_bytes(raw.replace(b'"alpha.one":1', b'"alpha.one":3', 1))  # checksum mismatch
    (bundles / "Cy.json").write_bytes((bundles / "Cy.json").read_bytes()[:400])  # truncated copy
    (bundles / "notes.json").write_text('{"todo": ["buy milk"]}', encoding="utf-8")  # not a bundle
    res = run("team", "import", str(bundles), str(tmp_path / "missing.json"))
    assert res.exit_code == 0, res.output
    err = res.stderr
    assert re.search(r"refused .*Bo\.json: checksum mismatch", err)
    assert re.search(r"refused .*Cy\.json: the file ends early", err)
    assert re.search(r"refused .*notes\.json: not a careerkit bundle", err)
    assert re.search(r"refused .*missing\.json: no such file", err)
    assert "2 bundle(s) imported (2 new record(s), 0 updated), 0 unchanged, 4 refused; 2 people" in res.stdout
    assert sorted(p["name"] for p in payload(run("team", "list", "--json").stdout)["people"]) == ["Ann", "李伟"]
    assert no_traceback(res.output)


def test_when_every_file_is_refused_the_exit_code_is_2_and_nothing_is_written(run, bundles, home, tmp_path):
    assert run("team", "import", str(bundles / "Ann.json")).exit_code == 0
    before = team_files(home)
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "a.json").write_bytes(b"")
    (bad / "b.json").write_bytes((bundles / "Bo.json").read_bytes()[:-30])
    res = run("team", "import", str(bad), "--team", "default")
    assert res.exit_code == 2 and "every file was refused (2)" in res.stderr
    assert "a.json: the file is empty" in res.stderr and no_traceback(res.output)
    assert team_files(home) == before
    empty = tmp_path / "empty"
    empty.mkdir()
    assert run("team", "import", str(empty), "--team", "other").exit_code == 2
    assert run("team", "list", "--team", "other").exit_code == 2  # no team was created


def test_teams_are_separate_and_list_and_remove(run, bundles, home):
    assert run("team", "import", str(bundles / "Ann.json"), "--team", "北京分行").exit_code == 0
    assert run("team", "import", str(bundles), "--team", "default").exit_code == 0
    branch = payload(run("team", "list", "--team", "北京分行", "--json").stdout)
    assert [p["name"] for p in branch["people"]] == ["Ann"]
    table = run("team", "list")
    assert table.exit_code == 0 and "李伟" in table.stdout and "tiny 1.0" in table.stdout
    asked = run("team", "remove", "Cy", input="n\n")
    assert asked.exit_code == 0 and "Nothing removed" in asked.stderr
    assert run("team", "remove", "Cy", "--yes").exit_code == 0
    assert [p["name"] for p in payload(run("team", "list", "--json").stdout)["people"]] == ["Ann", "Bo", "李伟"]
    assert not any(b"Cy" in data for data in team_files(home).values())  # records and backups gone
    unknown = run("team", "remove", "Zed", "--yes")
    assert unknown.exit_code == 2 and "'Zed' is not in team 'default'" in unknown.stderr
    assert run("team", "import", str(bundles / "Cy.json")).exit_code == 0  # can come back
    assert run("team", "summary", "--team", "nowhere").exit_code == 2


# ----------------------------------------------------------------------------- summary


def test_summary_figures_readiness_bench_and_priorities(run, bundles):
    assert run("team", "import", str(bundles)).exit_code == 0
    data = summary_json(run)
    assert data["model"]["id"] == "tiny" and data["people_count"] == 4 and not data["other_versions"]
    stats = {s["competency"]: s for s in data["stats"]}
    # alpha scores: Ann 3, Bo 1.5, Cy 1.5, 李伟 1 → mean 1.75, median 1.5; junior target 2
    assert stats["alpha"] == {**stats["alpha"], "n": 4, "mean": 1.75, "median": 1.5, "min": 1.0, "max": 3.0,
                              "targeted": 4, "below": 3, "mean_gap": 0.5}
    # beta: 3, 3, 1, 2 → 1 below target 2
    assert (stats["beta"]["mean"], stats["beta"]["below"]) == (2.25, 1)
    people = {p["name"]: p for p in data["people"]}
    assert people["Ann"]["readiness"] == 100.0 and people["Ann"]["next_roles"] == {"senior": 100.0}
    assert people["Bo"]["readiness"] == people["李伟"]["readiness"] == 33.33 and people["Cy"]["readiness"] == 0.0
    senior = next(b for b in data["bench"] if b["role"] == "senior")
    assert [e["name"] for e in senior["ready"]] == ["Ann"] and senior["candidates"] == 4
    assert [p["competency"] for p in data["priorities"]] == ["alpha"]  # 3 of 4 below target
    assert data["priorities"][0]["education"] == ["Read about alpha"]
    assert data["priorities"][0]["social"] == ["Ask a peer about alpha"]
    table = run("team", "summary")
    assert table.exit_code == 0 and "Alpha" in table.stdout and "1.5▼" in table.stdout
    assert "Read about alpha" in table.stdout and "\x1b[" not in table.stdout
    juniors = summary_json(run, "--role", "senior")
    assert juniors["people"] == [] and juniors["role_filter"] == "senior"
    bad_role = run("team", "summary", "--role", "astronaut")
    assert bad_role.exit_code == 2 and "junior, senior" in bad_role.stderr


def test_scores_match_careerkit_scoring(run, bundles):
    """The team's pydantic-free scoring gives the numbers of careerkit.core.scoring."""
    from careerkit.core import scoring, team_model
    from careerkit.model.loader import canonical_json, load_file

    root = Path(__file__).resolve().parent.parent
    loaded = load_file(root / "competencies" / "bank-customer-service.yaml")
    view = team_model.read(json.loads(bundle.canonical(json.loads(canonical_json(loaded.model)))))
    rng = random.Random(11)
    for _ in range(50):
        ratings = {iid: rng.choice([1, 2, 3, 4, 5, None, None]) for iid in loaded.model.indicator_ids()}
        expected = scoring.score(loaded.model, ratings, "teller")
        mine = scoring.competency_scores(view, ratings)
        assert mine == scoring.competency_scores(loaded.model, ratings)
        assert scoring.overall(view, mine) == expected.overall
        assert scoring.readiness(view, view.role("teller"), mine, ratings) == expected.readiness


def test_people_on_another_model_version_are_listed_apart(run, bundles, tmp_path):
    newer = tmp_path / "models-1.1"
    newer.mkdir()
    text = (TINY_DIR / "tiny.yaml").read_text(encoding="utf-8")
    (newer / "tiny.yaml").write_text(text.replace('version: "1.0"', 'version: "1.1"'), encoding="utf-8")
    answers = tmp_path / "dee.yaml"
    answers.write_text("model: tiny\nperson: Dee\nrole: junior\nratings: {alpha.one: 3, alpha.two: 3, beta.one: 3}\n",
                       encoding="utf-8")
    assert run("--models-dir", str(newer), "assess", "--allow-partial", "--answers", str(answers)).exit_code == 0
    res = run("--models-dir", str(newer), "export", "--person", "Dee", "-o", str(bundles / "Dee.json"))
    assert res.exit_code == 0, res.output
    assert run("team", "import", str(bundles)).exit_code == 0
    data = summary_json(run)
    assert data["model"]["version"] == "1.0" and data["people_count"] == 4
    assert [(v["version"], [p["name"] for p in v["people"]]) for v in data["other_versions"]] == [("1.1", ["Dee"])]
    assert {s["competency"]: s["n"] for s in data["stats"]} == {"alpha": 4, "beta": 4}  # Dee not mixed in
    assert data["notes"][0]["code"] == "other_versions"
    table = run("team", "summary")
    assert "another version of the model" in table.stdout and "Dee" in table.stdout
    assert "其他版本" in run("--lang", "zh", "team", "summary").stdout
    only = summary_json(run, "--model", "tiny@1.1")
    assert [p["name"] for p in only["people"]] == ["Dee"] and only["other_versions"][0]["version"] == "1.0"
    assert run("team", "summary", "--model", "tiny@9.9").exit_code == 2
    assert run("team", "summary", "--model", "other").exit_code == 2


def test_anonymised_pseudonyms_are_stable_and_small_groups_are_withheld(run, bundles, tmp_path):
    assert run("team", "import", str(bundles)).exit_code == 0
    first = summary_json(run, "--anonymize")
    names = [p["name"] for p in first["people"]]
    assert all(re.fullmatch(r"P-[A-Z2-7]{8}", n) for n in names) and len(set(names)) == 4
    text = json.dumps(first, ensure_ascii=False)
    assert not any(person in text for person in PEOPLE) and first["people"][0]["assessment"] is None
    assert summary_json(run, "--anonymize")["people"] == first["people"]
    record(run, tmp_path / "answers", model="tiny", person="Eve", role="junior", date="2026-03-02",
           ratings={"alpha.one": 2})
    assert run("team", "import", str(export_to(run, tmp_path / "more", "Eve"))).exit_code == 0
    after = {p["name"] for p in summary_json(run, "--anonymize")["people"]}
    assert set(names) < after and len(after) == 5  # the same four pseudonyms, one more
    assert first["stats"][0]["mean"] is not None
    small = summary_json(run, "--anonymize", "--min-group", "6")
    assert small["people"] == [] and "rows_withheld" in {n["code"] for n in small["notes"]}
    assert all(s["mean"] is None and "mean" in s["suppressed"] for s in small["stats"])
    assert small["team_overall"]["mean"] is None
    assert not any(person in json.dumps(small, ensure_ascii=False) for person in PEOPLE)
    named = summary_json(run)  # without --anonymize nothing is withheld
    assert named["stats"][0]["mean"] is not None and named["min_group"] is None
    # --min-group alone would let a user share names believing small groups were withheld
    alone = run("team", "summary", "--min-group", "6", "--format", "csv")
    assert alone.exit_code == 2 and "--min-group applies only with --anonymize" in alone.stderr
    assert alone.stdout == ""


# ----------------------------------------------------------------------------- exports


def write(run, fmt: str, target: Path, *extra: str) -> bytes:
    res = run("team", "summary", "--format", fmt, "-o", str(target), *extra)
    assert res.exit_code == 0, res.output
    return target.read_bytes()


def test_csv_neutralises_formulas_keeps_numbers_and_opens_with_a_bom(run, tmp_path):
    hostile = ["=1+1", "+cmd", "-2+3", "@SUM(A1:A9)", "李伟"]
    for person in hostile:
        record(run, tmp_path / "answers", model="tiny", person=person, role="junior", ratings=PEOPLE["Bo"])
        assert run("team", "import", str(export_to(run, tmp_path / "b", person))).exit_code == 0
    data = write(run, "csv", tmp_path / "team.csv")
    assert data.startswith(b"\xef\xbb\xbf") and b"\r\n" in data and "李伟".encode() in data
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    names = {r[1] for r in rows[1:] if r[0] == "person"}
    assert names == {"'=1+1", "'+cmd", "'-2+3", "'@SUM(A1:A9)", "李伟"}
    bo_row = next(r for r in rows if r[1] == "李伟")
    assert bo_row[4:] == ["2.0", "33.33", "1.5", "3.0"]  # overall, readiness, alpha, beta
    assert b",2.0,33.33,1.5,3.0\r\n" in data  # numbers unquoted, never prefixed
    unforced = run("team", "summary", "--format", "csv", "-o", str(tmp_path / "team.csv"))
    assert unforced.exit_code == 2 and "--force" in unforced.stderr


def test_csv_cells_tab_and_carriage_return_and_negative_numbers():
    from careerkit.render.exporters import csv as csv_export

    assert [csv_export.cell(v) for v in ("\tx", "\rx", "=1+1", "-2+3", "plain", -1.5, 0, None, True)] == [
        "'\tx", "'\rx", "'=1+1", "'-2+3", "plain", -1.5, 0, "", "true"]
    summary = {
        "competencies": [{"id": "c", "name": "=HYPERLINK(\"x\")", "weight": 1.0}],
        "people": [{"name": "\rCR", "role": "\tTAB", "taken_at": "2026-01-01", "overall": -1.5, "readiness": None,
                    "scores": {"c": {"score": -1.5}}}],
        "stats": [{"competency": "c", "mean": -1.5, "median": None, "min": None, "max": None, "targeted": 0,
                   "below": 0}],
        "team_overall": {"mean": -1.5},
    }
    text = csv_export.render(summary).decode("utf-8-sig")
    lines = text.split("\r\n")
    assert lines[0].endswith(',"\'=HYPERLINK(""x"")"')  # quoted per RFC 4180, neutralised
    assert lines[1] == "person,\"'\rCR\",'\tTAB,2026-01-01,-1.5,,-1.5"
    assert lines[2] == "mean,,,,-1.5,,-1.5"


def test_jsonl_rows_load_in_duckdb_with_careerkits_own_averages(run, tmp_path):
    duckdb = pytest.importorskip("duckdb", reason="duckdb is a test dependency")
    template = tmp_path / "template"
    record(run, tmp_path / "answers", model="tiny", person="李伟", role="junior", ratings=PEOPLE["李伟"])
    content = json.loads(export_to(run, template, "李伟").read_bytes())
    many_bundles(tmp_path / "many", content, people=24, per_person=3)
    res = run("team", "import", str(tmp_path / "many"), str(template))
    assert "25 bundle(s) imported (73 new record(s)" in res.stdout
    ours = {s["competency"]: s["mean"] for s in summary_json(run)["stats"]}
    data = write(run, "jsonl", tmp_path / "team.jsonl")
    lines = data.decode("utf-8").splitlines()
    assert len(lines) == 25 * 2 and "李伟" in data.decode("utf-8") and "NaN" not in data.decode("utf-8")
    from careerkit.core.team import JSONL_COLUMNS

    assert all(list(json.loads(line)) == list(JSONL_COLUMNS) for line in lines)
    db = duckdb.connect()
    got = dict(db.execute("SELECT competency, avg(score) FROM read_json_auto(?) GROUP BY competency",
                          [str(tmp_path / "team.jsonl")]).fetchall())
    assert set(got) == set(ours)
    for competency, mean in ours.items():
        assert abs(got[competency] - mean) < 0.01, (competency, got[competency], mean)
    types = dict(db.execute("SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM read_json_auto(?))",
                            [str(tmp_path / "team.jsonl")]).fetchall())
    assert types["score"] == "DOUBLE" and types["met"] == "BOOLEAN" and types["person"] == "VARCHAR"


def test_markdown_and_html_escape_names_and_carry_chinese(run, tmp_path):
    for person in ("李伟", "<b>Bold</b> | pipe", "Ann"):
        record(run, tmp_path / "answers", model="tiny", person=person, role="junior", ratings=PEOPLE["Cy"])
        assert run("team", "import", str(export_to(run, tmp_path / "b", person))).exit_code == 0
    md = write(run, "md", tmp_path / "team.md").decode("utf-8")
    assert "李伟" in md and r"\<b\>Bold\</b\> \| pipe" in md and "| **mean** |" in md
    header = md.split("\n\n")[1]  # the model line under the title: its name and version, no raw digest
    assert "tiny" in header and not re.search(r"[0-9a-f]{12}", header), header
    html = write(run, "html", tmp_path / "team.html").decode("utf-8")
    assert "李伟" in html and "&lt;b&gt;Bold&lt;/b&gt; | pipe" in html and "<b>Bold" not in html
    assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", html) and "<script" not in html
    assert '<meta charset="utf-8">' in html and 'class="swatch level"' in html
    named = run("team", "summary", "--format", "html", "-o", str(tmp_path))
    assert named.exit_code == 0 and (tmp_path / "default-summary.html").is_file()


# ----------------------------------------------------------------------------- the browser


@pytest.mark.browser
def test_html_summary_draws_in_headless_chromium(run, bundles, tmp_path):
    chromium()
    assert run("team", "import", str(bundles)).exit_code == 0
    page = tmp_path / "team.html"
    write(run, "html", page)
    shot = tmp_path / "team.png"
    done = browse(tmp_path, f"--screenshot={shot}", "--window-size=900,700", page.as_uri())
    assert shot.is_file(), done.stderr.decode(errors="replace")[-2000:]
    width, height, channels, rows = decode_png(shot.read_bytes())
    assert (width, height) == (900, 700)
    colours = {colour for x, _, colour in pixels(rows, channels) if x % 7 == 0}
    # one hue, light for low levels and dark for high ones (not red to green: see exporters/html.py)
    light = sum(1 for c in colours if 200 < c[1] < 240 and c[0] < c[1] and abs(c[1] - c[2]) < 25)
    dark = sum(1 for c in colours if c[0] < 60 and 80 < c[1] < 150 and 90 < c[2] < 160)
    assert len(colours) > 50, "the page looks blank"
    assert light and dark, "the heatmap's colour scale is not drawn"
    dom = browse(tmp_path, "--dump-dom", page.as_uri())
    text = dom.stdout.decode("utf-8")
    assert text.count('<td class="heat') >= 8 and "李伟" in text
    pdf = tmp_path / "team.pdf"
    browse(tmp_path, "--no-pdf-header-footer", f"--print-to-pdf={pdf}", page.as_uri())
    assert pdf.read_bytes().startswith(b"%PDF")


def test_a_terminal_sees_a_progress_bar_for_many_files(run, tmp_path, home):
    pexpect = pytest.importorskip("pexpect")
    from tests.conftest import careerkit_command

    record(run, tmp_path / "answers", model="tiny", person="Ann", role="junior", ratings=PEOPLE["Ann"])
    many_bundles(tmp_path / "many", json.loads(export_to(run, tmp_path / "one", "Ann").read_bytes()), 12, 2)
    command = careerkit_command()
    child = pexpect.spawn(command[0], [*command[1:], "team", "import", str(tmp_path / "many")],
                          env={**os.environ, "TERM": "xterm", "COLUMNS": "100"}, encoding="utf-8", timeout=60)
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert "12 bundle(s) imported (24 new record(s)" in child.before
    assert "Importing" in child.before and "12/12" in child.before


def test_table_summary_to_a_file_is_plain_text(run, bundles, tmp_path):
    assert run("team", "import", str(bundles)).exit_code == 0
    text = write(run, "table", tmp_path / "team.txt").decode("utf-8")
    assert "Team summary · default" in text and "李伟" in text and "\x1b[" not in text
