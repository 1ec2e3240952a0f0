"""Reply letters: editing the per-outcome templates and generating a reply for a decided application."""

from django.db import transaction
from django.utils.translation import gettext as _

from gongkai.core import audit
from gongkai.core.errors import AccessDenied
from gongkai.orgs.access import roles_of

from .. import letters
from ..errors import ApplicationError, ApplicationErrorCode
from ..letter_texts import default_templates
from ..models import Application, LetterTemplate, Reply
from ..selectors import TEMPLATE_ROLES
from .common import locked, log, require


def mask_name(name: str) -> str:
    return (name[:1] + "*" * (len(name) - 1)) if len(name) > 1 else "*"


def chinese_date(day) -> str:
    return f"{day.year}年{day.month}月{day.day}日" if day else ""


def letter_values(application: Application, reference: str, *, public: bool) -> dict[str, str]:
    organization = application.organization
    body = letters.reviewing_body(organization)
    return {
        "申请人": mask_name(application.applicant_name) if public else application.applicant_name,
        "收到日期": chinese_date(application.received_on),
        "查询码": application.tracking_code,
        "申请内容": application.description,
        "机关名称": organization.name,
        "机关地址": organization.address or "—",
        "联系电话": organization.phone or "—",
        "答复日期": chinese_date(application.decided_on),
        "法律依据": application.legal_basis,
        "理由": application.reasons,
        "救济途径": letters.remedy_text(body),
        "复议机关": body,
        "文书编号": reference,
    }


@transaction.atomic
def save_letter_template(*, actor, template: LetterTemplate, title: str, body: str) -> LetterTemplate:
    """Offices edit templates; the HTML is sanitized and must keep the remedy text."""
    if not can_edit_templates(actor):
        raise AccessDenied(_("只有政务公开办公室可以修改告知书模板。"))
    clean = letters.sanitize(body)
    unknown = letters.unknown_placeholders(clean)
    if unknown:
        raise ApplicationError(
            ApplicationErrorCode.INVALID_TEMPLATE,
            _("模板中有无法识别的字段：%(fields)s。可用字段：%(allowed)s。")
            % {"fields": "、".join(unknown), "allowed": "、".join(letters.FIELDS)},
            field="body",
        )
    missing = letters.missing_placeholders(clean)
    if missing:
        raise ApplicationError(
            ApplicationErrorCode.INVALID_TEMPLATE,
            _("模板必须包含 {{ 救济途径 }}：告知书应告知申请人申请行政复议和提起行政诉讼的途径与期限。"),
            field="body",
        )
    if not title.strip():
        raise ApplicationError(ApplicationErrorCode.INVALID_TEMPLATE, _("请填写告知书标题。"), field="title")
    old = {"title": template.title, "body": template.body}
    template.title, template.body, template.updated_by = title.strip(), clean, actor
    template.save()
    audit.log("applications.letter_template.updated", actor=actor, target=template, data={"previous": old})
    return template


def can_edit_templates(actor) -> bool:
    return bool(roles_of(actor) & set(TEMPLATE_ROLES))


def template_for(outcome: str) -> LetterTemplate:
    template = LetterTemplate.objects.filter(outcome=outcome).first()
    if template is None:
        for seeded_outcome, title, body in default_templates():
            if seeded_outcome == outcome:
                template = LetterTemplate.objects.create(outcome=outcome, title=title, body=body)
    return template


def next_reference(application: Application) -> str:
    organization = application.organization
    year = application.decided_on.year
    count = Reply.objects.filter(application__organization=organization, created_at__year=year).count()
    return _("%(org)s依申请公开告〔%(year)s〕%(number)s号") % {
        "org": organization.display_name,
        "year": year,
        "number": count + 1,
    }


@transaction.atomic
def generate_reply(*, actor, application: Application) -> Reply:
    """Fill the outcome's template; a newer reply replaces the older one for delivery and publication."""
    application = locked(application)
    require(actor, application, "handle")
    if not application.outcome:
        raise ApplicationError(ApplicationErrorCode.WRONG_STATUS, _("请先作出答复决定（选择办理结果），再生成告知书。"))
    if application.delivered_on:
        raise ApplicationError(ApplicationErrorCode.WRONG_STATUS, _("告知书已送达，不能再重新生成。"))
    template = template_for(application.outcome)
    reference = next_reference(application)
    reply = Reply.objects.create(
        application=application,
        outcome=application.outcome,
        title=template.title,
        reference=reference,
        body=letters.fill(template.body, letter_values(application, reference, public=False)),
        public_body=letters.fill(template.body, letter_values(application, reference, public=True)),
        created_by=actor,
    )
    log("reply_generated", actor=actor, application=application, data={"reference": reference, "reply": reply.pk})
    return reply
