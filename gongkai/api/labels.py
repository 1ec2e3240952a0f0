"""Readable names of the API's audit actions."""

from django.utils.translation import gettext_lazy as _

from gongkai.core.audit import register_action_labels

LABELS = {
    "api.token.created": _("创建接口令牌"),
    "api.token.rotated": _("轮换接口令牌"),
    "api.token.revoked": _("吊销接口令牌"),
    "api.token.updated": _("修改接口令牌"),
    "api.token.called": _("使用接口令牌调用接口"),
    "api.record.pushed": _("业务系统推送政府信息"),
}


def register() -> None:
    register_action_labels(LABELS)
