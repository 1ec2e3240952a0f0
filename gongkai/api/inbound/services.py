"""Records pushed by business systems: drafts in the token's organization (or submitted for review when the token
allows), with their columns, catalog items and attachments, exactly once per idempotency key.

Concurrency: the push row is inserted first, inside the transaction that creates the record. A concurrent retry
with the same key blocks on the unique index until the first transaction ends; if it committed, the retry's insert
fails and the retry answers with the first push's record; if it rolled back, the retry does the work itself.
"""

import hashlib
from dataclasses import dataclass, field

import orjson
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from gongkai.catalog.models import Item, ItemStatus
from gongkai.core import audit
from gongkai.core.errors import AccessDenied, DomainError
from gongkai.publishing import services as publishing
from gongkai.publishing.models import Column, Record
from gongkai.services.models import Guide
from gongkai.services.selectors import public_guides

from ..errors import ApiError, ApiErrorCode, Conflict, InboundErrorCode, NotFound
from ..models import ApiToken, InboundPush, TokenScope

RECORD = "record"
RECORD_FIELDS = ("title", "summary", "body", "doc_number", "written_on", "genre", "subject_category", "keywords")


@dataclass(frozen=True)
class PushedFile:
    name: str
    data: bytes


@dataclass
class PushResult:
    record: Record
    created: bool
    submitted: bool = False
    submission_error: dict | None = None
    attachments: list = field(default_factory=list)


def payload_hash(fields: dict, files: list[PushedFile]) -> str:
    document = {
        "fields": {key: str(value) if not isinstance(value, list) else value for key, value in fields.items()},
        "files": [[item.name, hashlib.sha256(item.data).hexdigest()] for item in files],
    }
    return hashlib.sha256(orjson.dumps(document, option=orjson.OPT_SORT_KEYS)).hexdigest()


def reserve(*, token: ApiToken, kind: str, key: str, digest: str) -> InboundPush | None:
    """Insert the push row, or return None when the key is already taken (by a committed push)."""
    try:
        with transaction.atomic():
            return InboundPush.objects.create(token=token, kind=kind, idempotency_key=key, payload_hash=digest)
    except IntegrityError:
        return None


def earlier_push(*, token: ApiToken, kind: str, key: str, digest: str) -> InboundPush:
    push = InboundPush.objects.get(token=token, kind=kind, idempotency_key=key)
    if push.payload_hash != digest:
        raise Conflict(
            InboundErrorCode.KEY_REUSED,
            _("幂等键“%(key)s”已用于内容不同的另一次推送，请为新的推送使用新的幂等键。") % {"key": key},
            field="Idempotency-Key",
        )
    return push


def columns_of(token: ApiToken, slugs: list[str]) -> list[Column]:
    if not slugs:
        return []
    found = {
        column.slug: column
        for column in Column.objects.filter(organization=token.organization, slug__in=slugs, is_active=True)
    }
    missing = [slug for slug in slugs if slug not in found]
    if missing:
        raise ApiError(
            InboundErrorCode.UNKNOWN_COLUMN,
            _("本机构没有这些启用的栏目：%(slugs)s。可用栏目见 GET /api/v1/inbound/catalog/。")
            % {"slugs": "、".join(missing)},
            field="columns",
        )
    return [found[slug] for slug in dict.fromkeys(slugs)]


def items_of(token: ApiToken, codes: list[str]) -> list[Item]:
    """In-force items by code: the organization's own catalog first, then items it is responsible for."""
    if not codes:
        return []
    organization = token.organization
    candidates = (
        Item.objects.filter(status=ItemStatus.IN_FORCE, is_group=False, code__in=codes)
        .filter(Q(catalog__organization=organization) | Q(responsible_orgs=organization))
        .select_related("catalog")
        .distinct()
    )
    found: dict[str, Item] = {}
    for item in candidates:
        if item.code not in found or item.catalog.organization_id == organization.pk:
            found[item.code] = item
    missing = [code for code in codes if code not in found]
    if missing:
        raise ApiError(
            InboundErrorCode.UNKNOWN_ITEM,
            _("本机构的标准目录中没有这些有效的公开事项：%(codes)s。") % {"codes": "、".join(missing)},
            field="items",
        )
    return [found[code] for code in dict.fromkeys(codes)]


def guide_of(token: ApiToken, code: str) -> Guide:
    """The organization's service guide in force with this code (事项编码)."""
    guide = (
        public_guides()
        .select_related("catalog_item")
        .filter(organization=token.organization, code=code.strip())
        .first()
    )
    if guide is None:
        raise ApiError(
            InboundErrorCode.UNKNOWN_GUIDE,
            _("本机构没有事项编码为“%(code)s”的在用办事指南。") % {"code": code},
            field="guide_code",
        )
    return guide


def try_submit(record: Record, actor) -> dict | None:
    """Submit for review; when a rule refuses (e.g. personal data found), the draft stays and the reason is told."""
    try:
        with transaction.atomic():
            publishing.submit_record(record=record, actor=actor)
    except DomainError as error:
        return error.as_dict()
    return None


@transaction.atomic
def push_record(
    *,
    token: ApiToken,
    key: str,
    fields: dict,
    columns: list[str],
    items: list[str],
    files: list[PushedFile],
    submit: bool,
) -> PushResult:
    """Create the pushed record once per idempotency key; a retry gets the first push's record back."""
    if submit and not token.has_scope(TokenScope.RECORDS_SUBMIT):
        raise AccessDenied(_("该令牌只能推送草稿，不能直接提交审核。"), code="api.token_scope")
    unknown = set(fields) - set(RECORD_FIELDS)
    if unknown:
        raise ApiError(ApiErrorCode.INVALID, _("不能推送这些字段：%(names)s。") % {"names": "、".join(sorted(unknown))})
    digest = payload_hash({**fields, "columns": columns, "items": items, "submit": submit}, files)
    push = reserve(token=token, kind=RECORD, key=key, digest=digest)
    if push is None:
        earlier = earlier_push(token=token, kind=RECORD, key=key, digest=digest)
        record = Record.objects.get(pk=earlier.object_id)
        return PushResult(record=record, created=False, submitted=record.status != "draft")
    actor = token.account
    record = publishing.create_record(
        organization=token.organization,
        actor=actor,
        columns=columns_of(token, columns),
        items=items_of(token, items),
        **fields,
    )
    attachments = [
        publishing.add_attachment(
            record=record, upload=ContentFile(item.data, name=item.name), actor=actor, name=item.name
        )
        for item in files
    ]
    submission_error = try_submit(record, actor) if submit else None
    push.object_id = record.pk
    push.save(update_fields=["object_id"])
    record.refresh_from_db()
    audit.log(
        "api.record.pushed",
        actor=actor,
        target=record,
        organization=token.organization,
        data={
            "token": token.name,
            "idempotency_key": key,
            "attachments": len(attachments),
            "submitted": submit and not submission_error,
        },
    )
    return PushResult(
        record=record,
        created=True,
        submitted=submit and submission_error is None,
        submission_error=submission_error,
        attachments=attachments,
    )


def pushed_record(*, token: ApiToken, record_id: int) -> Record:
    """A record this token pushed (through its account); anything else is not found."""
    record = Record.objects.filter(pk=record_id, created_by=token.account).first()
    if record is None:
        raise NotFound("api.not_found", _("没有这条由本令牌推送的信息。"))
    return record
