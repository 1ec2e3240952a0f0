"""Readable names of the engagement app's audit actions and background tasks."""

from django.utils.translation import gettext_lazy as _

from gongkai.core.audit import register_action_labels
from gongkai.jobs.labels import register_task_labels


def register() -> None:
    register_task_labels(
        {
            "gongkai.engagement.tasks.send_reminders": _("群众咨询答复期限提醒"),
            "gongkai.engagement.tasks.record_count": _("记录阅读、转发和评价"),
        }
    )
    register_action_labels(
        {
            "engagement.mailbox.saved": _("保存信箱"),
            "engagement.inquiry.submitted": _("群众提交咨询"),
            "engagement.inquiry.registered": _("登记咨询"),
            "engagement.inquiry.assigned": _("分办咨询"),
            "engagement.inquiry.transferred": _("转办咨询"),
            "engagement.inquiry.answer_submitted": _("提交咨询答复"),
            "engagement.inquiry.answer_returned": _("退回咨询答复"),
            "engagement.inquiry.answered": _("审核通过并答复咨询"),
            "engagement.inquiry.redirected": _("引导咨询至其他渠道"),
            "engagement.inquiry.converted": _("咨询转为依申请公开"),
            "engagement.inquiry.invalidated": _("认定无效留言"),
            "engagement.inquiry.rated": _("群众评价答复"),
            "engagement.inquiry.published": _("公开咨询答复"),
            "engagement.inquiry.unpublished": _("取消公开咨询答复"),
            "engagement.inquiry.personal_data_viewed": _("查看咨询人信息"),
            "engagement.reminder.sent": _("发送咨询办理提醒"),
            "engagement.inquiry.due_recomputed": _("节假日安排更新，重新计算咨询答复期限"),
            "engagement.call.created": _("创建意见征集"),
            "engagement.call.updated": _("修改意见征集"),
            "engagement.call.submitted": _("提交意见征集审批"),
            "engagement.call.approved": _("审批意见征集"),
            "engagement.call.published": _("公开意见征集"),
            "engagement.call.closed": _("结束意见征集并评议"),
            "engagement.call.feedback_published": _("公开采纳情况反馈"),
            "engagement.call.archived": _("归档意见征集"),
            "engagement.call.policy_linked": _("关联正式政策文件"),
            "engagement.call.attachment_added": _("上传征集附件"),
            "engagement.comment.submitted": _("群众提交意见"),
            "engagement.comment.entered": _("录入线下意见"),
            "engagement.comment.moderated": _("审核意见显示"),
            "engagement.report.saved": _("保存采纳情况反馈"),
            "engagement.report.submitted": _("提交采纳情况反馈审核"),
            "engagement.survey.created": _("创建满意度调查"),
            "engagement.survey.question_added": _("添加调查题目"),
            "engagement.survey.question_changed": _("修改调查题目"),
            "engagement.survey.question_removed": _("删除调查题目"),
            "engagement.survey.question_moved": _("调整调查题目顺序"),
            "engagement.survey.opened": _("开始满意度调查"),
            "engagement.survey.closed": _("结束满意度调查"),
            "engagement.survey.published": _("公开调查结果"),
            "engagement.survey.issued": _("登记问卷派发份数"),
            "engagement.survey.paper_entered": _("录入纸质问卷"),
            "engagement.survey.answered": _("群众在线填写问卷"),
            "engagement.survey.exported": _("导出调查结果"),
        }
    )
