"""The paper application form (政府信息公开申请表) for applicants who apply in person, by post or by fax: one list of
rows, rendered as a printable HTML page by the portal and as a .docx generated here (never a committed binary)."""

import io
from dataclasses import dataclass

from django.utils.translation import gettext as _

from .models import ApplicantType, IdType, ProvisionForm, ProvisionManner


@dataclass(frozen=True)
class PaperRow:
    section: str
    label: str
    choices: tuple[str, ...] = ()  # tick boxes; empty: a blank to fill in
    tall: bool = False


def rows() -> list[PaperRow]:
    applicant, wanted, manner = _("申请人信息"), _("所需政府信息"), _("信息的提供形式和获取方式")
    return [
        PaperRow(applicant, _("申请人类型"), tuple(str(label) for label in ApplicantType.labels)),
        PaperRow(applicant, _("姓名或名称")),
        PaperRow(applicant, _("身份证明类型"), tuple(str(label) for label in IdType.labels)),
        PaperRow(applicant, _("证件号码或统一社会信用代码")),
        PaperRow(applicant, _("法定代表人或负责人（法人或其他组织填写）")),
        PaperRow(applicant, _("联系人（法人或其他组织填写）")),
        PaperRow(applicant, _("联系电话")),
        PaperRow(applicant, _("电子邮箱")),
        PaperRow(applicant, _("通讯地址")),
        PaperRow(applicant, _("邮政编码")),
        PaperRow(wanted, _("所需政府信息的内容描述"), tall=True),
        PaperRow(wanted, _("文件名称、文号或其他特征性描述")),
        PaperRow(manner, _("信息的提供形式"), tuple(str(label) for label in ProvisionForm.labels)),
        PaperRow(manner, _("获取信息的方式"), tuple(str(label) for label in ProvisionManner.labels)),
        PaperRow(_("签名"), _("申请人签名或盖章、日期"), tall=True),
    ]


def title(organization_name: str = "") -> str:
    return (
        _("%(name)s政府信息公开申请表") % {"name": organization_name} if organization_name else _("政府信息公开申请表")
    )


def render_docx(organization_name: str = "") -> bytes:
    from docx import Document
    from docx.shared import Pt

    document = Document()
    document.add_heading(title(organization_name), level=1)
    table = document.add_table(rows=0, cols=3)
    table.style = "Table Grid"
    for row in rows():
        cells = table.add_row().cells
        cells[0].text = row.section
        cells[1].text = row.label
        cells[2].text = (
            "    ".join(f"□ {choice}" for choice in row.choices) if row.choices else ("\n\n\n" if row.tall else "")
        )
    note = document.add_paragraph(
        _(
            "填写说明：请用黑色钢笔或签字笔填写；“□”处请打“√”。申请人须提供身份证明复印件。"
            "行政机关自收到申请之日起20个工作日内答复，需要延长的，延长期限最长不超过20个工作日。"
        )
    )
    for run in note.runs:
        run.font.size = Pt(10)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
