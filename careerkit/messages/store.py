MESSAGES = {
    "store.wrong_shape": (
        "the data file {path} is damaged ({detail}); nothing was changed. "
        "Restore it with `careerkit restore --list`",
        "数据文件 {path} 已损坏（{detail}）；未做任何修改。请用 `careerkit restore --list` 恢复",
    ),
    "store.wrong_kind": (
        "{path} is not a careerkit {kind} store (its header is missing or names another kind); "
        "nothing was changed. Restore it with `careerkit restore --list`",
        "{path} 不是 careerkit 的 {kind} 数据文件（文件头缺失或类型不符）；未做任何修改。请用 `careerkit restore --list` 恢复",
    ),
    "store.no_header": (
        "{path} is not a careerkit data file (its header is missing); nothing was changed",
        "{path} 不是 careerkit 数据文件（缺少文件头）；未做任何修改",
    ),
    "store.too_new": (
        "{path} was written by a newer careerkit (schema {found}; this version reads up to {supported}). "
        "Upgrade careerkit to use it",
        "{path} 由更新版本的 careerkit 写入（结构版本 {found}；本版本最高支持 {supported}）。请升级 careerkit",
    ),
}
