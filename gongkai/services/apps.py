from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ServicesConfig(AppConfig):
    name = "gongkai.services"
    label = "services"
    verbose_name = _("办事服务")

    def ready(self):
        from . import labels  # noqa: F401 - registers the audit-action labels
