"""Hostile files from outside (issue 11, findings 5–9, 13, 14): each reproduction as the trial found it.

Bundles with numbers Python cannot hold, escape sequences and rich markup in every field
that reaches the terminal, look-alike and forged people, templates that fold huge
constants when they compile, a future check-in that could not be undone, and a model
snapshot edited by hand.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from careerkit.core import bundle
from tests.conftest import FIXTURES, careerkit_command, no_traceback, payload
from tests.helpers import TINY_DIR, answers_file, record, store_bytes

TINY = ("--models-dir", str(TINY_DIR))
RATINGS = {"alpha.one": 3, "alpha.two": 2, "beta.one": 1}
EVIL = "Evil\x1b]0;PWNED\x07\x1b[2J\x1b[31mRED\x1b]8;;http://x.test/\x07link\x1b]8;;\x07\x1b]52;c;cm0gLXJm\x07\u202edlrow"
RAW_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


@pytest.fixture
def ann(run, tmp_path: Path) -> dict[str, Any]:
    """Ann's exported bundle (one assessment on the tiny model), as an object."""
    record(run, tmp_path / "answers", model="tiny", person="Ann", role="junior", date="2026-03-01", ratings=RATINGS)
    target = tmp_path / "ann.json"
    assert run(*TINY, "export", "--person", "Ann", "-o", str(target)).exit_code == 0
    return json.loads(target.read_bytes())


def forged(base: dict[str, Any], *, person: str | None = None, raw: tuple[str, str] | None = None,
           **changes: Any) -> bytes:
    """A bundle made from ``base`` with ``changes``, checksummed as careerkit would (so only its content is hostile).

    ``raw`` replaces a piece of the JSON text by another (numbers Python cannot write itself).
    """
    content = json.loads(json.dumps(base))
    content.pop("checksum")
    if person is not None:
        content["person"] = person
        for item in content["assessments"]:
            item["person"] = person
    content.update(changes)
    body = bundle.canonical(content)
    if raw is not None:
        assert raw[0].encode() in body
        body = body.replace(raw[0].encode(), raw[1].encode())
    digest = hashlib.sha256(body).hexdigest()
    return body[:-1] + b',"checksum":"sha256:' + digest.encode() + b'"}\n'


def with_model(base: dict[str, Any], change) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    """``base`` whose carried model was changed by ``change(model)`` and re-digested (records follow)."""
    content = json.loads(json.dumps(base))
    [(_old, model)] = content["models"].items()
    change(model)
    new = hashlib.sha256(bundle.canonical(model)).hexdigest()
    content["models"] = {new: model}
    for item in content["assessments"]:
        item["model"] = {**item["model"], "digest": new, "id": model["id"]}
    return content


def shown(text: str) -> None:
    """Nothing a terminal would act on: no control character, no escape sequence, no direction override."""
    assert not RAW_CONTROLS.search(text), repr(RAW_CONTROLS.findall(text)[:5])


def plant(home: Path, person: str, taken_at: str, base: dict[str, Any], model_id: str | None = None) -> None:
    """Put a record in the team store the way an earlier careerkit would have let it in (no checks)."""
    from careerkit.store.database import session
    from careerkit.store.team import Team

    content = with_model(base, lambda m: m.update(id=model_id)) if model_id else json.loads(json.dumps(base))
    records = [dict(content["assessments"][0], person=person, taken_at=taken_at, id="planted1")]
    verified = bundle.Bundle(person, content["created_at"], "sha256:" + "0" * 64,
                             {"assessments": records, "reviews": [], "plans": [], "habits": [], "quizzes": []},
                             content["models"])
    with session(home, write=True) as work:
        Team(work, "default", create=True, now="2026-11-30T10:00:00+08:00").merge(verified,
                                                                                  now="2026-11-30T10:00:00+08:00")


# ----------------------------------------------------------------------------- 5: numbers


def test_one_bundle_with_numbers_python_cannot_hold_never_aborts_the_import(run, ann, tmp_path, home):
    folder = tmp_path / "inbox"
    folder.mkdir()
    (folder / "ann.json").write_bytes(bundle.dumps(ann))
    (folder / "inf.json").write_bytes(forged(ann, person="Bo", extra="NUM", raw=('"NUM"', "1e999")))
    (folder / "digits.json").write_bytes(forged(ann, person="Cy", extra="NUM", raw=('"NUM"', "7" * 5000)))
    heavy = with_model(ann, lambda m: m["competencies"][0].update(weight=10**400))
    (folder / "weight.json").write_bytes(forged(heavy, person="Di"))
    (folder / "level.json").write_bytes(forged(ann, person="Ed", raw=('"alpha.one":3', '"alpha.one":3e400')))

    res = run("team", "import", str(folder))

    assert res.exit_code == 0, res.output + res.stderr
    assert no_traceback(res.output + res.stderr) and "internal error" not in res.stderr
    assert re.search(r"refused .*inf\.json: a number out of range \(1e999\)", res.stderr)
    assert re.search(r"refused .*digits\.json: a number out of range \(7{24}…\(5000\)\)", res.stderr)
    assert re.search(r"refused .*weight\.json: a number out of range \(1{1}0{23}…\(401\)\)", res.stderr)
    assert "1 bundle(s) imported" in res.stdout and "4 refused" in res.stdout
    assert [p["name"] for p in payload(run("team", "list", "--json").stdout)["people"]] == ["Ann"]
    assert run("team", "summary").exit_code == 0


def test_model_checks_are_real_checks_also_under_python_O(tmp_path):
    script = ("from careerkit.core.bundle import model_facts\n"
              "for bad in ({'schema': 'careerkit/competency-model/v1', 'id': 5, 'version': '1', "
              "'scale': [{'level': 1}], 'competencies': [{'id': 'a', 'indicators': [{'id': 'b'}]}]},\n"
              "            {'schema': 'careerkit/competency-model/v1', 'id': 'm', 'version': '1', "
              "'scale': [{'level': 'x'}], 'competencies': [{'id': 'a', 'indicators': [{'id': 'b'}]}]}):\n"
              "    try:\n        model_facts(bad)\n    except ValueError:\n        continue\n"
              "    raise SystemExit('accepted ' + repr(bad))\n")
    done = subprocess.run([sys.executable, "-O", "-c", script], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout + done.stderr


# ----------------------------------------------------------------------------- 6: escape sequences


def test_a_bundle_person_with_escape_sequences_is_refused_and_a_stored_one_is_shown_harmlessly(run, ann, tmp_path,
                                                                                                 home):
    hostile = tmp_path / "evil.json"
    hostile.write_bytes(forged(ann, person=EVIL))
    res = run("team", "import", str(hostile))
    assert res.exit_code == 2 and "control, invisible or text-direction characters" in res.stderr
    shown(res.stderr)

    plant(home, EVIL, "2026-03-01T09:00:00+08:00", ann)  # a store an earlier version filled
    for args in (("team", "list"), ("team", "summary")):
        out = run(*args)
        assert out.exit_code == 0, out.output
        shown(out.output)
        assert "Evil␛]0;PWNED␇␛[2J␛[31m" in out.output
    wide = run("team", "list", env={"COLUMNS": "300"}).output
    assert "␛]8;;http://x.test/␇link" in wide and "␛]52;c;cm0gLXJm␇" in wide  # OSC 8 link, OSC 52 clipboard write


def test_model_texts_and_notes_from_files_reach_the_terminal_neutralised(run, tmp_path, home):
    import yaml

    model = yaml.safe_load((FIXTURES / "models" / "tiny.yaml").read_text(encoding="utf-8"))
    model["title"] = {"en": f"Title {EVIL}"}
    model["competencies"][0]["indicators"][0]["text"] = f"Do [bold]one[/] {EVIL}"
    models = tmp_path / "models"
    models.mkdir()
    (models / "tiny.yaml").write_text(yaml.safe_dump(model, allow_unicode=True), encoding="utf-8")

    out = run("--models-dir", str(models), "models", "show", "tiny")
    assert out.exit_code == 0, out.output
    shown(out.output)
    assert "Title Evil␛]0;PWNED␇" in out.output

    asked = run("--models-dir", str(models), "assess", "--model", "tiny", "--person", "A", input="2\n2\n2\ny\n")
    assert asked.exit_code == 0, asked.output
    shown(asked.output)
    assert "Do [bold]one[/]" in asked.output and "Evil␛]0;PWNED␇" in asked.output  # markup as text, ESC as ␛

    answers = answers_file(tmp_path, model="tiny", person="A", date="2026-03-02", ratings=RATINGS,
                           notes={"alpha.one": f"note {EVIL}"})
    saved = run("--models-dir", str(models), "assess", "--answers", str(answers), "--json")
    assert saved.exit_code == 0, saved.output
    shows = run("--models-dir", str(models), "show", payload(saved.stdout)["id"][:8])
    assert shows.exit_code == 0, shows.output
    shown(shows.output)
    assert "note" in shows.output and "␛]0;PWNED␇" in shows.output


def test_printable_shows_every_control_and_direction_character():
    from careerkit.render.terminal import escape, printable

    assert printable("a\x1b[31mb\x07\x9b1m\u202e\u2066c\r\x00\x7f") == "a␛[31mb␇<U+009B>1m<U+202E><U+2066>c␍␀␡"
    assert printable("李伟\tnote\nline") == "李伟\tnote\nline"
    assert escape("[/]x\x1b") == "\\[/]x␛"


def test_printable_lets_no_control_or_direction_character_through_alone_or_in_plain_text():
    from careerkit.render.terminal import printable

    dangerous = [*range(0x00, 0x09), *range(0x0B, 0x20), *range(0x7F, 0xA0), 0x061C, 0x200E, 0x200F,
                 0x2028, 0x2029, *range(0x202A, 0x202F), *range(0x2066, 0x206A)]
    for code in dangerous:
        for text in (chr(code), f"李伟{chr(code)}", f"Ann {chr(code)} Lee"):
            shown = printable(text)
            assert chr(code) not in shown and shown.startswith(text[: text.index(chr(code))]), hex(code)
    assert printable("Ann\u00a0Lee") == "Ann\u00a0Lee"  # not printable to Python, harmless to a terminal


# ----------------------------------------------------------------------------- 7: markup and formats


def test_fields_with_a_format_are_checked_at_import(run, ann, tmp_path, home):
    folder = tmp_path / "inbox"
    folder.mkdir()
    dated = json.loads(json.dumps(ann))
    dated["assessments"][0]["taken_at"] = "[/]2026-11-28"
    (folder / "date.json").write_bytes(forged(dated, person="Bo"))
    (folder / "model.json").write_bytes(forged(with_model(ann, lambda m: m.update(id="[/]evil")), person="Cy"))
    created = json.loads(json.dumps(ann))
    created["created_at"] = "[/]2026"
    (folder / "created.json").write_bytes(forged(created, person="Di"))
    res = run("team", "import", str(folder))
    assert res.exit_code == 2, res.output
    assert re.search(r"date\.json: malformed at assessments\[0\]\.taken_at", res.stderr)
    assert re.search(r"model\.json: the model \w+… it carries is not a valid competency model \(id: '\[/\]evil'",
                     res.stderr)
    assert re.search(r"created\.json: malformed at created_at", res.stderr)


def test_markup_already_in_a_team_store_is_printed_as_text(run, ann, home):
    plant(home, "Bo", "[/]2026-11-28", ann, model_id="[/]evil")
    listing = run("team", "list")
    assert listing.exit_code == 0, listing.output
    assert "[/]2026-11" in listing.output and "[/]evil" in listing.output
    summary = run("team", "summary")
    assert summary.exit_code == 0, summary.output
    assert "[/]evil" in summary.output


# ----------------------------------------------------------------------------- 8: look-alikes and forged dates


def test_look_alike_and_invisible_names_are_refused_with_both_spellings(run, ann, tmp_path, home):
    assert run("team", "import", str(_write(tmp_path / "ann.json", bundle.dumps(ann)))).exit_code == 0
    folder = tmp_path / "inbox"
    folder.mkdir()
    (folder / "zw.json").write_bytes(forged(ann, person="Ann\u200b"))
    (folder / "cyrillic.json").write_bytes(forged(ann, person="\u0410nn"))
    (folder / "rlo.json").write_bytes(forged(ann, person="\u202eevil"))
    (folder / "wide.json").write_bytes(forged(ann, person="Ａnn"))
    res = run("team", "import", str(folder))
    assert res.exit_code == 2, res.output
    assert re.search(r"zw\.json: malformed at person: the name .* contains control, invisible", res.stderr)
    assert re.search(r"rlo\.json: malformed at person: the name .* contains control, invisible", res.stderr)
    assert "cyrillic.json: the person \u0410nn (\u0410=U+0410 CYRILLIC CAPITAL LETTER A) looks like Ann" in res.stderr
    assert "wide.json: the person Ａnn (Ａ=U+FF21 FULLWIDTH LATIN CAPITAL LETTER A) looks like Ann" in res.stderr
    assert [p["name"] for p in payload(run("team", "list", "--json").stdout)["people"]] == ["Ann"]
    assert run("team", "import", str(tmp_path / "ann.json")).exit_code == 0  # Ann herself, again: fine


def test_local_names_refuse_invisible_characters_too(run, tmp_path):
    answers = answers_file(tmp_path, model="tiny", person="Ann\u200b", ratings=RATINGS)
    res = run(*TINY, "assess", "--answers", str(answers))
    assert res.exit_code == 2 and "invisible" in res.stderr


def test_a_bundle_dated_in_the_far_future_is_refused(run, ann, tmp_path, home):
    future = json.loads(json.dumps(ann))
    future["assessments"][0]["taken_at"] = "9999-12-31T00:00:00+08:00"
    future["assessments"][0]["id"] = "forged9999"
    res = run("team", "import", str(_write(tmp_path / "f.json", forged(future))))
    assert res.exit_code == 2 and "9999-12-31T00:00:00+08:00 is more than a day in the future" in res.stderr
    ahead = json.loads(json.dumps(ann))
    ahead["created_at"] = "9999-01-01T00:00:00+00:00"
    assert "created_at: 9999-01-01" in run("team", "import", str(_write(tmp_path / "g.json", forged(ahead)))).stderr


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


# ----------------------------------------------------------------------------- 9: template compilation


def _limited(home: Path, *args: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    """careerkit with at most 3 GB of address space: main took 5.9 GB on the repetition."""
    import resource

    def cap() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (3 * 2**30, 3 * 2**30))

    return subprocess.run([*careerkit_command(), *args], capture_output=True, text=True, timeout=timeout,
                          env={**os.environ, "CAREERKIT_HOME": str(home)}, preexec_fn=cap, check=False)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="RLIMIT_AS caps memory on Linux")
@pytest.mark.parametrize("source", ["{{ (10 ** 300000000) % 7 }}", '{% set s = "x" * 3000000000 %}{{ s }}',
                                    '{{ "x"|center(3000000000) }}', '{{ "%0999999999d" % 1 }}'])
def test_a_template_cannot_fold_a_huge_constant_past_the_caps(run, tmp_path, home, source):
    record(run, tmp_path / "answers", model="tiny", person="Ann", role="junior", date="2026-03-01", ratings=RATINGS)
    (home / "templates").mkdir(exist_ok=True)
    (home / "templates" / "plan.md.j2").write_text(source, encoding="utf-8")
    before = store_bytes(home / "data")
    done = _limited(home, *TINY, "plan", "--person", "Ann", timeout=30)
    assert done.returncode == 2, done.stdout + done.stderr
    assert done.stderr.startswith("error: template plan.md.j2") and no_traceback(done.stderr)
    assert store_bytes(home / "data") == before


# ----------------------------------------------------------------------------- 13: undo a future check-in


def test_undo_takes_a_future_dated_check_in(run):
    assert run("habits", "add", "Read").exit_code == 0
    assert run("habits", "done", "Read", env={"CAREERKIT_TODAY": "2036-01-01"}).exit_code == 0
    res = run("habits", "undo", "Read", "--date", "2036-01-01")
    assert res.exit_code == 0, res.output
    assert "removed the check-in of “Read” 2036-01-01" in res.output
    assert "nothing recorded" in run("habits", "undo", "Read", "--date", "2036-01-01").output
    assert run("habits", "done", "Read", "--date", "2036-01-01").exit_code == 2  # done still refuses it


# ----------------------------------------------------------------------------- 14: snapshot digests


def test_doctor_and_export_notice_a_hand_edited_model_snapshot(run, tmp_path, home):
    record(run, tmp_path / "answers", model="tiny", person="Ann", role="junior", date="2026-03-01", ratings=RATINGS)
    [snapshot] = (home / "models").glob("*.json")
    edited = json.loads(snapshot.read_bytes())
    edited["title"] = {"en": "Edited by hand"}
    snapshot.write_text(json.dumps(edited, ensure_ascii=False), encoding="utf-8")

    doctor = run("doctor")
    assert doctor.exit_code != 0, doctor.output
    assert f"the model snapshot {snapshot} does not match its digest" in doctor.output + doctor.stderr

    res = run(*TINY, "export", "--person", "Ann", "-o", str(tmp_path / "ann.json"))
    assert res.exit_code == 2, res.output
    assert f"the model snapshot {snapshot} does not match its digest" in res.stderr
    assert not (tmp_path / "ann.json").exists()


def test_dates_in_reviews_plans_and_habit_check_ins_are_checked_too(run, ann, tmp_path, home):
    base = json.loads(json.dumps(ann))
    base["reviews"] = [{"id": "r1", "person": "Ann", "taken_at": "[/]2026-03-02"}]
    res = run("team", "import", str(_write(tmp_path / "r.json", forged(base))))
    assert res.exit_code == 2 and "malformed at reviews[0].taken_at" in res.stderr
    base["reviews"] = []
    base["habits"] = [{"id": "h1", "name": "Read", "checkins": [{"date": "2026-13-01", "mark": "done"}]}]
    res = run("team", "import", str(_write(tmp_path / "h.json", forged(base))))
    assert res.exit_code == 2 and "malformed at habits[0].checkins" in res.stderr
    base["habits"][0]["checkins"] = [{"date": "2036-01-01", "mark": "done"}]  # ahead, as a wrong clock makes it
    assert run("team", "import", str(_write(tmp_path / "ok.json", forged(base)))).exit_code == 0
