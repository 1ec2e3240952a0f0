"""The structured elements of a guide as lines a clerk can type and read back: one item per line, fields separated
by "|". Parsing reports every bad line with its number; formatting is the exact inverse, so an edit form shows the
stored data and saving it unchanged changes nothing."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from gongkai.services.models import MaterialForm

FORM_WORDS = {str(label): value for value, label in MaterialForm.choices}
FORM_LABELS = {value: str(label) for value, label in MaterialForm.choices}
REQUIRED_WORD = "必要"


def split(text: str) -> list[tuple[int, list[str]]]:
    return [
        (number, [part.strip() for part in line.split("|")])
        for number, line in enumerate(text.splitlines(), start=1)
        if line.strip()
    ]


def whole_number(value: str, number: int, label: str) -> int:
    try:
        result = int(value)
    except ValueError as error:
        raise ValidationError(_("第%(line)s行：%(label)s应为整数。") % {"line": number, "label": label}) from error
    return result


def parse_materials(text: str) -> list[dict]:
    """名称 | 原件/复印件/原件和复印件/电子材料 | 份数 | 来源 | 必要 或 需要提交的情形 | 样表链接（可空）"""
    materials = []
    for number, parts in split(text):
        if len(parts) < 5:
            raise ValidationError(
                _("申请材料第%(line)s行应有5或6项，用“|”分隔：名称|原件或复印件|份数|来源|必要或情形|样表链接。")
                % {"line": number}
            )
        name, form, count, source, need, *rest = parts
        if form not in FORM_WORDS:
            raise ValidationError(
                _("申请材料第%(line)s行的“%(form)s”应为原件、复印件、原件和复印件或电子材料。")
                % {"line": number, "form": form}
            )
        material = {
            "name": name,
            "form": FORM_WORDS[form],
            "count": whole_number(count, number, _("份数")),
            "source": source,
            "required": need == REQUIRED_WORD,
        }
        if need != REQUIRED_WORD:
            material["condition"] = need
        if rest and rest[0]:
            material["template_url"] = rest[0]
        materials.append(material)
    return materials


def format_materials(materials: list[dict]) -> str:
    lines = []
    for material in materials:
        parts = [
            material.get("name", ""),
            FORM_LABELS.get(material.get("form"), ""),
            str(material.get("count", 1)),
            material.get("source", ""),
            REQUIRED_WORD if material.get("required", True) else material.get("condition", ""),
        ]
        if material.get("template_url"):
            parts.append(material["template_url"])
        lines.append(" | ".join(parts))
    return "\n".join(lines)


def parse_steps(text: str) -> list[dict]:
    """环节 | 办理人员或机构 | 办理内容 | 时限（工作日，0为即时办结）"""
    steps = []
    for number, parts in split(text):
        if len(parts) != 4:
            raise ValidationError(
                _("办理流程第%(line)s行应有4项：环节|办理人员或机构|办理内容|时限。") % {"line": number}
            )
        name, actor, action, days = parts
        steps.append({"name": name, "actor": actor, "action": action, "days": whole_number(days, number, _("时限"))})
    return steps


def format_steps(steps: list[dict]) -> str:
    return "\n".join(
        f"{s.get('name', '')} | {s.get('actor', '')} | {s.get('action', '')} | {s.get('days', 0)}" for s in steps
    )


def parse_pairs(text: str, keys: tuple[str, ...], message: str) -> list[dict]:
    rows = []
    for number, parts in split(text):
        if len(parts) != len(keys):
            raise ValidationError(message % {"line": number})
        rows.append(dict(zip(keys, parts, strict=True)))
    return rows


def parse_fees(text: str) -> list[dict]:
    """收费项目 | 标准 | 依据；不收费时留空"""
    return parse_pairs(text, ("name", "standard", "basis"), _("收费第%(line)s行应有3项：项目|标准|依据。"))


def format_fees(fees: list[dict]) -> str:
    return "\n".join(f"{f.get('name', '')} | {f.get('standard', '')} | {f.get('basis', '')}" for f in fees)


def parse_faqs(text: str) -> list[dict]:
    """问题 | 解答"""
    return parse_pairs(text, ("question", "answer"), _("常见问题第%(line)s行应有2项：问题|解答。"))


def format_faqs(faqs: list[dict]) -> str:
    return "\n".join(f"{f.get('question', '')} | {f.get('answer', '')}" for f in faqs)
