MESSAGES = {
    "compare.delta": ("change", "变化"),
    "compare.improved": ("improved", "提升"),
    "compare.declined": ("declined", "下降"),
    "compare.unchanged": ("unchanged", "不变"),
    "compare.unknown": ("—", "—"),
    "compare.same_record": ("both ids name the same assessment {id}: give two different assessments "
                            "(see `careerkit history`)",
                            "两个编号指向同一次评估 {id}：请给出两次不同的评估（见 `careerkit history`）"),
    "compare.different_models": ("cannot compare assessments on different models ({a} and {b})",
                                 "无法比较不同模型上的评估（{a} 与 {b}）"),
    "compare.versions_differ": ("Note: the two assessments use different model versions ({a} and {b}); "
                                "competencies are matched by id.",
                                "注意：两次评估使用的模型版本不同（{a} 与 {b}）；按能力项标识对应比较。"),
    "compare.carry_counts": ("compared on {shared} shared indicators; {dropped} dropped, {new} new",
                             "按 {shared} 个共有指标比较；{dropped} 个已删除，{new} 个新增"),
    "compare.carry_map": ("versions {old} → {new}, carried through the migration map{via}: {counts}",
                          "版本 {old} → {new}，已按迁移映射转换{via}：{counts}"),
    "compare.carry_via": (" (via {versions})", "（途经 {versions}）"),
    "compare.carry_no_map": ("versions {old} → {new} without a migration map from {old} "
                             "(only identical indicator ids are compared): {counts}",
                             "版本 {old} → {new} 之间没有自 {old} 起的迁移映射（只比较标识相同的指标）：{counts}"),
    "compare.carry_same_version": ("model version {version} was changed without a new version number "
                                   "(only identical indicator ids are compared): {counts}",
                                   "模型 {version} 版有改动但版本号未变（只比较标识相同的指标）：{counts}"),
}
