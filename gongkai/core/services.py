"""Writes of the core app: the holiday schedule. Each change is audited and announces itself after commit."""

import csv
import io
from datetime import date

from django.db import transaction
from django.utils.translation import gettext as _

from . import audit
from .errors import CoreError, CoreErrorCode
from .models import ScheduleYear, WorkdayOverride
from .signals import schedule_changed
from .statutory import statutory_holidays


def announce(years: set[int]) -> None:
    transaction.on_commit(lambda: schedule_changed.send(sender=ScheduleYear, years=set(years)))


def check_schedule(year: int, holidays: list[tuple[date, str]], workdays: list[tuple[date, str]]) -> None:
    seen: set[date] = set()
    for day, _name in [*holidays, *workdays]:
        if day.year != year:
            raise CoreError(
                CoreErrorCode.INVALID_SCHEDULE,
                _("日期 %(day)s 不属于 %(year)s 年。") % {"day": day.isoformat(), "year": year},
            )
        if day in seen:
            raise CoreError(
                CoreErrorCode.INVALID_SCHEDULE,
                _("日期 %(day)s 重复出现。") % {"day": day.isoformat()},
            )
        seen.add(day)
    statutory = statutory_holidays(year)
    for day, _name in workdays:
        if day in statutory:
            raise CoreError(
                CoreErrorCode.INVALID_SCHEDULE,
                _("%(day)s 是法定节假日（%(name)s），不能登记为调休上班日（《全国年节及纪念日放假办法》）。")
                % {"day": day.isoformat(), "name": statutory[day]},
            )
    for day, _name in workdays:
        if day.weekday() < 5:
            raise CoreError(
                CoreErrorCode.INVALID_SCHEDULE,
                _("调休上班日 %(day)s 不是周末：只有周六、周日才需要登记为调休上班。") % {"day": day.isoformat()},
            )


@transaction.atomic
def set_year_schedule(
    *,
    year: int,
    holidays: list[tuple[date, str]],
    workdays: list[tuple[date, str]],
    notice: str = "",
    source: str = ScheduleYear.Source.OFFICE,
    actor=None,
) -> ScheduleYear:
    """Replace the national schedule of one year. The old schedule stays in the audit entry."""
    check_schedule(year, holidays, workdays)
    old = list(
        WorkdayOverride.objects.filter(region=None, on__year=year).order_by("on").values_list("on", "kind", "name")
    )
    WorkdayOverride.objects.filter(region=None, on__year=year).delete()
    WorkdayOverride.objects.bulk_create(
        [WorkdayOverride(on=day, kind=WorkdayOverride.Kind.HOLIDAY, name=name) for day, name in holidays]
        + [WorkdayOverride(on=day, kind=WorkdayOverride.Kind.WORKDAY, name=name) for day, name in workdays]
    )
    schedule, _created = ScheduleYear.objects.update_or_create(year=year, defaults={"source": source, "notice": notice})
    audit.log(
        "core.schedule.set",
        actor=actor,
        target=schedule,
        data={
            "year": year,
            "notice": notice,
            "previous": [[day.isoformat(), kind, name] for day, kind, name in old],
            "holidays": [[day.isoformat(), name] for day, name in holidays],
            "workdays": [[day.isoformat(), name] for day, name in workdays],
        },
    )
    announce({year})
    return schedule


@transaction.atomic
def add_regional_holiday(*, region, on: date, name: str, actor=None) -> WorkdayOverride:
    if WorkdayOverride.objects.filter(region=region, on=on).exists():
        raise CoreError(
            CoreErrorCode.INVALID_SCHEDULE,
            _("%(region)s 在 %(day)s 已有安排。") % {"region": region.name, "day": on.isoformat()},
        )
    override = WorkdayOverride.objects.create(region=region, on=on, kind=WorkdayOverride.Kind.HOLIDAY, name=name)
    audit.log(
        "core.regional_holiday.added",
        actor=actor,
        target=override,
        data={"region": region.name, "on": on.isoformat(), "name": name},
    )
    announce({on.year})
    return override


@transaction.atomic
def remove_regional_holiday(*, override: WorkdayOverride, actor=None) -> None:
    """Removing a regional holiday is a schedule edit; the audit entry keeps what it was."""
    if override.region_id is None:
        raise CoreError(CoreErrorCode.INVALID_SCHEDULE, _("全国统一安排请按年度整体修改。"))
    data = {"region": override.region.name, "on": override.on.isoformat(), "name": override.name}
    year = override.on.year
    audit.log("core.regional_holiday.removed", actor=actor, target=override, data=data)
    override.delete()
    announce({year})


WORKDAY_MARKERS = ("调休上班", "上班")


def parse_schedule_lines(text: str) -> tuple[list[tuple[date, str]], list[tuple[date, str]]]:
    """Parse the office's plain format: one line per date or range, `2027-01-01 元旦`, `2027-02-06..2027-02-12 春节`,
    and adjusted working days marked `上班`: `2027-02-14 上班` or `2027-02-14 上班 春节` (the name after the mark
    is kept)."""
    holidays: list[tuple[date, str]] = []
    workdays: list[tuple[date, str]] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        head, _sep, name = line.partition(" ")
        name = name.strip()
        try:
            if ".." in head:
                first, last = (date.fromisoformat(part) for part in head.split("..", 1))
            else:
                first = last = date.fromisoformat(head)
        except ValueError as error:
            raise CoreError(
                CoreErrorCode.INVALID_DATE,
                _("第 %(line)s 行：“%(text)s”不是有效日期，应写作 YYYY-MM-DD 或 YYYY-MM-DD..YYYY-MM-DD。")
                % {"line": number, "text": head},
            ) from error
        if last < first:
            raise CoreError(CoreErrorCode.INVALID_DATE, _("第 %(line)s 行：结束日期早于开始日期。") % {"line": number})
        target = holidays
        for marker in WORKDAY_MARKERS:
            if name.startswith(marker):
                target, name = workdays, name.removeprefix(marker).strip()
                break
        day = first
        while day <= last:
            target.append((day, name))
            day = date.fromordinal(day.toordinal() + 1)
    return holidays, workdays


def schedule_text_from_upload(content: bytes) -> str:
    """The office's schedule file (.txt in the line format, or .csv with the date or range in the first column and
    the name in the second) as text for `parse_schedule_lines`. The content is checked, not the file name."""
    if b"\x00" in content[:4096]:
        raise CoreError(
            CoreErrorCode.INVALID_SCHEDULE, _("上传的文件不是文本文件，请上传 UTF-8 编码的 .txt 或 .csv 文件。")
        )
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = content.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise CoreError(CoreErrorCode.INVALID_SCHEDULE, _("无法识别文件编码，请另存为 UTF-8 编码后重新上传。"))
    lines = []
    for row in csv.reader(io.StringIO(text)):
        cells = [cell.strip() for cell in row if cell.strip()]
        if not cells:
            continue
        if len(row) == 1:
            lines.append(cells[0])
            continue
        if not cells[0][:1].isdigit():
            continue  # a header row such as "日期,名称"
        lines.append(" ".join(cells))
    return "\n".join(lines)
