from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "gongkai.search"
    label = "search"
    verbose_name = _("全文检索")

    def ready(self):
        from django.core import checks

        from . import labels, receivers  # noqa: F401
        from .checks import search_settings_check

        receivers.connect()
        checks.register(search_settings_check)
