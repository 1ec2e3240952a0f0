"""Checking a site photo by what its bytes are, never by its name: PNG or JPEG magic, then a full decode."""

import io

from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

from .errors import ServicesError, ServicesErrorCode

MAX_PHOTO_BYTES = 10 * 1024 * 1024
FORMATS = {b"\x89PNG\r\n\x1a\n": ("PNG", ".png"), b"\xff\xd8\xff": ("JPEG", ".jpg")}


def refuse(reason: str) -> ServicesError:
    return ServicesError(
        ServicesErrorCode.BAD_UPLOAD, _("照片无法接收：%(reason)s") % {"reason": reason}, field="image"
    )


def photo_extension(data: bytes) -> str:
    """The extension the photo's content shows (".png"/".jpg"), or a ServicesError saying why it is refused."""
    if len(data) > MAX_PHOTO_BYTES:
        raise refuse(_("照片不能超过10 MB。"))
    found = next((value for magic, value in FORMATS.items() if data.startswith(magic)), None)
    if found is None:
        raise refuse(_("只接受 PNG 或 JPEG 图片，文件内容不是图片。"))
    pil_format, extension = found
    try:
        with Image.open(io.BytesIO(data)) as image:
            if image.format != pil_format:
                raise refuse(_("图片格式与文件内容不一致。"))
            image.load()
    except ServicesError:
        raise
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as error:
        raise refuse(_("图片内容已损坏，无法显示。")) from error
    return extension
