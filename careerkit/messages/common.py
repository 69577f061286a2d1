MESSAGES = {
    "common.error": ("error:", "错误："),
    "common.interrupted": ("Interrupted.", "已中断。"),
    "common.stdout_failed": ("could not write to standard output: {error}", "无法写入标准输出：{error}"),
    "common.internal_error": (
        "internal error: {error}\nThis is a bug in careerkit; run again with --debug for details.",
        "内部错误：{error}\n这是 careerkit 的缺陷；加 --debug 重新运行可查看详情。",
    ),
    "common.no_model": (
        "no competency model given: pass --model ID or set one with `careerkit init`",
        "未指定胜任力模型：请使用 --model ID，或用 `careerkit init` 设置默认模型",
    ),
    "common.no_person": (
        "no person given: pass --person NAME or set one with `careerkit init`",
        "未指定人员：请使用 --person 姓名，或用 `careerkit init` 设置",
    ),
    "common.which_person": (
        "assessments of several people are here ({people}): choose one with --person, or set yours with "
        "`careerkit init`",
        "这里有多人的评估（{people}）：请用 --person 指定，或用 `careerkit init` 设置您自己",
    ),
    "common.no_answer": (
        "a question needed an answer but standard input ended; answer it in a terminal, or pass --yes "
        "(or the option the question asks about) in scripts",
        "有问题需要回答，但标准输入已结束；请在终端中回答，或在脚本中加 --yes（或问题所涉及的选项）",
    ),
    # what a value is, in "expected a number, got text 'yes'" (careerkit/core/message.py kind_of)
    "common.type.boolean": ("a boolean", "布尔值"),
    "common.type.number": ("a number", "数字"),
    "common.type.text": ("text", "文本"),
    "common.type.list": ("a list", "列表"),
    "common.type.mapping": ("a mapping", "映射"),
    "common.type.nothing": ("nothing", "空值"),
    "common.type_and_value": ("{kind} {value}", "{kind} {value}"),
}
