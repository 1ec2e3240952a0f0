"""Public engagement (政民互动): inquiries and mailboxes, comment solicitation, satisfaction surveys, ratings."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EngagementConfig(AppConfig):
    name = "gongkai.engagement"
    label = "engagement"
    verbose_name = _("政民互动")

    def ready(self):
        from . import labels

        labels.register()
