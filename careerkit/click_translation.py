"""Click's own words in Chinese: "Usage:", "Options", "Show this message and exit.", its errors.

Click marks its user-facing strings with gettext's ``_`` and ``ngettext`` but ships no
Chinese catalog. When careerkit speaks Chinese, :func:`install` replaces those two
names in click's modules with lookups in :data:`ZH`, so a Chinese-speaking user never
meets an English usage error. Strings not listed stay as click wrote them.
"""

from __future__ import annotations

import importlib

from careerkit.i18n import language

ZH = {
    "Usage:": "用法：",
    "Options": "选项",
    "Commands": "命令",
    "Positional arguments": "位置参数",
    "Show this message and exit.": "显示此帮助并退出。",
    "Show the version and exit.": "显示版本并退出。",
    "Error: {message}": "错误：{message}",
    "Try '{command} {option}' for help.": "运行 '{command} {option}' 查看帮助。",
    "Aborted!": "已中止。",
    "Missing argument": "缺少参数",
    "Missing option": "缺少选项",
    "Missing parameter": "缺少参数",
    "Missing command.": "缺少命令。",
    "Missing {param_type}": "缺少{param_type}",
    "Missing parameter: {param_name}": "缺少参数：{param_name}",
    "No such command {name!r}.": "没有命令 {name!r}。",
    "No such option {name!r}.": "没有选项 {name!r}。",
    "No such option: {name}": "没有选项：{name}",
    "Option {name!r} does not take a value.": "选项 {name!r} 不接受值。",
    "Option {name!r} requires an argument.": "选项 {name!r} 需要一个值。",
    "Option {name!r} requires {nargs} arguments.": "选项 {name!r} 需要 {nargs} 个值。",
    "Invalid value for {param_hint}: {message}": "{param_hint} 的值无效：{message}",
    "Invalid value: {message}": "值无效：{message}",
    "Got unexpected extra argument ({args})": "多余的参数（{args}）",
    "Got unexpected extra arguments ({args})": "多余的参数（{args}）",
    "Did you mean {possibility}?": "是否想输入 {possibility}？",
    "(Did you mean one of: {possibilities}?)": "（是否想输入以下之一：{possibilities}？）",
    "{value!r} is not {choice}.": "{value!r} 不是 {choice}。",
    "{value!r} is not one of {choices}.": "{value!r} 不是 {choices} 之一。",
    "{value!r} is not a valid {number_type}.": "{value!r} 不是有效的{number_type}。",
    "{value} is not in the range {range}.": "{value} 不在范围 {range} 内。",
    "{value!r} does not match the format {format}.": "{value!r} 不符合格式 {format}。",
    "{value!r} does not match the formats {formats}.": "{value!r} 不符合格式 {formats}。",
    "{name} {filename!r} does not exist.": "{name} {filename!r} 不存在。",
    "{name} {filename!r} is a directory.": "{name} {filename!r} 是文件夹。",
    "{name} {filename!r} is a file.": "{name} {filename!r} 是文件。",
    "{name} {filename!r} is not readable.": "{name} {filename!r} 不可读。",
    "{name} {filename!r} is not writable.": "{name} {filename!r} 不可写。",
    "Could not open file {filename!r}: {message}": "无法打开文件 {filename!r}：{message}",
    "Repeat for confirmation": "再次输入以确认",
    "Error: The two entered values do not match.": "错误：两次输入的值不一致。",
    "Error: invalid input": "错误：输入无效",
    "Do you want to continue?": "是否继续？",
    "Confirm the action without prompting.": "不提示，直接确认。",
    "default: {default}": "默认：{default}",
    "env var: {var}": "环境变量：{var}",
    "file": "文件",
    "directory": "文件夹",
    "path": "路径",
    "integer": "整数",
    "float": "数字",
    "Choose from:\n\t{choices}": "可选：\n\t{choices}",
}

_MODULES = ("core", "decorators", "exceptions", "formatting", "parser", "termui", "types", "utils")


def _gettext(message: str) -> str:
    return ZH.get(message, message) if language() == "zh" else message


def _ngettext(singular: str, plural: str, n: int) -> str:
    return _gettext(singular if n == 1 else plural)


def install() -> None:
    """Make click speak Chinese whenever careerkit's current language is Chinese."""
    for name in _MODULES:
        try:
            module = importlib.import_module(f"click.{name}")
        except ImportError:
            continue
        if hasattr(module, "_"):
            module._ = _gettext  # type: ignore[attr-defined]  # click's private gettext alias, replaced on purpose
        if hasattr(module, "ngettext"):
            module.ngettext = _ngettext  # type: ignore[attr-defined]  # click's private gettext alias, replaced on purpose
    from click.formatting import HelpFormatter

    HelpFormatter.write_heading = _heading  # type: ignore[method-assign]  # click's headings in Chinese, on purpose
    if not getattr(HelpFormatter.write_usage, "careerkit", False):
        HelpFormatter.write_usage = _usage(HelpFormatter.write_usage)  # type: ignore[method-assign]  # as above


def retranslate(text: str) -> str:
    """One of click's own texts (the help option's "Show this message and exit.") in the current
    language, whichever language it was made in."""
    if language() == "zh":
        return ZH.get(text, text)
    back = {zh: en for en, zh in ZH.items()}
    return back.get(text, text)


def _heading(self, heading: str) -> None:
    """click writes ``heading + ":"``; Chinese takes the full-width colon (选项：, 命令：)."""
    colon = "：" if language() == "zh" else ":"
    self.write(f"{'':>{self.current_indent}}{heading}{colon}\n")


def _usage(write_usage):
    """``用法：careerkit …``: no space after the full-width colon (click adds one after "Usage:")."""
    def wrapper(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        if prefix is None and language() == "zh":
            prefix = ZH["Usage:"]
        write_usage(self, prog, args, prefix)

    wrapper.careerkit = True
    return wrapper
