"""Writing assessment schemes: indicators, activation, publishing the leaderboard, manual entries, freezing."""

from datetime import date
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.core import audit
from gongkai.publishing.uploads import check_upload

from ..access import require_office_for, require_office_region
from ..defaults import DEFAULT_INDICATORS
from ..errors import OversightError, OversightErrorCode
from ..models import FrozenScore, Group, Indicator, ManualEntry, Method, Scheme
from ..rules import get_rule
from ..scoring import leaderboard, scores_changed
from ..signals import leaderboard_changed

FULL_MARKS = Decimal(100)


def log(action: str, target, actor, **data) -> None:
    audit.log(f"oversight.{action}", actor=actor, target=target, data=data)


def create_scheme(*, region, year: int, name: str, actor) -> Scheme:
    require_office_region(actor, region)
    if not name.strip():
        raise OversightError(OversightErrorCode.INVALID, _("请填写方案名称。"), field="name")
    with transaction.atomic():
        if Scheme.objects.filter(region=region, year=year).exists():
            raise OversightError(
                OversightErrorCode.SCHEME_EXISTS,
                _("%(region)s %(year)s年的考核方案已经存在，请修改原方案。") % {"region": region.name, "year": year},
            )
        scheme = Scheme.objects.create(region=region, year=year, name=name.strip(), created_by=actor)
        log("scheme.created", scheme, actor, year=year)
    return scheme


def decimal_of(value, field: str, label: str) -> Decimal:
    try:
        number = Decimal(str(value).strip())
    except (InvalidOperation, ValueError) as error:
        raise OversightError(
            OversightErrorCode.INVALID, _("“%(label)s”应为数字。") % {"label": label}, field=field
        ) from error
    if number < 0 or number > FULL_MARKS:
        raise OversightError(
            OversightErrorCode.INVALID, _("“%(label)s”应在0到100之间。") % {"label": label}, field=field
        )
    return number


def check_indicator_fields(*, group, code, name, rule, method, weight, points_each) -> dict:
    if group not in Group.values:
        raise OversightError(OversightErrorCode.INVALID, _("请选择考核分组。"), field="group")
    if not code or not code.replace("-", "").replace("_", "").isalnum() or not code.isascii():
        raise OversightError(
            OversightErrorCode.INVALID,
            _("指标编码只能包含字母、数字、连字符和下划线，例如 records-late。"),
            field="code",
        )
    if not (name or "").strip():
        raise OversightError(OversightErrorCode.INVALID, _("请填写指标名称。"), field="name")
    if get_rule(rule) is None:
        raise OversightError(
            OversightErrorCode.UNKNOWN_RULE,
            _("计分规则“%(rule)s”不存在，请从列表中选择。") % {"rule": rule},
            field="rule",
        )
    if method not in Method.values:
        raise OversightError(OversightErrorCode.INVALID, _("请选择计分方式。"), field="method")
    weight = decimal_of(weight, "weight", _("分值"))
    points_each = decimal_of(points_each or 0, "points_each", _("每件扣分"))
    if method == Method.PER_ITEM and points_each <= 0:
        raise OversightError(
            OversightErrorCode.INVALID, _("按件扣分的指标须填写大于0的“每件扣分”。"), field="points_each"
        )
    return {"name": name.strip(), "rule": rule, "method": method, "weight": weight, "points_each": points_each}


def save_indicator(
    *,
    scheme: Scheme,
    actor,
    group: str,
    code: str,
    name: str,
    rule: str,
    method: str,
    weight,
    points_each=0,
    description: str = "",
    sort_order: int = 0,
) -> Indicator:
    """Create or update the indicator `code` of `group`; a frozen scheme cannot change."""
    require_office_region(actor, scheme.region)
    fields = check_indicator_fields(
        group=group, code=code, name=name, rule=rule, method=method, weight=weight, points_each=points_each
    )
    with transaction.atomic():
        scheme = Scheme.objects.select_for_update().get(pk=scheme.pk)
        refuse_frozen(scheme)
        indicator, _created = Indicator.objects.update_or_create(
            scheme=scheme,
            group=group,
            code=code,
            defaults={**fields, "description": description, "sort_order": sort_order, "is_active": True},
        )
        log("indicator.saved", indicator, actor, group=group, code=code, weight=str(fields["weight"]))
        scores_changed()
    return indicator


def refuse_frozen(scheme: Scheme) -> None:
    if scheme.is_frozen:
        raise OversightError(
            OversightErrorCode.FROZEN, _("该方案的考核结果已于%(date)s冻结，不能再修改。") % {"date": scheme.frozen_on}
        )


def validate_scheme(scheme: Scheme) -> list[str]:
    """Problems that keep a scheme from being used: each group with indicators must weigh exactly 100 points."""
    problems = []
    for group in Group:
        indicators = list(scheme.indicators.filter(group=group, is_active=True))
        if not indicators:
            continue
        total = sum((indicator.weight for indicator in indicators), Decimal(0))
        if total != FULL_MARKS:
            problems.append(
                _("“%(group)s”组各指标分值合计为%(total)s分，应为100分。") % {"group": group.label, "total": total}
            )
        for indicator in indicators:
            if get_rule(indicator.rule) is None:
                problems.append(
                    _("指标“%(name)s”的计分规则“%(rule)s”未登记。") % {"name": indicator.name, "rule": indicator.rule}
                )
    if not scheme.indicators.filter(is_active=True).exists():
        problems.append(_("方案还没有任何指标。"))
    return problems


def activate_scheme(*, scheme: Scheme, actor) -> Scheme:
    require_office_region(actor, scheme.region)
    problems = validate_scheme(scheme)
    if problems:
        raise OversightError(OversightErrorCode.WEIGHTS, " ".join(problems))
    with transaction.atomic():
        scheme = Scheme.objects.select_for_update().get(pk=scheme.pk)
        scheme.is_active = True
        scheme.save(update_fields=["is_active"])
        log("scheme.activated", scheme, actor)
    return scheme


def publish_leaderboard(*, scheme: Scheme, actor, published: bool = True) -> Scheme:
    require_office_region(actor, scheme.region)
    with transaction.atomic():
        scheme = Scheme.objects.select_for_update().get(pk=scheme.pk)
        if published and not scheme.is_active:
            raise OversightError(OversightErrorCode.NOT_ACTIVE, _("请先启用考核方案，再公开排行榜。"))
        scheme.leaderboard_published = published
        scheme.save(update_fields=["leaderboard_published"])
        log("scheme.leaderboard_published" if published else "scheme.leaderboard_unpublished", scheme, actor)
        transaction.on_commit(lambda: leaderboard_changed.send(sender=Scheme, published=published))
    return scheme


def freeze_scheme(*, scheme: Scheme, on: date, actor) -> Scheme:
    """Keep every organization's score as computed up to `on`; from then on the scheme answers with these."""
    require_office_region(actor, scheme.region)
    if on.year != scheme.year:
        raise OversightError(
            OversightErrorCode.INVALID, _("冻结日期应在%(year)s年内。") % {"year": scheme.year}, field="on"
        )
    with transaction.atomic():
        scheme = Scheme.objects.select_for_update().get(pk=scheme.pk)
        refuse_frozen(scheme)
        if not scheme.is_active:
            raise OversightError(OversightErrorCode.NOT_ACTIVE, _("请先启用考核方案，再冻结结果。"))
        rows = []
        for group in Group:
            for entry in leaderboard(scheme, group, on):
                rows.append(
                    FrozenScore(
                        scheme=scheme,
                        group=group,
                        organization=entry.organization,
                        score=entry.score,
                        rank=entry.rank,
                        data=entry.as_dict(),
                    )
                )
        FrozenScore.objects.bulk_create(rows)
        scheme.frozen_on, scheme.frozen_at = on, timezone.now()
        scheme.save(update_fields=["frozen_on", "frozen_at"])
        log("scheme.frozen", scheme, actor, on=on.isoformat(), organizations=len(rows))
    return scheme


def add_manual_entry(
    *, indicator: Indicator, organization, points, reason: str, occurred_on: date, evidence, actor
) -> ManualEntry:
    """A deduction by the office, always with a reason and an evidence file checked by its content."""
    require_office_for(actor, organization)
    require_office_region(actor, indicator.scheme.region)
    if indicator.rule != "oversight.manual":
        raise OversightError(OversightErrorCode.INVALID, _("只能在“人工考核”类指标下录入扣分。"), field="indicator")
    if not (reason or "").strip():
        raise OversightError(OversightErrorCode.REASON_REQUIRED, _("请写明扣分理由。"), field="reason")
    if evidence is None:
        raise OversightError(
            OversightErrorCode.EVIDENCE_REQUIRED, _("请上传佐证材料（PDF、Word、Excel 或图片）。"), field="evidence"
        )
    points = decimal_of(points, "points", _("扣分"))
    if points <= 0:
        raise OversightError(OversightErrorCode.INVALID, _("扣分应大于0。"), field="points")
    if occurred_on.year != indicator.scheme.year:
        raise OversightError(
            OversightErrorCode.INVALID,
            _("发现日期应在考核年度%(year)s年内。") % {"year": indicator.scheme.year},
            field="occurred_on",
        )
    checked = check_upload(evidence, evidence.name)
    with transaction.atomic():
        refuse_frozen(Scheme.objects.select_for_update().get(pk=indicator.scheme_id))
        entry = ManualEntry(
            indicator=indicator,
            organization=organization,
            points=points,
            reason=reason.strip(),
            occurred_on=occurred_on,
            evidence_name=evidence.name[:200],
            created_by=actor,
        )
        entry.evidence.save(f"evidence{checked.extension}", evidence, save=False)
        entry.save()
        audit.log(
            "oversight.manual_entry.created",
            actor=actor,
            target=entry,
            organization=organization,
            data={"points": str(points), "indicator": indicator.code},
        )
        scores_changed()
    return entry


def revoke_manual_entry(*, entry: ManualEntry, reason: str, actor) -> ManualEntry:
    require_office_for(actor, entry.organization)
    if not (reason or "").strip():
        raise OversightError(OversightErrorCode.REASON_REQUIRED, _("请写明撤销理由。"), field="reason")
    with transaction.atomic():
        entry = ManualEntry.objects.select_for_update().select_related("indicator__scheme").get(pk=entry.pk)
        refuse_frozen(entry.indicator.scheme)
        if not entry.is_active:
            raise OversightError(OversightErrorCode.ILLEGAL_TRANSITION, _("这条扣分已经撤销。"))
        entry.is_active, entry.revoked_reason = False, reason.strip()[:300]
        entry.save(update_fields=["is_active", "revoked_reason"])
        audit.log(
            "oversight.manual_entry.revoked",
            actor=actor,
            target=entry,
            organization=entry.organization_id,
            data={"points": str(entry.points), "indicator": entry.indicator.code, "reason": entry.revoked_reason},
        )
        scores_changed()
    return entry


def install_default_scheme(*, region, year: int, actor) -> Scheme:
    """The shipped scheme (docs/oversight.md): every group's indicators, activated; idempotent."""
    existing = Scheme.objects.filter(region=region, year=year).first()
    if existing is not None:
        return existing
    with transaction.atomic():
        scheme = create_scheme(
            region=region, year=year, name=_("%(year)s年度政务公开工作考核方案") % {"year": year}, actor=actor
        )
        for group in Group:
            for order, row in enumerate(DEFAULT_INDICATORS[group], start=1):
                save_indicator(scheme=scheme, actor=actor, group=group, sort_order=order, **row)
        return activate_scheme(scheme=scheme, actor=actor)
