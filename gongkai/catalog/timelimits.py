"""Structured time limits (公开时限): parsing the catalog's text as real county catalogs write it, and computing when
information is due.

`parse_time_limit(text)` never raises: it returns a `TimeLimit` whose `kind` says what was understood, and
`TimeLimitKind.NOT_COMPUTABLE` (with the text kept, no due date) for anything it cannot turn into a date. The
importer turns that kind into a warning (row, column, text); a phrase never blocks an import.

Kinds and what `TimeLimit.due_date(formed_on, event_on=...)` returns (a `gongkai.core.workdays.WorkdayResult` or
None):
- WORKING_DAYS N ("自信息形成或者变更之日起20个工作日内", "制定或获取信息之日起10个工作日内"): the N-th working day
  after `formed_on` (the first day is not counted), on the region's calendar.
- CALENDAR_DAYS N ("形成之日起30日内"): `formed_on` + N days, moved to the next working day when that is not one
  (《民法典》第二百零三条).
- MONTHS N ("信息形成之日起3个月内"): the same day N months later (the month's last day when it has no such day),
  moved to the next working day likewise.
- RELATIVE: N working days, N days or N months after (or before) an event other than the information's formation
  ("作出行政决定之日起7个工作日内", "分配结果确定后20个工作日内", "开标前", "出让前15日", "项目竣工后1个月内",
  "公示期满后5个工作日内", "批准后20日内"): computed from `event_on` (the record's event date); None without it.
  "前" with no number means the day before the event.
- PERIODIC ("每月10日前", "每季度", "每季度结束后15日内", "每半年", "次年3月底前"): the item is periodic
  (`is_periodic`); the due date is the next deadline of the period on or after `formed_on` (the period's last day
  when the text names no day).
- YEARLY month/day ("每年1月31日前"): the next such date on or after `formed_on` (a periodic item with period "year").
- REAL_TIME ("实时公开"): `formed_on`; PROMPTLY ("及时公开") and LONG_TERM ("长期公开"): None.
- PUBLICITY N alone ("公示7个工作日"): None; `publicity_end(published_on)` gives the end of the notice.
- NOT_COMPUTABLE: None.

A text with several rules ("20个工作日内公开;其中行政许可、行政处罚事项应自作出行政决定之日起7个工作日内公示") gives
the general rule as the `TimeLimit` and the others in `also` with the scope they apply to. "同上" (same as the row
above) parses as `same_as_above`; the importer replaces it with the row above's text. Traditional characters,
full-width digits and punctuation, spaces inside cells and the usual typos ("20工作日内", "信息形成个20个工作日内")
are normalised first.
"""

import calendar
import re
from dataclasses import asdict, dataclass, field, replace
from datetime import date, timedelta
from functools import lru_cache

from django.utils.translation import gettext as _

from gongkai.core.workdays import WorkCalendar, WorkdayResult, add_workdays, is_workday

from .models.choices import TimeLimitKind

CHINESE_DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
NUMBER = r"([0-9]+|[零〇一二两三四五六七八九十百]+)"
UNIT = r"(个?工作日|个?自然日|个?日历日|日|天|个月|月)"
WITHIN = r"(?:内|以内|之内)"

# Traditional characters seen in published catalogs (and the financial numerals some sites use), to Simplified.
TRADITIONAL_PAIRS = (
    "內内 個个 變变 開开 時时 後后 從从 規规 該该 於于 決决 準准 發发 屆届 滿满 獲获 週周 與与 當当 應应 "
    "實实 長长 報报 結结 會会 議议 項项 對对 據据 辦办 處处 書书 單单 確确 認认 為为 將将 並并 審审 則则 "
    "調调 徵征 況况 義义 頒颁 續续 隨随 預预 現现 場场 設设 記记 錄录 價价 號号 權权 務务 劃划 區区 縣县 "
    "鄉乡 鎮镇 農农 補补 貼贴 資资 產产 評评 環环 論论 證证 請请 級级 間间 關关 驗验 標标 讓让 簽签 訂订 "
    "約约 國国 衛卫 數数 統统 計计 經经 濟济 學学 終终 費费 紀纪 復复 覆复 擬拟 聽听 歷历 須须 餘余 萬万 "
    "兩两 億亿 壹一 貳二 參三 肆四 伍五 陸六 柒七 捌八 玖九 拾十 佈布 製制 遞递 閱阅 覽览 網网 頁页 達达 "
    "遲迟 專专 屬属 樣样 遷迁 養养 療疗 戶户 災灾 險险 歲岁 適适 進进 曰日 啟启 動动 屬属 價价 竣竣 員员 職职 "
)
TRADITIONAL = str.maketrans({pair[0]: pair[1] for pair in TRADITIONAL_PAIRS.split()})
FULL_WIDTH = str.maketrans("０１２３４５６７８９；，。：（）　", "0123456789;,。:()" + " ")

FORMATION_WORDS = (
    "形成",
    "变更",
    "制定",
    "获取",
    "产生",
    "制作",
    "印发",
    "颁布",
    "发布",
    "签发",
    "下发",
    "生成",
    "出台",
    "更新",
)
LONG_TERM_PATTERN = re.compile(r"长期公开|永久公开|常年公开|长期有效|常态化公开|长期保留|保持长期公开|长期")
REAL_TIME_PATTERN = re.compile(r"实时")
PROMPTLY_PATTERN = re.compile(r"及时|即时|随时")
SAME_AS_ABOVE_PATTERN = re.compile(r"^(?:同上|同前|同上栏|同上条|同上一行|同上述)$")
PUBLICITY_PATTERN = re.compile(
    r"(?:公示|公告|征求意见)(?:期|时间|期限)?(?:为|不少于|不得少于|不低于)?" + NUMBER + r"(个?工作日|日|天)"
)
YEARLY_PATTERN = re.compile(r"每年" + NUMBER + r"月" + NUMBER + r"日(?:前|之前|以前)")
NEXT_YEAR_PATTERN = re.compile(r"次年" + NUMBER + r"月(?:" + NUMBER + r"日|底|末)(?:前|之前|以前)?")
MONTHLY_PATTERN = re.compile(r"每(?:个)?月(?:的)?" + NUMBER + r"日(?:前|之前|以前)?")
PERIOD_WORDS = {"月": "month", "季度": "quarter", "季": "quarter", "半年": "half_year", "年": "year", "年度": "year"}
PERIOD_PATTERN = re.compile(r"(?:每|按)(个月|月|季度|季|半年|年度|年)")
AFTER_PERIOD_PATTERN = re.compile(r"(?:结束|终了|期满)(?:后|之日起)" + NUMBER + UNIT + WITHIN + "?")
FIRST_MONTH_DAY_PATTERN = re.compile(r"(?:首个?月|首月|第一个月)" + NUMBER + r"日")
RELATIVE_PATTERN = re.compile(
    r"(?P<event>[^;,。]*?)(?:之日起|之日后|起|之后|以后|后)(?:的)?" + NUMBER + UNIT + WITHIN + r"?"
)
BEFORE_PATTERN = re.compile(r"(?P<event>[^;,。]+?)(?:前|之前|以前)" + NUMBER + UNIT)
BEFORE_ONLY_PATTERN = re.compile(r"(?P<event>[^;,。每]{2,}?)(?:前|之前|以前)(?:公开|公示|发布|公布)?$")
BARE_PATTERN = re.compile(r"(?P<event>[^;,。]*?)" + NUMBER + UNIT + r"(?:" + WITHIN + r"|不超过)")
WITHIN_LIMIT_PATTERN = re.compile(r"不超过" + NUMBER + UNIT)
AT_EVENT_PATTERN = re.compile(r"^在?(?P<event>[^;,。]{2,}?)时")
SYNC_PATTERN = re.compile(r"与(?P<event>[^;,。]+?)同步")
SCOPE_PATTERN = re.compile(r"^(?:其中|另外|此外)?(?P<scope>[^;,。]*?(?:事项|信息|类))(?:应|须|需|在|于|自)")
CLAUSE_SPLIT = re.compile(r"[;。]|,(?=[^,]*(?:工作日|日内|天内|月内|公开|公示))")
FILLERS = ("予以公开", "公开", "公示", "公布", "发布", "更新")


def chinese_number(text: str) -> int:
    """'20', '２０', '二十', '十五', '一百二十' → int."""
    text = text.translate(FULL_WIDTH)
    if text.isdigit():
        return int(text)
    total, current = 0, 0
    for char in text:
        if char == "百":
            total += (current or 1) * 100
            current = 0
        elif char == "十":
            total += (current or 1) * 10
            current = 0
        else:
            current = CHINESE_DIGITS[char]
    return total + current


@dataclass(frozen=True)
class TimeLimit:
    """The structured rule of a 公开时限 text. `as_dict()` is the structured result other apps read (the oversight
    app's periodic-items register among them): kind, days or months, working or calendar days, event, before,
    period, month/day, publicity, long_term, scope and the other rules (`also`)."""

    kind: str
    days: int | None = None
    month: int | None = None
    day: int | None = None
    publicity_days: int | None = None
    working: bool = True
    months: int | None = None
    event: str = ""
    before: bool = False
    period: str = ""
    publicity_working: bool = True
    long_term: bool = False
    same_as_above: bool = False
    scope: str = ""
    text: str = ""
    also: tuple = field(default_factory=tuple)

    @property
    def computable(self) -> bool:
        return self.kind not in (TimeLimitKind.NOT_COMPUTABLE, TimeLimitKind.PROMPTLY, TimeLimitKind.LONG_TERM)

    @property
    def is_periodic(self) -> bool:
        return bool(self.period)

    @property
    def needs_event(self) -> bool:
        return self.kind == TimeLimitKind.RELATIVE

    @classmethod
    def from_item(cls, item) -> "TimeLimit | None":
        if item.time_limit_rule:
            return cls.from_dict(item.time_limit_rule)
        if not item.time_limit_kind:
            return None
        return cls(
            kind=item.time_limit_kind,
            days=item.time_limit_days,
            month=item.time_limit_month,
            day=item.time_limit_day,
            publicity_days=item.publicity_days,
        )

    @classmethod
    def from_dict(cls, data: dict) -> "TimeLimit":
        known = {name: data[name] for name in cls.__dataclass_fields__ if name in data and name != "also"}
        return cls(**known, also=tuple(cls.from_dict(rule) for rule in data.get("also", ())))

    def as_dict(self) -> dict:
        data = asdict(self)
        data["also"] = [rule.as_dict() for rule in self.also]
        return data

    def as_fields(self) -> dict:
        return {
            "time_limit_kind": self.kind,
            "time_limit_days": self.days,
            "time_limit_month": self.month,
            "time_limit_day": self.day,
            "publicity_days": self.publicity_days,
            "time_limit_rule": self.as_dict(),
        }

    def due_date(self, formed_on: date, *, region=None, event_on: date | None = None) -> WorkdayResult | None:
        """When information formed (or changed) on `formed_on` is due; RELATIVE rules count from `event_on`."""
        if self.kind == TimeLimitKind.WORKING_DAYS:
            return add_workdays(formed_on, self.days or 0, region=region)
        if self.kind == TimeLimitKind.CALENDAR_DAYS:
            return next_working_day(formed_on + timedelta(days=self.days or 0), region=region)
        if self.kind == TimeLimitKind.MONTHS:
            return next_working_day(add_months(formed_on, self.months or 0), region=region)
        if self.kind == TimeLimitKind.REAL_TIME:
            return WorkdayResult(formed_on)
        if self.kind == TimeLimitKind.YEARLY:
            return WorkdayResult(next_yearly_date(formed_on, self.month, self.day))
        if self.kind == TimeLimitKind.PERIODIC:
            return WorkdayResult(next_periodic_date(self, formed_on))
        if self.kind == TimeLimitKind.RELATIVE and event_on is not None:
            return relative_due(self, event_on, region=region)
        return None

    def publicity_end(self, published_on: date, *, region=None) -> WorkdayResult | None:
        """The end of the publicity period: N working (or calendar) days after the notice went up; None without."""
        days = self.days if self.kind == TimeLimitKind.PUBLICITY else self.publicity_days
        if not days:
            return None
        if not self.publicity_working:
            return WorkdayResult(published_on + timedelta(days=days))
        return add_workdays(published_on, days, region=region)


def next_working_day(day: date, *, region=None) -> WorkdayResult:
    calendar_ = WorkCalendar.load(day, day + timedelta(days=40), region=region)
    while calendar_.covers(day) and not calendar_.is_workday(day):
        day += timedelta(days=1)
    if not calendar_.covers(day):
        while not is_workday(day, region=region):
            day += timedelta(days=1)
    return WorkdayResult(day, [], calendar_.warnings_for(day, day))


def add_months(day: date, months: int) -> date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def subtract_workdays(day: date, count: int, *, region=None) -> WorkdayResult:
    """The count-th working day strictly before `day`."""
    span = count * 2 + 40
    calendar_ = WorkCalendar.load(day - timedelta(days=span), day, region=region)
    found, current = 0, day
    while found < count:
        current -= timedelta(days=1)
        if not calendar_.covers(current):
            return subtract_workdays(day, count * 2 + 40, region=region) if span < 4000 else WorkdayResult(current)
        if calendar_.is_workday(current):
            found += 1
    return WorkdayResult(current, [], calendar_.warnings_for(current, day))


def relative_due(rule: TimeLimit, event_on: date, *, region=None) -> WorkdayResult:
    if rule.before:
        if not rule.days and not rule.months:
            return WorkdayResult(event_on - timedelta(days=1))
        if rule.months:
            return WorkdayResult(add_months(event_on, -rule.months))
        if rule.working:
            return subtract_workdays(event_on, rule.days or 0, region=region)
        return WorkdayResult(event_on - timedelta(days=rule.days or 0))
    if rule.months:
        return next_working_day(add_months(event_on, rule.months), region=region)
    if rule.working:
        return add_workdays(event_on, rule.days or 0, region=region)
    return next_working_day(event_on + timedelta(days=rule.days or 0), region=region)


def next_yearly_date(formed_on: date, month: int | None, day: int | None) -> date:
    month, day = month or 1, day or 1
    candidate = date(formed_on.year, month, min(day, calendar.monthrange(formed_on.year, month)[1]))
    if candidate >= formed_on:
        return candidate
    year = formed_on.year + 1
    return date(year, month, min(day, calendar.monthrange(year, month)[1]))


PERIOD_MONTHS = {"month": 1, "quarter": 3, "half_year": 6, "year": 12}


def period_end(day: date, period: str) -> date:
    """The last day of the month, quarter, half year or year containing `day`."""
    length = PERIOD_MONTHS[period]
    last_month = ((day.month - 1) // length + 1) * length
    return date(day.year, last_month, calendar.monthrange(day.year, last_month)[1])


def next_periodic_date(rule: TimeLimit, formed_on: date) -> date:
    """The next deadline of a periodic rule on or after `formed_on`."""
    if rule.period == "year" and rule.month:
        # 次年M月D日前: the information of a year is due in the following year.
        year = formed_on.year + 1
        return date(year, rule.month, min(rule.day or 31, calendar.monthrange(year, rule.month)[1]))
    if rule.period == "month" and rule.day:
        candidate = date(formed_on.year, formed_on.month, min(rule.day, 28 if formed_on.month == 2 else rule.day))
        return candidate if candidate >= formed_on else add_months(candidate, 1)
    end = period_end(formed_on, rule.period)
    if rule.day and not rule.days:
        # 每季度的首个月20日: that day of the first month of the next period.
        year, month, _first = next_month_start(end)
        return date(year, month, min(rule.day, calendar.monthrange(year, month)[1]))
    return end + timedelta(days=rule.days or 0)


def next_month_start(day: date) -> tuple[int, int, int]:
    return (day.year + 1, 1, 1) if day.month == 12 else (day.year, day.month + 1, 1)


class TimeLimitNotUnderstood(ValueError):
    """Kept for callers that want to refuse a text (no parser path raises it any more)."""


def normalise(text: str) -> str:
    """Simplified characters, ASCII digits and punctuation, no whitespace; the usual slips put right."""
    text = (text or "").translate(TRADITIONAL).translate(FULL_WIDTH)
    text = re.sub(r"\s+", "", text)
    text = text.replace("，", ",").replace("、", "、").replace("（", "(").replace("）", ")")
    text = re.sub(r"\(([^()]*)\)", r"\1", text)  # 信息形成(变更)20个工作日内 → 信息形成变更20个工作日内
    text = (
        text.replace("之曰起", "之日起")
        .replace("之日起。", "之日起")
        .replace("工作曰", "工作日")
        .replace("个工作内", "个工作日内")
    )
    return text


def parse_time_limit(text: str) -> TimeLimit:
    """The structured rule of a catalog's time-limit text. Never raises: NOT_COMPUTABLE when nothing computes."""
    return parsed_time_limit((text or "").strip()[:500])


@lru_cache(maxsize=4096)
def parsed_time_limit(text: str) -> TimeLimit:
    """Catalogs repeat a few dozen time-limit texts over thousands of items: each is parsed once (immutable)."""
    clean = normalise(text)
    if SAME_AS_ABOVE_PATTERN.match(clean.rstrip("。.")):
        return TimeLimit(TimeLimitKind.NOT_COMPUTABLE, same_as_above=True, text=text)
    rules = [rule for rule in (parse_clause(clause) for clause in clauses(clean)) if rule is not None]
    long_term = bool(LONG_TERM_PATTERN.search(clean))
    publicity = [rule for rule in rules if rule.kind == TimeLimitKind.PUBLICITY]
    deadlines = [rule for rule in rules if rule.kind != TimeLimitKind.PUBLICITY]
    if not deadlines:
        if publicity:
            return replace(publicity[0], text=text, long_term=long_term)
        if long_term:
            return TimeLimit(TimeLimitKind.LONG_TERM, long_term=True, text=text)
        return TimeLimit(TimeLimitKind.NOT_COMPUTABLE, text=text)
    main = pick_main(deadlines)
    others = tuple(rule for rule in deadlines if rule is not main)
    extra = {}
    if publicity:
        extra = {"publicity_days": publicity[0].days, "publicity_working": publicity[0].working}
    return replace(main, text=text, long_term=long_term or main.long_term, also=others, **extra)


def clauses(text: str) -> list[str]:
    return [part for part in CLAUSE_SPLIT.split(text) if part]


def pick_main(rules: list[TimeLimit]) -> TimeLimit:
    """The general rule of a text with several: the first one without a scope ("其中行政许可事项…"), else the first."""
    for rule in rules:
        if not rule.scope:
            return rule
    return rules[0]


def parse_clause(clause: str) -> TimeLimit | None:
    """One clause's rule, or None when it holds none (a remark such as "法律法规另有规定的从其规定")."""
    scope_match = SCOPE_PATTERN.match(clause)
    scope = scope_match.group("scope") if scope_match and not is_formation(scope_match.group("scope")) else ""
    for parser in (
        publicity_rule,
        periodic_rule,
        before_rule,
        relative_rule,
        bare_rule,
        sync_rule,
        at_event_rule,
        simple_rule,
    ):
        rule = parser(clause)
        if rule is not None:
            return replace(rule, scope=scope) if scope and rule.kind != TimeLimitKind.PUBLICITY else rule
    return None


def publicity_rule(clause: str) -> TimeLimit | None:
    match = PUBLICITY_PATTERN.search(clause)
    if not match or RELATIVE_PATTERN.search(clause[match.end() :]) or "期满" in clause[match.end() :]:
        return None
    days, working = chinese_number(match.group(1)), "工作日" in match.group(2)
    return TimeLimit(TimeLimitKind.PUBLICITY, days=days, working=working, publicity_working=working)


def periodic_rule(clause: str) -> TimeLimit | None:
    if match := YEARLY_PATTERN.search(clause):
        month, day = chinese_number(match.group(1)), chinese_number(match.group(2))
        if valid_month_day(month, day):
            return TimeLimit(TimeLimitKind.YEARLY, month=month, day=day, period="year")
        return None
    if match := NEXT_YEAR_PATTERN.search(clause):
        month = chinese_number(match.group(1))
        if not 1 <= month <= 12:
            return None
        day = chinese_number(match.group(2)) if match.group(2) else calendar.monthrange(2023, month)[1]
        if not valid_month_day(month, day):
            return None
        return TimeLimit(TimeLimitKind.PERIODIC, period="year", month=month, day=day)
    if match := MONTHLY_PATTERN.search(clause):
        day = chinese_number(match.group(1))
        return TimeLimit(TimeLimitKind.PERIODIC, period="month", day=day) if 1 <= day <= 31 else None
    match = PERIOD_PATTERN.search(clause)
    if not match:
        return None
    period = PERIOD_WORDS[match.group(1).removeprefix("个")]
    rest = clause[match.end() :]
    if after := AFTER_PERIOD_PATTERN.search(rest):
        amount, unit = chinese_number(after.group(1)), after.group(2)
        if "月" in unit and "日" not in unit:
            return TimeLimit(TimeLimitKind.PERIODIC, period=period, days=amount * 30, working=False)
        return TimeLimit(TimeLimitKind.PERIODIC, period=period, days=amount, working="工作日" in unit)
    if first := FIRST_MONTH_DAY_PATTERN.search(rest):
        day = chinese_number(first.group(1))
        return TimeLimit(TimeLimitKind.PERIODIC, period=period, day=day) if 1 <= day <= 31 else None
    return TimeLimit(TimeLimitKind.PERIODIC, period=period)


def amount_fields(number: str, unit: str) -> dict:
    amount = chinese_number(number)
    if unit in ("个月", "月"):
        return {"months": amount, "working": False}
    return {"days": amount, "working": "工作日" in unit}


def is_formation(event: str) -> bool:
    return not event or any(word in event for word in FORMATION_WORDS)


def clean_event(event: str) -> str:
    event = event.strip(",;:")
    scope = re.match(r"^.*?(?:(?:事项|信息|类)(?:应当|应|须|需)?|(?:应当|应|须|需))(?=自|在|于|从)", event)
    if scope:
        event = event[scope.end() :]
    for prefix in ("应当", "应于", "应在", "应自", "应", "须", "需", "自该", "自", "于", "在", "从"):
        if event.startswith(prefix):
            event = event[len(prefix) :]
    for suffix in ("之日", "当日"):
        event = event.removesuffix(suffix)
    return event


def formation_or_event(event: str, fields: dict) -> TimeLimit:
    event = clean_event(event)
    if SCOPE_PATTERN.match(event + "应"):
        scope_match = SCOPE_PATTERN.match(event + "应")
        event = event[len(scope_match.group("scope")) :] if scope_match else event
    if is_formation(event):
        if fields.get("months"):
            return TimeLimit(TimeLimitKind.MONTHS, months=fields["months"], working=False)
        kind = TimeLimitKind.WORKING_DAYS if fields["working"] else TimeLimitKind.CALENDAR_DAYS
        return TimeLimit(kind, days=fields["days"], working=fields["working"])
    return TimeLimit(TimeLimitKind.RELATIVE, event=event, **fields)


def relative_rule(clause: str) -> TimeLimit | None:
    match = RELATIVE_PATTERN.search(clause)
    if not match:
        return None
    return formation_or_event(match.group("event"), amount_fields(match.group(2), match.group(3)))


def bare_rule(clause: str) -> TimeLimit | None:
    """ "20个工作日内" with no "之日起": the event is whatever precedes the number (formation when empty)."""
    match = BARE_PATTERN.search(clause)
    if not match:
        match = WITHIN_LIMIT_PATTERN.search(clause)
        if not match:
            return None
        return formation_or_event("", amount_fields(match.group(1), match.group(2)))
    return formation_or_event(match.group("event"), amount_fields(match.group(2), match.group(3)))


def before_rule(clause: str) -> TimeLimit | None:
    if match := BEFORE_PATTERN.search(clause):
        event = clean_event(match.group("event"))
        if event and not event.startswith("每"):
            return TimeLimit(
                TimeLimitKind.RELATIVE, event=event, before=True, **amount_fields(match.group(2), match.group(3))
            )
    if match := BEFORE_ONLY_PATTERN.search(clause):
        event = clean_event(match.group("event"))
        if event and not PROMPTLY_PATTERN.search(event) and not re.search(NUMBER, event):
            return TimeLimit(TimeLimitKind.RELATIVE, event=event, before=True, working=False)
    return None


def sync_rule(clause: str) -> TimeLimit | None:
    match = SYNC_PATTERN.search(clause)
    if not match:
        return None
    return TimeLimit(TimeLimitKind.RELATIVE, event=clean_event(match.group("event")), days=0, working=True)


def at_event_rule(clause: str) -> TimeLimit | None:
    # "适时公开" (in due course) names no event: it is not "在…时" (at the time of an event)
    if re.search(NUMBER + UNIT, clause) or PROMPTLY_PATTERN.search(clause) or "适时" in clause:
        return None
    match = AT_EVENT_PATTERN.match(clause)
    if not match or is_formation(clean_event(match.group("event"))):
        return None
    return TimeLimit(TimeLimitKind.RELATIVE, event=clean_event(match.group("event")), days=0, working=False)


def simple_rule(clause: str) -> TimeLimit | None:
    if REAL_TIME_PATTERN.search(clause):
        return TimeLimit(TimeLimitKind.REAL_TIME)
    if PROMPTLY_PATTERN.search(clause):
        return TimeLimit(TimeLimitKind.PROMPTLY)
    return None


def valid_month_day(month: int, day: int) -> bool:
    try:
        date(2024, month, day)  # a leap year, so 2月29日 is accepted
    except ValueError:
        return False
    return True


def not_computable_warning(text: str) -> str:
    return _("公开时限“%(text)s”无法换算为具体期限：已按原文导入，该事项不计算公开期限，请核对。") % {"text": text}


def time_limit_warning(text: str) -> str:
    """What a person editing an item reads next to a 公开时限 that computes no due date ("" when it computes or is
    blank). The text is still saved as written: a phrase never blocks a change."""
    text = (text or "").strip()
    if not text:
        return ""
    rule = parse_time_limit(text)
    if rule.same_as_above:
        return _("“%(text)s”只在导入表格时沿用上一行的公开时限；在此请写出具体时限，否则该事项不计算公开期限。") % {
            "text": text
        }
    if rule.kind != TimeLimitKind.NOT_COMPUTABLE:
        return ""
    return _(
        "公开时限“%(text)s”无法换算为具体期限：可以保存，但该事项不计算公开期限，也不会亮灯提醒。可识别的写法例如：%(forms)s。"
    ) % {"text": text, "forms": accepted_forms()}


def accepted_forms() -> str:
    return _(
        "“自信息形成或者变更之日起20个工作日内”“30日内”“3个月内”“作出决定之日起7个工作日内”“开标前”“每月10日前”"
        "“每季度”“次年3月底前”“实时公开”“及时公开”“长期公开”“公示7个工作日”“每年1月31日前”“同上”"
    )
