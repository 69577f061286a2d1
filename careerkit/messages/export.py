MESSAGES = {
    "export.help.person": ("Whose records to export (default: the profile's person).", "导出谁的记录（默认：个人资料中的人员）。"),
    "export.help.include": ("Also export these, comma separated: plans, reviews, habits.", "同时导出这些内容（逗号分隔）：plans、reviews、habits。"),
    "export.help.output": ("The bundle file to write (an existing folder: a file named after the person in it; - : standard output).",
                           "要写入的数据包文件（若为已有文件夹则在其中按人员命名；- 表示标准输出）。"),
    "export.help.force": ("Overwrite the file if it exists.", "文件已存在时覆盖。"),
    "export.snapshot_digest": ("the model snapshot {path} does not match its digest: it was changed, and a bundle "
                               "made from it would be refused; put it back from a backup (`careerkit doctor` says how)",
                               "模型快照 {path} 与其摘要值不符：内容已被改动，用它生成的数据包会被拒绝；"
                               "请从备份恢复（`careerkit doctor` 会说明方法）"),
    "export.unknown_kind": ("--include: unknown {kinds}; choose from {known}", "--include：未知的 {kinds}；可选 {known}"),
    "export.unsafe_name": ("cannot make a safe file name from {name!r}; give a file name with -o",
                           "无法由 {name!r} 生成安全的文件名；请用 -o 指定文件名"),
    "export.nothing": ("{person} has no assessments to export; record one with `careerkit assess`",
                       "{person} 没有可导出的评估；请先用 `careerkit assess` 完成一次评估"),
    "export.unavailable": ("note: this version of careerkit cannot export {kind} yet; the bundle holds none",
                           "提示：此版本的 careerkit 尚不能导出 {kind}；数据包中不含此项"),
    "export.done": ("Exported {assessments} assessment(s), {reviews} review(s), {plans} plan(s) and {habits} habit(s) "
                    "of {person} to {path} ({checksum}…).",
                    "已将 {person} 的 {assessments} 次评估、{reviews} 次评价、{plans} 份计划和 {habits} 个习惯导出到 "
                    "{path}（{checksum}…）。"),
}
