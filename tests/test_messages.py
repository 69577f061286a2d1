"""The message catalog: every key the code uses exists, in English and in Chinese."""

from __future__ import annotations

import ast
import re
import string
from pathlib import Path

from careerkit import i18n

PACKAGE = Path(__file__).resolve().parent.parent / "careerkit"
KEY = re.compile(r"""(?:\bt|_t|Error|Failed|Damaged|Busy|Failure|Message)\(\s*f?["']([a-z_]+\.[a-z0-9_.]+)["']""")


def used_keys() -> set[str]:
    keys = set()
    for path in PACKAGE.rglob("*.py"):
        if "messages" in path.parts:
            continue
        for key in KEY.findall(path.read_text(encoding="utf-8")):
            if not key.endswith("."):
                keys.add(key)
    return keys


def test_every_used_key_exists_in_both_languages() -> None:
    missing = sorted(k for k in used_keys() if not i18n.has(k))
    assert missing == []


def _defined() -> set[str]:
    keys: set[str] = set()
    for module in (PACKAGE / "messages").glob("*.py"):
        if module.name != "__init__.py":
            keys.update(i18n._area(module.stem))
    return keys


def _code_strings() -> tuple[set[str], set[str]]:
    """Every string constant of the code (the catalog's own tables left out), and every key
    prefix a key is built from: ``t(f"plan.kind.{kind}")``, ``"help.opt." + name``, ``startswith("habits.tpl.")``."""
    area_of = {m: a for a, m in i18n.AREA_MODULES.items()}  # messages/model_format.py holds model.*
    areas = {area_of.get(m.stem, m.stem) for m in (PACKAGE / "messages").glob("*.py")}
    exact: set[str] = set()
    prefixes: set[str] = set()
    for path in PACKAGE.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        tables = {id(n) for node in ast.walk(tree) if isinstance(node, ast.Assign)
                  and any(isinstance(x, ast.Name) and x.id == "MESSAGES" for x in node.targets)
                  for n in ast.walk(node.value)}
        for node in ast.walk(tree):
            if id(node) in tables:
                continue
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                exact.add(node.value)
                if node.value.endswith(".") and node.value.partition(".")[0] in areas:
                    prefixes.add(node.value)
            elif isinstance(node, ast.JoinedStr) and node.values and isinstance(node.values[0], ast.Constant):
                prefixes.add(str(node.values[0].value))
            elif (isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add) and isinstance(node.left, ast.Constant)
                  and isinstance(node.left.value, str)):
                prefixes.add(node.left.value)
    # "plan." + fmt names a template, not a key: a bare area prefix counts only where a key is built from it
    built = {p for p in prefixes if "." in p and p.partition(".")[0] in areas
             and (p.partition(".")[2] or p[:-1] in _BUILT_FROM_THE_AREA_ALONE)}
    return exact, built


# areas whose keys are built from the area name alone (t(f"compare.{status}")), checked one by one below
_BUILT_FROM_THE_AREA_ALONE = {"compare"}


def test_every_key_in_the_catalog_is_used_by_the_code() -> None:
    exact, built = _code_strings()
    unused = sorted(k for k in _defined() if k not in exact and not any(k.startswith(p) for p in built))
    assert unused == []


def test_every_key_built_from_parts_has_entries_in_the_catalog() -> None:
    _exact, built = _code_strings()
    defined = _defined()
    assert built and "plan.kind." in built and "habits.unit." in built
    assert sorted(p for p in built if not any(k.startswith(p) for k in defined)) == []
    assert {f"compare.{s}" for s in ("improved", "declined", "unchanged", "unknown")} <= defined
    assert {f"habits.unit.{u}.{form}" for u in ("days", "weeks") for form in ("one", "other")} <= defined


def test_plural_picks_the_form_by_count_in_both_languages() -> None:
    from careerkit.messages.habits import unit_text

    assert i18n.plural("habits.unit.days", 1, lang="en") == "1 day"
    assert i18n.plural("habits.unit.days", 3, lang="en") == "3 days"
    assert i18n.plural("habits.unit.weeks", 1, lang="zh") == "1 周"
    assert unit_text(2, "weeks") == "2 weeks"


def test_every_entry_has_english_and_chinese_with_the_same_placeholders() -> None:
    fmt = string.Formatter()
    for module in (PACKAGE / "messages").glob("*.py"):
        if module.name == "__init__.py":
            continue
        area = {m: a for a, m in i18n.AREA_MODULES.items()}.get(module.stem, module.stem)
        table = i18n._area(area)
        assert table, module
        for key, (en, zh) in table.items():
            assert key.startswith(area + "."), key
            assert en.strip() and zh.strip(), key
            names_en = {f[1] for f in fmt.parse(en) if f[1]}
            names_zh = {f[1] for f in fmt.parse(zh) if f[1]}
            assert names_en == names_zh, key


def test_chinese_is_really_chinese_where_it_is_prose() -> None:
    en, zh = i18n.t("history.empty", lang="en"), i18n.t("history.empty", lang="zh")
    assert en != zh and re.search(r"[\u4e00-\u9fff]", zh)


def test_chinese_entries_are_written_with_full_width_punctuation_next_to_chinese() -> None:
    from careerkit.click_translation import ZH
    from tests.zh_text import half_width_marks

    wrong = {}
    for module in (PACKAGE / "messages").glob("*.py"):
        if module.name != "__init__.py":
            for key, (_en, zh) in i18n._area(module.stem).items():
                if half_width_marks(zh):
                    wrong[key] = half_width_marks(zh)
    wrong.update({en: half_width_marks(zh) for en, zh in ZH.items() if half_width_marks(zh)})
    assert wrong == {}


def test_a_mark_after_a_placeholder_in_a_chinese_sentence_is_full_width_too() -> None:
    """``已拒绝 {path}:{reason}`` reads 已拒绝 a.json:原因: the colon belongs to the sentence, not the value."""
    wrong = []
    for module in (PACKAGE / "messages").glob("*.py"):
        if module.name != "__init__.py":
            for key, (_en, zh) in i18n._area(module.stem).items():
                if re.search(r"[\u4e00-\u9fff]", zh) and re.search(r"\}[,;:?!](?:\s|\{|$)", zh):
                    wrong.append(key)
    assert wrong == []


def test_the_checker_finds_half_width_marks_and_leaves_code_and_values_alone() -> None:
    from tests.zh_text import half_width_marks

    assert half_width_marks("岗位: 柜员") and half_width_marks("评估;请查看") and half_width_marks("目标(etiquette)")
    assert half_width_marks("岗位：柜员（teller）；日期") == []
    assert half_width_marks("请用 `careerkit show {id}` 查看，或 {path}") == []
    assert i18n.t("files.output_exists", lang="zh", path="a,b:(c).txt") == "a,b:(c).txt 已存在；如需覆盖请加 --force"


def test_core_says_things_as_data_and_the_edge_puts_them_into_words_in_either_language() -> None:
    """A Message from core (core/message.py), with a Message, a Listing and a model's Localized text
    among its parameters, reads as the catalog says in English and in Chinese."""
    from careerkit.core.message import Listing, Localized, Message

    roles = Listing.of([Message("roles.titled", id="teller", title=Localized({"en": "Teller", "zh": "柜员"})),
                        Message("roles.titled", id="x", title=Localized({"fr": "Caissier"}))], "-")
    said = Message("roles.unknown_role", role="boss", model="bank", known=roles)
    assert i18n.say(said, "en") == ("no role 'boss' in model bank; give a role's id or title: "
                                    "teller (Teller), x (Caissier)")
    assert i18n.say(said, "zh") == "模型 bank 中没有岗位 'boss'；请给出岗位标识或名称：teller（柜员）、x（Caissier）"
    assert i18n.say(Message("plan.unknown_goal", goal="9", plan="p1", known=Listing.of([], "-")), "en").endswith(": -")
    assert i18n.say("already in words") == "already in words"
