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
}
