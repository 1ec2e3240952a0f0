"""Endpoints for business systems, called with an API token (`Authorization: Bearer gk_…`).

GET  /inbound/catalog/        catalog:read    the organization's columns and catalog items to push into
POST /inbound/records/        records:write   push a record (draft, or submitted with records:submit)
GET  /inbound/records/{id}/   records:write   the state of a record this token pushed
POST /inbound/cases/          cases:write     push the progress of a case (办件公开)
"""

import base64
import binascii
from datetime import datetime

from django.conf import settings
from django.utils.translation import gettext as _
from ninja import Field, Header, Router, Schema, Status

from gongkai.cases.models import CaseOutcome, CaseStage
from gongkai.cases.services import StepIn, record_case_progress
from gongkai.catalog.selectors import public_catalog, public_items
from gongkai.publishing.models import Column, Genre, SubjectCategory

from ..errors import ApiError, InboundErrorCode
from ..models import TokenScope
from ..v1.schemas import STAFF_ERRORS, ErrorOut, Id, IsoDate, StrictBool, StrictInt
from ..v1.security import TokenAuth
from . import services

router = Router(tags=["inbound"])

TOKEN_ERRORS = {**STAFF_ERRORS, 409: ErrorOut}
MAX_ATTACHMENTS = 10


class ColumnOut(Schema):
    slug: str
    name: str
    parent: str | None


class ItemRef(Schema):
    code: str
    name: str


class InboundCatalogOut(Schema):
    organization: str
    columns: list[ColumnOut]
    items: list[ItemRef]


class AttachmentIn(Schema):
    name: str = Field(..., min_length=1, max_length=200, description="文件名，例如 通知.pdf。")
    content_base64: str = Field(..., min_length=4, description="文件内容的 Base64 编码（PDF、Word、Excel 或图片）。")


class RecordPushIn(Schema):
    title: str = Field(..., min_length=1, max_length=300)
    written_on: IsoDate = Field(..., description="成文日期，不能晚于今天。")
    genre: Genre = Genre.OTHER
    subject_category: SubjectCategory | None = None
    doc_number: str = Field("", max_length=100)
    summary: str = Field("", max_length=2000)
    body: str = Field("", max_length=500_000, description="正文 HTML，保存前会被净化。")
    keywords: str = Field("", max_length=200)
    columns: list[str] = Field(default_factory=list, max_length=20, description="栏目标识；不填时按体裁放入默认栏目。")
    items: list[str] = Field(default_factory=list, max_length=50, description="公开事项的统一编码。")
    attachments: list[AttachmentIn] = Field(default_factory=list, max_length=MAX_ATTACHMENTS)
    submit: StrictBool = Field(False, description="推送后直接提交审核（令牌须有 records:submit）。")


class PushedAttachmentOut(Schema):
    id: str
    name: str
    kind: str
    size: int


class RecordPushOut(Schema):
    id: int
    status: str
    created: bool = Field(..., description="false 表示同一幂等键的重试，返回的是第一次推送的结果。")
    submitted: bool
    submission_error: ErrorOut | None = None
    attachments: list[PushedAttachmentOut]


class PushedRecordOut(Schema):
    id: int
    status: str
    title: str
    index_number: str | None
    published_at: datetime | None
    url: str | None
    rejection_comment: str


@router.get("/catalog/", response={200: InboundCatalogOut, **TOKEN_ERRORS}, auth=TokenAuth(TokenScope.CATALOG_READ))
def inbound_catalog(request):
    """The active columns and in-force catalog items of the token's organization: what a push may name."""
    token = request.auth
    columns = Column.objects.filter(organization=token.organization, is_active=True).select_related("parent")
    catalog = public_catalog(token.organization.pk)
    items = public_items(catalog).filter(is_group=False).values("code", "name") if catalog else []
    return {
        "organization": token.organization.name,
        "columns": [
            {"slug": column.slug, "name": column.name, "parent": column.parent.slug if column.parent else None}
            for column in columns.order_by("sort_order", "id")
        ],
        "items": list(items),
    }


def decoded(attachments: list[AttachmentIn]) -> list[services.PushedFile]:
    files = []
    for index, attachment in enumerate(attachments):
        try:
            data = base64.b64decode(attachment.content_base64, validate=True)
        except (binascii.Error, ValueError) as error:
            raise ApiError(
                InboundErrorCode.BAD_ATTACHMENT,
                _("第 %(index)s 个附件的内容不是有效的 Base64。") % {"index": index + 1},
                field=f"attachments.{index}.content_base64",
            ) from error
        if len(data) > settings.GONGKAI_MAX_ATTACHMENT_BYTES:
            raise ApiError(
                InboundErrorCode.BAD_ATTACHMENT,
                _("第 %(index)s 个附件过大。") % {"index": index + 1},
                field=f"attachments.{index}.content_base64",
            )
        files.append(services.PushedFile(attachment.name, data))
    return files


@router.post(
    "/records/",
    response={200: RecordPushOut, 201: RecordPushOut, **TOKEN_ERRORS},
    auth=TokenAuth(TokenScope.RECORDS_WRITE),
)
def push_record(
    request,
    payload: RecordPushIn,
    idempotency_key: str = Header(..., alias="Idempotency-Key", min_length=8, max_length=100),
):
    """Push a record. 201 when created; 200 with `created: false` when this key was already used for the same
    content (a retry); 409 when it was used for different content."""
    fields = payload.dict(include=set(services.RECORD_FIELDS))
    if fields.get("subject_category") is None:
        fields.pop("subject_category", None)
    result = services.push_record(
        token=request.auth,
        key=idempotency_key,
        fields=fields,
        columns=payload.columns,
        items=payload.items,
        files=decoded(payload.attachments),
        submit=payload.submit,
    )
    body = {
        "id": result.record.pk,
        "status": result.record.status,
        "created": result.created,
        "submitted": result.submitted,
        "submission_error": result.submission_error,
        "attachments": [
            {"id": str(item.public_id), "name": item.original_name, "kind": item.kind, "size": item.size}
            for item in (result.attachments if result.created else result.record.attachments.filter(is_active=True))
        ],
    }
    return Status(201 if result.created else 200, body)


@router.get(
    "/records/{record_id}/", response={200: PushedRecordOut, **TOKEN_ERRORS}, auth=TokenAuth(TokenScope.RECORDS_WRITE)
)
def pushed_record(request, record_id: Id):
    """Where a pushed record stands: still a draft, returned with a comment, or published with its address."""
    record = services.pushed_record(token=request.auth, record_id=record_id)
    published = record.status == "published"
    return {
        "id": record.pk,
        "status": record.status,
        "title": record.title,
        "index_number": record.index_number,
        "published_at": record.published_at,
        "url": record.get_absolute_url() if published else None,
        "rejection_comment": record.rejection_comment,
    }


class CaseStepIn(Schema):
    stage: CaseStage
    on: IsoDate = Field(..., alias="date")


class CasePushIn(Schema):
    number: str = Field(..., min_length=4, max_length=64, description="办件编号。")
    verification_code: str | None = Field(
        None, min_length=4, max_length=32, description="公众查询用的查询码；首次推送时必填，系统只保存其摘要。"
    )
    guide_code: str | None = Field(
        None,
        min_length=1,
        max_length=48,
        description="本机构在用办事指南的事项编码；给出时，事项名称、标准目录事项和承诺时限未填的取自该指南。",
    )
    service_name: str | None = Field(
        None, min_length=1, max_length=200, description="办事指南中的事项名称（未给 guide_code 时必填）。"
    )
    item_code: str | None = Field(None, max_length=40, description="该服务在标准目录中的事项编码。")
    promised_days: StrictInt | None = Field(None, ge=1, le=365, description="承诺时限（工作日）。")
    outcome: CaseOutcome | None = None
    steps: list[CaseStepIn] = Field(..., min_length=1, max_length=4)


class CasePushOut(Schema):
    number: str
    stage: str
    changed: bool = Field(..., description="false 表示与已登记的进度相同，什么也没有改变。")
    working_days: int | None


@router.post("/cases/", response={200: CasePushOut, **TOKEN_ERRORS}, auth=TokenAuth(TokenScope.CASES_WRITE))
def push_case(request, payload: CasePushIn):
    """Create or update a case's progress. The same push twice changes nothing; no personal data is accepted."""
    token = request.auth
    guide = services.guide_of(token, payload.guide_code) if payload.guide_code else None
    item = services.items_of(token, [payload.item_code])[0] if payload.item_code else None
    if guide is not None:
        item = item or guide.catalog_item
    case, changed = record_case_progress(
        organization=token.organization,
        number=payload.number,
        service_name=payload.service_name or (guide.name if guide else ""),
        steps=[StepIn(step.stage, step.on) for step in payload.steps],
        actor=token.account,
        verification_code=payload.verification_code,
        item=item,
        promised_days=payload.promised_days or (guide.promised_days if guide else None),
        outcome=payload.outcome or "",
    )
    return {"number": case.number, "stage": case.stage, "changed": changed, "working_days": case.working_days}
