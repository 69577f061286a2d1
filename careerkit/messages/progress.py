MESSAGES = {
    "progress.trend": ("trend", "趋势"),
    "progress.first": ("first", "首次"),
    "progress.latest": ("latest", "最近"),
    "progress.change": ("change", "变化"),
    "progress.count": ("{count} assessment(s) from {first} to {last}", "{count} 次评估，{first} 至 {last}"),
    "progress.many_people": ("assessments of several people ({people}): choose one with --person",
                             "存在多人的评估（{people}）：请用 --person 指定一人"),
    "progress.many_models": ("assessments on several models ({models}): choose one with --model",
                             "存在多个模型上的评估（{models}）：请用 --model 指定一个"),
    "progress.carried_head": ("{count} of {total} assessment(s) were taken on an earlier model version "
                              "and are scored on {version}:",
                              "{total} 次评估中有 {count} 次使用较早的模型版本，现按 {version} 版计分："),
    "progress.carried_group": ("  {count} × {line}", "  {count} 次：{line}"),
}
