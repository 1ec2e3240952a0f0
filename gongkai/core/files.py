"""Writing an uploaded file to storage: a full or read-only disk is a clear refusal, never a server error."""

import errno
import logging
from contextlib import suppress

from django.core.files.base import ContentFile
from django.utils.translation import gettext as _

from .errors import CoreError, CoreErrorCode

logger = logging.getLogger(__name__)


def save_file(field_file, name: str, data: bytes) -> None:
    """Write `data` as the file of a FileField (`row.file`), without saving the row.

    Call it inside the service's transaction before the row is saved: when the disk is full or read-only the
    CoreError it raises rolls the transaction back, so no row ever points at a file that was not written, and the
    half-written file (if any) is removed.
    """
    storage, field = field_file.storage, field_file.field
    # The name is fixed here, not by FieldFile.save (whose upload_to may draw a new random name), so that a
    # half-written file can be found and removed.
    target = storage.get_available_name(field.generate_filename(field_file.instance, name), max_length=field.max_length)
    try:
        saved = storage.save(target, ContentFile(data), max_length=field.max_length)
    except OSError as error:
        logger.error("could not store %s: %s", target, error)
        with suppress(OSError):
            if storage.exists(target):
                storage.delete(target)
        if error.errno in (errno.ENOSPC, errno.EDQUOT):
            message = _("服务器存储空间已满，文件没有保存，其他内容也未改动。请联系系统管理员清理空间后重新上传。")
        else:
            message = _(
                "服务器暂时无法写入文件（存储只读或无写入权限），文件没有保存，其他内容也未改动。请联系系统管理员。"
            )
        raise CoreError(CoreErrorCode.STORAGE_FAILED, message, field="file") from error
    field_file.name = saved
    setattr(field_file.instance, field.attname, saved)
    field_file._committed = True
