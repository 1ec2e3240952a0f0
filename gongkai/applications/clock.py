"""The statutory clock of an application (Art 30, 31, 33 of the 2019 Regulation; 国办函〔2020〕109号), with its working.

Rules (every computed date comes with the steps that produced it):
- due = the 20th working day after receipt; the correction notice is due on the 7th working day after receipt;
- a correction notice stops the clock; when the correction arrives, due = the 20th working day after its arrival;
- during a consultation (or between a fee notice and payment) the working days after the last start of counting up
  to and including the day it starts are used; counting resumes after the day it ends with the remaining days;
- an extension of N working days (at most 20 in total) moves the due date N working days further.
"""

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.utils.translation import gettext as _

from gongkai.core.workdays import WorkCalendar

from .errors import ApplicationError, ApplicationErrorCode

REPLY_DAYS = 20
CORRECTION_NOTICE_DAYS = 7
MAX_EXTENSION_DAYS = 20

CORRECTION_REQUESTED = "correction_requested"
CORRECTION_RECEIVED = "correction_received"
CONSULTATION_STARTED = "consultation_started"
CONSULTATION_ENDED = "consultation_ended"
EXTENDED = "extended"
FEE_NOTIFIED = "fee_notified"
FEE_PAID = "fee_paid"
EVENT_TYPES = (
    CORRECTION_REQUESTED,
    CORRECTION_RECEIVED,
    CONSULTATION_STARTED,
    CONSULTATION_ENDED,
    EXTENDED,
    FEE_NOTIFIED,
    FEE_PAID,
)
PAUSE_ENDS = {CONSULTATION_STARTED: CONSULTATION_ENDED, FEE_NOTIFIED: FEE_PAID}


@dataclass(frozen=True)
class ClockEvent:
    type: str
    date: date
    days: int | None = None


@dataclass
class Step:
    event: str
    date: date
    text: str
    due: date | None = None
    used_days: int = 0
    remaining_days: int | None = None

    def as_dict(self) -> dict:
        return {
            "event": self.event,
            "date": self.date.isoformat(),
            "text": self.text,
            "due": self.due.isoformat() if self.due else None,
            "used_days": self.used_days,
            "remaining_days": self.remaining_days,
        }


@dataclass
class ClockResult:
    received: date
    due: date | None
    correction_notice_due: date
    steps: list[Step] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    extension_days: int = 0
    paused: bool = False
    awaiting_correction: bool = False

    def as_dict(self) -> dict:
        return {
            "due": self.due.isoformat() if self.due else None,
            "correction_notice_due": self.correction_notice_due.isoformat(),
            "steps": [step.as_dict() for step in self.steps],
            "warnings": list(self.warnings),
        }


def clock_error(code: ApplicationErrorCode, message: str) -> ApplicationError:
    return ApplicationError(code, message)


class Calendar:
    """A WorkCalendar that grows its loaded span when a computation runs past it (one query per growth)."""

    def __init__(self, start: date, *, region=None, calendar: WorkCalendar | None = None):
        self.start = start
        self.region = region
        self.calendar = calendar or WorkCalendar.load(start, start + timedelta(days=200), region=region)
        self.latest = start

    def grow(self, until: date) -> None:
        end = max(until, self.calendar.span[1] + timedelta(days=200))
        start = min(self.calendar.span[0], self.start)
        self.calendar = WorkCalendar.load(start, end, region=self.region)

    def add(self, start: date, count: int) -> date:
        while True:
            result = self.calendar.add(start, count)
            if result is not None:
                self.latest = max(self.latest, result.date)
                return result.date
            self.grow(self.calendar.span[1] + timedelta(days=count * 2 + 60))

    def between(self, start: date, end: date) -> int:
        if not self.calendar.covers(end) or not self.calendar.covers(start):
            self.grow(max(start, end))
        self.latest = max(self.latest, start, end)
        return self.calendar.between(start, end).count

    def describe(self, start: date, end: date) -> str:
        """What lies in (start, end] besides ordinary weekdays: holidays skipped, adjusted weekends counted."""
        holidays: list[tuple[str, date, date]] = []
        adjusted: list[date] = []
        day = start + timedelta(days=1)
        while day <= end:
            if day in self.calendar.workdays:
                adjusted.append(day)
            elif day in self.calendar.holidays:
                name = self.calendar.holidays[day] or _("假日")
                if holidays and holidays[-1][0] == name and holidays[-1][2] == day - timedelta(days=1):
                    holidays[-1] = (name, holidays[-1][1], day)
                else:
                    holidays.append((name, day, day))
            day += timedelta(days=1)
        parts = []
        if holidays:
            spans = "、".join(
                _("%(name)s %(first)s至%(last)s") % {"name": name, "first": first, "last": last}
                if first != last
                else _("%(name)s %(first)s") % {"name": name, "first": first}
                for name, first, last in holidays
            )
            parts.append(_("跳过法定节假日：%(spans)s") % {"spans": spans})
        if adjusted:
            days = "、".join(f"{day:%Y-%m-%d}（{_('周六') if day.weekday() == 5 else _('周日')}）" for day in adjusted)
            parts.append(_("计入调休上班日：%(days)s") % {"days": days})
        return "；".join(parts)


def with_details(text: str, details: str) -> str:
    return f"{text}（{details}）" if details else text


class Clock:
    """Replays a receipt date and its clock events in order."""

    def __init__(self, received: date, calendar: Calendar):
        self.received = received
        self.calendar = calendar
        self.anchor = received  # counting runs over the working days strictly after the anchor
        self.used = 0
        self.extension = 0
        self.correction_pending = False
        self.correction_done = False
        self.pause: tuple[str, date] | None = None
        self.due_before_pause: date | None = None
        self.last_date = received
        self.clocked_event_seen = False
        self.warnings: list[str] = []
        self.steps: list[Step] = []
        self.correction_notice_due = calendar.add(received, CORRECTION_NOTICE_DAYS)
        self.due: date | None = calendar.add(received, REPLY_DAYS)

    @property
    def limit(self) -> int:
        return REPLY_DAYS + self.extension

    def start(self) -> None:
        self.steps.append(
            Step(
                "received",
                self.received,
                with_details(
                    _("收到申请之日为 %(received)s，自次日起算第 %(days)s 个工作日为答复期限 %(due)s")
                    % {"received": self.received, "days": REPLY_DAYS, "due": self.due},
                    self.calendar.describe(self.received, self.due),
                ),
                self.due,
                0,
                REPLY_DAYS,
            )
        )
        self.steps.append(
            Step(
                "correction_notice_due",
                self.received,
                _("如需补正，应在收到申请之日起第 %(days)s 个工作日最迟于 %(due)s 一次性告知申请人（第三十条）。")
                % {"days": CORRECTION_NOTICE_DAYS, "due": self.correction_notice_due},
                self.due,
                0,
                REPLY_DAYS,
            )
        )

    def apply(self, event: ClockEvent) -> None:
        if event.date < self.last_date:
            raise clock_error(
                ApplicationErrorCode.EVENTS_OUT_OF_ORDER,
                _("事件顺序有误：%(type)s 的日期 %(date)s 早于前一事件或收到申请之日 %(last)s，请按日期先后排列事件。")
                % {"type": event.type, "date": event.date, "last": self.last_date},
            )
        handler = getattr(self, f"on_{event.type}")
        handler(event)
        self.last_date = event.date

    def out_of_order(self, message: str) -> ApplicationError:
        return clock_error(ApplicationErrorCode.EVENTS_OUT_OF_ORDER, message)

    def on_correction_requested(self, event: ClockEvent) -> None:
        if self.correction_pending or self.correction_done:
            raise clock_error(
                ApplicationErrorCode.CORRECTION_ONCE,
                _("补正只能一次性告知（第三十条）：%(date)s 的第二次补正告知无效。") % {"date": event.date},
            )
        if self.clocked_event_seen:
            raise self.out_of_order(
                _("补正告知（%(date)s）应在征求意见、收费通知和延期之前作出。") % {"date": event.date}
            )
        if event.date > self.correction_notice_due:
            self.warnings.append(
                _("补正告知日 %(date)s 晚于法定告知期限 %(due)s（收到申请之日起 7 个工作日）。")
                % {"date": event.date, "due": self.correction_notice_due}
            )
        self.correction_pending = True
        self.due = None
        self.steps.append(
            Step(
                event.type,
                event.date,
                _("%(date)s 告知申请人补正：等待补正期间不计时，答复期限自收到补正之日起重新计算。")
                % {"date": event.date},
                None,
                0,
                None,
            )
        )

    def on_correction_received(self, event: ClockEvent) -> None:
        if not self.correction_pending:
            raise self.out_of_order(
                _("%(date)s 收到补正，但此前没有补正告知：请先列出 correction_requested 事件。") % {"date": event.date}
            )
        self.correction_pending = False
        self.correction_done = True
        self.anchor, self.used = event.date, 0
        self.due = self.calendar.add(self.anchor, self.limit)
        self.steps.append(
            Step(
                event.type,
                event.date,
                with_details(
                    _("%(date)s 收到补正，答复期限重新计算：自次日起算第 %(days)s 个工作日为 %(due)s")
                    % {"date": event.date, "days": self.limit, "due": self.due},
                    self.calendar.describe(self.anchor, self.due),
                ),
                self.due,
                0,
                self.limit,
            )
        )

    def require_no_correction_pending(self, event: ClockEvent) -> None:
        if self.correction_pending:
            raise self.out_of_order(
                _("%(date)s 的 %(type)s 发生在等待补正期间：请先列出收到补正（correction_received）事件。")
                % {"date": event.date, "type": event.type}
            )

    def pause_clock(self, event: ClockEvent, label: str) -> None:
        self.require_no_correction_pending(event)
        if self.pause is not None:
            raise self.out_of_order(
                _("%(date)s 开始%(label)s时，上一次计时暂停（%(since)s 起）尚未结束。")
                % {"date": event.date, "label": label, "since": self.pause[1]}
            )
        self.clocked_event_seen = True
        used_now = self.calendar.between(self.anchor, event.date)
        self.used += used_now
        if self.used >= self.limit and self.due is not None and event.date > self.due:
            self.warnings.append(
                _("%(date)s 开始%(label)s时已超过答复期限 %(due)s。")
                % {"date": event.date, "label": label, "due": self.due}
            )
        self.pause, self.due_before_pause = (event.type, event.date), self.due
        remaining = max(self.limit - self.used, 0)
        self.due = None
        self.steps.append(
            Step(
                event.type,
                event.date,
                _(
                    "%(date)s 开始%(label)s，计时暂停：自 %(anchor)s 次日至当日计入 %(now)s 个工作日，"
                    "累计已用 %(used)s 个工作日，剩余 %(remaining)s 个工作日。"
                )
                % {
                    "date": event.date,
                    "label": label,
                    "anchor": self.anchor,
                    "now": used_now,
                    "used": self.used,
                    "remaining": remaining,
                },
                None,
                self.used,
                remaining,
            )
        )

    def resume_clock(self, event: ClockEvent, label: str) -> None:
        if self.pause is None or PAUSE_ENDS[self.pause[0]] != event.type:
            raise self.out_of_order(
                _("%(date)s 的%(label)s结束事件没有对应的开始事件。") % {"date": event.date, "label": label}
            )
        self.pause, self.anchor = None, event.date
        remaining = self.limit - self.used
        if remaining <= 0:
            self.due = self.due_before_pause
            self.warnings.append(
                _("%(label)s开始前答复期限 %(due)s 已届满，恢复计时后没有剩余工作日。")
                % {"label": label, "due": self.due}
            )
            text = _("%(date)s %(label)s结束，没有剩余工作日，答复期限仍为 %(due)s。") % {
                "date": event.date,
                "label": label,
                "due": self.due,
            }
        else:
            self.due = self.calendar.add(self.anchor, remaining)
            text = with_details(
                _("%(date)s %(label)s结束，恢复计时：自次日起算剩余 %(remaining)s 个工作日，答复期限为 %(due)s")
                % {"date": event.date, "label": label, "remaining": remaining, "due": self.due},
                self.calendar.describe(self.anchor, self.due),
            )
        self.steps.append(Step(event.type, event.date, text, self.due, self.used, max(remaining, 0)))

    def on_consultation_started(self, event: ClockEvent) -> None:
        self.pause_clock(event, _("征求意见"))

    def on_consultation_ended(self, event: ClockEvent) -> None:
        self.resume_clock(event, _("征求意见"))

    def on_fee_notified(self, event: ClockEvent) -> None:
        self.pause_clock(event, _("收费通知至缴费期间"))

    def on_fee_paid(self, event: ClockEvent) -> None:
        self.resume_clock(event, _("收费通知至缴费期间"))

    def on_extended(self, event: ClockEvent) -> None:
        self.require_no_correction_pending(event)
        days = event.days
        if days is None or days < 1:
            raise clock_error(
                ApplicationErrorCode.INVALID_CLOCK_INPUT,
                _("%(date)s 的延期事件须写明延长的工作日数 days（1 至 20 的整数）。") % {"date": event.date},
            )
        if self.extension + days > MAX_EXTENSION_DAYS:
            raise clock_error(
                ApplicationErrorCode.EXTENSION_TOO_LONG,
                _("延期合计不得超过 20 个工作日（第三十三条）：已延长 %(done)s 个，%(date)s 又申请 %(days)s 个。")
                % {"done": self.extension, "date": event.date, "days": days},
            )
        if self.due is not None and event.date > self.due:
            self.warnings.append(
                _("延期决定日 %(date)s 晚于答复期限 %(due)s：延期应在期限届满前经公开工作机构负责人同意。")
                % {"date": event.date, "due": self.due}
            )
        self.clocked_event_seen = True
        self.extension += days
        if self.pause is not None:
            text = _("%(date)s 经批准延长 %(days)s 个工作日（合计 %(total)s 个），恢复计时后一并计算。") % {
                "date": event.date,
                "days": days,
                "total": self.extension,
            }
            self.steps.append(Step(event.type, event.date, text, None, self.used, self.limit - self.used))
            return
        old_due = self.due
        self.due = self.calendar.add(self.anchor, self.limit - self.used)
        self.steps.append(
            Step(
                event.type,
                event.date,
                with_details(
                    _("%(date)s 经批准延长 %(days)s 个工作日（合计 %(total)s 个）：答复期限由 %(old)s 顺延至 %(due)s")
                    % {"date": event.date, "days": days, "total": self.extension, "old": old_due, "due": self.due},
                    self.calendar.describe(old_due, self.due),
                ),
                self.due,
                self.used,
                self.limit - self.used,
            )
        )

    def finish(self) -> ClockResult:
        if self.correction_pending:
            self.steps.append(
                Step("waiting", self.last_date, _("正在等待申请人补正，答复期限待收到补正后确定。"), None, 0, None)
            )
        elif self.pause is not None:
            self.steps.append(
                Step(
                    "waiting",
                    self.last_date,
                    _("计时暂停中，剩余 %(remaining)s 个工作日，答复期限待恢复计时后确定。")
                    % {"remaining": max(self.limit - self.used, 0)},
                    None,
                    self.used,
                    max(self.limit - self.used, 0),
                )
            )
        warnings = self.calendar.calendar.warnings_for(self.received, self.calendar.latest) + self.warnings
        return ClockResult(
            received=self.received,
            due=self.due,
            correction_notice_due=self.correction_notice_due,
            steps=self.steps,
            warnings=warnings,
            extension_days=self.extension,
            paused=self.pause is not None,
            awaiting_correction=self.correction_pending,
        )


def compute_clock(received: date, events: list[ClockEvent], *, region=None, calendar=None) -> ClockResult:
    """Replay `events` (in the order given, which must be chronological) after receipt on `received`."""
    for event in events:
        if event.type not in EVENT_TYPES:
            raise clock_error(
                ApplicationErrorCode.INVALID_CLOCK_INPUT,
                _("未知的事件类型“%(type)s”，可用：%(types)s。")
                % {"type": event.type, "types": "、".join(EVENT_TYPES)},
            )
    clock = Clock(received, Calendar(received, region=region, calendar=calendar))
    clock.start()
    for event in events:
        clock.apply(event)
    return clock.finish()


def parse_date(value, where: str) -> date:
    if not isinstance(value, str) or len(value) != 10:
        raise clock_error(
            ApplicationErrorCode.INVALID_CLOCK_INPUT,
            _("%(where)s 应为 YYYY-MM-DD 格式的日期，例如 2026-09-18。") % {"where": where},
        )
    try:
        return date.fromisoformat(value)
    except ValueError as error:
        raise clock_error(
            ApplicationErrorCode.INVALID_CLOCK_INPUT,
            _("%(where)s 的“%(value)s”不是有效日期，应为 YYYY-MM-DD。") % {"where": where, "value": value},
        ) from error


def parse_clock_input(data) -> tuple[date, list[ClockEvent]]:
    """Validate the JSON contract {"received": ..., "events": [{"type", "date", "days"?}]}."""
    if not isinstance(data, dict):
        raise clock_error(ApplicationErrorCode.INVALID_CLOCK_INPUT, _("输入应为 JSON 对象，包含 received 和 events。"))
    received = parse_date(data.get("received"), "received")
    raw_events = data.get("events", [])
    if not isinstance(raw_events, list):
        raise clock_error(ApplicationErrorCode.INVALID_CLOCK_INPUT, _("events 应为数组。"))
    events = []
    for index, raw in enumerate(raw_events, start=1):
        where = _("第 %(index)s 个事件") % {"index": index}
        if not isinstance(raw, dict) or not isinstance(raw.get("type"), str):
            raise clock_error(
                ApplicationErrorCode.INVALID_CLOCK_INPUT,
                _("%(where)s 应为包含 type 和 date 的对象。") % {"where": where},
            )
        days = raw.get("days")
        if days is not None and (isinstance(days, bool) or not isinstance(days, int)):
            raise clock_error(
                ApplicationErrorCode.INVALID_CLOCK_INPUT, _("%(where)s 的 days 应为整数。") % {"where": where}
            )
        if raw["type"] != EXTENDED:
            days = None
        events.append(ClockEvent(raw["type"], parse_date(raw.get("date"), f"{where} date"), days))
    return received, events
