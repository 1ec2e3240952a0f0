"""Readable names of the catalog app's audit actions."""

from django.utils.translation import gettext_lazy as _

from gongkai.core.audit import register_action_labels

register_action_labels(
    {
        "catalog.catalog.created": _("新建标准目录"),
        "catalog.catalog.imported": _("导入标准目录"),
        "catalog.domain.created": _("新增试点领域"),
        "catalog.channel.created": _("新增公开渠道"),
        "catalog.item.created": _("新增公开事项"),
        "catalog.item.changed": _("修改公开事项"),
        "catalog.item.retired": _("停用公开事项"),
        "catalog.item.adopted": _("采用上级目录事项"),
        "catalog.item.source_accepted": _("接受来源事项的变化"),
        "catalog.item.source_declined": _("不采用来源事项的变化"),
        "catalog.change_set.proposed": _("提交目录变更"),
        "catalog.change_set.approved": _("批准目录变更"),
        "catalog.change_set.rejected": _("退回目录变更"),
        "catalog.change_set.withdrawn": _("撤回目录变更"),
    }
)
