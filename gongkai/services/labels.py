"""Readable names of the services module's audit actions."""

from django.utils.translation import gettext_lazy as _

from gongkai.core.audit import register_action_labels

register_action_labels(
    {
        "services.guide.created": _("新建办事指南"),
        "services.guide.updated": _("修改办事指南"),
        "services.guide.submitted": _("提交办事指南审核"),
        "services.guide.approved": _("审核通过办事指南"),
        "services.guide.returned": _("退回办事指南"),
        "services.guide.retired": _("停用办事指南"),
        "services.guide.adopted": _("采用上级办事指南"),
        "services.guide.source_followed": _("同步上级办事指南的修改"),
        "services.guide_change.proposed": _("提出办事指南依据或时限变更"),
        "services.guide_change.approved": _("批准办事指南变更"),
        "services.guide_change.rejected": _("退回办事指南变更"),
        "services.package.saved": _("保存主题服务包"),
        "services.composite.saved": _("保存一件事"),
        "services.category.saved": _("保存服务点分类"),
        "services.site.saved": _("保存便民服务点"),
        "services.site.photo_added": _("上传服务点照片"),
        "services.guide.imported": _("批量导入办事指南"),
        "services.site.imported": _("批量导入便民服务点"),
    }
)
