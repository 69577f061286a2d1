"""Model versions with migration maps: compare and progress across versions, validation, `models show`.

The fixture model ``branch`` (tests/fixtures/versions/) at 1.0.0 and 2.0.0: 2.0.0 renames
complaints.complaint-response → complaints.first-contact, drops knowledge.old-item and
adds knowledge.digital. Hand-computed, with every weight 1:

- Ann on 1.0.0: greet 2, listen 3, complaint-response 2, escalate 4, products 3, old-item 1
  → stored service 2.50, complaints 3.00, knowledge 2.00;
  carried through the map into 2.0.0: service 2.50, complaints (2+4)/2 = 3.00, knowledge 3.00
  (old-item dropped, digital not rated), overall 8.5/3 = 2.83;
  identical ids only: complaints = escalate alone = 4.00, knowledge 3.00, overall 9.5/3 = 3.17.
- Ann on 2.0.0: greet 3, listen 3, first-contact 4, escalate 4, products 3, digital 2
  → service 3.00, complaints 4.00, knowledge 2.50, overall 9.5/3 = 3.17.
"""

from __future__ import annotations

import json
from pathlib import Path

import yaml

from tests.conftest import FIXTURES, no_traceback, payload
from tests.helpers import answers_file, store_bytes

VERSIONS = FIXTURES / "versions"
V1 = VERSIONS / "branch-1.0.0.yaml"
V2 = VERSIONS / "branch-2.0.0.yaml"

OLD = {"service.greet": 2, "service.listen": 3, "complaints.complaint-response": 2, "complaints.escalate": 4,
       "knowledge.products": 3, "knowledge.old-item": 1}
NEW = {"service.greet": 3, "service.listen": 3, "complaints.first-contact": 4, "complaints.escalate": 4,
       "knowledge.products": 3, "knowledge.digital": 2}


def folder_with(tmp_path: Path, name: str, source: Path | str) -> Path:
    """A models folder holding one version of the model (a file, or YAML text)."""
    folder = tmp_path / name
    folder.mkdir()
    text = source.read_text(encoding="utf-8") if isinstance(source, Path) else source
    (folder / "branch.yaml").write_text(text, encoding="utf-8")
    return folder


def assess(run, tmp_path: Path, models: Path, date: str, ratings: dict) -> dict:
    path = answers_file(tmp_path / "answers", f"{date}.yaml", model="branch", person="Ann", role="teller",
                        date=date, ratings=ratings)
    res = run("--models-dir", str(models), "assess", "--answers", str(path), "--json")
    assert res.exit_code == 0, res.output + res.stderr
    return json.loads(res.output)


def two_versions(run, tmp_path: Path, v2: Path | str = V2) -> tuple[dict, dict]:
    old = assess(run, tmp_path, folder_with(tmp_path, "v1", V1), "2026-01-10", OLD)
    new = assess(run, tmp_path, folder_with(tmp_path, "v2", v2), "2026-06-10", NEW)
    return old, new


def flat(text: str) -> str:
    """The output without its line breaks and spaces: rich wraps long lines (and Chinese anywhere)."""
    return "".join(text.split())


def scores(data: dict, side: str) -> dict:
    return {row["competency"]: row[side] for row in data["competencies"]}


def without_map() -> str:
    return V2.read_text(encoding="utf-8").split("migrations:")[0]


# ----------------------------------------------------------------------------- compare


def test_compare_across_versions_scores_the_older_ratings_through_the_map(run, tmp_path: Path, home: Path) -> None:
    old, new = two_versions(run, tmp_path)
    assert old["scores"]["competencies"]["knowledge"]["score"] == 2.0  # as stored, on 1.0.0
    before = store_bytes(home)
    data = payload(run("compare", old["id"], new["id"], "--json").output)
    assert scores(data, "a") == {"service": 2.5, "complaints": 3.0, "knowledge": 3.0}
    assert scores(data, "b") == {"service": 3.0, "complaints": 4.0, "knowledge": 2.5}
    assert data["overall"] == {"a": 2.83, "b": 3.17, "delta": 0.34, "status": "improved"}
    assert (data["shared"], data["dropped"], data["new"]) == (5, 1, 1)
    assert data["shared_ids"] == ["service.greet", "service.listen", "complaints.first-contact",
                                  "complaints.escalate", "knowledge.products"]
    assert data["dropped_ids"] == ["knowledge.old-item"] and data["new_ids"] == ["knowledge.digital"]
    assert data["renamed"] == {"complaints.complaint-response": "complaints.first-contact"}
    assert data["migration"] == {"from": "1.0.0", "to": "2.0.0", "kind": "map", "via": []}
    text = run("compare", old["id"], new["id"])
    assert text.exit_code == 0
    assert flat("versions 1.0.0 → 2.0.0, carried through the migration map: "
                "compared on 5 shared indicators; 1 dropped, 1 new") in flat(text.output)
    assert "+1.00" in text.output and "-0.50" in text.output
    zh = run("--lang", "zh", "compare", old["id"], new["id"])
    assert flat("版本 1.0.0 → 2.0.0，已按迁移映射转换：按 5 个共有指标比较；1 个已删除，1 个新增") in flat(zh.output)
    # the stored records are never rewritten
    assert store_bytes(home) == before
    shown = payload(run("show", old["id"], "--json").output)
    assert shown["ratings"] == OLD and shown["scores"]["competencies"]["knowledge"]["score"] == 2.0


def test_the_newer_model_is_the_higher_version_whichever_id_comes_first(run, tmp_path: Path) -> None:
    old, new = two_versions(run, tmp_path)
    data = payload(run("compare", new["id"], old["id"], "--json").output)
    assert scores(data, "a") == {"service": 3.0, "complaints": 4.0, "knowledge": 2.5}
    assert scores(data, "b") == {"service": 2.5, "complaints": 3.0, "knowledge": 3.0}
    assert data["competencies"][1]["delta"] == -1.0 and (data["shared"], data["dropped"], data["new"]) == (5, 1, 1)


def test_without_a_map_only_identical_ids_are_compared_and_it_says_so(run, tmp_path: Path) -> None:
    old, new = two_versions(run, tmp_path, without_map())
    data = payload(run("compare", old["id"], new["id"], "--json").output)
    assert scores(data, "a") == {"service": 2.5, "complaints": 4.0, "knowledge": 3.0}
    assert (data["shared"], data["dropped"], data["new"]) == (4, 2, 2)
    assert data["dropped_ids"] == ["complaints.complaint-response", "knowledge.old-item"]
    assert data["new_ids"] == ["complaints.first-contact", "knowledge.digital"]
    assert data["renamed"] == {} and data["migration"]["kind"] == "identical"
    text = flat(run("compare", old["id"], new["id"]).output)
    assert flat("versions 1.0.0 → 2.0.0 without a migration map from 1.0.0 (only identical indicator ids "
                "are compared): compared on 4 shared indicators; 2 dropped, 2 new") in text
    zh = flat(run("--lang", "zh", "compare", old["id"], new["id"]).output)
    assert flat("版本 1.0.0 → 2.0.0 之间没有自 1.0.0 起的迁移映射（只比较标识相同的指标）：按 4 个共有指标比较；"
                "2 个已删除，2 个新增") in zh


def test_maps_chain_through_an_intermediate_version_careerkit_has(run, tmp_path: Path) -> None:
    """2.0.0 maps only 1.5.0; the 1.5.0 model (here a catalog file) maps 1.0.0: 1.0.0 → 1.5.0 → 2.0.0."""
    v15 = V1.read_text(encoding="utf-8").replace('version: "1.0.0"', 'version: "1.5.0"').replace(
        "id: complaint-response", "id: first-contact")
    v15 += 'migrations:\n  - from: "1.0.0"\n    indicators: {complaints.complaint-response: complaints.first-contact}\n'
    v2 = without_map() + 'migrations:\n  - from: "1.5.0"\n    indicators: {knowledge.old-item: null}\n'
    middle = folder_with(tmp_path, "v15", v15)
    assert run("models", "validate", str(middle / "branch.yaml")).exit_code == 0
    old, new = two_versions(run, tmp_path, v2)
    data = payload(run("--models-dir", str(middle), "compare", old["id"], new["id"], "--json").output)
    assert scores(data, "a") == {"service": 2.5, "complaints": 3.0, "knowledge": 3.0}
    assert (data["shared"], data["dropped"], data["new"]) == (5, 1, 1)
    assert data["migration"] == {"from": "1.0.0", "to": "2.0.0", "kind": "map", "via": ["1.5.0"]}
    text = run("--models-dir", str(middle), "compare", old["id"], new["id"])
    assert "(via 1.5.0)" in text.output
    # without the 1.5.0 model there is no way from 1.0.0: identical ids only
    alone = payload(run("compare", old["id"], new["id"], "--json").output)
    assert alone["migration"]["kind"] == "identical" and scores(alone, "a")["complaints"] == 4.0


def test_compare_still_refuses_two_different_models(run, tmp_path: Path) -> None:
    old, _new = two_versions(run, tmp_path)
    other = folder_with(tmp_path, "other", V1.read_text(encoding="utf-8").replace("id: branch", "id: other-bank"))
    path = answers_file(tmp_path, "other.yaml", model="other-bank", person="Ann", ratings={"service.greet": 3})
    rec = json.loads(run("--models-dir", str(other), "assess", "--allow-partial", "--answers", str(path),
                         "--json").output)
    res = run("compare", old["id"], rec["id"])
    assert res.exit_code == 2 and "different models (branch and other-bank)" in res.stderr


# ----------------------------------------------------------------------------- progress


def test_progress_scores_every_record_on_the_latest_version(run, tmp_path: Path) -> None:
    old, new = two_versions(run, tmp_path)
    data = payload(run("progress", "--json").output)
    rows = {r["competency"]: r["trend"] for r in data["competencies"]}
    assert rows == {"service": [2.5, 3.0], "complaints": [3.0, 4.0], "knowledge": [3.0, 2.5]}
    assert data["overall"] == [2.83, 3.17]
    [group] = data["carried"]
    assert group["records"] == [old["id"]] and group["version"] == "1.0.0"
    assert (group["shared"], group["dropped"], group["new"]) == (5, 1, 1)
    assert group["dropped_ids"] == ["knowledge.old-item"] and group["migration"]["kind"] == "map"
    text = run("progress")
    assert text.exit_code == 0
    assert flat("1 of 2 assessment(s) were taken on an earlier model version and are scored on 2.0.0:") \
        in flat(text.output)
    assert flat("1 × versions 1.0.0 → 2.0.0, carried through the migration map: compared on 5 shared "
                "indicators; 1 dropped, 1 new") in flat(text.output)
    zh = flat(run("--lang", "zh", "progress").output)
    assert flat("2 次评估中有 1 次使用较早的模型版本，现按 2.0.0 版计分：") in zh
    assert flat("1 次：版本 1.0.0 → 2.0.0，已按迁移映射转换：按 5 个共有指标比较；1 个已删除，1 个新增") in zh
    assert new["id"] in data["ids"]


def test_progress_without_a_map_scores_identical_ids_and_says_so(run, tmp_path: Path) -> None:
    two_versions(run, tmp_path, without_map())
    data = payload(run("progress", "--json").output)
    assert {r["competency"]: r["trend"] for r in data["competencies"]}["complaints"] == [4.0, 4.0]
    assert data["carried"][0]["migration"]["kind"] == "identical"
    text = flat(run("progress").output)
    assert flat("without a migration map from 1.0.0 (only identical indicator ids are compared)") in text


def test_progress_on_one_version_says_nothing_about_versions(run, tmp_path: Path) -> None:
    models = folder_with(tmp_path, "v2", V2)
    assess(run, tmp_path, models, "2026-01-10", NEW)
    assess(run, tmp_path, models, "2026-02-10", NEW)
    assert payload(run("progress", "--json").output)["carried"] == []
    assert "earlier model version" not in run("progress").output


# ----------------------------------------------------------------------------- validation


def bad_model(tmp_path: Path, migrations: str) -> Path:
    path = tmp_path / "bad.yaml"
    path.write_text(without_map() + migrations, encoding="utf-8")
    return path


def validate(run, path: Path, *options: str):
    res = run(*options, "models", "validate", str(path))
    assert no_traceback(res.output + res.stderr)
    return res


def line_of(path: Path, needle: str, nth: int = 1) -> int:
    lines = [i for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if needle in line]
    return lines[nth - 1]


def test_a_migration_from_the_same_or_a_later_version_is_refused(run, tmp_path: Path) -> None:
    path = bad_model(tmp_path, 'migrations:\n  - from: "2.0.0"\n    indicators: {}\n'
                               '  - from: "2.0.1"\n    indicators: {}\n  - from: "10.0"\n    indicators: {}\n')
    res = validate(run, path)
    assert res.exit_code == 2
    for version in ("2.0.0", "2.0.1", "10.0"):
        line = line_of(path, f'from: "{version}"')
        assert (f"{path}:{line}:11: migrations[{['2.0.0', '2.0.1', '10.0'].index(version)}].from: a migration "
                f"must come from an earlier version than this model's 2.0.0, got {version}") in res.output


def test_versions_compare_numerically_by_dotted_parts(run, tmp_path: Path) -> None:
    from careerkit.core.migration import is_earlier, version_key

    assert is_earlier("1.9.0", "1.10.0") and not is_earlier("1.10.0", "1.9.0")
    assert version_key("1.0") == version_key("1.0.0") and not is_earlier("2.0", "2.0.0")
    newer = (tmp_path / "m.yaml")
    newer.write_text(without_map().replace('version: "2.0.0"', 'version: "1.10.0"')
                     + 'migrations:\n  - from: "1.9.0"\n    indicators: {}\n', encoding="utf-8")
    assert validate(run, newer).exit_code == 0
    older = bad_model(tmp_path, 'migrations:\n  - from: "2.0"\n    indicators: {}\n')
    res = validate(run, older)
    assert res.exit_code == 2 and "earlier version than this model's 2.0.0, got 2.0" in res.output


def test_a_map_naming_an_unknown_new_id_is_refused_with_a_suggestion(run, tmp_path: Path) -> None:
    path = bad_model(tmp_path, 'migrations:\n  - from: "1.0.0"\n    indicators:\n'
                               '      complaints.complaint-response: complaints.first-contacts\n')
    res = validate(run, path)
    line = line_of(path, "complaints.first-contacts")
    assert res.exit_code == 2
    assert (f"{path}:{line}:38: migrations[0].indicators.complaints.complaint-response: no indicator "
            "'complaints.first-contacts' in this model (did you mean 'complaints.first-contact'?)") in res.output
    zh = validate(run, path, "--lang", "zh")
    assert "本模型中没有指标 'complaints.first-contacts'（是否想写 'complaints.first-contact'？）" in zh.output


def test_a_duplicate_old_id_is_refused_with_both_lines(run, tmp_path: Path) -> None:
    path = bad_model(tmp_path, 'migrations:\n  - from: "1.0.0"\n    indicators:\n'
                               '      knowledge.old-item: null\n      knowledge.old-item: knowledge.digital\n')
    res = validate(run, path)
    first, second = line_of(path, "knowledge.old-item:"), line_of(path, "knowledge.old-item:", 2)
    assert res.exit_code == 2
    assert (f"{path}:{second}:7: migrations[0].indicators.knowledge.old-item: duplicate key 'knowledge.old-item' "
            f"(first at line {first}); YAML would silently keep only the last one") in res.output


def test_a_malformed_old_id_and_a_second_map_from_one_version_are_refused(run, tmp_path: Path) -> None:
    path = bad_model(tmp_path, 'migrations:\n  - from: "1.0.0"\n    indicators:\n      old-item: null\n'
                               '      Knowledge.Products: knowledge.products\n'
                               '  - from: "1.0"\n    indicators: {}\n')
    res = validate(run, path)
    assert res.exit_code == 2
    assert (f"{path}:{line_of(path, 'old-item: null')}:7: migrations[0].indicators.old-item: 'old-item' is not a "
            "full indicator id: write competency.indicator, e.g. knowledge.products") in res.output
    assert f"{path}:{line_of(path, 'Knowledge.Products')}:7: migrations[0].indicators.Knowledge.Products" in res.output
    first, second = line_of(path, '"1.0.0"'), line_of(path, '"1.0"')
    assert (f"{path}:{second}:11: migrations[1].from: a second migration from version 1.0 "
            f"(first at line {first})") in res.output
    assert "3 problem(s)" in res.stderr


def test_an_old_id_the_snapshot_of_that_version_lacks_is_a_warning_not_a_failure(run, tmp_path: Path) -> None:
    path = bad_model(tmp_path, 'migrations:\n  - from: "1.0.0"\n    indicators:\n'
                               '      knowledge.old-item: null\n      knowledge.passbook: null\n')
    quiet = validate(run, path)  # careerkit has no 1.0.0 of this model yet: nothing to check against
    assert quiet.exit_code == 0 and "warning" not in quiet.output
    line = line_of(path, "knowledge.passbook")
    warning = (f"{path}:{line}:7: migrations[0].indicators.knowledge.passbook: warning: version 1.0.0 of this "
               "model has no indicator 'knowledge.passbook'; the map entry is never used")
    from_catalog = validate(run, path, "--models-dir", str(folder_with(tmp_path, "v1", V1)))
    assert from_catalog.exit_code == 0 and warning in from_catalog.output
    assess(run, tmp_path, tmp_path / "v1", "2026-01-10", OLD)  # now a snapshot of 1.0.0 is kept
    res = validate(run, path)
    assert res.exit_code == 0 and warning in res.output
    assert res.output.index(warning) < res.output.index("1 valid")
    assert "warning: " not in res.output.replace(warning, "")  # old-item is in 1.0.0: no warning
    zh = validate(run, path, "--lang", "zh")
    assert "警告：本模型的 1.0.0 版本中没有指标 'knowledge.passbook'；此映射条目不会生效" in zh.output
    # problems first, then the warnings of the other files
    broken = tmp_path / "broken.yaml"
    broken.write_text(without_map().replace("level: 5", "level: 4"), encoding="utf-8")
    both = run("models", "validate", str(path), str(broken))
    assert both.exit_code == 2
    assert both.output.index(str(broken)) < both.output.index(warning)


# ----------------------------------------------------------------------------- models show and the pure rules


def test_models_show_lists_the_migrations(run, tmp_path: Path) -> None:
    models = folder_with(tmp_path, "v2", V2)
    res = run("--models-dir", str(models), "models", "show", "branch")
    assert res.exit_code == 0
    assert "Migrations from earlier versions" in res.output
    assert flat("from 1.0.0 to 2.0.0: 1 indicator(s) renamed, 1 dropped; the others keep their id") in flat(res.output)
    zh = run("--lang", "zh", "--models-dir", str(models), "models", "show", "branch")
    assert "1.0.0 → 2.0.0：1 个指标改名，1 个删除；其余指标标识不变" in zh.output
    data = payload(run("--models-dir", str(models), "models", "show", "branch", "--json").output)
    assert data["migrations"] == [{"from": "1.0.0", "renamed": 1, "dropped": 1, "kept": 0}]
    assert data["model"]["migrations"][0]["indicators"]["knowledge.old-item"] is None
    plain = run("--models-dir", str(folder_with(tmp_path, "v1", V1)), "models", "show", "branch")
    assert "Migrations" not in plain.output


def test_merged_indicators_carry_the_mean_of_their_ratings(tmp_path: Path) -> None:
    from careerkit.core import migration
    from careerkit.model.loader import load_file

    text = without_map() + ('migrations:\n  - from: "1.0.0"\n    indicators:\n'
                            '      complaints.complaint-response: complaints.escalate\n'
                            '      knowledge.old-item: knowledge.products\n')
    model = load_file(folder_with(tmp_path, "m", text) / "branch.yaml").model
    carry = migration.plan(list(OLD), "1.0.0", model)
    ratings = carry.ratings(OLD)
    assert ratings["complaints.escalate"] == 3.0  # (2 + 4) / 2
    assert ratings["knowledge.products"] == 2.0  # (3 + 1) / 2
    assert ratings["complaints.first-contact"] is None and ratings["knowledge.digital"] is None
    assert carry.dropped_ids == [] and carry.new_ids == ["complaints.first-contact", "knowledge.digital"]
    carried = migration.carried_record({"ratings": OLD, "role": "teller"}, model, carry)
    assert carried["scores"]["competencies"]["complaints"]["score"] == 3.0


def test_the_fixture_versions_are_valid_and_kept_out_of_the_models_folder(run) -> None:
    assert not any("branch" in p.name for p in (FIXTURES / "models").iterdir())
    for path in (V1, V2):
        assert validate(run, path).exit_code == 0
    assert yaml.safe_load(V2.read_text(encoding="utf-8"))["migrations"][0]["from"] == "1.0.0"


def test_compare_carries_the_older_records_mentor_review_as_well(run, tmp_path: Path) -> None:
    old, new = two_versions(run, tmp_path)
    mentor = tmp_path / "mentor.json"
    mentor.write_text(json.dumps({"model": "branch", "mentor": "Wang Fang", "date": "2026-01-12", "ratings": {
        **OLD, "complaints.complaint-response": 1, "complaints.escalate": 4}}), encoding="utf-8")
    assert run("--models-dir", str(tmp_path / "v1"), "review", old["id"], "--answers", str(mentor)).exit_code == 0
    res = run("compare", old["id"], new["id"])
    assert res.exit_code == 0
    side_by_side = res.output.split("Self and mentor, side by side")[1]
    complaints = next(line for line in side_by_side.splitlines() if line.startswith("Complaints"))
    # self 3.00 (carried), mentor (1 + 4) / 2 = 2.50 through the map (4.00 if the rename were lost)
    assert [cell.strip() for cell in complaints.split("│")][1:4] == ["3.00", "2.50 ↓", "4.00"]
