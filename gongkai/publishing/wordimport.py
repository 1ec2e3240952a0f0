"""A .docx file converted into a record body with mammoth, checked by content first and cleaned like any body.

Decision: images inside the document are refused (with how many there are) rather than stored, because a body
image needs a description the document does not carry; the clerk uploads pictures as attachments or inserts them
in the editor with their description.
"""

import io
import zipfile

import mammoth
from django.utils.translation import gettext as _

from gongkai.screening.errors import ScreeningError
from gongkai.screening.extraction import check_unpacked_size

from .errors import PublishingError, PublishingErrorCode
from .sanitizing import clean_html
from .uploads import check_size, read_all

# Word styles that mammoth does not map by itself: titles become headings (the page title stays the only <h1>).
STYLE_MAP = "\n".join(
    [
        "p[style-name='Title'] => h2:fresh",
        "p[style-name='Subtitle'] => h3:fresh",
        "p[style-name='标题'] => h2:fresh",
    ]
)


def refuse(name: str, reason: str) -> PublishingError:
    return PublishingError(
        PublishingErrorCode.BAD_UPLOAD,
        _("Word 文档“%(name)s”无法导入：%(reason)s") % {"name": name, "reason": reason},
        field="docx",
    )


def check_docx(data: bytes, name: str) -> None:
    if not data.startswith(b"PK\x03\x04"):
        raise refuse(name, _("文件内容不是 Word（.docx）文档；旧版 .doc 请先另存为 .docx。"))
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if "word/document.xml" not in archive.namelist():
                raise refuse(name, _("压缩包里没有 Word 正文（word/document.xml），不是 .docx 文档。"))
            check_unpacked_size(archive, name)
    except zipfile.BadZipFile as error:
        raise refuse(name, _("文件已损坏，无法打开。")) from error
    except ScreeningError as error:
        raise refuse(name, error.message) from error


def docx_to_html(upload, name: str) -> str:
    """The cleaned body HTML of an uploaded .docx, or a PublishingError saying what to fix. Nothing is stored."""
    size = upload.size if getattr(upload, "size", None) is not None else len(read_all(upload))
    check_size(name, size)
    data = read_all(upload)
    check_docx(data, name)
    images: list[str] = []

    def no_image(image) -> dict:
        images.append(image.content_type or "")
        return {"src": ""}

    try:
        result = mammoth.convert_to_html(
            io.BytesIO(data), style_map=STYLE_MAP, convert_image=mammoth.images.img_element(no_image)
        )
    except Exception as error:  # mammoth raises many kinds on broken parts
        raise refuse(name, _("Word 文档内容已损坏，无法转换。")) from error
    if images:
        raise refuse(
            name,
            _(
                "文档中有 %(count)d 张图片，正文导入不接收图片。请在 Word 中删除图片后再导入，"
                "图片另作附件上传，或在编辑器中插入图片并填写图片说明。"
            )
            % {"count": len(images)},
        )
    body = clean_html(result.value)
    if not body:
        raise refuse(name, _("文档没有可导入的文字。"))
    return body
