"""Readable names of the screening app's audit actions."""

from django.utils.translation import gettext_lazy as _

from gongkai.core.audit import register_action_labels

register_action_labels(
    {
        "screening.target.screened": _("内容预审"),
        "screening.finding.accepted": _("确认预审问题无问题"),
        "screening.finding.fixed": _("预审问题已修改"),
        "screening.finding.reopened": _("重新打开预审问题"),
        "screening.lexicon.created": _("新增敏感词"),
        "screening.lexicon.updated": _("修改敏感词"),
        "screening.lexicon.imported": _("导入敏感词库"),
        "screening.expression.created": _("新增表述纠错"),
        "screening.expression.updated": _("修改表述纠错"),
        "screening.expression.imported": _("导入表述纠错"),
        "screening.scan_run.started": _("开始全站复查"),
        "screening.scan_run.resumed": _("继续全站复查"),
        "screening.scan_run.interrupted": _("全站复查中断"),
        "screening.scan_run.finished": _("完成全站复查"),
    }
)
