MESSAGES = {
    "yaml.not_found": ("no such file", "文件不存在"),
    "yaml.is_dir": ("this is a folder, not a file", "这是文件夹，不是文件"),
    "yaml.too_big": ("the file is larger than {limit} MB", "文件大于 {limit} MB"),
    "yaml.not_utf8": ("the file is not UTF-8 text", "文件不是 UTF-8 文本"),
    "yaml.empty": ("the file is empty", "文件是空的"),
    "yaml.nul": ("the file contains a NUL byte", "文件包含 NUL 字节"),
    "yaml.syntax": ("not valid YAML: {problem}", "不是有效的 YAML：{problem}"),
    "yaml.many_documents": ("only one YAML document is allowed per file", "每个文件只能包含一个 YAML 文档"),
    "yaml.alias": (
        "aliases (*name) are not allowed: write the value out in full",
        "不允许使用别名（*name）：请完整写出该值",
    ),
    "yaml.anchor": (
        "anchors (&{anchor}) are not allowed: write each value out in full",
        "不允许使用锚点（&{anchor}）：请完整写出每个值",
    ),
    "yaml.tag": ("tags such as {tag} are not allowed: plain values only", "不允许使用 {tag} 之类的标签：只能写普通值"),
    "yaml.too_deep": ("nested deeper than {limit} levels", "嵌套超过 {limit} 层"),
    "yaml.too_many_nodes": ("more than {limit} values in one file", "单个文件中的值超过 {limit} 个"),
    "yaml.complex_key": ("a key must be a plain value, not a list or mapping", "键必须是普通值，不能是列表或映射"),
    "yaml.duplicate_key": (
        "duplicate key {key!r} (first at line {first}); YAML would silently keep only the last one",
        "重复的键 {key!r}（首次出现在第 {first} 行）；YAML 会悄悄只保留最后一个",
    ),
}
