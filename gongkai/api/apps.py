from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    name = "gongkai.api"
    label = "api"
    verbose_name = _("接口")

    def ready(self):
        from .labels import register

        register()
