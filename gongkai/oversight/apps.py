from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OversightConfig(AppConfig):
    name = "gongkai.oversight"
    label = "oversight"
    verbose_name = _("监督考核")

    def ready(self):
        from gongkai.core.messaging import register_channel_source

        from . import labels
        from .rules import discover
        from .services.reminders import reminder_channels

        labels.register()
        discover()
        register_channel_source(reminder_channels)
