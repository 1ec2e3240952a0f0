"""The standard elements of a service guide and the rules they must keep.

A draft may be saved incomplete as long as what it holds is well formed (`shape_problems`); a guide is put in
force only when every standard element is there (`completeness_problems`): 004's list (办理依据、受理范围、
申请条件、申请材料、办理时限、基本流程) plus channels, contact and complaint phones. The promised time limit
never exceeds the statutory one, and the steps' limits add up within the promised one, so the flowchart never
promises more than the guide.
"""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .errors import Problem
from .models import MaterialForm, ServiceKind

TEXT_ELEMENTS = (
    ("name", gettext_lazy("事项名称")),
    ("code", gettext_lazy("事项编码")),
    ("basis", gettext_lazy("设定依据")),
    ("scope", gettext_lazy("受理范围")),
    ("conditions", gettext_lazy("申请条件")),
    ("contact_phone", gettext_lazy("咨询电话")),
    ("complaint_phone", gettext_lazy("投诉电话")),
)
STEP_ELEMENTS = (
    ("name", gettext_lazy("环节名称")),
    ("actor", gettext_lazy("办理人员或机构")),
    ("action", gettext_lazy("办理内容")),
)
MATERIAL_FORMS = set(MaterialForm.values)


def guide_problems(data: dict, *, complete: bool) -> list[Problem]:
    """Every problem of a guide's data; `complete` also requires every standard element."""
    problems = shape_problems(data)
    if complete:
        problems += completeness_problems(data)
    return problems


def shape_problems(data: dict) -> list[Problem]:
    problems: list[Problem] = []
    if not (data.get("name") or "").strip():
        problems.append(Problem("name", _("请填写事项名称。")))
    if not (data.get("code") or "").strip():
        problems.append(Problem("code", _("请填写事项编码。")))
    if data.get("kind") not in ServiceKind.values:
        problems.append(Problem("kind", _("请选择事项类型（行政许可、行政给付、公共服务等）。")))
    problems += time_limit_problems(data)
    for index, material in enumerate(data.get("materials") or [], start=1):
        problems += material_problems(index, material)
    for index, fee in enumerate(data.get("fees") or [], start=1):
        problems += fee_problems(index, fee)
    for index, step in enumerate(data.get("steps") or [], start=1):
        problems += step_problems(index, step)
    for index, faq in enumerate(data.get("faqs") or [], start=1):
        if not (faq.get("question") or "").strip() or not (faq.get("answer") or "").strip():
            problems.append(Problem("faqs", _("第%(index)s个常见问题缺少问题或解答。") % {"index": index}))
    problems += link_problems(data)
    if data.get("fully_online") and not data.get("online_url"):
        problems.append(Problem("online_url", _("标注“全程网办”的事项须填写网上办理地址。")))
    return problems


def is_web_link(value: str) -> bool:
    return value.startswith(("https://", "http://")) and " " not in value.strip()


def link_problems(data: dict) -> list[Problem]:
    """Links become href attributes on public pages: only web links, never javascript: or data: ones."""
    problems = []
    if data.get("online_url") and not is_web_link(data["online_url"]):
        problems.append(Problem("online_url", _("网上办理地址应以 https:// 或 http:// 开头。")))
    for material in data.get("materials") or []:
        if material.get("template_url") and not is_web_link(material["template_url"]):
            problems.append(
                Problem(
                    "materials",
                    _("申请材料“%(name)s”的样表链接应以 https:// 或 http:// 开头。")
                    % {"name": material.get("name", "")},
                )
            )
    return problems


def time_limit_problems(data: dict) -> list[Problem]:
    statutory, promised = data.get("statutory_days"), data.get("promised_days")
    problems = []
    if statutory is not None and statutory < 1:
        problems.append(Problem("statutory_days", _("法定办结时限至少为1个工作日。")))
    if promised is not None and statutory is not None and promised > statutory:
        problems.append(
            Problem(
                "promised_days",
                _("承诺办结时限（%(promised)s个工作日）不能超过法定办结时限（%(statutory)s个工作日）。")
                % {"promised": promised, "statutory": statutory},
            )
        )
    step_days = sum(step.get("days") or 0 for step in data.get("steps") or [])
    if promised is not None and step_days > promised:
        problems.append(
            Problem(
                "steps",
                _("各环节时限合计%(total)s个工作日，超过了承诺办结时限%(promised)s个工作日，请调整环节时限。")
                % {"total": step_days, "promised": promised},
            )
        )
    return problems


def material_problems(index: int, material: dict) -> list[Problem]:
    problems = []
    name = (material.get("name") or "").strip()
    label = name or _("第%(index)s项") % {"index": index}
    if not name:
        problems.append(Problem("materials", _("第%(index)s项申请材料缺少名称。") % {"index": index}))
    if material.get("form") not in MATERIAL_FORMS:
        problems.append(Problem("materials", _("申请材料“%(name)s”请注明原件或复印件。") % {"name": label}))
    count = material.get("count")
    if not isinstance(count, int) or count < 1:
        problems.append(Problem("materials", _("申请材料“%(name)s”的份数应为正整数。") % {"name": label}))
    if not (material.get("source") or "").strip():
        problems.append(Problem("materials", _("申请材料“%(name)s”请注明来源（如：申请人自备）。") % {"name": label}))
    if not material.get("required", True) and not (material.get("condition") or "").strip():
        problems.append(Problem("materials", _("非必要材料“%(name)s”请写明在什么情形下需要提交。") % {"name": label}))
    return problems


def fee_problems(index: int, fee: dict) -> list[Problem]:
    if (fee.get("name") or "").strip() and (fee.get("standard") or "").strip() and (fee.get("basis") or "").strip():
        return []
    return [
        Problem("fees", _("第%(index)s项收费须写明项目、标准和收费依据；不收费时请不填收费项目。") % {"index": index})
    ]


def step_problems(index: int, step: dict) -> list[Problem]:
    problems = []
    for key, label in STEP_ELEMENTS:
        if not (step.get(key) or "").strip():
            problems.append(Problem("steps", _("第%(index)s个环节缺少%(label)s。") % {"index": index, "label": label}))
    days = step.get("days")
    if not isinstance(days, int) or days < 0:
        problems.append(
            Problem("steps", _("第%(index)s个环节的时限应为0或正整数个工作日（0表示即时办结）。") % {"index": index})
        )
    return problems


def completeness_problems(data: dict) -> list[Problem]:
    problems = [
        Problem(key, _("请填写%(element)s。") % {"element": label})
        for key, label in TEXT_ELEMENTS
        if not (data.get(key) or "").strip()
    ]
    if not data.get("materials"):
        problems.append(Problem("materials", _("请至少列出一项申请材料。")))
    if not data.get("steps"):
        problems.append(Problem("steps", _("请至少列出一个办理环节。")))
    if data.get("statutory_days") is None:
        problems.append(Problem("statutory_days", _("请填写法定办结时限（工作日）。")))
    if data.get("promised_days") is None:
        problems.append(Problem("promised_days", _("请填写承诺办结时限（工作日）。")))
    if not data.get("online_url") and not (data.get("counter_address") or "").strip():
        problems.append(Problem("counter_address", _("请至少提供一个办理渠道：网上办理地址或窗口地址。")))
    if (data.get("counter_address") or "").strip() and not (data.get("counter_hours") or "").strip():
        problems.append(Problem("counter_hours", _("请填写窗口的办理时间。")))
    return problems
