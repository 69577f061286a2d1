"""`careerkit models` and the root command, through click's runner and as a real process."""

from __future__ import annotations

import shutil
from pathlib import Path

from rich.cells import cell_len

from careerkit.model.loader import load_file
from tests.conftest import FIXTURES, ROOT, no_traceback, payload

BANK = load_file(ROOT / "competencies" / "bank-customer-service.yaml").model

TINY = FIXTURES / "models" / "tiny.yaml"


def test_list_shows_both_builtin_models(run) -> None:
    res = run("models", "list")
    assert res.exit_code == 0
    assert "bank-customer-service" in res.output and "core-professional" in res.output


def test_list_json_counts_and_sources(run) -> None:
    res = run("models", "list", "--json")
    rows = {r["id"]: r for r in payload(res.output)}
    bank = rows["bank-customer-service"]
    assert bank["source"] == "builtin" and bank["valid"] is True
    assert bank["competencies"] >= 8 and bank["indicators"] >= 24 and bank["roles"] >= 4
    assert len(bank["digest"]) == 64


def test_a_user_model_shadows_the_builtin_one_and_list_says_so(run, tmp_path: Path) -> None:
    folder = tmp_path / "mine"
    folder.mkdir()
    text = TINY.read_text(encoding="utf-8").replace("id: tiny", "id: core-professional")
    (folder / "override.yaml").write_text(text, encoding="utf-8")
    res = run("--models-dir", str(folder), "models", "list", "--json")
    rows = [r for r in payload(res.output) if r["id"] == "core-professional"]
    assert [r["source"] for r in rows] == ["option", "builtin"]
    assert rows[1]["shadowed_by"] == str(folder / "override.yaml")
    table = run("--models-dir", str(folder), "models", "list")
    assert "is shadowed by" in table.output
    shown = run("--models-dir", str(folder), "models", "show", "core-professional", "--json")
    assert payload(shown.output)["model"]["title"]["en"] == "Tiny model"


def test_models_from_the_env_path_list_and_the_home_folder(run, home: Path, tmp_path: Path, monkeypatch) -> None:
    (home / "competencies").mkdir(parents=True)
    shutil.copy(TINY, home / "competencies" / "tiny.yaml")
    other = tmp_path / "env"
    other.mkdir()
    (other / "fr.yaml").write_text((FIXTURES / "models" / "french.yaml").read_text(encoding="utf-8"),
                                   encoding="utf-8")
    monkeypatch.setenv("CAREERKIT_MODELS", str(other))
    rows = {r["id"]: r["source"] for r in payload(run("models", "list", "--json").output)}
    assert rows["tiny"] == "home" and rows["modele-francais"] == "env"


def test_an_invalid_model_in_a_source_is_listed_not_fatal(run, home: Path) -> None:
    (home / "competencies").mkdir(parents=True)
    (home / "competencies" / "broken.yaml").write_text("id: broken\nschema: nope\n", encoding="utf-8")
    res = run("models", "list")
    assert res.exit_code == 0
    assert "invalid" in res.output and "careerkit models validate" in res.output


def test_show_prints_scale_tree_roles_and_digest(run) -> None:
    res = run("models", "show", "bank-customer-service")
    assert res.exit_code == 0
    for text in ("Novice", "Professional knowledge", "Teller", "digest"):
        assert text in res.output
    zh = run("--lang", "zh", "models", "show", "bank-customer-service")
    assert "专业知识" in zh.output and "摘要值" in zh.output


def test_show_json_carries_the_digest_and_canonical_model(run) -> None:
    data = payload(run("models", "show", "core-professional", "--json").output)
    assert data["model"]["schema"] == "careerkit/competency-model/v1"
    assert data["digest"] == payload(run("models", "list", "--json").output)[1]["digest"] or data["digest"]


def test_show_unknown_model_is_exit_2_with_known_ids(run) -> None:
    res = run("models", "show", "nope")
    assert res.exit_code == 2
    assert "unknown model 'nope'" in res.stderr and "bank-customer-service" in res.stderr
    assert no_traceback(res.output)


def test_validate_reports_every_problem_and_exits_2(run, tmp_path: Path) -> None:
    good = tmp_path / "good.yaml"
    shutil.copy(TINY, good)
    bad = tmp_path / "bad.yaml"
    bad.write_text(TINY.read_text(encoding="utf-8").replace("weight: 2", "wieght: 2")
                   .replace("next: [senior]", "next: [nobody]"), encoding="utf-8")
    res = run("models", "validate", str(good), str(bad))
    assert res.exit_code == 2
    assert f"{bad}:15:5: competencies[0].wieght: unknown key 'wieght' (did you mean 'weight'?)" in res.output
    assert f"{bad}:39:12: roles[0].next[0]: no role 'nobody'" in res.output
    assert "2 file(s) checked: 1 valid, 1 invalid (2 problem(s))" in res.stderr
    ok = run("models", "validate", str(good))
    assert ok.exit_code == 0 and "1 valid, 0 invalid" in ok.output


def test_validate_a_folder_and_a_missing_file(run, tmp_path: Path) -> None:
    res = run("models", "validate", str(Path(__file__).resolve().parent.parent / "competencies"))
    assert res.exit_code == 0 and "2 valid" in res.output
    missing = run("models", "validate", str(tmp_path / "absent.yaml"))
    assert missing.exit_code == 2 and "no such file" in missing.output


def test_messages_follow_the_language_option_and_env(run) -> None:
    res = run("--lang", "zh", "models", "show", "nope")
    assert res.exit_code == 2 and "未知的模型" in res.stderr
    res = run("models", "show", "nope", env={"CAREERKIT_LANG": "zh"})
    assert "未知的模型" in res.stderr


def test_version_and_help(run) -> None:
    from careerkit import __version__

    assert run("--version").output.strip() == f"careerkit {__version__}"
    help_text = run("--help").output
    assert "--home" in help_text and "models" in help_text and "--no-color" in help_text


def test_installed_entry_point_runs_as_a_real_process(cli_proc) -> None:
    res = cli_proc("models", "list", "--json")
    assert res.returncode == 0, res.stderr
    assert {r["id"] for r in payload(res.stdout)} >= {"bank-customer-service", "core-professional"}
    bad = cli_proc("models", "show", "nope")
    assert bad.returncode == 2 and no_traceback(bad.stderr)


def test_python_dash_m_works(tmp_path: Path) -> None:
    import subprocess
    import sys

    out = subprocess.run([sys.executable, "-m", "careerkit", "--version"], capture_output=True, text=True,
                         check=True)
    assert out.stdout.startswith("careerkit ")


def test_zh_locale_gives_chinese_messages(cli_proc) -> None:
    res = cli_proc("models", "show", "nope", env={"CAREERKIT_LANG": "", "LANG": "zh_CN.UTF-8", "LC_ALL": ""})
    assert "未知的模型" in res.stderr


def test_root_help_speaks_the_chosen_language(cli_proc) -> None:
    zh = cli_proc("--lang", "zh", "--help")
    assert "终端里的职业规划与胜任力评估工具" in zh.stdout and "存放全部数据和配置的文件夹" in zh.stdout
    assert "显示此帮助并退出" in zh.stdout and "命令" in zh.stdout
    en = cli_proc("--lang", "en", "--help")
    assert "Folder that holds all data and config" in en.stdout and "Show this message and exit." in en.stdout


def test_click_usage_errors_speak_chinese_too(cli_proc) -> None:
    res = cli_proc("--lang", "zh", "models", "shwo")
    assert res.returncode == 2
    assert "错误：没有命令 'shwo'" in res.stderr and "是否想输入 'show'" in res.stderr and "用法：" in res.stderr


# ----------------------------------------------------------------------------- QA: an 80-column terminal


def test_list_keeps_every_title_whole_at_80_columns(run, tmp_path: Path) -> None:
    folder = tmp_path / "mine"
    folder.mkdir()
    shutil.copy(TINY, folder / "a-file-with-a-long-name-that-once-squeezed-the-titles-out.yaml")
    for lang, titles in (("en", ("Bank customer-service competency model", "Core professional competencies")),
                         ("zh", ("银行客户服务人员胜任力模型", "通用职业核心胜任力模型"))):
        res = run("--lang", lang, "--models-dir", str(folder), "models", "list", env={"COLUMNS": "80"})
        assert res.exit_code == 0
        assert "…" not in res.stdout
        first = " ".join(line.split("│")[0].strip() for line in res.stdout.splitlines())
        for title in titles:
            assert title in first or title.replace(" ", "") in first.replace(" ", ""), (lang, res.stdout)


def test_list_warns_about_a_models_dir_that_does_not_exist(run, tmp_path: Path) -> None:
    res = run("--models-dir", str(tmp_path / "typo"), "models", "list")
    assert res.exit_code == 0
    assert f"model folder {tmp_path / 'typo'} does not exist" in res.stdout


def test_show_lists_targets_with_a_column_per_role_readable_at_80_columns(run) -> None:
    res = run("--lang", "zh", "models", "show", "bank-customer-service", env={"COLUMNS": "80"})
    assert res.exit_code == 0 and "…" not in res.stdout
    lines = res.stdout.splitlines()
    # seven roles do not fit beside the competency names: the columns are numbered, the ladder says how
    header = next(ln for ln in lines if ln.startswith("能力项") and "┃" in ln)
    assert [c.strip() for c in header.split("┃")] == ["能力项", "1", "2", "3", "4", "5", "6", "7"]
    row = next(ln for ln in lines if ln.startswith("风险防控与合规 compliance"))
    assert [c.strip() for c in row.split("│")[1:]] == ["2", "3", "4", "4", "4", "5", "4"]
    assert "  2 柜员 teller → 高级柜员" in lines
    assert "  3 高级柜员 senior-teller → 大堂经理、理财经理、运营主管" in lines
    assert "  7 网点负责人 branch-manager → —" in lines
    assert max(cell_len(line) for line in lines) <= 80
    # with room for the titles, each column carries its role's title
    wide = run("--lang", "zh", "models", "show", "bank-customer-service", env={"COLUMNS": "120"}).stdout.splitlines()
    header = next(ln for ln in wide if ln.startswith("能力项") and "┃" in ln)
    assert [c.strip() for c in header.split("┃")][1:] == [r.title["zh"] for r in BANK.roles]
    assert "  柜员 teller → 高级柜员" in wide


def test_validate_an_empty_folder_says_what_is_wrong(run, tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    res = run("models", "validate", str(tmp_path / "empty"))
    assert res.exit_code == 2
    assert f"{tmp_path / 'empty'}: no model files (.yaml or .yml) in this folder" in res.stderr


def test_validate_reports_a_duplicate_key_with_the_other_problems(run, tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(TINY.read_text(encoding="utf-8").replace('version: "1.0"', 'version: "1.0"\nversion: "2"')
                   .replace("weight: 2", "wieght: 2"), encoding="utf-8")
    res = run("models", "validate", str(bad))
    assert res.exit_code == 2
    assert f"{bad}:4:1: version: duplicate key 'version' (first at line 3)" in res.stdout
    assert "unknown key 'wieght' (did you mean 'weight'?)" in res.stdout


def test_a_mistyped_model_id_gets_a_suggestion(run) -> None:
    res = run("models", "show", "bank-customer-servic")
    assert res.exit_code == 2 and "(did you mean 'bank-customer-service'?)" in res.stderr
