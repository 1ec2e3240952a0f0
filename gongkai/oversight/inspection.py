"""Self-inspection rules (《政府网站与政务新媒体检查指标》, DOMAIN.md §5), computed for many sites at once.

Thresholds (each tested at its edge):
- home page not updated: the site's newest publication is 14 or more days old (13 days is fine) → veto;
- column not updated: 动态/要闻 columns 14 days; 通知公告/政策文件 columns 6 months (a column whose newest record is
  exactly 6 months old is fine, one day more is stale) → a deduction each, and 5 or more stale columns → veto;
- blank column: an active leaf column with no published record → a deduction each; 5 or more → veto;
- broken links and missing attachment files in published records → a deduction each;
- open privacy findings of screening on published records → deduction; secrecy markings or wrong expressions → veto;
- valid messages (engagement's inquiries) still unanswered 3 months after receipt → veto, one finding each.
A site is predicted 不合格 with any veto, or when 100 minus its deductions falls below 60.
"""

import calendar
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Exists, Max, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.engagement.models import Inquiry
from gongkai.engagement.selectors import veto_risks
from gongkai.publishing.models import Attachment, Column, ColumnKind, Record, RecordStatus
from gongkai.screening.kinds import PERSONAL_DATA_KINDS, Kind
from gongkai.screening.models import Finding as ScreeningFinding

from .linkcheck import PoliteClient, links_in, resolve_internal, site_hosts
from .models import NationalIndicator

HOME_STALE_DAYS = 14
FAST_STALE_DAYS = 14
SLOW_STALE_MONTHS = 6
STALE_COLUMNS_VETO = 5
BLANK_COLUMNS_VETO = 5
PASS_MARK = 60
FAST_WORDS = ("动态", "要闻")
SLOW_WORDS = ("通知公告", "政策文件")
SLOW_SLUGS = ("notices", "policies")
LISTING_KINDS = (ColumnKind.STAGE, ColumnKind.DOMAIN)
POINTS = {
    NationalIndicator.COLUMN_STALE: Decimal(2),
    NationalIndicator.BLANK_COLUMN: Decimal(2),
    NationalIndicator.BROKEN_LINK: Decimal(1),
    NationalIndicator.MISSING_ATTACHMENT: Decimal(1),
    NationalIndicator.PRIVACY: Decimal(2),
}
VETO_POINTS = Decimal(10)


@dataclass
class FindingData:
    organization_id: int
    indicator: str
    veto: bool
    key: str
    target: str
    url: str
    detail: str

    @property
    def points(self) -> Decimal:
        return VETO_POINTS if self.veto else POINTS.get(self.indicator, Decimal(1))


def months_before(day: date, months: int) -> date:
    month_index = day.year * 12 + day.month - 1 - months
    year, month = divmod(month_index, 12)
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def column_pace(column: Column) -> str | None:
    """ "fast" for 动态/要闻 columns, "slow" for 通知公告/政策文件 columns, None for columns without a pace."""
    if any(word in column.name for word in FAST_WORDS):
        return "fast"
    if column.slug in SLOW_SLUGS or any(word in column.name for word in SLOW_WORDS):
        return "slow"
    return None


def is_stale(pace: str, latest: date | None, today: date) -> bool:
    if latest is None:
        return False  # a column that never had a record is blank, not stale
    if pace == "fast":
        return (today - latest).days >= FAST_STALE_DAYS
    return latest < months_before(today, SLOW_STALE_MONTHS)


def published() -> Q:
    return Q(status=RecordStatus.PUBLISHED)


def site_url(organization_id: int) -> str:
    return reverse("portal:publishing:organization", kwargs={"organization_id": organization_id})


def home_findings(organization_ids: list[int], today: date) -> list[FindingData]:
    latest = dict(
        Record.objects.filter(published(), organization_id__in=organization_ids)
        .values("organization_id")
        .annotate(latest=Max("published_at"))
        .values_list("organization_id", "latest")
    )
    findings = []
    for organization_id in organization_ids:
        newest = latest.get(organization_id)
        days = (today - timezone.localdate(newest)).days if newest else None
        if days is not None and days < HOME_STALE_DAYS:
            continue
        detail = (
            _("首页已%(days)s天未更新（最近一次发布于%(date)s），超过2周。")
            % {"days": days, "date": timezone.localdate(newest)}
            if newest
            else _("网站从未发布过信息。")
        )
        findings.append(
            FindingData(
                organization_id,
                NationalIndicator.HOME_STALE,
                True,
                "home",
                _("首页"),
                site_url(organization_id),
                detail,
            )
        )
    return findings


def inspected_columns(organization_ids: list[int]):
    has_children = Column.objects.filter(parent=OuterRef("pk"), is_active=True)
    return (
        Column.objects.filter(organization_id__in=organization_ids, is_active=True)
        .exclude(kind__in=LISTING_KINDS)
        .annotate(has_children=Exists(has_children))
        .filter(has_children=False)
    )


def column_latest(organization_ids: list[int]) -> dict[int, tuple]:
    rows = (
        Record.columns.through.objects.filter(
            record__status=RecordStatus.PUBLISHED, column__organization_id__in=organization_ids
        )
        .values("column_id")
        .annotate(latest=Max("record__published_at"), records=Count("record_id"))
        .values_list("column_id", "latest", "records")
    )
    return {column_id: (latest, records) for column_id, latest, records in rows}


def column_url(column: Column) -> str:
    return reverse("portal:publishing:column", kwargs={"slug": column.slug}) + f"?organization={column.organization_id}"


def column_findings(organization_ids: list[int], today: date) -> list[FindingData]:
    latest = column_latest(organization_ids)
    stale, blank = defaultdict(list), defaultdict(list)
    for column in inspected_columns(organization_ids).order_by("organization_id", "sort_order", "id"):
        newest, records = latest.get(column.pk, (None, 0))
        if not records:
            blank[column.organization_id].append(column)
            continue
        pace = column_pace(column)
        if pace and is_stale(pace, timezone.localdate(newest), today):
            stale[column.organization_id].append((column, timezone.localdate(newest), pace))
    findings = []
    for organization_id, rows in stale.items():
        for column, newest, pace in rows:
            limit = _("2周") if pace == "fast" else _("6个月")
            findings.append(
                FindingData(
                    organization_id,
                    NationalIndicator.COLUMN_STALE,
                    False,
                    f"column-stale:{column.pk}",
                    column.name,
                    column_url(column),
                    _("栏目“%(name)s”最近一次更新在%(date)s，超过%(limit)s未更新。")
                    % {"name": column.name, "date": newest, "limit": limit},
                )
            )
        if len(rows) >= STALE_COLUMNS_VETO:
            findings.append(veto_summary(organization_id, NationalIndicator.COLUMN_STALE, len(rows)))
    for organization_id, columns in blank.items():
        for column in columns:
            findings.append(
                FindingData(
                    organization_id,
                    NationalIndicator.BLANK_COLUMN,
                    False,
                    f"blank:{column.pk}",
                    column.name,
                    column_url(column),
                    _("栏目“%(name)s”没有任何已发布的信息。") % {"name": column.name},
                )
            )
        if len(columns) >= BLANK_COLUMNS_VETO:
            findings.append(veto_summary(organization_id, NationalIndicator.BLANK_COLUMN, len(columns)))
    return findings


def veto_summary(organization_id: int, indicator: str, count: int) -> FindingData:
    detail = (
        _("共有%(count)s个栏目超期未更新，达到5个即单项否决。")
        if indicator == NationalIndicator.COLUMN_STALE
        else _("共有%(count)s个空白栏目，达到5个即单项否决。")
    ) % {"count": count}
    return FindingData(
        organization_id, indicator, True, f"{indicator}-veto", _("全站栏目"), site_url(organization_id), detail
    )


def link_findings(organization_ids: list[int], external: bool) -> list[FindingData]:
    hosts = site_hosts()
    client = PoliteClient() if external else None
    internal: list[tuple[int, int, str, str, object]] = []
    findings = []
    records = (
        Record.objects.filter(published(), organization_id__in=organization_ids)
        .exclude(body="")
        .values_list("pk", "organization_id", "title", "body")
        .order_by("pk")
    )
    for record_id, organization_id, title, body in records.iterator(chunk_size=2000):
        for link in links_in(body, hosts):
            if link.internal:
                internal.append((record_id, organization_id, title, link.url, resolve_internal(link.path)))
            elif client is not None:
                problem = client.check(link.url)
                if problem:
                    findings.append(broken(record_id, organization_id, title, link.url, problem))
    findings += internal_broken(internal)
    return findings


def internal_broken(internal) -> list[FindingData]:
    record_ids = {target.record_id for *_rest, target in internal if target.record_id is not None}
    public = set(Record.objects.filter(published(), pk__in=record_ids).values_list("pk", flat=True))
    attachment_ids = {target.attachment_id for *_rest, target in internal if target.attachment_id is not None}
    attachments = set(
        str(public_id)
        for public_id in Attachment.objects.filter(public_id__in=attachment_ids, is_active=True).values_list(
            "public_id", flat=True
        )
    )
    findings = []
    for record_id, organization_id, title, url, target in internal:
        if not target.exists:
            reason = _("站内页面不存在")
        elif target.record_id is not None and target.record_id not in public:
            reason = _("链接的信息不存在或已不公开")
        elif target.attachment_id is not None and target.attachment_id not in attachments:
            reason = _("链接的附件不存在或已删除")
        else:
            continue
        findings.append(broken(record_id, organization_id, title, url, reason))
    return findings


def broken(record_id: int, organization_id: int, title: str, url: str, problem: str) -> FindingData:
    return FindingData(
        organization_id,
        NationalIndicator.BROKEN_LINK,
        False,
        f"link:{record_id}:{url}"[:300],
        title[:300],
        url[:500],
        _("信息“%(title)s”中的链接 %(url)s 无法访问：%(problem)s") % {"title": title, "url": url, "problem": problem},
    )


def attachment_findings(organization_ids: list[int]) -> list[FindingData]:
    attachments = Attachment.objects.filter(
        is_active=True, record__status=RecordStatus.PUBLISHED, record__organization_id__in=organization_ids
    ).values_list("pk", "file", "original_name", "record_id", "record__organization_id", "record__title", "public_id")
    storage = Attachment._meta.get_field("file").storage
    findings = []
    for pk, name, original, record_id, organization_id, title, public_id in attachments.iterator(chunk_size=2000):
        if name and storage.exists(name):
            continue
        findings.append(
            FindingData(
                organization_id,
                NationalIndicator.MISSING_ATTACHMENT,
                False,
                f"attachment:{pk}",
                original[:300],
                reverse("portal:publishing:attachment", kwargs={"record_id": record_id, "public_id": public_id}),
                _("信息“%(title)s”的附件“%(name)s”文件缺失，无法下载。") % {"title": title, "name": original},
            )
        )
    return findings


def content_findings(organization_ids: list[int]) -> list[FindingData]:
    record_type = ContentType.objects.get_for_model(Record)
    public_ids = Record.objects.filter(published(), organization_id__in=organization_ids).values("pk")
    rows = ScreeningFinding.objects.filter(
        organization_id__in=organization_ids,
        is_current=True,
        status=ScreeningFinding.Status.OPEN,
        kind__in=(*PERSONAL_DATA_KINDS, Kind.SECRET_MARKING, Kind.EXPRESSION),
        content_type=record_type,
    ).values_list("pk", "organization_id", "object_id", "target_label", "kind", "text")
    public = {str(pk) for pk in public_ids.values_list("pk", flat=True)}
    findings = []
    for pk, organization_id, object_id, label, kind, text in rows:
        if object_id not in public:
            continue
        privacy = kind in PERSONAL_DATA_KINDS
        findings.append(
            FindingData(
                organization_id,
                NationalIndicator.PRIVACY if privacy else NationalIndicator.CONTENT_SAFETY,
                not privacy,
                f"screening:{pk}",
                (label or "")[:300],
                reverse("portal:publishing:record", kwargs={"record_id": int(object_id)}),
                _("已发布信息中仍有“%(kind)s”问题：%(text)s") % {"kind": Kind(kind).label, "text": text[:100]},
            )
        )
    return findings


def interaction_findings(organization_ids: list[int], today: date) -> list[FindingData]:
    """互动回应差: any valid message unanswered for more than 3 months vetoes the site (engagement's definition)."""
    inquiries = veto_risks(Inquiry.objects.filter(organization_id__in=organization_ids), today).order_by(
        "received_on", "id"
    )
    return [
        FindingData(
            organization_id,
            NationalIndicator.INTERACTION,
            True,
            f"inquiry:{pk}",
            f"{tracking_code} {subject}"[:300],
            reverse("backoffice:engagement:inquiry", kwargs={"inquiry_id": pk}),
            _("留言“%(subject)s”于%(date)s收到，超过3个月仍未答复。") % {"subject": subject, "date": received_on},
        )
        for pk, organization_id, tracking_code, subject, received_on in inquiries.values_list(
            "pk", "organization_id", "tracking_code", "subject", "received_on"
        )
    ]


def inspect(organization_ids: list[int], today: date, *, external: bool | None = None) -> list[FindingData]:
    """Every finding for the given sites on `today`, the veto findings first within each site."""
    if external is None:
        external = settings.GONGKAI_OVERSIGHT_CHECK_EXTERNAL_LINKS
    findings = [
        *home_findings(organization_ids, today),
        *column_findings(organization_ids, today),
        *link_findings(organization_ids, external),
        *attachment_findings(organization_ids),
        *content_findings(organization_ids),
        *interaction_findings(organization_ids, today),
    ]
    return sorted(findings, key=lambda finding: (finding.organization_id, not finding.veto, finding.indicator))


def predicted(findings) -> dict:
    """合格/不合格 as the national check would judge it: any veto fails, else 100 minus deductions below 60 fails."""
    veto = any(finding.veto for finding in findings)
    deducted = sum((finding.points for finding in findings if not finding.veto), Decimal(0))
    score = max(Decimal(0), Decimal(100) - deducted)
    return {"veto": veto, "score": score, "passed": not veto and score >= PASS_MARK}


def sites(organization_ids=None) -> list[int]:
    """Organizations that run a site: those with at least one active column."""
    columns = Column.objects.filter(is_active=True)
    if organization_ids is not None:
        columns = columns.filter(organization_id__in=organization_ids)
    return sorted(set(columns.values_list("organization_id", flat=True)))


def today() -> date:
    return timezone.localdate()
