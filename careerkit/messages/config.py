MESSAGES = {
    "config.unreadable": ("cannot read the profile {path}: {error}", "无法读取个人资料 {path}：{error}"),
    "config.invalid": (
        "the profile {path} is not valid TOML: {error}. Fix it or run `careerkit init` again",
        "个人资料 {path} 不是有效的 TOML：{error}。请修正，或重新运行 `careerkit init`",
    ),
    "config.unknown_key": (
        "the profile {path} has an unknown key {key!r} (known: {known})",
        "个人资料 {path} 含有未知的键 {key!r}（可用：{known}）",
    ),
    "config.not_text": ("in the profile {path}, {key} must be text", "个人资料 {path} 中的 {key} 必须是文本"),
    "config.bad_lang": (
        "in the profile {path}, lang must be en or zh, not {value!r}",
        "个人资料 {path} 中的 lang 只能是 en 或 zh，不能是 {value!r}",
    ),
    "config.bad_region": (
        "in the profile {path}, region must be one of {known}, not {value!r}",
        "个人资料 {path} 中的 region 只能是 {known} 之一，不能是 {value!r}",
    ),
}
