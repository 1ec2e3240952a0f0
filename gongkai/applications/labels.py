"""Readable names of the applications app's audit actions."""

from django.utils.translation import gettext_lazy as _

from gongkai.core.audit import register_action_labels

register_action_labels(
    {
        "applications.application.submitted": _("网上提交政府信息公开申请"),
        "applications.application.registered": _("登记政府信息公开申请"),
        "applications.application.accepted": _("签收申请"),
        "applications.application.correction_requested": _("告知申请人补正"),
        "applications.application.correction_received": _("收到补正"),
        "applications.application.correction_lapsed": _("逾期未补正，不再处理"),
        "applications.application.consultation_started": _("开始征求意见"),
        "applications.application.consultation_ended": _("征求意见结束"),
        "applications.application.extended": _("批准延期答复"),
        "applications.application.fee_notified": _("发出信息处理费收费通知"),
        "applications.application.fee_paid": _("登记缴纳信息处理费"),
        "applications.application.fee_lapsed": _("逾期未缴费，不再处理"),
        "applications.application.decided": _("作出答复"),
        "applications.application.reply_generated": _("生成告知书"),
        "applications.application.delivered": _("登记送达"),
        "applications.application.closed": _("办结申请"),
        "applications.application.transferred": _("转办申请"),
        "applications.application.received_by_transfer": _("接收转办申请"),
        "applications.application.due_recomputed": _("节假日安排变更，重新计算答复期限"),
        "applications.personal_data.viewed": _("查看申请人个人信息"),
        "applications.letter_template.updated": _("修改告知书模板"),
        "applications.reminder.sent": _("发送办理期限提醒"),
        "applications.register.imported": _("导入历史申请台账"),
        "applications.application.imported": _("由历史台账导入申请"),
    }
)
