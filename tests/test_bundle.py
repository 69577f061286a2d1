"""The export bundle: `careerkit export`, the checksum rule, and every way a file is refused."""

from __future__ import annotations

import copy
import hashlib
import json
import re
from pathlib import Path
from typing import Any

import pytest

from careerkit.core import bundle
from careerkit.core.bundle import BundleRefused, Verifier, safe_file_stem
from tests.conftest import no_traceback, payload
from tests.helpers import TINY_DIR, record, store_bytes


def export(run, tmp_path: Path, person: str, *extra: str, name: str | None = None):  # type: ignore[no-untyped-def]
    target = tmp_path / (name or f"{person}.json")
    return run("--models-dir", str(TINY_DIR), "export", "--person", person, "-o", str(target), *extra), target


@pytest.fixture
def ann(run, tmp_path: Path) -> tuple[dict[str, Any], Path]:
    """Ann's bundle file with two assessments on the tiny model."""
    record(run, tmp_path / "answers", model="tiny", person="Ann", role="junior", date="2026-01-10",
           ratings={"alpha.one": 1, "alpha.two": 2, "beta.one": 2}, notes={"alpha.one": "=cmd|' /C calc'!A0"})
    record(run, tmp_path / "answers", model="tiny", person="Ann", role="junior", date="2026-04-10",
           ratings={"alpha.one": 3, "alpha.two": 2, "beta.one": None})
    res, path = export(run, tmp_path, "Ann")
    assert res.exit_code == 0, res.output
    return json.loads(path.read_bytes()), path


def verify(data: bytes) -> bundle.Bundle:
    return Verifier().verify(data)


def resealed(content: dict[str, Any]) -> bytes:
    """A changed bundle with a correct checksum again (what a careful forger would do)."""
    content = dict(content)
    content["checksum"] = bundle.checksum_of(content)
    return bundle.dumps(content)


def refused(data: bytes) -> str:
    with pytest.raises(BundleRefused) as caught:
        verify(data)
    return caught.value.key


# ----------------------------------------------------------------------------- export


def test_export_writes_a_versioned_bundle_with_its_model_and_a_valid_checksum(ann, run, tmp_path):
    content, path = ann
    assert content["schema"] == "careerkit/bundle/v1" and content["person"] == "Ann"
    assert [r["taken_at"][:10] for r in content["assessments"]] == ["2026-01-10", "2026-04-10"]
    assert content["reviews"] == content["plans"] == content["habits"] == []
    digest = content["assessments"][0]["model"]["digest"]
    assert list(content["models"]) == [digest]
    # the documented rule, written out independently of careerkit's code
    body = {k: v for k, v in content.items() if k != "checksum"}
    text = json.dumps(body, sort_keys=True, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    assert content["checksum"] == "sha256:" + hashlib.sha256(text.encode("utf-8")).hexdigest()
    model_text = json.dumps(content["models"][digest], sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    assert hashlib.sha256(model_text.encode("utf-8")).hexdigest() == digest
    assert (path.stat().st_mode & 0o777) == 0o600
    checked = verify(path.read_bytes())
    assert checked.person == "Ann" and len(checked.records["assessments"]) == 2


def test_a_reformatted_bundle_is_still_accepted_by_the_canonical_rule(ann):
    content, _ = ann
    pretty = json.dumps(content, indent=2, ensure_ascii=True).encode()  # other bytes, same content
    assert verify(pretty).checksum == content["checksum"]
    with_bom = b"\xef\xbb\xbf" + json.dumps(content, ensure_ascii=False).encode()
    assert verify(with_bom).person == "Ann"


def test_export_refuses_to_overwrite_and_reports_bad_options(ann, run, tmp_path):
    _, path = ann
    before = path.read_bytes()
    again, _ = export(run, tmp_path, "Ann")
    assert again.exit_code == 2 and "--force" in again.stderr and path.read_bytes() == before
    forced, _ = export(run, tmp_path, "Ann", "--force")
    assert forced.exit_code == 0
    unknown, _ = export(run, tmp_path, "Ann", "--include", "plans,diaries", name="x.json")
    assert unknown.exit_code == 2 and "diaries" in unknown.stderr and no_traceback(unknown.output)
    nobody, _ = export(run, tmp_path, "Nobody", name="y.json")
    assert nobody.exit_code == 2 and "no assessments" in nobody.stderr
    assert not (tmp_path / "x.json").exists() and not (tmp_path / "y.json").exists()
    missing = run("export", "--person", "Ann", "-o", str(tmp_path / "no" / "such" / "b.json"))
    assert missing.exit_code == 2 and "does not exist" in missing.stderr


def test_export_into_a_folder_names_the_file_after_the_person_and_stays_inside(run, tmp_path, home):
    for person in ("../../evil", "李伟"):
        record(run, tmp_path / "answers", model="tiny", person=person, ratings={"alpha.one": 2})
    out = tmp_path / "out"
    out.mkdir()
    for person in ("../../evil", "李伟"):
        res = run("export", "--person", person, "-o", str(out))
        assert res.exit_code == 0, res.output
    names = sorted(p.name for p in out.iterdir())
    assert len(names) == 2 and "李伟.bundle.json" in names  # a safe name is used as it is
    evil = next(n for n in names if n != "李伟.bundle.json")
    assert re.fullmatch(r"_\.\._evil-[0-9a-f]{8}\.bundle\.json", evil)  # made safe, then told apart by a hash
    assert not list(tmp_path.parent.glob("evil*"))


def test_export_includes_reviews_plans_and_habits_when_asked(run, tmp_path):
    rec = record(run, tmp_path / "answers", model="tiny", person="Ann", role="junior", date="2026-02-01",
                 ratings={"alpha.one": 2, "alpha.two": 2, "beta.one": 1})
    (tmp_path / "mentor.yaml").write_text("ratings: {alpha.one: 3, alpha.two: 2, beta.one: 2}\n", encoding="utf-8")
    tiny = ("--models-dir", str(TINY_DIR))
    reviewed = run(*tiny, "review", rec["id"], "--mentor", "Mo", "--answers", str(tmp_path / "mentor.yaml"))
    assert reviewed.exit_code == 0, reviewed.output
    assert run(*tiny, "plan", rec["id"], "-o", str(tmp_path / "plan.md")).exit_code == 0
    assert run(*tiny, "habits", "add", "Practise alpha", "--model", "tiny", "--competency", "alpha").exit_code == 0
    assert run(*tiny, "habits", "done", "Practise alpha").exit_code == 0
    res, path = export(run, tmp_path, "Ann", "--include", "reviews,plans,habits")
    assert res.exit_code == 0, res.output
    content = json.loads(path.read_bytes())
    assert [r["mentor"] for r in content["reviews"]] == ["Mo"]
    assert [p["assessment"] for p in content["plans"]] == [rec["id"]]
    assert [(h["name"], h["model"], len(h["checkins"])) for h in content["habits"]] == [("Practise alpha", "tiny", 1)]
    assert content["reviews"][0]["assessment"] == rec["id"]
    assert verify(path.read_bytes()).records["reviews"][0]["id"] == content["reviews"][0]["id"]
    assert run("team", "import", str(path)).exit_code == 0
    entry = payload(run("team", "list", "--json").stdout)["people"][0]
    assert entry["counts"] == {"assessments": 1, "reviews": 1, "plans": 1, "habits": 1, "quizzes": 0}


# ----------------------------------------------------------------------------- refusals


def test_each_kind_of_bad_file_is_refused_with_its_own_reason(ann):
    content, path = ann
    raw = path.read_bytes()
    assert refused(b"") == refused(b"  \n") == "team.refused.empty"
    for cut in (1, 100, len(raw) // 2, len(raw) - 3):
        assert refused(raw[:cut]) == "team.refused.truncated", cut
    assert refused(b"hello, world") == "team.refused.not_json"
    assert refused(b"\xff\xfe\x00garbage") == "team.refused.not_text"
    for other in ([1, 2], {"schema": "careerkit/competency-model/v1"}, {"_meta": {}}, {"a": 1}, "text"):
        assert refused(json.dumps(other).encode()) == "team.refused.not_bundle"
    newer = dict(content, schema="careerkit/bundle/v2")
    assert refused(resealed(newer)) == "team.refused.newer_schema"
    assert refused(resealed(dict(content, schema="careerkit/bundle/beta"))) == "team.refused.bad_schema"
    unsigned = {k: v for k, v in content.items() if k != "checksum"}
    assert refused(json.dumps(unsigned).encode()) == "team.refused.no_checksum"
    assert refused(raw.replace(b'"alpha.two":2', b'"alpha.two":3', 1)) == "team.refused.checksum"
    nan = raw.replace(b'"alpha.two":2', b'"alpha.two":NaN', 1)
    assert refused(nan) == "team.refused.not_strict"


def test_models_must_match_their_digest_and_be_carried(ann):
    content, _ = ann
    digest = next(iter(content["models"]))
    forged = copy.deepcopy(content)
    forged["models"][digest]["roles"][0]["targets"]["alpha"] = 1  # an easier target, same digest
    assert refused(resealed(forged)) == "team.refused.model_digest"
    missing = dict(content, models={})
    assert refused(resealed(missing)) == "team.refused.model_missing"
    broken = copy.deepcopy(content)
    broken_model = broken["models"].pop(digest)
    del broken_model["scale"]
    new_digest = hashlib.sha256(bundle.canonical(broken_model)).hexdigest()
    broken["models"][new_digest] = broken_model
    for r in broken["assessments"]:
        r["model"]["digest"] = new_digest
    assert refused(resealed(broken)) == "team.refused.model_invalid"


@pytest.mark.parametrize("change", [
    lambda c: c["assessments"][0]["ratings"].update({"alpha.one": 9}),
    lambda c: c["assessments"][0]["ratings"].update({"alpha.one": True}),
    lambda c: c["assessments"][0]["ratings"].update({"gamma.one": 2}),
    lambda c: c["assessments"][0].update({"role": "astronaut"}),
    lambda c: c["assessments"][0].update({"id": "../../etc"}),
    lambda c: c["assessments"][0].update({"ratings": [1, 2]}),
    lambda c: c["assessments"][1].update({"id": c["assessments"][0]["id"]}),
    lambda c: c["assessments"][0].update({"person": "Bob"}),
    lambda c: c.update({"assessments": {"not": "a list"}}),
    lambda c: c.update({"person": 42}),
])
def test_records_of_the_wrong_shape_are_refused_even_with_a_valid_checksum(ann, change):
    content, _ = ann
    changed = copy.deepcopy(content)
    change(changed)
    assert refused(resealed(changed)) in {"team.refused.malformed", "team.refused.duplicate_id",
                                          "team.refused.other_person"}


def test_refusal_reasons_read_well_in_both_languages(ann):
    from careerkit.i18n import t

    _, path = ann
    with pytest.raises(BundleRefused) as caught:
        verify(path.read_bytes()[:50])
    assert "truncated" in t(caught.value.key, lang="en", **caught.value.params)
    assert "不完整" in t(caught.value.key, lang="zh", **caught.value.params)


def test_export_reads_the_store_but_never_changes_it(ann, home):
    before = store_bytes(home / "data")
    _, path = ann
    assert verify(path.read_bytes())
    assert store_bytes(home / "data") == before


# ----------------------------------------------------------------------------- file names


@pytest.mark.parametrize(("name", "expected"), [
    ("李伟", "李伟"), ("..", "careerkit"), ("../../etc/passwd", "_.._etc_passwd"), ("/abs/path", "_abs_path"),
    ("CON", "_CON"), ("nul.txt", "_nul.txt"), ("a\x00b\nc", "a_b_c"), ("x\u202eexe.json", "x_exe.json"),
    ("   ", "careerkit"), (".hidden", "hidden"),
])
def test_safe_file_stems(name, expected):
    assert safe_file_stem(name) == expected


def test_safe_file_stems_are_short_and_valid_utf8():
    stem = safe_file_stem("张" * 200)
    assert len(stem.encode("utf-8")) <= 80 and stem == "张" * 26


def test_a_canonical_bundle_is_checked_without_serialising_it_again(ann, monkeypatch):
    _, path = ann
    monkeypatch.setattr(bundle, "checksum_of", lambda content: pytest.fail("the bundle was serialised again"))
    assert verify(path.read_bytes()).person == "Ann"


def test_a_bundle_of_the_wrong_shape_is_refused_in_chinese_words(ann, run, tmp_path):
    content, _ = ann
    off_scale = copy.deepcopy(content)
    off_scale["assessments"][0]["ratings"]["alpha.one"] = 9
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "off-scale.json").write_bytes(resealed(off_scale))
    (tmp_path / "in" / "notes.json").write_text("hello", encoding="utf-8")
    res = run("--lang", "zh", "team", "import", str(tmp_path / "in"))
    assert res.exit_code == 2
    assert "格式错误（assessments[0].ratings）：9 不是量表中的等级" in res.stderr
    assert "不是 JSON（第 1 行第 1 列）" in res.stderr
    assert not re.search(r"is not a level|Expecting value", res.stderr)  # no English in a Chinese message
    english = run("team", "import", str(tmp_path / "in"))
    assert "malformed at assessments[0].ratings: 9 is not a level of the scale" in english.stderr


def test_include_takes_singular_kinds_and_spaces(ann, run, tmp_path):
    res, path = export(run, tmp_path, "Ann", "--include", "plan, review", name="singular.json")
    assert res.exit_code == 0, res.output
    assert "0 plan(s)" in res.stdout and payload(path.read_bytes())["plans"] == []
