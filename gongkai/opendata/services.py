"""Writing the open-data catalog: datasets (create, edit, retire, reopen) and their resources (uploaded files checked
by content, or live queries with checked parameters; a file replaced by a newer one, a resource retired), and counting
downloads without a read-modify-write race. Only the publisher's disclosure office or an administrator writes;
nothing is deleted."""

import csv
import io
import json
import re
import zipfile
from datetime import date

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.catalog.selectors import organization_by_key
from gongkai.core import audit
from gongkai.orgs.access import MANAGERS, require_role
from gongkai.services.selectors import category_tree

from .errors import OpendataError, OpendataErrorCode
from .models import Dataset, Format, Query, Resource, ResourceKind, UpdateCycle
from .signals import dataset_changed
from .sources import PARAMETERS, rows_of

MAX_FILE_BYTES = 50 * 1024 * 1024
FIELD_TYPES = ("string", "integer", "number", "date", "datetime", "boolean")
EDITABLE = ("title", "domain", "description", "keywords", "update_cycle", "fields", "licence", "contact", "updated_on")
COLUMN_SLUG = re.compile(r"^[-a-zA-Z0-9_]{1,60}$")


def invalid(message: str, field: str) -> OpendataError:
    return OpendataError(OpendataErrorCode.INVALID, message, field=field)


def check_fields(fields) -> list[dict]:
    if not isinstance(fields, list) or not fields:
        raise invalid(_("请列出数据项：每项含名称、类型和说明。"), "fields")
    cleaned = []
    for index, field in enumerate(fields, start=1):
        if not isinstance(field, dict) or not str(field.get("name", "")).strip():
            raise invalid(_("第 %(index)s 个数据项缺少名称。") % {"index": index}, "fields")
        if field.get("type") not in FIELD_TYPES:
            raise invalid(
                _("第 %(index)s 个数据项的类型应为 %(types)s 之一。")
                % {"index": index, "types": "、".join(FIELD_TYPES)},
                "fields",
            )
        cleaned.append(
            {
                "name": str(field["name"]).strip(),
                "type": field["type"],
                "description": str(field.get("description", "")),
            }
        )
    return cleaned


def require_manager(actor, dataset_or_publisher) -> None:
    publisher = getattr(dataset_or_publisher, "publisher", dataset_or_publisher)
    require_role(actor, publisher, MANAGERS, _("只有本机构的政务公开办公室或系统管理员可以编目开放数据。"))


def check_updated_on(updated_on) -> None:
    if not isinstance(updated_on, date):
        raise invalid(_("请填写数据更新日期（格式 2026-01-31）。"), "updated_on")
    if updated_on > timezone.localdate():
        raise invalid(_("数据更新日期不能晚于今天。"), "updated_on")


def validated(dataset: Dataset) -> None:
    """Model validation, its first problem raised as the app's error on the field it concerns."""
    try:
        dataset.full_clean(validate_unique=False)
    except ValidationError as error:
        field, messages = next(iter(error.message_dict.items()))
        raise invalid(f"{dataset._meta.get_field(field).verbose_name}：{messages[0]}", field) from error


@transaction.atomic
def create_dataset(
    *,
    publisher,
    actor,
    slug: str,
    title: str,
    description: str,
    update_cycle: str,
    fields,
    contact: str,
    updated_on,
    domain=None,
    keywords: str = "",
    licence: str = "CC BY 4.0",
) -> Dataset:
    """A new dataset of `publisher`, catalogued by its disclosure office (or an administrator)."""
    require_manager(actor, publisher)
    if update_cycle not in UpdateCycle.values:
        raise invalid(_("请选择更新周期。"), "update_cycle")
    check_updated_on(updated_on)
    if Dataset.objects.filter(slug=slug).exists():
        raise invalid(_("标识“%(slug)s”已被使用。") % {"slug": slug}, "slug")
    dataset = Dataset(
        slug=slug, title=title.strip(), publisher=publisher, domain=domain, description=description.strip(),
        keywords=keywords, update_cycle=update_cycle, fields=check_fields(fields), licence=licence,
        contact=contact.strip(), updated_on=updated_on, created_by=actor,
    )  # fmt: skip
    validated(dataset)
    dataset.save()
    audit.log("opendata.dataset.created", actor=actor, target=dataset, organization=publisher, data={"slug": slug})
    announce(dataset.pk)
    return dataset


def locked(dataset: Dataset) -> Dataset:
    return Dataset.objects.select_for_update().select_related("publisher").get(pk=dataset.pk)


@transaction.atomic
def update_dataset(*, dataset: Dataset, actor, **changes) -> Dataset:
    """Edit the metadata (never the slug or the publisher: links and scope depend on them). The audit entry keeps
    the previous values of what changed."""
    unknown = set(changes) - set(EDITABLE)
    if unknown:
        raise invalid(_("不能修改：%(fields)s。") % {"fields": "、".join(sorted(unknown))}, sorted(unknown)[0])
    require_manager(actor, dataset)
    dataset = locked(dataset)
    if "update_cycle" in changes and changes["update_cycle"] not in UpdateCycle.values:
        raise invalid(_("请选择更新周期。"), "update_cycle")
    if "updated_on" in changes:
        check_updated_on(changes["updated_on"])
    if "fields" in changes:
        changes["fields"] = check_fields(changes["fields"])
    for key in ("title", "description", "contact"):
        if key in changes:
            changes[key] = changes[key].strip()
    before = {key: getattr(dataset, key) for key in changes}
    changed = [key for key, value in changes.items() if before[key] != value]
    if not changed:
        return dataset
    for key in changed:
        setattr(dataset, key, changes[key])
    validated(dataset)
    dataset.save(update_fields=[*changed, "modified_at"])
    audit.log(
        "opendata.dataset.updated",
        actor=actor,
        target=dataset,
        organization=dataset.publisher,
        data={"changed": changed, "before": {key: plain(before[key]) for key in changed}},
    )
    announce(dataset.pk)
    return dataset


def plain(value):
    """A value as the audit log's JSON can keep it."""
    if isinstance(value, date):
        return value.isoformat()
    if hasattr(value, "pk"):
        return value.pk
    return value


@transaction.atomic
def retire_dataset(*, dataset: Dataset, actor, reason: str) -> Dataset:
    """Stop opening a dataset (停止开放): its page, downloads and place in data.json go; the record stays."""
    require_manager(actor, dataset)
    dataset = locked(dataset)
    if not dataset.is_published:
        raise OpendataError(OpendataErrorCode.WRONG_STATE, _("该数据集已停止开放。"))
    if not reason.strip():
        raise invalid(_("请填写停止开放的原因。"), "reason")
    dataset.is_published = False
    dataset.save(update_fields=["is_published", "modified_at"])
    audit.log(
        "opendata.dataset.retired",
        actor=actor,
        target=dataset,
        organization=dataset.publisher,
        data={"reason": reason.strip()},
    )
    announce(dataset.pk)
    return dataset


@transaction.atomic
def reopen_dataset(*, dataset: Dataset, actor) -> Dataset:
    require_manager(actor, dataset)
    dataset = locked(dataset)
    if dataset.is_published:
        raise OpendataError(OpendataErrorCode.WRONG_STATE, _("该数据集正在开放。"))
    dataset.is_published = True
    dataset.save(update_fields=["is_published", "modified_at"])
    audit.log("opendata.dataset.reopened", actor=actor, target=dataset, organization=dataset.publisher)
    announce(dataset.pk)
    return dataset


def check_file(format_: str, data: bytes) -> None:
    """The content must really be what the format says (a CSV that decodes, a JSON that parses, an XLSX zip)."""
    if not data or len(data) > MAX_FILE_BYTES:
        raise OpendataError(OpendataErrorCode.BAD_FILE, _("文件为空或超过 50 MB。"), field="file")
    try:
        if format_ == Format.CSV:
            next(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
        elif format_ == Format.JSON:
            json.loads(data.decode("utf-8"))
        elif format_ == Format.XLSX:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                archive.getinfo("xl/workbook.xml")
        else:
            raise ValueError(format_)
    except (UnicodeDecodeError, ValueError, KeyError, StopIteration, zipfile.BadZipFile) as error:
        raise OpendataError(
            OpendataErrorCode.BAD_FILE, _("文件内容与格式“%(format)s”不符。") % {"format": format_}, field="file"
        ) from error


@transaction.atomic
def add_resource(
    *,
    dataset: Dataset,
    actor,
    name: str,
    format: str,
    data: bytes | None = None,
    query: str = "",
    parameters: dict | None = None,
) -> Resource:  # noqa: A002 - the field's name
    require_manager(actor, dataset)
    if format not in Format.values:
        raise invalid(_("格式应为 CSV、XLSX 或 JSON。"), "format")
    if not name.strip():
        raise invalid(_("请填写资源名称。"), "name")
    resource = Resource(dataset=dataset, name=name.strip(), format=format, sort_order=dataset.resources.count())
    if query:
        if query not in Query.values:
            raise invalid(_("未知的查询。"), "query")
        resource.kind, resource.query = ResourceKind.QUERY, query
        resource.parameters = clean_parameters(query, parameters or {})
        rows_of(query, resource.parameters)  # fails now, not on the first download
    else:
        check_file(format, data or b"")
        resource.kind = ResourceKind.FILE
        resource.file.save(f"{dataset.slug}.{format}", ContentFile(data), save=False)
    resource.save()
    audit.log(
        "opendata.resource.added",
        actor=actor,
        target=dataset,
        organization=dataset.publisher,
        data={"resource": resource.pk, "name": resource.name, "kind": resource.kind},
    )
    announce(dataset.pk)
    return resource


def clean_parameters(query: str, parameters: dict) -> dict:
    """The parameters a live query accepts, each checked (an organization that exists, a column slug, a year, a site
    category that exists); empty values are dropped."""
    cleaned: dict = {}
    for key, value in parameters.items():
        if key not in PARAMETERS[Query(query)]:
            raise invalid(_("查询“%(query)s”不接受参数“%(key)s”。") % {"query": Query(query).label, "key": key}, key)
        if value not in ("", None):
            cleaned[key] = PARAMETER_CHECKS[key](value)
    if query == Query.CATALOG_ITEMS and "organization" not in cleaned:
        raise invalid(_("标准目录公开事项须指定机构。"), "organization")
    return cleaned


def checked_organization(value) -> int:
    organization = organization_by_key(value)
    if organization is None:
        raise invalid(_("找不到机构“%(key)s”。") % {"key": value}, "organization")
    return organization.pk


def checked_column(value) -> str:
    if not COLUMN_SLUG.match(str(value)):
        raise invalid(_("栏目标识只能包含字母、数字、连字符和下划线。"), "column")
    return str(value)


def checked_year(value) -> int:
    year = int(value) if str(value).isdigit() else 0
    if not 2000 <= year <= 2099:
        raise invalid(_("年度应为 2000 至 2099 之间的四位数字。"), "year")
    return year


def checked_category(value) -> str:
    codes = {category.code for top in category_tree() for category in (top, *top.subcategories)}
    if value not in codes:
        raise invalid(_("找不到服务点分类“%(code)s”。") % {"code": value}, "category")
    return str(value)


PARAMETER_CHECKS = {
    "organization": checked_organization,
    "column": checked_column,
    "year": checked_year,
    "category": checked_category,
}


def locked_resource(resource: Resource) -> Resource:
    return Resource.objects.select_for_update().select_related("dataset__publisher").get(pk=resource.pk)


@transaction.atomic
def replace_resource_file(*, resource: Resource, actor, data: bytes) -> Resource:
    """A newer file for a file resource: the data were updated, so the dataset's update date becomes today. The
    previous file stays in storage (named in the audit entry)."""
    require_manager(actor, resource.dataset)
    resource = locked_resource(resource)
    if resource.kind != ResourceKind.FILE:
        raise OpendataError(OpendataErrorCode.WRONG_STATE, _("实时查询资源总是最新的，无需上传文件。"))
    if not resource.is_active:
        raise OpendataError(OpendataErrorCode.WRONG_STATE, _("该资源已停用。"))
    check_file(resource.format, data)
    previous = resource.file.name
    resource.file.save(f"{resource.dataset.slug}.{resource.format}", ContentFile(data), save=False)
    resource.save(update_fields=["file"])
    dataset = resource.dataset
    dataset.updated_on = timezone.localdate()
    dataset.save(update_fields=["updated_on", "modified_at"])
    audit.log(
        "opendata.resource.replaced",
        actor=actor,
        target=dataset,
        organization=dataset.publisher,
        data={"resource": resource.pk, "name": resource.name, "previous_file": previous},
    )
    announce(resource.dataset_id)
    return resource


@transaction.atomic
def retire_resource(*, resource: Resource, actor) -> Resource:
    """Take a resource out of the catalog (no longer listed or downloadable); its row and file stay."""
    require_manager(actor, resource.dataset)
    resource = locked_resource(resource)
    if not resource.is_active:
        raise OpendataError(OpendataErrorCode.WRONG_STATE, _("该资源已停用。"))
    resource.is_active = False
    resource.save(update_fields=["is_active"])
    audit.log(
        "opendata.resource.retired",
        actor=actor,
        target=resource.dataset,
        organization=resource.dataset.publisher,
        data={"resource": resource.pk, "name": resource.name},
    )
    announce(resource.dataset_id)
    return resource


def announce(dataset_id: int) -> None:
    transaction.on_commit(lambda: dataset_changed.send(sender=Dataset, dataset_id=dataset_id))


def count_download(*, resource: Resource) -> None:
    """One more download, counted in the database (F()) so that concurrent downloads are all counted."""
    Resource.objects.filter(pk=resource.pk).update(download_count=F("download_count") + 1)
