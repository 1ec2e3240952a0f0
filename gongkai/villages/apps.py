from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VillagesConfig(AppConfig):
    name = "gongkai.villages"
    label = "villages"
    verbose_name = _("五务公开")

    def ready(self):
        from . import labels, receivers  # noqa: F401 - registers the audit labels

        receivers.connect()
