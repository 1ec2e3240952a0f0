from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    name = "gongkai.cases"
    label = "cases"
    verbose_name = _("办件公开")

    def ready(self):
        from .labels import register

        register()
