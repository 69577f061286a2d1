"""The message catalog: every key the code uses exists, in English and in Chinese."""

from __future__ import annotations

import re
import string
from pathlib import Path

from careerkit import i18n

PACKAGE = Path(__file__).resolve().parent.parent / "careerkit"
KEY = re.compile(r"""(?:\bt|_t|Error|Failed|Damaged|Busy|Failure)\(\s*f?["']([a-z_]+\.[a-z0-9_.]+)["']""")


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


def test_the_checker_finds_half_width_marks_and_leaves_code_and_values_alone() -> None:
    from tests.zh_text import half_width_marks

    assert half_width_marks("岗位: 柜员") and half_width_marks("评估;请查看") and half_width_marks("目标(etiquette)")
    assert half_width_marks("岗位：柜员（teller）；日期") == []
    assert half_width_marks("请用 `careerkit show {id}` 查看，或 {path}") == []
    assert i18n.t("files.output_exists", lang="zh", path="a,b:(c).txt") == "a,b:(c).txt 已存在；如需覆盖请加 --force"
