MESSAGES = {
    "files.write_failed": ("could not write {path}: {error}", "无法写入 {path}：{error}"),
    "files.read_failed": ("could not read {path}: {error}", "无法读取 {path}：{error}"),
    "files.mkdir_failed": ("could not create the folder {path}: {error}", "无法创建文件夹 {path}：{error}"),
    "files.lock_failed": ("could not take the lock {path}: {error}", "无法获取锁 {path}：{error}"),
    "files.lock_busy": (
        "another careerkit process (pid {pid}, `careerkit {command}`) is still writing; tried for a while and "
        "gave up. Try again when it has finished (lock: {path})",
        "另一个 careerkit 进程（pid {pid}，`careerkit {command}`）正在写入，等待超时。请在其结束后重试（锁文件：{path}）",
    ),
    "files.store_missing": (
        "the data file {path} is missing but its backups exist; careerkit will not start it anew. "
        "Restore it with `careerkit restore --list`",
        "数据文件 {path} 不见了，但其备份仍在；careerkit 不会重新创建它。请用 `careerkit restore --list` 恢复",
    ),
    "files.store_empty": (
        "the data file {path} is empty ({size} bytes); careerkit will not treat it as new. "
        "Restore it with `careerkit restore --list`",
        "数据文件 {path} 是空的（{size} 字节）；careerkit 不会把它当作新文件。请用 `careerkit restore --list` 恢复",
    ),
    "files.store_unparsable": (
        "the data file {path} is damaged ({error}); nothing was changed. "
        "Restore it with `careerkit restore --list`",
        "数据文件 {path} 已损坏（{error}）；未做任何修改。请用 `careerkit restore --list` 恢复",
    ),
    "files.store_not_json": (
        "the data file {path} is damaged (not valid JSON at line {line}, column {column}); nothing was changed. "
        "Restore it with `careerkit restore --list`",
        "数据文件 {path} 已损坏（第 {line} 行第 {column} 列不是有效的 JSON）；未做任何修改。请用 `careerkit restore --list` 恢复",
    ),
    "files.store_unsealed": (
        "the data file {path} is damaged (it is cut short or was edited by hand: its checksum is missing); "
        "nothing was changed. Restore it with `careerkit restore --list`",
        "数据文件 {path} 已损坏（内容被截断或被手工修改：缺少校验和）；未做任何修改。请用 `careerkit restore --list` 恢复",
    ),
    "files.store_checksum": (
        "the data file {path} is damaged (its checksum does not match its content); nothing was changed. "
        "Restore it with `careerkit restore --list`",
        "数据文件 {path} 已损坏（校验和与内容不符）；未做任何修改。请用 `careerkit restore --list` 恢复",
    ),
    "files.store_unreadable": ("cannot read the data file {path}: {error}", "无法读取数据文件 {path}：{error}"),
    "files.output_exists": (
        "{path} already exists; pass --force to overwrite it",
        "{path} 已存在；如需覆盖请加 --force",
    ),
    "files.output_no_folder": (
        "cannot write {path}: the folder {folder} does not exist",
        "无法写入 {path}：文件夹 {folder} 不存在",
    ),
    "files.output_is_dir": ("{path} is a folder; give a file name", "{path} 是文件夹；请给出文件名"),
    "files.commit_unfinished": (
        "the change is recorded but could not be completed ({error}); the next careerkit command completes "
        "it before anything else (journal: {path})",
        "更改已记录，但未能完成（{error}）；下一个 careerkit 命令会先将其完成（日志：{path}）",
    ),
    "files.journal_damaged": (
        "the journal {path} of an interrupted save is damaged; careerkit will not guess what it held. "
        "Check the home folder with `careerkit doctor`",
        "中断的保存所留的日志 {path} 已损坏；careerkit 不会猜测其内容。请用 `careerkit doctor` 检查数据文件夹",
    ),
    "files.output_not_folder": ("{path} ends with a slash, so it names a folder, but it is a file",
                                "{path} 以斜杠结尾，应为文件夹，但它是一个文件"),
}
