MESSAGES = {
    "raters.bad_spec": ("rater {spec!r} is not NAME:GROUP (groups: {groups})", "评价人 {spec!r} 不是“姓名：分组”的格式（分组：{groups}）"),
    "raters.unknown_group": ("rater {spec!r}: no rater group {group!r} (groups: {groups})",
                             "评价人 {spec!r}：没有评价人分组 {group!r}（分组：{groups}）"),
    "raters.none": ("no rater given: pass --rater NAME:GROUP once per rater", "未指定评价人：请为每位评价人使用一次 --rater 姓名：分组"),
    "raters.twice": ("rater {name} is named twice", "评价人 {name} 被列出了两次"),
    "raters.two_managers": ("a request has at most one manager", "一次评价邀请最多只能有一位上级"),
    "raters.self": ("{name} is the person reviewed: their own view is the assessment itself",
                    "{name} 是被评价人本人：本人的看法就是评估本身"),
    "raters.bad_min": ("--min-raters must be at least 1, got {value}", "--min-raters 至少为 1，您给出的是 {value}"),
    "raters.unknown_packet": ("no open request has packet {packet}", "没有哪个评价邀请包含评价包 {packet}"),
    "raters.no_request": ("no review request {id!r}; see `careerkit review status`", "没有评价邀请 {id!r}；请查看 `careerkit review status`"),
    "raters.ambiguous_request": ("{id!r} matches several requests: {ids}", "{id!r} 对应多个评价邀请：{ids}"),
}
