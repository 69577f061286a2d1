"""Messages of `careerkit habits` (English, Chinese)."""

from careerkit.i18n import plural

MESSAGES = {
    # ------------------------------------------------------------------ help
    "habits.help.add": ("Start tracking a habit. NAME may be several words.", "开始跟踪一个习惯。名称可以包含空格。"),
    "habits.help.every": ("How often: daily, workdays (the days you work: your region's official calendar and "
                          "your shift roster), weekdays (Monday to Friday), weekly, N/week (1–7), monthly, "
                          "N/month (1–31) or Nd (every N days from the start).",
                          "频率：daily（每天）、workdays（工作日：按所在地区的法定节假日与调休安排及您的排班表）、"
                          "weekdays（周一至周五）、weekly（每周）、N/week（每周 N 次，1–7）、monthly（每月）、"
                          "N/month（每月 N 次，1–31）或 Nd（从开始日起每 N 天一次）。"),
    "habits.help.since": ("The day the habit starts (default: today); check-ins before it are refused.",
                          "习惯的开始日期（默认：今天）；早于该日期的打卡会被拒绝。"),
    "habits.help.move_since": ("Move the habit's start back to this day first (for a check-in before it).",
                               "先把习惯的开始日期提前到该日（用于补录开始日期之前的打卡）。"),
    "habits.help.competency": ("The competency this habit builds (an id of the model).",
                               "该习惯培养的能力项（模型中的 ID）。"),
    "habits.help.model": ("Competency model (default: the profile's).", "胜任力模型（默认：个人资料中的模型）。"),
    "habits.help.note": ("A short note: why, when, how.", "简短备注：为什么、何时、怎么做。"),
    "habits.help.count": ("How many this time (1–9999), e.g. --count 3 for three customers served.",
                          "本次的数量（1–9999），例如 --count 3 表示服务了三位客户。"),
    "habits.help.check_in_note": ("A note on this check-in (one line, at most 500 characters).",
                                  "本次打卡的备注（一行，最多 500 个字符）。"),
    "habits.help.calendar": ("Show or set the calendar of workdays habits: your region's official holidays and "
                             "make-up workdays, and your own shift roster (a CSV file of days on and off duty).",
                             "查看或设置工作日习惯所用的日历：所在地区的法定节假日与调休上班日，以及您自己的排班表（列出上班和休息日期的 CSV 文件）。"),
    "habits.short.calendar": ("Your workdays: official calendar and shift roster.", "工作日：法定日历与排班表。"),
    "habits.help.region": ("Whose official calendar to follow: cn (mainland China) or none (Monday to Friday).",
                           "按哪里的法定日历：cn（中国大陆）或 none（周一至周五）。"),
    "habits.help.roster": ("Your shift roster, a CSV file: date (or FROM..TO), on or off, an optional note; it "
                           "replaces the one set before.",
                           "您的排班表（CSV 文件）：日期（或 起..止）、on 或 off、可选备注；会替换之前设置的排班表。"),
    "habits.help.clear_roster": ("Remove your shift roster.", "删除您的排班表。"),
    "habits.help.days_ahead": ("How many coming days to list.", "列出今后多少天。"),
    "habits.help.suggest": ("Suggest habits for your weakest competencies (or your plan's focus areas).",
                            "针对最薄弱的能力项（或发展计划的重点）推荐习惯。"),
    "habits.help.person": ("Whose assessment to use (default: the profile's person).",
                           "使用谁的评估（默认：个人资料中的人员）。"),
    "habits.help.adopt": ("Start tracking the suggested habits (asks first).", "开始跟踪推荐的习惯（会先确认）。"),
    "habits.help.yes": ("Do not ask for confirmation.", "不再确认。"),
    "habits.help.list": ("List your habits.", "列出您的习惯。"),
    "habits.help.all": ("Include archived habits.", "包括已归档的习惯。"),
    "habits.help.archive": ("Hide a habit from the daily view; its history is kept.",
                            "从日常视图中隐藏习惯；保留其历史记录。"),
    "habits.help.restore": ("Bring an archived habit back.", "恢复已归档的习惯。"),
    "habits.help.date": ("The day: YYYY-MM-DD, today, yesterday or -N (N days ago).",
                         "日期：YYYY-MM-DD、today、yesterday 或 -N（N 天前）。"),
    "habits.help.done": ("Check a habit off (once per day; again is harmless).", "打卡一个习惯（每天一次；重复打卡无影响）。"),
    "habits.help.skip": ("Mark a planned pause (leave, sickness): it neither breaks the streak nor counts.",
                         "标记计划内的暂停（休假、生病）：既不中断连续记录，也不计为完成。"),
    "habits.help.undo": ("Remove a day's check-in or skip.", "撤销某天的打卡或暂停。"),
    "habits.help.status": ("Streaks, this period's progress, 30-day rates and a 12-week calendar.",
                           "连续天数、本期进度、30 天完成率和 12 周日历。"),
    "habits.help.sheet": ("A printable tracker sheet for a month (Markdown or HTML).", "可打印的月度打卡表（Markdown 或 HTML）。"),
    "habits.help.month": ("The month, YYYY-MM (default: this month).", "月份，YYYY-MM（默认：本月）。"),
    "habits.help.format": ("Output format (default: from the -o file name, else md).",
                           "输出格式（默认：按 -o 文件名判断，否则为 md）。"),
    "habits.help.output": ("Write to FILE instead of the terminal.", "写入文件而不是输出到终端。"),
    "habits.help.force": ("Overwrite FILE if it exists.", "文件已存在时覆盖。"),
    "habits.help.template": ("Render with this Jinja2 template instead of the built-in one.",
                             "使用此 Jinja2 模板代替内置模板。"),
    "habits.help.report": ("Completion per habit and per competency over a period, with the streaks.",
                           "一段时间内每个习惯和每个能力项的完成率及连续记录。"),
    "habits.help.from": ("First day (default: 29 days before --to).", "起始日期（默认：--to 之前 29 天）。"),
    "habits.help.to": ("Last day.", "结束日期。"),
    "habits.short.suggest": ("Suggest habits for your weakest competencies.", "推荐针对薄弱能力项的习惯。"),
    "habits.short.skip": ("Mark a planned pause (leave, sickness).", "标记计划内的暂停（休假、生病）。"),
    "habits.short.status": ("Streaks, rates and a 12-week calendar.", "连续记录、完成率和 12 周日历。"),
    "habits.short.report": ("Completion per habit and competency.", "每个习惯和能力项的完成率。"),
    "habits.help.examples": (
        "\b\nExamples:\n"
        "  careerkit habits add Review product updates --every daily --competency knowledge\n"
        "  careerkit habits done review            # any unique part of the name\n"
        "  careerkit habits done review --date -1  # yesterday\n"
        "  careerkit habits done review --count 3 --note \"three new products\"\n"
        "  careerkit habits add Count the cash --every workdays   # holidays and make-up days included\n"
        "  careerkit habits calendar --roster shifts.csv          # your own shifts override the calendar\n"
        "  careerkit habits status\n"
        "  careerkit habits sheet --format html -o tracker.html",
        "\x08\n示例：\n  careerkit habits add 每日浏览产品与制度更新 --every daily --competency knowledge\n  careerkit habits done 浏览               # 输入名称中唯一的一部分即可\n  careerkit habits done 每日浏览 --date -1   # 昨天\n  careerkit habits done 每日浏览 --count 3 --note \"三款新产品\"\n  careerkit habits add 清点尾箱 --every 工作日   # 按法定节假日与调休安排\n  careerkit habits calendar --roster 排班.csv   # 您的排班优先于法定日历\n  careerkit habits status\n  careerkit habits sheet --format html -o tracker.html"),
    # ------------------------------------------------------------------ errors
    "habits.bad_every": ("--every {value!r} is not a schedule: use daily, workdays, weekdays, weekly, N/week (N from 1 to 7, "
                         "e.g. 3/week), monthly, N/month (N from 1 to 31, e.g. 2/month) or Nd (every N days, "
                         "e.g. 3d)",
                         "--every {value!r} 不是有效频率：请使用 daily、workdays、weekdays、weekly、N/week（N 为 1 到 7，例如 3/week）、"
                         "monthly、N/month（N 为 1 到 31，例如 2/month）或 Nd（每 N 天，例如 3d）；也可写 工作日、每周、每月、每月2次、每3天"),
    "habits.before_start": ("“{name}” starts on {start}, so {day} is before its history; nothing was recorded. "
                            "If it really began earlier, move its start back: "
                            "`careerkit habits {command} \"{name}\" --date {day} --since {day}`",
                            "“{name}”的开始日期是 {start}，{day} 早于该日期；未做记录。如果该习惯确实开始得更早，"
                            "请先把开始日期提前：`careerkit habits {command} \"{name}\" --date {day} --since {day}`"),
    "habits.since_after_day": ("--since {since} is after --date {day}; the start can only move back to the "
                               "day recorded or earlier",
                               "--since {since} 晚于 --date {day}；开始日期只能提前到所记录的日期或更早"),
    "habits.since_moved": ("“{name}” now starts on {since} (was {start}).", "“{name}”的开始日期已改为 {since}（原为 {start}）。"),
    "habits.bad_date": ("{value!r} is not a day: use YYYY-MM-DD, today, yesterday or -N (N days ago)",
                        "{value!r} 不是有效日期：请使用 YYYY-MM-DD、today、yesterday 或 -N（N 天前）"),
    "habits.future_date": ("{day} is in the future (today is {today}); check-ins are for days that have come",
                           "{day} 是将来的日期（今天是 {today}）；只能记录已经到来的日子"),
    "habits.bad_month": ("{value!r} is not a month: use YYYY-MM, e.g. 2025-03", "{value!r} 不是有效月份：请使用 YYYY-MM，例如 2025-03"),
    "habits.too_old": ("{day} is more than ten years ago; check the year (the earliest day accepted is {oldest})",
                       "{day} 是十年以前的日期；请检查年份（最早可记录 {oldest}）"),
    "habits.report_future": ("the period starts ({start}) after today ({today})",
                             "起始日期（{start}）晚于今天（{today}）"),
    "habits.unknown_suffix": ("{path}: careerkit writes {formats}; name the file .md or .html, or pass --format. "
                              "For a PDF, open the HTML in a browser and print it",
                              "{path}:careerkit 只能输出 {formats}；请用 .md 或 .html 作为文件扩展名，或加 --format。如需 PDF，请在浏览器中打开 HTML 后打印"),
    "habits.template_json": ("--template does not apply to --format json; leave one of them out",
                             "--template 不能与 --format json 同时使用；请去掉其中一个"),
    "habits.control_chars": ("{what} contains control or text-direction characters; use plain text",
                             "{what} 含有控制字符或文字方向字符；请使用普通文本"),
    "habits.bad_count": ("--count {value!r} is not a quantity: give a whole number from 1 to {limit}",
                         "--count {value!r} 不是有效数量：请填写 1 到 {limit} 之间的整数"),
    "habits.empty_note": ("--note is empty; leave it out or write the note", "--note 为空；请写上备注或去掉该选项"),
    "habits.calendar_unknown": ("careerkit does not know the official calendar of {years} yet (chinese-calendar "
                                "{version} covers {first}–{last}; the State Council publishes each year's in "
                                "November): workdays habits count Monday to Friday there. Update it with "
                                "`pip install -U chinese-calendar`, or set those days with "
                                "`careerkit habits calendar --roster FILE`.",
                                "careerkit 还没有 {years} 年的法定节假日安排（chinese-calendar {version} 收录 {first}–{last} "
                                "年；国务院通常在每年 11 月公布下一年的安排）：这些年份的工作日习惯暂按周一至周五计算。"
                                "请用 `pip install -U chinese-calendar` 更新，或用 `careerkit habits calendar --roster 文件` "
                                "设置这些日期。"),
    "habits.roster.invalid": ("{path}: the roster has {count} problem(s); nothing was saved:",
                              "{path}：排班表有 {count} 处问题；未做任何保存："),
    "habits.roster.no_duty": ("say on or off after the date (e.g. 2026-12-05,on)",
                              "日期后面请写 on 或 off（例如 2026-12-05,on）"),
    "habits.roster.bad_date": ("{value!r} is not a day: use YYYY-MM-DD or FROM..TO",
                               "{value!r} 不是有效日期：请使用 YYYY-MM-DD 或 起..止"),
    "habits.roster.backwards": ("the range ends ({end}) before it starts ({start})",
                                "日期范围的结束日（{end}）早于开始日（{start}）"),
    "habits.roster.too_long": ("a range is at most {limit} days long", "一个日期范围最长 {limit} 天"),
    "habits.roster.bad_duty": ("{value!r} is neither on nor off (on, work, 上班; off, rest, 休息)",
                               "{value!r} 既不是 on 也不是 off（上班：on、work、上班；休息：off、rest、休息）"),
    "habits.roster.conflict": ("{day} is already given the other way on line {line}",
                               "{day} 已在第 {line} 行写成相反的安排"),
    "habits.roster.too_many": ("a roster holds at most {limit} days", "排班表最多包含 {limit} 天"),
    "habits.roster.both": ("--roster and --clear-roster contradict each other; give one",
                           "--roster 与 --clear-roster 互相矛盾；请只用其中一个"),
    "habits.roster.unreadable": ("cannot read the roster {path}: {error}", "无法读取排班表 {path}：{error}"),
    "habits.roster.not_utf8": ("the roster is not UTF-8 text; save it as UTF-8 (CSV UTF-8)",
                               "排班表不是 UTF-8 文本；请另存为 UTF-8 编码（CSV UTF-8）"),
    "habits.note_too_long": ("a note has at most {limit} characters (this one has {length})",
                             "备注最多 {limit} 个字符（当前 {length} 个）"),
    "habits.exists_archived": ("you already have “{name}”, archived; bring it back with "
                               "`careerkit habits archive \"{name}\" --restore`",
                               '您已有“{name}”（已归档）；可用 `careerkit habits archive "{name}" --restore` 恢复'),
    "habits.bad_range": ("the period starts ({start}) after it ends ({end})", "起始日期（{start}）晚于结束日期（{end}）"),
    "habits.bad_today_env": ("{name}={value!r} is not a day: use YYYY-MM-DD or unset it",
                             "{name}={value!r} 不是有效日期：请使用 YYYY-MM-DD 或取消该变量"),
    "habits.empty_name": ("a habit needs a name", "习惯需要一个名称"),
    "habits.name_too_long": ("a habit name has at most {limit} characters; keep details for --note",
                             "习惯名称最多 {limit} 个字符；详细内容请写在 --note 中"),
    "habits.exists": ("you already track “{name}”; pick another name", "您已在跟踪“{name}”；请换一个名称"),
    "habits.unknown": ("no habit matches {name!r}; your habits: {candidates}", "没有与 {name!r} 匹配的习惯；您的习惯：{candidates}"),
    "habits.none_yet": ("no habit matches {name!r}: you track none yet. Add one with "
                        "`careerkit habits add NAME --every daily`",
                        "没有与 {name!r} 匹配的习惯：您还没有跟踪任何习惯。请用 `careerkit habits add <名称> --every daily` 添加"),
    "habits.ambiguous": ("{name!r} matches several habits: {candidates}; type more of the name",
                         "{name!r} 匹配多个习惯：{candidates}；请输入更完整的名称"),
    "habits.is_archived": ("“{name}” is archived; bring it back with `careerkit habits archive \"{name}\" --restore`",
                           '“{name}”已归档；可用 `careerkit habits archive "{name}" --restore` 恢复'),
    "habits.unknown_competency": ("the model {model} has no competency {id!r}; its competencies: {known}",
                                  "模型 {model} 中没有能力项 {id!r}；可用的能力项：{known}"),
    "habits.skip_done": ("“{name}” is already done on {day}; undo it first (`careerkit habits undo`) to mark "
                         "the day skipped",
                         "“{name}”在 {day} 已打卡；如要标记为暂停，请先撤销（`careerkit habits undo`）"),
    "habits.no_assessment": ("{person} has no assessment yet, so there is nothing to base suggestions on; "
                             "take one with `careerkit assess`",
                             "{person} 还没有评估记录，无法推荐习惯；请先用 `careerkit assess` 完成评估"),
    "habits.damaged": ("the data file {path} holds a record careerkit cannot read ({detail}); nothing was changed. "
                       "Restore it with `careerkit restore --list`",
                       "数据文件 {path} 中有无法读取的记录（{detail}）；未做任何修改。请用 `careerkit restore --list` 恢复"),
    # ------------------------------------------------------------------ results
    "habits.added": ("Now tracking “{name}” ({every}).", "开始跟踪“{name}”（{every}）。"),
    "habits.added_hint": ("Check it off with: careerkit habits done \"{name}\"", '打卡：careerkit habits done "{name}"'),
    "habits.archived": ("Archived “{name}”: hidden from status, history kept.", "已归档“{name}”：不再显示在状态中，历史记录保留。"),
    "habits.restored": ("“{name}” is back in your daily view.", "“{name}”已恢复到日常视图。"),
    "habits.already_archived": ("“{name}” is already archived; nothing changed.", "“{name}”已归档；未做修改。"),
    "habits.not_archived": ("“{name}” is not archived; nothing changed.", "“{name}”未归档；未做修改。"),
    "habits.done": ("“{name}” done {day}", "“{name}” {day}已完成"),
    "habits.skipped": ("“{name}” skipped {day} (the streak is kept)", "“{name}” {day}暂停（连续记录保留）"),
    "habits.was_skipped": (" (was skipped)", "（原为暂停）"),
    "habits.already_done": ("“{name}” was already done {day}; nothing changed", "“{name}” {day}已打卡；未做修改"),
    "habits.already_skip": ("“{name}” was already skipped {day}; nothing changed", "“{name}” {day}已标记暂停；未做修改"),
    "habits.undone_done": ("removed the check-in of “{name}” {day}", "已撤销“{name}” {day}的打卡"),
    "habits.undone_skip": ("removed the skip of “{name}” {day}", "已撤销“{name}” {day}的暂停"),
    "habits.undo_nothing": ("“{name}” has nothing recorded {day}; nothing changed", "“{name}” {day}没有记录；未做修改"),
    "habits.day.today": ("today", "今天"),
    "habits.day.yesterday": ("yesterday ({date})", "昨天（{date}）"),
    "habits.day.date": ("{date}", "{date} "),  # a space between the digits and the Chinese that follows
    "habits.streak_is": ("streak {streak}", "连续 {streak}"),
    "habits.this_week": ("this week {count}/{target}", "本周 {count}/{target}"),
    "habits.this_month": ("this month {count}/{target}", "本月 {count}/{target}"),
    "habits.not_due_note": (" (not a due day: “{name}” is due every {n} days, next on {next})",
                            "（该日不是应打卡日：“{name}”每 {n} 天一次，下次是 {next}）"),
    "habits.unit.days.one": ("{n} day", "{n} 天"),  # i18n.plural: .one for 1, .other for the rest
    "habits.unit.days.other": ("{n} days", "{n} 天"),
    "habits.unit.weeks.one": ("{n} week", "{n} 周"),
    "habits.unit.weeks.other": ("{n} weeks", "{n} 周"),
    "habits.unit.months.one": ("{n} month", "{n} 个月"),
    "habits.unit.months.other": ("{n} months", "{n} 个月"),
    "habits.every.daily": ("daily", "每天"),
    "habits.every.weekdays": ("weekdays", "周一至周五"),
    "habits.every.workdays": ("workdays", "工作日"),
    "habits.every.weekly": ("{n}/week", "每周 {n} 次"),
    "habits.every.monthly": ("monthly", "每月"),
    "habits.every.per_month": ("{n}/month", "每月 {n} 次"),
    "habits.every.interval": ("every {n} days", "每 {n} 天"),
    "habits.written": ("Wrote {path}", "已写入 {path}"),
    # ------------------------------------------------------------------ status, list, suggest
    "habits.status_empty": ("No habits yet. Add one with `careerkit habits add NAME --every daily`, or see "
                            "`careerkit habits suggest`.",
                            "还没有习惯。可用 `careerkit habits add <名称> --every daily` 添加，或查看 `careerkit habits suggest`。"),
    "habits.list_empty": ("No habits yet. Add one with `careerkit habits add NAME`.", "还没有习惯。可用 `careerkit habits add <名称>` 添加。"),
    "habits.warn": ("“{name}”: do it today to keep your streak of {streak}.", "“{name}”：今天完成才能保住连续 {streak}的记录。"),
    "habits.day_off_note.weekend": (" (not a workday on your calendar: it does not count for a workdays habit)",
                                    "（按您的日历该日不是工作日：工作日习惯不计入）"),
    "habits.day_off_note.holiday": (" (a public holiday, {holiday}: it does not count for a workdays habit)",
                                    "（该日为{holiday}假期：工作日习惯不计入）"),
    "habits.day_off_note.off_duty": (" (off duty on your roster: it does not count for a workdays habit)",
                                     "（按您的排班表该日休息：工作日习惯不计入）"),
    "habits.check_in_updated": ("“{name}” done {day}, updated: {details}", "“{name}” {day}已打卡，已更新：{details}"),
    "habits.region_set": ("Workdays now follow {region}.", "工作日已改为按{region}。"),
    "habits.region.cn": ("mainland China's official calendar", "中国大陆的法定节假日安排"),
    "habits.region.none": ("Monday to Friday", "周一至周五"),
    "habits.roster.set": ("Shift roster set: {count} days from {first} to {last}; they override the calendar.",
                          "已设置排班表：{first} 至 {last} 共 {count} 天，优先于法定日历。"),
    "habits.roster.cleared": ("Shift roster removed.", "已删除排班表。"),
    "habits.roster.shown": ("Shift roster: {count} days from {first} to {last} (they override the calendar).",
                            "排班表：{first} 至 {last} 共 {count} 天（优先于法定日历）。"),
    "habits.calendar_official": ("Workdays follow {region} (chinese-calendar {version}, {first}–{last}).",
                                 "工作日按{region}计算（chinese-calendar {version}，{first}–{last} 年）。"),
    "habits.summaries_ok": ("The habit summaries ({count}) match the check-ins.", "习惯摘要（{count} 个）与打卡记录一致。"),
    "habits.summaries_stale": ("{count} habit summary file(s) do not match the check-ins, e.g. {first}; habits status "
                               "reads every year of those habits until they are rebuilt",
                               "{count} 个习惯摘要文件与打卡记录不一致，例如 {first}；在重建之前，habits status "
                               "会读取这些习惯的全部年份"),
    "habits.summaries_fixed": ("rebuilt {count} habit summary file(s) from the check-ins",
                               "已根据打卡记录重建 {count} 个习惯摘要文件"),
    "habits.calendar_plain": ("Workdays are Monday to Friday (no official calendar: region none).",
                              "工作日为周一至周五（未使用法定日历：region none）。"),
    "habits.calendar_nothing": ("No holiday, make-up workday or roster day in the next {days} days.",
                                "今后 {days} 天内没有节假日、调休上班日或排班日。"),
    "habits.calendar_coming": ("The next {days} days, where they differ from Monday to Friday:",
                               "今后 {days} 天中与周一至周五不同的日子："),
    "habits.day_kind.makeup": ("make-up workday", "调休上班"),
    "habits.day_kind.on_duty": ("on duty (roster)", "上班（排班）"),
    "habits.day_kind.holiday": ("public holiday", "法定节假日"),
    "habits.day_kind.off_duty": ("off duty (roster)", "休息（排班）"),
    "habits.holiday.new_years_day": ("New Year's Day", "元旦"),
    "habits.holiday.spring_festival": ("Spring Festival", "春节"),
    "habits.holiday.tomb_sweeping_day": ("Tomb-sweeping Day", "清明节"),
    "habits.holiday.labour_day": ("Labour Day", "劳动节"),
    "habits.holiday.dragon_boat_festival": ("Dragon Boat Festival", "端午节"),
    "habits.holiday.national_day": ("National Day", "国庆节"),
    "habits.holiday.mid_autumn_festival": ("Mid-autumn Festival", "中秋节"),
    "habits.holiday.anti_fascist_70th_day": ("the 70th anniversary of the victory over fascism", "抗战胜利 70 周年纪念日"),
    "habits.weekend_note": (" (weekends do not count for a weekdays habit)", "（工作日习惯的周末打卡不计入连续记录）"),
    "habits.col.habit": ("Habit", "习惯"),
    "habits.col.every": ("Every", "频率"),
    "habits.col.streak": ("Streak", "连续"),
    "habits.col.best": ("Best", "最佳"),
    "habits.col.now": ("Now", "本期"),
    "habits.col.rate30": ("30 days", "30 天"),
    "habits.col.competency": ("Competency", "能力项"),
    "habits.col.since": ("Since", "开始于"),
    "habits.col.note": ("Note", "备注"),
    "habits.period.today": ("today {count}/{target}", "今天 {count}/{target}"),
    "habits.period.week": ("week {count}/{target}", "本周 {count}/{target}"),
    "habits.period.month": ("month {count}/{target}", "本月 {count}/{target}"),
    "habits.period.not_due": ("not due today", "今天无需打卡"),
    "habits.period.weekend": ("weekend", "周末"),
    "habits.period.holiday": ("holiday", "节假日"),
    "habits.period.off_duty": ("off duty", "休息"),
    "habits.period.skipped": ("today skipped", "今天暂停"),
    "habits.legend.done": ("done", "完成"),
    "habits.legend.missed": ("missed", "未完成"),
    "habits.legend.skip": ("skipped", "暂停"),
    "habits.legend.open": ("open", "待完成"),
    "habits.legend.holiday": ("holiday or off duty", "节假日或休息"),
    "habits.weekdays_short": ("Mo Tu We Th Fr Sa Su", "一 二 三 四 五 六 日"),
    "habits.months_short": ("Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec",
                            "1月 2月 3月 4月 5月 6月 7月 8月 9月 10月 11月 12月"),
    "habits.archived_on": ("archived {date}", "{date} 归档"),
    "habits.tracked": ("tracked", "已跟踪"),
    "habits.suggest_from_assessment": ("Habits for the weakest competencies in {person}'s latest assessment "
                                       "({model}):", "根据 {person} 最近一次评估中最薄弱的能力项推荐的习惯（{model}）："),
    "habits.suggest_from_plan": ("Habits for the focus areas of {person}'s development plan ({model}):",
                                 "根据 {person} 发展计划的重点领域推荐的习惯（{model}）："),
    "habits.suggest_none": ("The model suggests no habits for these competencies.", "模型没有为这些能力项推荐习惯。"),
    "habits.suggest_hint": ("Adopt them with `careerkit habits suggest --add`, or add one with "
                            "`careerkit habits add NAME --competency ID`.",
                            "用 `careerkit habits suggest --add` 全部采纳，或用 `careerkit habits add <名称> --competency ID` 逐个添加。"),
    "habits.suggest_nothing_new": ("You already track every suggested habit.", "推荐的习惯您都已在跟踪。"),
    "habits.suggest_confirm": ("Start tracking these {count} habits?", "开始跟踪这 {count} 个习惯吗？"),
    "habits.suggest_cancelled": ("Nothing added.", "未添加任何习惯。"),
    "habits.suggest_added": ("Now tracking {count} new habits. See them with `careerkit habits status`.",
                             "已开始跟踪 {count} 个新习惯。用 `careerkit habits status` 查看。"),
    # ------------------------------------------------------------------ templates
    "habits.tpl.sheet_title": ("Habit tracker", "习惯打卡表"),
    "habits.tpl.report_title": ("Habit report", "习惯报告"),
    "habits.tpl.habit": ("Habit", "习惯"),
    "habits.tpl.every": ("Every", "频率"),
    "habits.tpl.competency": ("Competency", "能力项"),
    "habits.tpl.name": ("Name", "姓名"),
    "habits.tpl.sheet_help": ("Tick a box each day you do the habit. Grey boxes are not due; ✓ already recorded, "
                              "– skipped. Then record it: careerkit habits done NAME --date YYYY-MM-DD",
                              "每完成一次就在当天的方框中打勾。灰色方框表示当天不需要；✓ 表示已记录，– 表示暂停。之后录入：careerkit habits done 名称 --date YYYY-MM-DD"),
    "habits.tpl.sheet_help_md": ("Tick a box each day you do the habit; · is not due that day, ☑ already recorded, "
                                 "– skipped. Then record it: careerkit habits done NAME --date YYYY-MM-DD",
                                 "每完成一次就在当天的方框中打勾；· 表示当天不需要，☑ 表示已记录，– 表示暂停。之后录入：careerkit habits done 名称 --date YYYY-MM-DD"),
    "habits.tpl.no_habits": ("No habits to track yet.", "还没有要跟踪的习惯。"),
    "habits.tpl.period": ("Period", "期间"),
    "habits.tpl.done": ("Check-ins", "打卡次数"),
    "habits.tpl.due": ("Due", "应完成"),
    "habits.tpl.rate": ("Completion", "完成率"),
    "habits.tpl.skipped": ("Skipped", "暂停"),
    "habits.tpl.streak": ("Streak at end", "期末连续"),
    "habits.tpl.best": ("Best in period", "期间最佳"),
    "habits.tpl.quantity": ("Quantity", "数量"),
    "habits.tpl.by_habit": ("By habit", "按习惯"),
    "habits.tpl.by_competency": ("By competency", "按能力项"),
    "habits.tpl.habits": ("Habits", "习惯数"),
    "habits.tpl.total": ("Total", "合计"),
    "habits.tpl.none": ("(no competency)", "（未关联能力项）"),
    "habits.tpl.archived": ("archived", "已归档"),
    "habits.tpl.generated": ("Made with careerkit on {date}", "由 careerkit 于 {date} 生成"),
    "habits.tpl.model": ("Competency model", "胜任力模型"),
    "habits.tpl.made": ("Made on", "生成日期"),
    "habits.tpl.rate_note": ("Completion = check-ins ÷ due occasions; skipped days are not due, weekends are not "
                             "due for weekday habits, an N/week habit is due N times a week, an N/month habit "
                             "N times a month, an every-N-days habit on every Nth day from its start.",
                             "完成率 = 打卡次数 ÷ 应完成次数；暂停的日子不计入，工作日习惯的周末不计入，每周 N 次的习惯每周应完成 N 次，"
                             "每月 N 次的习惯每月应完成 N 次，每 N 天的习惯从开始日起每第 N 天应完成一次。"),
    "habits.month_title": ("{name} {year}", "{year}年{name}"),  # name: the month as in habits.tpl.months
    "habits.tpl.months": ("January February March April May June July August September October November December",
                          "1月 2月 3月 4月 5月 6月 7月 8月 9月 10月 11月 12月"),
    "habits.tpl.weekday_initials": ("M T W T F S S", "一 二 三 四 五 六 日"),
}


def unit_text(n: int, unit: str) -> str:
    """``3 days``, ``1 week``, ``3 天``: a count with its unit, singular or plural."""
    return plural(f"habits.unit.{unit}", n)


def flames(n: int, unit: str) -> str:
    """A flame for a streak worth keeping, more for longer ones (3, 30, 100 days; 2, 8, 26 weeks; 2, 6, 12 months)."""
    steps = (2, 8, 26) if unit == "weeks" else (2, 6, 12) if unit == "months" else (3, 30, 100)
    return "🔥" * sum(n >= s for s in steps)


def template_labels(kind: str, lang: str) -> dict[str, object]:
    """Every label a habits template needs, in ``lang``: ``labels.title``, ``labels.months[0]`` ..."""
    index = 1 if lang == "zh" else 0
    labels: dict[str, object] = {}
    for key, texts in MESSAGES.items():
        if key.startswith("habits.tpl."):
            labels[key.removeprefix("habits.tpl.")] = texts[index]
    labels["title"] = labels["sheet_title"] if kind == "sheet" else labels["report_title"]
    labels["months"] = str(labels["months"]).split()
    labels["weekday_initials"] = str(labels["weekday_initials"]).split()
    return labels
