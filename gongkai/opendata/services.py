"""Writing the open-data catalog: datasets and their resources (uploaded files checked by content, or live queries),
and counting downloads without a read-modify-write race."""

import csv
import io
import json
import zipfile

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _

from gongkai.core import audit
from gongkai.orgs.access import MANAGERS, require_role

from .errors import OpendataError, OpendataErrorCode
from .models import Dataset, Format, Query, Resource, ResourceKind, UpdateCycle
from .signals import dataset_changed
from .sources import rows_of

MAX_FILE_BYTES = 50 * 1024 * 1024
FIELD_TYPES = ("string", "integer", "number", "date", "datetime", "boolean")


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
    require_role(actor, publisher, MANAGERS, _("只有本机构的政务公开办公室或系统管理员可以编目开放数据。"))
    if update_cycle not in UpdateCycle.values:
        raise invalid(_("请选择更新周期。"), "update_cycle")
    if Dataset.objects.filter(slug=slug).exists():
        raise invalid(_("标识“%(slug)s”已被使用。") % {"slug": slug}, "slug")
    dataset = Dataset(
        slug=slug, title=title.strip(), publisher=publisher, domain=domain, description=description.strip(),
        keywords=keywords, update_cycle=update_cycle, fields=check_fields(fields), licence=licence,
        contact=contact.strip(), updated_on=updated_on, created_by=actor,
    )  # fmt: skip
    dataset.full_clean()
    dataset.save()
    audit.log("opendata.dataset.created", actor=actor, target=dataset, organization=publisher, data={"slug": slug})
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
    require_role(actor, dataset.publisher, MANAGERS, _("只有本机构的政务公开办公室或系统管理员可以编目开放数据。"))
    if format not in Format.values:
        raise invalid(_("格式应为 CSV、XLSX 或 JSON。"), "format")
    resource = Resource(dataset=dataset, name=name.strip(), format=format, sort_order=dataset.resources.count())
    if query:
        if query not in Query.values:
            raise invalid(_("未知的查询。"), "query")
        resource.kind, resource.query, resource.parameters = ResourceKind.QUERY, query, parameters or {}
        rows_of(query, resource.parameters)  # fails now, not on the first download, if the parameters are wrong
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


def announce(dataset_id: int) -> None:
    transaction.on_commit(lambda: dataset_changed.send(sender=Dataset, dataset_id=dataset_id))


def count_download(*, resource: Resource) -> None:
    """One more download, counted in the database (F()) so that concurrent downloads are all counted."""
    Resource.objects.filter(pk=resource.pk).update(download_count=F("download_count") + 1)
