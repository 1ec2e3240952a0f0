"""First drafts of the report's narrative sections 一、五、六, written from the computed figures.

The drafts state only what the system knows (counts, channels, fees, late replies, corrected cases); the office
edits them before publishing. Sections are plain text, paragraphs separated by blank lines.
"""

from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import tables as t

# Left in the draft of section 五 for the office to replace; a report still containing it is not published.
PROMPT = gettext_lazy("（请结合本机关实际补充存在的主要问题及改进措施。）")
SECTION_LABELS = {
    "overview": gettext_lazy("一、总体情况"),
    "problems": gettext_lazy("五、存在的主要问题及改进情况"),
    "other_matters": gettext_lazy("六、其他需要报告的事项"),
}


def unfinished_sections(report) -> list[str]:
    """Titles of the narrative sections that are empty or still carry the drafting prompt."""
    return [
        str(label)
        for name, label in SECTION_LABELS.items()
        if not getattr(report, name).strip()
        or str(PROMPT) in getattr(report, name)
        or "（请结合本机关实际" in getattr(report, name)
    ]


def _value(values: dict, table: str, row: tuple, column: tuple):
    return values[t.Cell(table, row, column).key]


def _request(values: dict, row: tuple) -> int:
    return _value(values, t.TABLE_REQUESTS, row, (t.TOTAL,))


def _group_total(values: dict, group: str, leaves: list[str]) -> int:
    if not leaves:
        return _request(values, (t.RESULTS, group))
    return sum(_request(values, (t.RESULTS, group, leaf)) for leaf in leaves)


def _reviews(values: dict, group: tuple, column: str) -> int:
    return _value(values, t.TABLE_REVIEWS, (), (*group, column))


def draft_overview(*, organization_name: str, year: int, values: dict, facts: dict, aggregate: bool) -> str:
    def active(content: str, block: str, column: str):
        return _value(values, t.TABLE_ACTIVE, (block, content), (column,))

    paragraphs = []
    if aggregate:
        paragraphs.append(
            _(
                "%(year)s年，%(organization)s认真贯彻落实《中华人民共和国政府信息公开条例》，"
                "本报告汇总了本级政府及所属%(count)s个部门、乡镇（街道）的政府信息公开工作情况。"
            )
            % {"year": year, "organization": organization_name, "count": facts.get("organizations", 1) - 1}
        )
    else:
        paragraphs.append(
            _(
                "%(year)s年，%(organization)s认真贯彻落实《中华人民共和国政府信息公开条例》，现将本年度政府信息公开工作情况报告如下。"
            )
            % {"year": year, "organization": organization_name}
        )
    columns = "、".join(
        _("“%(name)s”%(count)s条") % {"name": column["name"], "count": column["count"]}
        for column in facts.get("columns", [])
    )
    text = _(
        "（一）主动公开。全年通过政府信息公开平台主动公开政府信息%(published)s条，其中政策文件%(policies)s件、"
        "政策解读%(interpretations)s篇。"
    ) % {
        "published": facts.get("records_published", 0),
        "policies": facts.get("policies_published", 0),
        "interpretations": facts.get("interpretations_published", 0),
    }
    if columns:
        text += _("公开较多的栏目为：%(columns)s。") % {"columns": columns}
    channels = "、".join(
        _("%(name)s（%(count)s条）") % {"name": channel["name"], "count": channel["count"]}
        for channel in facts.get("channels", [])
    )
    if channels:
        text += _("主要公开渠道：%(channels)s。") % {"channels": channels}
    text += _(
        "本年制发规章%(regulations)s件、行政规范性文件%(normative)s件，废止规章%(regulations_repealed)s件、"
        "行政规范性文件%(normative_repealed)s件，现行有效规章%(regulations_in_force)s件、行政规范性文件%(normative_in_force)s件；"
        "公开行政许可处理决定%(licensing)s件、行政处罚决定%(penalty)s件、行政强制决定%(coercion)s件，"
        "行政事业性收费%(fees)s万元。"
    ) % {
        "regulations": active(t.REGULATION, t.ARTICLE_20_1, t.MADE),
        "normative": active(t.NORMATIVE, t.ARTICLE_20_1, t.MADE),
        "regulations_repealed": active(t.REGULATION, t.ARTICLE_20_1, t.REPEALED),
        "normative_repealed": active(t.NORMATIVE, t.ARTICLE_20_1, t.REPEALED),
        "regulations_in_force": active(t.REGULATION, t.ARTICLE_20_1, t.IN_FORCE),
        "normative_in_force": active(t.NORMATIVE, t.ARTICLE_20_1, t.IN_FORCE),
        "licensing": active(t.LICENSING, t.ARTICLE_20_5, t.DECISIONS),
        "penalty": active(t.PENALTY, t.ARTICLE_20_6, t.DECISIONS),
        "coercion": active(t.COERCION, t.ARTICLE_20_6, t.DECISIONS),
        "fees": format_amount(active(t.FEE, t.ARTICLE_20_8, t.FEE_AMOUNT)),
    }
    paragraphs.append(text)
    groups = {group: _group_total(values, group, leaves) for group, leaves in t.RESULT_GROUPS}
    names = [group for group, _leaves in t.RESULT_GROUPS]
    paragraphs.append(
        _(
            "（二）依申请公开。全年新收政府信息公开申请%(new)s件，上年结转%(carried_in)s件；本年度办结%(done)s件，"
            "其中予以公开%(disclosed)s件、部分公开%(partial)s件、不予公开%(withheld)s件、无法提供%(unavailable)s件、"
            "不予处理%(not_processed)s件、其他处理%(other)s件；结转下年度继续办理%(carried_out)s件。"
        )
        % {
            "new": _request(values, (t.NEW,)),
            "carried_in": _request(values, (t.CARRIED_IN,)),
            "done": _request(values, t.RESULT_TOTAL_ROW),
            "disclosed": groups[names[0]],
            "partial": groups[names[1]],
            "withheld": groups[names[2]],
            "unavailable": groups[names[3]],
            "not_processed": groups[names[4]],
            "other": groups[names[5]],
            "carried_out": _request(values, (t.CARRIED_OUT,)),
        }
    )
    paragraphs.append(
        _("（三）政府信息管理。坚持“先审查、后公开”，信息发布前经审核和保密审查；本年撤回已发布信息%(withdrawn)s条。")
        % {"withdrawn": facts.get("records_withdrawn", 0)}
    )
    paragraphs.append(
        _(
            "（四）政府信息公开平台建设。依托政府信息公开平台，设置政府信息公开指南、政府信息公开制度、"
            "法定主动公开内容、政府信息公开年报等栏目，并提供网上申请和办理进度查询。"
        )
    )
    reviews = sum(_reviews(values, group, t.TOTAL) for group in t.REVIEW_GROUPS[:1])
    suits = sum(_reviews(values, group, t.TOTAL) for group in t.REVIEW_GROUPS[1:])
    corrected = sum(_reviews(values, group, t.CORRECTED) for group in t.REVIEW_GROUPS)
    paragraphs.append(
        _(
            "（五）监督保障。本年因政府信息公开被申请行政复议%(reviews)s件、被提起行政诉讼%(suits)s件，其中结果被纠正%(corrected)s件。"
        )
        % {"reviews": reviews, "suits": suits, "corrected": corrected}
    )
    return "\n\n".join(paragraphs)


def draft_problems(*, values: dict, facts: dict) -> str:
    paragraphs = []
    late = facts.get("late_replies", 0)
    corrected = sum(_reviews(values, group, t.CORRECTED) for group in t.REVIEW_GROUPS)
    if late:
        paragraphs.append(
            _("本年有%(count)s件政府信息公开申请超过法定期限答复。下一步将加强办理时限预警，确保在法定期限内答复。")
            % {"count": late}
        )
    if corrected:
        paragraphs.append(
            _(
                "本年有%(count)s件政府信息公开行政复议、行政诉讼案件结果被纠正。下一步将加强答复文书的法制审核，规范依申请公开办理。"
            )
            % {"count": corrected}
        )
    if not paragraphs:
        paragraphs.append(_("本年未发现超期答复、答复被纠正等问题。"))
    paragraphs.append(str(PROMPT))
    return "\n\n".join(paragraphs)


def draft_other_matters(*, facts: dict) -> str:
    count = facts.get("fees_paid_count", 0)
    if count:
        return _("本年共收取信息处理费%(count)s笔，金额%(amount)s元。无其他需要报告的事项。") % {
            "count": count,
            "amount": facts.get("fees_paid_amount", "0.00"),
        }
    return _("本年未收取信息处理费。无其他需要报告的事项。")


def format_amount(value) -> str:
    """万元 amounts as officials write them: no trailing zeros, at most four decimals (0, 1.5, 12.3456)."""
    value = Decimal(value).quantize(Decimal("0.0001"))
    text = format(value.normalize(), "f")
    return text
