"""Public statistics (数据统计): the figures of the portal's statistics page, its CSV downloads and its API.

Every figure is computed here once per (region, year, language) and kept in Django's cache; the page, the CSV of each
table and `/api/v1/statistics/` all read the same `Statistics`. docs/statistics.md states each definition and the
caching design:

- the cache key carries a version number; publishing's `record_published` / `record_changed` / `record_withdrawn`,
  services' `guide_changed` and applications' `register_imported` bump it (receivers.py), so what they count is
  recomputed on the next visit;
- applications decided, inquiries answered and survey results send no signal: every entry also expires after
  `CACHE_SECONDS`, so those figures are at most that old.
"""

from __future__ import annotations

import statistics as stats
from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import ROUND_HALF_UP, Decimal

from django.core.cache import cache
from django.db.models import Count, F, Q, QuerySet
from django.db.models.functions import ExtractMonth
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from gongkai.applications.models import Application, Status
from gongkai.applications.outcomes import GROUPS, OUTCOME_ROWS
from gongkai.catalog.models import Stage
from gongkai.engagement.models import Inquiry, InquiryStatus
from gongkai.engagement.selectors import inquiry_indicators, published_surveys
from gongkai.engagement.survey_results import results_for
from gongkai.orgs.models import Level, Organization, Region
from gongkai.orgs.selectors import portal_region
from gongkai.publishing.models import Record, RecordStatus
from gongkai.services.selectors import public_guides, time_savings

VERSION_KEY = "reports:statistics:version"
CACHE_SECONDS = 10 * 60
YEARS_SHOWN = 5
# Records that were public: still published, or taken offline at the end of their display period (withdrawn ones
# were retracted and do not count, as in the annual report's table 二).
PUBLIC_STATUSES = (RecordStatus.PUBLISHED, RecordStatus.TAKEN_OFFLINE)

Cell = str | int | float | None


@dataclass(frozen=True)
class StatTable:
    """One table of the page: a title, the written definition, column headers and rows (first cell the label).

    `chart` is the kind of chart drawn from it ("bar", "line", "pie"), `series` the column indexes drawn and
    `chart_rows` how many leading rows the chart shows (a total row below them is left out)."""

    key: str
    title: str
    definition: str
    columns: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    chart: str = "bar"
    series: tuple[int, ...] = (1,)
    chart_rows: int | None = None

    def chart_data(self) -> dict[str, object]:
        rows = self.rows if self.chart_rows is None else self.rows[: self.chart_rows]
        return {
            "kind": self.chart,
            "labels": [str(row[0]) for row in rows],
            "series": [
                {"name": self.columns[index], "values": [row[index] if row[index] is not None else 0 for row in rows]}
                for index in self.series
            ],
        }

    def as_dict(self) -> dict[str, object]:
        return {
            "key": self.key,
            "title": self.title,
            "definition": self.definition,
            "columns": list(self.columns),
            "rows": [list(row) for row in self.rows],
        }


@dataclass(frozen=True)
class Statistics:
    year: int
    region: str
    computed_at: datetime
    tables: tuple[StatTable, ...] = field(default_factory=tuple)

    def table(self, key: str) -> StatTable | None:
        return next((table for table in self.tables if table.key == key), None)


def rate(part: int, whole: int) -> float | None:
    """Percent with one decimal, None when there is nothing to divide by."""
    if not whole:
        return None
    return float((Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


def statistics_years(today: date | None = None) -> list[int]:
    """The years the page offers, this year first."""
    year = (today or timezone.localdate()).year
    return list(range(year, year - YEARS_SHOWN, -1))


# --- the cache -------------------------------------------------------------------------------------------------


def _version() -> int:
    cache.add(VERSION_KEY, 1, None)
    return int(cache.get(VERSION_KEY) or 1)


def invalidate() -> None:
    """Make every cached statistics entry stale (what it counts changed)."""
    cache.add(VERSION_KEY, 1, None)
    try:
        cache.incr(VERSION_KEY)
    except ValueError:  # evicted between add and incr
        cache.set(VERSION_KEY, 2, None)


def cache_key(*, region: Region | None, year: int) -> str:
    return f"reports:statistics:{_version()}:{region.pk if region else 0}:{year}:{get_language() or ''}"


def public_statistics(*, year: int, region: Region | None = None) -> Statistics:
    """The statistics of the year for the portal's region (or the given one), from the cache when fresh."""
    region = region if region is not None else portal_region()
    key = cache_key(region=region, year=year)
    found: Statistics | None = cache.get(key)
    if found is None:
        found = compute(region=region, year=year)
        cache.set(key, found, CACHE_SECONDS)
    return found


# --- computing -------------------------------------------------------------------------------------------------


def _organizations(region: Region | None) -> QuerySet[Organization]:
    organizations = Organization.objects.all()
    return organizations.filter(region__path__startswith=region.path) if region else organizations


def _records(region: Region | None, year: int) -> QuerySet[Record]:
    zone = timezone.get_current_timezone()
    start = datetime.combine(date(year, 1, 1), time(), tzinfo=zone)
    end = datetime.combine(date(year + 1, 1, 1), time(), tzinfo=zone)
    records = Record.objects.filter(status__in=PUBLIC_STATUSES, published_at__gte=start, published_at__lt=end)
    if region:
        records = records.filter(organization__region__path__startswith=region.path)
    return records.order_by()


def records_by_month(records: QuerySet[Record]) -> StatTable:
    counts = dict(records.annotate(month=ExtractMonth("published_at")).values_list("month").annotate(n=Count("id")))
    rows = tuple((_("%(month)s月") % {"month": month}, counts.get(month, 0)) for month in range(1, 13))
    return StatTable(
        key="records-by-month",
        title=_("主动公开信息：按月"),
        definition=_(
            "当年每月发布的政府信息条数，按发布日期（北京时间）计。计入目前仍公开的信息和展示期满后下线的信息；"
            "已撤回的信息不计入。"
        ),
        columns=(_("月份"), _("发布条数")),
        rows=(*rows, (_("合计"), sum(counts.values()))),
        chart="line",
        chart_rows=12,
    )


def records_by_domain(records: QuerySet[Record]) -> StatTable:
    through = Record.items.through.objects.filter(record__in=records.values("pk"))
    counted = (
        through.values("item__domain__name", "item__domain__sort_order", "item__domain__code")
        .annotate(n=Count("record_id", distinct=True))
        .order_by("-n", "item__domain__sort_order", "item__domain__code")
    )
    rows: list[tuple[Cell, ...]] = [(row["item__domain__name"], row["n"]) for row in counted]
    unlinked = records.filter(items=None).count()
    if unlinked:
        rows.append((_("未关联公开事项"), unlinked))
    return StatTable(
        key="records-by-domain",
        title=_("主动公开信息：按领域"),
        definition=_(
            "当年发布的政府信息按所关联公开事项的领域（基层政务公开标准目录的试点领域或地方领域）计数。"
            "一条信息关联了几个领域的事项时，在每个领域各计一次，因此各领域之和可能大于信息总数；"
            "未关联公开事项的信息单列。"
        ),
        columns=(_("领域"), _("发布条数")),
        rows=tuple(rows),
    )


def records_by_organization(records: QuerySet[Record]) -> StatTable:
    counted = (
        records.values("organization__name", "organization__region__path", "organization__sort_order")
        .annotate(n=Count("id"))
        .order_by("-n", "organization__region__path", "organization__sort_order", "organization__name")
    )
    return StatTable(
        key="records-by-organization",
        title=_("主动公开信息：按机构"),
        definition=_("当年发布的政府信息按发布机构计数，发布条数多的在前；当年没有发布的机构不列出。"),
        columns=(_("机构"), _("发布条数")),
        rows=tuple((row["organization__name"], row["n"]) for row in counted),
    )


def records_by_level(records: QuerySet[Record]) -> StatTable:
    counts = dict(records.values_list("organization__region__level").annotate(n=Count("id")))
    return StatTable(
        key="records-by-level",
        title=_("主动公开信息：按层级"),
        definition=_(
            "当年发布的政府信息按发布机构所在行政区划的层级计数：县级（县政府及其部门）、乡级（乡镇政府、街道办事处）、"
            "村级（村（居）民委员会）。"
        ),
        columns=(_("层级"), _("发布条数")),
        rows=tuple((str(label), counts.get(value, 0)) for value, label in Level.choices),
        chart="pie",
    )


def records_by_stage(records: QuerySet[Record]) -> StatTable:
    counts = dict(records.values_list("effective_stage").annotate(n=Count("id")))
    rows: list[tuple[Cell, ...]] = [(str(label), counts.get(value, 0)) for value, label in Stage.choices]
    rows.append((_("未标注环节"), counts.get("", 0)))
    return StatTable(
        key="records-by-stage",
        title=_("主动公开信息：按“五公开”环节"),
        definition=_(
            "当年发布的政府信息按所属“五公开”环节（决策、执行、管理、服务、结果）计数；信息本身未标注时取其关联公开事项的环节，"
            "两者都没有的计入“未标注环节”。"
        ),
        columns=(_("环节"), _("发布条数")),
        rows=tuple(rows),
        chart="pie",
    )


def _decided(region: Region | None, year: int) -> QuerySet[Application]:
    decided = Application.objects.filter(decided_on__gte=date(year, 1, 1), decided_on__lte=date(year, 12, 31))
    decided = decided.exclude(status=Status.TRANSFERRED).exclude(outcome="")
    if region:
        decided = decided.filter(organization__region__path__startswith=region.path)
    return decided.order_by()


def applications_by_outcome(decided: QuerySet[Application]) -> StatTable:
    by_outcome = dict(decided.values_list("outcome").annotate(n=Count("id")))
    groups = dict.fromkeys(GROUPS, 0)
    for outcome, count in by_outcome.items():
        row = OUTCOME_ROWS.get(outcome)
        if row is not None:
            groups[row.group] += count
    return StatTable(
        key="applications-by-outcome",
        title=_("依申请公开：办理结果"),
        definition=_(
            "当年作出答复（答复日期在当年）的政府信息公开申请，按办理结果归入年度报告表三的六类："
            "予以公开、部分公开、不予公开、无法提供、不予处理、其他处理。转送其他机关的申请由收到转送的机关计数。"
        ),
        columns=(_("办理结果"), _("件数"), _("占比（%）")),
        rows=(
            *((f"{group}{GROUPS[group]}", count, rate(count, sum(groups.values()))) for group, count in groups.items()),
            (_("合计"), sum(groups.values()), rate(sum(groups.values()), sum(groups.values()))),
        ),
        chart="pie",
        chart_rows=len(GROUPS),
    )


def applications_timeliness(decided: QuerySet[Application]) -> StatTable:
    figures = decided.aggregate(
        on_time=Count("id", filter=Q(due_on__isnull=False, decided_on__lte=F("due_on"))),
        late=Count("id", filter=Q(due_on__isnull=False, decided_on__gt=F("due_on"))),
        unknown=Count("id", filter=Q(due_on__isnull=True)),
    )
    total = sum(figures.values())
    rows = (
        (_("在法定期限内答复"), figures["on_time"], rate(figures["on_time"], total)),
        (_("超过法定期限答复"), figures["late"], rate(figures["late"], total)),
        (_("无答复期限记录（历史导入）"), figures["unknown"], rate(figures["unknown"], total)),
        (_("合计"), total, rate(total, total)),
    )
    return StatTable(
        key="applications-timeliness",
        title=_("依申请公开：答复时间与法定期限"),
        definition=_(
            "当年作出答复的申请，答复日期与其答复期限比较。答复期限为《条例》第三十三条的法定期限（收到申请之日起20个工作日，"
            "经批准延长的加上延长的工作日，补正、征求第三方意见等依法不计入的时间顺延），由系统按工作日历计算；"
            "答复日期不晚于期限的为“在法定期限内答复”。历史导入的申请没有期限记录时单列。"
        ),
        columns=(_("项目"), _("件数"), _("占比（%）")),
        rows=rows,
        chart="pie",
        chart_rows=3,
    )


def inquiries_answered(region: Region | None, year: int) -> StatTable:
    organization_ids = list(_organizations(region).values_list("pk", flat=True)) if region else None
    since, until = date(year, 1, 1), date(year, 12, 31)
    figures = inquiry_indicators(organization_ids=organization_ids, since=since, until=until, today=until)
    answered = Inquiry.objects.filter(
        received_on__gte=since, received_on__lte=until, status=InquiryStatus.ANSWERED, answered_on__isnull=False
    )
    if organization_ids is not None:
        answered = answered.filter(organization_id__in=organization_ids)
    days = [
        (answered_on - received_on).days
        for received_on, answered_on in answered.values_list("received_on", "answered_on")
        if answered_on is not None
    ]
    average = float(Decimal(stats.mean(days)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)) if days else None
    median = float(stats.median(days)) if days else None
    late = figures["answered"] - figures["answered_on_time"]
    return StatTable(
        key="inquiries",
        title=_("政民互动：留言答复"),
        definition=_(
            "当年收到的留言（无效留言除外）：已答复的件数，其中在答复期限（信箱规定的工作日数）内答复的件数；"
            "答复用时为收到日期到答复日期的自然日数，给出平均数和中位数。"
        ),
        columns=(_("项目"), _("数值")),
        rows=(
            (_("收到留言（件）"), figures["received"]),
            (_("已答复（件）"), figures["answered"]),
            (_("其中按期答复（件）"), figures["answered_on_time"]),
            (_("其中逾期答复（件）"), late),
            (_("按期答复率（%）"), rate(figures["answered_on_time"], figures["answered"])),
            (_("平均答复用时（自然日）"), average),
            (_("答复用时中位数（自然日）"), median),
        ),
        chart_rows=4,
    )


def survey_satisfaction(region: Region | None, year: int) -> StatTable:
    surveys = published_surveys().filter(published_at__year=year)
    if region:
        surveys = surveys.filter(organization__region__path__startswith=region.path)
    rows: list[tuple[Cell, ...]] = []
    satisfied = rated = valid = 0
    for survey in surveys.order_by("published_at", "pk"):
        total = results_for(survey).total
        rows.append((survey.title, total.valid, total.rated, total.satisfied, rate(total.satisfied, total.rated)))
        satisfied, rated, valid = satisfied + total.satisfied, rated + total.rated, valid + total.valid
    count = len(rows)
    rows.append((_("合计"), valid, rated, satisfied, rate(satisfied, rated)))
    return StatTable(
        key="survey-satisfaction",
        title=_("政民互动：满意度调查"),
        definition=_(
            "当年公开结果的满意度调查，每项调查的有效问卷数和满意率。满意率 = 满意的回答 ÷ 测量满意度题目的回答数"
            "（评分题4分或5分、选择题中标为“满意”的选项计为满意），无效问卷不计。"
        ),
        columns=(_("调查"), _("有效问卷（份）"), _("满意度题回答（次）"), _("满意（次）"), _("满意率（%）")),
        rows=tuple(rows),
        series=(4,),
        chart_rows=count,
    )


def guide_time_limits(region: Region | None) -> StatTable:
    guides = public_guides()
    if region:
        guides = guides.filter(organization__region__path__startswith=region.path)
    per_org, total = time_savings(guides)
    rows = [
        (row.name, row.guides, row.statutory_days, row.promised_days, row.days_saved, row.speed_up_rate)
        for row in per_org
    ]
    rows.append(
        (_("合计"), total.guides, total.statutory_days, total.promised_days, total.days_saved, total.speed_up_rate)
    )
    return StatTable(
        key="guide-time-limits",
        title=_("办事服务：承诺时限与法定时限"),
        definition=_(
            "目前有效的办事指南中同时写明法定办结时限和承诺办结时限的，按办理机构合计两者的工作日数；"
            "压缩率 = （法定 − 承诺）÷ 法定。此表反映当前状态，不随所选年度变化。"
        ),
        columns=(
            _("机构"),
            _("办事指南（项）"),
            _("法定时限合计（工作日）"),
            _("承诺时限合计（工作日）"),
            _("压缩（工作日）"),
            _("压缩率（%）"),
        ),
        rows=tuple(rows),
        series=(2, 3),
        chart_rows=len(per_org),
    )


def compute(*, region: Region | None, year: int) -> Statistics:
    """Every table of the year, straight from the database (a few aggregate queries per table)."""
    records = _records(region, year)
    decided = _decided(region, year)
    tables = (
        records_by_month(records),
        records_by_domain(records),
        records_by_organization(records),
        records_by_level(records),
        records_by_stage(records),
        applications_by_outcome(decided),
        applications_timeliness(decided),
        inquiries_answered(region, year),
        survey_satisfaction(region, year),
        guide_time_limits(region),
    )
    return Statistics(year=year, region=region.name if region else "", computed_at=timezone.now(), tables=tables)
