"""`careerkit init`: the profile whose values every command takes as defaults."""

from __future__ import annotations

import stat
import tomllib
from pathlib import Path

from tests.conftest import FIXTURES, no_traceback, payload


def profile(home: Path) -> dict[str, str]:
    return tomllib.loads((home / "config.toml").read_text(encoding="utf-8"))


def test_init_with_options_writes_the_profile(run, home):
    res = run("init", "--person", "李伟", "--model", "bank-customer-service", "--role", "teller", "--lang", "zh")
    assert res.exit_code == 0, res.output
    assert profile(home) == {"person": "李伟", "model": "bank-customer-service", "role": "teller", "lang": "zh"}
    assert stat.S_IMODE((home / "config.toml").stat().st_mode) == 0o600
    assert "careerkit assess" in res.output  # says what to do next


def test_init_asks_for_what_is_missing(run, home):
    res = run("init", input="\nLi Wei\n9\nbank-customer-service\nclerk\n3\nfr\nen\n")  # 3: senior teller
    assert res.exit_code == 0, res.output
    out = res.output
    assert "An answer is needed here." in out
    assert "core-professional" in out and "Core professional competencies" in out  # the catalog list
    assert "'9' is not on the list" in out
    assert "Senior teller" in out  # the model's roles
    assert "'clerk' is not on the list" in out
    assert "Please type en or zh." in out
    assert profile(home) == {"person": "Li Wei", "model": "bank-customer-service", "role": "senior-teller",
                             "lang": "en"}


def test_role_is_optional(run, home):
    res = run("init", "--person", "A", "--model", "core-professional", input="\n\n")
    assert res.exit_code == 0, res.output
    assert profile(home) == {"person": "A", "model": "core-professional", "lang": "en"}


def test_not_enough_answers_is_a_clear_error(run, home):
    res = run("init")
    assert res.exit_code == 2
    assert "not enough answers" in res.output and no_traceback(res.output)
    assert not (home / "config.toml").exists()


def test_unknown_model_or_role_exits_2_and_writes_nothing(run, home):
    res = run("init", "--person", "A", "--model", "nope")
    assert res.exit_code == 2
    assert "unknown model 'nope'" in res.output and no_traceback(res.output)
    assert not (home / "config.toml").exists()

    res = run("init", "--person", "A", "--model", "bank-customer-service", "--role", "captain")
    assert res.exit_code == 2
    assert "no role 'captain' in model bank-customer-service" in res.output
    assert not (home / "config.toml").exists()

    # a role checked against a model picked at the prompt
    res = run("init", "--person", "A", "--role", "captain", input="core-professional\n")
    assert res.exit_code == 2
    assert "no role 'captain' in model core-professional" in res.output
    assert not (home / "config.toml").exists()

    # an existing profile stays byte-identical
    assert run("init", "--person", "A", "--model", "core-professional").exit_code == 0
    before = (home / "config.toml").read_bytes()
    res = run("init", "--force", "--person", "B", "--model", "core-professional", "--role", "teller")
    assert res.exit_code == 2
    assert (home / "config.toml").read_bytes() == before


def test_existing_profile_is_shown_and_replaced_only_after_a_yes(run, home):
    assert run("init", "--person", "A", "--model", "core-professional", "--lang", "en").exit_code == 0
    before = (home / "config.toml").read_bytes()
    new = ("init", "--person", "B", "--model", "bank-customer-service", "--role", "teller", "--lang", "en")

    res = run(*new, input="n\n")
    assert res.exit_code == 0
    assert "A profile already exists" in res.output and "core-professional" in res.output
    assert "Profile unchanged." in res.output
    assert (home / "config.toml").read_bytes() == before

    res = run(*new)  # no one to answer: refuse, and say how
    assert res.exit_code == 2
    assert "pass --force to replace it" in res.output
    assert (home / "config.toml").read_bytes() == before

    assert run(*new, input="y\n").exit_code == 0
    assert profile(home)["person"] == "B"
    assert run("init", "--force", "--person", "C", "--model", "core-professional").exit_code == 0
    assert profile(home) == {"person": "C", "model": "core-professional", "lang": "en"}


def test_rerun_offers_the_current_values_as_defaults(run, home):
    run("init", "--person", "A", "--model", "bank-customer-service", "--role", "teller", "--lang", "en")
    res = run("init", input="y\n\n\n\n\n")  # yes, replace; then Enter everywhere
    assert res.exit_code == 0, res.output
    assert profile(home) == {"person": "A", "model": "bank-customer-service", "role": "teller", "lang": "en"}


def test_a_broken_profile_can_be_replaced(run, home):
    home.mkdir(parents=True)
    (home / "config.toml").write_text("person = [\n")
    res = run("init", "--person", "A", "--model", "core-professional", input="y\n")
    assert res.exit_code == 0, res.output
    assert "cannot be read" in res.output
    assert profile(home)["person"] == "A"


def test_profile_defaults_are_used_by_assess_answers(run, home, tmp_path):
    assert run("init", "--person", "李伟", "--model", "bank-customer-service", "--role", "teller",
               "--lang", "en").exit_code == 0
    answers = tmp_path / "answers.yaml"
    answers.write_text("ratings:\n  knowledge.products: 4\n  communication.listening: 2\n", encoding="utf-8")
    res = run("assess", "--allow-partial", "--answers", str(answers), "--json")
    assert res.exit_code == 0, res.output
    record = payload(res.stdout)
    assert (record["person"], record["model"]["id"], record["role"]) == ("李伟", "bank-customer-service", "teller")
    assert record["ratings"]["knowledge.products"] == 4


def test_profile_defaults_are_used_by_interactive_assess(run, home):
    assert run("--models-dir", str(FIXTURES), "init", "--person", "A", "--model", "tiny", "--role", "junior",
               "--lang", "en").exit_code == 0
    res = run("--models-dir", str(FIXTURES), "assess", "--json", input="2\n2\n2\ny\n")
    assert res.exit_code == 0, res.output
    assert "Your name" not in res.output  # nothing asked but the ratings
    record = payload(res.stdout)
    assert (record["person"], record["model"]["id"], record["role"]) == ("A", "tiny", "junior")


# ----------------------------------------------------------------------------- QA


def test_the_language_chosen_at_the_question_is_spoken_from_then_on(run, home):
    res = run("init", "--person", "李伟", "--model", "bank-customer-service", input="1\nzh\n")
    assert res.exit_code == 0, res.output
    assert "Language, en or zh" in res.stderr  # asked in English ...
    assert "个人资料已保存到" in res.stdout and "下一步" in res.stdout  # ... answered: Chinese from then on
    assert "Profile saved" not in res.stdout


def test_the_profile_values_line_up_under_chinese_labels(run, home):
    from rich.cells import cell_len

    res = run("init", "--person", "李伟", "--model", "bank-customer-service", "--role", "teller", "--lang", "zh")
    rows = [ln for ln in res.stdout.splitlines() if ln.startswith("  ")]
    assert len(rows) == 4
    values = ("李伟", "bank-customer-service", "柜员（teller）", "zh")  # the role by its title
    starts = {cell_len(row[: row.index(value)]) for row, value in zip(rows, values, strict=True)}
    assert starts == {8}  # two spaces, the widest label (2 characters, 4 cells), two spaces
