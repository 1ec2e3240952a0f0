"""Photos taken on a phone: checked by content, turned upright, resized and re-encoded as JPEG without EXIF.

Re-encoding from pixels is what strips the metadata: the new file carries no EXIF block at all, so neither the
GPS position nor the camera's serial number can leak. The name and the claimed type of the upload are ignored.
"""

from dataclasses import dataclass
from io import BytesIO

from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

from .errors import VillagesError, VillagesErrorCode

MAX_UPLOAD_BYTES = 15 * 1024 * 1024
MAX_SIDE = 1600
MAX_PIXELS = 60_000_000
ACCEPTED_FORMATS = {"JPEG", "PNG", "WEBP", "GIF", "MPO"}


@dataclass(frozen=True)
class CleanPhoto:
    data: bytes
    width: int
    height: int


def refuse(message: str) -> VillagesError:
    return VillagesError(VillagesErrorCode.BAD_PHOTO, message, field="photo")


def clean_photo(data: bytes) -> CleanPhoto:
    if not data:
        raise refuse(_("没有收到照片，请重新拍摄或选择。"))
    if len(data) > MAX_UPLOAD_BYTES:
        raise refuse(_("照片超过15MB，请降低相机分辨率后重拍。"))
    try:
        with Image.open(BytesIO(data)) as probe:
            if probe.format not in ACCEPTED_FORMATS:
                raise refuse(_("只能上传JPEG、PNG、WebP或GIF格式的照片。"))
            if probe.width * probe.height > MAX_PIXELS:
                raise refuse(_("照片像素过大，无法处理。"))
            probe.verify()
        with Image.open(BytesIO(data)) as image:
            image.load()
            upright = ImageOps.exif_transpose(image)
            rgb = upright.convert("RGB")
    except VillagesError:
        raise
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError) as error:
        raise refuse(_("文件不是可识别的图片（内容已损坏或不是照片），请重新拍摄。")) from error
    rgb.thumbnail((MAX_SIDE, MAX_SIDE), Image.Resampling.LANCZOS)
    output = BytesIO()
    rgb.save(output, format="JPEG", quality=85, optimize=True)
    return CleanPhoto(output.getvalue(), rgb.width, rgb.height)
