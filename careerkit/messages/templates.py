MESSAGES = {
    "templates.no_file": ("no such template file: {path}", "模板文件不存在：{path}"),
    "templates.not_found": ("template {name}: cannot find {missing} (a template may only include files in "
                            "its own folder)", "模板 {name}：找不到 {missing}（模板只能包含其所在文件夹中的文件）"),
    "templates.syntax": ("template {name}, line {line}: {error}", "模板 {name} 第 {line} 行：{error}"),
    "templates.render": ("template {name}, line {line}: {error}", "模板 {name} 第 {line} 行：{error}"),
    "templates.too_slow": ("template {name} ran for more than {seconds:g} seconds and was stopped",
                           "模板 {name} 运行超过 {seconds:g} 秒，已被终止"),
    "templates.too_big": ("template {name} produced more than {limit} MB and was stopped",
                          "模板 {name} 输出超过 {limit} MB，已被终止"),
    "templates.internals": ("template {name} tried to print a Python object instead of data, and was stopped",
                            "模板 {name} 试图输出 Python 对象而非数据，已被终止"),
    "templates.too_much_memory": ("template {name} needed more than {limit} MB of memory and was stopped",
                                  "模板 {name} 所需内存超过 {limit} MB，已被终止"),
    "templates.too_deep": ("template {name} recursed too deeply and was stopped", "模板 {name} 递归过深，已被终止"),
}
