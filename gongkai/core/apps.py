from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "gongkai.core"
    label = "core"
    verbose_name = _("基础")

    def ready(self):
        from django.core import checks

        from . import labels  # noqa: F401
        from .documents.fonts import fonts_check

        checks.register(fonts_check)
