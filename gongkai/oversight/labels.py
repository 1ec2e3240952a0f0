"""Readable names of the oversight app's audit actions."""

from django.utils.translation import gettext_lazy as _

from gongkai.core.audit import register_action_labels

LABELS = {
    "oversight.scheme.created": _("创建考核方案"),
    "oversight.scheme.activated": _("启用考核方案"),
    "oversight.scheme.leaderboard_published": _("公开绩效排行榜"),
    "oversight.scheme.leaderboard_unpublished": _("撤下绩效排行榜"),
    "oversight.scheme.frozen": _("冻结考核结果"),
    "oversight.indicator.saved": _("保存考核指标"),
    "oversight.manual_entry.created": _("录入人工考核扣分"),
    "oversight.manual_entry.revoked": _("撤销人工考核扣分"),
    "oversight.periodic_item.registered": _("登记年度必公开项"),
    "oversight.periodic_item.retired": _("停止计算必公开项"),
    "oversight.notice.created": _("起草督查通报"),
    "oversight.notice.issued": _("印发督查通报"),
    "oversight.notice.published": _("公开督查通报"),
    "oversight.problem.added": _("添加通报问题"),
    "oversight.problem.answered": _("反馈整改情况"),
    "oversight.problem.accepted": _("验收整改"),
    "oversight.problem.returned": _("退回整改"),
    "oversight.problem.due_recomputed": _("节假日安排变更，重新计算整改期限"),
    "oversight.inspection.run": _("网站自查"),
    "oversight.reminder.sent": _("发送预警提醒"),
    "oversight.reminder_preference.saved": _("保存提醒设置"),
    "oversight.pending_work.read": _("将待办提醒标为已读"),
}


def register() -> None:
    register_action_labels(LABELS)
