"""Readable names of the orgs app's audit actions."""

from django.utils.translation import gettext_lazy as _

from gongkai.core.audit import register_action_labels

register_action_labels(
    {
        "orgs.region.created": _("新增行政区划"),
        "orgs.region.updated": _("修改行政区划"),
        "orgs.region.village_review_set": _("设置村（社区）信息审核方式"),
        "orgs.organization.created": _("新增机构"),
        "orgs.organization.updated": _("修改机构信息"),
        "orgs.organization.deactivated": _("停用机构"),
        "orgs.organization.reactivated": _("恢复机构"),
        "orgs.person.created": _("新增工作人员"),
        "orgs.person.updated": _("修改工作人员信息"),
        "orgs.person.password_set": _("设置工作人员密码"),
        "orgs.person.deactivated": _("停用工作人员账号"),
        "orgs.person.reactivated": _("恢复工作人员账号"),
        "orgs.role.granted": _("授予角色"),
        "orgs.role.revoked": _("撤销角色"),
        "orgs.login.succeeded": _("登录成功"),
        "orgs.login.failed": _("登录失败"),
        "orgs.logout": _("退出登录"),
        "orgs.site_settings.updated": _("修改网站设置"),
        "orgs.site_error.reported": _("网站访客提交纠错留言"),
        "orgs.site_error.handled": _("处理网站纠错留言"),
    }
)
