"""Readable names of the open-data app's audit actions."""

from django.utils.translation import gettext_lazy as _

from gongkai.core.audit import register_action_labels

LABELS = {
    "opendata.dataset.created": _("新建开放数据集"),
    "opendata.dataset.updated": _("更新开放数据集"),
    "opendata.dataset.retired": _("停止开放数据集"),
    "opendata.dataset.reopened": _("重新开放数据集"),
    "opendata.resource.added": _("添加数据资源"),
    "opendata.resource.replaced": _("更新数据资源文件"),
    "opendata.resource.retired": _("停用数据资源"),
}


def register() -> None:
    register_action_labels(LABELS)
