"""Readable names of the reports app's audit actions."""

from django.utils.translation import gettext_lazy as _

from gongkai.core.audit import register_action_labels

register_action_labels(
    {
        "reports.report.created": _("新建年度报告"),
        "reports.report.refreshed": _("重新统计年度报告数据"),
        "reports.report.narrative_updated": _("修改年度报告文字部分"),
        "reports.report.checked": _("校验年度报告"),
        "reports.report.submitted": _("提交年度报告发布审核"),
        "reports.report.published": _("发布年度报告"),
        "reports.report.data_changed": _("年度报告发布后数据发生变化"),
        "reports.override.set": _("人工调整年度报告数据"),
        "reports.override.cleared": _("撤销年度报告人工调整"),
        "reports.case.registered": _("登记行政复议、行政诉讼案件"),
        "reports.case.updated": _("修改行政复议、行政诉讼案件"),
        "reports.case.retired": _("作废行政复议、行政诉讼案件登记"),
    }
)
