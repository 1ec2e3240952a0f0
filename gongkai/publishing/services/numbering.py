"""Index numbers: formatting by the organization's pattern and gap-free allocation under a row lock."""

import string
from datetime import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.core import audit
from gongkai.orgs.access import require_role
from gongkai.orgs.codes import organization_code_from_credit_code
from gongkai.orgs.models import Role

from ..errors import PublishingError, PublishingErrorCode
from ..models import DEFAULT_PATTERN, IndexCounter, IndexScheme, Record

PLACEHOLDERS = {"org_code", "credit_code", "year", "month", "serial"}


def pattern_for(organization) -> str:
    scheme = IndexScheme.objects.filter(organization=organization).only("pattern").first()
    return scheme.pattern if scheme else DEFAULT_PATTERN


def format_index_number(pattern: str, *, organization, year: int, month: int, serial: int) -> str:
    return pattern.format(
        org_code=organization_code_from_credit_code(organization.credit_code),
        credit_code=organization.credit_code,
        year=year,
        month=f"{month:02d}",
        serial=serial,
    )


def pattern_error(message: str) -> PublishingError:
    return PublishingError(PublishingErrorCode.INVALID_PATTERN, message, field="pattern")


def validate_pattern(pattern: str, *, organization) -> None:
    try:
        fields = {name for _text, name, _spec, _conv in string.Formatter().parse(pattern) if name is not None}
    except ValueError as error:
        raise pattern_error(_("索引号格式中的花括号不成对，请检查。")) from error
    unknown = fields - PLACEHOLDERS
    if unknown:
        raise pattern_error(
            _("索引号格式中有不认识的占位符：%(names)s。可用：{org_code}、{credit_code}、{year}、{month}、{serial}。")
            % {"names": "、".join(sorted(unknown))}
        )
    if "year" not in fields or "serial" not in fields:
        raise pattern_error(_("索引号格式必须包含 {year} 和流水号 {serial}，否则无法保证索引号唯一。"))
    try:
        sample = format_index_number(pattern, organization=organization, year=2025, month=1, serial=1)
    except (ValueError, TypeError) as error:
        raise pattern_error(_("流水号的格式写法有误，例如应写作 {serial:05d}。")) from error
    if len(sample) > 64:
        raise pattern_error(_("按此格式生成的索引号超过 64 个字符，请缩短。"))
    if not fields & {"org_code", "credit_code"}:
        clash = IndexScheme.objects.filter(pattern=pattern).exclude(organization=organization).first()
        if clash is not None:
            raise pattern_error(
                _("不含机构代码的格式必须与其他机构不同（已被“%(name)s”使用），否则索引号会重复。")
                % {"name": clash.organization.name}
            )


@transaction.atomic
def set_index_pattern(*, organization, pattern: str, actor) -> IndexScheme:
    """Change how the organization's future index numbers are written; numbers already given never change."""
    require_role(actor, organization, (Role.OFFICE,), _("只有政务公开办公室可以设置索引号格式。"))
    pattern = pattern.strip()
    validate_pattern(pattern, organization=organization)
    old = pattern_for(organization)
    scheme, _created = IndexScheme.objects.update_or_create(organization=organization, defaults={"pattern": pattern})
    audit.log(
        "publishing.index_scheme.changed",
        actor=actor,
        target=scheme,
        organization=organization,
        data={"from": old, "to": pattern},
    )
    return scheme


def locked_counter(organization, year: int) -> IndexCounter:
    """The counter row of (organization, year), locked until the surrounding transaction ends."""
    try:
        with transaction.atomic():
            IndexCounter.objects.get_or_create(organization=organization, year=year)
    except IntegrityError:
        # Another transaction created the row at the same moment; it exists now.
        pass
    return IndexCounter.objects.select_for_update().get(organization=organization, year=year)


def allocate_index_number(*, organization, at: datetime) -> str:
    """The next index number of the organization for the year of `at`. Must run inside the publishing transaction,
    so a failed publication rolls the counter back too: no gap, no duplicate."""
    local = timezone.localtime(at)
    counter = locked_counter(organization, local.year)
    counter.last_serial += 1
    counter.save(update_fields=["last_serial"])
    number = format_index_number(
        pattern_for(organization),
        organization=organization,
        year=local.year,
        month=local.month,
        serial=counter.last_serial,
    )
    if Record.objects.filter(index_number=number).exists():
        raise PublishingError(
            PublishingErrorCode.INDEX_NUMBER_TAKEN,
            _("索引号 %(number)s 已被使用，请公开办检查本机构的索引号格式。") % {"number": number},
        )
    return number
