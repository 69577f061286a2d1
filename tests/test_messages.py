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
        area = module.stem
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


def test_chinese_messages_use_full_width_punctuation_around_chinese_but_not_in_code_or_values() -> None:
    from careerkit.i18n import zh_punctuation

    assert zh_punctuation("未知的模型 {id!r}(可用:{known})") == "未知的模型 {id!r}（可用：{known}）"
    assert (zh_punctuation("已保存, 编号 {id}。请用 `careerkit show {id}` 查看")
            == "已保存，编号 {id}。请用 `careerkit show {id}` 查看")
    assert zh_punctuation("检查 (a, b) 与 {x:g}") == "检查 (a, b) 与 {x:g}"
    assert i18n.t("files.output_exists", lang="zh", path="a,b:(c).txt") == "a,b:(c).txt 已存在；如需覆盖请加 --force"
