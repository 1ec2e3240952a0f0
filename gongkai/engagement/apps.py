"""Public engagement (政民互动): inquiries and mailboxes, comment solicitation, satisfaction surveys, ratings."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EngagementConfig(AppConfig):
    name = "gongkai.engagement"
    label = "engagement"
    verbose_name = _("政民互动")

    def ready(self):
        from gongkai.core.signals import schedule_changed

        from . import labels

        labels.register()
        schedule_changed.connect(on_schedule_changed, dispatch_uid="engagement.recompute_due_dates")


def on_schedule_changed(sender, years=None, **kwargs):
    """A year's State Council schedule or a region's holidays changed: move the open inquiries' due dates."""
    from .services import recompute_due_dates

    recompute_due_dates(years=set(years or ()))
