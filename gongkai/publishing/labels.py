"""Readable names of the publishing app's audit actions."""

from django.utils.translation import gettext_lazy as _

from gongkai.core.audit import register_action_labels

register_action_labels(
    {
        "publishing.record.created": _("起草政府信息"),
        "publishing.record.updated": _("修改草稿"),
        "publishing.record.masked": _("套用脱敏建议"),
        "publishing.record.submitted": _("提交审核"),
        "publishing.record.reviewed": _("审核通过"),
        "publishing.record.cleared": _("通过保密审查"),
        "publishing.record.rejected": _("退回修改"),
        "publishing.record.scheduled": _("定时发布"),
        "publishing.record.unscheduled": _("取消定时发布"),
        "publishing.record.published": _("发布政府信息"),
        "publishing.record.emergency_published": _("紧急发布"),
        "publishing.record.interpretation_exempted": _("同意免于配套政策解读"),
        "publishing.interpretation_genre.marked": _("标记须配套解读的体裁"),
        "publishing.interpretation_genre.unmarked": _("取消须配套解读的体裁"),
        "publishing.record.emergency_reviewed": _("紧急发布补审"),
        "publishing.record.corrected": _("更正政府信息"),
        "publishing.record.withdrawn": _("撤回政府信息"),
        "publishing.record.expired": _("政府信息下线"),
        "publishing.record.validity_changed": _("变更有效性"),
        "publishing.attachment.added": _("上传附件"),
        "publishing.attachment.removed": _("删除附件"),
        "publishing.columns.seeded": _("初始化标准栏目"),
        "publishing.column.created": _("新建栏目"),
        "publishing.column.updated": _("修改栏目"),
        "publishing.index_scheme.changed": _("修改索引号格式"),
        "publishing.deadlines.recomputed": _("重算公开期限"),
    }
)
