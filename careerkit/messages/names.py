MESSAGES = {
    "names.blank": ("a name must not be blank", "姓名不能为空"),
    "names.control": ("the name {name} contains control, invisible or text-direction characters; use plain text",
                      "姓名 {name} 含有控制字符、不可见字符或文字方向字符；请使用普通文本"),
    "names.too_long": ("the name {name} is longer than {limit} characters", "姓名 {name} 超过 {limit} 个字符"),
}
