from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VillagesConfig(AppConfig):
    name = "gongkai.villages"
    label = "villages"
    verbose_name = _("五务公开")
