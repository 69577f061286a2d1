"""Work habits as pure functions: check-ins → streaks, period counts, completion rates,
warnings, calendars, reports and suggestions.

A habit's history is a mapping ``date → Mark`` (at most one mark per day). The rules, exactly:

- **daily**: the streak is the run of consecutive days with a check-in ending today,
  or ending yesterday when today has none yet.
- **weekdays**: the same over Monday to Friday; Saturdays and Sundays neither break
  nor extend it (a weekend check-in is kept but does not count).
- **workdays**: the same over the days the person works (:mod:`.workdays`): their shift
  roster, else their region's official calendar (China: statutory holidays are days off,
  make-up workdays count, though on a weekend). Days off are passed like skips: neither a
  break nor due; a year the calendar does not know is Monday to Friday, and said so.
- **N/week**: the streak counts consecutive ISO weeks with at least N check-ins, the
  current week included once it has reached N.
- **N/month**: the same over calendar months (``monthly`` is 1/month), the month's
  target scaled by its length; **every N days** (``Nd``): due on every Nth day from the
  habit's start, the days between neither break nor extend the streak.
- A **skipped** day is neither a break nor a check-in for any schedule, and it is left
  out of the due occasions. For N/week each skipped day takes its share of the week
  away: the week's target is ⌈N × (7 − skipped) ÷ 7⌉ (a fully skipped week has none
  and is passed over like a weekend).
- **Completion rate** = check-ins ÷ due occasions over a period, as a percentage. A day
  is one occasion for daily, a weekday one for weekdays; an N/week habit has N a week,
  N/7 per day of the week inside the period, and a week's check-ins count up to its
  occasions. Today is an occasion only once it is checked off (it is not over yet),
  and nothing is due before the habit started (its creation, or ``habits add --since``;
  check-ins before it are refused, so older data is the only way a first check-in precedes it).

Days are local calendar days; "today" comes from :func:`schedules.today`.

The modules, by concept (this package imports none of them, so that ``habits done``
loads only the first three):

- :mod:`.schedules`: schedules, marks and days (parsing ``--every``, ``--date``, ``--month``);
- :mod:`.names`: habit names, notes and quantities: cleaning, comparing, matching a typed part
  of a name (or its pinyin initials);
- :mod:`.workdays`, :mod:`.roster`: the person's working days, and the roster file that sets them;
- :mod:`.streaks`: streaks, this period's count, warnings and completion rates;
- :mod:`.reports`: what ``status``, ``report`` and ``sheet`` show: calendars, per-habit and
  per-competency summaries, the month grid;
- :mod:`.suggestions`: the model's habits for a person's weakest competencies.
"""
